//! Rendering with Graphviz: SVG and PNG of the course's examples, the node limit and the
//! collapsed view, files written whole or not at all, and the message when Graphviz is
//! missing. Tests that need Graphviz's `dot` say so and pass when it is not installed.

use crate::common::{scratch, skipped};

use gradgraph::Graph;
use gradgraph_cli::files::write_atomic;
use gradgraph_draw::Error;
use gradgraph_draw::{self as dot, Collapse, DotOptions, Format};
use std::path::Path;

/// True when `dot` is installed; otherwise prints which test was skipped.
fn graphviz(test: &str) -> bool {
    let installed = dot::graphviz_installed();
    if !installed {
        skipped(&format!("{test}: Graphviz `dot` not installed"));
    }
    installed
}

/// An SVG with Graphviz's text escaping undone (`&#160;` is how it keeps a second space).
/// Writes a picture into `path` as the command line does: only when it was drawn.
fn rendered_into(
    path: &Path,
    picture: Result<impl AsRef<[u8]>, Error>,
) -> Result<(), Box<dyn std::error::Error>> {
    Ok(write_atomic(path, picture?.as_ref())?)
}

fn svg_text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes)
        .expect("SVG is UTF-8")
        .replace("&#160;", " ")
}

#[test]
fn neuron_svg_names_every_node() {
    if !graphviz("neuron_svg_names_every_node") {
        return;
    }
    let g = Graph::new();
    let o = gradgraph_course::examples::neuron(&g);
    g.backward(o);
    let svg = svg_text(dot::render(&g, &DotOptions::new(), Format::Svg).unwrap());
    assert!(svg.contains("<svg"));
    // Graphviz writes each node's id as its <title>
    for id in ["n0", "n1", "n2", "n3", "n4", "n5", "op3", "op4", "op5"] {
        assert!(
            svg.contains(&format!("<title>{id}</title>")),
            "{id} missing"
        );
    }
    for text in [
        ">x<",
        ">w<",
        ">data 0.4621<",
        ">grad 0.7864<",
        ">tanh<",
        ">neuron<",
        ">legend<",
    ] {
        assert!(svg.contains(text), "{text} missing");
    }
}

#[test]
fn png_is_a_png() {
    if !graphviz("png_is_a_png") {
        return;
    }
    let g = Graph::new();
    let y = gradgraph_course::examples::chain(&g);
    g.backward(y);
    let png = dot::render(&g, &DotOptions::new(), Format::Png).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
}

#[test]
fn nasty_labels_render_as_written() {
    if !graphviz("nasty_labels_render_as_written") {
        return;
    }
    for label in [
        "\"quoted\"",
        "back\\slash",
        "{ x | y }",
        "<port>",
        "\\N \\G \\n",
        "&amp; & &lt;",
        "a'b",
        "ŷ ∂J/∂w",
        "in  between",
        "é x",
        "ŷ − y",
        " lead",
        "trail ",
    ] {
        let g = Graph::new();
        let x = g.input(1.0).with_label(label);
        let _y = g.group(label, || (x * 2.0).with_label(label));
        let svg = svg_text(dot::render(&g, &DotOptions::new(), Format::Svg).unwrap());
        let escaped = label
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
            .replace('\'', "&#39;");
        let as_text = format!(">{escaped}<");
        // twice in records, once as the cluster's title
        assert_eq!(svg.matches(&as_text).count(), 3, "{label:?} in\n{svg}");
    }
}

#[test]
fn frames_render_to_svg() {
    if !graphviz("frames_render_to_svg") {
        return;
    }
    let g = Graph::new();
    let j = gradgraph_course::examples::two_neurons(&g);
    let files = dot::frame_files(&g, j, &DotOptions::new(), true).unwrap();
    assert_eq!(files.len(), 40); // 20 DOT + 20 SVG
    let file = |name: &str| {
        let (_, bytes) = files.iter().find(|(n, _)| n == name).unwrap();
        String::from_utf8(bytes.clone()).unwrap()
    };
    let svg = file("frame_000.svg");
    assert!(svg.contains("backward step 1 of 20"));
    assert!(svg.contains("0.5000 × 1.000 = 0.5000")); // d(Σ/2)/dΣ × dJ/dJ
    let last = file("frame_019.svg");
    assert!(last.contains("backward step 20 of 20"));
}

/// A graph of `layers × width` tanh neurons, each layer a group: many values, few groups.
fn wide_net(g: &Graph, layers: usize, width: usize) -> gradgraph::Value<'_> {
    let mut xs: Vec<_> = (0..width).map(|i| g.input(i as f64 * 0.1)).collect();
    for l in 0..layers {
        xs = g.group(&format!("layer {l}"), || {
            (0..width)
                .map(|i| {
                    let ws: Vec<_> = (0..width)
                        .map(|j| g.parameter(((i + j) % 7) as f64 * 0.1 - 0.3))
                        .collect();
                    let b = g.parameter(0.0);
                    g.weighted_sum(&ws, &xs, b)
                        .expect("matching lengths")
                        .tanh()
                })
                .collect()
        });
    }
    g.sum(&xs)
}

#[test]
fn above_the_limit_rendering_is_refused_and_the_collapsed_view_offered() {
    let g = Graph::new();
    let y = wide_net(&g, 5, 20); // 20 inputs + 5 × 20 × (20 w + b + Σ + tanh) + sum
    g.backward(y);
    assert_eq!(g.len(), 20 + 5 * 20 * 23 + 1);
    let options = DotOptions::new();
    let err = dot::render(&g, &options, Format::Svg).unwrap_err();
    assert!(matches!(err, Error::Graphviz(_)));
    let message = err.to_string();
    assert!(message.contains("2321 nodes"), "{message}");
    assert!(message.contains("limit of 2000"), "{message}");
    // 5 layers + 20 inputs + the sum
    assert!(message.contains("collapsed view"), "{message}");
    assert!(message.contains("(26 nodes here"), "{message}");
    // nothing was written for a refused picture
    let dir = scratch("refused");
    let path = dir.join("net.svg");
    assert!(rendered_into(&path, dot::render(&g, &options, Format::Svg)).is_err());
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
    // the collapsed view renders
    let collapsed = options.clone().collapse(true);
    if graphviz("collapsed view render") {
        rendered_into(&path, dot::render(&g, &collapsed, Format::Svg)).unwrap();
        let svg = std::fs::read_to_string(&path).unwrap();
        assert!(svg.contains("layer 4"));
        assert!(svg.contains("460 values"));
    }
    // a raised limit is accepted (checked without running dot on 2,000 nodes)
    let raised = options.max_nodes(5_000);
    assert!(
        !dot::render(&g, &raised, Format::Svg)
            .err()
            .is_some_and(|e| e.to_string().contains("limit"))
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Like [`wide_net`], with each neuron a group inside its layer's group.
fn net_of_neurons(g: &Graph, layers: usize, width: usize) -> gradgraph::Value<'_> {
    let mut xs: Vec<_> = (0..width).map(|i| g.input(i as f64 * 0.1)).collect();
    for l in 0..layers {
        xs = g.group(&format!("layer {}", l + 1), || {
            (0..width)
                .map(|i| {
                    g.group(&format!("neuron {}.{}", l + 1, i + 1), || {
                        let ws: Vec<_> = (0..width)
                            .map(|j| g.parameter(((i + j) % 7) as f64 * 0.1 - 0.3))
                            .collect();
                        let b = g.parameter(0.0);
                        g.weighted_sum(&ws, &xs, b)
                            .expect("matching lengths")
                            .tanh()
                    })
                })
                .collect()
        });
    }
    g.sum(&xs)
}

#[test]
fn above_the_limit_fit_falls_back_to_one_node_per_neuron_then_per_layer() {
    let g = Graph::new();
    let y = net_of_neurons(&g, 3, 10); // 10 inputs + 3 × 10 × (10 w + b + Σ + tanh) + sum
    g.backward(y);
    assert_eq!(g.len(), 10 + 3 * 10 * 13 + 1);
    let options = DotOptions::new().max_nodes(100);
    // the plain render is refused, offering both views with their sizes
    let message = dot::render(&g, &options, Format::Svg)
        .unwrap_err()
        .to_string();
    assert!(message.contains("401 nodes"), "{message}");
    assert!(
        message.contains("one node per innermost group, a neuron (41 nodes here"),
        "{message}"
    );
    assert!(
        message.contains("one node per outermost group, a layer (14 nodes here"),
        "{message}"
    );
    // fit: 30 neurons + 10 inputs + the sum fit in 100
    let fitted = dot::fit(&g, &options).unwrap();
    assert_eq!(fitted.collapse, Collapse::Innermost);
    assert_eq!(dot::picture_size(&g, &fitted), 41);
    // below 41, one node per layer: 3 layers + 10 inputs + the sum
    let fitted = dot::fit(&g, &options.clone().max_nodes(20)).unwrap();
    assert_eq!(fitted.collapse, Collapse::Outermost);
    // below 14 nothing fits: the refusal of the plain picture
    let err = dot::fit(&g, &options.clone().max_nodes(13)).unwrap_err();
    assert!(err.to_string().contains("limit of 13"), "{err}");
    // within the limits nothing changes (a net of 2 × 2 neurons stacks 2 + 2 × 2 × 3 leaves),
    // and an explicit view is never replaced
    let small = Graph::new();
    let _ = net_of_neurons(&small, 2, 2);
    assert_eq!(
        dot::fit(&small, &DotOptions::new()).unwrap(),
        DotOptions::new()
    );
    assert_eq!(
        dot::fit_with_reason(&small, &DotOptions::new()).unwrap().1,
        None
    );
    let layers = options.clone().max_nodes(13).collapse(Collapse::Outermost);
    let message = dot::fit(&g, &layers).unwrap_err().to_string();
    assert!(
        message.starts_with("the collapsed view has 14 nodes"),
        "{message}"
    );
    assert!(message.contains("another collapsed view"), "{message}");

    let fitted = dot::fit(&g, &options).unwrap();
    if graphviz("per-neuron view render") {
        let svg = svg_text(dot::render(&g, &fitted, Format::Svg).unwrap());
        // Graphviz writes each node's and cluster's id as its <title>
        for id in [
            "group1",
            "group12",
            "group32",
            "cluster_0",
            "cluster_11",
            "cluster_22",
        ] {
            assert!(
                svg.contains(&format!("<title>{id}</title>")),
                "{id} missing"
            );
        }
        assert!(svg.contains(">neuron 3.10<"));
        assert!(svg.contains(">layer 2<"));
        assert!(svg.contains(">13 values<"));
        assert!(!svg.contains("<title>n11</title>"), "a weight drawn");
    }
}

/// Within the node limit, a net too tall to read is drawn collapsed all the same: one node
/// per neuron while no layer stacks more than `MAX_NEURONS_STACKED` neurons, else one node
/// per layer; the reason names the heights passed over.
#[test]
fn a_net_too_tall_for_a_screen_is_drawn_one_node_per_neuron_or_per_layer() {
    // 10 inputs, 3 layers of 10 neurons: 340 leaves stacked in full, 10 neurons a layer
    let g = Graph::new();
    let _ = net_of_neurons(&g, 3, 10);
    let (fitted, why) = dot::fit_with_reason(&g, &DotOptions::new()).unwrap();
    assert_eq!(fitted.collapse, Collapse::Innermost);
    let why = why.unwrap();
    assert!(
        why.starts_with("the graph has 401 values; drawn in full it would stack 340 values, about 22,440 pt high: drawn collapsed, one node per neuron (41 nodes)"),
        "{why}"
    );
    // layers of MAX_NEURONS_STACKED + 1 neurons: one node per layer
    let wide = Graph::new();
    let _ = net_of_neurons(&wide, 2, dot::MAX_NEURONS_STACKED + 1);
    let (fitted, why) = dot::fit_with_reason(&wide, &DotOptions::new()).unwrap();
    assert_eq!(fitted.collapse, Collapse::Outermost);
    let why = why.unwrap();
    assert!(
        why.contains("one node per neuron it would stack 17 neurons, about 1,581 pt high"),
        "{why}"
    );
    // a graph without groups is drawn as it is, however tall
    let flat = Graph::new();
    let xs: Vec<_> = (0..100).map(|i| flat.parameter(i as f64)).collect();
    let _ = flat.sum(&xs);
    assert_eq!(
        dot::fit_with_reason(&flat, &DotOptions::new()).unwrap(),
        (DotOptions::new(), None)
    );
}

#[test]
fn without_groups_the_message_says_what_else_to_do() {
    let g = Graph::new();
    let mut y = g.input(1.0);
    for _ in 0..30 {
        y = y.tanh();
    }
    let err = dot::render(&g, &DotOptions::new().max_nodes(10), Format::Svg).unwrap_err();
    let message = err.to_string();
    assert!(message.contains("no groups to collapse"), "{message}");
    assert!(message.contains("ancestors_of"), "{message}");
}

#[test]
fn a_failed_render_leaves_the_old_file() {
    let dir = scratch("keep");
    let path = dir.join("picture.svg");
    std::fs::write(&path, "previous picture").unwrap();
    let g = Graph::new();
    let _ = gradgraph_course::examples::neuron(&g);
    let err = rendered_into(
        &path,
        dot::render(&g, &DotOptions::new().max_nodes(1), Format::Svg),
    );
    assert!(err.is_err());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "previous picture");
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        1,
        "temporary file left"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn unwritable_paths_are_io_errors_naming_the_path() {
    let dir = scratch("io");
    let g = Graph::new();
    let _ = gradgraph_course::examples::neuron(&g);
    let missing = dir.join("no/such/dir/n.dot");
    let text = dot::to_dot(&g, &DotOptions::new());
    let err = write_atomic(&missing, text.as_bytes()).unwrap_err();
    assert!(
        matches!(&err, gradgraph_cli::Error::Io { path, .. } if path == &missing),
        "{err}"
    );
    // a directory in the way: the rename fails, the temporary file is removed
    std::fs::create_dir(dir.join("taken.dot")).unwrap();
    let err = write_atomic(&dir.join("taken.dot"), text.as_bytes()).unwrap_err();
    assert!(matches!(err, gradgraph_cli::Error::Io { .. }));
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["taken.dot"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Run by `missing_graphviz_is_explained` in a child process whose PATH holds no `dot`.
#[test]
fn child_without_graphviz() {
    if std::env::var_os("GRADGRAPH_CHILD_WITHOUT_GRAPHVIZ").is_none() {
        return; // only meaningful in the child process
    }
    assert!(!dot::graphviz_installed());
    let g = Graph::new();
    let _ = gradgraph_course::examples::neuron(&g);
    let err = dot::render(&g, &DotOptions::new(), Format::Svg).unwrap_err();
    let message = err.to_string();
    assert!(matches!(err, Error::Graphviz(_)));
    for hint in [
        "not installed",
        "apt-get install graphviz",
        "brew install graphviz",
        "https://graphviz.org/download/",
    ] {
        assert!(message.contains(hint), "{hint} missing from: {message}");
    }
}

#[test]
fn missing_graphviz_is_explained() {
    // The test binary itself, run again with an empty PATH: `dot` cannot be found.
    let empty = scratch("empty-path");
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["render::child_without_graphviz", "--exact", "--nocapture"])
        .env("PATH", &empty)
        .env("GRADGRAPH_CHILD_WITHOUT_GRAPHVIZ", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("1 passed"), "{stdout}");
    std::fs::remove_dir_all(&empty).unwrap();
}

#[test]
fn html_page_names_each_operand_once() {
    if !graphviz("html_page_names_each_operand_once") {
        return;
    }
    let g = Graph::new();
    let (a, b) = (g.input(1.0).with_label("a"), g.input(2.0).with_label("b"));
    let y = a / b - a;
    g.backward(y);
    let page = dot::html(&g, y, &DotOptions::new()).unwrap();
    // on the picture, one label an operand, with the names of Op::operand_role
    for role in ["numerator", "denominator", "from", "minus"] {
        assert_eq!(
            page.matches(&format!(">{role}</text>")).count(),
            1,
            "{role}"
        );
    }
    // and the same names in the page's data, for its list of steps
    assert!(page.contains(r#""roles":["numerator","denominator"]"#));
    assert!(page.contains(r#""roles":["from","minus"]"#));
}

#[test]
fn html_page_leaves_the_graph_as_it_was_and_refuses_big_pictures() {
    let g = Graph::new();
    let y = gradgraph_course::examples::two_neurons(&g);
    g.backward(y);
    let before: Vec<(f64, f64)> = g.values().map(|v| (v.data(), v.grad())).collect();
    let dir = scratch("html-page");
    let path = dir.join("page.html");
    // refused above the node limit, before anything is written
    let page = dot::html(&g, y, &DotOptions::new().max_nodes(2));
    let err = rendered_into(&path, page).unwrap_err();
    assert!(
        matches!(err.downcast_ref(), Some(Error::Graphviz(_))),
        "{err}"
    );
    assert!(err.to_string().contains("limit of 2"), "{err}");
    assert!(!path.exists());
    if graphviz("html_page_leaves_the_graph_as_it_was_and_refuses_big_pictures") {
        rendered_into(&path, dot::html(&g, y, &DotOptions::new())).unwrap();
        let page = std::fs::read_to_string(&path).unwrap();
        let drawn = (0..g.len())
            .filter(|i| page.contains(&format!("data-node=\"{i}\"")))
            .count();
        assert_eq!(drawn, g.len(), "every value of the example is drawn");
        // the step data: a forward and a backward step per value
        let json = page
            .split("<script type=\"application/json\" id=\"gg-data\">")
            .nth(1)
            .and_then(|rest| rest.split("</script>").next())
            .unwrap();
        let data: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(data["steps"].as_array().unwrap().len(), 2 * g.len());
        assert_eq!(data["forward"], g.len());
    }
    // the trace and the finite differences left the values and gradients as they were
    let after: Vec<(f64, f64)> = g.values().map(|v| (v.data(), v.grad())).collect();
    assert_eq!(before, after);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The words of a DOT picture a person reads: every `label` attribute's text (records split
/// at their fields, Graphviz's escapes undone), one a line.
pub(crate) fn dot_labels(dot: &str) -> String {
    let mut labels = Vec::new();
    let mut rest = dot;
    while let Some(at) = rest.find("label=") {
        rest = &rest[at + "label=".len()..];
        let text = if let Some(quoted) = rest.strip_prefix('"') {
            let mut end = 0;
            let bytes = quoted.as_bytes();
            while end < bytes.len()
                && !(bytes[end] == b'"' && (end == 0 || bytes[end - 1] != b'\\'))
            {
                end += 1;
            }
            quoted[..end].to_owned()
        } else {
            rest.split(|c: char| c == ',' || c == ']' || c.is_whitespace())
                .next()
                .unwrap_or("")
                .to_owned()
        };
        labels.push(
            text.replace("\\n", "\n")
                .replace(['{', '}', '|'], " ")
                .replace("\\ ", " ")
                .replace("&#32;", " ")
                .replace('\\', ""),
        );
    }
    labels.join("\n")
}

/// Checks the words of a picture drawn in Portuguese: every one of `words`, a decimal
/// comma, and no English word.
pub(crate) fn reads_in_portuguese(what: &str, text: &str, words: &[&str]) {
    for word in words {
        assert!(text.contains(word), "{what} lacks {word:?}:\n{text}");
    }
    let bytes = text.as_bytes();
    assert!(
        (1..bytes.len().saturating_sub(1)).any(|k| bytes[k] == b','
            && bytes[k - 1].is_ascii_digit()
            && bytes[k + 1].is_ascii_digit()),
        "{what} has no decimal comma:\n{text}"
    );
    let left = gradgraph_i18n::english_left(text);
    assert!(
        left.is_empty(),
        "{what} has English words {left:?}:\n{text}"
    );
}

#[test]
fn the_pictures_of_expr_read_in_portuguese_under_lang_pt_br() {
    use crate::common::{NEURON, stderr};
    let dir = scratch("render-pt");
    let dot_path = dir.join("neuron.dot");
    let svg_path = dir.join("neuron.svg");
    let png_path = dir.join("neuron.png");
    let frames = dir.join("frames");
    let graphviz = graphviz("the_pictures_of_expr_read_in_portuguese_under_lang_pt_br (SVG, PNG)");
    let mut args: Vec<&str> = vec!["--lang", "pt-BR"];
    args.extend(NEURON);
    args.extend(["--dot", dot_path.to_str().unwrap()]);
    if graphviz {
        args.extend(["--svg", svg_path.to_str().unwrap()]);
        args.extend(["--png", png_path.to_str().unwrap()]);
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gradgraph"))
        .args(&args)
        .output()
        .expect("the gradgraph binary runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let dot = std::fs::read_to_string(&dot_path).unwrap();
    // o = tanh(0.3) = 0.2913, do/dw = (1 - o²) x = 0.9151
    assert!(dot.contains("valor 0,2913 | grad 1,000"), "{dot}");
    assert!(
        dot.contains("rankdir=LR") && dot.contains("fillcolor=\"#c7f0c2\""),
        "{dot}"
    );
    reads_in_portuguese(
        "expr's DOT picture",
        &dot_labels(&dot),
        &[
            "valor 0,5000",
            "legenda",
            "entrada",
            "intermediário",
            "saída",
            "operação",
        ],
    );
    // the same picture in English, unchanged
    let mut english: Vec<&str> = NEURON.to_vec();
    let en_path = dir.join("en.dot");
    english.extend(["--dot", en_path.to_str().unwrap()]);
    let out = crate::common::gradgraph(&english);
    assert!(out.status.success(), "{}", stderr(&out));
    let en = std::fs::read_to_string(&en_path).unwrap();
    assert!(
        en.contains("data 0.2913 | grad 1.000") && en.contains("label=\"legend\""),
        "{en}"
    );
    if graphviz {
        let svg = svg_text(std::fs::read(&svg_path).unwrap());
        for text in [
            ">valor 0,2913<",
            ">legenda<",
            ">intermediário<",
            ">operação<",
        ] {
            assert!(svg.contains(text), "{text} missing from the SVG");
        }
        assert!(std::fs::read(&png_path).unwrap().starts_with(b"\x89PNG"));
    }
    // the backward pass frame by frame: their titles and legends
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gradgraph"))
        .args(["--lang", "pt-BR"])
        .args(NEURON)
        .args(["--frames", frames.to_str().unwrap()])
        .output()
        .expect("the gradgraph binary runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let first = std::fs::read_to_string(frames.join("frame_000.dot")).unwrap();
    reads_in_portuguese(
        "a backward frame",
        &dot_labels(&first),
        &[
            "retropropagação, passo 1 de",
            "envia derivada local × gradiente que chega",
            "em processamento",
            "arestas cinza",
        ],
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_collapsed_view_and_a_net_read_in_portuguese() {
    use gradgraph_i18n::Lang;
    let g = Graph::new();
    let net = gradgraph_nn::Mlp::builder(&[2, 3, 1])
        .seed(1)
        .build()
        .unwrap();
    let x = [
        g.input(0.5).with_label("x1"),
        g.input(-0.25).with_label("x2"),
    ];
    let y = net.forward(&g, &x).unwrap()[0];
    g.backward(y);
    let full = dot::to_dot(&g, &DotOptions::new().lang(Lang::PtBr));
    reads_in_portuguese(
        "a net's picture",
        &dot_labels(&full),
        &["camada", "neurônio 1", "valor 0,5000", "legenda"],
    );
    for level in [Collapse::Innermost, Collapse::Outermost] {
        let collapsed = dot::to_dot(&g, &DotOptions::new().collapse(level).lang(Lang::PtBr));
        let words: &[&str] = match level {
            Collapse::Innermost => &["neurônio 1", "valores", "valor ", "grupo (recolhido)"],
            _ => &["camada", "valores", "grupo (recolhido)", "valor 0,5000"],
        };
        reads_in_portuguese("a collapsed net", &dot_labels(&collapsed), words);
    }
    // a wide net: the edges between two layers drawn as one, saying what it stands for
    let wide = Graph::new();
    let net = gradgraph_nn::Mlp::builder(&[2, 16, 16, 1])
        .seed(1)
        .build()
        .unwrap();
    let x = [wide.input(0.5), wide.input(-0.25)];
    let y = net.forward(&wide, &x).unwrap()[0];
    wide.backward(y);
    let collapsed = dot::to_dot(
        &wide,
        &DotOptions::new()
            .collapse(Collapse::Innermost)
            .lang(Lang::PtBr),
    );
    reads_in_portuguese(
        "a wide collapsed net",
        &dot_labels(&collapsed),
        &[
            "todos os 16 × 16 pesos",
            "camada 1 → camada 2",
            "256 arestas",
            "neurônio 2.16",
        ],
    );
    // English by default, as before
    let english = dot::to_dot(&g, &DotOptions::new());
    assert_eq!(english, dot::to_dot(&g, &DotOptions::new().lang(Lang::En)));
    assert!(english.contains("label=\"layer 1\""), "{english}");
    assert!(full.contains("label=\"camada 1\""), "{full}");
}

#[test]
fn why_a_picture_was_collapsed_is_said_in_portuguese() {
    use gradgraph_i18n::Lang;
    let g = Graph::new();
    let x = g.input(1.0);
    let ys: Vec<_> = (0..30)
        .map(|j| {
            g.group(&format!("neuron {j}"), || {
                (x * g.parameter(0.1 * j as f64)).tanh()
            })
        })
        .collect();
    let _out = g.sum(&ys);
    let (_, english) = dot::fit_with_reason(&g, &DotOptions::new()).unwrap();
    let english = english.unwrap();
    assert!(
        english
            == "the graph has 92 values; drawn in full it would stack 31 values, about 2,046 pt \
                high; one node per neuron it would stack 30 neurons, about 2,790 pt high: drawn \
                collapsed, one node per layer (32 nodes)",
        "{english}"
    );
    let (fitted, why) = dot::fit_with_reason(&g, &DotOptions::new().lang(Lang::PtBr)).unwrap();
    assert_eq!(fitted.collapse, Collapse::Outermost);
    let why = why.unwrap();
    for words in [
        "o grafo tem 92 valores",
        "desenhado por inteiro, empilharia 31 valores, com cerca de 2.046 pt de altura",
        "com um nó por neurônio, empilharia 30 neurônios",
        "desenhado recolhido, um nó por camada (32 nós)",
    ] {
        assert!(why.contains(words), "{words:?}: {why}");
    }
    assert!(gradgraph_i18n::english_left(&why).is_empty(), "{why}");
}
