//! Batched replay: one sample's graph, compiled into a flat program and run over a whole
//! batch at once.
//!
//! The recorded petgraph DAG stays the model's graph (the one that is drawn and traced). A
//! [`Program`] is a copy of its arithmetic in contiguous arrays: the ops of the non-leaf nodes
//! in order, their operands' indices in one `u32` array, and the values stored per node. A
//! node that depends on a *varying* leaf (an input or a target, one value per sample) holds one
//! value per **lane**, one lane per sample of the batch; every other node (the parameters,
//! constants, anything computed from them alone) holds one value shared by all lanes. Each
//! operation is then a loop over the lanes, forward and backward, like JAX's `vmap` over a
//! scalar graph; a shared node's gradient collects the contributions of every lane.
//!
//! The arithmetic is [`Op::forward`] and [`Op::local_derivative`], called per lane, except
//! for the ops a net spends nearly all its time in, written out as loops over the lanes with
//! the same expressions: the weighted sum (`b + Σ w_i x_i` in [`Op::forward`]'s order; its
//! local derivatives are its operands), the activations and arithmetic ops of a net and its
//! losses, and sums. A **dense layer**, a run of weighted sums over the same inputs, each
//! with its own parameters and followed by its activation, is replayed as one step: forward
//! keeps a block of lanes' sums in registers while it walks the inputs, and backward walks
//! the lanes once, skipping a neuron whose gradient is zero in a lane where that changes no
//! bit (see `backward_layer`). `tests/replay.rs` checks that all of it gives the same bits as
//! the table's ops and the graph.
//!
//! A sum may also run across the lanes ([`Program::compile_with_lane_sums`]): that is how the
//! graph of one sample holds the statistics of a batch, such as batch normalisation's mean
//! and variance.
//!
//! Each lane gets exactly the numbers a backward pass through a graph holding that one sample
//! gives: the same products, summed in the same order. A shared leaf's gradient is summed over
//! the lanes in the order asked for ([`Order`]): from the last lane to the first is the order
//! in which backward through micrograd's graph of the whole batch (one copy of the net per
//! sample) reaches the copies, so for a parameter used once per sample the sums are bit for
//! bit the same.
//!
//! # Examples
//! ```
//! use gradgraph::Graph;
//! use gradgraph_nn::replay::{Order, Program};
//! let g = Graph::new();
//! let w = g.parameter(3.0);
//! let x = g.input(0.0);
//! let y = (w * x).tanh();
//! let mut p = Program::compile(&g, y, &[x], 4)?;
//! for (lane, v) in [0.1, 0.2, 0.3, 0.4].into_iter().enumerate() {
//!     p.set(x.index(), lane, v);
//! }
//! p.forward(4);
//! p.backward(4, Order::Forward);
//! // the same numbers as the graph, sample by sample
//! let mut dw = 0.0;
//! for (lane, v) in [0.1, 0.2, 0.3, 0.4].into_iter().enumerate() {
//!     x.set_data(v);
//!     g.forward();
//!     g.zero_grad();
//!     g.backward(y);
//!     assert_eq!(p.data(y.index(), lane), y.data());
//!     dw += w.grad();
//! }
//! assert_eq!(p.grad(w.index()), dw);
//! # Ok::<(), gradgraph_nn::Error>(())
//! ```

use crate::Error;
use gradgraph::Graph;
use gradgraph::Op;
use gradgraph::Value;

/// The most values (nodes times lanes, shared nodes counting once) a [`Program`] holds:
/// 2²⁸ values and as many adjoints, 4 GiB.
pub const MAX_VALUES: usize = 1 << 28;

/// The order in which a shared leaf's gradient sums the lanes' contributions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    /// Lane 0 first: what replaying one sample's graph per sample, without zeroing the
    /// gradients in between, sums.
    Forward,
    /// The last lane first: what backward through one graph holding every sample (micrograd's
    /// graph of the batch) sums.
    Reverse,
}

/// One non-leaf node of the program.
#[derive(Clone, Copy, Debug)]
struct Instr {
    op: Op,
    /// its node
    node: u32,
    /// where its operands start in `Program::operands`
    first: u32,
    /// how many operands
    len: u32,
    /// a sum over the lanes (see [`Program::compile_with_lane_sums`]): one operand, varying;
    /// the node is shared
    across: bool,
}

/// What the program runs, in order: one instruction, or a dense layer of them.
#[derive(Clone, Copy, Debug)]
enum Step {
    /// `code[i]`
    One(u32),
    /// `layers[i]`
    Layer(u32),
}

/// A dense layer: a run of weighted sums over the same varying inputs, each with its own
/// shared weights and bias, each optionally followed by a one-operand op on it (the neurons of
/// a layer and their activations). Replayed together: forward keeps a block of lanes' sums in
/// registers while it walks the inputs; backward walks the lanes once, skipping a neuron
/// whose upstream gradient is zero in that lane (see [`backward_layer`]).
#[derive(Clone, Debug)]
struct Layer {
    /// the inputs' offsets (each varying, each before the layer, all distinct)
    x: Vec<usize>,
    /// per neuron, the offsets of its weights then its bias (shared; all distinct)
    w: Vec<usize>,
    /// per neuron, its weighted sum's offset (varying)
    z: Vec<usize>,
    /// per neuron, the op applied to its weighted sum and the result's offset
    act: Vec<Option<(Op, usize)>>,
}

/// Scratch space of a layer's backward pass, kept between passes.
#[derive(Clone, Debug, Default)]
struct Scratch {
    /// the weights' values, neuron by neuron
    w: Vec<f64>,
    /// per neuron, its weights are all finite
    w_finite: Vec<bool>,
    /// the gradients of the weights and biases, neuron by neuron
    dw: Vec<f64>,
    /// one lane's inputs
    x: Vec<f64>,
    /// one lane's input adjoints
    dx: Vec<f64>,
    /// one lane's operand values (the generic path)
    xs: Vec<f64>,
    /// per lane, `Σ_j |u_j|`: zero when no neuron of the layer gets a gradient there
    reach: Vec<f64>,
}

/// A graph compiled for batched replay (see the [module](self)).
#[derive(Clone, Debug)]
pub struct Program {
    /// nodes `0..=root`
    nodes: usize,
    root: usize,
    /// the lanes room was made for
    capacity: usize,
    /// per node: one value per lane (true) or one shared value
    varying: Vec<bool>,
    /// per node: where its values (and adjoints) start
    off: Vec<usize>,
    /// per node: an ancestor of the root (backward visits it)
    reached: Vec<bool>,
    /// the offsets of the shared leaves (their gradients)
    grads: Vec<usize>,
    /// the adjoints backward starts at 0: offsets of the reached nodes but the shared
    /// leaves, and whether each varies
    cleared: Vec<(usize, bool)>,
    code: Vec<Instr>,
    steps: Vec<Step>,
    layers: Vec<Layer>,
    operands: Vec<u32>,
    data: Vec<f64>,
    adj: Vec<f64>,
    scratch: Scratch,
}

impl Program {
    /// Compiles the nodes of `g` up to `root` for batches of up to `lanes` samples. The
    /// leaves in `varying` take one value per sample ([`Program::set`]); every other leaf
    /// keeps the value it has in `g` now (change it with [`Program::set_shared`]). The
    /// program's values start as the graph's: every lane of a varying leaf holds its value.
    ///
    /// Returns [`Error::OutOfRange`] if `root` or a varying value belongs to another graph, a
    /// varying value is not a leaf or comes after `root`, or `lanes` is 0, and
    /// [`Error::TooLarge`] if the program would hold more than [`MAX_VALUES`] values.
    pub fn compile(
        g: &Graph,
        root: Value<'_>,
        varying: &[Value<'_>],
        lanes: usize,
    ) -> Result<Program, Error> {
        Program::compile_with_lane_sums(g, root, varying, &[], lanes)
    }

    /// [`Program::compile`], with sums over the batch: each node of `lane_sums` must be a
    /// one-operand [`Op::Sum`] of a varying node, and becomes the sum of that node over the
    /// lanes of a pass (lane 0 first, from 0, as [`Op::Sum`] of one copy per sample adds
    /// them), one value shared by the lanes. That is how a graph of one sample holds batch
    /// statistics, such as batch normalisation's mean and variance (its graph of one sample
    /// divides such a sum by the batch size): backward sends its gradient to every lane.
    ///
    /// Returns the errors of [`Program::compile`], and [`Error::OutOfRange`] if a node of
    /// `lane_sums` is not such a sum before the root.
    pub fn compile_with_lane_sums(
        g: &Graph,
        root: Value<'_>,
        varying: &[Value<'_>],
        lane_sums: &[Value<'_>],
        lanes: usize,
    ) -> Result<Program, Error> {
        if lanes == 0 {
            return Err(Error::out_of_range(
                "lanes",
                "a program needs at least one lane",
            ));
        }
        for v in std::iter::once(&root).chain(varying).chain(lane_sums) {
            if !std::ptr::eq(v.graph(), g) {
                return Err(Error::out_of_range(
                    "replay",
                    "a value of another graph was given to Program::compile",
                ));
            }
        }
        let nodes = root.index() + 1;
        // the graph's nodes up to the root, read once
        let graph: Vec<Value<'_>> = g.values().take(nodes).collect();
        let mut is_varying = vec![false; nodes];
        for v in varying {
            let i = v.index();
            if i >= nodes || !graph[i].op().is_leaf() {
                return Err(Error::out_of_range(
                    "replay",
                    format!("node {i}, given as varying, is not a leaf before the root"),
                ));
            }
            is_varying[i] = true;
        }
        let mut across = vec![false; nodes];
        for v in lane_sums {
            let i = v.index();
            if i >= nodes || graph[i].op() != Op::Sum(1) {
                return Err(Error::out_of_range(
                    "replay",
                    format!("node {i}, given as a sum over the lanes, is not a sum of one value"),
                ));
            }
            across[i] = true;
        }
        let mut leaf = vec![false; nodes];
        let mut code = Vec::new();
        let mut operands = Vec::new();
        for (i, is_leaf) in leaf.iter_mut().enumerate() {
            let op = graph[i].op();
            if op.is_leaf() {
                *is_leaf = true;
                continue;
            }
            let first = operands.len();
            for j in g.operands(graph[i]).iter().map(|v| v.index()) {
                operands.push(j as u32);
                is_varying[i] |= is_varying[j];
            }
            if across[i] {
                if !is_varying[i] {
                    return Err(Error::out_of_range(
                        "replay",
                        format!("node {i}, given as a sum over the lanes, sums a shared value"),
                    ));
                }
                is_varying[i] = false;
            }
            code.push(Instr {
                op,
                node: i as u32,
                first: first as u32,
                len: (operands.len() - first) as u32,
                across: across[i],
            });
        }
        // backward reaches the root's ancestors, whatever their values
        let mut reached = vec![false; nodes];
        reached[root.index()] = true;
        for ins in code.iter().rev() {
            if reached[ins.node as usize] {
                let ops = &operands[ins.first as usize..(ins.first + ins.len) as usize];
                for &j in ops {
                    reached[j as usize] = true;
                }
            }
        }
        let mut off = Vec::with_capacity(nodes);
        let mut size: usize = 0;
        for &v in &is_varying {
            off.push(size);
            size = size.saturating_add(if v { lanes } else { 1 });
        }
        if size > MAX_VALUES {
            return Err(Error::too_large(
                "replay program",
                format!(
                    "{nodes} nodes over {lanes} lanes make {size} values, more than the \
                     {MAX_VALUES} a program holds; use smaller batches"
                ),
            ));
        }
        let mut data = vec![0.0; size];
        for (i, &v) in is_varying.iter().enumerate() {
            let value = graph[i].data();
            let width = if v { lanes } else { 1 };
            data[off[i]..off[i] + width].fill(value);
        }
        let (steps, layers) = find_layers(&code, &operands, &is_varying, &reached, &off);
        let grads = (0..nodes)
            .filter(|&i| leaf[i] && !is_varying[i])
            .map(|i| off[i])
            .collect();
        let cleared = (0..nodes)
            .filter(|&i| reached[i] && (is_varying[i] || !leaf[i]))
            .map(|i| (off[i], is_varying[i]))
            .collect();
        Ok(Program {
            grads,
            cleared,
            nodes,
            root: root.index(),
            capacity: lanes,
            varying: is_varying,
            off,
            reached,
            code,
            steps,
            layers,
            operands,
            adj: vec![0.0; size],
            data,
            scratch: Scratch::default(),
        })
    }

    /// The most lanes a batch may use.
    pub fn lanes(&self) -> usize {
        self.capacity
    }

    /// The number of nodes compiled (the root's index + 1).
    pub fn len(&self) -> usize {
        self.nodes
    }

    /// True if the program holds no node (never: it holds at least its root).
    pub fn is_empty(&self) -> bool {
        self.nodes == 0
    }

    /// The number of dense layers the program found: runs of weighted sums of the same
    /// inputs, each with its own parameters, replayed together (see the [module](self)).
    pub fn dense_layers(&self) -> usize {
        self.layers.len()
    }

    /// True if `node` holds one value per lane.
    ///
    /// **Panics** if `node` is not one of the program's nodes.
    pub fn is_varying(&self, node: usize) -> bool {
        self.varying[node]
    }

    /// Sets lane `lane` of the varying leaf `node`.
    ///
    /// **Panics** if `node` is not varying or `lane` is not below [`Program::lanes`].
    pub fn set(&mut self, node: usize, lane: usize, value: f64) {
        assert!(self.varying[node], "node {node} is shared, not varying");
        assert!(lane < self.capacity, "lane {lane} of {}", self.capacity);
        self.data[self.off[node] + lane] = value;
    }

    /// Sets the shared leaf `node` (a parameter, a constant).
    ///
    /// **Panics** if `node` varies.
    pub fn set_shared(&mut self, node: usize, value: f64) {
        assert!(!self.varying[node], "node {node} varies");
        self.data[self.off[node]] = value;
    }

    /// The value of `node` in lane `lane` (a shared node has the same value in every lane).
    pub fn data(&self, node: usize, lane: usize) -> f64 {
        if self.varying[node] {
            assert!(lane < self.capacity, "lane {lane} of {}", self.capacity);
            self.data[self.off[node] + lane]
        } else {
            self.data[self.off[node]]
        }
    }

    /// The gradient collected by a shared leaf over the lanes of every [`Program::backward`]
    /// since the last [`Program::zero_grad`]; for a varying node, its adjoint in lane `0`
    /// of the last backward (see [`Program::adjoint`]).
    pub fn grad(&self, node: usize) -> f64 {
        self.adj[self.off[node]]
    }

    /// The adjoint `d root / d node` of `node` in lane `lane` after the last backward (for a
    /// shared node, its gradient summed over the lanes).
    pub fn adjoint(&self, node: usize, lane: usize) -> f64 {
        if self.varying[node] {
            assert!(lane < self.capacity, "lane {lane} of {}", self.capacity);
            self.adj[self.off[node] + lane]
        } else {
            self.adj[self.off[node]]
        }
    }

    /// Sets the gradients of the shared leaves to 0 (backward passes add to them).
    pub fn zero_grad(&mut self) {
        for &o in &self.grads {
            self.adj[o] = 0.0;
        }
    }

    fn width(&self, node: usize, lanes: usize) -> usize {
        if self.varying[node] { lanes } else { 1 }
    }

    /// Recomputes every node from the leaves, in lanes `0..lanes`.
    ///
    /// **Panics** if `lanes` is more than [`Program::lanes`].
    pub fn forward(&mut self, lanes: usize) {
        assert!(lanes <= self.capacity, "{lanes} lanes of {}", self.capacity);
        for s in 0..self.steps.len() {
            match self.steps[s] {
                Step::Layer(i) => {
                    forward_layer(
                        &self.layers[i as usize],
                        &mut self.data,
                        lanes,
                        &mut self.scratch.w,
                    );
                }
                Step::One(c) => self.forward_one(self.code[c as usize], lanes),
            }
        }
    }

    /// One instruction of [`Program::forward`].
    #[inline(never)]
    fn forward_one(&mut self, ins: Instr, lanes: usize) {
        let i = ins.node as usize;
        let ops = ins.first as usize..(ins.first + ins.len) as usize;
        let (before, after) = self.data.split_at_mut(self.off[i]);
        let width = if self.varying[i] { lanes } else { 1 };
        let out = &mut after[..width];
        let operands = &self.operands[ops];
        let off = &self.off;
        let varying = &self.varying;
        let lane_of = |j: u32| Lanes::of(before, off[j as usize], varying[j as usize], lanes);
        if ins.across {
            // Op::Sum's fold from 0, over the lanes in order
            let o = off[operands[0] as usize];
            out[0] = before[o..o + lanes].iter().fold(0.0, |acc, &x| acc + x);
            return;
        }
        match ins.op {
            Op::WeightedSum(n) if varying[i] && shared_weights(varying, operands, n) => {
                let n = n as usize;
                // b + w_0 x_0 + w_1 x_1 + …, lane by lane: ops::weighted_sum's order
                out.fill(before[off[operands[2 * n] as usize]]);
                for k in 0..n {
                    let w = before[off[operands[k] as usize]];
                    match lane_of(operands[n + k]) {
                        Lanes::Each(xs) => {
                            for (z, &x) in out.iter_mut().zip(xs) {
                                *z += w * x;
                            }
                        }
                        Lanes::All(x) => {
                            for z in out.iter_mut() {
                                *z += w * x;
                            }
                        }
                    }
                }
            }
            // a shared sum: Op::forward's fold from 0, left to right, reading operands in place
            Op::Sum(_) if !varying[i] => {
                out[0] = operands
                    .iter()
                    .fold(0.0, |acc, &j| acc + before[off[j as usize]]);
            }
            // a varying sum: the same fold, operand by operand over the lanes
            Op::Sum(_) => {
                out.fill(0.0);
                for &j in operands {
                    match lane_of(j) {
                        Lanes::Each(xs) => {
                            for (y, &x) in out.iter_mut().zip(xs) {
                                *y += x;
                            }
                        }
                        Lanes::All(x) => {
                            for y in out.iter_mut() {
                                *y += x;
                            }
                        }
                    }
                }
            }
            op if operands.len() == 1 => match lane_of(operands[0]) {
                Lanes::Each(xs) => map_unary(op, xs, out),
                Lanes::All(x) => out[0] = op.forward(&[x]),
            },
            op if operands.len() == 2 => {
                map_binary(op, lane_of(operands[0]), lane_of(operands[1]), out)
            }
            op => {
                let xs = &mut self.scratch.xs;
                for (l, y) in out.iter_mut().enumerate() {
                    xs.clear();
                    xs.extend(operands.iter().map(|&j| match lane_of(j) {
                        Lanes::Each(v) => v[l],
                        Lanes::All(v) => v,
                    }));
                    *y = op.forward(xs);
                }
            }
        }
    }

    /// Backpropagation from the root in lanes `0..lanes`: each lane's adjoints are those of a
    /// backward pass from the root through that lane's sample alone; the shared leaves add
    /// every lane's contribution to their gradient, in `order` (they keep what earlier passes
    /// gave them until [`Program::zero_grad`]).
    ///
    /// **Panics** if `lanes` is more than [`Program::lanes`].
    pub fn backward(&mut self, lanes: usize, order: Order) {
        assert!(lanes <= self.capacity, "{lanes} lanes of {}", self.capacity);
        // every adjoint but the shared leaves' starts at 0
        for &(o, v) in &self.cleared {
            self.adj[o..o + if v { lanes } else { 1 }].fill(0.0);
        }
        // d root / d root = 1 in each lane
        let w = self.width(self.root, lanes);
        if self.varying[self.root] {
            self.adj[self.off[self.root]..self.off[self.root] + w].fill(1.0);
        } else {
            for _ in 0..lanes {
                self.adj[self.off[self.root]] += 1.0;
            }
        }
        for s in (0..self.steps.len()).rev() {
            match self.steps[s] {
                Step::Layer(i) => backward_layer(
                    &self.layers[i as usize],
                    &self.data,
                    &mut self.adj,
                    lanes,
                    order,
                    &mut self.scratch,
                ),
                Step::One(c) => {
                    let ins = self.code[c as usize];
                    if self.reached[ins.node as usize] {
                        self.backward_one(ins, lanes, order);
                    }
                }
            }
        }
    }

    /// One instruction of [`Program::backward`].
    #[inline(never)]
    fn backward_one(&mut self, ins: Instr, lanes: usize, order: Order) {
        let i = ins.node as usize;
        let ops = ins.first as usize..(ins.first + ins.len) as usize;
        let operands = &self.operands[ops];
        let (adj_before, adj_after) = self.adj.split_at_mut(self.off[i]);
        let data = &self.data;
        let off = &self.off;
        let varying = &self.varying;
        if ins.across {
            // dΣ/dx_l = 1 in every lane
            let up = adj_after[0];
            let o = off[operands[0] as usize];
            for a in &mut adj_before[o..o + lanes] {
                *a += 1.0 * up;
            }
            return;
        }
        if !varying[i] {
            // a shared node: its operands are shared too; one pass
            let up = adj_after[0];
            let out = data[off[i]];
            match (ins.op, operands.len()) {
                // dΣ/dx_i = 1 (Op::local_derivative's), without gathering the operands
                (Op::Sum(_), _) => {
                    for &j in operands {
                        adj_before[off[j as usize]] += 1.0 * up;
                    }
                }
                // d(ab)/da = b, d(ab)/db = a (Op::local_derivative's), as backward sends them
                (Op::Mul, 2) => {
                    let (a, b) = (off[operands[0] as usize], off[operands[1] as usize]);
                    let (xa, xb) = (data[a], data[b]);
                    adj_before[a] += xb * up;
                    adj_before[b] += xa * up;
                }
                (op, 1) => {
                    let j = off[operands[0] as usize];
                    let local = op.local_derivative(&[data[j]], out, 0);
                    adj_before[j] += local * up;
                }
                (op, 2) => {
                    let (a, b) = (off[operands[0] as usize], off[operands[1] as usize]);
                    let xs = [data[a], data[b]];
                    let la = op.local_derivative(&xs, out, 0);
                    let lb = op.local_derivative(&xs, out, 1);
                    adj_before[a] += la * up;
                    adj_before[b] += lb * up;
                }
                (op, _) => {
                    let xs = &mut self.scratch.xs;
                    xs.clear();
                    xs.extend(operands.iter().map(|&j| data[off[j as usize]]));
                    for (k, &j) in operands.iter().enumerate() {
                        let local = op.local_derivative(xs, out, k);
                        adj_before[off[j as usize]] += local * up;
                    }
                }
            }
            return;
        }
        let up = &adj_after[..lanes];
        let out = &data[off[i]..off[i] + lanes];
        let lanes_of = |j: u32| Lanes::of(data, off[j as usize], varying[j as usize], lanes);
        match ins.op {
            Op::WeightedSum(n) if shared_weights(varying, operands, n) => {
                let n = n as usize;
                // ∂/∂w_k = x_k: each weight sums x_k·upstream over the lanes, in order,
                // four weights at a time (four independent sums in registers)
                let (ws, xs) = (&operands[..n], &operands[n..2 * n]);
                let mut k = 0;
                while k < n {
                    let m = (n - k).min(4);
                    let mut a = [0.0f64; 4];
                    let mut xo = [0usize; 4];
                    let mut xv = [false; 4];
                    for q in 0..m {
                        a[q] = adj_before[off[ws[k + q] as usize]];
                        xo[q] = off[xs[k + q] as usize];
                        xv[q] = varying[xs[k + q] as usize];
                    }
                    for q in 0..m {
                        let (o, v) = (xo[q], xv[q]);
                        let mut sum = a[q];
                        each_lane(order, lanes, |l| {
                            sum += data[if v { o + l } else { o }] * up[l];
                        });
                        a[q] = sum;
                    }
                    for q in 0..m {
                        adj_before[off[ws[k + q] as usize]] = a[q];
                    }
                    k += m;
                }
                // ∂/∂x_k = w_k
                for k in 0..n {
                    let (w, x) = (operands[k] as usize, operands[n + k] as usize);
                    let wv = data[off[w]];
                    if varying[x] {
                        let ax = &mut adj_before[off[x]..off[x] + lanes];
                        for (a, &u) in ax.iter_mut().zip(up) {
                            *a += wv * u;
                        }
                    } else {
                        let mut a = adj_before[off[x]];
                        each_lane(order, lanes, |l| a += wv * up[l]);
                        adj_before[off[x]] = a;
                    }
                }
                // ∂/∂b = 1
                let b = off[operands[2 * n] as usize];
                let mut a = adj_before[b];
                each_lane(order, lanes, |l| a += 1.0 * up[l]);
                adj_before[b] = a;
            }
            // dΣ/dx_i = 1, operand by operand (each lane's sends in operand order)
            Op::Sum(_) if operands.iter().all(|&j| varying[j as usize]) => {
                for &j in operands {
                    let o = off[j as usize];
                    for (a, &u) in adj_before[o..o + lanes].iter_mut().zip(up) {
                        *a += 1.0 * u;
                    }
                }
            }
            op if operands.len() == 1 => {
                let o = off[operands[0] as usize];
                let xs = &data[o..o + lanes];
                add_unary_local(op, xs, out, up, &mut adj_before[o..o + lanes]);
            }
            op if operands.len() == 2 && operands[0] != operands[1] => {
                let (a, b) = (lanes_of(operands[0]), lanes_of(operands[1]));
                for (k, &j) in operands.iter().enumerate() {
                    let o = off[j as usize];
                    if varying[j as usize] {
                        add_binary_local(op, k, a, b, out, up, &mut adj_before[o..o + lanes]);
                    } else {
                        // a shared operand sums the lanes in order
                        let mut acc = adj_before[o];
                        each_lane(order, lanes, |l| {
                            let local = binary_local(op, k, a.at(l), b.at(l), out[l]);
                            acc += local * up[l];
                        });
                        adj_before[o] = acc;
                    }
                }
            }
            op => {
                let xs = &mut self.scratch.xs;
                each_lane(order, lanes, |l| {
                    xs.clear();
                    xs.extend(operands.iter().map(|&j| {
                        let o = off[j as usize];
                        data[if varying[j as usize] { o + l } else { o }]
                    }));
                    for (k, &j) in operands.iter().enumerate() {
                        let local = op.local_derivative(xs, out[l], k);
                        let o = off[j as usize];
                        adj_before[if varying[j as usize] { o + l } else { o }] += local * up[l];
                    }
                });
            }
        }
    }
}

/// An operand's values in the lanes of a pass: one per lane, or one for all.
#[derive(Clone, Copy)]
enum Lanes<'a> {
    Each(&'a [f64]),
    All(f64),
}

impl<'a> Lanes<'a> {
    /// The value stored at `offset` of `data`: `lanes` of them when it varies over the
    /// batch, else one shared by every lane.
    #[inline(always)]
    fn of(data: &'a [f64], offset: usize, varying: bool, lanes: usize) -> Self {
        if varying {
            Lanes::Each(&data[offset..offset + lanes])
        } else {
            Lanes::All(data[offset])
        }
    }

    #[inline(always)]
    fn at(self, l: usize) -> f64 {
        match self {
            Lanes::Each(v) => v[l],
            Lanes::All(v) => v,
        }
    }
}

/// Finds the dense layers among the instructions (see [`Layer`]) and returns the steps of
/// the program with them.
fn find_layers(
    code: &[Instr],
    operands: &[u32],
    varying: &[bool],
    reached: &[bool],
    off: &[usize],
) -> (Vec<Step>, Vec<Layer>) {
    let mut steps = Vec::with_capacity(code.len());
    let mut layers = Vec::new();
    let ops_of = |ins: &Instr| &operands[ins.first as usize..(ins.first + ins.len) as usize];
    // a weighted sum that may be a neuron of a layer: its n and its inputs
    let neuron = |ins: &Instr| -> Option<(usize, &[u32])> {
        let Op::WeightedSum(n) = ins.op else {
            return None;
        };
        let (n, node) = (n as usize, ins.node as usize);
        let ops = ops_of(ins);
        let fits = n > 0
            && !ins.across
            && varying[node]
            && reached[node]
            && shared_weights(varying, ops, n as u32)
            && ops[n..2 * n].iter().all(|&x| varying[x as usize]);
        fits.then(|| (n, &ops[n..2 * n]))
    };
    let mut seen = std::collections::HashSet::new();
    let mut c = 0;
    while c < code.len() {
        let Some((n, inputs)) = neuron(&code[c]) else {
            steps.push(Step::One(c as u32));
            c += 1;
            continue;
        };
        let start = code[c].node;
        seen.clear();
        let distinct_inputs = inputs.iter().all(|&x| seen.insert(x) && x < start);
        if !distinct_inputs {
            steps.push(Step::One(c as u32));
            c += 1;
            continue;
        }
        seen.clear();
        let mut layer = Layer {
            x: inputs.iter().map(|&x| off[x as usize]).collect(),
            w: Vec::new(),
            z: Vec::new(),
            act: Vec::new(),
        };
        let mut at = c;
        while at < code.len() {
            let ins = &code[at];
            let ops = ops_of(ins);
            let same = matches!(neuron(ins), Some((m, xs)) if m == n && xs == inputs);
            if !same {
                break;
            }
            let (params, bias) = (&ops[..n], ops[2 * n]);
            if !params.iter().chain([&bias]).all(|&p| seen.insert(p)) {
                break;
            }
            layer
                .w
                .extend(params.iter().chain([&bias]).map(|&p| off[p as usize]));
            layer.z.push(off[ins.node as usize]);
            at += 1;
            // its activation: a one-operand op on it, next
            let act = code.get(at).filter(|a| {
                a.len == 1
                    && !a.across
                    && operands[a.first as usize] == ins.node
                    && reached[a.node as usize]
            });
            layer.act.push(act.map(|a| (a.op, off[a.node as usize])));
            if act.is_some() {
                at += 1;
            }
        }
        steps.push(Step::Layer(layers.len() as u32));
        layers.push(layer);
        c = at;
    }
    (steps, layers)
}

/// Lanes at a time in a dense layer's forward pass: their sums stay in registers while the
/// inputs are walked.
const BLOCK: usize = 8;

/// Forward through a dense layer: each neuron's `b + w_0 x_0 + w_1 x_1 + …` in every lane
/// (ops::weighted_sum's order), two neurons at a time, then their activations.
#[inline(never)]
fn forward_layer(layer: &Layer, data: &mut [f64], lanes: usize, w: &mut Vec<f64>) {
    let m = layer.z.len();
    let mut j = 0;
    while j < m {
        let pair = j + 2 <= m;
        if pair {
            dense::<2>(layer, j, data, lanes, w);
        } else {
            dense::<1>(layer, j, data, lanes, w);
        }
        for q in j..if pair { j + 2 } else { j + 1 } {
            if let Some((op, a)) = layer.act[q] {
                let z = layer.z[q];
                let (before, after) = data.split_at_mut(a);
                map_unary(op, &before[z..z + lanes], &mut after[..lanes]);
            }
        }
        j += if pair { 2 } else { 1 };
    }
}

/// The weighted sums of neurons `j .. j + NB` of a dense layer in every lane: a block of lanes'
/// sums of each neuron stays in registers while the inputs are walked, and each input is read
/// once for the `NB` neurons.
fn dense<const NB: usize>(
    layer: &Layer,
    j: usize,
    data: &mut [f64],
    lanes: usize,
    w: &mut Vec<f64>,
) {
    let n = layer.x.len();
    let params = |q: usize| &layer.w[(j + q) * (n + 1)..(j + q + 1) * (n + 1)];
    // the weights input by input: w[k][q] is neuron j + q's weight of input k
    w.clear();
    for k in 0..n {
        for q in 0..NB {
            w.push(data[params(q)[k]]);
        }
    }
    let bias: [f64; NB] = std::array::from_fn(|q| data[params(q)[n]]);
    let z0 = layer.z[j];
    let out: [usize; NB] = std::array::from_fn(|q| layer.z[j + q] - z0);
    let (before, after) = data.split_at_mut(z0);
    let mut l0 = 0;
    while l0 + BLOCK <= lanes {
        let mut acc: [[f64; BLOCK]; NB] = std::array::from_fn(|q| [bias[q]; BLOCK]);
        for (wk, &o) in w.chunks_exact(NB).zip(&layer.x) {
            let xs: &[f64; BLOCK] = before[o + l0..o + l0 + BLOCK]
                .try_into()
                .expect("a block of lanes");
            for (a, &wq) in acc.iter_mut().zip(wk) {
                for (s, &x) in a.iter_mut().zip(xs) {
                    *s += wq * x;
                }
            }
        }
        for (a, &o) in acc.iter().zip(&out) {
            after[o + l0..o + l0 + BLOCK].copy_from_slice(a);
        }
        l0 += BLOCK;
    }
    for l in l0..lanes {
        let mut acc = bias;
        for (wk, &o) in w.chunks_exact(NB).zip(&layer.x) {
            let x = before[o + l];
            for (s, &wq) in acc.iter_mut().zip(wk) {
                *s += wq * x;
            }
        }
        for (s, &o) in acc.iter().zip(&out) {
            after[o + l] = *s;
        }
    }
}

/// Backward through a dense layer. First each activation sends its gradient to its sum;
/// then the lanes are walked once, in `order`: in each lane every neuron (the last first, as
/// backward through the graph reaches them) adds `x_k · u` to its weights' gradients, `u` to
/// its bias's, and `w_k · u` to the inputs' adjoints, `u` its sum's adjoint in that lane.
/// Every gradient is summed in the order of the instruction-by-instruction replay, so the bits
/// are the same.
///
/// A neuron whose `u` is zero in a lane is skipped there (a sample whose loss sends no
/// gradient, a relu that is off), as a careful hand-written backward pass does. It would add
/// `x_k · ±0` and `w_k · ±0`: zeros, when the inputs and weights are finite, and adding a zero
/// changes nothing, because an adjoint that starts at +0 is never −0 (a sum is −0 only when
/// both terms are). So the skip is taken only when the lane's inputs and the neuron's weights
/// are finite; otherwise the NaN that `∞ · 0` makes is added, as before.
#[inline(never)]
fn backward_layer(
    layer: &Layer,
    data: &[f64],
    adj: &mut [f64],
    lanes: usize,
    order: Order,
    s: &mut Scratch,
) {
    let n = layer.x.len();
    let m = layer.z.len();
    for (&z, act) in layer.z.iter().zip(&layer.act) {
        if let Some((op, a)) = *act {
            let (before, after) = adj.split_at_mut(a);
            add_unary_local(
                op,
                &data[z..z + lanes],
                &data[a..a + lanes],
                &after[..lanes],
                &mut before[z..z + lanes],
            );
        }
    }
    s.w.clear();
    s.w_finite.clear();
    s.dw.clear();
    for params in layer.w.chunks_exact(n + 1) {
        let mut finite = true;
        for &o in &params[..n] {
            let v = data[o];
            finite &= v.is_finite();
            s.w.push(v);
        }
        s.w_finite.push(finite);
        s.dw.extend(params.iter().map(|&o| adj[o]));
    }
    let weights_finite = s.w_finite.iter().all(|&f| f);
    // which lanes have work: a neuron with a gradient, or an input or weight that is not finite
    s.reach.clear();
    s.reach.resize(lanes, 0.0);
    for &z in &layer.z {
        for (r, &u) in s.reach.iter_mut().zip(&adj[z..z + lanes]) {
            *r += u.abs();
        }
    }
    s.x.clear();
    s.x.resize(n, 0.0);
    s.dx.clear();
    s.dx.resize(n, 0.0);
    for i in 0..lanes {
        let l = match order {
            Order::Forward => i,
            Order::Reverse => lanes - 1 - i,
        };
        // A lane's inputs are finite if a neuron's sum is: an input that is infinite or NaN
        // makes every sum of the lane infinite or NaN (`w·∞` is ±∞, or NaN for w = 0). (NaN
        // compares unequal to 0: a NaN gradient is work.)
        let finite = data[layer.z[0] + l].is_finite();
        if s.reach[l] == 0.0 && finite && weights_finite {
            continue;
        }
        let mut gathered = false;
        for j in (0..m).rev() {
            let u = adj[layer.z[j] + l];
            if u == 0.0 && finite && s.w_finite[j] {
                continue;
            }
            if !gathered {
                for ((x, d), &o) in s.x.iter_mut().zip(s.dx.iter_mut()).zip(&layer.x) {
                    *x = data[o + l];
                    *d = adj[o + l];
                }
                gathered = true;
            }
            let row = &mut s.dw[j * (n + 1)..(j + 1) * (n + 1)];
            let (dw, db) = row.split_at_mut(n);
            for (g, &x) in dw.iter_mut().zip(&s.x) {
                *g += x * u;
            }
            db[0] += 1.0 * u;
            for (d, &w) in s.dx.iter_mut().zip(&s.w[j * n..(j + 1) * n]) {
                *d += w * u;
            }
        }
        if gathered {
            for (&d, &o) in s.dx.iter().zip(&layer.x) {
                adj[o + l] = d;
            }
        }
    }
    for (&o, &g) in layer.w.iter().zip(&s.dw) {
        adj[o] = g;
    }
    debug_assert_eq!(s.dw.len(), m * (n + 1));
}

/// `out[l] = op(x[l])`, as [`Op::forward`] computes it: the common ops written out (the same
/// expressions; `tests/replay.rs` checks the bits), the others through the table.
fn map_unary(op: Op, xs: &[f64], out: &mut [f64]) {
    #[inline(always)]
    fn each(xs: &[f64], out: &mut [f64], f: impl Fn(f64) -> f64) {
        for (y, &x) in out.iter_mut().zip(xs) {
            *y = f(x);
        }
    }
    match op {
        Op::Relu => each(xs, out, relu),
        Op::Tanh => each(xs, out, pxfm::f_tanh),
        Op::Sigmoid => each(xs, out, gradgraph::sigmoid),
        Op::Neg => each(xs, out, |x| -x),
        Op::AddConst(c) => each(xs, out, |x| x + c),
        Op::MulConst(c) => each(xs, out, |x| x * c),
        Op::DivConst(c) => each(xs, out, |x| x / c),
        Op::ConstMinus(c) => each(xs, out, |x| c - x),
        Op::LeakyRelu(slope) => each(xs, out, |x| if x > 0.0 { x } else { slope * x }),
        op => each(xs, out, |x| op.forward(&[x])),
    }
}

/// `adj[l] += op'(x[l]) · up[l]`, the local derivative as [`Op::local_derivative`] computes
/// it (the common ops written out; `tests/replay.rs` checks the bits).
fn add_unary_local(op: Op, xs: &[f64], outs: &[f64], up: &[f64], adj: &mut [f64]) {
    #[inline(always)]
    fn each(xs: &[f64], outs: &[f64], up: &[f64], adj: &mut [f64], f: impl Fn(f64, f64) -> f64) {
        let n = adj.len();
        let (xs, outs, up) = (&xs[..n], &outs[..n], &up[..n]);
        for l in 0..n {
            adj[l] += f(xs[l], outs[l]) * up[l];
        }
    }
    match op {
        Op::Relu => each(xs, outs, up, adj, |x, _| relu_derivative(x)),
        Op::Tanh => each(xs, outs, up, adj, |_, y| 1.0 - y * y),
        Op::Sigmoid => each(xs, outs, up, adj, |_, y| y * (1.0 - y)),
        Op::Neg | Op::ConstMinus(_) => each(xs, outs, up, adj, |_, _| -1.0),
        Op::AddConst(_) => each(xs, outs, up, adj, |_, _| 1.0),
        Op::MulConst(c) => each(xs, outs, up, adj, |_, _| c),
        Op::DivConst(c) => {
            let r = c.recip();
            each(xs, outs, up, adj, |_, _| r)
        }
        Op::LeakyRelu(slope) => each(xs, outs, up, adj, |x, _| if x > 0.0 { 1.0 } else { slope }),
        op => each(xs, outs, up, adj, |x, y| op.local_derivative(&[x], y, 0)),
    }
}

/// `out[l] = op(a[l], b[l])` for a two-operand op, as [`Op::forward`] computes it.
fn map_binary(op: Op, a: Lanes<'_>, b: Lanes<'_>, out: &mut [f64]) {
    #[inline(always)]
    fn each(a: Lanes<'_>, b: Lanes<'_>, out: &mut [f64], f: impl Fn(f64, f64) -> f64) {
        match (a, b) {
            (Lanes::Each(a), Lanes::Each(b)) => {
                for ((y, &a), &b) in out.iter_mut().zip(a).zip(b) {
                    *y = f(a, b);
                }
            }
            (Lanes::Each(a), Lanes::All(b)) => {
                for (y, &a) in out.iter_mut().zip(a) {
                    *y = f(a, b);
                }
            }
            (Lanes::All(a), Lanes::Each(b)) => {
                for (y, &b) in out.iter_mut().zip(b) {
                    *y = f(a, b);
                }
            }
            (Lanes::All(a), Lanes::All(b)) => out.fill(f(a, b)),
        }
    }
    match op {
        Op::Add => each(a, b, out, |a, b| a + b),
        Op::Sub => each(a, b, out, |a, b| a - b),
        Op::Mul => each(a, b, out, |a, b| a * b),
        Op::Div => each(a, b, out, |a, b| a / b),
        op => each(a, b, out, |a, b| op.forward(&[a, b])),
    }
}

/// The local derivative of a two-operand op with respect to operand `k`, as
/// [`Op::local_derivative`] computes it.
#[inline(always)]
fn binary_local(op: Op, k: usize, a: f64, b: f64, out: f64) -> f64 {
    match (op, k) {
        (Op::Add, _) | (Op::Sub, 0) => 1.0,
        (Op::Sub, _) => -1.0,
        (Op::Mul, 0) => b,
        (Op::Mul, _) => a,
        (Op::Div, 0) => 1.0 / b,
        (Op::Div, _) => -a / (b * b),
        (op, k) => op.local_derivative(&[a, b], out, k),
    }
}

/// `adj[l] += ∂op/∂operand_k · up[l]` over the lanes, for a varying operand `k`.
fn add_binary_local(
    op: Op,
    k: usize,
    a: Lanes<'_>,
    b: Lanes<'_>,
    outs: &[f64],
    up: &[f64],
    adj: &mut [f64],
) {
    #[inline(always)]
    fn each(
        a: Lanes<'_>,
        b: Lanes<'_>,
        outs: &[f64],
        up: &[f64],
        adj: &mut [f64],
        f: impl Fn(f64, f64, f64) -> f64,
    ) {
        match (a, b) {
            (Lanes::Each(a), Lanes::Each(b)) => {
                for ((((d, &a), &b), &y), &u) in adj.iter_mut().zip(a).zip(b).zip(outs).zip(up) {
                    *d += f(a, b, y) * u;
                }
            }
            (Lanes::Each(a), Lanes::All(b)) => {
                for (((d, &a), &y), &u) in adj.iter_mut().zip(a).zip(outs).zip(up) {
                    *d += f(a, b, y) * u;
                }
            }
            (a, b) => {
                for (l, ((d, &y), &u)) in adj.iter_mut().zip(outs).zip(up).enumerate() {
                    *d += f(a.at(l), b.at(l), y) * u;
                }
            }
        }
    }
    match (op, k) {
        (Op::Add, _) | (Op::Sub, 0) => each(a, b, outs, up, adj, |_, _, _| 1.0),
        (Op::Sub, _) => each(a, b, outs, up, adj, |_, _, _| -1.0),
        (Op::Mul, 0) => each(a, b, outs, up, adj, |_, b, _| b),
        (Op::Mul, _) => each(a, b, outs, up, adj, |a, _, _| a),
        (op, k) => each(a, b, outs, up, adj, |a, b, y| binary_local(op, k, a, b, y)),
    }
}

/// Runs `f` on each lane of `0..lanes`, in `order`.
#[inline(always)]
fn each_lane(order: Order, lanes: usize, mut f: impl FnMut(usize)) {
    match order {
        Order::Forward => (0..lanes).for_each(&mut f),
        Order::Reverse => (0..lanes).rev().for_each(&mut f),
    }
}

/// True if a weighted sum's weights and bias are shared nodes (the parameters of a neuron):
/// its fast path.
fn shared_weights(varying: &[bool], operands: &[u32], n: u32) -> bool {
    let n = n as usize;
    !operands[..n].iter().any(|&w| varying[w as usize]) && !varying[operands[2 * n] as usize]
}

/// relu, as [`Op::forward`] computes it (NaN stays NaN); `tests/replay.rs` checks the bits.
#[inline]
pub fn relu(x: f64) -> f64 {
    if x <= 0.0 { 0.0 } else { x }
}

/// relu's local derivative, as [`Op::local_derivative`] computes it (0 at 0 and at NaN);
/// `tests/replay.rs` checks the bits.
#[inline]
pub fn relu_derivative(x: f64) -> f64 {
    if x > 0.0 { 1.0 } else { 0.0 }
}
