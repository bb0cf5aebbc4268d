//! Backward: accumulation, repeated passes, ancestors only, replay, trace, anomalies, depth.

use gradgraph::{Error, Graph, Op, Value};

#[test]
fn reuse_accumulates() {
    // b = a + a, c = b + b: dc/da = dc/db · db/da = 2 · 2 = 4
    let g = Graph::new();
    let a = g.input(-3.0);
    let b = a + a;
    let c = b + b;
    g.backward(c);
    assert_eq!(a.grad(), 4.0);
    assert_eq!(b.grad(), 2.0);
    // x · x: both edges come from x, d(x²)/dx = 2x
    let x = g.input(5.0);
    let y = x * x;
    g.backward(y);
    assert_eq!(x.grad(), 10.0);
}

#[test]
fn second_backward_doubles_every_gradient() {
    let g = Graph::new();
    let x = g.input(0.3);
    let w = g.parameter(-1.2);
    let h = (x * w).tanh();
    let y = h * h + x;
    g.backward(y);
    let first: Vec<f64> = g.values().map(|v| v.grad()).collect();
    g.backward(y);
    for (v, once) in g.values().zip(&first) {
        assert_eq!(v.grad(), 2.0 * once, "node {v:?}");
    }
    assert_eq!(y.grad(), 2.0);
    g.zero_grad();
    assert!(g.values().all(|v| v.grad() == 0.0));
    g.backward(y);
    let again: Vec<f64> = g.values().map(|v| v.grad()).collect();
    assert_eq!(again, first);
}

#[test]
fn only_ancestors_are_touched_and_constants_keep_zero() {
    let g = Graph::new();
    let x = g.input(2.0);
    let c = g.constant(3.0);
    let y = x * c;
    let unrelated = x.exp(); // created before... no: after x, but not an ancestor of y
    let z = y + 1.0;
    g.backward(z);
    assert_eq!(x.grad(), 3.0);
    assert_eq!(c.grad(), 0.0, "constants want no gradient");
    assert_eq!(unrelated.grad(), 0.0);
    // backward from an intermediate node visits only what it depends on
    g.backward(unrelated);
    assert_eq!(x.grad(), 3.0 + 2f64.exp());
    assert_eq!(z.grad(), 1.0);
}

#[test]
fn forward_replay_matches_a_fresh_build() {
    fn build(g: &Graph, xv: f64, wv: f64) -> (Value<'_>, Value<'_>, Value<'_>) {
        let x = g.input(xv);
        let w = g.parameter(wv);
        let y = (x * w + 0.5).sigmoid() * x.sin() + g.sum(&[x, w, x]).gelu();
        (x, w, y)
    }
    let g = Graph::new();
    let (x, w, y) = build(&g, 0.1, 0.2);
    for &(xv, wv) in &[(1.0, -0.5), (-2.0, 3.0), (0.25, 0.75)] {
        x.set_data(xv);
        w.set_data(wv);
        g.forward();
        g.zero_grad();
        g.backward(y);
        let fresh = Graph::new();
        let (fx, fw, fy) = build(&fresh, xv, wv);
        fresh.backward(fy);
        assert_eq!(y.data(), fy.data());
        assert_eq!(x.grad(), fx.grad());
        assert_eq!(w.grad(), fw.grad());
    }
}

#[test]
fn index_order_is_a_topological_order() {
    let g = Graph::new();
    let xs: Vec<_> = (0..5).map(|i| g.input(i as f64)).collect();
    let mut acc = xs[0];
    for &x in &xs[1..] {
        acc = (acc * x + x.exp()).tanh();
    }
    let order = petgraph::algo::toposort(&*g.dag(), None).expect("a DAG");
    let mut position = vec![0; order.len()];
    for (p, n) in order.iter().enumerate() {
        position[n.index()] = p;
    }
    // every edge runs from a lower index to a higher one
    for e in g.dag().raw_edges() {
        assert!(e.source().index() < e.target().index());
        assert!(position[e.source().index()] < position[e.target().index()]);
    }
}

#[test]
#[should_panic(expected = "values of two different graphs were combined")]
fn mixing_graphs_panics_clearly() {
    let g1 = Graph::new();
    let g2 = Graph::new();
    let _ = g1.input(1.0) + g2.input(2.0);
}

#[test]
fn trace_shows_each_chain_rule_product() {
    // y = tanh(x w + b) at x = 1, w = 0.5, b = -0.2
    let g = Graph::new();
    let x = g.input(1.0).with_label("x");
    let w = g.parameter(0.5).with_label("w");
    let b = g.parameter(-0.2).with_label("b");
    let xw = (x * w).with_label("xw");
    let n = (xw + b).with_label("n");
    let y = n.tanh().with_label("y");
    let trace = g.backward_trace(y);
    let order: Vec<_> = trace
        .steps
        .iter()
        .map(|s| s.label.clone().unwrap())
        .collect();
    assert_eq!(order, ["y", "n", "xw", "b", "w", "x"]);
    // step 1: tanh' = 1 - y², upstream 1
    let local = 1.0 - y.data() * y.data();
    assert_eq!(trace.steps[0].upstream, 1.0);
    assert_eq!(trace.steps[0].inputs[0].local, local);
    assert_eq!(trace.steps[0].inputs[0].product, local);
    // step 3: d(xw)/dx = w, d(xw)/dw = x, upstream = local
    let s = &trace.steps[2];
    assert_eq!(s.upstream, local);
    assert_eq!((s.inputs[0].local, s.inputs[1].local), (0.5, 1.0));
    assert_eq!(s.inputs[0].product, 0.5 * local);
    // the trace's final upstreams are the gradients
    assert_eq!(trace.steps[5].upstream, x.grad());
    let line = trace.steps[2].to_string();
    assert!(line.contains("#3 xw *"), "{line}");
    assert!(line.contains("→ #0 x: 0.5 ×"), "{line}");
}

#[test]
fn try_backward_names_the_first_non_finite_value() {
    let g = Graph::new();
    let x = g.input(-1.0).with_label("x");
    let y = (x.log() * 2.0).exp() + 1.0;
    match g.try_backward(y) {
        Err(Error::NonFinite { pass, node, detail }) => {
            assert_eq!(pass, gradgraph::Pass::Forward);
            assert_eq!(node, 1, "the log, not the nodes after it");
            assert!(detail.contains("log"), "{detail}");
            assert!(detail.contains("[-1]"), "{detail}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn try_backward_names_the_first_non_finite_gradient() {
    // sqrt(x) at 0 is 0, but its derivative 1/(2√x) is infinite
    let g = Graph::new();
    let x = g.input(0.0).with_label("x");
    let y = x.sqrt() * 3.0;
    let err = g.try_backward(y).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("backward"), "{text}");
    assert!(text.contains("#1 sqrt"), "{text}");
    assert!(text.contains("#0 leaf (x)"), "{text}");
    // fine input: no error
    let g = Graph::new();
    let x = g.input(4.0);
    assert!(g.try_backward(x.sqrt()).is_ok());
    assert_eq!(x.grad(), 0.25);
}

#[test]
fn grad_builds_second_derivatives() {
    // y = x³ sin x; y' = 3x² sin x + x³ cos x; y'' = 6x sin x + 6x² cos x - x³ sin x
    let g = Graph::new();
    let x = g.input(0.7);
    let y = x.powf(3.0) * x.sin();
    let dy = g.grad(y, &[x])[0];
    let d2y = g.grad(dy, &[x])[0];
    let (s, c, v) = (0.7f64.sin(), 0.7f64.cos(), 0.7f64);
    assert!((dy.data() - (3.0 * v * v * s + v.powi(3) * c)).abs() < 1e-14);
    let want = 6.0 * v * s + 6.0 * v * v * c - v.powi(3) * s;
    assert!((d2y.data() - want).abs() < 1e-14);
    // stored gradients were not touched
    assert_eq!(x.grad(), 0.0);
    // the gradient graph replays too
    x.set_data(1.3);
    g.forward();
    let (s, c, v) = (1.3f64.sin(), 1.3f64.cos(), 1.3f64);
    let want = 6.0 * v * s + 6.0 * v * v * c - v.powi(3) * s;
    assert!((d2y.data() - want).abs() < 1e-13);
    // a value y does not depend on has gradient 0
    let other = g.input(1.0);
    assert_eq!(g.grad(y, &[other])[0].data(), 0.0);
    assert_eq!(g.grad(y, &[other])[0].op(), Op::Const);
}

#[test]
fn ten_million_op_chain_without_stack_overflow() {
    const N: usize = 10_000_000;
    let g = Graph::with_capacity(N + 1, N);
    let x0 = g.input(1.0);
    let mut x = x0;
    // x ← 0.9999999 x + 1e-7 alternately: every step is one node
    for i in 0..N {
        x = if i % 2 == 0 { x * 0.9999999 } else { x + 1e-7 };
    }
    assert_eq!(g.len(), N + 1);
    g.backward(x);
    // d x_N / d x_0 = 0.9999999^(N/2)
    let want = 0.9999999f64.powi((N / 2) as i32);
    assert!((x0.grad() - want).abs() < 1e-9, "{} vs {want}", x0.grad());
    g.forward();
    drop(g);
}

/// Builds the graph twice, runs `backward` on one (whose chains take the path without scratch
/// space) and `backward_trace` on the other (the general sweep, always), from each output in
/// turn, and checks that every stored gradient is the same to the last bit (the sign of a zero
/// too).
fn backward_matches_the_general_sweep(build: impl for<'g> Fn(&'g Graph) -> Vec<Value<'g>>) {
    let (fast, general) = (Graph::new(), Graph::new());
    let (ys_fast, ys_general) = (build(&fast), build(&general));
    // stored gradients of -0 tell a gradient of -0 arriving from one of +0
    for v in fast.values().chain(general.values()) {
        v.set_grad(-0.0);
    }
    for (y_fast, y_general) in ys_fast.iter().zip(&ys_general) {
        fast.backward(*y_fast);
        general.backward_trace(*y_general);
        let bits = |g: &Graph| g.values().map(|v| v.grad().to_bits()).collect::<Vec<_>>();
        assert_eq!(
            bits(&fast),
            bits(&general),
            "after backward from #{}",
            y_fast.index()
        );
    }
}

#[test]
fn chains_backward_bit_for_bit_as_the_general_sweep() {
    // a chain of every kind of one-operand op down to an input, from its end and its middle,
    // twice (gradients accumulate), with gradients of -0 on the way (relu off, x·(-1))
    backward_matches_the_general_sweep(|g| {
        let x = g.input(0.3);
        let mut y = x;
        let mut ys = Vec::new();
        for k in 0..3 {
            y = (y * 0.999 + 0.001).tanh().exp() / 1.5 - 0.2;
            y = (2.0 - y).sin().powf(3.0).sigmoid().sqrt().log().abs();
            y = (1.0 / y)
                .cos()
                .leaky_relu(0.1)
                .gelu()
                .elu()
                .silu()
                .softplus()
                .erf();
            y = -(y * -1.0).relu() + 0.5 * k as f64;
            ys.push(y);
        }
        ys.push(y);
        ys
    });
    // a chain on top of a graph with branches: the chain's part, then the general sweep
    backward_matches_the_general_sweep(|g| {
        let (a, b) = (g.parameter(0.5), g.input(-1.5));
        let h = a * b + a.tanh();
        let s = g.sum(&[h]);
        let mut y = s;
        for _ in 0..10 {
            y = y * 1.1 + 0.1;
        }
        vec![y, h, y]
    });
    // chains whose operand is not the node before, and chains down to a constant
    backward_matches_the_general_sweep(|g| {
        let x = g.input(2.0);
        let e = x.exp();
        let d = x * 3.0; // its operand is x, two nodes back
        let c = g.constant(-0.5);
        let k = c.tanh().exp() * 2.0;
        let z = g.constant(0.0) * -1.0;
        vec![d, e, k, z, d + e]
    });
}

#[test]
fn a_node_the_output_does_not_depend_on_sends_nothing_not_even_nan() {
    // `s = √x` at x = 0 has an infinite local derivative; y does not use s, so backward must
    // skip it (an unreached node sending inf · 0 would turn x's gradient into NaN)
    let g = Graph::new();
    let x = g.input(0.0);
    let s = x.sqrt();
    let y = x * 2.0;
    g.backward(y);
    assert_eq!(x.grad(), 2.0);
    assert_eq!(s.grad(), 0.0);
    let trace = g.backward_trace(y);
    assert!(
        trace.steps.iter().all(|step| step.node != s.index()),
        "the trace steps through a node y does not depend on"
    );
    assert_eq!(g.grad(y, &[x])[0].data(), 2.0);
}

#[test]
fn a_node_reads_as_its_value_does() {
    let g = Graph::new();
    assert!(g.is_empty());
    let x = g.input(0.5);
    assert!(!g.is_empty());
    let y = (x * 3.0).tanh();
    g.backward(y);
    for v in [x, y] {
        let node = v.node();
        assert_eq!(node.data().to_bits(), v.data().to_bits());
        assert_eq!(node.grad().to_bits(), v.grad().to_bits());
        assert_eq!(node.op(), v.op());
    }
    assert!(x.node().is_leaf());
    assert!(!y.node().is_leaf());
    assert_eq!(y.node().data(), 1.5f64.tanh());
}

#[test]
fn every_op_takes_as_many_operands_as_its_arity() {
    let g = Graph::new();
    for leaf in [g.input(1.0), g.parameter(1.0), g.constant(1.0)] {
        assert_eq!(leaf.op().arity(), 0, "{:?}", leaf.op());
        assert!(g.operands(leaf).is_empty());
    }
    for info in gradgraph::OPS.iter().filter(|i| !i.op.is_leaf()) {
        let xs: Vec<Value> = (0..info.op.arity())
            .map(|k| g.input(0.5 + k as f64))
            .collect();
        let y = g.apply(info.op, &xs).expect("the op's arity");
        assert_eq!(g.operands(y).len(), info.op.arity(), "{}", info.name);
    }
    for n in 1..6 {
        let xs: Vec<Value> = (0..n).map(|k| g.input(k as f64)).collect();
        let sum = g.sum(&xs);
        if let Op::Sum(_) = sum.op() {
            assert_eq!(sum.op().arity(), n);
        }
        assert_eq!(g.operands(sum).len(), sum.op().arity());
        let w = g
            .weighted_sum(&xs, &xs, xs[0])
            .expect("as many weights as inputs");
        assert_eq!(w.op().arity(), 2 * n + 1);
        assert_eq!(g.operands(w).len(), 2 * n + 1);
    }
}

#[test]
fn a_values_own_methods_do_what_the_graphs_do() {
    let g = Graph::new();
    let x = g.input(0.5);
    let (w, b) = (g.parameter(-1.5), g.parameter(0.25));
    let c = g.constant(2.0);
    let y = (x * w + b).tanh() * c;
    // Value::backward is Graph::backward
    y.backward();
    assert_eq!(
        w.grad(),
        2.0 * x.data() * (1.0 - ((x * w + b).data().tanh()).powi(2))
    );
    // an optimiser sets a gradient
    w.set_grad(0.0);
    assert_eq!(w.grad(), 0.0);
    // the parameters, in creation order; no input, constant or operation among them
    let params = g.parameters();
    assert_eq!(params.len(), 2);
    assert_eq!(
        (params[0].index(), params[1].index()),
        (w.index(), b.index())
    );
    // get: a handle for every node, none past the last
    assert_eq!(g.get(y.index()).map(|v| v.index()), Some(y.index()));
    assert!(g.get(g.len()).is_none());
}
