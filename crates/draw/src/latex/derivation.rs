//! The backward pass as a LaTeX derivation: an `align*` that first defines each value from
//! its operands (the forward pass), then gives each gradient as the chain rule with its
//! numbers, output first, in the order backward computes them:
//!
//! ```text
//! ∂f/∂w = ∂f/∂u · ∂u/∂w = 0.9151 · 1 = 0.9151
//! ```
//!
//! and, for a value used by several others, the sum of their contributions. It is written
//! from a recorded backward pass ([`Graph::backward_trace`](gradgraph::Graph::backward_trace)),
//! so its numbers are those `gradgraph expr --trace` prints ([`TraceStep::text`]), rounded
//! to [`DEFAULT_DIGITS`] significant digits unless the caller asks for others (trailing
//! zeros dropped, never `-0`).
//!
//! [`TraceStep::text`]: gradgraph::TraceStep::text

use super::{DEFAULT_DIGITS, Document, decimal_comma, rounded, rounded_text};
use crate::Error;
use gradgraph::Op;
use gradgraph::{Trace, TraceStep};
use gradgraph_i18n::Lang;
use std::collections::HashMap;

/// The most backward steps (values the output depends on) a derivation holds: a page of
/// slides holds a dozen rows, and a derivation of a few hundred is no longer read.
pub const MAX_STEPS: usize = 200;

/// The packages a derivation needs.
const PACKAGES: [&str; 1] = [r"\usepackage{amsmath}"];

/// Refuses a derivation of more than [`MAX_STEPS`] steps with [`Error::TooLarge`], before
/// any work: `steps` is the number of values the output depends on (the length of its
/// backward trace).
///
/// # Examples
/// ```
/// use gradgraph_draw::latex::derivation::{self, MAX_STEPS};
/// assert!(derivation::check_size(MAX_STEPS).is_ok());
/// let refused = derivation::check_size(MAX_STEPS + 1).unwrap_err();
/// assert!(refused.to_string().contains("limit of 200"));
/// ```
pub fn check_size(steps: usize) -> Result<(), Error> {
    if steps <= MAX_STEPS {
        return Ok(());
    }
    Err(Error::too_large(
        "derivation",
        format!(
            "the backward pass has {steps} steps, more than the limit of {MAX_STEPS} for a \
             derivation (one or more rows each); derive a smaller graph"
        ),
    ))
}

/// The backward pass recorded in `trace` as a LaTeX derivation: a standalone document or
/// the bare `align*` ([`Document`]). Needs the `amsmath` package.
///
/// Returns [`Error::TooLarge`] for a trace of more than [`MAX_STEPS`] steps.
///
/// # Examples
/// ```
/// use gradgraph_draw::latex::{Document, derivation};
/// let g = gradgraph::Graph::new();
/// let x = g.input(2.0).with_label("x");
/// let w = g.parameter(0.5).with_label("w");
/// let y = (x * w).tanh();
/// let trace = g.backward_trace(y);
/// let tex = derivation::to_latex(&trace, Document::Bare)?;
/// assert!(tex.contains(r"\begin{align*}"));
/// // the forward pass names the product v_{2}; backward sends tanh's derivative to it
/// assert!(tex.contains(r"v_{2} &= x \cdot w = 1"));
/// assert!(tex.contains(r"\frac{\partial f}{\partial w} &= \frac{\partial f}{\partial v_{2}} \cdot \frac{\partial v_{2}}{\partial w}"));
/// # Ok::<(), gradgraph_draw::Error>(())
/// ```
pub fn to_latex(trace: &Trace, document: Document) -> Result<String, Error> {
    to_latex_digits(trace, document, DEFAULT_DIGITS)
}

/// [`to_latex`] with every number rounded to `digits` significant digits ([`rounded`]:
/// trailing zeros dropped, never `-0`).
///
/// # Examples
/// ```
/// use gradgraph_draw::latex::{Document, derivation};
/// let g = gradgraph::Graph::new();
/// let x = g.input(1.5).with_label("x1");
/// let w = g.parameter(-0.8).with_label("w1.1");
/// let y = (x * w).tanh();
/// let tex = derivation::to_latex_digits(&g.backward_trace(y), Document::Bare, 3)?;
/// assert!(tex.contains(r"v_{2} &= x_{1} \cdot w_{1.1} = -1.2"));
/// assert!(tex.contains(r"1 \cdot (1 - \tanh^{2}(v_{2})) = 1 \cdot 0.305 = 0.305"));
/// # Ok::<(), gradgraph_draw::Error>(())
/// ```
pub fn to_latex_digits(trace: &Trace, document: Document, digits: usize) -> Result<String, Error> {
    to_latex_in(trace, document, digits, Lang::En)
}

/// [`to_latex_digits`] in `lang`: the words of the derivation and of its comments, and
/// numbers with a decimal comma in Portuguese (`0{,}9151`). It needs the same packages in
/// every language (the accented letters are in the comments and in `\intertext`, which
/// `pdflatex` reads as UTF-8).
///
/// # Examples
/// ```
/// use gradgraph_draw::latex::{Document, derivation};
/// use gradgraph_i18n::Lang;
/// let g = gradgraph::Graph::new();
/// let x = g.input(1.5).with_label("x1");
/// let w = g.parameter(-0.8).with_label("w1.1");
/// let y = (x * w).tanh();
/// let tex = derivation::to_latex_in(&g.backward_trace(y), Document::Bare, 3, Lang::PtBr)?;
/// assert!(tex.contains("Propagação direta, em $x_{1} = 1{,}5$, $w_{1.1} = -0{,}8$:"));
/// assert!(tex.contains(r"v_{2} &= x_{1} \cdot w_{1.1} = -1{,}2"));
/// assert!(tex.contains("pela regra da cadeia"));
/// # Ok::<(), gradgraph_draw::Error>(())
/// ```
pub fn to_latex_in(
    trace: &Trace,
    document: Document,
    digits: usize,
    lang: Lang,
) -> Result<String, Error> {
    check_size(trace.steps.len())?;
    let output = trace.steps.first().map(|s| s.node);
    let digits_value = digits.clamp(1, 17).to_string();
    let title = format!(
        "{}\n{}",
        lang.text("latex-title", &[]),
        lang.text("latex-title-digits", &[("digits", digits_value.into())])
    );
    Ok(super::document_in(
        document,
        &title,
        &PACKAGES,
        "displaymath",
        &align(trace, output, digits, lang),
        lang,
    ))
}

/// The table of ops' LaTeX in `lang`: the words of its piecewise rules (`\text{ if }`) and
/// the decimal commas of its numbers.
fn op_latex(math: String, lang: Lang) -> String {
    if lang == Lang::En {
        return math;
    }
    let words = math
        .replace(
            r"\text{ if }",
            &format!(r"\text{{{}}}", lang.text("quiz-rule-if", &[])),
        )
        .replace(
            r"\text{, else }",
            &format!(r"\text{{{}}}", lang.text("quiz-rule-else", &[])),
        );
    decimal_comma(&words, lang)
}

/// A factor of a product or a term after the first of a sum: in parentheses when negative.
fn factor(math: String) -> String {
    if math.starts_with('-') {
        format!("({math})")
    } else {
        math
    }
}

/// How the derivation names each value: its label in italics, an unlabelled constant by
/// its value, the unlabelled output `f`, any other value `v_{i}` (`#i` in `--trace`).
struct Names<'t> {
    steps: HashMap<usize, &'t TraceStep>,
    output: Option<usize>,
    /// The output's name, `f` unless a label is `f` too.
    f: String,
    /// Significant digits of every number.
    digits: usize,
    /// The language of the numbers and the words.
    lang: Lang,
}

impl<'t> Names<'t> {
    fn new(trace: &'t Trace, output: Option<usize>, digits: usize, lang: Lang) -> Self {
        let steps: HashMap<usize, &TraceStep> = trace.steps.iter().map(|s| (s.node, s)).collect();
        let f_taken = trace.steps.iter().any(|s| s.label.as_deref() == Some("f"));
        let f = match output.and_then(|o| steps.get(&o)) {
            Some(step) if step.label.is_some() => label(step.label.as_deref().unwrap_or("")),
            Some(step) if f_taken => format!("v_{{{}}}", step.node),
            _ => "f".to_owned(),
        };
        Names {
            steps,
            output,
            f,
            digits,
            lang,
        }
    }

    fn of(&self, i: usize) -> String {
        if Some(i) == self.output {
            return self.f.clone();
        }
        match self.steps.get(&i) {
            Some(step) => match &step.label {
                Some(l) => label(l),
                None if step.op == Op::Const => {
                    decimal_comma(&rounded(step.data, self.digits), self.lang)
                }
                None => format!("v_{{{i}}}"),
            },
            None => format!("v_{{{i}}}"),
        }
    }

    /// How value `i` binds as a term, for the parentheses around it: a number as itself
    /// (`-2` wants them after `·`), any name as one letter.
    fn plain(&self, i: usize) -> String {
        match self.steps.get(&i) {
            Some(step) if step.label.is_none() && step.op == Op::Const => {
                rounded_text(step.data, self.digits)
            }
            _ => "v".to_owned(),
        }
    }

    /// Node `i`'s op applied to its operands, in LaTeX: `x \cdot w`.
    fn formula(&self, step: &TraceStep) -> String {
        let (plain, latex) = self.operands(step);
        let plain: Vec<&str> = plain.iter().map(String::as_str).collect();
        let latex: Vec<&str> = latex.iter().map(String::as_str).collect();
        op_latex(step.op.write_latex(&plain, &latex), self.lang)
    }

    /// The local derivative of node `from` towards its operand `k`, in LaTeX, from the table
    /// of ops: `x` for `∂(x·w)/∂w`, `1 - \tanh^{2}(v_{4})` for a tanh.
    fn local(&self, from: usize, k: usize) -> Option<String> {
        let step = self.steps.get(&from)?;
        let (plain, latex) = self.operands(step);
        let plain: Vec<&str> = plain.iter().map(String::as_str).collect();
        let latex: Vec<&str> = latex.iter().map(String::as_str).collect();
        Some(op_latex(
            step.op.write_derivative_latex(k, &plain, &latex),
            self.lang,
        ))
    }

    /// The operands of `step`, as [`Names::plain`] and as LaTeX.
    fn operands(&self, step: &TraceStep) -> (Vec<String>, Vec<String>) {
        let plain = step.inputs.iter().map(|e| self.plain(e.input)).collect();
        let latex = step.inputs.iter().map(|e| self.of(e.input)).collect();
        (plain, latex)
    }

    /// `∂a/∂b`.
    fn partial(&self, a: usize, b: usize) -> String {
        format!(
            r"\frac{{\partial {}}}{{\partial {}}}",
            self.of(a),
            self.of(b)
        )
    }
}

/// A label in math: a name with its index as a subscript (`w_{1.1.1}`), see
/// [`super::name`].
fn label(l: &str) -> String {
    super::name(l)
}

/// A formula as a factor of a product: in parentheses when it is a sum, a difference, a
/// negation or a piecewise rule.
fn factor_of(math: String) -> String {
    let compound =
        math.starts_with('-') || [" + ", " - ", r"\text{"].iter().any(|op| math.contains(op));
    if compound { format!("({math})") } else { math }
}

/// Terms joined by ` + `, at most three to a row: later rows start `&\quad + `.
fn sum_rows(terms: &[String]) -> String {
    let mut out = String::new();
    for (k, chunk) in terms.chunks(3).enumerate() {
        if k > 0 {
            out.push_str(" \\\\\n  &\\quad + ");
        }
        out.push_str(&chunk.join(" + "));
    }
    out
}

/// The `align*` environment: the forward pass, then the backward pass.
fn align(trace: &Trace, output: Option<usize>, digits: usize, lang: Lang) -> String {
    let names = Names::new(trace, output, digits, lang);
    let num = |x: f64| decimal_comma(&rounded(x, digits), lang);
    let mut rows: Vec<String> = Vec::new();

    // the forward pass, in the order values were computed
    let leaves: Vec<String> = trace
        .steps
        .iter()
        .rev()
        .filter(|s| s.inputs.is_empty() && (s.op != Op::Const || s.label.is_some()))
        .map(|s| format!("${} = {}$", names.of(s.node), num(s.data)))
        .collect();
    let forward = if leaves.is_empty() {
        lang.text("latex-forward", &[])
    } else {
        lang.text("latex-forward-at", &[("values", leaves.join(", ").into())])
    };
    let mut out = String::from("\\begin{align*}\n");
    for step in trace.steps.iter().rev().filter(|s| !s.inputs.is_empty()) {
        rows.push(format!(
            "{} &= {} = {}",
            names.of(step.node),
            names.formula(step),
            num(step.data)
        ));
    }
    // an output that is a leaf has no forward pass (and an intertext needs a row after it)
    if !rows.is_empty() {
        out.push_str(&format!("\\intertext{{\\raggedright {forward}}}\n"));
        out.push_str(&rows.join(" \\\\\n"));
        out.push('\n');
    }
    rows.clear();
    let rule = format!(
        "$\\frac{{\\partial {f}}}{{\\partial v}} = \\sum_u \\frac{{\\partial {f}}}{{\\partial u}} \
         \\cdot \\frac{{\\partial u}}{{\\partial v}}$",
        f = names.f
    );
    out.push_str(&format!(
        "\\intertext{{\\raggedright {}}}\n",
        lang.text("latex-backward", &[("rule", rule.into())])
    ));

    // what each value received, from whom, in the order sent
    struct Share {
        from: usize,
        /// Which operand of `from` the value is.
        k: usize,
        upstream: f64,
        local: f64,
        product: f64,
    }
    let mut received: HashMap<usize, Vec<Share>> = HashMap::new();
    for step in &trace.steps {
        for (k, edge) in step.inputs.iter().enumerate() {
            received.entry(edge.input).or_default().push(Share {
                from: step.node,
                k,
                upstream: step.upstream,
                local: edge.local,
                product: edge.product,
            });
        }
    }
    // `upstream · formula = ` where the local derivative's formula says more than its number
    let formula_of = |s: &Share| {
        names
            .local(s.from, s.k)
            .filter(|formula| *formula != num(s.local) && *formula != factor(num(s.local)))
    };
    let with_formula = |s: &Share| match formula_of(s) {
        Some(formula) => format!(
            r"{} \cdot {} = ",
            factor(num(s.upstream)),
            factor_of(formula)
        ),
        None => String::new(),
    };
    // constants keep no gradient; a constant output still has its `∂f/∂f = 1`
    for step in trace
        .steps
        .iter()
        .filter(|s| s.op != Op::Const || Some(s.node) == output)
    {
        let j = step.node;
        let lhs = names.partial(output.unwrap_or(j), j);
        let total = num(step.upstream);
        let shares = received.get(&j).map(Vec::as_slice).unwrap_or(&[]);
        let row = match shares {
            [] => format!("{lhs} &= {total}"),
            [s] => format!(
                r"{lhs} &= {} \cdot {} = {}{} \cdot {} = {total}",
                names.partial(output.unwrap_or(s.from), s.from),
                names.partial(s.from, j),
                with_formula(s),
                factor(num(s.upstream)),
                factor(num(s.local)),
            ),
            many => {
                let symbols: Vec<String> = many
                    .iter()
                    .map(|s| {
                        format!(
                            r"{} \cdot {}",
                            names.partial(output.unwrap_or(s.from), s.from),
                            names.partial(s.from, j)
                        )
                    })
                    .collect();
                let factors: Vec<String> = many
                    .iter()
                    .map(|s| {
                        format!(
                            r"{} \cdot {}",
                            factor(num(s.upstream)),
                            factor(num(s.local))
                        )
                    })
                    .collect();
                let formulas: Vec<String> = many
                    .iter()
                    .map(|s| {
                        let local = formula_of(s).map_or_else(|| factor(num(s.local)), factor_of);
                        format!(r"{} \cdot {}", factor(num(s.upstream)), local)
                    })
                    .collect();
                let formulas = if many.iter().any(|s| formula_of(s).is_some()) {
                    format!("{} \\\\\n  &= ", sum_rows(&formulas))
                } else {
                    String::new()
                };
                let products: Vec<String> = many
                    .iter()
                    .enumerate()
                    .map(|(k, s)| {
                        if k == 0 {
                            num(s.product)
                        } else {
                            factor(num(s.product))
                        }
                    })
                    .collect();
                format!(
                    "{lhs} &= {} \\\\\n  &= {formulas}{} \\\\\n  &= {} = {total}",
                    sum_rows(&symbols),
                    sum_rows(&factors),
                    sum_rows(&products)
                )
            }
        };
        rows.push(row);
    }
    out.push_str(&rows.join(" \\\\\n"));
    out.push_str("\n\\end{align*}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use gradgraph::Graph;

    #[test]
    fn a_value_used_twice_sums_its_shares() {
        let g = Graph::new();
        let a = g.input(3.0).with_label("a");
        let b = (a * a + a).with_label("b");
        let trace = g.backward_trace(b);
        let tex = to_latex(&trace, Document::Bare).unwrap();
        // a feeds the sum once and the product twice: three terms, 1 + 2a = 7
        assert!(
            tex.contains(
                r"\frac{\partial b}{\partial a} &= \frac{\partial b}{\partial b} \cdot \frac{\partial b}{\partial a} + \frac{\partial b}{\partial v_{1}} \cdot \frac{\partial v_{1}}{\partial a} + "
            ),
            "{tex}"
        );
        assert!(
            tex.contains(r"&= 1 \cdot 1 + 1 \cdot 3 + 1 \cdot 3 \\"),
            "{tex}"
        );
        assert!(tex.contains(r"&= 1 + 3 + 3 = 7"), "{tex}");
        assert!(tex.contains(r"v_{1} &= a \cdot a = 9"), "{tex}");
        assert!(tex.contains(r"b &= v_{1} + a = 12"), "{tex}");
    }

    #[test]
    fn nasty_labels_and_numbers_are_escaped() {
        let g = Graph::new();
        let x = g.input(-1.5e-7).with_label("x_1 50% a&b {}");
        let y = (x * -2.0).exp();
        let tex = to_latex(&g.backward_trace(y), Document::Standalone).unwrap();
        assert!(tex.contains(r"\textit{x\_1 50\% a\&b \{\}}"), "{tex}");
        assert!(tex.contains(r"-1.5 \times 10^{-7}"), "{tex}");
        assert!(tex.contains(r"(-2) \cdot \textit{x\_1"), "{tex}");
        assert!(tex.starts_with("% gradgraph"), "{tex}");
        assert!(tex.contains("\\documentclass{article}"), "{tex}");
        assert!(tex.ends_with("\\end{document}\n"), "{tex}");
    }

    #[test]
    fn every_op_has_a_formula_and_derivatives_in_latex() {
        let names = ["a", "b", "c", "d", "e"];
        for info in gradgraph::OPS.iter().filter(|i| i.arity() > 0) {
            let n = info.arity().min(5);
            let text = info.op.write_latex(&names[..n], &names[..n]);
            assert!(
                text.contains('a') || text.contains('e'),
                "{}: {text}",
                info.name
            );
            for k in 0..n {
                let d = info.op.write_derivative_latex(k, &names[..n], &names[..n]);
                assert!(
                    !d.contains(['$', '?', '·', '−', '²', '√']),
                    "{}: {d}",
                    info.name
                );
            }
        }
        let latex = |op: Op, n: usize| op.write_latex(&names[..n], &names[..n]);
        assert_eq!(latex(Op::AddConst(-0.2), 1), "a - 0.2");
        assert_eq!(
            latex(Op::LeakyRelu(0.01), 1),
            r"\operatorname{leaky\_relu}(a, 0.01)"
        );
        assert_eq!(latex(Op::WeightedSum(2), 5), r"e + a \cdot c + b \cdot d");
    }

    #[test]
    fn a_leaf_or_a_constant_output_has_one_row() {
        let g = Graph::new();
        let x = g.input(2.0).with_label("x");
        let tex = to_latex(&g.backward_trace(x), Document::Bare).unwrap();
        assert!(!tex.contains("Forward pass"), "{tex}");
        assert!(
            tex.contains("\\frac{\\partial x}{\\partial x} &= 1\n\\end{align*}"),
            "{tex}"
        );
        let c = g.constant(3.0);
        let tex = to_latex(&g.backward_trace(c), Document::Bare).unwrap();
        assert!(
            tex.contains("\\frac{\\partial f}{\\partial f} &= 1\n"),
            "{tex}"
        );
    }

    #[test]
    fn too_long_a_pass_is_refused() {
        let g = Graph::new();
        let mut y = g.input(1.0);
        for _ in 0..MAX_STEPS {
            y += 1.0;
        }
        let err = to_latex(&g.backward_trace(y), Document::Bare).unwrap_err();
        assert!(matches!(err, Error::TooLarge { .. }), "{err}");
    }
}
