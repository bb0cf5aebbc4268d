//! The collapsed views, for graphs too big to lay out in full: each outermost group (a
//! layer) or each innermost group (a neuron) is one node that says how many values it holds,
//! and the edges between two such nodes are merged into one edge that says how many it
//! stands for. In the innermost view the groups around the collapsed ones stay clusters.

use super::build::{
    Legend, attr, digraph, drawn, edge_stmt, group_style, header, innermost_group, kinds,
    label_attr, nest, node_stmt, seen, value_stmts,
};
use super::{Collapse, DotOptions, format_number};
use crate::graph::{Graph, Group};
use graphviz_rust::dot_structures::{Graph as DotGraph, Stmt};
use std::collections::HashMap;

/// The outermost group of every node (`None` outside every group).
fn outermost_group(groups: &[Group], n: usize) -> Vec<Option<usize>> {
    let mut owner = vec![None; n];
    for (k, group) in groups.iter().enumerate() {
        if group.parent.is_none() {
            for slot in &mut owner[group.nodes.start.min(n)..group.nodes.end.min(n)] {
                *slot = Some(k);
            }
        }
    }
    owner
}

/// The group each node is folded into at `level` (`None`: drawn as itself).
fn owners(groups: &[Group], n: usize, level: Collapse) -> Vec<Option<usize>> {
    match level {
        Collapse::None => vec![None; n],
        Collapse::Outermost => outermost_group(groups, n),
        Collapse::Innermost => innermost_group(groups, n),
    }
}

/// How many nodes a picture asks Graphviz to lay out, the number compared with
/// [`DotOptions::max_nodes`]: the values drawn, or in a collapsed view
/// ([`DotOptions::collapse`]) the collapsed groups and the values outside every group.
///
/// # Examples
/// ```
/// use gradgraph::{Graph, dot::{self, Collapse, DotOptions}};
/// let g = Graph::new();
/// let x = g.input(1.0);
/// let ys: Vec<_> = (0..3)
///     .map(|j| g.group(&format!("neuron {j}"), || (x * j as f64).tanh()))
///     .collect();
/// let _out = g.sum(&ys);
/// assert_eq!(dot::picture_size(&g, &DotOptions::new()), 1 + 3 * 2 + 1);
/// // x, three neurons, the sum
/// assert_eq!(dot::picture_size(&g, &DotOptions::new().collapse(Collapse::Innermost)), 5);
/// ```
pub fn picture_size(g: &Graph, options: &DotOptions) -> usize {
    let keep = drawn(&g.dag(), options.ancestors_of);
    if !options.collapse.is_collapsed() {
        return keep.iter().filter(|&&k| k).count();
    }
    let owner = owners(&g.groups(), keep.len(), options.collapse);
    let mut groups_used = std::collections::HashSet::new();
    let mut loose = 0;
    for i in (0..keep.len()).filter(|&i| keep[i]) {
        match owner[i] {
            Some(k) => {
                groups_used.insert(k);
            }
            None => loose += 1,
        }
    }
    groups_used.len() + loose
}

/// A collapsed view of the picture ([`DotOptions::collapse`] is not [`Collapse::None`]).
pub(crate) fn collapsed(g: &Graph, options: &DotOptions) -> DotGraph {
    let level = options.collapse;
    let dag = g.dag();
    let n = dag.node_count();
    let nodes = dag.raw_nodes();
    let edges = dag.raw_edges();
    let keep = drawn(&dag, options.ancestors_of);
    let kinds = kinds(&dag, &keep, options.ancestors_of);
    let groups = g.groups();
    let owner = owners(&groups, n, level);

    // Per collapsed group: how many values it holds and its last one (index order is
    // topological, so for a neuron that is its output).
    let mut count = vec![0usize; groups.len()];
    let mut last = vec![0usize; groups.len()];
    let mut kinds_seen = [false; 5];
    let mut has_ops = false;
    let mut loose = Vec::new();
    for i in (0..n).filter(|&i| keep[i]) {
        match owner[i] {
            Some(k) => {
                count[k] += 1;
                last[k] = i;
            }
            None => {
                kinds_seen[kinds[i] as usize] = true;
                has_ops |= !nodes[i].weight.op.is_leaf();
                let grad = options.show_grad.then_some(Some(nodes[i].weight.grad));
                loose.extend(value_stmts(g, i, kinds[i], grad, options.precision, false));
            }
        }
    }

    // In the innermost view, the groups around collapsed groups are drawn as clusters.
    let clustered = options.clusters && level == Collapse::Innermost;
    let mut around = vec![false; groups.len()];
    if clustered {
        for k in (0..groups.len()).filter(|&k| count[k] > 0) {
            let mut p = groups[k].parent;
            while let Some(q) = p.filter(|&q| q < groups.len() && !around[q]) {
                around[q] = true;
                p = groups[q].parent;
            }
        }
    }
    let mut in_group: Vec<Vec<Stmt>> = vec![Vec::new(); groups.len()];
    let mut top_groups = Vec::new();
    for k in (0..groups.len()).filter(|&k| count[k] > 0) {
        let noun = if count[k] == 1 { "value" } else { "values" };
        let mut label = format!("{}\n{} {noun}", groups[k].name, count[k]);
        if level == Collapse::Innermost {
            let node = nodes[last[k]].weight;
            label.push_str(&format!(
                "\ndata {}",
                format_number(node.data, options.precision)
            ));
            if options.show_grad {
                label.push_str(&format!(
                    "\ngrad {}",
                    format_number(node.grad, options.precision)
                ));
            }
        }
        let mut attrs = group_style();
        attrs.push(label_attr(&label));
        let stmt = node_stmt(&format!("group{k}"), attrs);
        // A group that holds values of its own and groups drawn inside it: its node sits
        // in its own cluster.
        let home = if around[k] {
            Some(k)
        } else {
            groups[k].parent.filter(|&p| p < groups.len() && around[p])
        };
        match home {
            Some(p) => in_group[p].push(stmt),
            None => top_groups.push(stmt),
        }
    }
    let any_groups = count.iter().any(|&c| c > 0);

    // One edge per pair of units (a collapsed group, or a value outside every group), in
    // the order first met, labelled with how many edges of the graph it stands for.
    let mut merged: Vec<((String, String), usize)> = Vec::new();
    let mut position: HashMap<(String, String), usize> = HashMap::new();
    let mut add = |from: String, to: String| {
        let key = (from, to);
        match position.get(&key) {
            Some(&p) => merged[p].1 += 1,
            None => {
                position.insert(key.clone(), merged.len());
                merged.push((key, 1));
            }
        }
    };
    for i in (0..n).filter(|&i| keep[i] && !nodes[i].weight.op.is_leaf()) {
        let target = match owner[i] {
            Some(k) => format!("group{k}"),
            None => format!("op{i}"),
        };
        for e in Graph::operand_indices(&dag, i) {
            let j = edges[e].source().index();
            if owner[j].is_some() && owner[j] == owner[i] {
                continue; // inside one group: hidden
            }
            let source = match owner[j] {
                Some(k) => format!("group{k}"),
                None => format!("n{j}"),
            };
            add(source, target.clone());
        }
        if owner[i].is_none() {
            add(format!("op{i}"), format!("n{i}"));
        }
    }
    let any_merged = merged.iter().any(|(_, count)| *count > 1);
    let edge_stmts = merged.into_iter().map(|((from, to), count)| {
        let attrs = if count > 1 {
            vec![label_attr(&format!("×{count}")), attr("penwidth", "2")]
        } else {
            vec![]
        };
        edge_stmt(&from, &to, attrs)
    });

    let mut stmts = header(options, None);
    if options.legend && keep.iter().any(|&k| k) {
        let notes: &[&str] = if any_merged {
            &["edge label ×k: k edges between the same two nodes"]
        } else {
            &[]
        };
        let legend = Legend {
            kinds: seen(kinds_seen),
            ops: has_ops,
            current: false,
            collapsed_groups: any_groups,
            notes,
        };
        stmts.push(Stmt::Subgraph(legend.subgraph()));
    }
    stmts.extend(loose);
    stmts.extend(top_groups);
    if clustered {
        stmts.extend(nest(&groups, in_group));
    }
    stmts.extend(edge_stmts);
    digraph(stmts)
}
