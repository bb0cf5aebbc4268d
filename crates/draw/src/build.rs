//! The picture of a graph as graphviz-rust's DOT model: value records, op nodes, edges,
//! clusters and legend.

use super::DotOptions;
use super::escape::{quote, record_field};
use gradgraph::Op;
use gradgraph::{Graph, Group};
use gradgraph_i18n::Lang;
use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph as DotGraph, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph,
    Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};

/// Prints a DOT model (from [`to_graph`](crate::to_graph) or [`frames`](super::frames)) as text with
/// graphviz-rust's printer, ending with a newline.
///
/// # Examples
/// ```
/// use gradgraph::Graph;
/// use gradgraph_draw::{self as dot, DotOptions};
/// let g = Graph::new();
/// let _y = g.input(1.0).exp();
/// let options = DotOptions::new();
/// assert_eq!(dot::print(&dot::to_graph(&g, &options)), dot::to_dot(&g, &options));
/// ```
pub fn print(picture: &DotGraph) -> String {
    let mut text = picture.print(&mut PrinterContext::default());
    text.push('\n');
    text
}

/// The role of a value in a picture; each is drawn in its own colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Input,
    Parameter,
    Constant,
    Intermediate,
    Output,
}

impl Kind {
    const ALL: [Kind; 5] = [
        Kind::Input,
        Kind::Parameter,
        Kind::Constant,
        Kind::Intermediate,
        Kind::Output,
    ];

    fn name(self) -> &'static str {
        match self {
            Kind::Input => "input",
            Kind::Parameter => "parameter",
            Kind::Constant => "constant",
            Kind::Intermediate => "intermediate",
            Kind::Output => "output",
        }
    }

    /// Its name in the legend, in `lang`.
    fn word(self, lang: Lang) -> String {
        lang.text(&format!("pic-{}", self.name()), &[])
    }

    /// Node attributes: a fill colour each; constants dashed (they take no gradient),
    /// outputs with a thick border.
    fn style(self) -> Vec<Attribute> {
        let (fill, style, pen) = match self {
            Kind::Input => ("#cfe2ff", "filled", "1"),
            Kind::Parameter => ("#ffe8a3", "filled", "1"),
            Kind::Constant => ("#e9ecef", "filled,dashed", "1"),
            Kind::Intermediate => ("#ffffff", "filled", "1"),
            Kind::Output => ("#c7f0c2", "filled", "2"),
        };
        vec![
            attr("style", style),
            attr("fillcolor", fill),
            attr("penwidth", pen),
        ]
    }
}

/// Colours of the backward frames.
pub(crate) const CURRENT: &str = "#e8590c";
pub(crate) const CURRENT_FILL: &str = "#ffd8a8";
pub(crate) const PENDING: &str = "#adb5bd";
/// The border of a value that has received (part of) its gradient and waits to be processed.
pub(crate) const RECEIVED: &str = "#1c7ed6";

/// The kind of every node drawn: a computed value that feeds nothing drawn is an output,
/// and so is the node whose ancestors are drawn.
pub(crate) fn kinds(g: &Graph, keep: &[bool], ancestors_of: Option<usize>) -> Vec<Kind> {
    let n = g.len();
    let mut used = vec![false; n];
    for i in (0..n).filter(|&i| keep[i]) {
        for j in operands_of(g, i) {
            used[j] = true;
        }
    }
    g.values()
        .map(|v| match v.op() {
            Op::Input => Kind::Input,
            Op::Param => Kind::Parameter,
            Op::Const => Kind::Constant,
            _ if ancestors_of == Some(v.index()) || !used[v.index()] => Kind::Output,
            _ => Kind::Intermediate,
        })
        .collect()
}

/// A copy of node `i` (its data, grad and op). **Panics** if there is no such node.
pub(crate) fn node_at(g: &Graph, i: usize) -> gradgraph::Node {
    g.get(i).expect("a node of the graph").node()
}

/// The operands of node `i`, as node indices, in order.
pub(crate) fn operands_of(g: &Graph, i: usize) -> Vec<usize> {
    g.get(i)
        .map(|v| g.operands(v).iter().map(|o| o.index()).collect())
        .unwrap_or_default()
}

/// The record of value `i`, and the op node in front of it unless it is a leaf.
pub(crate) fn value_stmts(
    g: &Graph,
    i: usize,
    kind: Kind,
    grad: Option<Option<f64>>,
    options: &DotOptions,
    state: State,
) -> Vec<Stmt> {
    let node = node_at(g, i);
    let op = node.op();
    let label = g.get(i).and_then(|v| v.label());
    let mut attrs = vec![
        attr("shape", "record"),
        Attribute(
            plain("label"),
            record(
                label.as_deref(),
                node.data(),
                grad,
                options,
                op == gradgraph::Op::Const,
            ),
        ),
    ];
    attrs.extend(kind.style());
    match state {
        State::Current => highlight(&mut attrs),
        State::Received => received(&mut attrs),
        State::Plain => {}
    }
    let mut stmts = vec![node_stmt(&format!("n{i}"), attrs)];
    if !op.is_leaf() {
        let mut attrs = op_style(&op.symbol());
        if state == State::Current {
            highlight(&mut attrs);
        }
        stmts.push(node_stmt(&format!("op{i}"), attrs));
    }
    stmts
}

/// Which nodes a picture holds: every one, or `y` and its ancestors. The ancestors are found
/// by one reverse sweep over indices (an operand always has a smaller index than its result),
/// not by recursion.
pub(crate) fn drawn(g: &Graph, ancestors_of: Option<usize>) -> Vec<bool> {
    let n = g.len();
    let Some(y) = ancestors_of else {
        return vec![true; n];
    };
    let mut keep = vec![false; n];
    if y >= n {
        return keep;
    }
    keep[y] = true;
    for i in (0..=y).rev() {
        if keep[i] {
            for j in operands_of(g, i) {
                keep[j] = true;
            }
        }
    }
    keep
}

/// The innermost group of every node (`None` outside every group). Parents come before
/// their children in [`Graph::groups`] and siblings do not overlap, so painting each group's
/// range in order leaves the innermost one on top.
pub(crate) fn innermost_group(groups: &[Group], n: usize) -> Vec<Option<usize>> {
    let mut owner = vec![None; n];
    for (k, group) in groups.iter().enumerate() {
        for slot in &mut owner[group.nodes.start.min(n)..group.nodes.end.min(n)] {
            *slot = Some(k);
        }
    }
    owner
}

/// How a value is drawn in a backward frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum State {
    /// As in the plain picture: nothing received yet, or processed already.
    Plain,
    /// Being processed.
    Current,
    /// Has received (part of) its gradient, not processed yet.
    Received,
}

/// What a backward frame draws on top of the plain picture.
pub(crate) struct Overlay {
    /// The gradient to show per node index; `None` leaves it blank (nothing received yet).
    pub grads: Vec<Option<f64>>,
    /// Per node index: processed before this frame.
    pub done: Vec<bool>,
    /// The node being processed.
    pub current: usize,
    /// The labels of the operand edges of each node, in operand order (`local × upstream =
    /// product`); a frame labels the current node's edges only.
    pub edge_text: Vec<Vec<String>>,
    /// The picture's title.
    pub title: String,
    /// The layout of a run of frames: every legend entry any frame draws (frames drawn
    /// on its positions keep their entries in the same places).
    pub layout: bool,
}

impl Overlay {
    fn state(&self, i: usize) -> State {
        if i == self.current {
            State::Current
        } else if !self.done.get(i).copied().unwrap_or(false)
            && self.grads.get(i).copied().flatten().is_some()
        {
            State::Received
        } else {
            State::Plain
        }
    }

    /// True when node `i` has been processed, or is being processed: its edges are traversed.
    fn traversed(&self, i: usize) -> bool {
        i == self.current || self.done.get(i).copied().unwrap_or(false)
    }
}

/// The full picture, or a backward frame when `overlay` is given.
pub(crate) fn draw(g: &Graph, options: &DotOptions, overlay: Option<&Overlay>) -> DotGraph {
    let n = g.len();
    let keep = drawn(g, options.ancestors_of);
    let kinds = kinds(g, &keep, options.ancestors_of);

    let groups = if options.clusters {
        g.groups()
    } else {
        Vec::new()
    };
    let owner = innermost_group(&groups, n);
    let mut in_group: Vec<Vec<Stmt>> = vec![Vec::new(); groups.len()];
    let mut top: Vec<Stmt> = Vec::new();
    let mut kinds_seen = [false; 5];
    let mut has_ops = false;
    // what a frame draws, for its legend: a blank grad, a received one, a grey edge
    let (mut any_blank, mut any_received, mut any_pending) = (false, false, false);

    for v in g.values().filter(|v| keep[v.index()]) {
        let (i, node) = (v.index(), v.node());
        let k = kinds[i];
        kinds_seen[k as usize] = true;
        let grad = match overlay {
            Some(o) => Some(o.grads.get(i).copied().flatten()),
            None => options.show_grad.then_some(Some(node.grad())),
        };
        let state = overlay.map_or(State::Plain, |o| o.state(i));
        any_received |= state == State::Received;
        any_blank |= overlay.is_some() && v.op() != Op::Const && grad == Some(None);
        let bucket = match owner[i] {
            Some(group) => &mut in_group[group],
            None => &mut top,
        };
        has_ops |= !node.is_leaf();
        bucket.extend(value_stmts(g, i, k, grad, options, state));
    }
    // The parameters of a group (a neuron's weights, then its bias) in the order they were
    // made, which is their numeric order (w1.1.1, w1.1.2, b1.1): Graphviz's crossing
    // reduction would reorder them (it drew XOR's neuron 1.1 as w1.1.2, b1.1, w1.1.1), so it
    // is cut short and the nodes keep the order they are written in. (Tying them in a rank
    // with invisible edges is not possible: Graphviz refuses flat edges between records.)
    let ordered_parameters = (0..groups.len()).any(|k| {
        (0..n)
            .filter(|&i| keep[i] && owner[i] == Some(k) && kinds[i] == Kind::Parameter)
            .nth(1)
            .is_some()
    });
    // Graphviz puts the first of a rank on top in a picture that runs left to right, but on
    // the right in one that runs top to bottom: there the parameters are written last first.
    if ordered_parameters && options.rankdir == super::RankDir::TopToBottom {
        for stmts in &mut in_group {
            let slots: Vec<usize> = (0..stmts.len())
                .filter(|&s| match &stmts[s] {
                    Stmt::Node(node) => matches!(&node.id.0, Id::Plain(id)
                        if id.strip_prefix('n').and_then(|i| i.parse::<usize>().ok())
                            .is_some_and(|i| kinds[i] == Kind::Parameter)),
                    _ => false,
                })
                .collect();
            let nodes: Vec<Stmt> = slots.iter().rev().map(|&s| stmts[s].clone()).collect();
            for (&slot, node) in slots.iter().zip(nodes) {
                stmts[slot] = node;
            }
        }
    }
    let mut edge_stmts = Vec::new();
    for v in g.values().filter(|v| keep[v.index()] && !v.op().is_leaf()) {
        let (i, op) = (v.index(), v.op());
        let operands = g.operands(v);
        // a plain picture's edge labels: the local derivatives, worked out once for the node
        let locals = if overlay.is_none() && options.edge_labels {
            g.local_derivative_texts(v, |x| options.number(x))
        } else {
            Vec::new()
        };
        // In a frame, the edges of the node being processed are highlighted and carry
        // `local × upstream = product`; edges into nodes not processed yet are grey.
        let current = overlay.filter(|o| o.current == i);
        let labelled = overlay.and_then(|o| o.edge_text.get(i).filter(|t| !t.is_empty()));
        let pending = overlay.is_some_and(|o| !o.traversed(i));
        any_pending |= pending;
        let style = if current.is_some() {
            vec![
                attr("color", CURRENT),
                attr("fontcolor", CURRENT),
                attr("penwidth", "2"),
            ]
        } else if pending {
            vec![attr("color", PENDING)]
        } else {
            vec![]
        };
        for (slot, j) in operands.iter().map(|o| o.index()).enumerate() {
            let label = match labelled {
                Some(text) => text.get(slot).cloned(),
                // the local derivative in the student's names, and its value
                None => locals.get(slot).map(|d| match d.says_more(&d.formula) {
                    true => format!("∂ = {} = {}", d.formula, d.written),
                    false => format!("∂ = {}", d.written),
                }),
            };
            // which operand is which, where the order matters (base and exponent of ^)
            let role = op.operand_role(slot).map(|r| role_word(r, options.lang));
            let label = match (role, label) {
                (Some(role), Some(text)) => Some(format!("{role}: {text}")),
                (Some(role), None) => Some(role),
                (None, text) => text,
            };
            let mut attrs: Vec<Attribute> = label.iter().map(|l| label_attr(l)).collect();
            attrs.extend(style.iter().cloned());
            edge_stmts.push(edge_stmt(&format!("n{j}"), &format!("op{i}"), attrs));
        }
        edge_stmts.push(edge_stmt(&format!("op{i}"), &format!("n{i}"), style));
    }

    let mut stmts = header(options, overlay.map(|o| o.title.as_str()));
    if ordered_parameters {
        stmts.push(Stmt::GAttribute(GraphAttributes::Graph(vec![attr(
            "mclimit", "0.01",
        )])));
    }
    if options.legend && keep.iter().any(|&k| k) {
        // a frame's legend explains only what the frame draws
        let notes: Vec<String> = match overlay {
            Some(o) => {
                let all = o.layout;
                let sends = o.edge_text.get(o.current).is_some_and(|t| !t.is_empty());
                [
                    (all || sends, "pic-note-sent"),
                    (all || any_blank, "pic-note-blank"),
                    (all || any_pending, "pic-note-grey"),
                ]
                .into_iter()
                .filter(|(shown, _)| *shown)
                .map(|(_, note)| options.lang.text(note, &[]))
                .collect()
            }
            None if options.edge_labels => {
                vec![options.lang.text("pic-note-local", &[])]
            }
            None => Vec::new(),
        };
        let legend = Legend {
            kinds: seen(kinds_seen),
            ops: has_ops,
            current: overlay.is_some(),
            received: overlay.is_some_and(|o| o.layout) || any_received,
            collapsed_groups: false,
            notes: &notes,
            lang: options.lang,
            // a picture's legend is compact: one rank, a row at the top of a picture that runs
            // top to bottom (a frame's stays a column beside the steps)
            column: overlay.is_some() && options.rankdir == super::RankDir::TopToBottom,
        };
        stmts.push(Stmt::Subgraph(legend.subgraph()));
    }
    stmts.extend(top);
    stmts.extend(nest(&groups, in_group, options.lang));
    stmts.extend(edge_stmts);
    digraph(stmts)
}

/// Wraps the statements of each group in its cluster, nesting children inside parents, and
/// returns the top-level statements. Groups that draw nothing are left out.
pub(crate) fn nest(groups: &[Group], mut in_group: Vec<Vec<Stmt>>, lang: Lang) -> Vec<Stmt> {
    let mut top = Vec::new();
    let mut children: Vec<Vec<Stmt>> = vec![Vec::new(); groups.len()];
    // Children have larger indices than their parents: build from the last group back.
    for k in (0..groups.len()).rev() {
        let mut stmts = std::mem::take(&mut in_group[k]);
        let mut kids = std::mem::take(&mut children[k]);
        kids.reverse();
        stmts.extend(kids);
        if stmts.is_empty() {
            continue;
        }
        let mut body = vec![
            Stmt::Attribute(label_attr(&group_name(&groups[k].name, lang))),
            Stmt::Attribute(attr("style", "rounded,dashed")),
            Stmt::Attribute(attr("color", "#868e96")),
        ];
        body.extend(stmts);
        let cluster = Stmt::Subgraph(Subgraph {
            id: plain(&format!("cluster_{k}")),
            stmts: body,
        });
        match groups[k].parent {
            Some(p) if p < k => children[p].push(cluster),
            _ => top.push(cluster),
        }
    }
    top.reverse();
    top
}

/// The first statements of every picture: layout direction, fonts, title.
pub(crate) fn header(options: &DotOptions, title: Option<&str>) -> Vec<Stmt> {
    let mut graph = vec![
        attr("rankdir", options.rankdir.as_str()),
        attr("fontname", "Helvetica"),
        attr("nodesep", "0.25"),
        attr("ranksep", "0.2"),
    ];
    if let Some(title) = title {
        graph.push(label_attr(title));
        graph.push(attr("labelloc", "t"));
        graph.push(attr("fontsize", "14"));
    }
    vec![
        Stmt::GAttribute(GraphAttributes::Graph(graph)),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attr("fontname", "Helvetica"),
            attr("fontsize", "11"),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![
            attr("fontname", "Helvetica"),
            attr("fontsize", "10"),
        ])),
    ]
}

/// The kinds marked in `seen`, in legend order.
pub(crate) fn seen(seen: [bool; 5]) -> Vec<Kind> {
    Kind::ALL
        .into_iter()
        .filter(|k| seen[*k as usize])
        .collect()
}

/// What the legend explains: one sample node per kind of value drawn, the op node, the
/// frame highlight, a collapsed group, and notes on the edge labels.
pub(crate) struct Legend<'a> {
    pub kinds: Vec<Kind>,
    pub ops: bool,
    pub current: bool,
    /// The backward frames' value that has received its gradient, not processed yet.
    pub received: bool,
    pub collapsed_groups: bool,
    pub notes: &'a [String],
    /// The language of its words.
    pub lang: Lang,
    /// The legend's entries are chained into a column in a picture that runs top to bottom
    /// (in a left-to-right picture one rank already is one); left unchained they share one
    /// rank, a compact row at the top of a top-to-bottom picture.
    pub column: bool,
}

impl Legend<'_> {
    pub(crate) fn subgraph(&self) -> Subgraph {
        let mut stmts = vec![
            Stmt::Attribute(label_attr(&self.lang.text("pic-legend", &[]))),
            Stmt::Attribute(attr("style", "rounded")),
            Stmt::Attribute(attr("color", "#ced4da")),
            Stmt::Attribute(attr("fontsize", "10")),
        ];
        for kind in &self.kinds {
            let mut attrs = vec![attr("shape", "box"), label_attr(&kind.word(self.lang))];
            attrs.extend(kind.style());
            stmts.push(node_stmt(&format!("legend_{}", kind.name()), attrs));
        }
        if self.ops {
            stmts.push(node_stmt(
                "legend_op",
                op_style(&self.lang.text("pic-op", &[])),
            ));
        }
        if self.collapsed_groups {
            let mut attrs = group_style();
            attrs.push(label_attr(&self.lang.text("pic-group", &[])));
            stmts.push(node_stmt("legend_group", attrs));
        }
        if self.current {
            let mut attrs = vec![
                attr("shape", "box"),
                label_attr(&self.lang.text("pic-current", &[])),
            ];
            attrs.extend(Kind::Intermediate.style());
            highlight(&mut attrs);
            stmts.push(node_stmt("legend_current", attrs));
        }
        if self.received {
            let mut attrs = vec![
                attr("shape", "box"),
                label_attr(&self.lang.text("pic-received", &[])),
            ];
            attrs.extend(Kind::Intermediate.style());
            received(&mut attrs);
            stmts.push(node_stmt("legend_received", attrs));
        }
        if !self.notes.is_empty() {
            stmts.push(node_stmt(
                "legend_notes",
                vec![
                    attr("shape", "plaintext"),
                    attr("fontsize", "10"),
                    label_attr(&self.notes.join("\n")),
                ],
            ));
        }
        if self.column {
            chain(&mut stmts);
        }
        Subgraph {
            id: plain("cluster_legend"),
            stmts,
        }
    }
}

/// Chains the nodes of `stmts` in order by invisible edges (the edges there before are
/// dropped): in a top-to-bottom picture, a legend's entries stacked into one column.
fn chain(stmts: &mut Vec<Stmt>) {
    stmts.retain(|stmt| !matches!(stmt, Stmt::Edge(_)));
    let names: Vec<String> = stmts
        .iter()
        .filter_map(|s| match s {
            Stmt::Node(node) => match &node.id.0 {
                Id::Plain(name) => Some(name.clone()),
                _ => None,
            },
            _ => None,
        })
        .collect();
    for pair in names.windows(2) {
        stmts.push(edge_stmt(&pair[0], &pair[1], vec![attr("style", "invis")]));
    }
}

/// Stacks the legend of `picture` (the `cluster_legend` that [`to_graph`](crate::to_graph) draws) into a
/// column again after entries were added to it or dropped, so that no edge names a dropped
/// entry (Graphviz would draw it as a bare node) and new entries join the column. A legend
/// that is not a column (a left-to-right picture, where one rank already is one) is left
/// as it is.
pub fn restack_legend(picture: &mut graphviz_rust::dot_structures::Graph) {
    use graphviz_rust::dot_structures::Graph as DotGraph;
    let (DotGraph::DiGraph { stmts, .. } | DotGraph::Graph { stmts, .. }) = picture;
    for stmt in stmts.iter_mut() {
        if let Stmt::Subgraph(sub) = stmt
            && matches!(&sub.id, Id::Plain(id) if id == "cluster_legend")
            && sub.stmts.iter().any(|s| matches!(s, Stmt::Edge(_)))
        {
            chain(&mut sub.stmts);
        }
    }
}

/// A collapsed group: a 3-D box.
pub(crate) fn group_style() -> Vec<Attribute> {
    vec![
        attr("shape", "box3d"),
        attr("style", "filled"),
        attr("fillcolor", "#e5dbff"),
    ]
}

/// The record label `{ label | data 0.5000 | grad 0.7864 }`. `grad` is `None` to leave the
/// field out, `Some(None)` to leave it blank.
fn record(
    label: Option<&str>,
    data: f64,
    grad: Option<Option<f64>>,
    options: &DotOptions,
    constant: bool,
) -> Id {
    let lang = options.lang;
    let mut fields = Vec::with_capacity(3);
    if let Some(label) = label {
        fields.push(record_field(label));
    }
    let data = lang.text("pic-data", &[("value", options.number(data).into())]);
    fields.push(record_field(&data));
    match grad {
        // backward keeps no gradient for a constant: said the same way as in --trace
        Some(_) if constant => fields.push(record_field(&lang.text("pic-no-grad", &[]))),
        Some(Some(grad)) => fields.push(record_field(
            &lang.text("pic-grad", &[("value", options.number(grad).into())]),
        )),
        Some(None) => fields.push(record_field(&lang.text("pic-grad-blank", &[]))),
        None => {}
    }
    // The fields are escaped already: only the quotes are added.
    Id::Escaped(format!("\"{{ {} }}\"", fields.join(" | ")))
}

/// A group's name as the picture writes it in `lang`: the names the nets and the course's
/// examples give their groups (`layer`, `neuron 2`, `sample 1`, `loss`, `step 3`,
/// `unit 1.2`, `output`, `batch norm 1`) with their first word in `lang`; any other name
/// as it is.
pub(crate) fn group_name(name: &str, lang: Lang) -> String {
    if lang != Lang::En
        && let Some(layer) = name.strip_prefix("batch norm ")
    {
        return lang.text("pic-group-batch-norm", &[("layer", layer.into())]);
    }
    let (word, rest) = name.split_once(' ').unwrap_or((name, ""));
    match word {
        "layer" | "neuron" | "sample" | "loss" | "step" | "unit" | "output" if lang != Lang::En => {
            let word = lang.text(&format!("pic-group-{word}"), &[]);
            if rest.is_empty() {
                word
            } else {
                format!("{word} {rest}")
            }
        }
        _ => name.to_owned(),
    }
}

/// Which operand an edge comes from (`base`, `exponent`, ...), in `lang`; a role the
/// catalog does not name (`x`) as it is.
pub(crate) fn role_word(role: &str, lang: Lang) -> String {
    match role {
        "from" | "minus" | "numerator" | "denominator" | "base" | "exponent" | "slope"
        | "condition" | "then" | "else" => lang.text(&format!("pic-role-{role}"), &[]),
        _ => role.to_owned(),
    }
}

/// A small ellipse naming an op.
pub(crate) fn op_style(symbol: &str) -> Vec<Attribute> {
    vec![
        attr("shape", "ellipse"),
        label_attr(symbol),
        attr("style", "filled"),
        attr("fillcolor", "#f1f3f5"),
        attr("fontsize", "10"),
        attr("height", "0.3"),
        attr("margin", "0.02"),
    ]
}

/// Marks the node being processed in a frame.
pub(crate) fn highlight(attrs: &mut Vec<Attribute>) {
    attrs.retain(|a| !matches!(&a.0, Id::Plain(k) if k == "fillcolor" || k == "penwidth"));
    attrs.push(attr("fillcolor", CURRENT_FILL));
    attrs.push(attr("color", CURRENT));
    attrs.push(attr("penwidth", "3"));
}

/// Marks a value that has received its gradient and waits to be processed: a dashed blue
/// border (its fill still says its kind).
pub(crate) fn received(attrs: &mut Vec<Attribute>) {
    attrs.retain(|a| !matches!(&a.0, Id::Plain(k) if k == "style" || k == "penwidth"));
    attrs.push(attr("style", "filled,dashed"));
    attrs.push(attr("color", RECEIVED));
    attrs.push(attr("penwidth", "2"));
}

pub(crate) fn digraph(stmts: Vec<Stmt>) -> DotGraph {
    DotGraph::DiGraph {
        id: plain("gradgraph"),
        strict: false,
        stmts,
    }
}

pub(crate) fn node_stmt(id: &str, attributes: Vec<Attribute>) -> Stmt {
    Stmt::Node(Node::new(NodeId(plain(id), None), attributes))
}

pub(crate) fn edge_stmt(from: &str, to: &str, attributes: Vec<Attribute>) -> Stmt {
    Stmt::Edge(Edge {
        ty: EdgeTy::Pair(
            Vertex::N(NodeId(plain(from), None)),
            Vertex::N(NodeId(plain(to), None)),
        ),
        attributes,
    })
}

pub(crate) fn plain(s: &str) -> Id {
    Id::Plain(s.to_owned())
}

/// `label="text"`, escaped.
pub(crate) fn label_attr(text: &str) -> Attribute {
    Attribute(plain("label"), Id::Escaped(quote(text)))
}

/// `key=value`: the value unquoted when it is a plain DOT identifier or number, else quoted.
pub(crate) fn attr(key: &str, value: &str) -> Attribute {
    Attribute(plain(key), id(value))
}

fn id(value: &str) -> Id {
    let identifier = value
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && value.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let number = !value.is_empty()
        && value.split('.').count() <= 2
        && value.split('.').all(|part| !part.is_empty())
        && value.chars().all(|c| c.is_ascii_digit() || c == '.');
    let keyword = ["node", "edge", "graph", "digraph", "subgraph", "strict"]
        .iter()
        .any(|k| k.eq_ignore_ascii_case(value));
    if (identifier || number) && !keyword {
        plain(value)
    } else {
        Id::Escaped(quote(value))
    }
}
