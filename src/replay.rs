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
//! for the two ops a net spends nearly all its time in: the weighted sum (`b + Σ w_i x_i`,
//! the same operations in the same order as [`Op::forward`]; its local derivatives are its
//! operands) and relu, written as loops over the lanes, and the sum and product of shared
//! nodes (the L2 term `α Σ p·p`), written out; `tests/replay.rs` checks that they give the
//! same bits as the table's ops and the graph.
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
//! use gradgraph::replay::{Order, Program};
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
//! # Ok::<(), gradgraph::Error>(())
//! ```

use crate::Error;
use crate::graph::Graph;
use crate::ops::Op;
use crate::value::Value;

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
    /// per node: a leaf
    leaf: Vec<bool>,
    /// per node: an ancestor of the root (backward visits it)
    reached: Vec<bool>,
    code: Vec<Instr>,
    operands: Vec<u32>,
    data: Vec<f64>,
    adj: Vec<f64>,
    /// scratch: one lane's operand values
    xs: Vec<f64>,
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
        if lanes == 0 {
            return Err(Error::out_of_range(
                "lanes",
                "a program needs at least one lane",
            ));
        }
        for v in std::iter::once(&root).chain(varying) {
            if !std::ptr::eq(v.graph(), g) {
                return Err(Error::out_of_range(
                    "replay",
                    "a value of another graph was given to Program::compile",
                ));
            }
        }
        let dag = g.dag();
        let nodes = root.index() + 1;
        let mut is_varying = vec![false; nodes];
        for v in varying {
            let i = v.index();
            if i >= nodes || !dag.raw_nodes()[i].weight.op.is_leaf() {
                return Err(Error::out_of_range(
                    "replay",
                    format!("node {i}, given as varying, is not a leaf before the root"),
                ));
            }
            is_varying[i] = true;
        }
        let mut leaf = vec![false; nodes];
        let mut code = Vec::new();
        let mut operands = Vec::new();
        for (i, is_leaf) in leaf.iter_mut().enumerate() {
            let op = dag.raw_nodes()[i].weight.op;
            if op.is_leaf() {
                *is_leaf = true;
                continue;
            }
            let range = Graph::operand_indices(&dag, i);
            let first = operands.len();
            for e in &dag.raw_edges()[range] {
                let j = e.source().index();
                operands.push(j as u32);
                is_varying[i] |= is_varying[j];
            }
            code.push(Instr {
                op,
                node: i as u32,
                first: first as u32,
                len: (operands.len() - first) as u32,
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
            let value = dag.raw_nodes()[i].weight.data;
            let width = if v { lanes } else { 1 };
            data[off[i]..off[i] + width].fill(value);
        }
        Ok(Program {
            nodes,
            root: root.index(),
            capacity: lanes,
            varying: is_varying,
            off,
            leaf,
            reached,
            code,
            operands,
            adj: vec![0.0; size],
            data,
            xs: Vec::new(),
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
        for i in 0..self.nodes {
            if self.leaf[i] && !self.varying[i] {
                self.adj[self.off[i]] = 0.0;
            }
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
        for c in 0..self.code.len() {
            let ins = self.code[c];
            let i = ins.node as usize;
            let ops = ins.first as usize..(ins.first + ins.len) as usize;
            let (before, after) = self.data.split_at_mut(self.off[i]);
            let width = if self.varying[i] { lanes } else { 1 };
            let out = &mut after[..width];
            let operands = &self.operands[ops];
            let lane_of = |j: u32| (self.off[j as usize], self.varying[j as usize]);
            match ins.op {
                Op::WeightedSum(n)
                    if self.varying[i] && shared_weights(&self.varying, operands, n) =>
                {
                    let n = n as usize;
                    // b + w_0 x_0 + w_1 x_1 + …, lane by lane: ops::weighted_sum's order
                    out.fill(before[self.off[operands[2 * n] as usize]]);
                    for k in 0..n {
                        let w = before[self.off[operands[k] as usize]];
                        let (o, v) = lane_of(operands[n + k]);
                        if v {
                            for (z, &x) in out.iter_mut().zip(&before[o..o + lanes]) {
                                *z += w * x;
                            }
                        } else {
                            let x = before[o];
                            for z in out.iter_mut() {
                                *z += w * x;
                            }
                        }
                    }
                }
                Op::Relu if self.varying[i] => {
                    let o = self.off[operands[0] as usize];
                    for (y, &x) in out.iter_mut().zip(&before[o..o + lanes]) {
                        *y = relu(x);
                    }
                }
                // a sum: Op::forward's fold from 0, left to right, reading operands in place
                Op::Sum(_) if !self.varying[i] => {
                    out[0] = operands
                        .iter()
                        .fold(0.0, |acc, &j| acc + before[self.off[j as usize]]);
                }
                Op::Mul if !self.varying[i] => {
                    out[0] = before[self.off[operands[0] as usize]]
                        * before[self.off[operands[1] as usize]];
                }
                op if operands.len() == 1 => {
                    let (o, v) = lane_of(operands[0]);
                    for (l, y) in out.iter_mut().enumerate() {
                        *y = op.forward(&[before[if v { o + l } else { o }]]);
                    }
                }
                op if operands.len() == 2 => {
                    let (o0, v0) = lane_of(operands[0]);
                    let (o1, v1) = lane_of(operands[1]);
                    for (l, y) in out.iter_mut().enumerate() {
                        let a = before[if v0 { o0 + l } else { o0 }];
                        let b = before[if v1 { o1 + l } else { o1 }];
                        *y = op.forward(&[a, b]);
                    }
                }
                op => {
                    let xs = &mut self.xs;
                    for (l, y) in out.iter_mut().enumerate() {
                        xs.clear();
                        xs.extend(operands.iter().map(|&j| {
                            let (o, v) = lane_of(j);
                            before[if v { o + l } else { o }]
                        }));
                        *y = op.forward(xs);
                    }
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
        for i in 0..self.nodes {
            if self.reached[i] && (self.varying[i] || !self.leaf[i]) {
                let w = self.width(i, lanes);
                self.adj[self.off[i]..self.off[i] + w].fill(0.0);
            }
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
        for c in (0..self.code.len()).rev() {
            let ins = self.code[c];
            let i = ins.node as usize;
            if !self.reached[i] {
                continue;
            }
            let ops = ins.first as usize..(ins.first + ins.len) as usize;
            let operands = &self.operands[ops];
            let (adj_before, adj_after) = self.adj.split_at_mut(self.off[i]);
            let data = &self.data;
            let off = &self.off;
            let varying = &self.varying;
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
                        let xs = &mut self.xs;
                        xs.clear();
                        xs.extend(operands.iter().map(|&j| data[off[j as usize]]));
                        for (k, &j) in operands.iter().enumerate() {
                            let local = op.local_derivative(xs, out, k);
                            adj_before[off[j as usize]] += local * up;
                        }
                    }
                }
                continue;
            }
            let up = &adj_after[..lanes];
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
                        if m == 4 && xv.iter().all(|&v| v) {
                            let x0 = &data[xo[0]..xo[0] + lanes];
                            let x1 = &data[xo[1]..xo[1] + lanes];
                            let x2 = &data[xo[2]..xo[2] + lanes];
                            let x3 = &data[xo[3]..xo[3] + lanes];
                            each_lane(order, lanes, |l| {
                                let u = up[l];
                                a[0] += x0[l] * u;
                                a[1] += x1[l] * u;
                                a[2] += x2[l] * u;
                                a[3] += x3[l] * u;
                            });
                        } else {
                            for q in 0..m {
                                let (o, v) = (xo[q], xv[q]);
                                let mut sum = a[q];
                                each_lane(order, lanes, |l| {
                                    sum += data[if v { o + l } else { o }] * up[l];
                                });
                                a[q] = sum;
                            }
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
                Op::Relu if varying[operands[0] as usize] => {
                    let o = off[operands[0] as usize];
                    let xs = &data[o..o + lanes];
                    let ax = &mut adj_before[o..o + lanes];
                    for ((a, &x), &u) in ax.iter_mut().zip(xs).zip(up) {
                        *a += relu_derivative(x) * u;
                    }
                }
                op => {
                    let out = &data[off[i]..off[i] + lanes];
                    let xs = &mut self.xs;
                    each_lane(order, lanes, |l| {
                        xs.clear();
                        xs.extend(operands.iter().map(|&j| {
                            let o = off[j as usize];
                            data[if varying[j as usize] { o + l } else { o }]
                        }));
                        for (k, &j) in operands.iter().enumerate() {
                            let local = op.local_derivative(xs, out[l], k);
                            let o = off[j as usize];
                            adj_before[if varying[j as usize] { o + l } else { o }] +=
                                local * up[l];
                        }
                    });
                }
            }
        }
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
