//! The collapsed views, for graphs too big to lay out in full: each outermost group (a
//! layer) or each innermost group (a neuron) is one node that says how many values it holds,
//! and the edges between two such nodes are merged into one edge that says how many it
//! stands for. In the innermost view the groups around the collapsed ones stay clusters.

use super::build::{
    Legend, State, attr, digraph, drawn, edge_stmt, group_name, group_style, header,
    innermost_group, kinds, label_attr, nest, node_at, node_stmt, operands_of, seen, value_stmts,
};
use super::{Collapse, DotOptions};
use gradgraph::{Graph, Group};
use gradgraph_i18n::Lang;
use graphviz_rust::dot_structures::{Graph as DotGraph, Stmt};
use graphviz_rust::dot_structures::{GraphAttributes, Subgraph};
use std::collections::{BTreeSet, HashMap};

/// Layer-to-layer connections of at least this many edges are drawn as one edge.
const BUNDLE_MIN_EDGES: usize = 64;

/// The edges from the neurons of one layer's cluster to those of another.
#[derive(Default)]
struct Bundle {
    /// Edges of the graph.
    edges: usize,
    /// Distinct (neuron, neuron) pairs.
    pairs: usize,
    sources: BTreeSet<String>,
    targets: BTreeSet<String>,
}

impl Bundle {
    /// One dashed bold edge from cluster `a` to cluster `b`, clipped at the clusters'
    /// borders (it leaves one layer's box and enters the next's, so that it cannot be read as
    /// one connection between the two neurons it is routed through), saying what it stands
    /// for: `all 16 × 16 weights`.
    fn edge(&self, a: usize, b: usize, groups: &[Group], lang: Lang) -> Stmt {
        let (m, n) = (self.sources.len(), self.targets.len());
        let (from, to) = (
            group_name(&groups[a].name, lang),
            group_name(&groups[b].name, lang),
        );
        let edges = lang.text("pic-edges", &[("n", self.edges.into())]);
        let label = if self.pairs == m * n {
            let all = lang.text(
                "pic-all-weights",
                &[("m", m.to_string().into()), ("n", n.to_string().into())],
            );
            format!("{all}\n{from} → {to}\n({edges})")
        } else {
            format!("{edges}\n{from} → {to}")
        };
        edge_stmt(
            &middle(&self.sources),
            &middle(&self.targets),
            vec![
                label_attr(&label),
                attr("style", "dashed,bold"),
                attr("penwidth", "2"),
                attr("ltail", &format!("cluster_{a}")),
                attr("lhead", &format!("cluster_{b}")),
            ],
        )
    }
}

/// The middle one of a set of group nodes (`group7`), in index order: where an edge that
/// stands for edges to all of them attaches.
fn middle(set: &BTreeSet<String>) -> String {
    let mut v: Vec<&String> = set.iter().collect();
    v.sort_by_key(|u| u.trim_start_matches("group").parse::<usize>().unwrap_or(0));
    v.get(v.len() / 2)
        .map_or_else(String::new, |u| (*u).clone())
}

/// A value outside the groups feeding every neuron of a layer at least this wide is drawn
/// with one edge to the layer.
const FAN_MIN: usize = 8;

/// `{ rank = same; a -> b -> … [style = invis] }`: the nodes side by side in this order.
fn same_rank_in_order(members: &[usize]) -> Stmt {
    let mut stmts = vec![Stmt::Attribute(attr("rank", "same"))];
    for pair in members.windows(2) {
        stmts.push(edge_stmt(
            &format!("group{}", pair[0]),
            &format!("group{}", pair[1]),
            vec![attr("style", "invis")],
        ));
    }
    Stmt::Subgraph(Subgraph {
        id: graphviz_rust::dot_structures::Id::Plain(format!("order_{}", members[0])),
        stmts,
    })
}

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
/// use gradgraph::Graph;
/// use gradgraph_draw::{self as dot, Collapse, DotOptions};
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
    let keep = drawn(g, options.ancestors_of);
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

/// The most neurons side by side in the per-neuron view ([`Collapse::Innermost`]): the
/// largest number of drawn innermost groups sharing one parent group (one layer).
pub(crate) fn widest_layer(g: &Graph, options: &DotOptions) -> usize {
    let keep = drawn(g, options.ancestors_of);
    let groups = g.groups();
    let owner = owners(&groups, keep.len(), Collapse::Innermost);
    let mut used = std::collections::HashSet::new();
    for i in (0..keep.len()).filter(|&i| keep[i]) {
        if let Some(k) = owner[i] {
            used.insert(k);
        }
    }
    let mut per_parent: HashMap<Option<usize>, usize> = HashMap::new();
    for k in used {
        *per_parent.entry(groups[k].parent).or_default() += 1;
    }
    per_parent.into_values().max().unwrap_or(0)
}

/// How many leaves (inputs, parameters, constants) the full view draws: Graphviz stacks
/// them in the first ranks, each record about 66 pt tall with its spacing, so they set the
/// height of a net's picture (left to right; its width top to bottom).
pub(crate) fn drawn_leaves(g: &Graph, options: &DotOptions) -> usize {
    let keep = drawn(g, options.ancestors_of);
    g.values()
        .filter(|v| keep[v.index()] && v.op().is_leaf())
        .count()
}

/// A collapsed view of the picture ([`DotOptions::collapse`] is not [`Collapse::None`]).
pub(crate) fn collapsed(g: &Graph, options: &DotOptions) -> DotGraph {
    let level = options.collapse;
    let n = g.len();
    let keep = drawn(g, options.ancestors_of);
    let kinds = kinds(g, &keep, options.ancestors_of);
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
                has_ops |= !node_at(g, i).is_leaf();
                let grad = options.show_grad.then_some(Some(node_at(g, i).grad()));
                loose.extend(value_stmts(g, i, kinds[i], grad, options, State::Plain));
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
        let lang = options.lang;
        let values = lang.text("pic-values", &[("n", count[k].into())]);
        let mut label = format!("{}\n{values}", group_name(&groups[k].name, lang));
        if level == Collapse::Innermost {
            let node = node_at(g, last[k]);
            let data = options.number(node.data());
            label.push('\n');
            label.push_str(&lang.text("pic-data", &[("value", data.into())]));
            if options.show_grad {
                let grad = options.number(node.grad());
                label.push('\n');
                label.push_str(&lang.text("pic-grad", &[("value", grad.into())]));
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
    for i in (0..n).filter(|&i| keep[i] && !node_at(g, i).is_leaf()) {
        let target = match owner[i] {
            Some(k) => format!("group{k}"),
            None => format!("op{i}"),
        };
        for j in operands_of(g, i) {
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

    // Neurons in a layer's cluster, in their order (1, 2, …, 10, not 1, 10, 2), when they
    // sit side by side: siblings fed by the same units are tied in a rank, in index order.
    if clustered {
        let mut fed_by: HashMap<&str, Vec<&str>> = HashMap::new();
        for ((from, to), _) in &merged {
            fed_by.entry(to.as_str()).or_default().push(from.as_str());
        }
        for (p, stmts) in in_group.iter_mut().enumerate() {
            let siblings: Vec<usize> = (0..groups.len())
                .filter(|&k| count[k] > 0 && !around[k] && groups[k].parent == Some(p))
                .collect();
            let mut classes: Vec<(Vec<&str>, Vec<usize>)> = Vec::new();
            for &k in &siblings {
                let name = format!("group{k}");
                let mut feeds = fed_by.get(name.as_str()).cloned().unwrap_or_default();
                feeds.sort_unstable();
                match classes.iter_mut().find(|(f, _)| *f == feeds) {
                    Some((_, members)) => members.push(k),
                    None => classes.push((feeds, vec![k])),
                }
            }
            for (_, mut members) in classes.into_iter().filter(|(_, m)| m.len() > 1) {
                // a rank runs left to right, which is bottom to top when the picture runs
                // left to right: the first neuron goes on top
                if options.rankdir == super::RankDir::LeftToRight {
                    members.reverse();
                }
                stmts.push(same_rank_in_order(&members));
            }
        }
    }

    // Dense connections between two layers' clusters (every neuron to every neuron of a
    // wide layer) become one edge from cluster to cluster, labelled with what it stands
    // for: hundreds of crossing edges would merge into a solid bar.
    let cluster_of = |unit: &str| -> Option<usize> {
        let k: usize = unit.strip_prefix("group")?.parse().ok()?;
        groups[k]
            .parent
            .filter(|&p| clustered && !around[k] && around[p])
    };
    let mut bundles: Vec<((usize, usize), Bundle)> = Vec::new();
    for ((from, to), count) in &merged {
        if let (Some(a), Some(b)) = (cluster_of(from), cluster_of(to))
            && a != b
        {
            let bundle = match bundles.iter_mut().find(|(key, _)| *key == (a, b)) {
                Some((_, bundle)) => bundle,
                None => {
                    bundles.push(((a, b), Bundle::default()));
                    &mut bundles.last_mut().expect("just pushed").1
                }
            };
            bundle.edges += count;
            bundle.pairs += 1;
            bundle.sources.insert(from.clone());
            bundle.targets.insert(to.clone());
        }
    }
    bundles.retain(|(_, bundle)| bundle.edges >= BUNDLE_MIN_EDGES);
    // A value outside the groups that feeds every neuron of a wide layer (an input of the
    // net): one edge to the layer's cluster.
    let width = |p: usize| {
        (0..groups.len())
            .filter(|&k| count[k] > 0 && !around[k] && groups[k].parent == Some(p))
            .count()
    };
    let mut fans: Vec<((String, usize), BTreeSet<String>)> = Vec::new();
    for ((from, to), _) in &merged {
        if let (true, Some(p)) = (from.starts_with('n'), cluster_of(to)) {
            let key = (from.clone(), p);
            match fans.iter_mut().find(|(k, _)| *k == key) {
                Some((_, targets)) => {
                    targets.insert(to.clone());
                }
                None => fans.push((key, BTreeSet::from([to.clone()]))),
            }
        }
    }
    fans.retain(|((_, p), targets)| targets.len() >= FAN_MIN && targets.len() == width(*p));
    let bundled = |from: &str, to: &str| {
        let between_layers = matches!((cluster_of(from), cluster_of(to)), (Some(a), Some(b))
            if bundles.iter().any(|(key, _)| *key == (a, b)));
        let fanned =
            cluster_of(to).is_some_and(|p| fans.iter().any(|((f, q), _)| f == from && *q == p));
        between_layers || fanned
    };
    let mut edge_stmts: Vec<Stmt> = merged
        .iter()
        .filter(|((from, to), _)| !bundled(from, to))
        .map(|((from, to), count)| {
            let attrs = if *count > 1 {
                vec![label_attr(&format!("×{count}")), attr("penwidth", "2")]
            } else {
                vec![]
            };
            edge_stmt(from, to, attrs)
        })
        .collect();
    for ((a, b), bundle) in &bundles {
        edge_stmts.push(bundle.edge(*a, *b, &groups, options.lang));
    }
    for ((from, p), targets) in &fans {
        edge_stmts.push(edge_stmt(
            from,
            &middle(targets),
            vec![
                label_attr(
                    &options
                        .lang
                        .text("pic-to-all", &[("n", targets.len().to_string().into())]),
                ),
                attr("lhead", &format!("cluster_{p}")),
            ],
        ));
    }

    let mut stmts = header(options, None);
    if !bundles.is_empty() || !fans.is_empty() {
        // edges may end at a cluster's border
        stmts.push(Stmt::GAttribute(GraphAttributes::Graph(vec![attr(
            "compound", "true",
        )])));
    }
    if options.legend && keep.iter().any(|&k| k) {
        let mut notes: Vec<String> = Vec::new();
        let note = |id: &str| options.lang.text(id, &[]);
        if any_merged {
            notes.push(note("pic-note-merged"));
        }
        if !bundles.is_empty() {
            notes.push(note("pic-note-bundle"));
        }
        if !fans.is_empty() {
            notes.push(note("pic-note-fan"));
        }
        let notes = &notes[..];
        let legend = Legend {
            kinds: seen(kinds_seen),
            ops: has_ops,
            current: false,
            received: false,
            collapsed_groups: any_groups,
            notes,
            lang: options.lang,
            // compact: one rank, a row at the top of a picture that runs top to bottom
            column: false,
        };
        stmts.push(Stmt::Subgraph(legend.subgraph()));
    }
    stmts.extend(loose);
    stmts.extend(top_groups);
    if clustered {
        stmts.extend(nest(&groups, in_group, options.lang));
    }
    stmts.extend(edge_stmts);
    digraph(stmts)
}
