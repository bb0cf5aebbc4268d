//! How the engine writes maths for people: numbers, an op applied to its operands, and an
//! op's local derivative, in the student's own names.
//!
//! The table of ops ([`OPS`](crate::OPS)) holds each op's form, formula and derivatives as
//! templates over its operands (`tanh($0)`, `1 − tanh²($0)`, `$1` and `$0` for `$0·$1`).
//! Filled in with the names of the operands of a node, they say what the node is and what it
//! sends back, in the words of the expression the student wrote: in `tanh(x*w + b)`, the
//! product's derivative towards `w` is `x`, and tanh's is `1 − tanh²(x·w + b)`, never a fixed
//! letter. Filled in with numbers, they show the arithmetic: `1 − tanh²(0.3)`.
//!
//! ```
//! use gradgraph::{Graph, Op};
//!
//! let g = Graph::new();
//! let x = g.input(1.0).with_label("x");
//! let w = g.parameter(0.5).with_label("w");
//! let b = g.parameter(-0.2).with_label("b");
//! let z = x * w + b;
//! let y = z.tanh();
//! assert_eq!(g.term(z), "x·w + b");
//! assert_eq!(Op::Mul.write_derivative(1, &["x", "w"]), "x");
//! assert_eq!(Op::Tanh.write_derivative(0, &[&g.term(z)]), "1 − tanh²(x·w + b)");
//! assert_eq!(Op::Tanh.write_derivative(0, &["0.3"]), "1 − tanh²(0.3)");
//! assert_eq!(g.term(y), "tanh(x·w + b)");
//! ```

use crate::graph::Graph;
use crate::ops::Op;
use crate::value::Value;

/// Writes a number in shortest round-trip form: Rust's `{}` (`0.5`, `-3`, `NaN`, `inf`),
/// switching to `{:e}` (`1e-7`, `1.5e300`) below 1e-6 and from 1e21 on, where `{}` would
/// print hundreds of zeros. Either way, parsing the text gives back exactly the same `f64`.
///
/// # Examples
/// ```
/// use gradgraph::format_number;
/// assert_eq!(format_number(0.1 + 0.2), "0.30000000000000004");
/// assert_eq!(format_number(-2.0), "-2");
/// assert_eq!(format_number(1e-300), "1e-300");
/// assert_eq!(format_number(f64::NAN), "NaN");
/// ```
pub fn format_number(x: f64) -> String {
    let a = x.abs();
    if a == 0.0 || !a.is_finite() || (1e-6..1e21).contains(&a) {
        format!("{x}")
    } else {
        format!("{x:e}")
    }
}

/// The longest term [`Graph::term`] writes out; a longer sub-expression is named by its node.
const LONGEST_TERM: usize = 32;

/// How many operations down [`Graph::term`] looks (a longer term would not fit anyway).
const TERM_DEPTH: usize = 6;

/// How tightly a written term binds, from its operators outside parentheses: 1 for a sum
/// or difference, 2 for a product or quotient, 3 for a leading minus, 4 for a power, 9 for
/// a name, a number or a function call (0 for a piecewise text, `1 if x > 0, else 0`).
fn binding(text: &str) -> u8 {
    let mut depth = 0usize;
    let mut found = 9;
    for (at, ch) in text.char_indices() {
        match ch {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            ',' => return 0,
            '+' | '−' | '-' if at > 0 && text[..at].ends_with(' ') => found = found.min(1),
            '·' | '/' => found = found.min(2),
            '−' | '-' if at == 0 => found = found.min(3),
            '^' => found = found.min(4),
            _ => {}
        }
    }
    found
}

/// One part of a filled-in template: the template's own text, or what stands for a `$`.
enum Piece<'t> {
    /// Text of the template.
    Text(&'t str),
    /// Operand `k` (`None` for a number: `$c`, `$d`), written `text`, in parentheses or not.
    Term {
        k: Option<usize>,
        text: String,
        wrap: bool,
    },
}

/// Fills in `template`: `$0`…`$9` with `operands`, `$c` with `param`, `$d` with `param − 1`.
/// An operand is put in parentheses where the operators beside it in the template bind
/// tighter than its own (`(x + 1)·w`, `(x·w)^2`, `a − (b − c)`).
fn fill<'t>(template: &'t str, operands: &[&str], param: Option<f64>) -> Vec<Piece<'t>> {
    let mut pieces = Vec::new();
    let mut before = String::new();
    let mut rest = template;
    while let Some(at) = rest.find('$') {
        let text = &rest[..at];
        let key = rest[at + 1..].chars().next().unwrap_or(' ');
        rest = &rest[(at + 1 + key.len_utf8()).min(rest.len())..];
        // `x^1` is written `x`
        if key == 'd' && param == Some(2.0) {
            pieces.push(Piece::Text(text.strip_suffix('^').unwrap_or(text)));
            continue;
        }
        before.push_str(text);
        let (k, term) = match key {
            'c' => (None, param.map(format_number).unwrap_or_default()),
            'd' => (
                None,
                param.map(|p| format_number(p - 1.0)).unwrap_or_default(),
            ),
            k => {
                let k = k.to_digit(10).map(|k| k as usize);
                let term = k.and_then(|k| operands.get(k)).copied().unwrap_or("?");
                (k, term.to_owned())
            }
        };
        let wrap = needs_parentheses(binding(&term), &before, rest);
        before.push_str(&term);
        pieces.push(Piece::Text(text));
        pieces.push(Piece::Term {
            k,
            text: term,
            wrap,
        });
    }
    pieces.push(Piece::Text(rest));
    pieces
}

/// The pieces as plain text.
fn plain(pieces: &[Piece<'_>]) -> String {
    let mut out = String::new();
    for piece in pieces {
        match piece {
            Piece::Text(text) => out.push_str(text),
            Piece::Term {
                text, wrap: true, ..
            } => out.push_str(&format!("({text})")),
            Piece::Term { text, .. } => out.push_str(text),
        }
    }
    out
}

/// Whether a term that binds as tightly as `binds` ([`binding`]) needs parentheses between
/// the template's text `before` and `after` it.
fn needs_parentheses(binds: u8, before: &str, after: &str) -> bool {
    let enclosed = before.ends_with(['(', '|']) && after.starts_with([')', ',', '|']);
    if enclosed || binds == 9 || (before.is_empty() && after.is_empty()) {
        return false;
    }
    let minus = binds == 3;
    if after.starts_with(['^', '²']) || before.ends_with(['^', '√', '−']) {
        true // a power's base or exponent, a root, a negation: anything but a name or a number
    } else if before.ends_with('/') {
        binds <= 2 || minus // the right side of a quotient
    } else if before.ends_with('·') || after.starts_with(['·', '/']) {
        binds < 2 || minus
    } else if before.ends_with("− ") {
        binds <= 1 || minus // the right side of a difference
    } else if before.ends_with("+ ") || after.starts_with(" + ") || after.starts_with(" − ") {
        binds < 1 || minus && !before.is_empty()
    } else {
        binds == 0
    }
}

/// Which text of an op: how it is written, its formula, or its derivative towards operand
/// `k`.
#[derive(Clone, Copy)]
enum Which {
    Form,
    Formula,
    Derivative(usize),
}

impl Op {
    /// The templates that make `which` text of this op with `n` operands, joined one after
    /// the other: one for most ops, one a term for sums. Each comes with the operands its
    /// `$0`, `$1`… stand for (indices among the node's operands) and its `$c`.
    fn templates(self, which: Which, n: usize) -> Vec<(&'static str, Vec<usize>, Option<f64>)> {
        let all = (0..n).collect();
        match (self, which) {
            (Op::AddConst(c), Which::Form | Which::Formula) if c < 0.0 => {
                vec![("$0 − $c", all, Some(-c))]
            }
            (Op::Sum(_), Which::Form | Which::Formula) => (0..n)
                .map(|k| (if k == 0 { "$0" } else { " + $0" }, vec![k], None))
                .collect(),
            (Op::WeightedSum(_), Which::Form | Which::Formula) => {
                // operands w_0 … w_{m-1}, x_0 … x_{m-1}, b: written b + w_0·x_0 + …
                let m = n / 2;
                let mut terms = vec![("$0", vec![2 * m], None)];
                terms.extend((0..m).map(|k| (" + $0·$1", vec![k, m + k], None)));
                terms
            }
            (Op::Sum(_), Which::Derivative(_)) => vec![("1", vec![], None)],
            (Op::WeightedSum(_), Which::Derivative(k)) => {
                // ∂/∂w_i = x_i, ∂/∂x_i = w_i, ∂/∂b = 1
                let m = n / 2;
                match k {
                    k if k < m => vec![("$0", vec![m + k], None)],
                    k if k < 2 * m => vec![("$0", vec![k - m], None)],
                    _ => vec![("1", vec![], None)],
                }
            }
            (_, Which::Form) => vec![(self.info().form, all, self.param())],
            (_, Which::Formula) => vec![(self.info().formula, all, self.param())],
            (_, Which::Derivative(k)) => {
                let template = self.info().derivatives.get(k).copied().unwrap_or("0");
                vec![(template, all, self.param())]
            }
        }
    }

    /// `which` text: each template filled with `operands`, then written by `write`, given
    /// the pieces and the operands the template's `$0`, `$1`… stand for.
    fn render(
        self,
        which: Which,
        operands: &[&str],
        write: impl Fn(&[Piece<'_>], &[usize]) -> String,
    ) -> String {
        let mut out = String::new();
        for (template, uses, param) in self.templates(which, operands.len()) {
            let terms: Vec<&str> = uses
                .iter()
                .map(|&k| operands.get(k).copied().unwrap_or("?"))
                .collect();
            out.push_str(&write(&fill(template, &terms, param), &uses));
        }
        out
    }

    /// `which` text, with operands written `operands`, as plain text.
    fn text(self, which: Which, operands: &[&str]) -> String {
        self.render(which, operands, |pieces, _| plain(pieces))
    }

    /// `which` text in LaTeX, with operands written `operands` (to decide parentheses) and
    /// `latex` (what is written).
    fn latex(self, which: Which, operands: &[&str], latex: &[&str]) -> String {
        self.render(which, operands, |pieces, uses| {
            to_latex(pieces, |k| uses.get(k).and_then(|&k| latex.get(k)).copied())
        })
    }

    /// This op applied to operands written `operands` (names, sub-expressions or numbers),
    /// as a student writes it, from the table's [`form`](crate::ops::OpInfo::form):
    /// `x·w + b`, `tanh(x·w + b)`, `(a + b)^2`... A constant subtracted reads `x − 2`, and a sum
    /// or a weighted sum lists all its terms.
    ///
    /// # Examples
    /// ```
    /// use gradgraph::Op;
    /// assert_eq!(Op::Mul.write(&["x + 1", "w"]), "(x + 1)·w");
    /// assert_eq!(Op::Sub.write(&["a", "b − c"]), "a − (b − c)");
    /// assert_eq!(Op::AddConst(-2.0).write(&["x"]), "x − 2");
    /// assert_eq!(Op::PowConst(2.0).write(&["x·w"]), "(x·w)^2");
    /// assert_eq!(Op::WeightedSum(2).write(&["w1", "w2", "x1", "x2", "b"]), "b + w1·x1 + w2·x2");
    /// ```
    pub fn write(self, operands: &[&str]) -> String {
        self.text(Which::Form, operands)
    }

    /// This op's formula (its definition) with operands written `operands`: `max(0, x·w)` for
    /// a relu of `x·w`.
    ///
    /// # Examples
    /// ```
    /// use gradgraph::Op;
    /// assert_eq!(Op::Sigmoid.write_formula(&["z"]), "1/(1 + e^(−z))");
    /// ```
    pub fn write_formula(self, operands: &[&str]) -> String {
        self.text(Which::Formula, operands)
    }

    /// The local derivative `∂ out / ∂ operand k`, written with the operands `operands`
    /// (names, sub-expressions or numbers), from the table's
    /// [`derivatives`](crate::ops::OpInfo::derivatives): `x` for `∂(x·w)/∂w`,
    /// `1 − tanh²(x·w + b)` for tanh. [`Op::local_derivative`] computes the same thing.
    ///
    /// # Examples
    /// ```
    /// use gradgraph::Op;
    /// assert_eq!(Op::Div.write_derivative(1, &["a", "b + 1"]), "−a/(b + 1)²");
    /// assert_eq!(Op::PowConst(3.0).write_derivative(0, &["x"]), "3·x^2");
    /// assert_eq!(Op::PowConst(2.0).write_derivative(0, &["x + 1"]), "2·(x + 1)");
    /// assert_eq!(Op::WeightedSum(2).write_derivative(1, &["w1", "w2", "x1", "x2", "b"]), "x2");
    /// ```
    pub fn write_derivative(self, k: usize, operands: &[&str]) -> String {
        self.text(Which::Derivative(k), operands)
    }

    /// [`Op::write`] in LaTeX math: `operands` decide the parentheses as there, `latex`
    /// are the same operands as LaTeX (`w_{1}`, `\textit{bias}`).
    ///
    /// # Examples
    /// ```
    /// use gradgraph::Op;
    /// assert_eq!(Op::Tanh.write_latex(&["z"], &["z"]), r"\tanh(z)");
    /// assert_eq!(Op::Mul.write_latex(&["x + 1", "w"], &["x + 1", "w"]), r"(x + 1) \cdot w");
    /// ```
    pub fn write_latex(self, operands: &[&str], latex: &[&str]) -> String {
        self.latex(Which::Form, operands, latex)
    }

    /// [`Op::write_derivative`] in LaTeX math, as [`Op::write_latex`].
    ///
    /// # Examples
    /// ```
    /// use gradgraph::Op;
    /// assert_eq!(Op::Tanh.write_derivative_latex(0, &["z"], &["z"]), r"1 - \tanh^{2}(z)");
    /// assert_eq!(Op::Exp.write_derivative_latex(0, &["x·w"], &["x w"]), r"e^{(x w)}");
    /// ```
    pub fn write_derivative_latex(self, k: usize, operands: &[&str], latex: &[&str]) -> String {
        self.latex(Which::Derivative(k), operands, latex)
    }
}

/// The LaTeX of the table's words and symbols.
const LATEX: &[(&str, &str)] = &[
    ("tanh²", r"\tanh^{2}"),
    ("tanh", r"\tanh"),
    ("sin", r"\sin"),
    ("cos", r"\cos"),
    ("ln", r"\ln"),
    ("log", r"\log"),
    ("exp", r"\exp"),
    ("max", r"\max"),
    (" if ", r"\text{ if }"),
    (", else ", r"\text{, else }"),
    ("·", r" \cdot "),
    ("−", "-"),
    ("²", "^{2}"),
    ("≥", r" \geq "),
    ("σ", r"\sigma"),
    ("Φ", r"\Phi"),
    ("φ", r"\varphi"),
    ("π", r"\pi"),
    ("…", r"\dots"),
];

/// Filled-in pieces as LaTeX math: the template's text translated ([`LATEX`]; other function
/// names upright), the terms as `latex(k)` gives them (numbers as they are). What follows
/// `^` or `√` is grouped in braces: a term, or a parenthesised part of the template.
fn to_latex<'a>(pieces: &[Piece<'_>], latex: impl Fn(usize) -> Option<&'a str>) -> String {
    let mut out = String::new();
    // a `^` or `√` waiting for its argument; the parentheses that close a braced group
    let mut group = false;
    let mut closes: Vec<usize> = Vec::new();
    let mut depth = 0usize;
    for piece in pieces {
        match piece {
            Piece::Term { k, text, wrap } => {
                let term = k
                    .and_then(&latex)
                    .map_or_else(|| text.replace('−', "-"), str::to_owned);
                let term = if *wrap { format!("({term})") } else { term };
                if std::mem::take(&mut group) {
                    out.push_str(&format!("{{{term}}}"));
                } else {
                    out.push_str(&term);
                }
            }
            Piece::Text(text) => {
                let mut rest: &str = text;
                while let Some(ch) = rest.chars().next() {
                    if let Some((from, to)) = LATEX.iter().find(|(from, _)| rest.starts_with(from))
                    {
                        out.push_str(to);
                        rest = &rest[from.len()..];
                        continue;
                    }
                    rest = &rest[ch.len_utf8()..];
                    match ch {
                        '^' => {
                            out.push('^');
                            group = true;
                        }
                        '√' => {
                            out.push_str(r"\sqrt");
                            group = true;
                        }
                        '(' if std::mem::take(&mut group) => {
                            depth += 1;
                            closes.push(depth);
                            out.push_str("{(");
                        }
                        '(' => {
                            depth += 1;
                            out.push('(');
                        }
                        ')' => {
                            out.push(')');
                            if closes.last() == Some(&depth) {
                                closes.pop();
                                out.push('}');
                            }
                            depth = depth.saturating_sub(1);
                        }
                        '|' => out.push_str(r"\lvert "),
                        c if c.is_ascii_alphabetic() || c == '_' => {
                            // a function name of the table, upright
                            let len = rest
                                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                                .unwrap_or(rest.len());
                            let name = format!("{c}{}", &rest[..len]);
                            rest = &rest[len..];
                            if name.len() == 1 {
                                out.push_str(&name);
                            } else {
                                out.push_str(&format!(
                                    r"\operatorname{{{}}}",
                                    name.replace('_', r"\_")
                                ));
                            }
                        }
                        c if std::mem::take(&mut group) => out.push_str(&format!("{{{c}}}")),
                        c => out.push(c),
                    }
                }
            }
        }
    }
    out
}

impl Graph {
    /// How a student would write value `v`: its label (`x`, `w1`), a constant's number, or
    /// its op applied to the terms of its operands (`x·w + b`, `tanh(x·w + b)`); where that
    /// would be longer than a short line, its node: `#4`.
    ///
    /// # Examples
    /// ```
    /// let g = gradgraph::Graph::new();
    /// let x = g.input(2.0).with_label("x");
    /// let y = (x * 3.0 + 1.0).tanh();
    /// assert_eq!(g.term(y), "tanh(3·x + 1)");
    /// ```
    pub fn term(&self, v: Value<'_>) -> String {
        self.check_same(v);
        self.term_within(v, TERM_DEPTH)
    }

    /// [`Graph::term`], looking at most `depth` operations down.
    fn term_within(&self, v: Value<'_>, depth: usize) -> String {
        if let Some(label) = v.label() {
            return label;
        }
        let op = v.op();
        let node = || format!("#{}", v.index());
        match op {
            Op::Const => return format_number(v.data()),
            _ if op.is_leaf() => return node(),
            // too deep, or too many operands, to be written on a short line
            _ if depth == 0 || 3 * op.arity() > LONGEST_TERM => return node(),
            _ => {}
        }
        let operands: Vec<String> = self
            .operands(v)
            .iter()
            .map(|&o| self.operand_term(o, depth - 1))
            .collect();
        let names: Vec<&str> = operands.iter().map(String::as_str).collect();
        let text = op.write(&names);
        if text.chars().count() > LONGEST_TERM {
            node()
        } else {
            text
        }
    }

    /// The term of an operand: one that is long and has operands of its own is named by its
    /// node.
    fn operand_term(&self, v: Value<'_>, depth: usize) -> String {
        let text = self.term_within(v, depth);
        let long = text.chars().count() > LONGEST_TERM / 2;
        if long && v.label().is_none() && v.op().arity() > 1 {
            format!("#{}", v.index())
        } else {
            text
        }
    }
}

/// The local derivative of one node towards one of its operands, written out: what it is the
/// derivative of, its formula in the student's names, the same with the operands' numbers,
/// and its value. Made by [`Graph::local_derivative_texts`].
///
/// Its `Display` joins the parts that differ: `∂(x·w)/∂w = x = 1`,
/// `∂tanh(x·w + b)/∂(x·w + b) = 1 − tanh²(x·w + b) = 1 − tanh²(0.3) = 0.9151369618266292`.
#[derive(Clone, Debug, PartialEq)]
pub struct LocalDerivative {
    /// What it is the derivative of: `∂(x·w)/∂w`.
    pub of: String,
    /// The table's formula in the operands' names: `x`.
    pub formula: String,
    /// The same formula with the operands' values: `1`, `1 − tanh²(0.3)`.
    pub plugged: String,
    /// Its value, as backward computes it.
    pub value: f64,
    /// `value`, written as the caller asked.
    pub written: String,
}

impl LocalDerivative {
    /// `formula = plugged = value`, each part once (`x = 1`, `1 − tanh²(x·w + b) = 1 −
    /// tanh²(0.3) = 0.9151`): the derivative without what it is the derivative of.
    pub fn steps(&self) -> String {
        let mut parts: Vec<&str> = Vec::new();
        for part in [&self.formula, &self.plugged] {
            if parts.last() != Some(&part.as_str()) && self.says_more(part) {
                parts.push(part);
            }
        }
        parts.push(&self.written);
        parts.join(" = ")
    }

    /// The same as short lines, for a picture's label: one line when it is short
    /// (`∂(x·w)/∂w = x = 1`), else what it is the derivative of, then `= formula` and
    /// `= numbers = value`.
    ///
    /// # Examples
    /// ```
    /// use gradgraph::{LocalDerivative, Op};
    /// let d = LocalDerivative::new("y", Op::Tanh, 0, &["z"], &[0.5], 0.5f64.tanh(), |v| format!("{v:.2}"));
    /// assert_eq!(d.unwrap().lines(), ["∂y/∂z", "= 1 − tanh²(z)", "= 1 − tanh²(0.50) = 0.79"]);
    /// ```
    pub fn lines(&self) -> Vec<String> {
        // a short one stays on one line: `∂(x·w)/∂w = x = 1`
        let whole = self.to_string();
        if whole.chars().count() <= 32 {
            return vec![whole];
        }
        let mut lines = vec![self.of.clone()];
        if self.says_more(&self.formula) {
            lines.push(format!("= {}", self.formula));
        }
        let numbers = if self.says_more(&self.plugged) && self.plugged != self.formula {
            format!("= {} = {}", self.plugged, self.written)
        } else {
            format!("= {}", self.written)
        };
        lines.push(numbers);
        lines
    }

    /// Whether `part` says more than the value: it is not just that number, written
    /// another way (`1` beside `1.000`).
    pub fn says_more(&self, part: &str) -> bool {
        part.replace('−', "-").parse::<f64>() != Ok(self.value) && part != self.written
    }
}

impl std::fmt::Display for LocalDerivative {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} = {}", self.of, self.steps())
    }
}

/// `∂` and a term: `∂w`, `∂(x·w)`, `∂tanh(x·w + b)`.
fn partial(term: &str) -> String {
    if binding(term) == 9 {
        format!("∂{term}")
    } else {
        format!("∂({term})")
    }
}

impl Graph {
    /// How the operands of `v` are written, in order: [`Graph::term`] of each, a long one
    /// with operands of its own named by its node (`#4`).
    ///
    /// # Examples
    /// ```
    /// let g = gradgraph::Graph::new();
    /// let (x, w) = (g.input(1.0).with_label("x"), g.parameter(0.5).with_label("w"));
    /// let y = (x * w + 1.0).tanh();
    /// assert_eq!(g.operand_terms(y), ["x·w + 1"]);
    /// ```
    pub fn operand_terms(&self, v: Value<'_>) -> Vec<String> {
        self.check_same(v);
        (self.operands(v).iter())
            .map(|&o| self.operand_term(o, TERM_DEPTH))
            .collect()
    }

    /// The local derivative of node `v` towards each of its operands, in order, in the
    /// student's names ([`Graph::operand_terms`]) and with numbers, each number written by
    /// `number` (for example [`format_number`], or a rounding of the caller's). The names
    /// are worked out once for all the operands.
    ///
    /// # Examples
    /// ```
    /// use gradgraph::format_number;
    /// let g = gradgraph::Graph::new();
    /// let x = g.input(1.0).with_label("x");
    /// let w = g.parameter(0.5).with_label("w");
    /// let b = g.parameter(-0.2).with_label("b");
    /// let xw = x * w;
    /// let y = (xw + b).tanh();
    /// let d = g.local_derivative_texts(xw, format_number);
    /// assert_eq!(d[1].to_string(), "∂(x·w)/∂w = x = 1");
    /// let d = g.local_derivative_texts(y, |v| format!("{v:.4}"));
    /// assert_eq!(d[0].to_string(), "∂tanh(x·w + b)/∂(x·w + b) = 1 − tanh²(x·w + b) = 1 − tanh²(0.3000) = 0.9151");
    /// ```
    pub fn local_derivative_texts(
        &self,
        v: Value<'_>,
        number: impl Fn(f64) -> String,
    ) -> Vec<LocalDerivative> {
        let names = self.operand_terms(v);
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let xs: Vec<f64> = self.operands(v).iter().map(|o| o.data()).collect();
        let node = self.term(v);
        (0..names.len())
            .filter_map(|k| LocalDerivative::new(&node, v.op(), k, &names, &xs, v.data(), &number))
            .collect()
    }
}

impl LocalDerivative {
    /// The local derivative of a node written `node`, of op `op`, towards its operand `k`,
    /// where the operands are written `names` and have the values `xs`, and the node has
    /// the value `out`: for callers that name nodes their own way (the quiz's `#4`). `None`
    /// if there is no operand `k`.
    ///
    /// # Examples
    /// ```
    /// use gradgraph::{LocalDerivative, Op};
    /// let d = LocalDerivative::new("#3", Op::Mul, 0, &["x", "w"], &[1.0, 0.5], 0.5, |v| v.to_string());
    /// assert_eq!(d.unwrap().to_string(), "∂#3/∂x = w = 0.5");
    /// ```
    pub fn new(
        node: &str,
        op: Op,
        k: usize,
        names: &[&str],
        xs: &[f64],
        out: f64,
        number: impl Fn(f64) -> String,
    ) -> Option<Self> {
        let operand = names.get(k)?;
        if xs.len() != names.len() || xs.len() != op.arity() {
            return None;
        }
        let numbers: Vec<String> = xs.iter().map(|&x| number(x)).collect();
        let numbers: Vec<&str> = numbers.iter().map(String::as_str).collect();
        let value = op.local_derivative(xs, out, k);
        Some(LocalDerivative {
            of: format!("{}/{}", partial(node), partial(operand)),
            formula: op.write_derivative(k, names),
            plugged: op.write_derivative(k, &numbers),
            value,
            written: number(value),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::OPS;

    #[test]
    fn every_template_names_only_operands_it_has() {
        for info in OPS.iter().filter(|i| !i.op.is_leaf()) {
            let names: Vec<String> = (0..info.op.arity()).map(|k| format!("v{k}")).collect();
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            let texts = std::iter::once(info.op.write(&names))
                .chain(std::iter::once(info.op.write_formula(&names)))
                .chain((0..names.len()).map(|k| info.op.write_derivative(k, &names)));
            for text in texts {
                assert!(!text.contains(['$', '?']), "{}: {text}", info.name);
            }
        }
    }

    #[test]
    fn operands_are_wrapped_only_where_needed() {
        assert_eq!(Op::Add.write(&["x·w", "b"]), "x·w + b");
        assert_eq!(Op::Mul.write(&["x", "-2"]), "x·(-2)");
        assert_eq!(Op::Neg.write(&["x + 1"]), "−(x + 1)");
        assert_eq!(Op::Tanh.write(&["x·w + b"]), "tanh(x·w + b)");
        assert_eq!(Op::Pow.write(&["a", "b + 1"]), "a^(b + 1)");
        assert_eq!(Op::Mul.write_derivative(0, &["x + 1", "w·v"]), "w·v");
        assert_eq!(Op::Exp.write_derivative(0, &["x·w"]), "e^(x·w)");
        assert_eq!(Op::Sqrt.write_derivative(0, &["x"]), "1/(2√x)");
        assert_eq!(Op::Sqrt.write_derivative(0, &["x + 1"]), "1/(2√(x + 1))");
        assert_eq!(
            Op::Relu.write_derivative(0, &["x·w"]),
            "1 if x·w > 0, else 0"
        );
    }
}
