//! Batched replay (`gradgraph_nn::replay`) against the graphs it is compiled from: the ops it
//! writes out itself give the table's bits, a program gives each lane the numbers of the
//! sample's own graph, and `nn::train` (replay) gives the losses of `nn::train_on_graphs`
//! (the graphs) for every activation, loss, optimiser, batch size and batch norm.

use gradgraph::{Graph, Op, Value};
use gradgraph_nn::data::{Dataset, Task};
use gradgraph_nn::replay::{self, Order, Program};
use gradgraph_nn::train::{MAX_SLOTS, train_on_graphs};
use gradgraph_nn::{
    Activation, Clip, Init, Loss, Mlp, Optimizer, Output, TrainConfig, TrainReport, train,
};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Values that exercise every branch: signs, zeros, infinities, NaN, subnormals, kinks.
fn awkward(rng: &mut ChaCha8Rng) -> Vec<f64> {
    let mut v = vec![
        0.0,
        -0.0,
        1.0,
        -1.0,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
        f64::MIN_POSITIVE / 4.0,
        -f64::MIN_POSITIVE / 4.0,
        f64::MAX,
        f64::MIN,
        1e-300,
        -1e300,
    ];
    v.extend((0..2000).map(|_| rng.random_range(-10.0..10.0)));
    v
}

#[test]
fn the_written_out_relu_gives_the_tables_bits() {
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    for x in awkward(&mut rng) {
        let out = Op::Relu.forward(&[x]);
        assert_eq!(replay::relu(x).to_bits(), out.to_bits(), "relu({x})");
        assert_eq!(
            replay::relu_derivative(x).to_bits(),
            Op::Relu.local_derivative(&[x], out, 0).to_bits(),
            "relu'({x})"
        );
    }
}

/// A graph `root = Σ_k f(weighted sums of varying inputs)` through `op`, the program over
/// `lanes` samples, and the graph replayed per sample: every lane's value and every
/// parameter's gradient must be the same bits.
fn check_program(op: Op, lanes: usize, seed: u64) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let g = Graph::new();
    let x: Vec<Value> = (0..3).map(|_| g.input(0.0)).collect();
    let t = g.constant(0.0);
    let mut hidden = Vec::new();
    let mut params = Vec::new();
    for _ in 0..4 {
        let w: Vec<Value> = (0..3)
            .map(|_| g.parameter(rng.random_range(-1.0..1.0)))
            .collect();
        let b = g.parameter(rng.random_range(-1.0..1.0));
        params.extend(w.iter().copied());
        params.push(b);
        let z = g.weighted_sum(&w, &x, b).expect("3 weights, 3 inputs");
        let operands: Vec<Value> = match op.arity() {
            1 => vec![z],
            // prelu's slope, a parameter shared by the layer
            _ => vec![z, params[0]],
        };
        hidden.push(g.apply(op, &operands).expect("an activation"));
    }
    let out = g.sum(&hidden);
    let root = (out - t) * (out - t);
    let mut varying = x.clone();
    varying.push(t);
    let mut p = Program::compile(&g, root, &varying, lanes).expect("compiles");
    let samples: Vec<[f64; 4]> = (0..lanes)
        .map(|_| std::array::from_fn(|_| rng.random_range(-2.0..2.0)))
        .collect();
    for (l, s) in samples.iter().enumerate() {
        for (v, &xi) in varying.iter().zip(s) {
            p.set(v.index(), l, xi);
        }
    }
    p.forward(lanes);
    p.backward(lanes, Order::Forward);
    g.zero_grad();
    for (l, s) in samples.iter().enumerate() {
        for (v, &xi) in varying.iter().zip(s) {
            v.set_data(xi);
        }
        g.forward();
        // no zero_grad: the parameters collect every sample, lane 0 first
        g.backward(root);
        for v in g.values() {
            if v.index() <= root.index() {
                assert_eq!(
                    p.data(v.index(), l).to_bits(),
                    v.data().to_bits(),
                    "{op:?}: node {} lane {l}",
                    v.index()
                );
            }
        }
    }
    for w in &params {
        let (got, want) = (p.grad(w.index()), w.grad());
        if op == Op::Prelu && w.index() == params[0].index() {
            // used by every neuron and by every lane: summed in another order
            assert!((got - want).abs() <= 1e-12 * want.abs(), "{got} vs {want}");
        } else {
            assert_eq!(
                got.to_bits(),
                want.to_bits(),
                "{op:?}: parameter {}",
                w.index()
            );
        }
    }
}

#[test]
fn a_program_gives_each_lane_its_samples_numbers_for_every_activation() {
    for (k, info) in gradgraph::OPS.iter().enumerate() {
        if Activation::new(info.op).is_ok() {
            check_program(info.op, 13, k as u64);
        }
    }
    check_program(Op::Tanh, 1, 99);
}

#[test]
fn a_program_refuses_what_it_cannot_replay() {
    let g = Graph::new();
    let x = g.input(1.0);
    let y = x * 2.0;
    assert!(Program::compile(&g, y, &[x], 0).is_err());
    assert!(Program::compile(&g, y, &[y], 4).is_err());
    let other = Graph::new();
    let z = other.input(1.0);
    assert!(Program::compile(&g, y, &[z], 4).is_err());
    assert!(Program::compile(&g, y, &[x], 1 << 40).is_err());
}

fn assert_same(a: &TrainReport, b: &TrainReport, what: &str, exact: bool) {
    assert_eq!(a.loss.len(), b.loss.len());
    for (k, (x, y)) in a
        .loss
        .iter()
        .chain(&a.grad_norm)
        .chain([&a.final_loss])
        .zip(b.loss.iter().chain(&b.grad_norm).chain([&b.final_loss]))
        .enumerate()
    {
        if exact {
            assert_eq!(x.to_bits(), y.to_bits(), "{what}: entry {k}: {x} vs {y}");
        } else {
            assert!(
                (x - y).abs() <= 1e-12 * y.abs().max(1e-300) || x.to_bits() == y.to_bits(),
                "{what}: entry {k}: {x} vs {y}"
            );
        }
    }
}

/// Trains the same net both ways and compares the reports and the trained parameters.
fn both(mlp: &Mlp, data: &Dataset, config: &TrainConfig, what: &str, exact: bool) {
    let (mut a, mut b) = (mlp.clone(), mlp.clone());
    let ra = train(&mut a, data, config, |_| {}).expect("trains");
    let rb = train_on_graphs(&mut b, data, config, |_| {}).expect("trains");
    assert_same(&ra, &rb, what, exact);
    for (x, y) in a.parameters().iter().zip(b.parameters()) {
        assert!(
            x.to_bits() == y.to_bits() || (!exact && (x - y).abs() <= 1e-12 * y.abs().max(1.0)),
            "{what}: parameters {x} vs {y}"
        );
    }
}

fn net(sizes: &[usize], activation: Activation, output: Output, bn: bool) -> Mlp {
    Mlp::builder(sizes)
        .activation(activation)
        .output(output)
        .init(Init::default_for(&activation))
        .batch_norm(bn)
        .seed(5)
        .build()
        .expect("a net")
}

#[test]
fn train_replays_the_graphs_for_every_activation() {
    let data = Dataset::builtin("moons", Some(40), None, 2).expect("moons");
    for name in Activation::names() {
        let activation: Activation = name.parse().expect("an activation");
        let mlp = net(&[2, 5, 4, 1], activation, Output::Linear, false);
        let config = TrainConfig {
            loss: Loss::Hinge,
            optimizer: Optimizer::sgd(),
            lr: 0.1,
            steps: 15,
            ..TrainConfig::default()
        };
        // prelu's slope is shared by a layer's neurons: its gradient is summed in another
        // order
        let exact = activation != Activation::PRELU;
        both(&mlp, &data, &config, name, exact);
    }
}

#[test]
fn train_replays_the_graphs_for_every_loss_optimiser_and_batch() {
    let binary = Dataset::builtin("circles", Some(30), None, 4).expect("circles");
    let classes = Dataset::builtin("blobs", Some(30), None, 4).expect("blobs");
    let regression = Dataset::builtin("sine", Some(30), None, 4).expect("sine");
    let k = match classes.task {
        Task::Classes(k) => k,
        _ => unreachable!("blobs are classes"),
    };
    let cases: Vec<(&str, &Dataset, Loss, usize, Output)> = vec![
        ("mse regression", &regression, Loss::Mse, 1, Output::Linear),
        ("mse binary", &binary, Loss::Mse, 1, Output::Sigmoid),
        ("mse classes", &classes, Loss::Mse, k, Output::Softmax),
        ("bce", &binary, Loss::Bce, 1, Output::Sigmoid),
        ("hinge", &binary, Loss::Hinge, 1, Output::Linear),
        (
            "cross-entropy",
            &classes,
            Loss::CrossEntropy,
            k,
            Output::Softmax,
        ),
    ];
    let optimizers = [
        Optimizer::sgd(),
        Optimizer::momentum(0.9),
        Optimizer::adam(),
    ];
    for (what, data, loss, outputs, output) in cases {
        for optimizer in optimizers {
            for batch in [None, Some(7), Some(1)] {
                let mlp = net(
                    &[data.n_inputs(), 4, outputs],
                    Activation::TANH,
                    output,
                    false,
                );
                let config = TrainConfig {
                    loss,
                    optimizer,
                    lr: 0.05,
                    lr_end: Some(0.01),
                    l2: 1e-3,
                    clip: Clip {
                        norm: Some(5.0),
                        ..Clip::default()
                    },
                    batch_size: batch,
                    steps: 12,
                    seed: 3,
                    threads: 1,
                };
                both(
                    &mlp,
                    data,
                    &config,
                    &format!("{what}, {optimizer:?}, batch {batch:?}"),
                    true,
                );
            }
        }
    }
}

#[test]
fn train_replays_batches_larger_than_a_graph_holds() {
    let data = Dataset::builtin("moons", Some(MAX_SLOTS + 100), None, 6).expect("moons");
    let mlp = net(&[2, 3, 1], Activation::RELU, Output::Linear, false);
    let config = TrainConfig {
        loss: Loss::Hinge,
        optimizer: Optimizer::sgd(),
        lr: 0.5,
        steps: 3,
        ..TrainConfig::default()
    };
    both(&mlp, &data, &config, "one batch of 1124", true);
}

#[test]
fn batch_norm_trains_the_same_either_way() {
    // batch norm couples the samples: its statistics are sums over the lanes of the batch,
    // and the last batch of an epoch, when smaller, has a program of its own
    let data = Dataset::builtin("moons", Some(24), None, 8).expect("moons");
    for (activation, optimizer) in [
        (Activation::RELU, Optimizer::adam()),
        (Activation::TANH, Optimizer::momentum(0.9)),
    ] {
        let mlp = net(&[2, 6, 5, 1], activation, Output::Sigmoid, true);
        for batch in [None, Some(8), Some(10), Some(7), Some(2)] {
            let config = TrainConfig {
                loss: Loss::Bce,
                optimizer,
                batch_size: batch,
                l2: 1e-3,
                steps: 10,
                ..TrainConfig::default()
            };
            let what = format!("batch norm, {activation:?}, batch {batch:?}");
            both(&mlp, &data, &config, &what, true);
            // the running statistics too
            let (mut a, mut b) = (mlp.clone(), mlp.clone());
            train(&mut a, &data, &config, |_| {}).expect("trains");
            train_on_graphs(&mut b, &data, &config, |_| {}).expect("trains");
            assert_eq!(a.batch_norm, b.batch_norm, "{what}");
        }
    }
}

#[test]
fn a_one_lane_program_of_shared_nodes_gives_the_graphs_bits() {
    // the L2 term α Σ p·p: shared products, a shared sum and a scale, written out by the
    // program
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    let g = Graph::new();
    let values: Vec<f64> = awkward(&mut rng).into_iter().take(300).collect();
    let params: Vec<Value> = values.iter().map(|&v| g.parameter(v)).collect();
    let root = gradgraph_nn::loss::l2(&g, &params, 1e-4);
    let mut p = Program::compile(&g, root, &[], 1).expect("compiles");
    p.forward(1);
    p.backward(1, Order::Forward);
    g.forward();
    g.backward(root);
    assert_eq!(p.data(root.index(), 0).to_bits(), root.data().to_bits());
    for v in &params {
        assert_eq!(
            p.grad(v.index()).to_bits(),
            v.grad().to_bits(),
            "{}",
            v.data()
        );
    }
    // finite values too, where the numbers mean something
    let g = Graph::new();
    let params: Vec<Value> = (0..50)
        .map(|_| g.parameter(rng.random_range(-3.0..3.0)))
        .collect();
    let root = gradgraph_nn::loss::l2(&g, &params, 0.5);
    let mut p = Program::compile(&g, root, &[], 1).expect("compiles");
    p.forward(1);
    p.backward(1, Order::Forward);
    g.backward(root);
    assert_eq!(p.data(root.index(), 0).to_bits(), root.data().to_bits());
    for v in &params {
        assert_eq!(p.grad(v.index()).to_bits(), v.grad().to_bits());
    }
}

#[test]
fn the_rnn_replays_its_unrolled_graph_over_the_windows() {
    use gradgraph_nn::Rnn;
    use gradgraph_nn::RnnConfig;
    let series = gradgraph_nn::data::noisy_sine(150, 20.0, 0.05, 1);
    for (batch, optimizer) in [
        (1, Optimizer::sgd()),
        (8, Optimizer::adam()),
        (MAX_SLOTS + 3, Optimizer::momentum(0.9)),
    ] {
        let rnn = Rnn::new(5, Init::GlorotUniform, 2);
        let config = RnnConfig {
            steps: if batch > MAX_SLOTS { 2 } else { 25 },
            lr: 0.02,
            batch_size: batch,
            optimizer,
            ..RnnConfig::default()
        };
        let (mut a, mut b) = (rnn.clone(), rnn.clone());
        let ra = a.train(&series, &config).expect("trains");
        let rb = b.train_on_graph(&series, &config).expect("trains");
        // the weights are used at every time step: their gradients are summed over the steps
        // and the windows in another order, so the two agree to rounding
        for (x, y) in ra
            .loss
            .iter()
            .chain(&ra.grad_norm)
            .zip(rb.loss.iter().chain(&rb.grad_norm))
        {
            assert!(
                (x - y).abs() <= 1e-12 * y.abs(),
                "batch {batch}: {x} vs {y}"
            );
        }
        for (x, y) in a.parameters().iter().zip(b.parameters()) {
            assert!((x - y).abs() <= 1e-12 * y.abs().max(1.0), "{x} vs {y}");
        }
    }
}

/// Every lane's value and adjoint, and every shared leaf's gradient, of `p` against the graph
/// replayed sample by sample (`samples[l]` the values of `varying` in lane `l`): the same bits,
/// NaN for NaN.
fn check_lanes(g: &Graph, root: Value, varying: &[Value], samples: &[Vec<f64>], what: &str) {
    let same = |a: f64, b: f64| a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan());
    let lanes = samples.len();
    let mut p = Program::compile(g, root, varying, lanes).expect("compiles");
    for (l, s) in samples.iter().enumerate() {
        for (v, &x) in varying.iter().zip(s) {
            p.set(v.index(), l, x);
        }
    }
    p.forward(lanes);
    p.backward(lanes, Order::Forward);
    g.zero_grad();
    for (l, s) in samples.iter().enumerate() {
        for (v, &x) in varying.iter().zip(s) {
            v.set_data(x);
        }
        g.forward();
        g.backward(root);
        for v in g.values().filter(|v| v.index() <= root.index()) {
            let i = v.index();
            assert!(
                same(p.data(i, l), v.data()),
                "{what}: node {i} lane {l}: {} vs {}",
                p.data(i, l),
                v.data()
            );
        }
    }
    // each lane's adjoints of the varying leaves: the sample's own backward pass
    for (l, s) in samples.iter().enumerate() {
        for (v, &x) in varying.iter().zip(s) {
            v.set_data(x);
        }
        g.forward();
        g.zero_grad();
        g.backward(root);
        // (a constant wants no gradient: the graph keeps none)
        for v in varying.iter().filter(|v| v.op() == Op::Input) {
            assert!(
                same(p.adjoint(v.index(), l), v.grad()),
                "{what}: adjoint of node {} in lane {l}: {} vs {}",
                v.index(),
                p.adjoint(v.index(), l),
                v.grad()
            );
        }
    }
    // (the shared leaves' gradients of the first pass, summed over the samples)
    for (l, s) in samples.iter().enumerate() {
        for (v, &x) in varying.iter().zip(s) {
            v.set_data(x);
        }
        g.forward();
        if l == 0 {
            g.zero_grad();
        }
        g.backward(root);
    }
    for v in g.values().filter(|v| v.index() <= root.index()) {
        if !p.is_varying(v.index()) && v.op().is_leaf() {
            assert!(
                same(p.grad(v.index()), v.grad()),
                "{what}: gradient of node {}: {} vs {}",
                v.index(),
                p.grad(v.index()),
                v.grad()
            );
        }
    }
}

#[test]
fn the_written_out_ops_give_the_tables_bits_over_lanes() {
    // every op of one or two operands, on awkward values, with each operand varying or shared
    let mut rng = ChaCha8Rng::seed_from_u64(21);
    let values = awkward(&mut rng);
    for info in gradgraph::OPS.iter() {
        let op = info.op;
        let arity = op.arity();
        if op.is_leaf() || arity == 0 || arity > 2 {
            continue;
        }
        for shared in 0..arity + 1 {
            // operand `shared` (if any) is a parameter, the others vary
            let g = Graph::new();
            let mut operands = Vec::new();
            let mut varying = Vec::new();
            for k in 0..arity {
                if k == shared {
                    operands.push(g.parameter(0.75));
                } else {
                    let x = g.input(0.0);
                    operands.push(x);
                    varying.push(x);
                }
            }
            if varying.is_empty() {
                continue;
            }
            let y = g.apply(op, &operands).expect("an op");
            // a second consumer so that the op's adjoint is not 1 everywhere
            let root = y * varying[0];
            let samples: Vec<Vec<f64>> = values
                .chunks(varying.len())
                .filter(|c| c.len() == varying.len())
                .map(|c| c.to_vec())
                .take(300)
                .collect();
            check_lanes(
                &g,
                root,
                &varying,
                &samples,
                &format!("{op:?}, shared {shared}"),
            );
        }
    }
}

#[test]
fn a_dense_layer_skips_zero_gradients_without_changing_a_bit() {
    // two relu layers and a hinge: many zero upstream gradients, and inputs and weights that
    // are zero, infinite or NaN in some lanes, where nothing may be skipped
    let mut rng = ChaCha8Rng::seed_from_u64(5);
    for bad_weight in [None, Some(f64::INFINITY), Some(f64::NAN)] {
        let g = Graph::new();
        let x: Vec<Value> = (0..3).map(|_| g.input(0.0)).collect();
        let t = g.constant(0.0);
        fn layer<'g>(
            g: &'g Graph,
            rng: &mut ChaCha8Rng,
            inputs: &[Value<'g>],
            width: usize,
        ) -> Vec<Value<'g>> {
            (0..width)
                .map(|_| {
                    let w: Vec<Value> = inputs
                        .iter()
                        .map(|_| g.parameter(rng.random_range(-1.0..1.0)))
                        .collect();
                    let b = g.parameter(rng.random_range(-0.5..0.5));
                    g.weighted_sum(&w, inputs, b).expect("weights").relu()
                })
                .collect()
        }
        let h1 = layer(&g, &mut rng, &x, 6);
        let h2 = layer(&g, &mut rng, &h1, 5);
        let out = g.sum(&h2);
        let root = (1.0 - t * out).relu();
        if let Some(w) = bad_weight {
            // one weight of the first layer
            g.parameters()[20].set_data(w);
        }
        let mut samples: Vec<Vec<f64>> = (0..40)
            .map(|_| {
                let mut s: Vec<f64> = (0..3).map(|_| rng.random_range(-2.0..2.0)).collect();
                s.push(if rng.random_bool(0.5) { 1.0 } else { -1.0 });
                s
            })
            .collect();
        samples[3][0] = f64::INFINITY;
        samples[7][1] = f64::NAN;
        samples[11] = vec![0.0, -0.0, 0.0, 1.0];
        samples[12][2] = f64::NEG_INFINITY;
        let mut varying = x.clone();
        varying.push(t);
        let p = Program::compile(&g, root, &varying, samples.len()).expect("compiles");
        assert_eq!(p.dense_layers(), 2, "the two relu layers");
        check_lanes(
            &g,
            root,
            &varying,
            &samples,
            &format!("weight {bad_weight:?}"),
        );
    }
}

#[test]
fn two_threads_train_as_one_to_rounding() {
    // 600 samples: two runs of 300 lanes, their gradients added in a fixed order
    let data = Dataset::builtin("moons", Some(600), None, 9).expect("moons");
    let mlp = net(&[2, 8, 8, 1], Activation::RELU, Output::Linear, false);
    for batch in [None, Some(300), Some(100)] {
        let config = TrainConfig {
            loss: Loss::Hinge,
            optimizer: Optimizer::momentum(0.9),
            lr: 0.1,
            l2: 1e-4,
            steps: 20,
            batch_size: batch,
            ..TrainConfig::default()
        };
        let (mut a, mut b, mut c) = (mlp.clone(), mlp.clone(), mlp.clone());
        let one = train(&mut a, &data, &config, |_| {}).expect("trains");
        let two = TrainConfig {
            threads: 2,
            ..config.clone()
        };
        let ra = train(&mut b, &data, &two, |_| {}).expect("trains");
        let rb = train(&mut c, &data, &two, |_| {}).expect("trains");
        // reproducible, bit for bit
        assert_same(&ra, &rb, "two threads, twice", true);
        assert_eq!(b.parameters(), c.parameters());
        // and one thread's numbers to rounding (the same bits when the batch is not split)
        assert_same(&one, &ra, &format!("batch {batch:?}"), batch == Some(100));
    }
    let bad = TrainConfig {
        threads: 0,
        ..TrainConfig::default()
    };
    let regression = Dataset::builtin("sine", Some(20), None, 1).expect("sine");
    let mut m = net(&[1, 3, 1], Activation::TANH, Output::Linear, false);
    assert!(train(&mut m, &regression, &bad, |_| {}).is_err());
}

#[test]
fn a_shared_leafs_gradient_adds_up_over_backward_passes_until_zero_grad() {
    // root = Σ over 3 lanes of w·x: d root/dw = Σ x; every other adjoint starts at 0 in
    // each pass, the shared leaf's gradient keeps what earlier passes gave it
    let g = Graph::new();
    let x = g.input(0.0);
    let w = g.parameter(0.5);
    let y = (x * w).tanh();
    let mut p = Program::compile(&g, y, &[x], 3).expect("a program");
    assert_eq!((p.len(), p.lanes()), (y.index() + 1, 3));
    assert!(!p.is_empty());
    for (lane, v) in [0.2, -0.4, 1.1].into_iter().enumerate() {
        p.set(x.index(), lane, v);
    }
    p.forward(3);
    p.backward(3, Order::Forward);
    let once = p.grad(w.index());
    let lane0 = p.adjoint(y.index(), 0);
    p.backward(3, Order::Forward);
    assert_eq!(p.grad(w.index()), 2.0 * once);
    assert_eq!(
        p.adjoint(y.index(), 0),
        lane0,
        "a lane's adjoint starts again at 0"
    );
    p.zero_grad();
    p.backward(3, Order::Forward);
    assert_eq!(p.grad(w.index()), once);
}

#[test]
fn a_sum_over_the_lanes_must_be_a_sum_of_one_value() {
    let g = Graph::new();
    let x = g.input(1.0);
    let not_a_sum = x * 2.0;
    let two = g.sum(&[x, not_a_sum]);
    let root = two * 1.0;
    for wrong in [not_a_sum, two] {
        let Err(err) = Program::compile_with_lane_sums(&g, root, &[x], &[wrong], 2) else {
            panic!("node {} accepted as a sum over the lanes", wrong.index());
        };
        assert!(
            err.to_string().contains("is not a sum of one value"),
            "{err}"
        );
    }
}

/// A graph that mixes values shared by the lanes (built from parameters only) with values
/// of each sample, through every kind of node the program treats apart: shared unary and
/// binary nodes, a product of a node with itself, weighted sums of shared weights over
/// computed inputs, over a shared input and over one input twice, sums of varying and of mixed operands. Each lane's adjoints must be its
/// sample's own backward pass, bit for bit, and the parameters' gradients their sum.
#[test]
fn every_adjoint_of_a_lane_is_its_samples_own_backward_pass() {
    let g = Graph::new();
    let (x0, x1) = (g.input(0.0), g.input(0.0));
    let (w0, w1, b) = (g.parameter(0.3), g.parameter(-0.6), g.parameter(0.2));
    let s = (w0 * b).exp();
    let h = g
        .weighted_sum(&[w0, w1], &[x0, x0 * x0], b)
        .expect("2 weights, 2 inputs");
    // not neurons of a layer: one input is shared, the second or the third
    let k = g
        .weighted_sum(&[w1, w0], &[x0, s], b)
        .expect("2 weights, 2 inputs");
    let k3 = g
        .weighted_sum(&[w0, w1, b], &[x0, x1, s], w1)
        .expect("3 weights, 3 inputs");
    // not a neuron either: the same input twice
    let d = g
        .weighted_sum(&[w0, w1], &[x1, x1], b)
        .expect("2 weights, 2 inputs");
    let u = h.tanh() * s;
    let v = g.sum(&[u, s, x1]);
    let r = g.sum(&[u, x1 * 2.0, k.sigmoid(), d.tanh(), k3.tanh()]);
    // shared nodes of three operands
    let q = g.sum(&[w0, w1, b]) * g.weighted_sum(&[w0], &[w1], b).expect("1 weight, 1 input");
    let root = v * v + r + (w1 - b).sigmoid() * q;
    let lanes = 5;
    let mut p = Program::compile(&g, root, &[x0, x1], lanes).expect("compiles");
    let samples = [
        (0.5, -1.0),
        (-1.5, 0.25),
        (2.0, 0.0),
        (0.0, 3.0),
        (-0.3, -0.7),
    ];
    for (l, &(a, c)) in samples.iter().enumerate() {
        p.set(x0.index(), l, a);
        p.set(x1.index(), l, c);
    }
    p.forward(lanes);
    p.backward(lanes, Order::Forward);
    let params = [w0, w1, b];
    let mut sums = [0.0; 3];
    for (l, &(a, c)) in samples.iter().enumerate() {
        x0.set_data(a);
        x1.set_data(c);
        g.forward();
        g.zero_grad();
        g.backward(root);
        for node in g.values().filter(|n| p.is_varying(n.index())) {
            assert_eq!(
                p.adjoint(node.index(), l).to_bits(),
                node.grad().to_bits(),
                "lane {l}, node {} ({:?})",
                node.index(),
                node.op()
            );
        }
        for (sum, w) in sums.iter_mut().zip(&params) {
            *sum += w.grad();
        }
    }
    for (sum, w) in sums.iter().zip(&params) {
        let got = p.grad(w.index());
        assert!((got - sum).abs() <= 1e-12 * sum.abs(), "{got} vs {sum}");
    }
}
