//! [`Graph`]: the petgraph DAG that records every scalar operation. This is the only code
//! that adds nodes and edges.

use crate::labels::Group;
use crate::ops::Op;
use crate::value::Value;
use petgraph::Direction::Incoming;
use petgraph::graph::{DiGraph, NodeIndex};
use std::cell::{Ref, RefCell, RefMut};
use std::collections::HashMap;

/// The petgraph type behind a [`Graph`]: nodes are [`Node`]s, edges run from operand to
/// result and carry nothing, indices are `u32`.
pub(crate) type Dag = DiGraph<Node, (), u32>;

/// One scalar of the graph: its value, its gradient and the operation that made it.
#[derive(Clone, Copy, Debug)]
pub struct Node {
    pub(crate) data: f64,
    pub(crate) grad: f64,
    pub(crate) op: Op,
}

impl Node {
    /// The value computed by the forward pass.
    pub fn data(&self) -> f64 {
        self.data
    }
    /// The gradient accumulated by backward passes (`d output / d self`).
    pub fn grad(&self) -> f64 {
        self.grad
    }
    /// The operation that made it.
    pub fn op(&self) -> Op {
        self.op
    }
    /// Whether the node is a leaf (an input, a parameter or a constant).
    pub fn is_leaf(&self) -> bool {
        self.op.is_leaf()
    }
}

/// The operands of one node, read from the graph: their indices and their values, in order.
/// Kept between nodes, so that a sweep over the graph does not allocate for each.
#[derive(Default)]
pub(crate) struct Operands {
    /// The operands' node indices.
    pub(crate) index: Vec<usize>,
    /// Their values.
    pub(crate) data: Vec<f64>,
}

impl Operands {
    /// Reads the operands of node `i`. petgraph lists a node's incoming edges newest first,
    /// and a node's edges are added in operand order: reversed, they are the operands.
    pub(crate) fn read(&mut self, dag: &Dag, i: usize) -> &Self {
        self.index.clear();
        self.index.extend(
            dag.neighbors_directed(NodeIndex::new(i), Incoming)
                .map(|n| n.index()),
        );
        self.index.reverse();
        self.data.clear();
        self.data
            .extend(self.index.iter().map(|&j| dag[NodeIndex::new(j)].data));
        self
    }
}

/// A computation graph of scalars: an append-only petgraph DAG.
///
/// Every arithmetic operation on [`Value`]s adds one node, with one edge from each operand.
/// Because nodes are only ever appended, and an operand always exists before its result,
/// the order of node indices is a topological order: backward is a reverse sweep over
/// indices, and a forward replay is a sweep in index order. Nothing walks the graph
/// recursively, so a chain of ten million operations is no harder than a chain of ten.
///
/// A node's incoming edges are added together, in operand order, when the node is created.
///
/// # Examples
/// ```
/// use gradgraph::Graph;
/// let g = Graph::new();
/// let x = g.input(2.0).with_label("x");
/// let y = x * x + 3.0 * x; // y = x² + 3x, dy/dx = 2x + 3
/// g.backward(y);
/// assert_eq!(y.data(), 10.0);
/// assert_eq!(x.grad(), 7.0);
/// assert_eq!(g.len(), 4); // x, x*x, 3*x, +
/// ```
#[derive(Default)]
pub struct Graph {
    dag: RefCell<Dag>,
    pub(crate) labels: RefCell<HashMap<u32, String>>,
    pub(crate) groups: RefCell<Vec<Group>>,
    pub(crate) open_groups: RefCell<Vec<usize>>,
}

impl Graph {
    /// An empty graph.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty graph with room for `nodes` nodes and `edges` edges, so that building it
    /// never reallocates.
    pub fn with_capacity(nodes: usize, edges: usize) -> Self {
        Graph {
            dag: RefCell::new(Dag::with_capacity(nodes, edges)),
            ..Self::default()
        }
    }

    /// An input: a leaf that wants a gradient, such as `x` ([`Op::Input`]). Inputs are set
    /// from outside; [`Graph::parameter`] makes the leaves an optimiser learns, and
    /// [`Graph::constant`] those that want no gradient.
    ///
    /// Computes in amortised **O(1)** time.
    pub fn input(&self, data: f64) -> Value<'_> {
        self.leaf(Op::Input, data)
    }

    /// A learnable parameter (a weight or a bias): a leaf that wants a gradient, drawn apart
    /// from inputs in pictures, and returned by [`Graph::parameters`].
    pub fn parameter(&self, data: f64) -> Value<'_> {
        self.leaf(Op::Param, data)
    }

    /// A constant: a leaf that wants no gradient (its `grad` stays 0).
    pub fn constant(&self, data: f64) -> Value<'_> {
        self.leaf(Op::Const, data)
    }

    fn leaf(&self, op: Op, data: f64) -> Value<'_> {
        let node = self.dag.borrow_mut().add_node(Node {
            data,
            grad: 0.0,
            op,
        });
        Value::new(self, node.index() as u32)
    }

    /// Adds the node `op(operands)`, computing its value now, with an edge from each operand.
    /// Every operator and function of [`Value`] comes here.
    pub(crate) fn push<'g>(&'g self, op: Op, operands: &[Value<'g>]) -> Value<'g> {
        let mut dag = self.dag.borrow_mut();
        let x = |v: &Value<'_>| {
            self.check_same(*v);
            dag[v.node_index()].data
        };
        let data = match operands {
            [a] => op.forward(&[x(a)]),
            [a, b] => op.forward(&[x(a), x(b)]),
            _ => op.forward(&operands.iter().map(x).collect::<Vec<f64>>()),
        };
        let node = dag.add_node(Node {
            data,
            grad: 0.0,
            op,
        });
        for v in operands {
            dag.add_edge(v.node_index(), node, ());
        }
        Value::new(self, node.index() as u32)
    }

    /// **Panics** with a clear message if `v` belongs to another graph.
    #[inline]
    pub(crate) fn check_same(&self, v: Value<'_>) {
        assert!(
            std::ptr::eq(self, v.graph()),
            "gradgraph: values of two different graphs were combined (node {} belongs to another \
             Graph); build an expression from values of one Graph",
            v.index()
        );
    }

    /// `Σ values`, as one node with an edge from each term.
    ///
    /// An empty sum is the constant 0.
    ///
    /// # Examples
    /// ```
    /// let g = gradgraph::Graph::new();
    /// let (a, b, c) = (g.input(1.0), g.input(2.0), g.input(3.0));
    /// let s = g.sum(&[a, b, c, a]); // ds/da = 2: a appears twice
    /// g.backward(s);
    /// assert_eq!((s.data(), a.grad(), b.grad()), (7.0, 2.0, 1.0));
    /// ```
    pub fn sum<'g>(&'g self, values: &[Value<'g>]) -> Value<'g> {
        if values.is_empty() {
            return self.constant(0.0);
        }
        self.push(Op::Sum(values.len() as u32), values)
    }

    /// A neuron's weighted sum `Σ w_i x_i + b` as one node with `2n + 1` inputs.
    ///
    /// It is summed as `b + w_0 x_0 + w_1 x_1 + …`, micrograd's order, so results agree with
    /// micrograd to the last digit. Its local derivatives are `∂/∂w_i = x_i`,
    /// `∂/∂x_i = w_i`, `∂/∂b = 1`.
    ///
    /// Returns [`Error::Shape`](crate::Error::Shape) if `weights` and `inputs` differ in length.
    ///
    /// # Examples
    /// ```
    /// # fn main() -> Result<(), gradgraph::Error> {
    /// let g = gradgraph::Graph::new();
    /// let w = [g.parameter(0.5), g.parameter(-1.0)];
    /// let x = [g.input(2.0), g.input(3.0)];
    /// let b = g.parameter(0.25);
    /// let s = g.weighted_sum(&w, &x, b)?; // 0.25 + 0.5·2 - 1·3
    /// g.backward(s);
    /// assert_eq!(s.data(), -1.75);
    /// assert_eq!((w[1].grad(), x[1].grad(), b.grad()), (3.0, -1.0, 1.0));
    /// # Ok(()) }
    /// ```
    pub fn weighted_sum<'g>(
        &'g self,
        weights: &[Value<'g>],
        inputs: &[Value<'g>],
        bias: Value<'g>,
    ) -> Result<Value<'g>, crate::Error> {
        if weights.len() != inputs.len() {
            return Err(crate::Error::Shape {
                what: "weighted sum: inputs for the weights".into(),
                expected: weights.len(),
                got: inputs.len(),
            });
        }
        let mut operands = Vec::with_capacity(2 * weights.len() + 1);
        operands.extend_from_slice(weights);
        operands.extend_from_slice(inputs);
        operands.push(bias);
        Ok(self.push(Op::WeightedSum(weights.len() as u32), &operands))
    }

    /// The number of nodes.
    pub fn len(&self) -> usize {
        self.dag.borrow().node_count()
    }

    /// True when the graph has no node.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The number of edges (one per operand of every node).
    pub fn edge_count(&self) -> usize {
        self.dag.borrow().edge_count()
    }

    /// Read access to the petgraph DAG itself, for petgraph's algorithms or your own walks.
    ///
    /// **Panics** if called while the graph is being changed (it cannot be, from outside).
    ///
    /// # Examples
    /// ```
    /// let g = gradgraph::Graph::new();
    /// let x = g.input(1.0);
    /// let _y = (x * 2.0).tanh();
    /// let order = petgraph::algo::toposort(&*g.dag(), None).unwrap();
    /// assert_eq!(order.len(), 3);
    /// ```
    pub fn dag(&self) -> Ref<'_, Dag> {
        self.dag.borrow()
    }

    pub(crate) fn dag_mut(&self) -> RefMut<'_, Dag> {
        self.dag.borrow_mut()
    }

    /// The value handle of node `index`, or `None` if there is no such node.
    pub fn get(&self, index: usize) -> Option<Value<'_>> {
        (index < self.len()).then(|| Value::new(self, index as u32))
    }

    /// Every node as a value handle, in index (topological) order.
    pub fn values(&self) -> impl Iterator<Item = Value<'_>> + '_ {
        (0..self.len() as u32).map(move |i| Value::new(self, i))
    }

    /// Every learnable parameter ([`Graph::parameter`]), in creation order.
    pub fn parameters(&self) -> Vec<Value<'_>> {
        self.values().filter(|v| v.op() == Op::Param).collect()
    }

    /// The operands of `v`, in order (`[a, b]` for `a - b`).
    pub fn operands<'g>(&'g self, v: Value<'g>) -> Vec<Value<'g>> {
        self.check_same(v);
        let mut operands = Operands::default();
        operands.read(&self.dag(), v.index());
        operands
            .index
            .iter()
            .map(|&j| Value::new(self, j as u32))
            .collect()
    }

    /// Replays the forward pass: recomputes every non-leaf node, in index order, from its
    /// operands. Call it after changing leaves with [`Value::set_data`]: the graph of a
    /// model is built once and re-evaluated for every sample, instead of being rebuilt.
    ///
    /// Computes in **O(nodes + edges)** time.
    ///
    /// # Examples
    /// ```
    /// let g = gradgraph::Graph::new();
    /// let x = g.input(1.0);
    /// let y = (x * x).exp();
    /// x.set_data(2.0);
    /// g.forward();
    /// assert_eq!(y.data(), 4f64.exp());
    /// ```
    pub fn forward(&self) {
        let mut dag = self.dag.borrow_mut();
        let mut operands = Operands::default();
        for i in 0..dag.node_count() {
            let op = dag[NodeIndex::new(i)].op;
            if !op.is_leaf() {
                let x = &operands.read(&dag, i).data;
                dag[NodeIndex::new(i)].data = op.forward(x);
            }
        }
    }
}
