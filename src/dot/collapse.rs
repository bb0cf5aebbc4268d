//! The collapsed view, for graphs too big to lay out in full: each outermost group (a layer,
//! a neuron) is one node that says how many values it holds, and the edges between two
//! groups are merged into one edge that says how many it stands for.

use super::DotOptions;
use super::build::{
    Legend, attr, digraph, drawn, edge_stmt, group_style, header, kinds, label_attr, node_stmt,
    seen, value_stmts,
};
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

/// How many nodes Graphviz lays out for a picture: the values drawn, or in the collapsed
/// view the groups and the values outside every group.
pub(crate) fn picture_size(g: &Graph, options: &DotOptions) -> usize {
    if options.collapse {
        collapsed_size(g, options)
    } else {
        drawn(&g.dag(), options.ancestors_of)
            .iter()
            .filter(|&&k| k)
            .count()
    }
}

/// The number of nodes of the collapsed view of a picture.
pub(crate) fn collapsed_size(g: &Graph, options: &DotOptions) -> usize {
    let keep = drawn(&g.dag(), options.ancestors_of);
    let owner = outermost_group(&g.groups(), keep.len());
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

/// The collapsed picture (clusters are not drawn: each outermost group is one node).
pub(crate) fn collapsed(g: &Graph, options: &DotOptions) -> DotGraph {
    let dag = g.dag();
    let n = dag.node_count();
    let nodes = dag.raw_nodes();
    let edges = dag.raw_edges();
    let keep = drawn(&dag, options.ancestors_of);
    let kinds = kinds(&dag, &keep, options.ancestors_of);
    let groups = g.groups();
    let owner = outermost_group(&groups, n);

    let mut count = vec![0usize; groups.len()];
    let mut kinds_seen = [false; 5];
    let mut has_ops = false;
    let mut loose = Vec::new();
    for i in (0..n).filter(|&i| keep[i]) {
        match owner[i] {
            Some(k) => count[k] += 1,
            None => {
                kinds_seen[kinds[i] as usize] = true;
                has_ops |= !nodes[i].weight.op.is_leaf();
                let grad = options.show_grad.then_some(Some(nodes[i].weight.grad));
                loose.extend(value_stmts(g, i, kinds[i], grad, options.precision, false));
            }
        }
    }
    let group_nodes = (0..groups.len()).filter(|&k| count[k] > 0).map(|k| {
        let noun = if count[k] == 1 { "value" } else { "values" };
        let mut attrs = group_style();
        attrs.push(label_attr(&format!(
            "{}\n{} {noun}",
            groups[k].name, count[k]
        )));
        node_stmt(&format!("group{k}"), attrs)
    });
    let group_nodes: Vec<Stmt> = group_nodes.collect();

    // One edge per pair of units (a group, or a value outside every group), in the order
    // first met, labelled with how many edges of the graph it stands for.
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
            collapsed_groups: !group_nodes.is_empty(),
            notes,
        };
        stmts.push(Stmt::Subgraph(legend.subgraph()));
    }
    stmts.extend(loose);
    stmts.extend(group_nodes);
    stmts.extend(edge_stmts);
    digraph(stmts)
}
