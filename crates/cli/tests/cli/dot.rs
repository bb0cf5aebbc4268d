//! DOT export: the structure of the pictures (nodes, edges, labels, values, clusters,
//! legend), the collapsed view, backward frames, and escaping of arbitrary labels, read back
//! with graphviz-rust's parser.

use gradgraph::{Graph, Value};
use gradgraph_draw::{self as dot, Collapse, DotOptions, RankDir};
use graphviz_rust::dot_structures::{Attribute, EdgeTy, Graph as DotGraph, Id, Stmt, Vertex};
use proptest::prelude::*;
use std::collections::BTreeMap;

// ---------------------------------------------------------------------------------------
// Reading a picture back: graphviz-rust's parser, then Graphviz's own escaping rules.

/// What a parsed picture holds, flattened.
#[derive(Debug, Default)]
struct Picture {
    /// node id → attributes
    nodes: BTreeMap<String, BTreeMap<String, String>>,
    /// (from, to, attributes), in order
    edges: Vec<(String, String, BTreeMap<String, String>)>,
    /// cluster id → (label, ids of the nodes directly or indirectly inside, parent cluster)
    clusters: BTreeMap<String, (String, Vec<String>, Option<String>)>,
    /// graph attributes
    graph: BTreeMap<String, String>,
}

impl Picture {
    fn parse(text: &str) -> Picture {
        let parsed = graphviz_rust::parse(text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        let DotGraph::DiGraph { stmts, .. } = parsed else {
            panic!("not a digraph")
        };
        let mut picture = Picture::default();
        picture.walk(&stmts, &[]);
        picture
    }

    fn walk(&mut self, stmts: &[Stmt], clusters: &[String]) {
        for stmt in stmts {
            match stmt {
                Stmt::Node(node) => {
                    let id = raw(&node.id.0);
                    for c in clusters {
                        self.clusters
                            .get_mut(c)
                            .expect("cluster seen")
                            .1
                            .push(id.clone());
                    }
                    self.nodes.insert(id, attrs(&node.attributes));
                }
                Stmt::Edge(edge) => {
                    let EdgeTy::Pair(Vertex::N(a), Vertex::N(b)) = &edge.ty else {
                        panic!("unexpected edge {edge:?}")
                    };
                    self.edges
                        .push((raw(&a.0), raw(&b.0), attrs(&edge.attributes)));
                }
                Stmt::Subgraph(sub) => {
                    let id = raw(&sub.id);
                    if !id.starts_with("cluster") {
                        // a layout hint (neurons kept in order): a rank and invisible edges
                        continue;
                    }
                    let label = sub
                        .stmts
                        .iter()
                        .find_map(|s| match s {
                            Stmt::Attribute(Attribute(k, v)) if raw(k) == "label" => Some(raw(v)),
                            _ => None,
                        })
                        .unwrap_or_default();
                    self.clusters
                        .insert(id.clone(), (label, Vec::new(), clusters.last().cloned()));
                    let mut inner = clusters.to_vec();
                    inner.push(id);
                    self.walk(&sub.stmts, &inner);
                }
                Stmt::GAttribute(graphviz_rust::dot_structures::GraphAttributes::Graph(a)) => {
                    self.graph.extend(attrs(a));
                }
                _ => {}
            }
        }
    }

    fn node(&self, id: &str) -> &BTreeMap<String, String> {
        self.nodes
            .get(id)
            .unwrap_or_else(|| panic!("no node {id} in {:?}", self.nodes.keys()))
    }

    fn label(&self, id: &str) -> String {
        text(&self.node(id)["label"])
    }

    /// The record fields of node `id`, decoded.
    fn fields(&self, id: &str) -> Vec<String> {
        record_fields(&self.node(id)["label"])
    }

    fn edge(&self, from: &str, to: &str) -> &BTreeMap<String, String> {
        self.edges
            .iter()
            .find(|(a, b, _)| a == from && b == to)
            .map(|(_, _, attrs)| attrs)
            .unwrap_or_else(|| panic!("no edge {from} -> {to}"))
    }

    fn has_edge(&self, from: &str, to: &str) -> bool {
        self.edges.iter().any(|(a, b, _)| a == from && b == to)
    }
}

/// An identifier as written after the DOT reader: quotes removed, `\"` made `"`
/// (the only escape the reader itself handles).
fn raw(id: &Id) -> String {
    match id {
        Id::Plain(s) => s.clone(),
        Id::Escaped(s) => {
            let inner = &s[1..s.len() - 1];
            let mut out = String::new();
            let mut chars = inner.chars().peekable();
            while let Some(c) = chars.next() {
                if c == '\\' && chars.peek() == Some(&'"') {
                    out.push('"');
                    chars.next();
                } else {
                    out.push(c);
                    if c == '\\' {
                        out.extend(chars.next());
                    }
                }
            }
            out
        }
        other => panic!("unexpected id {other:?}"),
    }
}

fn attrs(list: &[Attribute]) -> BTreeMap<String, String> {
    list.iter()
        .map(|Attribute(k, v)| (raw(k), raw(v)))
        .collect()
}

/// The text Graphviz draws for an ordinary label: `\\` → `\`, `\n` → newline, entities.
fn text(label: &str) -> String {
    let mut out = String::new();
    let mut chars = label.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some(other) => out.push(other),
                None => panic!("dangling backslash in {label:?}"),
            }
        } else {
            out.push(c);
        }
    }
    entities(&out)
}

/// HTML entities, decoded as Graphviz does for a label (only the two the exporter writes).
fn entities(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("&amp;") {
            out.push('&');
            rest = after;
        } else if let Some(after) = rest.strip_prefix("&#32;") {
            out.push(' ');
            rest = after;
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// The fields of a record label `{ a | b | c }`, each as Graphviz draws it: split at
/// unescaped bars, unescaped spaces at either end dropped, then escapes removed.
fn record_fields(label: &str) -> Vec<String> {
    let inner = label
        .strip_prefix('{')
        .and_then(|s| s.strip_suffix('}'))
        .unwrap_or_else(|| panic!("not a record: {label:?}"));
    // (character, escaped)
    let mut fields: Vec<Vec<(char, bool)>> = vec![Vec::new()];
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let next = chars.next().expect("dangling backslash");
                fields.last_mut().expect("a field").push((next, true));
            }
            '|' => fields.push(Vec::new()),
            '{' | '}' | '<' | '>' => panic!("unescaped {c:?} in record {label:?}"),
            _ => fields.last_mut().expect("a field").push((c, false)),
        }
    }
    fields
        .into_iter()
        .map(|mut f| {
            while f.first() == Some(&(' ', false)) {
                f.remove(0);
            }
            while f.last() == Some(&(' ', false)) {
                f.pop();
            }
            let drawn: String = f
                .into_iter()
                .map(|(c, escaped)| if escaped && c == 'n' { '\n' } else { c })
                .collect();
            entities(&drawn)
        })
        .collect()
}

/// What a label looks like once drawn: control characters other than newline become their
/// Unicode control pictures.
fn visible(label: &str) -> String {
    label
        .chars()
        .map(|c| match c {
            '\n' => c,
            '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).expect("a control picture"),
            '\u{7f}' => '\u{2421}',
            _ => c,
        })
        .collect()
}

fn neuron_picture(options: DotOptions) -> Picture {
    let g = Graph::new();
    let y = gradgraph_course::examples::neuron(&g);
    g.backward(y);
    Picture::parse(&dot::to_dot(&g, &options))
}

// ---------------------------------------------------------------------------------------
// Structure

#[test]
fn neuron_nodes_edges_and_values() {
    // o = tanh(x w + b) at x = 1, w = 0.5, b = 0: nodes x, w, b, x·w, x·w + b, o
    let p = neuron_picture(DotOptions::new());
    let values: Vec<&String> = p.nodes.keys().filter(|k| k.starts_with('n')).collect();
    assert_eq!(values, ["n0", "n1", "n2", "n3", "n4", "n5"]);
    let ops: Vec<&String> = p.nodes.keys().filter(|k| k.starts_with("op")).collect();
    assert_eq!(ops, ["op3", "op4", "op5"]); // leaves have no op node
    assert_eq!(p.label("op3"), "*");
    assert_eq!(p.label("op4"), "+");
    assert_eq!(p.label("op5"), "tanh");
    assert_eq!(p.node("n0")["shape"], "record");
    assert_eq!(p.node("op5")["shape"], "ellipse");

    // o = tanh(0.5) = 0.46211..., do/dw = (1 - o²) x = 0.78644..., do/dx = (1 - o²) w
    assert_eq!(p.fields("n0"), ["x", "data 1.000", "grad 0.3932"]);
    assert_eq!(p.fields("n1"), ["w", "data 0.5000", "grad 0.7864"]);
    assert_eq!(p.fields("n2"), ["b", "data 0.000", "grad 0.7864"]);
    assert_eq!(p.fields("n3"), ["x·w", "data 0.5000", "grad 0.7864"]);
    assert_eq!(p.fields("n5"), ["o", "data 0.4621", "grad 1.000"]);

    // operand → op → result, and nothing else besides
    let edges: Vec<(&str, &str)> = p
        .edges
        .iter()
        .map(|(a, b, _)| (a.as_str(), b.as_str()))
        .collect();
    assert_eq!(
        edges,
        [
            ("n0", "op3"),
            ("n1", "op3"),
            ("op3", "n3"),
            ("n3", "op4"),
            ("n2", "op4"),
            ("op4", "n4"),
            ("n4", "op5"),
            ("op5", "n5"),
        ]
    );
    assert!(p.edges.iter().all(|(_, _, a)| !a.contains_key("label")));
    assert_eq!(p.graph["rankdir"], "LR");
}

#[test]
fn kinds_are_styled_apart_with_a_legend() {
    let g = Graph::new();
    let j = gradgraph_course::examples::two_neurons(&g);
    g.backward(j);
    let p = Picture::parse(&dot::to_dot(&g, &DotOptions::new()));
    let fill = |id: &str| p.node(id)["fillcolor"].clone();
    let by_label = |label: &str| {
        p.nodes
            .keys()
            .find(|id| id.starts_with('n') && p.fields(id)[0] == label)
            .unwrap()
            .clone()
    };
    let (x, w1, y, g1, j) = (
        by_label("x(1)"),
        by_label("w1"),
        by_label("y(1)"),
        by_label("g1(1)"),
        by_label("J"),
    );
    let fills = [fill(&x), fill(&w1), fill(&y), fill(&g1), fill(&j)];
    for (a, fa) in fills.iter().enumerate() {
        for fb in &fills[a + 1..] {
            assert_ne!(fa, fb, "two kinds share a colour");
        }
    }
    assert!(p.node(&y)["style"].contains("dashed")); // constant: takes no gradient
    assert_eq!(p.node(&j)["penwidth"], "2"); // output
    // the legend shows each kind in the colour used
    let legend = &p.clusters["cluster_legend"];
    assert_eq!(legend.0, "legend");
    for (id, kind) in [
        (&x, "input"),
        (&w1, "parameter"),
        (&y, "constant"),
        (&g1, "intermediate"),
        (&j, "output"),
    ] {
        let entry = format!("legend_{kind}");
        assert!(legend.1.contains(&entry), "{entry} missing");
        assert_eq!(p.node(&entry)["fillcolor"], fill(id));
        assert_eq!(p.label(&entry), kind);
    }
    assert!(legend.1.contains(&"legend_op".to_owned()));
}

#[test]
fn legend_lists_only_kinds_drawn_and_can_be_turned_off() {
    let p = neuron_picture(DotOptions::new());
    assert!(!p.nodes.contains_key("legend_constant"));
    let p = neuron_picture(DotOptions::new().legend(false));
    assert!(!p.clusters.contains_key("cluster_legend"));
    assert!(p.nodes.keys().all(|k| !k.starts_with("legend")));
}

#[test]
fn groups_become_nested_labelled_clusters() {
    let g = Graph::new();
    let x = g.input(1.0).with_label("x");
    let y = g.group("layer 1", || {
        let a = g.group("neuron 1.1", || (x * 2.0).tanh());
        let b = g.group("neuron 1.2", || (x * 3.0).tanh());
        a + b
    });
    let out = (y * 1.5).with_label("out");
    g.backward(out);
    let p = Picture::parse(&dot::to_dot(&g, &DotOptions::new()));
    let (label, inside, parent) = &p.clusters["cluster_0"];
    assert_eq!((label.as_str(), parent), ("layer 1", &None));
    let (label, inner, parent) = &p.clusters["cluster_1"];
    assert_eq!(label, "neuron 1.1");
    assert_eq!(parent.as_deref(), Some("cluster_0"));
    assert_eq!(inner, &["n1", "op1", "n2", "op2"]);
    assert_eq!(p.clusters["cluster_2"].2.as_deref(), Some("cluster_0"));
    // the sum of the two neurons sits in the layer, outside both neurons
    assert!(inside.contains(&"n5".to_owned()));
    assert!(!p.clusters["cluster_2"].1.contains(&"n5".to_owned()));
    // x and the output sit in no cluster
    assert!(
        p.clusters
            .values()
            .all(|(_, ids, _)| !ids.contains(&"n0".to_owned()))
    );
    assert!(
        p.clusters
            .values()
            .all(|(_, ids, _)| !ids.contains(&"n6".to_owned()))
    );
    // clusters off: no subgraph but the legend
    let p = Picture::parse(&dot::to_dot(&g, &DotOptions::new().clusters(false)));
    assert_eq!(p.clusters.keys().collect::<Vec<_>>(), ["cluster_legend"]);
}

#[test]
fn options_precision_grad_rankdir() {
    let p = neuron_picture(DotOptions::new().precision(8));
    // tanh(0.5) = 0.46211715726...
    assert_eq!(p.fields("n5")[1], "data 0.46211716");
    let p = neuron_picture(DotOptions::new().show_grad(false));
    assert_eq!(p.fields("n5"), ["o", "data 0.4621"]);
    let p = neuron_picture(DotOptions::new().rankdir(RankDir::TopToBottom));
    assert_eq!(p.graph["rankdir"], "TB");
}

#[test]
fn edge_labels_carry_local_derivatives() {
    let p = neuron_picture(DotOptions::new().edge_labels(true));
    // d(x w)/dx = w = 0.5, d(x w)/dw = x = 1, d(a + b)/da = 1, tanh'(n) = 1 - tanh(n)²:
    // each in the graph's own names, then its value
    assert_eq!(text(&p.edge("n0", "op3")["label"]), "∂ = w = 0.5000");
    assert_eq!(text(&p.edge("n1", "op3")["label"]), "∂ = x = 1.000");
    assert_eq!(text(&p.edge("n2", "op4")["label"]), "∂ = 1.000");
    let local = 1.0 - 0.5f64.tanh().powi(2);
    assert_eq!(
        text(&p.edge("n4", "op5")["label"]),
        format!("∂ = 1 − tanh²(x·w + b) = {}", dot::format_number(local, 4))
    );
    assert!(!p.edge("op5", "n5").contains_key("label"));
    assert!(p.nodes.contains_key("legend_notes"));
}

#[test]
fn operand_used_twice_draws_two_edges() {
    let g = Graph::new();
    let x = g.input(3.0).with_label("x");
    let y = (x * x).with_label("y"); // dy/dx = 2x = 6: one x per edge
    g.backward(y);
    let p = Picture::parse(&dot::to_dot(&g, &DotOptions::new().edge_labels(true)));
    let twice: Vec<_> = p
        .edges
        .iter()
        .filter(|(a, b, _)| a == "n0" && b == "op1")
        .collect();
    assert_eq!(twice.len(), 2);
    assert!(
        twice
            .iter()
            .all(|(_, _, a)| text(&a["label"]) == "∂ = x = 3.000")
    );
    assert_eq!(p.fields("n0")[2], "grad 6.000");
}

#[test]
fn weighted_sum_is_one_sigma_node() {
    let g = Graph::new();
    let w = [g.parameter(0.5), g.parameter(-1.0)];
    let x = [g.input(2.0), g.input(3.0)];
    let b = g.parameter(0.25);
    let s = g.weighted_sum(&w, &x, b).unwrap();
    let p = Picture::parse(&dot::to_dot(&g, &DotOptions::new().ancestors_of(s)));
    assert_eq!(p.label("op5"), "Σ w·x + b");
    let into: Vec<&str> = p
        .edges
        .iter()
        .filter(|(_, b, _)| b == "op5")
        .map(|(a, _, _)| a.as_str())
        .collect();
    assert_eq!(into, ["n0", "n1", "n2", "n3", "n4"]); // w0 w1 x0 x1 b
    assert_eq!(p.fields("n5"), ["data -1.750", "grad 0.000"]); // no label: no label field
}

#[test]
fn ancestors_of_draws_only_what_the_output_depends_on() {
    let g = Graph::new();
    let a = g.input(1.0).with_label("a");
    let b = g.input(2.0).with_label("b");
    let used = (a * 2.0).with_label("used");
    let _unrelated = (b + 1.0).with_label("unrelated");
    let later = (used + 1.0).with_label("later"); // created after, depends on `used`
    let p = Picture::parse(&dot::to_dot(&g, &DotOptions::new().ancestors_of(used)));
    let values: Vec<&String> = p.nodes.keys().filter(|k| k.starts_with('n')).collect();
    assert_eq!(values, ["n0", "n2"]);
    // the output of the picture is styled as an output although `later` consumes it
    assert_eq!(p.node("n2")["penwidth"], "2");
    let whole = Picture::parse(&dot::to_dot(&g, &DotOptions::new()));
    assert_eq!(whole.nodes.keys().filter(|k| k.starts_with('n')).count(), 5);
    assert!(whole.has_edge("op4", &format!("n{}", later.index())));
}

#[test]
fn deep_chain_exports_without_recursion() {
    // 100,001 nodes deep: a recursive walk would overflow the stack.
    let g = Graph::new();
    let mut y = g.input(0.1);
    for _ in 0..100_000 {
        y *= 1.0;
    }
    let options = DotOptions::new().ancestors_of(y).legend(false);
    let picture = dot::to_graph(&g, &options);
    let DotGraph::DiGraph { stmts, .. } = picture else {
        panic!()
    };
    // 3 default statements, a record per value, an op node per computed value, 2 edges each
    assert_eq!(stmts.len(), 3 + 100_001 + 100_000 + 200_000);
}

#[test]
fn collapsed_view_draws_each_group_as_one_node() {
    let g = Graph::new();
    let x1 = g.input(1.0).with_label("x1");
    let x2 = g.input(2.0).with_label("x2");
    let hidden = g.group("layer 1", || {
        let a = g.group("neuron 1.1", || (x1 * 0.5 + x2 * 0.25).tanh());
        let b = g.group("neuron 1.2", || (x1 * -0.5 + x2).tanh());
        [a, b]
    });
    let out = g.group("layer 2", || (hidden[0] * 2.0 + hidden[1]).tanh());
    let loss = (out * out).with_label("loss");
    g.backward(loss);
    let options = DotOptions::new().collapse(true);
    let p = Picture::parse(&dot::to_dot(&g, &options));
    assert_eq!(p.label("group0"), "layer 1\n7 values");
    assert_eq!(p.label("group3"), "layer 2\n3 values");
    assert_eq!(p.node("group0")["shape"], "box3d");
    // nested groups are inside the outermost one: no node or cluster of their own
    assert!(!p.nodes.contains_key("group1"));
    assert_eq!(p.clusters.keys().collect::<Vec<_>>(), ["cluster_legend"]);
    // x1 feeds layer 1 twice (once per neuron): one edge labelled ×2
    assert_eq!(text(&p.edge("n0", "group0")["label"]), "×2");
    assert_eq!(text(&p.edge("n1", "group0")["label"]), "×2");
    // layer 1 → layer 2: two edges merged
    assert_eq!(text(&p.edge("group0", "group3")["label"]), "×2");
    // layer 2 → loss (out used twice)
    let loss_op = format!("op{}", loss.index());
    assert_eq!(text(&p.edge("group3", &loss_op)["label"]), "×2");
    assert!(p.has_edge(&loss_op, &format!("n{}", loss.index())));
    assert_eq!(p.edges.len(), 5);
    assert!(p.nodes.contains_key("legend_group"));
    assert_eq!(p.fields(&format!("n{}", loss.index()))[0], "loss");
}

#[test]
fn innermost_view_draws_one_node_per_neuron_inside_layer_clusters() {
    use gradgraph_nn::{Activation, Init, Mlp, Output};
    let net = Mlp::builder(&[2, 3, 1])
        .activation(Activation::TANH)
        .output(Output::Linear)
        .init(Init::Lecun)
        .seed(5)
        .build()
        .unwrap();
    let g = Graph::new();
    let x = [
        g.input(0.5).with_label("x1"),
        g.input(-1.0).with_label("x2"),
    ];
    let mut bound = net.bind(&g);
    let layers = bound.forward_layers(&x).unwrap();
    let out = layers[1][0];
    let loss = (out * out).with_label("loss");
    g.backward(loss);
    // groups: 0 layer 1, 1-3 neurons 1.1-1.3, 4 layer 2, 5 neuron 2.1
    let names: Vec<String> = g.groups().iter().map(|gr| gr.name.clone()).collect();
    assert_eq!(
        names,
        [
            "layer 1",
            "neuron 1.1",
            "neuron 1.2",
            "neuron 1.3",
            "layer 2",
            "neuron 2.1"
        ]
    );
    let options = DotOptions::new().collapse(Collapse::Innermost);
    let p = Picture::parse(&dot::to_dot(&g, &options));

    // one node per neuron, none per layer; every value inside a neuron is hidden
    let groups: Vec<&String> = p.nodes.keys().filter(|k| k.starts_with("group")).collect();
    assert_eq!(groups, ["group1", "group2", "group3", "group5"]);
    assert!(
        !p.nodes
            .keys()
            .any(|k| k.starts_with("op") && k != &format!("op{}", loss.index()))
    );
    let records: Vec<&String> = p.nodes.keys().filter(|k| k.starts_with('n')).collect();
    assert_eq!(records, ["n0", "n1", &format!("n{}", loss.index())]);
    assert_eq!(dot::picture_size(&g, &options), 2 + 4 + 1);

    // the label: name, values held (2 weights, bias, Σ, tanh), the neuron's output and grad
    let f = |v: f64| dot::format_number(v, 4);
    let h = layers[0][0];
    assert_eq!(
        p.label("group1"),
        format!(
            "neuron 1.1\n5 values\ndata {}\ngrad {}",
            f(h.data()),
            f(h.grad())
        )
    );
    // the output neuron: 3 weights, bias, Σ (linear: no activation node)
    assert_eq!(
        p.label("group5"),
        format!(
            "neuron 2.1\n5 values\ndata {}\ngrad {}",
            f(out.data()),
            f(out.grad())
        )
    );
    assert_eq!(p.node("group5")["shape"], "box3d");

    // the layers are clusters around their neurons
    let (label, inside, parent) = &p.clusters["cluster_0"];
    assert_eq!(label, "layer 1");
    assert_eq!(inside, &["group1", "group2", "group3"]);
    assert_eq!(parent, &None);
    let (label, inside, _) = &p.clusters["cluster_4"];
    assert_eq!(label, "layer 2");
    assert_eq!(inside, &["group5"]);
    let mut clusters: Vec<&String> = p.clusters.keys().collect();
    clusters.sort();
    assert_eq!(clusters, ["cluster_0", "cluster_4", "cluster_legend"]);

    // edges: each input to each hidden neuron, each hidden neuron to the output neuron,
    // and out * out merged into one edge standing for 2
    for k in 1..=3 {
        for input in ["n0", "n1"] {
            assert!(!p.edge(input, &format!("group{k}")).contains_key("label"));
        }
        assert!(p.has_edge(&format!("group{k}"), "group5"));
    }
    let loss_op = format!("op{}", loss.index());
    assert_eq!(text(&p.edge("group5", &loss_op)["label"]), "×2");
    assert_eq!(p.edge("group5", &loss_op)["penwidth"], "2");
    assert!(p.has_edge(&loss_op, &format!("n{}", loss.index())));
    assert_eq!(p.edges.len(), 6 + 3 + 1 + 1);

    // without gradients the label stops at the data; without clusters no layer is drawn
    let bare = options.clone().show_grad(false).clusters(false);
    let p = Picture::parse(&dot::to_dot(&g, &bare));
    assert_eq!(
        p.label("group1"),
        format!("neuron 1.1\n5 values\ndata {}", f(h.data()))
    );
    assert_eq!(p.clusters.keys().collect::<Vec<_>>(), ["cluster_legend"]);

    // the outermost view of the same graph: one node per layer, no clusters
    let p = Picture::parse(&dot::to_dot(
        &g,
        &DotOptions::new().collapse(Collapse::Outermost),
    ));
    assert_eq!(p.label("group0"), "layer 1\n15 values");
    assert_eq!(text(&p.edge("n0", "group0")["label"]), "×3");
    assert_eq!(text(&p.edge("group0", "group4")["label"]), "×3");
    assert_eq!(p.clusters.keys().collect::<Vec<_>>(), ["cluster_legend"]);
    // collapse(true) is the outermost view
    assert_eq!(
        dot::to_dot(&g, &DotOptions::new().collapse(true)),
        dot::to_dot(&g, &DotOptions::new().collapse(Collapse::Outermost))
    );
}

#[test]
fn a_group_with_values_of_its_own_and_groups_inside_is_a_cluster_holding_its_node() {
    let g = Graph::new();
    let x = g.input(1.0).with_label("x");
    let y = g.group("layer", || {
        let a = g.group("neuron a", || (x * 2.0).tanh());
        let b = g.group("neuron b", || (x * 3.0).tanh());
        a + b // the layer's own value, in no neuron
    });
    let out = g.group("head", || y.exp());
    g.backward(out);
    let p = Picture::parse(&dot::to_dot(
        &g,
        &DotOptions::new().collapse(Collapse::Innermost),
    ));
    let (label, inside, _) = &p.clusters["cluster_0"];
    assert_eq!(label, "layer");
    assert_eq!(inside, &["group0", "group1", "group2"]);
    assert!(p.label("group0").starts_with("layer\n1 value\ndata "));
    assert!(p.has_edge("group1", "group0"));
    assert!(p.has_edge("group2", "group0"));
    assert!(p.has_edge("group0", "group3"));
    // a top-level group with no group inside is a node outside every cluster
    assert!(!p.clusters.contains_key("cluster_3"));
    assert!(p.label("group3").starts_with("head\n1 value"));
}

// ---------------------------------------------------------------------------------------
// Backward frames

#[test]
fn frames_follow_the_trace_step_by_step() {
    let g = Graph::new();
    let j = gradgraph_course::examples::two_neurons(&g);
    let trace = g.backward_trace(j);
    g.zero_grad();
    let frames: Vec<Picture> = dot::frames(&g, &trace, &DotOptions::new())
        .iter()
        .map(|f| Picture::parse(&dot::print(f)))
        .collect();
    assert_eq!(frames.len(), trace.steps.len());
    assert_eq!(frames.len(), 20);
    for (k, (frame, step)) in frames.iter().zip(&trace.steps).enumerate() {
        let current = format!("n{}", step.node);
        // the node being processed is highlighted, with its complete gradient
        assert_eq!(frame.node(&current)["penwidth"], "3", "frame {k}");
        let grad = frame.fields(&current).last().unwrap().clone();
        if step.op == gradgraph::Op::Const {
            // a constant keeps no gradient, in every picture as in --trace
            assert_eq!(grad, "no grad kept", "frame {k}");
        } else {
            assert_eq!(
                grad,
                format!("grad {}", dot::format_number(step.upstream, 4))
            );
        }
        // nodes processed earlier show their gradient; the others the sum received so far
        // (sent by the steps up to this one), dashed, or a blank one when nothing came yet
        for (m, other) in trace.steps.iter().enumerate() {
            let id = format!("n{}", other.node);
            let last = frame.fields(&id).last().unwrap().clone();
            let sent: Vec<f64> = trace.steps[..=k]
                .iter()
                .flat_map(|s| &s.inputs)
                .filter(|e| e.input == other.node)
                .map(|e| e.product)
                .collect();
            let waiting = m > k && !sent.is_empty();
            if other.op != gradgraph::Op::Const {
                let dashed = frame.node(&id)["style"].contains("dashed");
                assert_eq!(dashed, waiting, "frame {k}, node {}", other.node);
            }
            if other.op == gradgraph::Op::Const {
                assert_eq!(last, "no grad kept", "frame {k}, node {}", other.node);
            } else if m <= k {
                assert!(last.starts_with("grad "), "frame {k}, node {}", other.node);
            } else if waiting {
                let received = dot::format_number(sent.iter().sum(), 4);
                assert_eq!(last, format!("grad {received}"), "frame {k}");
            } else {
                assert_eq!(last, "grad", "frame {k}, node {}", other.node);
            }
        }
        // its operand edges say local × upstream = product, with the trace's numbers
        for e in &step.inputs {
            let label =
                text(&frame.edge(&format!("n{}", e.input), &format!("op{}", step.node))["label"]);
            let f = |x: f64| dot::format_number(x, 4);
            let k = step.inputs.iter().position(|i| std::ptr::eq(i, e)).unwrap();
            // the local derivative in the graph's names, then the chain rule's product
            let node = g.get(step.node).unwrap();
            let local = g.local_derivative_texts(node, f)[k].lines().join("\n");
            let product = format!(
                "{local}\n{} × {} = {}",
                f(e.local),
                f(step.upstream),
                f(e.product)
            );
            // the operand's role first where the order matters (what `-` subtracts)
            let want = match step.op.operand_role(k) {
                Some(role) => format!("{role}: {product}"),
                None => product,
            };
            assert_eq!(label, want);
        }
        // one highlighted node per frame (plus the legend's sample)
        let highlighted = frame
            .nodes
            .iter()
            .filter(|(id, a)| id.starts_with('n') && a["penwidth"] == "3")
            .count();
        assert_eq!(highlighted, 1);
        assert!(frame.graph["label"].starts_with(&format!("backward step {} of 20", k + 1)));
        assert!(frame.nodes.contains_key("legend_current"));
    }
    // the first frame: J holds dJ/dJ = 1 and sends 1/2 × 1 to Σ through "/ 2"
    assert!(frames[0].graph["label"].contains("J (/ 2) holds ∂J/∂J = 1.000"));
}

#[test]
fn chain_frames_multiply_down_to_w() {
    // y = σ(tanh(σ(w x))): the gradient reaching w·x is f'·g'·h'
    let g = Graph::new();
    let y = gradgraph_course::examples::chain(&g);
    let frames = dot::backward_frames(&g, y, &DotOptions::new());
    assert_eq!(frames.len(), 6); // x, w, w·x, h, g, y
    assert_eq!(y.grad(), 0.0, "frames must not change stored gradients");
    g.backward(y);
    let w = g.parameters()[0];
    let last = Picture::parse(&frames[5]);
    assert_eq!(
        last.fields(&format!("n{}", w.index()))[2],
        format!("grad {}", dot::format_number(w.grad(), 4))
    );
    // frame 0 is y: every other gradient still blank but the one y sends to g (received)
    let first = Picture::parse(&frames[0]);
    let blank = first
        .nodes
        .keys()
        .filter(|id| id.starts_with('n') && first.fields(id).last().unwrap() == "grad")
        .count();
    assert_eq!(blank, 4);
}

#[test]
fn frames_of_unlabelled_nodes_name_them_by_index() {
    let g = Graph::new();
    let x = g.input(2.0);
    let y = x * 3.0;
    let frames = dot::backward_frames(&g, y, &DotOptions::new());
    let first = Picture::parse(&frames[0]);
    assert_eq!(
        first.graph["label"],
        "backward step 1 of 2: node #1 (* 3) holds grad 1.000\\nsends local derivative × \
         upstream to its operand"
    );
    assert_eq!(first.fields("n1"), ["data 6.000", "grad 1.000"]);
}

#[test]
fn frames_are_numbered_files_that_replace_stale_ones() {
    use gradgraph_cli::files::OutputSet;
    let dir = std::env::temp_dir().join(format!("gradgraph-frames-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("frame_042.dot"), "old").unwrap();
    std::fs::write(dir.join("frame_notes.txt"), "mine").unwrap();
    let g = Graph::new();
    let y = gradgraph_course::examples::neuron(&g);
    let frames = dot::frame_files(&g, y, &DotOptions::new(), false).unwrap();
    let mut set = OutputSet::new();
    set.stage_frames(&dir, &frames, false).unwrap();
    let written = set.commit().unwrap();
    let names: Vec<String> = written
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "frame_000.dot",
            "frame_001.dot",
            "frame_002.dot",
            "frame_003.dot",
            "frame_004.dot",
            "frame_005.dot"
        ]
    );
    assert!(!dir.join("frame_042.dot").exists(), "stale frame kept");
    assert!(
        dir.join("frame_notes.txt").exists(),
        "a file not ours was removed"
    );
    let first = std::fs::read_to_string(dir.join("frame_000.dot")).unwrap();
    assert!(first.contains("backward step 1 of 6"));
    // too many frames: refused before anything is drawn
    let err = dot::frame_files(&g, y, &DotOptions::new().max_frames(5), false).unwrap_err();
    assert!(
        matches!(err, gradgraph_draw::Error::TooLarge { .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("6 steps"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

// ---------------------------------------------------------------------------------------
// Escaping

/// A graph whose value, cluster and op labels are all `label`; returns its DOT.
fn labelled(label: &str) -> String {
    let g = Graph::new();
    let x = g.input(1.0).with_label(label);
    let y = g.group(label, || (x * 2.0).with_label(label));
    g.backward(y);
    dot::to_dot(&g, &DotOptions::new())
}

fn roundtrip(label: &str) {
    let text_ = labelled(label);
    let p = Picture::parse(&text_);
    let expected = visible(label);
    assert_eq!(p.fields("n0")[0], expected, "record field, DOT:\n{text_}");
    assert_eq!(p.fields("n1")[0], expected, "record field, DOT:\n{text_}");
    assert_eq!(
        p.fields("n1").len(),
        3,
        "a label added record fields:\n{text_}"
    );
    assert_eq!(text(&p.clusters["cluster_0"].0), expected, "cluster label");
    // the DOT has exactly the nodes it should: no label leaked into structure
    assert_eq!(
        p.nodes
            .keys()
            .filter(|k| !k.starts_with("legend"))
            .collect::<Vec<_>>(),
        ["n0", "n1", "op1"]
    );
    assert_eq!(p.edges.len(), 2);
}

/// A cluster label as Graphviz draws it.
fn quote_roundtrip(label: &str) -> String {
    let p = Picture::parse(&format!("digraph {{ a [label={}] }}", dot::quote(label)));
    text(&p.node("a")["label"])
}

#[test]
fn nasty_labels_survive() {
    for label in [
        "",
        "\"",
        "\\",
        "\\\\",
        "\\\"",
        "a\"b\\\"c",
        "{",
        "}",
        "|",
        "<",
        ">",
        "{ x | y }",
        "<port> f",
        "<<b>html</b>>",
        "\\N \\G \\E \\T \\H \\L",
        "\\n is not a newline",
        "two\nlines",
        "ends with backslash\\",
        "ends with backslash and space\\ ",
        "&amp; &lt; &#945;",
        "a & b",
        " leading",
        "trailing ",
        "  ",
        "in  between",
        "\"]; n0 -> n1 [label=\"",
        "} | { data 0 | grad 0 }",
        "subgraph cluster_9 { evil }",
        "//comment",
        "/* comment */",
        "# hash",
        "ŷ ∂J/∂w 😀 日本語",
        "tab\there",
        "nul\0byte",
        "del\u{7f}",
        "\r\n",
    ] {
        roundtrip(label);
        assert_eq!(quote_roundtrip(label), visible(label), "{label:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any label at all gives DOT that graphviz-rust parses back to the same picture, with
    /// the label's text recovered (control characters as their visible pictures).
    #[test]
    fn any_label_parses_back(label in any::<String>()) {
        roundtrip(&label);
    }

    #[test]
    fn labels_of_record_characters_parse_back(label in "[{}|<>\\\\\" &;a\n]{0,12}") {
        roundtrip(&label);
    }
}

#[test]
fn a_wide_net_draws_dense_layer_to_layer_edges_as_one_and_neurons_in_order() {
    use gradgraph_nn::{Activation, Mlp};
    let net = Mlp::new(&[2, 16, 16, 1], Activation::RELU, 1).unwrap();
    let g = Graph::new();
    let out = net.forward(&g, &[g.input(0.5), g.input(-0.25)]).unwrap();
    g.backward(out[0]);
    let text = dot::to_dot(&g, &DotOptions::new().collapse(Collapse::Innermost));
    // one thick edge for the 256 between the hidden layers, clipped at the clusters
    let bundles: Vec<&str> = text.lines().filter(|l| l.contains("lhead")).collect();
    let layer_to_layer: Vec<&&str> = bundles.iter().filter(|l| l.contains("ltail")).collect();
    assert_eq!(layer_to_layer.len(), 1, "{text}");
    assert!(
        layer_to_layer[0].contains("256 edges"),
        "{}",
        layer_to_layer[0]
    );
    // dashed and bold, and saying it is every weight between the layers, so that it is not
    // read as one connection between the two neurons it is routed through
    assert!(
        layer_to_layer[0].contains("all 16 × 16 weights"),
        "{}",
        layer_to_layer[0]
    );
    assert!(
        layer_to_layer[0].contains("style=\"dashed,bold\""),
        "{}",
        layer_to_layer[0]
    );
    // each input: one edge to its layer, "to all 16"
    assert_eq!(
        bundles.iter().filter(|l| l.contains("to all 16")).count(),
        2,
        "{text}"
    );
    // no edge from a neuron of layer 1 to one of layer 2 is drawn on its own
    assert!(
        text.lines().filter(|l| l.contains(" -> ")).count() < 60,
        "{text}"
    );
    // the neurons of each hidden layer are tied in their order
    assert_eq!(text.matches("rank=same").count(), 2, "{text}");
    // and it is valid DOT, whose layer clusters hold their 16 neurons
    let p = Picture::parse(&text);
    let sizes: Vec<usize> = p
        .clusters
        .values()
        .filter(|(label, _, _)| label.starts_with("layer"))
        .map(|(_, inside, _)| inside.len())
        .collect();
    assert_eq!(sizes, [16, 16, 1]);
    // it leaves layer 1's box and enters layer 2's
    let cluster = |key: &str| {
        let id = layer_to_layer[0]
            .split(&format!("{key}="))
            .nth(1)
            .and_then(|rest| rest.split([' ', ']']).next())
            .unwrap()
            .trim_matches('"');
        p.clusters[id].0.clone()
    };
    assert_eq!(cluster("ltail"), "layer 1");
    assert_eq!(cluster("lhead"), "layer 2");
}

/// A legend is compact: its entries share one rank, so that in a picture that runs top to
/// bottom it is one row at the top, not a column as tall as the picture's layers.
#[test]
fn legends_are_one_row_top_to_bottom() {
    use gradgraph_nn::{Activation, Mlp};
    let net = Mlp::new(&[2, 3, 1], Activation::TANH, 1).unwrap();
    let g = Graph::new();
    let out = net.forward(&g, &[g.input(0.5), g.input(-0.25)]).unwrap();
    g.backward(out[0]);
    let down = DotOptions::new().rankdir(RankDir::TopToBottom);
    for options in [down.clone(), down.collapse(Collapse::Innermost)] {
        let text = dot::to_dot(&g, &options);
        assert!(text.contains("legend_input"), "{text}");
        assert!(
            !text
                .lines()
                .any(|l| l.trim_start().starts_with("legend_") && l.contains(" -> ")),
            "the legend is chained into a column: {text}"
        );
    }
}

/// Inside each neuron its parameters are tied in their numeric order, the weights in the
/// order of their inputs and then the bias (Graphviz left alone drew XOR's neuron 1.1 as
/// w1.1.2, b1.1, w1.1.1), on top first in a picture that runs left to right and on the left
/// first in one that runs top to bottom.
#[test]
fn a_neurons_parameters_are_drawn_in_numeric_order() {
    use gradgraph_nn::{Activation, Mlp};
    let net = Mlp::new(&[3, 2, 1], Activation::TANH, 1).unwrap();
    let g = Graph::new();
    let x = [g.input(1.0), g.input(0.0), g.input(-1.0)];
    let out = net.forward(&g, &x).unwrap();
    g.backward(out[0]);
    for rankdir in [RankDir::LeftToRight, RankDir::TopToBottom] {
        let text = dot::to_dot(&g, &DotOptions::new().rankdir(rankdir));
        let p = Picture::parse(&text);
        let id = |label: &str| {
            p.nodes
                .keys()
                .find(|id| id.starts_with('n') && p.fields(id)[0] == label)
                .unwrap_or_else(|| panic!("no {label}: {text}"))
                .clone()
        };
        // written in that order (last first top to bottom, where Graphviz puts the first on
        // the right), and Graphviz's crossing reduction cut short so that it keeps it
        let mut order = [id("w1.1.1"), id("w1.1.2"), id("w1.1.3"), id("b1.1")];
        if rankdir == RankDir::TopToBottom {
            order.reverse();
        }
        let place = |id: &String| text.find(&format!("  {id}[")).unwrap();
        assert!(
            order.windows(2).all(|w| place(&w[0]) < place(&w[1])),
            "{text}"
        );
        assert!(text.contains("mclimit=0.01"), "{text}");
        if gradgraph_draw::graphviz_installed() {
            // and Graphviz draws them so: on top first (LR), or on the left first (TB)
            let svg = String::from_utf8(
                dot::render(&g, &DotOptions::new().rankdir(rankdir), dot::Format::Svg).unwrap(),
            )
            .unwrap();
            let at = |label: &str| {
                let i = svg.find(&format!(">{label}</text>")).unwrap();
                let tag = &svg[svg[..i].rfind("<text").unwrap()..i];
                let coordinate = |name: &str| -> f64 {
                    tag.split(&format!(" {name}=\""))
                        .nth(1)
                        .and_then(|rest| rest.split('"').next())
                        .unwrap()
                        .parse()
                        .unwrap()
                };
                match rankdir {
                    RankDir::LeftToRight => coordinate("y"),
                    RankDir::TopToBottom => coordinate("x"),
                }
            };
            let places: Vec<f64> = ["w1.1.1", "w1.1.2", "w1.1.3", "b1.1"]
                .iter()
                .map(|l| at(l))
                .collect();
            assert!(
                places.windows(2).all(|w| w[0] < w[1]),
                "{rankdir:?}: {places:?}"
            );
        }
    }
}

#[test]
fn operands_of_non_commutative_ops_are_named_and_constants_keep_no_gradient() {
    let g = Graph::new();
    let x = g.input(3.0).with_label("x");
    let two = g.constant(2.0);
    let y = x.pow(x) / (x - two);
    g.backward(y);
    let p = Picture::parse(&dot::to_dot(&g, &DotOptions::new()));
    let role = |from: Value, to: Value| {
        text(&p.edge(&format!("n{}", from.index()), &format!("op{}", to.index()))["label"])
    };
    let pow = g.operands(y)[0];
    let sub = g.operands(y)[1];
    assert_eq!(role(pow, y), "numerator");
    assert_eq!(role(sub, y), "denominator");
    assert_eq!(role(x, sub), "from");
    assert_eq!(role(two, sub), "minus");
    // x^x: one edge per operand, base and exponent
    let into_pow: Vec<String> = p
        .edges
        .iter()
        .filter(|(a, b, _)| *a == format!("n{}", x.index()) && *b == format!("op{}", pow.index()))
        .map(|(_, _, attrs)| text(&attrs["label"]))
        .collect();
    assert_eq!(into_pow, ["base", "exponent"]);
    // the constant: "no grad kept", as --trace says, not "grad 0"
    assert_eq!(
        p.fields(&format!("n{}", two.index())).last().unwrap(),
        "no grad kept"
    );
    assert_eq!(two.grad(), 0.0);
}
