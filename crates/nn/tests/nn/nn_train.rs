//! The trainer: replayed gradients equal a full graph's, training works, runs reproduce.

use gradgraph::Graph;
use gradgraph_nn::Error;
use gradgraph_nn::data::Dataset;
use gradgraph_nn::{
    Activation, Clip, Init, Loss, Mlp, Optimizer, Output, TrainConfig, evaluate, loss, train,
};

/// micrograd's way: one graph holding every sample, its loss `mean(l_i) + α Σ p²`.
fn full_graph_gradient(net: &Mlp, data: &Dataset, kind: Loss, alpha: f64) -> (f64, Vec<f64>) {
    let g = Graph::new();
    let mut bound = net.bind(&g);
    let mut losses = Vec::new();
    for (x, &y) in data.inputs.iter().zip(&data.targets) {
        let xs: Vec<_> = x.iter().map(|&v| g.input(v)).collect();
        let z = bound.forward_logits(&xs).expect("full graph gradient");
        let mut t = vec![0.0; net.n_outputs()];
        gradgraph_nn::train::encode_target(kind, data.task, y, &mut t);
        let ts: Vec<_> = t.iter().map(|&v| g.constant(v)).collect();
        losses.push(
            kind.sample(&g, net.output, &z, &ts)
                .expect("full graph gradient"),
        );
    }
    let total = loss::mean(&g, &losses) + loss::l2(&g, bound.parameters(), alpha);
    g.backward(total);
    (
        total.data(),
        bound.parameters().iter().map(|p| p.grad()).collect(),
    )
}

#[test]
fn replayed_samples_give_the_full_graphs_loss_and_gradient() {
    let data = Dataset::builtin("moons", Some(30), None, 4).unwrap();
    for (kind, output, n_out) in [
        (Loss::Hinge, Output::Linear, 1),
        (Loss::Bce, Output::Sigmoid, 1),
        (Loss::Mse, Output::Sigmoid, 1),
        (Loss::CrossEntropy, Output::Softmax, 2),
    ] {
        let net = Mlp::builder(&[2, 5, 4, n_out])
            .activation(Activation::TANH)
            .output(output)
            .init(Init::GlorotUniform)
            .seed(4)
            .build()
            .unwrap();
        let (want_loss, want_grad) = full_graph_gradient(&net, &data, kind, 1e-3);
        let mut seen = None;
        let config = TrainConfig {
            optimizer: Optimizer::sgd(),
            lr: 0.1,
            loss: kind,
            l2: 1e-3,
            steps: 1,
            ..TrainConfig::default()
        };
        let mut trained = net.clone();
        train(&mut trained, &data, &config, |s| {
            seen = Some((s.loss, s.grads.to_vec()))
        })
        .unwrap();
        let (got_loss, got_grad) = seen.unwrap();
        assert!(
            (got_loss - want_loss).abs() < 1e-14,
            "{kind}: {got_loss} vs {want_loss}"
        );
        for (a, b) in got_grad.iter().zip(&want_grad) {
            assert!(
                (a - b).abs() <= 1e-14 * (1.0 + b.abs()),
                "{kind}: {a} vs {b}"
            );
        }
    }
}

#[test]
fn xor_is_solved_from_a_fixed_seed() {
    let data = Dataset::xor();
    let mut net = Mlp::builder(&[2, 4, 1])
        .activation(Activation::TANH)
        .output(Output::Sigmoid)
        .init(Init::GlorotUniform)
        .seed(1)
        .build()
        .unwrap();
    let config = TrainConfig {
        loss: Loss::Bce,
        optimizer: Optimizer::adam(),
        lr: 0.1,
        steps: 200,
        ..TrainConfig::default()
    };
    let report = train(&mut net, &data, &config, |_| {}).unwrap();
    assert_eq!(report.loss.len(), 200);
    let m = evaluate(&net, &data, Loss::Bce, 0.0).unwrap();
    assert_eq!(m.accuracy, Some(1.0));
    assert_eq!(m.loss, report.final_loss);
    assert!(report.final_loss < 0.1, "{}", report.final_loss);
}

#[test]
fn regression_fits_the_square() {
    let data = Dataset::builtin("square", Some(40), None, 2).unwrap();
    let mut net = Mlp::builder(&[1, 8, 1])
        .activation(Activation::TANH)
        .output(Output::Linear)
        .init(Init::GlorotUniform)
        .seed(2)
        .build()
        .unwrap();
    let config = TrainConfig {
        loss: Loss::Mse,
        optimizer: Optimizer::adam(),
        lr: 0.05,
        steps: 300,
        ..TrainConfig::default()
    };
    let before = evaluate(&net, &data, Loss::Mse, 0.0).unwrap().rmse.unwrap();
    train(&mut net, &data, &config, |_| {}).unwrap();
    let after = evaluate(&net, &data, Loss::Mse, 0.0).unwrap();
    assert!(after.accuracy.is_none());
    assert!(
        after.rmse.unwrap() < 0.1 && after.rmse.unwrap() < before / 2.0,
        "{after:?}"
    );
}

#[test]
fn runs_are_reproducible_and_mini_batches_follow_the_seed() {
    let data = Dataset::builtin("circles", Some(10), None, 3).unwrap();
    let run = |seed: u64, batch: Option<usize>| {
        let mut net = Mlp::builder(&[2, 3, 1])
            .activation(Activation::RELU)
            .output(Output::Linear)
            .init(Init::HeUniform)
            .seed(3)
            .build()
            .unwrap();
        let config = TrainConfig {
            optimizer: Optimizer::sgd(),
            lr: 0.1,
            loss: Loss::Hinge,
            steps: 9,
            batch_size: batch,
            seed,
            ..TrainConfig::default()
        };
        let mut sizes = Vec::new();
        let report = train(&mut net, &data, &config, |s| sizes.push(s.grads.len())).unwrap();
        (report.loss, net.parameters())
    };
    assert_eq!(run(1, Some(4)), run(1, Some(4)));
    assert_ne!(run(1, Some(4)).0, run(2, Some(4)).0);
    // full batch does not shuffle: the seed does not matter
    assert_eq!(run(1, None), run(2, None));
}

#[test]
fn clipping_bounds_the_gradient_used() {
    let data = Dataset::builtin("moons", Some(20), None, 1).unwrap();
    let mut net = Mlp::builder(&[2, 8, 1])
        .activation(Activation::RELU)
        .output(Output::Linear)
        .init(Init::Uniform(3.0))
        .seed(1)
        .build()
        .unwrap();
    let config = TrainConfig {
        optimizer: Optimizer::sgd(),
        lr: 0.1,
        loss: Loss::Hinge,
        steps: 5,
        clip: Clip {
            value: Some(0.01),
            norm: Some(0.05),
        },
        ..TrainConfig::default()
    };
    train(&mut net, &data, &config, |s| {
        let norm = s.grads.iter().map(|g| g * g).sum::<f64>().sqrt();
        assert!(norm <= 0.05 + 1e-15);
        assert!(s.grads.iter().all(|g| g.abs() <= 0.01));
        assert!(s.grad_norm >= norm);
    })
    .unwrap();
}

#[test]
fn a_diverging_run_is_not_an_error() {
    let data = Dataset::builtin("sine", Some(20), None, 1).unwrap();
    let mut net = Mlp::builder(&[1, 8, 8, 1])
        .activation(Activation::RELU)
        .output(Output::Linear)
        .init(Init::Uniform(5.0))
        .seed(1)
        .build()
        .unwrap();
    let config = TrainConfig {
        optimizer: Optimizer::sgd(),
        lr: 1e6,
        steps: 20,
        ..TrainConfig::default()
    };
    let report = train(&mut net, &data, &config, |_| {}).unwrap();
    assert!(report.loss.iter().any(|l| !l.is_finite()) || report.loss[19] > 1e6);
}

#[test]
fn mismatches_are_refused() {
    let circles = Dataset::builtin("circles", Some(10), None, 1).unwrap();
    let square = Dataset::builtin("square", Some(10), None, 1).unwrap();
    let blobs = Dataset::builtin("blobs", Some(12), None, 1).unwrap();
    let net = |n_in, n_out, out| {
        Mlp::builder(&[n_in, 2, n_out])
            .activation(Activation::TANH)
            .output(out)
            .init(Init::Lecun)
            .seed(1)
            .build()
            .unwrap()
    };
    let fit = |m: &Mlp, d: &Dataset, l: Loss| gradgraph_nn::train::check_fit(m, d, l);
    assert!(matches!(
        fit(&net(1, 1, Output::Linear), &circles, Loss::Bce),
        Err(Error::Shape { .. })
    ));
    let err = fit(&net(1, 1, Output::Linear), &square, Loss::Hinge).unwrap_err();
    assert!(err.to_string().contains("two classes"), "{err}");
    let err = fit(&net(2, 2, Output::Softmax), &blobs, Loss::CrossEntropy).unwrap_err();
    assert!(
        err.to_string().contains("one output per class (3)"),
        "{err}"
    );
    assert!(fit(&net(2, 3, Output::Softmax), &blobs, Loss::CrossEntropy).is_ok());
    assert!(fit(&net(2, 3, Output::Softmax), &blobs, Loss::Mse).is_ok());
    // a data set built by hand with a short row
    let mut ragged = circles.clone();
    ragged.inputs[3].pop();
    let err = fit(&net(2, 1, Output::Linear), &ragged, Loss::Hinge).unwrap_err();
    assert!(err.to_string().contains("inputs of sample 4"), "{err}");
    let mut m = net(2, 1, Output::Linear);
    let bad = TrainConfig {
        optimizer: Optimizer::sgd(),
        loss: Loss::Hinge,
        lr: f64::NAN,
        ..TrainConfig::default()
    };
    let err = train(&mut m, &circles, &bad, |_| {}).unwrap_err();
    assert!(err.to_string().contains("learning rate"), "{err}");
}

#[test]
fn several_classes_with_softmax() {
    let data = Dataset::builtin("blobs", Some(60), Some(0.2), 5).unwrap();
    let mut net = Mlp::builder(&[2, 6, 3])
        .activation(Activation::RELU)
        .output(Output::Softmax)
        .init(Init::HeUniform)
        .seed(5)
        .build()
        .unwrap();
    let config = TrainConfig {
        loss: Loss::CrossEntropy,
        optimizer: Optimizer::adam(),
        lr: 0.05,
        steps: 100,
        batch_size: Some(16),
        ..TrainConfig::default()
    };
    let report = train(&mut net, &data, &config, |_| {}).unwrap();
    assert!(report.final_loss < report.loss[0]);
    let m = evaluate(&net, &data, Loss::CrossEntropy, 0.0).unwrap();
    assert!(m.accuracy.unwrap() > 0.9, "{m:?}");
}

#[test]
fn batches_larger_than_one_graph_replay_one_sample_at_a_time() {
    // more samples than MAX_SLOTS: the trainer replays one sample's graph per sample
    let n = gradgraph_nn::train::MAX_SLOTS + 6;
    let data = Dataset::builtin("circles", Some(n), None, 9).unwrap();
    let net = Mlp::builder(&[2, 2, 1])
        .activation(Activation::TANH)
        .output(Output::Linear)
        .init(Init::GlorotUniform)
        .seed(9)
        .build()
        .unwrap();
    let (want_loss, want_grad) = full_graph_gradient(&net, &data, Loss::Hinge, 1e-2);
    let config = TrainConfig {
        optimizer: Optimizer::sgd(),
        lr: 0.1,
        loss: Loss::Hinge,
        l2: 1e-2,
        steps: 1,
        ..TrainConfig::default()
    };
    let mut seen = None;
    train(&mut net.clone(), &data, &config, |s| {
        seen = Some((s.loss, s.grads.to_vec()))
    })
    .unwrap();
    let (got_loss, got_grad) = seen.unwrap();
    assert!((got_loss - want_loss).abs() < 1e-13);
    for (a, b) in got_grad.iter().zip(&want_grad) {
        assert!((a - b).abs() <= 1e-12 * (1.0 + b.abs()), "{a} vs {b}");
    }
}

#[test]
fn an_epoch_may_end_on_a_single_sample() {
    // 9 samples in batches of 4: 4, 4, 1, then a new shuffle
    let data = Dataset::builtin("moons", Some(9), None, 2).unwrap();
    let mut net = Mlp::builder(&[2, 3, 1])
        .activation(Activation::RELU)
        .output(Output::Linear)
        .init(Init::HeUniform)
        .seed(2)
        .build()
        .unwrap();
    let config = TrainConfig {
        optimizer: Optimizer::sgd(),
        lr: 0.1,
        loss: Loss::Hinge,
        steps: 7,
        batch_size: Some(4),
        ..TrainConfig::default()
    };
    let report = train(&mut net, &data, &config, |_| {}).unwrap();
    assert!(report.loss.iter().all(|l| l.is_finite()));
}

#[test]
fn the_default_config_is_the_clis() {
    use gradgraph_nn::data::Task;
    let d = TrainConfig::default();
    assert_eq!(d.optimizer, Optimizer::adam());
    assert_eq!(d.lr, 0.01);
    assert_eq!(d.lr, Optimizer::adam().default_lr());
    assert_eq!(
        (d.loss, d.steps, d.l2, d.batch_size, d.seed),
        (Loss::Mse, 100, 0.0, None, 0)
    );
    assert_eq!(d.lr_end, None);
    assert_eq!(TrainConfig::for_task(Task::Binary).loss, Loss::Bce);
    assert_eq!(
        TrainConfig::for_task(Task::Classes(3)).loss,
        Loss::CrossEntropy
    );
    let sgd = TrainConfig::sgd(0.1);
    assert_eq!((sgd.optimizer, sgd.lr), (Optimizer::sgd(), 0.1));
    assert_eq!(
        sgd,
        TrainConfig {
            optimizer: Optimizer::Sgd { momentum: 0.0 },
            lr: 0.1,
            ..TrainConfig::default()
        }
    );
}

#[test]
fn the_output_and_the_number_of_outputs_follow_the_loss_and_the_task() {
    use gradgraph_nn::data::Task;
    let cases = [
        (Loss::Mse, Task::Regression, 1, Output::Linear),
        (Loss::Mse, Task::Binary, 1, Output::Linear),
        (Loss::Mse, Task::Classes(4), 4, Output::Softmax),
        (Loss::Bce, Task::Binary, 1, Output::Sigmoid),
        (Loss::Hinge, Task::Binary, 1, Output::Linear),
        (Loss::CrossEntropy, Task::Binary, 2, Output::Softmax),
        (Loss::CrossEntropy, Task::Classes(3), 3, Output::Softmax),
    ];
    for (loss, task, n, output) in cases {
        assert_eq!(loss.outputs_for(task), n, "{loss} {task}");
        assert_eq!(Output::default_for(loss, task), output, "{loss} {task}");
    }
    assert_eq!(Loss::default_for(Task::Regression), Loss::Mse);
    assert_eq!(Loss::default_for(Task::Binary), Loss::Bce);
    assert_eq!(Loss::default_for(Task::Classes(5)), Loss::CrossEntropy);
}

#[test]
fn the_graph_size_estimate_counts_weights_copies_and_edges() {
    use gradgraph_nn::train::{MAX_EDGES, MAX_SLOTS, check_graph_size, graph_size};
    // 2-16-16-1: 3·16 + 17·16 + 17 = 337 weights
    let s = graph_size(&[2, 16, 16, 1], 100);
    assert_eq!((s.weights, s.copies, s.edges), (337, 100, 2 * 337 * 100));
    assert!(s.fits());
    assert_eq!(
        graph_size(&[2, 16, 16, 1], 10 * MAX_SLOTS).copies,
        MAX_SLOTS
    );
    // just over the limit: 30,000,001 weights-and-inputs pairs of one copy
    let big = graph_size(&[1, 15_000_000, 1], 1);
    assert_eq!(big.edges, 2 * (2 * 15_000_000 + 15_000_001));
    assert!(big.edges > MAX_EDGES && !big.fits());
    let err = check_graph_size(&[1, 15_000_000, 1], 1).unwrap_err();
    assert!(matches!(err, Error::TooLarge { .. }), "{err}");
    assert!(err.to_string().contains("more than the 60000000"), "{err}");
    // sizes that overflow saturate instead of panicking
    assert!(!graph_size(&[usize::MAX, usize::MAX, 1], usize::MAX).fits());
}
