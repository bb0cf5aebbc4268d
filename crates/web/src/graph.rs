//! A graph handed to the page as data rather than typed: its nodes, their ops, values and
//! labels, as [`GraphData::from_graph`] writes any [`Graph`] the engine built (a net, the
//! course's examples, values from Python).

use gradgraph::{Graph, OPS, Op, Value};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The most nodes a graph handed to the page may have.
pub const MAX_GRAPH_NODES: usize = 100_000;

/// A graph as data: its nodes in index order, operands before the nodes that use them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GraphData {
    /// Every node, in index (topological) order.
    pub nodes: Vec<NodeData>,
    /// The node whose gradients the page shows, `f`.
    pub output: usize,
}

/// One node of a [`GraphData`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NodeData {
    /// The op's name in the table of ops: `input`, `parameter`, `constant`, `tanh`, `mul`, ...
    pub op: String,
    /// The op's parameter, for the ops that have one (a constant's `c`, a sum's count, a
    /// leaky ReLU's slope).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub param: Option<f64>,
    /// The operands' indices, in order (none for a leaf).
    #[serde(default)]
    pub operands: Vec<usize>,
    /// A leaf's value (an operation's is computed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// Its label, if it has one: a leaf's label is the name of its value box.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

impl GraphData {
    /// Every node of `g`, as data, with `output` as the page's `f`.
    ///
    /// # Examples
    /// ```
    /// let g = gradgraph::Graph::new();
    /// let x = g.input(1.0).with_label("x");
    /// let y = (x * 2.0).tanh();
    /// let data = gradgraph_web::GraphData::from_graph(&g, y);
    /// assert_eq!(data.nodes.len(), 3);
    /// assert_eq!(data.nodes[1].op, "mul_const");
    /// assert_eq!(data.nodes[1].param, Some(2.0));
    /// ```
    pub fn from_graph(g: &Graph, output: Value<'_>) -> GraphData {
        let nodes = g
            .values()
            .map(|v| {
                let op = v.op();
                NodeData {
                    op: op.name().to_owned(),
                    param: op.param(),
                    operands: g.operands(v).iter().map(|o| o.index()).collect(),
                    value: op.is_leaf().then(|| v.data()),
                    label: v.label(),
                }
            })
            .collect();
        GraphData {
            nodes,
            output: output.index(),
        }
    }

    /// Builds the graph in `g` (empty), each labelled input or parameter at its value in
    /// `values` when there is one; returns the output. Every node is checked first: a known
    /// op, its operands before it, as many as it takes, a leaf's value finite.
    ///
    /// Returns what is wrong, naming the node, for a graph that breaks one of these rules.
    pub fn build<'g>(
        &self,
        g: &'g Graph,
        values: &HashMap<String, f64>,
    ) -> Result<Value<'g>, String> {
        if self.nodes.len() > MAX_GRAPH_NODES {
            return Err(format!(
                "the graph has {} nodes, more than the page's limit of {MAX_GRAPH_NODES}",
                self.nodes.len()
            ));
        }
        if self.output >= self.nodes.len() {
            return Err(format!(
                "the graph's output is node {}, but it has {} nodes",
                self.output,
                self.nodes.len()
            ));
        }
        let mut built: Vec<Value<'g>> = Vec::with_capacity(self.nodes.len());
        for (i, node) in self.nodes.iter().enumerate() {
            let info = OPS
                .iter()
                .find(|info| info.name == node.op)
                .ok_or_else(|| format!("node {i}: no op named {:?}", node.op))?;
            let op: Op = match node.param {
                Some(p) if info.op.param().is_some() => info.op.with_param(p),
                _ => info.op,
            };
            let v = if op.is_leaf() {
                let given = node.label.as_ref().and_then(|l| values.get(l)).copied();
                let x = given.or(node.value).unwrap_or(0.0);
                if !x.is_finite() {
                    return Err(format!(
                        "node {i}: the value of a leaf must be finite, not {x}"
                    ));
                }
                match op {
                    Op::Param => g.parameter(x),
                    Op::Const => g.constant(x),
                    _ => g.input(x),
                }
            } else {
                let operands: Vec<Value<'g>> =
                    node.operands
                        .iter()
                        .map(|&k| {
                            built.get(k).copied().ok_or_else(|| {
                                format!("node {i}: operand {k} is not a node before it")
                            })
                        })
                        .collect::<Result<_, _>>()?;
                g.apply(op, &operands)
                    .map_err(|e| format!("node {i}: {e}"))?
            };
            let v = match &node.label {
                Some(label) => v.with_label(label),
                None => v,
            };
            built.push(v);
        }
        Ok(built[self.output])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_graph_round_trips_through_its_data() {
        let g = Graph::new();
        let y = {
            let x = g.input(1.0).with_label("x");
            let w = g.parameter(0.5).with_label("w");
            let s = g.sum(&[x * w, g.constant(-0.2), x.leaky_relu(0.1)]);
            s.tanh().with_label("y")
        };
        let data = GraphData::from_graph(&g, y);
        let again = Graph::new();
        let out = data.build(&again, &HashMap::new()).expect("it builds");
        assert_eq!(out.data().to_bits(), y.data().to_bits());
        assert_eq!(GraphData::from_graph(&again, out), data);
        // the value box of a labelled leaf
        let moved = Graph::new();
        let out = data
            .build(&moved, &HashMap::from([("w".to_owned(), 2.0)]))
            .expect("it builds");
        assert_eq!(moved.get(1).map(|w| w.data()), Some(2.0));
        assert_ne!(out.data(), y.data());
    }

    #[test]
    fn bad_data_is_refused_with_the_node() {
        let bad = |nodes: Vec<NodeData>, output| {
            GraphData { nodes, output }
                .build(&Graph::new(), &HashMap::new())
                .unwrap_err()
        };
        let leaf = NodeData {
            op: "input".into(),
            value: Some(1.0),
            ..NodeData::default()
        };
        assert!(bad(vec![], 0).contains("output is node 0"));
        let unknown = NodeData {
            op: "tan".into(),
            operands: vec![0],
            ..NodeData::default()
        };
        assert!(bad(vec![leaf.clone(), unknown], 1).contains("no op named \"tan\""));
        let forward = NodeData {
            op: "tanh".into(),
            operands: vec![1],
            ..NodeData::default()
        };
        assert!(bad(vec![forward, leaf.clone()], 0).contains("operand 1 is not a node before it"));
        let short = NodeData {
            op: "add".into(),
            operands: vec![0],
            ..NodeData::default()
        };
        assert!(bad(vec![leaf.clone(), short], 1).contains("node 1:"));
        let infinite = NodeData {
            value: Some(f64::INFINITY),
            ..leaf
        };
        assert!(bad(vec![infinite], 0).contains("finite"));
    }
}
