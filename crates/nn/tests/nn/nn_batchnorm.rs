//! Batch normalisation: statistics, gradients through the batch, running statistics.

use gradgraph::{Graph, Value, gradcheck};
use gradgraph_nn::data::Dataset;
use gradgraph_nn::{
    Activation, BatchNorm, Init, Loss, Mlp, Optimizer, Output, TrainConfig, evaluate, train,
};

#[test]
fn training_mode_standardises_the_batch() {
    let bn = BatchNorm::new(2);
    let g = Graph::new();
    let params = bn.bind(&g, "1");
    let rows = [[1.0, 10.0], [2.0, 20.0], [4.0, 60.0], [5.0, 30.0]];
    let batch: Vec<Vec<Value<'_>>> = rows
        .iter()
        .map(|r| r.iter().map(|&v| g.input(v)).collect())
        .collect();
    let (y, stats) = bn.forward_train(&g, &params, &batch).unwrap();
    for j in 0..2 {
        let col: Vec<f64> = rows.iter().map(|r| r[j]).collect();
        // μ = (1/B) Σ z, σ² = (1/B) Σ (z − μ)² (biased)
        let mu = col.iter().sum::<f64>() / 4.0;
        let var = col.iter().map(|z| (z - mu).powi(2)).sum::<f64>() / 4.0;
        assert!((stats[j].0.data() - mu).abs() < 1e-12);
        assert!((stats[j].1.data() - var).abs() < 1e-12);
        let out: Vec<f64> = y.iter().map(|r| r[j].data()).collect();
        let m = out.iter().sum::<f64>() / 4.0;
        let v = out.iter().map(|o| (o - m).powi(2)).sum::<f64>() / 4.0;
        assert!(m.abs() < 1e-12);
        assert!((v - var / (var + 1e-5)).abs() < 1e-12);
    }
}

#[test]
fn gradients_flow_through_the_batch_statistics() {
    // f(z_1..z_4, γ, β) = Σ_i w_i · BN(z)_i, with distinct w_i so the coupling matters
    let weights = [0.3, -1.2, 0.8, 2.0];
    let check = gradcheck(
        |g, v| {
            let bn = BatchNorm::new(1);
            let params = [v[4], v[5]];
            let batch: Vec<Vec<Value<'_>>> = v[..4].iter().map(|&z| vec![z]).collect();
            let (y, _) = bn.forward_train(g, &params, &batch).unwrap();
            let terms: Vec<Value<'_>> = y.iter().zip(weights).map(|(r, w)| r[0] * w).collect();
            g.sum(&terms)
        },
        &[0.5, -1.0, 2.0, 0.25, 1.5, -0.3],
    );
    assert!(check.passed(), "{check}");
    // the gradient of a sum of normalised outputs w.r.t. any input is 0 (they sum to Bβ)
    let g = Graph::new();
    let bn = BatchNorm::new(1);
    let params = bn.bind(&g, "");
    let zs: Vec<Value<'_>> = [0.5, -1.0, 2.0].iter().map(|&v| g.input(v)).collect();
    let batch: Vec<Vec<Value<'_>>> = zs.iter().map(|&z| vec![z]).collect();
    let (y, _) = bn.forward_train(&g, &params, &batch).unwrap();
    let total = g.sum(&y.iter().map(|r| r[0]).collect::<Vec<_>>());
    g.backward(total);
    assert!(zs.iter().all(|z| z.grad().abs() < 1e-12));
}

#[test]
fn running_statistics_and_evaluation_mode() {
    let mut bn = BatchNorm::new(1);
    // running = 0.9 running + 0.1 batch; the variance unbiased by B/(B−1)
    bn.update_running(&[2.0], &[3.0], 4);
    assert!((bn.running_mean[0] - 0.2).abs() < 1e-15);
    assert!((bn.running_var[0] - (0.9 + 0.1 * 3.0 * 4.0 / 3.0)).abs() < 1e-15);
    bn.gamma[0] = 2.0;
    bn.beta[0] = 0.5;
    let g = Graph::new();
    let params = bn.bind(&g, "");
    let z = g.input(1.0);
    let y = bn.forward_eval(&params, &[z]).unwrap()[0];
    // γ (z − mean)/√(var + ε) + β
    let want = 2.0 * (1.0 - 0.2) / (bn.running_var[0] + 1e-5).sqrt() + 0.5;
    assert!((y.data() - want).abs() < 1e-15);
}

#[test]
fn a_batch_of_one_is_refused() {
    let bn = BatchNorm::new(1);
    let g = Graph::new();
    let params = bn.bind(&g, "");
    assert!(
        bn.forward_train(&g, &params, &[vec![g.input(1.0)]])
            .is_err()
    );
    let data = Dataset::xor();
    let mut net = Mlp::builder(&[2, 3, 1])
        .activation(Activation::RELU)
        .output(Output::Sigmoid)
        .init(Init::HeUniform)
        .seed(1)
        .batch_norm(true)
        .build()
        .unwrap();
    let config = TrainConfig {
        optimizer: Optimizer::sgd(),
        lr: 0.1,
        loss: Loss::Bce,
        batch_size: Some(1),
        ..TrainConfig::default()
    };
    assert!(train(&mut net, &data, &config, |_| {}).is_err());
}

#[test]
fn a_batch_normalised_net_trains_and_keeps_running_statistics() {
    let data = Dataset::builtin("circles", Some(64), None, 2).unwrap();
    let mut net = Mlp::builder(&[2, 6, 6, 1])
        .activation(Activation::SIGMOID)
        .output(Output::Sigmoid)
        .init(Init::GlorotUniform)
        .seed(2)
        .batch_norm(true)
        .build()
        .unwrap();
    // 6·(2+1) + 6·(6+1) + (6+1) weights and biases, plus γ and β of 12 units
    assert_eq!(net.parameter_count(), 18 + 42 + 7 + 24);
    let config = TrainConfig {
        loss: Loss::Bce,
        optimizer: Optimizer::adam(),
        lr: 0.05,
        steps: 60,
        batch_size: Some(16),
        ..TrainConfig::default()
    };
    let report = train(&mut net, &data, &config, |_| {}).unwrap();
    assert!(report.loss.iter().all(|l| l.is_finite()));
    assert!(
        report.final_loss < report.loss[0],
        "{} vs {}",
        report.final_loss,
        report.loss[0]
    );
    // the running statistics moved away from their start (mean 0, variance 1)
    assert!(net.batch_norm[0].running_mean.iter().any(|&m| m != 0.0));
    assert!(net.batch_norm[1].running_var.iter().any(|&v| v != 1.0));
    let m = evaluate(&net, &data, Loss::Bce, 0.0).unwrap();
    assert!(m.accuracy.unwrap() > 0.6);
}
