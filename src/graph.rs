//! [`Graph`]: the petgraph DAG that records every scalar operation. This is the only code
//! that adds nodes and edges.

use crate::ops::Op;
use petgraph::Direction::Incoming;
use petgraph::graph::{DiGraph, NodeIndex};
use std::cell::{Ref, RefCell, RefMut};
use std::collections::HashMap;
use std::ops::Range;

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

/// A named group of consecutive nodes (a neuron, a layer), drawn as a cluster in pictures.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    /// The group's name, for example `"neuron 1.2"`.
    pub name: String,
    /// The node indices it holds: every node created while the group was open.
    pub nodes: Range<usize>,
    /// The index (in [`Graph::groups`]) of the group it sits in, if any.
    pub parent: Option<usize>,
}

/// A computation graph of scalars: an append-only petgraph DAG.
///
/// Every arithmetic operation on [`Value`](crate::Value)s adds one node, with one edge from each operand.
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

    /// Adds a node of `op` with value `data`, and an edge from each of `operands` (node
    /// indices, in order); returns the new node's index. The only code that adds nodes and
    /// edges.
    pub(crate) fn add(
        &self,
        op: Op,
        data: f64,
        operands: impl IntoIterator<Item = usize>,
    ) -> usize {
        let mut dag = self.dag.borrow_mut();
        let node = dag.add_node(Node {
            data,
            grad: 0.0,
            op,
        });
        for j in operands {
            dag.add_edge(NodeIndex::new(j), node, ());
        }
        node.index()
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

    /// Replays the forward pass: recomputes every non-leaf node, in index order, from its
    /// operands. Call it after changing leaves with [`Value::set_data`](crate::Value::set_data): the graph of a
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
