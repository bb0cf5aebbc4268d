//! The pictures committed in `graphs/` are what the code draws today: the gallery is drawn
//! again and every DOT file compared byte for byte with the committed one.

use crate::common::skipped;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The DOT files under `dir`, as paths relative to it.
fn dot_files(dir: &Path) -> BTreeSet<PathBuf> {
    let mut found = BTreeSet::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        for entry in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "dot") {
                found.insert(path.strip_prefix(dir).expect("inside dir").to_path_buf());
            }
        }
    }
    found
}

#[test]
fn committed_pictures_are_fresh() {
    let committed = Path::new(crate::ROOT).join("graphs");
    let graphviz = gradgraph_draw::graphviz_installed();
    let fresh = gradgraph_course::gallery::files(graphviz).unwrap();
    assert!(fresh.len() >= 4 + 8 + 11);
    let rerun = format!(
        "the pictures in graphs/ are out of date: run `{}` and commit graphs/",
        gradgraph_course::gallery::GALLERY_COMMAND
    );
    let fresh_dots: Vec<(PathBuf, &[u8])> = fresh
        .iter()
        .filter(|(name, _)| name.ends_with(".dot"))
        .map(|(name, bytes)| (PathBuf::from(name), bytes.as_slice()))
        .collect();
    // every committed DOT file is either the gallery's or the tour's XOR net (checked below)
    let mut expected: BTreeSet<PathBuf> = fresh_dots.iter().map(|(name, _)| name.clone()).collect();
    expected.insert(PathBuf::from("xor_net.dot"));
    assert_eq!(dot_files(&committed), expected, "{rerun}");
    for (name, new) in fresh_dots {
        let old = std::fs::read(committed.join(&name)).unwrap();
        assert!(old == new, "{} differs: {rerun}", name.display());
    }
    if !graphviz {
        skipped("SVGs of the gallery: Graphviz `dot` not installed (DOT checked)");
    }
}

/// The trained XOR net's graph, which the tour (`cargo run --release`) writes beside the
/// gallery, is what the XOR experiment trains today.
#[test]
fn committed_xor_net_is_fresh() {
    use gradgraph::Graph;
    use gradgraph_course::experiments::xor;
    use gradgraph_draw::{DotOptions, to_dot};
    let result = xor::run(&xor::Config::default()).unwrap();
    let g = Graph::new();
    let y = result.sample_graph(&g, [1.0, 0.0]).unwrap();
    let fresh = to_dot(&g, &DotOptions::new().ancestors_of(y));
    let committed =
        std::fs::read_to_string(Path::new(crate::ROOT).join("graphs/xor_net.dot")).unwrap();
    assert!(
        committed == fresh,
        "graphs/xor_net.dot is out of date: run `cargo run --release` and commit graphs/"
    );
}

/// Every gradient the tour prints in its tables of the chain rule (`dy/dw`, `dy/dx`,
/// `dJ/dw1`, `dJ/dw2`, to the digits it shows) is in the committed picture it names beside
/// them, on the node of that variable: the tour draws the graph whose numbers it prints.
#[test]
fn the_tour_prints_the_gradients_its_pictures_show() {
    let printed = format!(
        "{:#}",
        gradgraph_course::experiments::chain_rule::run().unwrap()
    );
    let committed = Path::new(crate::ROOT).join("graphs");
    for (factor, picture, variable) in [
        ("dy/dw", "chain.dot", "w"),
        ("dy/dx", "chain.dot", "x"),
        ("dJ/dw1", "two_neurons.dot", "w1"),
        ("dJ/dw2", "two_neurons.dot", "w2"),
    ] {
        // `   dy/dw   f'·g'·h'·x   0.03783   0`: the number by hand is the last but one
        let row = printed
            .lines()
            .find(|line| line.split_whitespace().next() == Some(factor))
            .unwrap_or_else(|| panic!("the tour prints no {factor}: {printed}"));
        let words: Vec<&str> = row.split_whitespace().collect();
        let shown = words[words.len() - 2];
        let dot = std::fs::read_to_string(committed.join(picture)).unwrap();
        // `label="{ w | data 0.500000 | grad 0.0378300 }"`
        let record = format!("label=\"{{ {variable} | data ");
        let node = dot
            .lines()
            .find(|line| line.contains(&record))
            .unwrap_or_else(|| panic!("{picture} has no node {variable}"));
        let grad = node
            .split("| grad ")
            .nth(1)
            .and_then(|rest| rest.split(' ').next())
            .unwrap_or_else(|| panic!("{picture}: {variable} shows no gradient: {node}"));
        assert!(
            grad.starts_with(shown),
            "the tour prints {factor} = {shown}, but {picture} shows grad {grad} on {variable}"
        );
    }
}

/// The committed pictures of graphs that the book and slides show are landscape: wider than
/// tall, as a slide is (the 2-16-16-1 net runs top to bottom, each layer's neurons side by
/// side; the chain, the two neurons and the gradient graph of `expr --grad-graph` left to
/// right).
#[test]
fn committed_pictures_of_graphs_are_landscape() {
    let committed = Path::new(crate::ROOT).join("graphs");
    for name in [
        "neuron.svg",
        "chain.svg",
        "two_neurons.svg",
        "two_neurons_collapsed.svg",
        "mlp_neurons.svg",
        "xor_net.svg",
        "grad_graph.svg",
    ] {
        let svg = std::fs::read_to_string(committed.join(name)).unwrap();
        // `<svg width="2094pt" height="474pt"`
        let size = |key: &str| -> f64 {
            let tag = &svg[svg.find("<svg").expect("an svg element")..];
            tag.split(&format!("{key}=\""))
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .map(|v| v.trim_end_matches("pt"))
                .unwrap_or_else(|| panic!("{name}: no {key}"))
                .parse()
                .unwrap()
        };
        let (width, height) = (size("width"), size("height"));
        assert!(
            width > height,
            "graphs/{name} is {width} × {height}: taller than wide"
        );
    }
}

/// A DOT text with every label's text left out: what the picture is, whatever its words.
fn without_labels(dot: &str) -> String {
    let mut out = String::new();
    let mut rest = dot;
    while let Some(at) = rest.find("label=") {
        out.push_str(&rest[..at + "label=".len()]);
        rest = &rest[at + "label=".len()..];
        let end = if let Some(quoted) = rest.strip_prefix('"') {
            let bytes = quoted.as_bytes();
            let mut end = 0;
            while end < bytes.len()
                && !(bytes[end] == b'"' && (end == 0 || bytes[end - 1] != b'\\'))
            {
                end += 1;
            }
            end + 2
        } else {
            rest.find(|c: char| c == ',' || c == ']' || c.is_whitespace())
                .unwrap_or(rest.len())
        };
        rest = &rest[end.min(rest.len())..];
    }
    out.push_str(rest);
    out
}

/// The gallery in Portuguese (what `gradgraph --lang pt-BR` writes into `graphs/pt-BR/`): the
/// same files as the committed English ones, the same pictures (nodes, edges, colours,
/// clusters), only their words in Portuguese.
#[test]
fn the_gallery_in_portuguese_is_the_same_pictures_in_portuguese_words() {
    use gradgraph_i18n::Lang;
    let english = gradgraph_course::gallery::files_in(false, Lang::En).unwrap();
    assert_eq!(english, gradgraph_course::gallery::files(false).unwrap());
    let portuguese = gradgraph_course::gallery::files_in(false, Lang::PtBr).unwrap();
    let names = |files: &[(String, Vec<u8>)]| -> Vec<String> {
        files.iter().map(|(name, _)| name.clone()).collect()
    };
    assert_eq!(names(&english), names(&portuguese));
    for ((name, en), (_, pt)) in english.iter().zip(&portuguese) {
        let (en, pt) = (
            String::from_utf8(en.clone()).unwrap(),
            String::from_utf8(pt.clone()).unwrap(),
        );
        assert_eq!(without_labels(&en), without_labels(&pt), "{name}");
        let words: &[&str] = if name.contains("frames/") {
            &["retropropagação, passo", "legenda"]
        } else {
            &["valor", "legenda"]
        };
        crate::render::reads_in_portuguese(name, &crate::render::dot_labels(&pt), words);
    }
}
