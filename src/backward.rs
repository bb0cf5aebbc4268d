//! Backward: the chain rule applied in reverse topological order, its step-by-step trace,
//! anomaly detection, and gradients as graph values (for second derivatives).
//!
//! Node indices of an append-only graph are already a topological order, so backward is one
//! reverse sweep over the indices up to the output. Each node `v` that the output depends on
//! holds the gradient `ḡ = d y / d v` once every node after it has been processed; it then
//! sends `local_derivative × ḡ` to each of its operands (`+=`: an operand used twice collects
//! both). There is no recursion, so the depth of the graph is limited only by memory.

use crate::error::{Error, Pass};
use crate::expr::format_number;
use crate::graph::{Dag, Graph};
use crate::ops::Op;
use crate::value::Value;
use petgraph::Direction::Incoming;
use petgraph::graph::NodeIndex;
use std::fmt;

/// One gradient sent along one edge during backward: an entry of a [`TraceStep`].
#[derive(Clone, Debug, PartialEq)]
pub struct TraceEdge {
    /// The operand's node index.
    pub input: usize,
    /// The operand's label, if it has one.
    pub label: Option<String>,
    /// The local derivative `∂ node / ∂ input`.
    pub local: f64,
    /// `local × upstream`: what this edge adds to the operand's gradient.
    pub product: f64,
}

/// One node processed by backward, in the order backward processes them.
#[derive(Clone, Debug, PartialEq)]
pub struct TraceStep {
    /// The node's index.
    pub node: usize,
    /// Its op.
    pub op: Op,
    /// Its label, if it has one.
    pub label: Option<String>,
    /// Its value.
    pub data: f64,
    /// The gradient arriving from above, `d output / d node`, complete at this point.
    pub upstream: f64,
    /// What it sends to each operand, in operand order (empty for leaves).
    pub inputs: Vec<TraceEdge>,
}

/// The backward pass as it ran: see [`Graph::backward_trace`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Trace {
    /// One step per node the output depends on, from the output down to the leaves.
    pub steps: Vec<TraceStep>,
}

fn name(index: usize, label: &Option<String>) -> String {
    match label {
        Some(l) => format!("#{index} {l}"),
        None => format!("#{index}"),
    }
}

impl fmt::Display for TraceStep {
    /// One line: `#4 tanh data=0.2913 upstream=1 | → #3: 0.9151 × 1 = 0.9151`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} data={} upstream={}",
            name(self.node, &self.label),
            self.op,
            self.data,
            self.upstream
        )?;
        for (k, e) in self.inputs.iter().enumerate() {
            let sep = if k == 0 { " |" } else { ";" };
            write!(
                f,
                "{sep} → {}: {} × {} = {}",
                name(e.input, &e.label),
                e.local,
                self.upstream,
                e.product
            )?;
        }
        Ok(())
    }
}

impl fmt::Display for Trace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for step in &self.steps {
            writeln!(f, "{step}")?;
        }
        Ok(())
    }
}

/// How a trace names a node: `#5 tanh`, `#0 x` (its label), `#3 const 2`.
///
/// # Examples
/// ```
/// let g = gradgraph::Graph::new();
/// let x = g.input(0.5).with_label("x");
/// let y = (x + 2.0).tanh();
/// assert_eq!(gradgraph::backward::node_name(&g, 0), "#0 x");
/// assert_eq!(gradgraph::backward::node_name(&g, y.index()), "#2 tanh");
/// ```
pub fn node_name(g: &Graph, index: usize) -> String {
    let Some(v) = g.get(index) else {
        return format!("#{index}");
    };
    match v.label() {
        Some(label) => format!("#{index} {label}"),
        None if v.op() == Op::Const => {
            format!("#{index} const {}", format_number(v.data()))
        }
        None => format!("#{index} {}", v.op()),
    }
}

/// The text of one backward step, in the columns `gradgraph expr --trace` prints and the
/// interactive page shows: made by [`TraceStep::text`], so the two cannot drift apart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepText {
    /// The node's name ([`node_name`]).
    pub name: String,
    /// Its value.
    pub data: String,
    /// The gradient arriving from above, `∂f/∂node`.
    pub upstream: String,
    /// What it sends to each operand (`→ #1 x: 0.5 × 1 = 0.5   → …`), or for a leaf what it
    /// keeps (`variable: ∂f/∂x = 0.5`, `constant: no gradient kept`).
    pub sent: String,
}

impl fmt::Display for StepText {
    /// The columns without padding, two spaces apart.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}  {}  {}  {}",
            self.name, self.data, self.upstream, self.sent
        )
    }
}

impl TraceStep {
    /// This step's text, as `gradgraph expr --trace` prints it (numbers in their shortest
    /// exact form, [`format_number`]). `g` is the graph the
    /// trace was recorded on.
    ///
    /// # Examples
    /// ```
    /// let g = gradgraph::Graph::new();
    /// let x = g.input(2.0).with_label("x");
    /// let y = x * 3.0;
    /// let trace = g.backward_trace(y);
    /// assert_eq!(trace.steps[0].text(&g).to_string(), "#1 * 3  6  1  → #0 x: 3 × 1 = 3");
    /// assert_eq!(trace.steps[1].text(&g).sent, "variable: ∂f/∂x = 3");
    /// ```
    pub fn text(&self, g: &Graph) -> StepText {
        let upstream = format_number(self.upstream);
        let sent = if self.inputs.is_empty() {
            if self.op == Op::Const {
                "constant: no gradient kept".to_owned()
            } else {
                format!(
                    "variable: ∂f/∂{} = {}",
                    self.label.as_deref().unwrap_or("?"),
                    upstream
                )
            }
        } else {
            let edges: Vec<String> = self
                .inputs
                .iter()
                .map(|edge| {
                    format!(
                        "→ {}: {} × {} = {}",
                        node_name(g, edge.input),
                        format_number(edge.local),
                        upstream,
                        format_number(edge.product)
                    )
                })
                .collect();
            edges.join("   ")
        };
        StepText {
            name: node_name(g, self.node),
            data: format_number(self.data),
            upstream,
            sent,
        }
    }
}

/// The first place a non-finite number appeared, found by [`Graph::try_backward`].
#[derive(Clone, Copy)]
struct Anomaly {
    node: usize,
    input: Option<usize>,
    value: f64,
}

/// Scratch space of one backward pass, kept by the graph so repeated passes do not allocate.
#[derive(Default)]
pub(crate) struct Scratch {
    /// `adjoint[i] = d y / d node i` for this pass alone.
    adjoint: Vec<f64>,
    /// `reached[i]` once node `i` is known to be an ancestor of the output.
    reached: Vec<bool>,
    /// The operand values of an n-ary node.
    xs: Vec<f64>,
}

/// The reverse sweep shared by every flavour of backward. `on_node(i, op, data, upstream)` is
/// called for each ancestor of `y` in processing order, `on_edge(node, operand, local, product)` for
/// each gradient sent. The callbacks cost nothing when they are empty closures.
///
/// When node `i` is reached, every node after it has sent its share, so its `d y / d node`
/// is complete and is added to its stored gradient right away (constants want none).
///
/// The sweep starts at `y` with `d y / d y = upstream` (1, or what [`sweep_chain`] carried down
/// to it): nothing after `y` sends anything.
fn sweep(
    dag: &mut Dag,
    ops: &[Op],
    y: usize,
    upstream: f64,
    s: &mut Scratch,
    mut on_node: impl FnMut(usize, Op, f64, f64),
    mut on_edge: impl FnMut(usize, usize, f64, f64),
) {
    s.adjoint.clear();
    s.adjoint.resize(y + 1, 0.0);
    s.reached.clear();
    s.reached.resize(y + 1, false);
    s.adjoint[y] = upstream;
    s.reached[y] = true;
    for i in (0..=y).rev() {
        if !s.reached[i] {
            continue;
        }
        let upstream = s.adjoint[i];
        let stored = &mut dag[NodeIndex::new(i)];
        let op = ops[stored.op as usize];
        if op != Op::Const {
            stored.grad += upstream;
        }
        let nodes = dag.raw_nodes();
        let edges = dag.raw_edges();
        let node = &nodes[i].weight;
        on_node(i, op, node.data, upstream);
        let k = op.arity();
        if k == 0 {
            continue;
        }
        let last = nodes[i].next_edge(Incoming).index();
        let first = last + 1 - k;
        let src = |e: usize| edges[e].source().index();
        let data = |j: usize| nodes[j].weight.data;
        // the chain rule: grad[operand] += local_derivative * grad[node]
        let mut send = |s: &mut Scratch, j: usize, local: f64| {
            let product = local * upstream;
            on_edge(i, j, local, product);
            s.adjoint[j] += product;
            s.reached[j] = true;
        };
        match k {
            1 => {
                let a = src(last);
                let local = op.local_derivative_inline(&[data(a)], node.data, 0);
                send(s, a, local);
            }
            2 => {
                let (a, b) = (src(first), src(last));
                let xs = [data(a), data(b)];
                let la = op.local_derivative(&xs, node.data, 0);
                let lb = op.local_derivative(&xs, node.data, 1);
                send(s, a, la);
                send(s, b, lb);
            }
            _ if matches!(op, Op::WeightedSum(_)) => {
                // the neuron's node, b + Σ w_i x_i: ∂/∂w_i = x_i, ∂/∂x_i = w_i, ∂/∂b = 1.
                // Written out, because a net spends nearly all its time here.
                let n = (k - 1) / 2;
                let (ws, rest) = edges[first..=last].split_at(n);
                let (xs, b) = rest.split_at(n);
                for (w, x) in ws.iter().zip(xs) {
                    send(s, w.source().index(), data(x.source().index()));
                }
                for (w, x) in ws.iter().zip(xs) {
                    send(s, x.source().index(), data(w.source().index()));
                }
                send(s, b[0].source().index(), 1.0);
            }
            _ => {
                // every operand's value first: a local derivative may need any of them
                let operands = &edges[first..=last];
                let mut xs = std::mem::take(&mut s.xs);
                xs.clear();
                xs.extend(operands.iter().map(|e| data(e.source().index())));
                for (slot, e) in operands.iter().enumerate() {
                    let local = op.local_derivative(&xs, node.data, slot);
                    send(s, e.source().index(), local);
                }
                s.xs = xs;
            }
        }
    }
}

/// The first part of a plain backward pass, without scratch space: the chain that ends at
/// `y`. While node `i` has one operand and that operand is node `i - 1` (`x·c`, `+ d`,
/// `tanh`, … applied one after another), node `i - 1` gets its gradient from node `i` alone,
/// so `d y / d node` is one running number instead of a vector the length of the graph.
///
/// Does exactly what [`sweep`] does to these nodes, in the same order and with the same
/// arithmetic (a gradient arriving at a node is `0 + product`, as when it is added to a zeroed
/// adjoint), so the stored gradients are the same to the last bit. Returns `None` when the
/// chain ends at a leaf (the pass is complete), or the node where it stops, with its complete
/// `d y / d node`, for [`sweep`] to go on from.
///
/// Nodes after `known` are known to be such (the graph recorded it as it was built,
/// [`Graph::chain_from`]): there the operand is not read from the edges.
fn sweep_chain(dag: &mut Dag, ops: &[Op], y: usize, known: usize) -> Option<(usize, f64)> {
    // dy/dy = 1
    let mut upstream = 1.0;
    let mut i = y;
    while i > known {
        // one operand, node i - 1: not a constant, so its gradient is kept
        let node = &mut dag[NodeIndex::new(i)];
        node.grad += upstream;
        let (op, out) = (ops[node.op as usize], node.data);
        let x = dag[NodeIndex::new(i - 1)].data;
        // the chain rule, into an adjoint that was 0
        upstream = 0.0 + op.local_derivative_inline(&[x], out, 0) * upstream;
        i -= 1;
    }
    loop {
        let nodes = dag.raw_nodes();
        let node = &nodes[i];
        let op = ops[node.weight.op as usize];
        let operand = match op.arity() {
            0 => None,
            1 => {
                let a = dag.raw_edges()[node.next_edge(Incoming).index()]
                    .source()
                    .index();
                // an operand further back may be reached from elsewhere too: the sweep's case
                if a + 1 != i {
                    return Some((i, upstream));
                }
                Some(a)
            }
            _ => return Some((i, upstream)),
        };
        let out = node.weight.data;
        let stored = &mut dag[NodeIndex::new(i)];
        if op != Op::Const {
            stored.grad += upstream;
        }
        let a = operand?;
        let x = dag.raw_nodes()[a].weight.data;
        // the chain rule, into an adjoint that was 0
        upstream = 0.0 + op.local_derivative_inline(&[x], out, 0) * upstream;
        i = a;
    }
}

impl Graph {
    fn run_backward(
        &self,
        y: Value<'_>,
        on_node: impl FnMut(usize, Op, f64, f64),
        on_edge: impl FnMut(usize, usize, f64, f64),
    ) {
        self.check_same(y);
        let mut scratch = self.scratch.borrow_mut();
        let mut dag = self.dag_mut();
        let table = self.op_table();
        let y = y.index();
        sweep(
            &mut dag,
            table.ops(),
            y,
            1.0,
            &mut scratch,
            on_node,
            on_edge,
        );
    }

    /// Backpropagation: computes `d y / d v` for every value `v` that `y` depends on, and adds
    /// it to `v.grad()`.
    ///
    /// Only `y`'s ancestors are visited, in reverse topological order, without recursion.
    /// Gradients **accumulate**, as in PyTorch: running backward twice without
    /// [`Graph::zero_grad`] in between leaves every gradient exactly doubled (the output's own
    /// too: 2), and backward from two outputs sums their gradients. Constants keep a zero
    /// gradient.
    ///
    /// Computes in **O(n + e)** time for the `n` nodes and `e` edges up to `y`, and allocates
    /// nothing once the graph's scratch space has grown to size. The chain that ends at `y`
    /// (each node's one operand the node before it, as in `x·c + d` repeated) needs no scratch
    /// space: it is walked with one running gradient, down to where the graph branches.
    ///
    /// **Panics** if `y` belongs to another graph.
    ///
    /// # Examples
    /// ```
    /// let g = gradgraph::Graph::new();
    /// let a = g.input(3.0);
    /// let b = a + a; // a used twice: its gradient collects both uses
    /// let c = b + b;
    /// g.backward(c);
    /// assert_eq!(a.grad(), 4.0);
    /// g.backward(c); // accumulates
    /// assert_eq!(a.grad(), 8.0);
    /// g.zero_grad();
    /// assert_eq!(a.grad(), 0.0);
    /// ```
    pub fn backward(&self, y: Value<'_>) {
        self.check_same(y);
        let mut dag = self.dag_mut();
        let table = self.op_table();
        let ops = table.ops();
        // a chain needs no scratch space: only the rest of the graph, if any, is swept
        let chain = sweep_chain(&mut dag, ops, y.index(), self.chain_from.get());
        if let Some((m, upstream)) = chain {
            let mut scratch = self.scratch.borrow_mut();
            sweep(
                &mut dag,
                ops,
                m,
                upstream,
                &mut scratch,
                |_, _, _, _| {},
                |_, _, _, _| {},
            );
        }
    }

    /// Backward with anomaly detection, as PyTorch's `detect_anomaly`: if a value that `y`
    /// depends on, or a gradient, is NaN or infinite, returns [`Error::NonFinite`] naming the
    /// first node that produced it (from finite inputs). Gradients are accumulated as by
    /// [`Graph::backward`] either way, so they can still be inspected.
    ///
    /// # Examples
    /// ```
    /// let g = gradgraph::Graph::new();
    /// let x = g.input(-1.0).with_label("x");
    /// let y = x.log() * 2.0;
    /// let err = g.try_backward(y).unwrap_err();
    /// assert!(err.to_string().contains("#1 log"));
    /// ```
    pub fn try_backward(&self, y: Value<'_>) -> Result<(), Error> {
        let mut first: Option<Anomaly> = None;
        let upstream_ok = std::cell::Cell::new(true);
        self.run_backward(
            y,
            |_, _, _, upstream| upstream_ok.set(upstream.is_finite()),
            |node, input, _, product| {
                if first.is_none() && upstream_ok.get() && !product.is_finite() {
                    first = Some(Anomaly {
                        node,
                        input: Some(input),
                        value: product,
                    });
                }
            },
        );
        if let Some(bad) = self.first_non_finite_value(y) {
            return Err(self.anomaly_error(bad, Pass::Forward));
        }
        match first {
            Some(bad) => Err(self.anomaly_error(bad, Pass::Backward)),
            None => Ok(()),
        }
    }

    /// The first ancestor of `y`, in index order, whose value is not finite although its
    /// operands are (or a leaf that was given a non-finite value).
    fn first_non_finite_value(&self, y: Value<'_>) -> Option<Anomaly> {
        let scratch = self.scratch.borrow();
        let dag = self.dag();
        let edges = dag.raw_edges();
        (0..=y.index()).find_map(|i| {
            if !scratch.reached[i] {
                return None;
            }
            let data = dag.raw_nodes()[i].weight.data;
            let operands_finite = Graph::operand_indices(&dag, i).all(|e| {
                dag.raw_nodes()[edges[e].source().index()]
                    .weight
                    .data
                    .is_finite()
            });
            (!data.is_finite() && operands_finite).then_some(Anomaly {
                node: i,
                input: None,
                value: data,
            })
        })
    }

    fn anomaly_error(&self, bad: Anomaly, pass: Pass) -> Error {
        let describe = |i: usize| {
            let v = Value::new(self, i as u32);
            match v.label() {
                Some(l) => format!("#{i} {} ({l})", v.op()),
                None => format!("#{i} {}", v.op()),
            }
        };
        let operands: Vec<String> = self
            .operands(Value::new(self, bad.node as u32))
            .iter()
            .map(|v| v.data().to_string())
            .collect();
        let detail = match bad.input {
            None => format!(
                "node {} computed {} from operands [{}]",
                describe(bad.node),
                bad.value,
                operands.join(", ")
            ),
            Some(input) => format!(
                "node {} sent gradient {} to {} (operands [{}])",
                describe(bad.node),
                bad.value,
                describe(input),
                operands.join(", ")
            ),
        };
        Error::NonFinite {
            pass,
            node: bad.node,
            detail,
        }
    }

    /// Backward, recording each step: for every node in the order processed, its value, the
    /// gradient arriving from above, and for each operand the local derivative and the
    /// product sent. This is the course's chain rule made visible. Gradients accumulate
    /// exactly as with [`Graph::backward`].
    ///
    /// # Examples
    /// ```
    /// let g = gradgraph::Graph::new();
    /// let x = g.input(2.0).with_label("x");
    /// let y = (x * 3.0).with_label("y");
    /// let trace = g.backward_trace(y);
    /// assert_eq!(trace.steps[0].inputs[0].local, 3.0); // d(3x)/dx
    /// assert_eq!(trace.steps[1].label.as_deref(), Some("x"));
    /// assert_eq!(trace.steps[1].upstream, 3.0);
    /// ```
    pub fn backward_trace(&self, y: Value<'_>) -> Trace {
        let steps = std::cell::RefCell::new(Vec::new());
        self.run_backward(
            y,
            |i, op, data, upstream| {
                steps.borrow_mut().push(TraceStep {
                    node: i,
                    op,
                    label: self.label_of(i as u32),
                    data,
                    upstream,
                    inputs: Vec::new(),
                })
            },
            |_, input, local, product| {
                if let Some(step) = steps.borrow_mut().last_mut() {
                    step.inputs.push(TraceEdge {
                        input,
                        label: self.label_of(input as u32),
                        local,
                        product,
                    });
                }
            },
        );
        Trace {
            steps: steps.into_inner(),
        }
    }

    /// [`Graph::backward_trace`], leaving every stored gradient as it was: the pass as a
    /// picture or a derivation shows it, without changing what the graph holds.
    ///
    /// # Examples
    /// ```
    /// let g = gradgraph::Graph::new();
    /// let x = g.input(2.0).with_label("x");
    /// let y = x * 3.0;
    /// let trace = g.backward_trace_kept(y);
    /// assert_eq!(trace.steps[1].upstream, 3.0);
    /// assert_eq!(x.grad(), 0.0);
    /// ```
    pub fn backward_trace_kept(&self, y: Value<'_>) -> Trace {
        let saved: Vec<f64> = self.values().map(|v| v.grad()).collect();
        let trace = self.backward_trace(y);
        for (v, grad) in self.values().zip(saved) {
            v.set_grad(grad);
        }
        trace
    }

    /// Gradients as values of the graph (PyTorch's `create_graph=True`): returns
    /// `d y / d v` for each `v` in `wrt`, built from graph operations, so it can be
    /// differentiated again (second derivatives), drawn, or replayed with [`Graph::forward`].
    /// A value that `y` does not depend on gets the constant 0.
    ///
    /// Stored gradients (`grad()`) are not changed.
    ///
    /// # Examples
    /// ```
    /// let g = gradgraph::Graph::new();
    /// let x = g.input(2.0);
    /// let y = x.powf(3.0); // y' = 3x², y'' = 6x
    /// let dy = g.grad(y, &[x])[0];
    /// assert_eq!(dy.data(), 12.0);
    /// g.backward(dy);
    /// assert_eq!(x.grad(), 12.0);
    /// ```
    pub fn grad<'g>(&'g self, y: Value<'g>, wrt: &[Value<'g>]) -> Vec<Value<'g>> {
        self.check_same(y);
        let n = y.index() + 1;
        let mut adjoint: Vec<Option<Value<'g>>> = vec![None; n];
        adjoint[y.index()] = Some(self.constant(1.0));
        for i in (0..n).rev() {
            let Some(upstream) = adjoint[i] else { continue };
            let out = Value::new(self, i as u32);
            let op = out.op();
            if op.is_leaf() {
                continue;
            }
            let operands = self.operands(out);
            for (k, x) in operands.iter().enumerate() {
                // the chain rule, built as graph values
                let term = op.local_derivative(&operands, out, k) * upstream;
                let j = x.index();
                adjoint[j] = Some(match adjoint[j] {
                    Some(acc) => acc + term,
                    None => term,
                });
            }
        }
        wrt.iter()
            .map(|v| {
                self.check_same(*v);
                adjoint
                    .get(v.index())
                    .copied()
                    .flatten()
                    .unwrap_or_else(|| self.constant(0.0))
            })
            .collect()
    }
}
