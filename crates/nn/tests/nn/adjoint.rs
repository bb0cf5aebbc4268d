//! The adjoint check on whole nets, as PyTorch's fast gradcheck does it: for a net `f` of
//! its parameters and inputs `p`, random directions `u` (over `p`) and `v` (over the
//! outputs), the reverse-mode product `uᵀ(Jᵀ v)` (one backward pass of `vᵀ f`) equals
//! `vᵀ(J u)`, computed through `Graph::grad` twice (the derivative, along `w`, of
//! `uᵀ ∇ₚ(wᵀ f)`), to rounding; and both equal the central difference of `vᵀ f` along `u`.
//! No per-input finite differences: one number per net, which a wrong gradient of any
//! parameter changes.

use gradgraph::{Graph, Kind, OPS, Value};
use gradgraph_nn::{Activation, Init, Loss, Mlp, Output, Rnn};

/// Numbers in [-1, 1) from a fixed seed.
fn numbers(seed: u64, n: usize) -> Vec<f64> {
    let mut state = seed ^ 0x2545_f491_4f6c_dd1d;
    (0..n)
        .map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            ((state >> 11) as f64 / (1u64 << 53) as f64) * 2.0 - 1.0
        })
        .collect()
}

/// `Σ a_i b_i` as a value of the graph, the `a_i` constants.
fn dot<'g>(g: &'g Graph, a: &[f64], b: &[Value<'g>]) -> Value<'g> {
    let terms: Vec<Value<'g>> = a.iter().zip(b).map(|(&x, &y)| y * x).collect();
    g.sum(&terms)
}

/// A loss on the net's scores: the loss, the output function and one sample's targets.
type Head<'a> = (Loss, Output, &'a [f64]);

/// The three numbers of the check for the net `mlp` on the input `x`, of its scores or of
/// the loss `head` on them: `uᵀ(Jᵀ v)`, `vᵀ(J u)` and the central difference of `vᵀ f`
/// along `u`.
fn adjoint(mlp: &Mlp, x: &[f64], seed: u64, head: Option<Head<'_>>) -> (f64, f64, f64) {
    let g = Graph::new();
    let inputs: Vec<Value> = x.iter().map(|&v| g.input(v)).collect();
    let mut bound = mlp.bind(&g);
    let scores = bound.forward(&inputs).expect("the input's size");
    let outputs = match head {
        None => scores,
        Some((loss, output, targets)) => {
            let t: Vec<Value> = targets.iter().map(|&y| g.constant(y)).collect();
            vec![
                loss.sample(&g, output, &scores, &t)
                    .expect("the targets fit"),
            ]
        }
    };
    let mut leaves: Vec<Value> = bound.parameters().to_vec();
    leaves.extend(&inputs);
    adjoint_of(&g, &leaves, &outputs, seed)
}

/// The three numbers of the check for the function from `leaves` to `outputs` in `g`.
fn adjoint_of<'g>(
    g: &'g Graph,
    leaves: &[Value<'g>],
    outputs: &[Value<'g>],
    seed: u64,
) -> (f64, f64, f64) {
    let u = numbers(seed, leaves.len());
    let v = numbers(seed + 1, outputs.len());
    // reverse mode: ∇ₚ(vᵀ f) = Jᵀ v, then uᵀ(Jᵀ v)
    let vf = dot(g, &v, outputs);
    let jtv: Vec<f64> = g.grad(vf, leaves).iter().map(|d| d.data()).collect();
    let reverse: f64 = u.iter().zip(&jtv).map(|(a, b)| a * b).sum();
    // J u through the graph of the gradient: w ↦ uᵀ ∇ₚ(wᵀ f) is wᵀ J u, whose gradient in
    // w is J u
    let w: Vec<Value> = outputs.iter().map(|_| g.input(0.5)).collect();
    let wf = g.sum(
        &outputs
            .iter()
            .zip(&w)
            .map(|(&f, &wi)| f * wi)
            .collect::<Vec<_>>(),
    );
    let grads = g.grad(wf, leaves);
    let along = dot(g, &u, &grads);
    let ju: Vec<f64> = g.grad(along, &w).iter().map(|d| d.data()).collect();
    let forward: f64 = v.iter().zip(&ju).map(|(a, b)| a * b).sum();
    // the central difference of vᵀ f along u, every node recomputed from the moved leaves
    let start: Vec<f64> = leaves.iter().map(|l| l.data()).collect();
    let h = 1e-6;
    let at = |s: f64| {
        for ((l, &x0), &ui) in leaves.iter().zip(&start).zip(&u) {
            l.set_data(x0 + s * ui);
        }
        g.forward();
        vf.data()
    };
    let difference = (at(h) - at(-h)) / (2.0 * h);
    at(0.0);
    (reverse, forward, difference)
}

fn check(what: &str, (reverse, forward, difference): (f64, f64, f64)) {
    let scale = reverse.abs().max(1.0);
    assert!(
        (reverse - forward).abs() <= 1e-12 * scale,
        "{what}: uᵀ(Jᵀv) = {reverse:e}, vᵀ(Ju) = {forward:e}"
    );
    assert!(
        (reverse - difference).abs() <= 1e-6 * scale,
        "{what}: uᵀ(Jᵀv) = {reverse:e}, the difference of vᵀf along u = {difference:e}"
    );
    println!(
        "{what:<24} uᵀ(Jᵀv) {reverse:+.16e}  vᵀ(Ju) − it {:9.1e}  difference − it {:9.1e}",
        forward - reverse,
        difference - reverse
    );
}

#[test]
fn every_activation_passes_the_adjoint_check_on_a_net() {
    let activations: Vec<Activation> = OPS
        .iter()
        .filter(|i| matches!(i.kind, Kind::Activation(_)))
        .filter_map(|i| Activation::new(i.op).ok())
        .collect();
    assert!(activations.len() >= 10, "{activations:?}");
    for (k, &activation) in activations.iter().enumerate() {
        let mlp = Mlp::builder(&[3, 5, 4, 2])
            .activations(&[activation])
            .seed(7 + k as u64)
            .build()
            .expect("a net");
        check(
            &activation.to_string(),
            adjoint(&mlp, &[0.3, -0.7, 1.1], 40 + k as u64, None),
        );
    }
}

#[test]
fn every_loss_passes_the_adjoint_check_on_a_net() {
    // (loss, outputs of the net, the output function, one sample's targets)
    let cases: [(Loss, usize, Output, &[f64]); 4] = [
        (Loss::Mse, 2, Output::Linear, &[0.4, -1.2]),
        (Loss::Bce, 1, Output::Sigmoid, &[1.0]),
        (Loss::Hinge, 1, Output::Linear, &[-1.0]),
        (Loss::CrossEntropy, 3, Output::Softmax, &[0.0, 1.0, 0.0]),
    ];
    for (k, (loss, outputs, output, targets)) in cases.into_iter().enumerate() {
        let mlp = Mlp::builder(&[2, 4, outputs])
            .activations(&[Activation::TANH])
            .seed(3 + k as u64)
            .build()
            .expect("a net");
        check(
            &format!("{loss:?}"),
            adjoint(
                &mlp,
                &[0.6, -0.2],
                90 + k as u64,
                Some((loss, output, targets)),
            ),
        );
    }
}

#[test]
fn batch_norm_passes_the_adjoint_check_on_a_batch() {
    // a 2-4-3-1 net with batch norm after each hidden layer, trained mode, on a batch of 5:
    // every output depends on every sample through the batch's mean and variance
    let mlp = Mlp::builder(&[2, 4, 3, 1])
        .activations(&[Activation::TANH])
        .batch_norm(true)
        .seed(11)
        .build()
        .expect("a net");
    let g = Graph::new();
    let batch: Vec<Vec<Value>> = numbers(5, 10)
        .chunks(2)
        .map(|x| x.iter().map(|&v| g.input(2.0 * v)).collect())
        .collect();
    let mut bound = mlp.bind(&g);
    let scores = bound.forward_batch_train(&batch).expect("a batch");
    let outputs: Vec<Value> = scores.into_iter().flatten().collect();
    assert_eq!(outputs.len(), 5);
    let mut leaves: Vec<Value> = bound.parameters().to_vec();
    leaves.extend(batch.iter().flatten());
    check("batch norm", adjoint_of(&g, &leaves, &outputs, 120));
}

#[test]
fn the_recurrent_net_passes_the_adjoint_check_through_time() {
    // 3 hidden units unrolled over 6 steps: each output depends on every earlier input and
    // on the weights at every step
    let rnn = Rnn::new(3, Init::Uniform(0.8), 17);
    let g = Graph::new();
    let xs: Vec<Value> = numbers(23, 6).into_iter().map(|v| g.input(v)).collect();
    let unrolled = rnn.unroll(&g, &xs);
    let mut leaves = unrolled.params.clone();
    leaves.extend(&xs);
    check(
        "recurrent net",
        adjoint_of(&g, &leaves, &unrolled.outputs, 130),
    );
}
