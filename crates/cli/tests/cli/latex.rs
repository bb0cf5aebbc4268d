//! LaTeX for slides: `--tikz` (the graph as a TikZ picture at Graphviz's positions) and
//! `--latex` (the backward pass as an `align*` derivation), through the library and the
//! binary. Where `pdflatex` is installed every output is compiled, the standalone documents
//! as they are and the bare fragments inside a minimal document; elsewhere that check is
//! skipped with a note (and fails when GRADGRAPH_REQUIRE_LATEX is set, as in CI).

use crate::common::{gradgraph, scratch, skipped, stderr};

use gradgraph::{Graph, Op, Trace};
use gradgraph_draw::latex::{DEFAULT_DIGITS, Document, derivation, rounded};
use gradgraph_draw::{self as dot, DotOptions};
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

const NEURON: [&str; 8] = [
    "expr",
    "tanh(x_1*w + b)",
    "--at",
    "x_1=1",
    "--at",
    "w=0.5",
    "--at",
    "b=-0.2",
];

fn arg(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

/// A graph whose labels hold every character LaTeX treats specially.
fn nasty(g: &Graph) -> gradgraph::Value<'_> {
    let x = g.input(1.5).with_label("x_1");
    let p = g.parameter(-0.5).with_label("50%");
    let q = g.parameter(2.0).with_label("a&b");
    let r = g.parameter(0.25).with_label("{}");
    let s = g.parameter(3.0).with_label(r"#$^~\ ŷ Σ");
    let u = (x * p + q * x).with_label("u");
    (u.tanh() * r + s.powf(2.0) - x).with_label("L")
}

/// A number as the derivation prints it: to 4 significant digits, in math.
fn num(x: f64) -> String {
    rounded(x, DEFAULT_DIGITS)
}

fn graphviz(test: &str) -> bool {
    let installed = dot::graphviz_installed();
    if !installed {
        skipped(&format!(
            "{test}: Graphviz's `dot` is not installed (apt-get install graphviz)"
        ));
    }
    installed
}

/// True when `pdflatex` and the packages the documents use are installed. When they are
/// not, the check is skipped with a note, unless GRADGRAPH_REQUIRE_LATEX is set.
fn latex_installed(test: &str) -> bool {
    let found = |file: &str| {
        Command::new("kpsewhich")
            .arg(file)
            .output()
            .is_ok_and(|out| out.status.success() && !out.stdout.is_empty())
    };
    let pdflatex = Command::new("pdflatex")
        .arg("--version")
        .output()
        .is_ok_and(|out| out.status.success());
    let missing: Vec<&str> = ["tikz.sty", "amsmath.sty", "preview.sty"]
        .into_iter()
        .filter(|f| !pdflatex || !found(f))
        .collect();
    if missing.is_empty() {
        return true;
    }
    let what = format!(
        "{test}: pdflatex or {} is not installed (apt-get install texlive-latex-base \
         texlive-pictures preview-latex-style)",
        missing.join(", ")
    );
    assert!(
        std::env::var_os("GRADGRAPH_REQUIRE_LATEX").is_none(),
        "GRADGRAPH_REQUIRE_LATEX is set: {what}"
    );
    skipped(&what);
    false
}

/// Compiles `tex` (a whole document) with pdflatex in `dir`, failing on any LaTeX error;
/// returns the log.
fn compile(dir: &Path, name: &str, tex: &str) -> String {
    let file = dir.join(format!("{name}.tex"));
    std::fs::write(&file, tex).expect("the document is written");
    let out = Command::new("pdflatex")
        .args([
            "-interaction=nonstopmode",
            "-halt-on-error",
            "-no-shell-escape",
        ])
        .arg(format!("-output-directory={}", dir.display()))
        .arg(&file)
        .output()
        .expect("pdflatex runs");
    let log = std::fs::read_to_string(dir.join(format!("{name}.log"))).unwrap_or_default();
    let errors: Vec<&str> = log.lines().filter(|l| l.starts_with('!')).collect();
    assert!(
        out.status.success() && errors.is_empty(),
        "pdflatex failed on {name}: {errors:?}\n{}\n--- the document:\n{tex}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(
        dir.join(format!("{name}.pdf")).exists(),
        "no PDF for {name}"
    );
    log
}

/// A bare fragment inside the smallest document its header comment asks for.
fn wrapped(fragment: &str) -> String {
    let preamble: Vec<&str> = fragment
        .lines()
        .filter_map(|l| l.strip_prefix("%   "))
        .collect();
    assert!(!preamble.is_empty(), "no packages named:\n{fragment}");
    format!(
        "\\documentclass{{article}}\n{}\n\\begin{{document}}\n{fragment}\\end{{document}}\n",
        preamble.join("\n")
    )
}

/// The names of the nodes and the edges of a DOT text (as `to_dot` prints them), legend
/// included, invisible edges left out.
fn dot_items(dot: &str) -> (Vec<String>, Vec<String>) {
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    for line in dot.lines().map(str::trim) {
        if line.contains("style=invis") {
            continue;
        }
        if let Some((from, rest)) = line.split_once(" -> ") {
            let to = rest.split([' ', '[']).next().unwrap_or("");
            edges.push(format!("{from} -> {to}"));
        } else if let Some((name, _)) = line.split_once('[')
            && !name.contains(' ')
            && !["graph", "node", "edge"].contains(&name)
        {
            nodes.push(name.to_owned());
        }
    }
    (nodes, edges)
}

/// Every row of the derivation carries the trace's numbers: each value's gradient closes its
/// row, and each share sent is written `upstream · local`, with its product.
fn check_numbers(tex: &str, trace: &Trace) {
    let by_node: HashMap<usize, f64> = trace.steps.iter().map(|s| (s.node, s.upstream)).collect();
    let body = tex
        .split_once("\\begin{align*}\n")
        .and_then(|(_, rest)| rest.split_once("\n\\end{align*}"))
        .map(|(body, _)| body)
        .expect("an align*");
    let rows: Vec<&str> = body.split("\\\\\n").collect();
    for step in trace.steps.iter().filter(|s| s.op != Op::Const) {
        let total = format!("= {}", num(by_node[&step.node]));
        assert!(
            rows.iter().any(|r| r.trim_end().ends_with(&total)),
            "no row ends with {total}:\n{tex}"
        );
        for edge in &step.inputs {
            let factor = |x: f64| {
                let n = num(x);
                if n.starts_with('-') {
                    format!("({n})")
                } else {
                    n
                }
            };
            let share = format!("{} \\cdot {}", factor(step.upstream), factor(edge.local));
            assert!(tex.contains(&share), "no share {share}:\n{tex}");
            assert!(
                tex.contains(&num(edge.product)),
                "no product {}:\n{tex}",
                edge.product
            );
        }
    }
}

#[test]
fn the_derivation_has_the_traces_numbers_and_escapes_every_label() {
    let g = Graph::new();
    let y = nasty(&g);
    let trace = g.backward_trace(y);
    let tex = derivation::to_latex(&trace, Document::Bare).unwrap();
    check_numbers(&tex, &trace);
    for escaped in [
        "x_{1}",
        r"\textit{50\%}",
        r"\textit{a\&b}",
        r"\textit{\{\}}",
        r"\textit{\#\$\textasciicircum{}\textasciitilde{}\textbackslash{} ŷ \ensuremath{\Sigma}}",
    ] {
        assert!(tex.contains(escaped), "{escaped} missing:\n{tex}");
    }
    // x feeds two products and the output: its gradient is a sum of three shares
    let row = tex
        .split("\\\\\n")
        .position(|r| r.starts_with(r"\frac{\partial L}{\partial x_{1}} &="))
        .expect("a row for x_1");
    let rest: Vec<&str> = tex.split("\\\\\n").skip(row).take(3).collect();
    assert_eq!(rest[0].matches(r"\cdot").count(), 3, "{tex}");
    assert!(rest[2].contains(" + "), "{tex}");
}

#[test]
fn the_tikz_picture_draws_every_node_and_edge_with_escaped_labels() {
    if !graphviz("the_tikz_picture_draws_every_node_and_edge_with_escaped_labels") {
        return;
    }
    let g = Graph::new();
    let y = nasty(&g);
    g.backward(y);
    let options = DotOptions::new().edge_labels(true);
    let tex = dot::tikz::tikz(&g, &options, Document::Bare).unwrap();
    let (nodes, edges) = dot_items(&dot::to_dot(&g, &options));
    assert!(nodes.len() > 10 && edges.len() > 10, "{nodes:?} {edges:?}");
    for item in nodes.iter().chain(&edges) {
        assert!(
            tex.lines().any(|l| l == format!("% {item}")),
            "{item} missing:\n{tex}"
        );
    }
    // the records' fields, each escaped; the ops; the operand roles on the edges
    for text in [
        r"{x\textsubscript{1}}",
        r"{50\%}",
        r"{a\&b}",
        r"{\{\}}",
        "{data 1.500}",
        "{grad 1.000}",
        "{tanh}",
        r"{\textsuperscript{2}}",
        r"{from: \ensuremath{\partial} = 1.000}",
        r"{minus: \ensuremath{\partial} = -1.000}",
    ] {
        assert!(tex.contains(text), "{text} missing:\n{tex}");
    }
}

#[test]
fn outputs_compile_with_pdflatex() {
    if !graphviz("outputs_compile_with_pdflatex")
        || !latex_installed("outputs_compile_with_pdflatex")
    {
        return;
    }
    let dir = scratch("latex-compile");
    let g = Graph::new();
    let y = nasty(&g);
    let trace = g.backward_trace(y);
    let options = DotOptions::new().edge_labels(true);
    for (document, name) in [(Document::Standalone, "full"), (Document::Bare, "bare")] {
        let picture = dot::tikz::tikz(&g, &options, document).unwrap();
        let steps = derivation::to_latex(&trace, document).unwrap();
        let (picture, steps) = match document {
            Document::Standalone => (picture, steps),
            Document::Bare => (wrapped(&picture), wrapped(&steps)),
        };
        let log = compile(&dir, &format!("tikz_{name}"), &picture);
        // no font made on the fly as a bitmap: every character in the default fonts
        assert!(!log.contains("mktexpk"), "{log}");
        compile(&dir, &format!("derivation_{name}"), &steps);
    }
    // a net's graph: clusters, the legend, weighted sums (Σ w·x + b)
    let out = gradgraph(&[
        "train",
        "--dataset",
        "xor",
        "--hidden",
        "2",
        "--steps",
        "3",
        "--quiet",
        "--tikz",
        arg(&dir.join("net.tex")),
        "--latex",
        arg(&dir.join("net_steps.tex")),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    for name in ["net", "net_steps"] {
        let tex = std::fs::read_to_string(dir.join(format!("{name}.tex"))).unwrap();
        compile(&dir, &format!("{name}_compiled"), &tex);
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn expr_writes_both_files_and_the_derivation_matches_the_trace() {
    if !graphviz("expr_writes_both_files_and_the_derivation_matches_the_trace") {
        return;
    }
    let dir = scratch("latex-expr");
    let (picture, steps, dot_file) = (dir.join("n.tex"), dir.join("d.tex"), dir.join("n.dot"));
    let out = gradgraph(
        &[
            &NEURON[..],
            &[
                "--tikz",
                arg(&picture),
                "--tikz-bare",
                "--latex",
                arg(&steps),
                "--dot",
                arg(&dot_file),
            ],
        ]
        .concat(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let tikz = std::fs::read_to_string(&picture).unwrap();
    assert!(tikz.starts_with("% gradgraph"), "{tikz}");
    assert!(!tikz.contains("\\documentclass"), "--tikz-bare: {tikz}");
    let (nodes, edges) = dot_items(&std::fs::read_to_string(&dot_file).unwrap());
    for item in nodes.iter().chain(&edges) {
        assert!(tikz.contains(&format!("% {item}\n")), "{item}:\n{tikz}");
    }
    assert!(tikz.contains(r"{x\textsubscript{1}}"), "{tikz}");
    // the derivation is a document, with the numbers of the library's own trace
    let tex = std::fs::read_to_string(&steps).unwrap();
    assert!(tex.contains("\\documentclass{article}"), "{tex}");
    let g = Graph::new();
    let at: HashMap<String, f64> = [("x_1", 1.0), ("w", 0.5), ("b", -0.2)]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
    let (y, _) = gradgraph::expr::parse("tanh(x_1*w + b)")
        .unwrap()
        .build(&g, &at)
        .unwrap();
    check_numbers(&tex, &g.backward_trace(y));
    assert!(
        tex.contains(r"\frac{\partial f}{\partial x_{1}} &= \frac{\partial f}{\partial v_{3}} \cdot \frac{\partial v_{3}}{\partial x_{1}} = 0.9151 \cdot w = 0.9151 \cdot 0.5 = 0.4576"),
        "{tex}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn without_graphviz_the_derivation_is_written_and_the_picture_named() {
    let dir = scratch("latex-no-graphviz");
    let empty = dir.join("empty-path");
    std::fs::create_dir(&empty).unwrap();
    let (picture, steps) = (dir.join("n.tex"), dir.join("d.tex"));
    let out = Command::new(env!("CARGO_BIN_EXE_gradgraph"))
        .args(NEURON)
        .args(["--tikz", arg(&picture), "--latex", arg(&steps)])
        .env("PATH", &empty)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let message = stderr(&out);
    for hint in [
        "--tikz",
        "apt-get install graphviz",
        "brew install graphviz",
    ] {
        assert!(message.contains(hint), "{hint}: {message}");
    }
    // as for --svg: what needs no Graphviz is written, the picture is named as not written
    assert!(message.contains("not written: --tikz"), "{message}");
    assert!(!picture.exists());
    assert!(
        std::fs::read_to_string(&steps)
            .unwrap()
            .contains(r"\begin{align*}")
    );
    std::fs::remove_file(&steps).unwrap();
    // the derivation alone needs no Graphviz
    let out = Command::new(env!("CARGO_BIN_EXE_gradgraph"))
        .args(NEURON)
        .args(["--latex", arg(&steps), "--latex-bare"])
        .env("PATH", &empty)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let tex = std::fs::read_to_string(&steps).unwrap();
    assert!(
        tex.contains("\\begin{align*}") && !tex.contains("\\documentclass"),
        "{tex}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_net_too_big_to_derive_is_refused_before_training() {
    let dir = scratch("latex-too-big");
    let steps = dir.join("d.tex");
    let out = gradgraph(&[
        "train",
        "--dataset",
        "moons",
        "--quiet",
        "--latex",
        arg(&steps),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let message = stderr(&out);
    assert!(message.contains("--latex"), "{message}");
    assert!(message.contains("limit of 200"), "{message}");
    assert!(!message.contains("trained"), "{message}");
    assert!(!steps.exists());
    // a net just under the parameter bound whose graph still has too many steps
    let out = gradgraph(&[
        "train",
        "--dataset",
        "xor",
        "--hidden",
        "12,12",
        "--quiet",
        "--latex",
        arg(&steps),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("limit of 200"), "{}", stderr(&out));
    assert!(!steps.exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_flags_are_refused() {
    let dir = scratch("latex-flags");
    // a bare picture needs a picture
    let out = gradgraph(&[&NEURON[..], &["--tikz-bare"]].concat());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--tikz"), "{}", stderr(&out));
    // another format's name
    let png = dir.join("n.png");
    let out = gradgraph(&[&NEURON[..], &["--latex", arg(&png)]].concat());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("name it .tex"), "{}", stderr(&out));
    // a .tex file for --dot is named for --tikz
    let out = gradgraph(&[&NEURON[..], &["--dot", arg(&dir.join("n.tex"))]].concat());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("use --tikz"), "{}", stderr(&out));
    // a folder that does not exist
    let out = gradgraph(&[&NEURON[..], &["--latex", arg(&dir.join("no/d.tex"))]].concat());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--latex"), "{}", stderr(&out));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The longest run of digits in `text`, and whether it writes a negative zero (`-0` or `−0`
/// not followed by a decimal point or another digit).
fn noise(text: &str) -> (usize, bool) {
    let (mut longest, mut run) = (0, 0);
    for c in text.chars() {
        run = if c.is_ascii_digit() { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let chars: Vec<char> = text.chars().collect();
    let negative_zero = chars.windows(3).any(|w| {
        matches!(w[0], '-' | '−') && w[1] == '0' && !(w[2] == '.' || w[2].is_ascii_digit())
    });
    (longest, negative_zero)
}

#[test]
fn slides_hold_no_float_noise_and_name_indices_as_subscripts() {
    let dir = scratch("latex-digits");
    let neuron = [
        "expr",
        "(tanh(x1*w_1 + b) - y)^2",
        "--at",
        "x1=1.5",
        "--at",
        "w_1=-0.8",
        "--at",
        "b=0.3",
        "--at",
        "y=1",
    ];
    let graphviz = graphviz("slides_hold_no_float_noise_and_name_indices_as_subscripts");
    for digits in [None, Some("2"), Some("6")] {
        let n = digits.map_or(4, |d| d.parse().unwrap());
        let (steps, picture) = (dir.join(format!("d{n}.tex")), dir.join(format!("t{n}.tex")));
        let mut args: Vec<&str> = neuron.to_vec();
        args.extend(["--latex", arg(&steps)]);
        if graphviz {
            args.extend(["--tikz", arg(&picture)]);
        }
        if let Some(d) = digits {
            args.extend(["--digits", d]);
        }
        let out = gradgraph(&args);
        assert!(out.status.success(), "{}", stderr(&out));
        let tex = std::fs::read_to_string(&steps).unwrap();
        let body = tex.split_once("\\begin{document}").expect("a document").1;
        let (longest, negative_zero) = noise(body);
        assert!(longest <= n + 2, "a run of {longest} digits:\n{tex}");
        assert!(!negative_zero, "-0:\n{tex}");
        // v_4 = x1·w_1 = -1.2 exactly on a slide, whatever the float says
        assert!(
            tex.contains(r"v_{4} &= x_{1} \cdot w_{1} = -1.2 \\"),
            "{tex}"
        );
        // the local derivative's formula, then its number
        assert!(tex.contains(r"(1 - \tanh^{2}(v_{5}))"), "{tex}");
        if n == 4 {
            assert!(tex.contains(r"\cdot 0.4869 = -1.671"), "{tex}");
        }
        if n == 2 {
            assert!(tex.contains(r"f &= v_{7}^{2} = 2.9"), "{tex}");
        }
        if graphviz {
            let tikz = std::fs::read_to_string(&picture).unwrap();
            assert!(tikz.contains(r"{\textsuperscript{2}}"), "{tikz}");
            assert!(!tikz.contains(r"\textasciicircum"), "{tikz}");
            assert!(tikz.contains(r"{w\textsubscript{1}}"), "{tikz}");
            let (longest, negative_zero) = noise(tikz.split_once("\\begin{document}").unwrap().1);
            assert!(longest <= n + 2, "a run of {longest} digits:\n{tikz}");
            assert!(!negative_zero, "-0:\n{tikz}");
        }
        if latex_installed("slides_hold_no_float_noise_and_name_indices_as_subscripts") {
            compile(&dir, &format!("d{n}"), &tex);
            if graphviz {
                compile(
                    &dir,
                    &format!("t{n}"),
                    &std::fs::read_to_string(&picture).unwrap(),
                );
            }
        }
    }
    let out = gradgraph(&[&neuron[..], &["--latex", "x.tex", "--digits", "0"]].concat());
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The English words left in a LaTeX text shown in Portuguese, its commands aside (a word
/// with a backslash is no word), and the line the quiz's sheets write to the log.
fn english_in_tex(tex: &str) -> Vec<String> {
    let text: String = tex
        .lines()
        .filter(|l| !l.starts_with("\\typeout{gradgraph graph:"))
        .collect::<Vec<_>>()
        .join("\n");
    gradgraph_i18n::english_left(&text)
}

#[test]
fn the_derivation_in_portuguese_has_decimal_commas_and_compiles() {
    let dir = scratch("latex-pt");
    // expr --latex in Portuguese: the lecture's words, the numbers with decimal commas
    let tex_path = dir.join("neuron-pt.tex");
    let mut args = NEURON.to_vec();
    args.extend(["--latex", arg(&tex_path), "--lang", "pt-BR"]);
    let out = gradgraph(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let tex = std::fs::read_to_string(&tex_path).expect("the derivation");
    for want in [
        "% gradgraph: a retropropagação como uma derivação, primeiro a propagação direta.",
        "% Compile com pdflatex; a página é recortada rente ao conteúdo.",
        r"\intertext{\raggedright Propagação direta, em $x_{1} = 1$, $w = 0{,}5$, $b = -0{,}2$:}",
        r"\intertext{\raggedright Retropropagação, da saída para as entradas, pela regra da cadeia:",
        r"v_{4} &= v_{3} + b = 0{,}3",
        r"= 0{,}9151",
    ] {
        assert!(tex.contains(want), "want {want:?} in\n{tex}");
    }
    let body = tex.split("\\begin{align*}").nth(1).expect("an align*");
    assert!(
        !body
            .chars()
            .zip(body.chars().skip(1))
            .zip(body.chars().skip(2))
            .any(|((a, p), b)| a.is_ascii_digit() && p == '.' && b.is_ascii_digit()),
        "a decimal point left:\n{tex}"
    );
    let left = english_in_tex(&tex);
    assert!(left.is_empty(), "English left: {left:?} in\n{tex}");
    // English is unchanged
    let en_path = dir.join("neuron-en.tex");
    let mut args = NEURON.to_vec();
    args.extend(["--latex", arg(&en_path)]);
    assert_eq!(gradgraph(&args).status.code(), Some(0));
    let en = std::fs::read_to_string(&en_path).unwrap();
    assert!(
        en.contains(
            r"\intertext{\raggedright Forward pass, at $x_{1} = 1$, $w = 0.5$, $b = -0.2$:}"
        ),
        "{en}"
    );
    // a piecewise rule, an index with a point and a bare fragment
    let g = Graph::new();
    let x = g.input(-0.5).with_label("x1.2");
    let w = g.parameter(1.5).with_label("w");
    let y = (x * w).relu() + (x - 0.25).leaky_relu(0.1);
    let bare = derivation::to_latex_in(
        &g.backward_trace(y),
        Document::Bare,
        4,
        gradgraph_i18n::Lang::PtBr,
    )
    .unwrap();
    assert!(bare.contains("x_{1.2}"), "{bare}");
    assert!(bare.contains(r"\text{ se }"), "{bare}");
    assert!(bare.contains(r"\text{, senão }"), "{bare}");
    assert!(
        bare.contains("% Um fragmento para incluir com \\input num documento"),
        "{bare}"
    );
    assert!(
        english_in_tex(&bare).is_empty(),
        "{:?} in {bare}",
        english_in_tex(&bare)
    );
    if latex_installed("the Portuguese derivation") {
        compile(&dir, "neuron-pt", &tex);
        compile(&dir, "bare-pt", &wrapped(&bare));
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_portuguese_worksheet_compiles_with_pdflatex() {
    let dir = scratch("latex-worksheet-pt");
    let sheet = dir.join("sheet");
    let out = gradgraph(&[
        "quiz",
        "tanh(x*w + b) + sigmoid(x)*relu(w - 1) + x^3/w",
        "--at",
        "x=0.5",
        "--at",
        "w=-0.7",
        "--at",
        "b=1.5",
        "--worksheet",
        arg(&sheet),
        "--lang",
        "pt-BR",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for name in ["worksheet", "answers"] {
        let tex = std::fs::read_to_string(sheet.join(format!("{name}.tex"))).unwrap();
        assert!(tex.contains(r"\section*{Retropropagação à mão"), "{tex}");
        assert!(tex.contains(r"\texttt{x} $= 0{,}5$"), "{tex}");
        let left = english_in_tex(&tex);
        assert!(left.is_empty(), "English left in {name}.tex: {left:?}");
        if latex_installed("a Portuguese worksheet") {
            // in the sheet's folder, where its picture is
            let out = Command::new("pdflatex")
                .args([
                    "-interaction=nonstopmode",
                    "-halt-on-error",
                    "-no-shell-escape",
                ])
                .arg(format!("{name}.tex"))
                .current_dir(&sheet)
                .output()
                .expect("pdflatex runs");
            let log =
                std::fs::read_to_string(sheet.join(format!("{name}.log"))).unwrap_or_default();
            let errors: Vec<&str> = log.lines().filter(|l| l.starts_with('!')).collect();
            assert!(
                out.status.success() && errors.is_empty(),
                "pdflatex failed on {name}.tex: {errors:?}\n{}",
                String::from_utf8_lossy(&out.stdout)
            );
            assert!(
                std::fs::read(sheet.join(format!("{name}.pdf")))
                    .unwrap()
                    .starts_with(b"%PDF")
            );
            assert!(
                !log.contains("Missing character"),
                "{name}: a character the font lacks"
            );
        }
    }
    let key = std::fs::read_to_string(sheet.join("answers.tex")).unwrap();
    assert!(
        key.contains(r"\subsection*{Como cada gradiente é calculado}"),
        "{key}"
    );
    assert!(
        key.contains("derivada local") || key.contains(", onde "),
        "{key}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
