//! The Elman RNN: the unrolled graph, backpropagation through time, training.

use gradgraph::{Graph, Value, gradcheck};
use gradgraph_nn::RnnConfig;
use gradgraph_nn::data::noisy_sine;
use gradgraph_nn::{Init, Optimizer, Rnn};

#[test]
fn one_step_matches_the_formula() {
    // H = 1: h_1 = tanh(w_x x + w_h · 0 + b), y_1 = w_y h_1 + c
    let mut rnn = Rnn::new(1, Init::Zeros, 0);
    rnn.set_parameters(&[0.5, 0.9, 0.1, 2.0, -0.3]).unwrap();
    let y = rnn.predict(&[0.8, -0.2]);
    let h1 = (0.1f64 + 0.5 * 0.8 + 0.9 * 0.0).tanh();
    let h2 = (0.1f64 + 0.5 * -0.2 + 0.9 * h1).tanh();
    assert!((y[0] - (-0.3 + 2.0 * h1)).abs() < 1e-15);
    assert!((y[1] - (-0.3 + 2.0 * h2)).abs() < 1e-15);
    assert_eq!(rnn.parameters(), vec![0.5, 0.9, 0.1, 2.0, -0.3]);
    assert!(rnn.set_parameters(&[1.0]).is_err());
}

#[test]
fn the_unrolled_graph_shares_its_weights_and_groups_each_step() {
    let rnn = Rnn::new(3, Init::GlorotUniform, 2);
    let g = Graph::new();
    let xs: Vec<Value<'_>> = [0.1, 0.2, 0.3, 0.4].iter().map(|&x| g.input(x)).collect();
    let net = rnn.unroll(&g, &xs);
    assert_eq!(g.parameters().len(), rnn.parameter_count()); // one copy, 4 steps
    assert_eq!(net.outputs.len(), 4);
    let steps = g
        .groups()
        .iter()
        .filter(|gr| gr.name.starts_with("step "))
        .count();
    assert_eq!(steps, 4);
}

#[test]
fn input_gradients_through_time_match_finite_differences() {
    // the loss Σ_t (y_t − s_{t+1})² as a function of the inputs x_1..x_4
    let rnn = Rnn::new(2, Init::GlorotUniform, 3);
    let series = [0.3, -0.5, 0.8, 0.1, -0.2];
    let check = gradcheck(
        |g, v| {
            let net = rnn.unroll(g, v);
            let errs: Vec<Value<'_>> = net
                .outputs
                .iter()
                .zip(&series[1..])
                .map(|(&y, &s)| (y - s).powf(2.0))
                .collect();
            g.sum(&errs)
        },
        &series[..4],
    );
    assert!(check.passed(), "{check}");
}

#[test]
fn parameter_gradients_of_bptt_match_finite_differences() {
    let rnn = Rnn::new(2, Init::GlorotUniform, 4);
    let series = [0.3, -0.5, 0.8, 0.1, -0.2];
    let loss_of = |model: &Rnn| {
        let y = model.predict(&series[..4]);
        y.iter()
            .zip(&series[1..])
            .map(|(a, b)| (a - b).powi(2))
            .sum::<f64>()
    };
    let g = Graph::new();
    let xs: Vec<Value<'_>> = series[..4].iter().map(|&x| g.input(x)).collect();
    let net = rnn.unroll(&g, &xs);
    let errs: Vec<Value<'_>> = net
        .outputs
        .iter()
        .zip(&series[1..])
        .map(|(&y, &s)| (y - s).powf(2.0))
        .collect();
    let total = g.sum(&errs);
    g.backward(total);
    let base = rnn.parameters();
    for (i, p) in net.params.iter().enumerate() {
        let h = 1e-6;
        let mut up = rnn.clone();
        let mut v = base.clone();
        v[i] += h;
        up.set_parameters(&v).unwrap();
        let mut down = rnn.clone();
        v[i] -= 2.0 * h;
        down.set_parameters(&v).unwrap();
        let numeric = (loss_of(&up) - loss_of(&down)) / (2.0 * h);
        assert!(
            (p.grad() - numeric).abs() < 1e-6,
            "param {i}: {} vs {numeric}",
            p.grad()
        );
    }
}

#[test]
fn gradients_vanish_back_through_time() {
    let rnn = Rnn::new(4, Init::Uniform(0.5), 5);
    let xs = noisy_sine(30, 20.0, 0.0, 1);
    let grads = rnn.input_gradients(&xs, 0.0).unwrap();
    assert_eq!(grads.len(), 30);
    // the last input matters most; thirty steps back its influence has all but gone
    let last = grads[29].abs();
    assert!(last > 0.0);
    assert!(grads[0].abs() < 1e-3 * last, "{} vs {last}", grads[0]);
    assert!(rnn.input_gradients(&[], 0.0).is_err());
}

#[test]
fn training_on_a_noisy_sine_lowers_the_loss() {
    let series = noisy_sine(100, 20.0, 0.05, 2);
    let mut rnn = Rnn::new(5, Init::GlorotUniform, 2);
    let config = RnnConfig {
        window: 8,
        batch_size: 4,
        steps: 80,
        lr: 0.03,
        optimizer: Optimizer::adam(),
        seed: 2,
        ..RnnConfig::default()
    };
    let report = rnn.train(&series, &config).unwrap();
    assert_eq!(report.loss.len(), 80);
    let early: f64 = report.loss[..10].iter().sum::<f64>() / 10.0;
    let late: f64 = report.loss[70..].iter().sum::<f64>() / 10.0;
    assert!(late < early / 3.0, "{early} -> {late}");
    // same seed, same run
    let mut again = Rnn::new(5, Init::GlorotUniform, 2);
    assert_eq!(again.train(&series, &config).unwrap().loss, report.loss);
    let short = RnnConfig {
        window: 200,
        ..config
    };
    assert!(rnn.train(&series, &short).is_err());
}
