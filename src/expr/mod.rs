//! The expression language of `gradgraph expr`: parse `tanh(x*w + b)` once, then build it
//! as scalar values of a [`Graph`], ready for backward.
//!
//! # Grammar
//!
//! ```text
//! sum      = product { ("+" | "-") product }      left-associative: 10-4-3 = 3
//! product  = unary { ("*" | "/") unary }          left-associative: 64/4/2 = 8
//! unary    = "-" unary | power                    -x^2 = -(x^2)
//! power    = primary [ "^" unary ]                right-associative: 2^3^2 = 2^9 = 512
//! primary  = number | variable | call | "(" sum ")"
//! call     = function "(" sum { "," sum } ")"
//! number   = 2 | 0.5 | .5 | 1e-3 | 2.5E+2
//! variable = [A-Za-z_][A-Za-z0-9_]*   (any name that is not a function)
//! ```
//!
//! Whitespace may appear anywhere between tokens. The functions are every unary op of the
//! engine by name, `exp log sqrt sin cos abs erf step sigmoid tanh relu gelu elu silu
//! softplus`, and `leaky_relu(x)` (slope 0.01), `leaky_relu(x, slope)`, `prelu(x, a)`
//! and `pow(x, y)` (the same as `x^y`).
//!
//! # From text to graph
//!
//! Each part of the expression becomes what a student would draw by hand:
//!
//! - a number is a constant node ([`Graph::constant`]), as micrograd draws `Value(2.0)`;
//! - a variable is one leaf ([`Graph::value`], labelled with its name) however often it is
//!   used: `x*x` is one leaf with two edges into `*`, so backward adds both uses, `2x`;
//! - every operator and call is one node: `+` is [`Op::Add`], `tanh(..)` is [`Op::Tanh`], a
//!   unary minus is [`Op::Neg`];
//! - a power whose exponent contains no variable is the constant-exponent op: `x^2` is
//!   [`Op::PowConst`]`(2)`, and `x^(1/2)` is `PowConst(0.5)`: the exponent is evaluated
//!   and folded into the op, so its own nodes are not built. An exponent with a variable,
//!   as in `2^x` or `x^y`, gives the general [`Op::Pow`], which has a gradient for the
//!   exponent too: `d(a^b)/db = ln(a) a^b`;
//! - the slope of `leaky_relu(x, slope)` must be a constant expression, folded the same
//!   way into [`Op::LeakyRelu`]; a slope that should learn is `prelu(x, a)`.
//!
//! The leaves come first, in order of first use, then every other node in the order it is
//! evaluated, as one writes a micrograd script: `tanh(x*w + b)` numbers `x, w, b` 0 to 2 and
//! `*, +, tanh` 3 to 5.
//!
//! The parser keeps its own explicit stacks (shunting-yard) and the parsed expression is a
//! flat list of nodes, operands before results: nothing recurses, so 100,000 nested
//! parentheses, a sum of 100,000 terms or 100,000 unary minuses parse, build and drop in
//! linear time without touching the call stack.
//!
//! # Examples
//!
//! ```
//! # fn main() -> Result<(), gradgraph::Error> {
//! use gradgraph::{expr, Graph};
//! use std::collections::HashMap;
//!
//! let e = expr::parse("tanh(x*w + b)")?;
//! assert_eq!(e.variables(), ["b", "w", "x"]);
//!
//! let at = HashMap::from([("x".to_string(), 1.0), ("w".into(), 0.5), ("b".into(), -0.2)]);
//! let g = Graph::new();
//! let (y, vars) = e.build(&g, &at)?;
//! g.try_backward(y)?;
//!
//! // dy/dw = tanh'(xw + b) · x = (1 - y²) · 1
//! assert_eq!(vars["w"].grad(), 1.0 - y.data() * y.data());
//! # Ok(()) }
//! ```

use crate::error::Error;
use crate::graph::Graph;
use crate::ops::Op;
use crate::value::Value;
use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// The slope of `leaky_relu(x)` when none is given.
pub const DEFAULT_LEAKY_SLOPE: f64 = 0.01;

/// A stretch of the source text, as byte offsets: `start..end`.
///
/// Every node built from an expression remembers the text it came from (see
/// [`Built::span`]), so an error can point at it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    /// The first byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// An expression that could not be parsed: what was wrong and where.
///
/// Its [`Display`](fmt::Display) names the column and draws the expression with a caret
/// under it:
///
/// ```
/// let err = gradgraph::expr::parse("tanh(x*+b)").unwrap_err();
/// assert_eq!(err.column(), 8);
/// assert_eq!(
///     err.to_string(),
///     "expected a number, a variable, a function call or `(` after `*`, found `+` (column 8)\n  \
///      tanh(x*+b)\n         ^"
/// );
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct ParseError {
    message: String,
    column: usize,
    line: String,
    marker: String,
}

impl ParseError {
    fn new(src: &str, at: usize, message: impl Into<String>) -> Self {
        let (line, marker) = underline(src, at, at);
        ParseError {
            message: message.into(),
            column: column_of(src, at),
            line,
            marker,
        }
    }

    /// What was wrong, without the position.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The column of the mistake, counted in characters from 1. The end of the expression is
    /// one column past its last character.
    pub fn column(&self) -> usize {
        self.column
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} (column {})\n  {}\n  {}",
            self.message, self.column, self.line, self.marker
        )
    }
}

impl std::error::Error for ParseError {}

/// A parsed expression, ready to be built into any number of graphs.
///
/// It is a flat list of nodes in which operands come before their results, so building it
/// is one loop and dropping it is one deallocation, however deep the nesting.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    source: String,
    nodes: Vec<Item>,
    names: Vec<String>,
}

/// One node of a parsed expression.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Item {
    kind: Kind,
    span: Span,
    /// The node's value when it contains no variable (used to fold constant exponents).
    constant: Option<f64>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    /// A number literal: a constant node.
    Number(f64),
    /// One occurrence of the variable with this index in `Expr::names`.
    Variable(u32),
    /// An op with one operand (the index of an earlier node).
    Unary(Op, u32),
    /// An op with two operands.
    Binary(Op, u32, u32),
}

/// The functions of the language, their argument names and arities.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Function {
    /// Any one-argument op: `exp(x)`, `tanh(x)`, ...
    Unary(Op),
    /// `leaky_relu(x)` or `leaky_relu(x, slope)`.
    LeakyRelu,
    /// `prelu(x, a)`.
    Prelu,
    /// `pow(x, y)`.
    Pow,
}

/// Every function name, with what it builds.
const FUNCTIONS: [(&str, Function); 18] = [
    ("exp", Function::Unary(Op::Exp)),
    ("log", Function::Unary(Op::Log)),
    ("sqrt", Function::Unary(Op::Sqrt)),
    ("sin", Function::Unary(Op::Sin)),
    ("cos", Function::Unary(Op::Cos)),
    ("abs", Function::Unary(Op::Abs)),
    ("erf", Function::Unary(Op::Erf)),
    ("step", Function::Unary(Op::Step)),
    ("sigmoid", Function::Unary(Op::Sigmoid)),
    ("tanh", Function::Unary(Op::Tanh)),
    ("relu", Function::Unary(Op::Relu)),
    ("gelu", Function::Unary(Op::Gelu)),
    ("elu", Function::Unary(Op::Elu)),
    ("silu", Function::Unary(Op::Silu)),
    ("softplus", Function::Unary(Op::Softplus)),
    ("leaky_relu", Function::LeakyRelu),
    ("prelu", Function::Prelu),
    ("pow", Function::Pow),
];

/// Names people reach for that the language spells differently.
const ALIASES: [(&str, &str); 9] = [
    ("ln", "log"),
    ("power", "pow"),
    ("logistic", "sigmoid"),
    ("heaviside", "step"),
    ("swish", "silu"),
    ("lrelu", "leaky_relu"),
    ("leakyrelu", "leaky_relu"),
    ("leaky", "leaky_relu"),
    ("absolute", "abs"),
];

impl Function {
    fn lookup(name: &str) -> Option<Function> {
        FUNCTIONS.iter().find(|(n, _)| *n == name).map(|&(_, f)| f)
    }

    /// The fewest and the most arguments.
    fn arity(self) -> (usize, usize) {
        match self {
            Function::Unary(_) => (1, 1),
            Function::LeakyRelu => (1, 2),
            Function::Prelu | Function::Pow => (2, 2),
        }
    }

    /// How the call is written, for messages.
    fn signature(self, name: &str) -> String {
        match self {
            Function::Unary(_) => format!("{name}(x)"),
            Function::LeakyRelu => "leaky_relu(x) or leaky_relu(x, slope)".into(),
            Function::Prelu => "prelu(x, a)".into(),
            Function::Pow => "pow(x, y)".into(),
        }
    }
}

/// The names of every function of the language, in the order the documentation lists them.
///
/// # Examples
/// ```
/// assert!(gradgraph::expr::function_names().any(|f| f == "leaky_relu"));
/// ```
pub fn function_names() -> impl Iterator<Item = &'static str> {
    FUNCTIONS.iter().map(|&(n, _)| n)
}

/// True if `name` is a function of the language (`tanh`, `pow`, ...): such a name cannot be
/// a variable.
pub fn is_function_name(name: &str) -> bool {
    Function::lookup(name).is_some()
}

/// True if `name` can be a variable: `[A-Za-z_][A-Za-z0-9_]*` and not a function name.
///
/// # Examples
/// ```
/// use gradgraph::expr::is_variable_name;
/// assert!(is_variable_name("w_1"));
/// assert!(!is_variable_name("1w"));
/// assert!(!is_variable_name("tanh"));
/// ```
pub fn is_variable_name(name: &str) -> bool {
    let mut bytes = name.bytes();
    matches!(bytes.next(), Some(b) if b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && !is_function_name(name)
}

/// The candidate closest to a misspelt `name`, if one is close enough to be a likely typo:
/// equal ignoring case, or (for names of 2 letters or more) within an edit distance of 1,
/// or 2 for names of 5 letters or more.
///
/// # Examples
/// ```
/// use gradgraph::expr::did_you_mean;
/// assert_eq!(did_you_mean("tahn", ["tanh", "relu"]), Some("tanh"));
/// assert_eq!(did_you_mean("X", ["x", "w"]), Some("x"));
/// assert_eq!(did_you_mean("banana", ["x", "w"]), None);
/// ```
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = match name.chars().count() {
        0..=1 => 0,
        2..=4 => 1,
        _ => 2,
    };
    candidates
        .into_iter()
        .filter(|c| *c != name)
        // names whose lengths differ by more than the limit are never that close
        .filter(|c| c.chars().count().abs_diff(name.chars().count()) <= limit)
        .map(|c| {
            let d = if c.eq_ignore_ascii_case(name) {
                0
            } else {
                edit_distance(&name.to_ascii_lowercase(), &c.to_ascii_lowercase())
            };
            (d, c)
        })
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// Edit distance counting an insertion, a deletion, a substitution or a swap of two
/// neighbours (`tahn` → `tanh`) as one edit (optimal string alignment).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let substitution = d[i - 1][j - 1] + usize::from(a[i - 1] != b[j - 1]);
            let mut best = substitution.min(d[i - 1][j] + 1).min(d[i][j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

/// Writes a number in shortest round-trip form: Rust's `{}` (`0.5`, `-3`, `NaN`, `inf`),
/// switching to `{:e}` (`1e-7`, `1.5e300`) below 1e-6 and from 1e21 on, where `{}` would
/// print hundreds of zeros. Either way, parsing the text gives back exactly the same `f64`.
///
/// # Examples
/// ```
/// use gradgraph::expr::format_number;
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

/// The column (from 1, in characters) of byte offset `at`.
fn column_of(src: &str, at: usize) -> usize {
    src[..at.min(src.len())].chars().count() + 1
}

/// The longest source shown whole under an error; longer ones are shown as a window.
const SHOWN: usize = 72;

/// Draws `src` on one line (whitespace shown as spaces) and a marker line with `^` under the
/// bytes `start..end` (one caret if the span is empty). A long expression is cut to a window
/// around the span, with `…` where text was left out.
fn underline(src: &str, start: usize, end: usize) -> (String, String) {
    let chars: Vec<char> = src
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    let from = column_of(src, start) - 1;
    let to = (column_of(src, end) - 1).max(from + 1);
    let (lo, hi) = if chars.len() < SHOWN {
        (0, chars.len())
    } else {
        // some context before the span, and a full window even at the very end
        let lo = from
            .saturating_sub(SHOWN / 3)
            .min(chars.len().saturating_sub(SHOWN));
        (lo, (lo + SHOWN).min(chars.len()))
    };
    let mut line = String::new();
    let mut marker = String::new();
    if lo > 0 {
        line.push('…');
        marker.push(' ');
    }
    line.extend(&chars[lo..hi]);
    if hi < chars.len() {
        line.push('…');
    }
    marker.extend(std::iter::repeat_n(' ', from - lo));
    let carets = to.min(hi.max(from + 1)) - from;
    marker.extend(std::iter::repeat_n('^', carets.max(1)));
    (line, marker)
}

/// Parses an expression.
///
/// Errors name what was wrong and where ([`ParseError::column`]): a character or token out
/// of place, an unclosed or unmatched parenthesis, an unknown function (with the closest
/// name, if one is close), a call with the wrong number of arguments, a `leaky_relu` slope
/// that is not constant, a number too large for an `f64`.
///
/// Runs in **O(n)** time and memory for an expression of `n` bytes, without recursion.
///
/// # Examples
/// ```
/// use gradgraph::expr::parse;
/// assert_eq!(parse("2^3^2").unwrap().eval_constant(), Some(512.0));
/// assert_eq!(parse("-2^2").unwrap().eval_constant(), Some(-4.0));
///
/// let err = parse("tahn(x)").unwrap_err();
/// assert_eq!(err.message(), "unknown function `tahn`; did you mean `tanh`?");
/// assert_eq!(err.column(), 1);
/// ```
pub fn parse(src: &str) -> Result<Expr, ParseError> {
    let tokens = lex(src)?;
    Parser::new(src).run(&tokens)
}

impl Expr {
    /// The text this expression was parsed from.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The distinct variables, sorted by name.
    ///
    /// # Examples
    /// ```
    /// let e = gradgraph::expr::parse("x*x + exp(b) - a").unwrap();
    /// assert_eq!(e.variables(), ["a", "b", "x"]);
    /// ```
    pub fn variables(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.names.iter().map(String::as_str).collect();
        names.sort_unstable();
        names
    }

    /// The value of an expression without variables (`Some(512.0)` for `2^3^2`), computed
    /// with the engine's own op formulas, or `None` if it has a variable.
    pub fn eval_constant(&self) -> Option<f64> {
        self.nodes.last().and_then(|item| item.constant)
    }

    /// How many nodes [`Expr::build`] adds to a graph (each variable counts once).
    ///
    /// # Examples
    /// ```
    /// // x, w, *, b, +, tanh: x and w are one leaf each, the 2 of ^2 is folded into the op
    /// let e = gradgraph::expr::parse("tanh(x*w + b)").unwrap();
    /// assert_eq!(e.node_count(), 6);
    /// assert_eq!(gradgraph::expr::parse("x*x^2").unwrap().node_count(), 3);
    /// ```
    pub fn node_count(&self) -> usize {
        let occurrences = self
            .nodes
            .iter()
            .filter(|item| matches!(item.kind, Kind::Variable(_)))
            .count();
        self.nodes.len() - occurrences + self.names.len()
    }

    /// Builds the expression in `g`, with the variables' values taken from `vars`, and
    /// returns the output value and each variable's leaf, by name.
    ///
    /// Every variable of the expression needs a value in `vars`, else
    /// [`Error::Invalid`] names those missing; values for names the expression does not use
    /// are ignored. See the [module docs](self) for what each part of the expression becomes.
    ///
    /// Computes in **O(n)** time for an expression of `n` nodes.
    ///
    /// # Examples
    /// ```
    /// # fn main() -> Result<(), gradgraph::Error> {
    /// use std::collections::HashMap;
    /// let e = gradgraph::expr::parse("x*x + 3*x")?; // dy/dx = 2x + 3
    /// let g = gradgraph::Graph::new();
    /// let (y, vars) = e.build(&g, &HashMap::from([("x".to_string(), 2.0)]))?;
    /// g.backward(y);
    /// assert_eq!((y.data(), vars["x"].grad()), (10.0, 7.0));
    ///
    /// let err = e.build(&g, &HashMap::new()).unwrap_err();
    /// assert_eq!(err.to_string(), "no value for variable `x`");
    /// # Ok(()) }
    /// ```
    pub fn build<'g>(
        &self,
        g: &'g Graph,
        vars: &HashMap<String, f64>,
    ) -> Result<(Value<'g>, BTreeMap<String, Value<'g>>), Error> {
        let built = self.build_with_spans(g, vars)?;
        Ok((built.output, built.variables))
    }

    /// [`Expr::build`], also remembering which text each new node came from, so that
    /// [`Expr::explain`] can point at it.
    pub fn build_with_spans<'g>(
        &self,
        g: &'g Graph,
        vars: &HashMap<String, f64>,
    ) -> Result<Built<'g>, Error> {
        let data = self.resolve(|name| vars.get(name).copied())?;
        let first = g.len();
        // the leaves first, in order of first use, as one writes `x = Value(1.0)` before
        // using it
        let leaves: Vec<Value<'g>> = data
            .iter()
            .zip(&self.names)
            .map(|(&x, name)| g.value(x).with_label(name))
            .collect();
        let mut spans = self.first_uses();
        spans.reserve(self.nodes.len());
        let output = self.emit(g, &leaves, |span| spans.push(span))?;
        let variables = self.names.iter().cloned().zip(leaves).collect();
        Ok(Built {
            output,
            variables,
            first,
            spans,
        })
    }

    /// Builds the expression on values that already exist: each variable is replaced by the
    /// value `value_of(name)` gives for it, so an expression can extend a graph (a loss
    /// written as text, applied to a net's output). Returns the output.
    ///
    /// Every variable needs a value, else [`Error::Invalid`] names those missing and
    /// nothing is built.
    ///
    /// # Examples
    /// ```
    /// # fn main() -> Result<(), gradgraph::Error> {
    /// use gradgraph::{expr, gradcheck};
    /// let e = expr::parse("sin(x) * exp(-y^2)")?;
    /// // every gradient of the expression against finite differences
    /// let check = gradcheck(
    ///     |g, v| {
    ///         e.apply(g, |name| if name == "x" { Some(v[0]) } else { Some(v[1]) })
    ///             .expect("both variables have a value")
    ///     },
    ///     &[0.3, -0.8],
    /// );
    /// assert!(check.passed(), "{check}");
    /// # Ok(()) }
    /// ```
    pub fn apply<'g>(
        &self,
        g: &'g Graph,
        value_of: impl Fn(&str) -> Option<Value<'g>>,
    ) -> Result<Value<'g>, Error> {
        let leaves = self.resolve(value_of)?;
        self.emit(g, &leaves, |_| {})
    }

    /// What `lookup` gives for each variable, indexed like `names`, or an error naming
    /// (the first few of) those it has nothing for.
    fn resolve<T>(&self, lookup: impl Fn(&str) -> Option<T>) -> Result<Vec<T>, Error> {
        let mut found = Vec::with_capacity(self.names.len());
        let mut missing = Vec::new();
        for name in &self.names {
            match lookup(name) {
                Some(x) => found.push(x),
                None => missing.push(name.as_str()),
            }
        }
        if missing.is_empty() {
            return Ok(found);
        }
        missing.sort_unstable();
        let s = if missing.len() == 1 { "" } else { "s" };
        let mut list: Vec<String> = missing.iter().take(8).map(|n| format!("`{n}`")).collect();
        if missing.len() > 8 {
            list.push(format!("… ({} more)", missing.len() - 8));
        }
        Err(Error::Invalid(format!(
            "no value for variable{s} {}",
            list.join(", ")
        )))
    }

    /// The span of each variable's first use, indexed like `names`.
    fn first_uses(&self) -> Vec<Span> {
        let mut spans: Vec<Option<Span>> = vec![None; self.names.len()];
        for item in &self.nodes {
            if let Kind::Variable(id) = item.kind {
                spans[id as usize].get_or_insert(item.span);
            }
        }
        spans
            .into_iter()
            .map(|s| s.unwrap_or(Span { start: 0, end: 0 }))
            .collect()
    }

    /// Adds the expression's nodes to `g`, with `leaves[id]` for the variable `id`, calling
    /// `record(span)` for each new node in order, and returns the output.
    fn emit<'g>(
        &self,
        g: &'g Graph,
        leaves: &[Value<'g>],
        mut record: impl FnMut(Span),
    ) -> Result<Value<'g>, Error> {
        let mut built: Vec<Value<'g>> = Vec::with_capacity(self.nodes.len());
        for item in &self.nodes {
            let v = match item.kind {
                // every use of a variable is the same leaf: its gradients add up
                Kind::Variable(id) => {
                    built.push(leaves[id as usize]);
                    continue;
                }
                Kind::Number(x) => g.constant(x),
                Kind::Unary(op, a) => g.push(op, &[built[a as usize]]),
                Kind::Binary(op, a, b) => g.push(op, &[built[a as usize], built[b as usize]]),
            };
            record(item.span);
            built.push(v);
        }
        built
            .last()
            .copied()
            .ok_or_else(|| Error::Invalid("the expression is empty".into()))
    }

    /// The source text of `span` (`"log(x)"`).
    pub fn text(&self, span: Span) -> &str {
        self.source.get(span.start..span.end).unwrap_or("")
    }

    /// The expression on one line with `^` under `span`, as two lines indented by two
    /// spaces (the same drawing as a [`ParseError`]'s).
    ///
    /// # Examples
    /// ```
    /// use gradgraph::expr::{parse, Span};
    /// let e = parse("2 * log(x)").unwrap();
    /// assert_eq!(e.point_at(Span { start: 4, end: 10 }), "  2 * log(x)\n      ^^^^^^");
    /// ```
    pub fn point_at(&self, span: Span) -> String {
        let (line, marker) = underline(&self.source, span.start, span.end);
        format!("  {line}\n  {marker}")
    }

    /// A student-readable account of an error from a graph built by
    /// [`Expr::build_with_spans`]: for [`Error::NonFinite`] (from [`Graph::try_backward`]),
    /// which part of the expression produced the NaN or infinity, from which operands, drawn
    /// under the expression; any other error is returned as its message.
    ///
    /// # Examples
    /// ```
    /// # fn main() -> Result<(), gradgraph::Error> {
    /// use std::collections::HashMap;
    /// let e = gradgraph::expr::parse("2 * log(x)")?;
    /// let g = gradgraph::Graph::new();
    /// let built = e.build_with_spans(&g, &HashMap::from([("x".to_string(), -1.0)]))?;
    /// let err = g.try_backward(built.output).unwrap_err();
    /// assert_eq!(
    ///     e.explain(&built, &err),
    ///     "the forward pass produced NaN at node #2 (log): `log(x)` computes log(-1) = NaN\n  \
    ///      2 * log(x)\n      ^^^^^^"
    /// );
    /// # Ok(()) }
    /// ```
    pub fn explain(&self, built: &Built<'_>, error: &Error) -> String {
        let Error::NonFinite { pass, node, detail } = error else {
            return error.to_string();
        };
        let g = built.output.graph();
        let Some(v) = g.get(*node) else {
            return error.to_string();
        };
        let op = v.op();
        let operands = g.operands(v);
        let xs: Vec<f64> = operands.iter().map(|o| o.data()).collect();
        let what = self.describe(built, v);
        let at = format!("node #{node} ({op})");
        let mut message = if *pass == crate::error::Pass::Forward {
            let out = format_number(v.data());
            if op.is_leaf() {
                format!("the forward pass produced {out} at {at}: {what} is {out}")
            } else {
                format!(
                    "the forward pass produced {out} at {at}: {what} computes {} = {out}",
                    application(op, &xs)
                )
            }
        } else {
            // the first operand whose local derivative is not finite (0 × inf is NaN too)
            let culprit = (0..operands.len())
                .map(|k| (k, op.local_derivative(&xs, v.data(), k)))
                .find(|(_, local)| !local.is_finite());
            match culprit {
                Some((k, local)) => format!(
                    "the backward pass produced a non-finite gradient at {at}: the local \
                     derivative of {what} with respect to {} is {} at {}",
                    self.describe(built, operands[k]),
                    format_number(local),
                    application(op, &xs)
                ),
                None => format!(
                    "the backward pass produced a non-finite gradient at {at}: the local \
                     derivative of {what} times the gradient arriving from above overflows \
                     ({detail})"
                ),
            }
        };
        if let Some(span) = built.span(v) {
            message.push('\n');
            message.push_str(&self.point_at(span));
        }
        message
    }

    /// How to name a node in a message: a variable by its name, anything else by its text.
    fn describe(&self, built: &Built<'_>, v: Value<'_>) -> String {
        if let Some(label) = v.label() {
            return format!("`{label}`");
        }
        match built.span(v) {
            Some(span) => {
                let text = self.text(span);
                if text.chars().count() > 40 {
                    let head: String = text.chars().take(37).collect();
                    format!("`{head}…`")
                } else {
                    format!("`{text}`")
                }
            }
            None => format!("node #{}", v.index()),
        }
    }
}

impl fmt::Display for Expr {
    /// The source text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}

/// `op` applied to the numbers `xs`, as a student would write it: `log(-1)`, `1 / 0`,
/// `3 ^ 2`.
fn application(op: Op, xs: &[f64]) -> String {
    let n: Vec<String> = xs.iter().map(|&x| format_number(x)).collect();
    match (op, n.as_slice()) {
        (Op::Add | Op::Sub | Op::Mul | Op::Div | Op::Pow, [a, b]) => {
            let symbol = if op == Op::Pow {
                "^".into()
            } else {
                op.symbol()
            };
            format!("{a} {symbol} {b}")
        }
        (Op::PowConst(p), [a]) => format!("{a} ^ {}", format_number(p)),
        (Op::Neg, [a]) => format!("-({a})"),
        (Op::LeakyRelu(slope), [a]) => format!("leaky_relu({a}, {})", format_number(slope)),
        _ => format!("{op}({})", n.join(", ")),
    }
}

/// An expression built into a graph by [`Expr::build_with_spans`]: its output, its
/// variables, and the text each new node came from.
#[derive(Clone, Debug)]
pub struct Built<'g> {
    /// The value of the whole expression.
    pub output: Value<'g>,
    /// Each variable's leaf, by name (sorted).
    pub variables: BTreeMap<String, Value<'g>>,
    /// The index of the first node built.
    first: usize,
    /// The span of node `first + i`.
    spans: Vec<Span>,
}

impl Built<'_> {
    /// The source text that node `v` was built from (the first occurrence, for a variable),
    /// or `None` if `v` was not built from the expression.
    ///
    /// # Examples
    /// ```
    /// # fn main() -> Result<(), gradgraph::Error> {
    /// use std::collections::HashMap;
    /// let e = gradgraph::expr::parse("2 * (x + 1)")?;
    /// let g = gradgraph::Graph::new();
    /// let built = e.build_with_spans(&g, &HashMap::from([("x".to_string(), 0.5)]))?;
    /// let plus = g.operands(built.output)[1];
    /// assert_eq!(built.span(plus).map(|s| e.text(s)), Some("(x + 1)"));
    /// # Ok(()) }
    /// ```
    pub fn span(&self, v: Value<'_>) -> Option<Span> {
        v.index()
            .checked_sub(self.first)
            .and_then(|i| self.spans.get(i))
            .copied()
    }
}

// ---------------------------------------------------------------------------------------
// Lexer

#[derive(Clone, Copy, Debug, PartialEq)]
enum Tok<'s> {
    Number(f64),
    Name(&'s str),
    Plus,
    Minus,
    Star,
    Slash,
    Caret,
    Open,
    Close,
    Comma,
    End,
}

#[derive(Clone, Copy, Debug)]
struct Token<'s> {
    tok: Tok<'s>,
    span: Span,
}

fn lex(src: &str) -> Result<Vec<Token<'_>>, ParseError> {
    let bytes = src.as_bytes();
    let digits = |mut i: usize| {
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        i
    };
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let b = bytes[i];
        let simple = match b {
            b'+' => Some(Tok::Plus),
            b'-' => Some(Tok::Minus),
            b'*' => Some(Tok::Star),
            b'/' => Some(Tok::Slash),
            b'^' => Some(Tok::Caret),
            b'(' => Some(Tok::Open),
            b')' => Some(Tok::Close),
            b',' => Some(Tok::Comma),
            _ => None,
        };
        let tok = if let Some(tok) = simple {
            i += 1;
            tok
        } else if b.is_ascii_digit()
            || (b == b'.' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
        {
            // digits [. digits] [e [+-] digits]
            i = digits(i);
            if bytes.get(i) == Some(&b'.') {
                i = digits(i + 1);
            }
            if matches!(bytes.get(i), Some(b'e' | b'E')) {
                let mut j = i + 1;
                if matches!(bytes.get(j), Some(b'+' | b'-')) {
                    j += 1;
                }
                if !bytes.get(j).is_some_and(u8::is_ascii_digit) {
                    let text = &src[start..j];
                    return Err(ParseError::new(
                        src,
                        start,
                        format!(
                            "malformed number `{text}`: the exponent needs digits, as in 1e-3 \
                             or 2.5E+2"
                        ),
                    ));
                }
                i = digits(j);
            }
            let text = &src[start..i];
            let x: f64 = text
                .parse()
                .map_err(|_| ParseError::new(src, start, format!("malformed number `{text}`")))?;
            if !x.is_finite() {
                return Err(ParseError::new(
                    src,
                    start,
                    format!("the number `{text}` is too large for a 64-bit float"),
                ));
            }
            Tok::Number(x)
        } else if b.is_ascii_alphabetic() || b == b'_' {
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            Tok::Name(&src[start..i])
        } else {
            let c = src[i..].chars().next().unwrap_or(' ');
            if c.is_whitespace() {
                i += c.len_utf8();
                continue;
            }
            let hint = match c {
                '.' => ": a number needs a digit after its point, as in 0.5",
                '[' | ']' | '{' | '}' => ": group with ( and )",
                '×' | '·' => ": multiply with *",
                '÷' => ": divide with /",
                '=' => ": write only the expression; variables get their values separately",
                _ => "",
            };
            return Err(ParseError::new(
                src,
                start,
                format!("unexpected character `{}`{hint}", c.escape_debug()),
            ));
        };
        tokens.push(Token {
            tok,
            span: Span { start, end: i },
        });
    }
    tokens.push(Token {
        tok: Tok::End,
        span: Span {
            start: src.len(),
            end: src.len(),
        },
    });
    Ok(tokens)
}

// ---------------------------------------------------------------------------------------
// Parser: shunting-yard with explicit stacks

/// An operand waiting on the operand stack: a finished subexpression.
#[derive(Clone, Copy, Debug)]
struct Operand {
    node: u32,
    span: Span,
}

/// Something waiting on the operator stack for its operands.
#[derive(Clone, Copy, Debug)]
enum Pending {
    /// A binary operator; `mark` is the number of nodes when it was read, so the right
    /// operand is `nodes[mark..]` (that is how a constant exponent is folded away).
    Binary { op: Op, mark: usize },
    /// A unary minus.
    Neg { at: Span },
    /// An opening parenthesis of grouping.
    Paren { at: Span },
    /// A call whose `(` has been read; `mark` is the number of nodes at the first comma.
    Call {
        function: Function,
        name: Span,
        open: Span,
        commas: usize,
        mark: usize,
    },
}

/// Binding strengths: `^` above unary minus above `* /` above `+ -`.
const NEG_PRECEDENCE: u8 = 3;

fn precedence(op: Op) -> u8 {
    match op {
        Op::Add | Op::Sub => 1,
        Op::Mul | Op::Div => 2,
        _ => 4, // Op::Pow
    }
}

struct Parser<'s> {
    src: &'s str,
    nodes: Vec<Item>,
    names: Vec<String>,
    ids: HashMap<&'s str, u32>,
    operands: Vec<Operand>,
    pending: Vec<Pending>,
}

impl<'s> Parser<'s> {
    fn new(src: &'s str) -> Self {
        Parser {
            src,
            nodes: Vec::new(),
            names: Vec::new(),
            ids: HashMap::new(),
            operands: Vec::new(),
            pending: Vec::new(),
        }
    }

    fn error(&self, at: Span, message: impl Into<String>) -> ParseError {
        ParseError::new(self.src, at.start, message)
    }

    fn text(&self, span: Span) -> &'s str {
        &self.src[span.start..span.end]
    }

    /// A token as messages quote it.
    fn quote(&self, t: &Token<'_>) -> String {
        match t.tok {
            Tok::End => "the end of the expression".into(),
            _ => format!("`{}`", self.text(t.span)),
        }
    }

    /// Adds a node and pushes it as an operand.
    fn push(&mut self, kind: Kind, span: Span) {
        let constant = match kind {
            Kind::Number(x) => Some(x),
            Kind::Variable(_) => None,
            // constants are evaluated by the engine's own formulas, so folding changes nothing
            Kind::Unary(op, a) => self.nodes[a as usize].constant.map(|x| op.forward(&[x])),
            Kind::Binary(op, a, b) => {
                match (
                    self.nodes[a as usize].constant,
                    self.nodes[b as usize].constant,
                ) {
                    (Some(x), Some(y)) => Some(op.forward(&[x, y])),
                    _ => None,
                }
            }
        };
        let node = self.nodes.len() as u32;
        self.nodes.push(Item {
            kind,
            span,
            constant,
        });
        self.operands.push(Operand { node, span });
    }

    fn pop(&mut self) -> Result<Operand, ParseError> {
        let at = Span {
            start: self.src.len(),
            end: self.src.len(),
        };
        self.operands
            .pop()
            .ok_or_else(|| self.error(at, "internal parser error: missing operand"))
    }

    /// `base ^ exponent`: the constant-exponent op when the exponent has no variable (its
    /// nodes, `nodes[mark..]`, are then dropped: the value lives in the op), else `Op::Pow`.
    fn power(&mut self, base: Operand, exponent: Operand, mark: usize, span: Span) {
        match self.nodes[exponent.node as usize].constant {
            Some(p) => {
                self.nodes.truncate(mark);
                self.push(Kind::Unary(Op::PowConst(p), base.node), span);
            }
            None => self.push(Kind::Binary(Op::Pow, base.node, exponent.node), span),
        }
    }

    /// Applies the operator on top of the pending stack to its operands.
    fn reduce(&mut self) -> Result<(), ParseError> {
        match self.pending.pop() {
            Some(Pending::Binary { op, mark, .. }) => {
                let b = self.pop()?;
                let a = self.pop()?;
                let span = Span {
                    start: a.span.start,
                    end: b.span.end,
                };
                if op == Op::Pow {
                    self.power(a, b, mark, span);
                } else {
                    self.push(Kind::Binary(op, a.node, b.node), span);
                }
            }
            Some(Pending::Neg { at }) => {
                let a = self.pop()?;
                let span = Span {
                    start: at.start,
                    end: a.span.end,
                };
                self.push(Kind::Unary(Op::Neg, a.node), span);
            }
            Some(other) => self.pending.push(other),
            None => {}
        }
        Ok(())
    }

    /// Reduces every operator above the innermost open parenthesis or call.
    fn reduce_group(&mut self) -> Result<(), ParseError> {
        while matches!(
            self.pending.last(),
            Some(Pending::Binary { .. } | Pending::Neg { .. })
        ) {
            self.reduce()?;
        }
        Ok(())
    }

    /// A binary operator arrives: first apply the pending ones that bind at least as
    /// tightly (strictly more tightly for the right-associative `^`).
    fn binary(&mut self, op: Op) -> Result<(), ParseError> {
        let p = precedence(op);
        let right_associative = op == Op::Pow;
        while let Some(top) = self.pending.last() {
            let q = match *top {
                Pending::Binary { op, .. } => precedence(op),
                Pending::Neg { .. } => NEG_PRECEDENCE,
                Pending::Paren { .. } | Pending::Call { .. } => break,
            };
            if q > p || (q == p && !right_associative) {
                self.reduce()?;
            } else {
                break;
            }
        }
        let mark = self.nodes.len();
        self.pending.push(Pending::Binary { op, mark });
        Ok(())
    }

    /// A `)` in operator position.
    fn close(&mut self, close: Span) -> Result<(), ParseError> {
        self.reduce_group()?;
        match self.pending.pop() {
            Some(Pending::Paren { at }) => {
                // the group's span takes in its parentheses
                if let Some(top) = self.operands.last_mut() {
                    top.span = Span {
                        start: at.start,
                        end: close.end,
                    };
                    self.nodes[top.node as usize].span = top.span;
                }
                Ok(())
            }
            Some(Pending::Call {
                function,
                name,
                commas,
                mark,
                ..
            }) => self.call(function, name, commas + 1, mark, close),
            _ => Err(self.error(
                close,
                "unmatched `)`: there is no `(` before it for it to close",
            )),
        }
    }

    fn call(
        &mut self,
        function: Function,
        name: Span,
        args: usize,
        mark: usize,
        close: Span,
    ) -> Result<(), ParseError> {
        self.check_arity(function, name, args)?;
        let span = Span {
            start: name.start,
            end: close.end,
        };
        match (function, args) {
            (Function::Unary(op), _) => {
                let x = self.pop()?;
                self.push(Kind::Unary(op, x.node), span);
            }
            (Function::LeakyRelu, 1) => {
                let x = self.pop()?;
                self.push(
                    Kind::Unary(Op::LeakyRelu(DEFAULT_LEAKY_SLOPE), x.node),
                    span,
                );
            }
            (Function::LeakyRelu, _) => {
                let slope = self.pop()?;
                let x = self.pop()?;
                let Some(s) = self.nodes[slope.node as usize].constant else {
                    let variable = self.nodes[mark..]
                        .iter()
                        .find_map(|item| match item.kind {
                            Kind::Variable(id) => Some(self.names[id as usize].as_str()),
                            _ => None,
                        })
                        .unwrap_or("?");
                    return Err(self.error(
                        slope.span,
                        format!(
                            "the slope of leaky_relu must be a constant, but `{}` contains the \
                             variable `{variable}`; for a slope that is learned, use \
                             prelu(x, {})",
                            self.text(slope.span),
                            self.text(slope.span)
                        ),
                    ));
                };
                self.nodes.truncate(mark);
                self.push(Kind::Unary(Op::LeakyRelu(s), x.node), span);
            }
            (Function::Prelu, _) => {
                let a = self.pop()?;
                let x = self.pop()?;
                self.push(Kind::Binary(Op::Prelu, x.node, a.node), span);
            }
            (Function::Pow, _) => {
                let y = self.pop()?;
                let x = self.pop()?;
                self.power(x, y, mark, span);
            }
        }
        Ok(())
    }

    fn check_arity(&self, function: Function, name: Span, got: usize) -> Result<(), ParseError> {
        let (min, max) = function.arity();
        if (min..=max).contains(&got) {
            return Ok(());
        }
        let text = self.text(name);
        let takes = match (min, max) {
            (1, 1) => "1 argument".to_string(),
            (a, b) if a == b => format!("{a} arguments"),
            (a, b) => format!("{a} or {b} arguments"),
        };
        let got = match got {
            0 => "none".to_string(),
            n => n.to_string(),
        };
        Err(self.error(
            name,
            format!(
                "`{text}` takes {takes}, got {got}: write {}",
                function.signature(text)
            ),
        ))
    }

    fn variable(&mut self, name: &'s str, span: Span) {
        let id = match self.ids.get(name) {
            Some(&id) => id,
            None => {
                let id = self.names.len() as u32;
                self.names.push(name.to_owned());
                self.ids.insert(name, id);
                id
            }
        };
        self.push(Kind::Variable(id), span);
    }

    fn unknown_function(&self, name: &str, at: Span) -> ParseError {
        let alias = ALIASES
            .iter()
            .find(|(a, _)| a.eq_ignore_ascii_case(name))
            .map(|&(_, f)| f);
        let message = match alias.or_else(|| did_you_mean(name, function_names())) {
            Some(f) => format!("unknown function `{name}`; did you mean `{f}`?"),
            None => {
                let functions = function_names().collect::<Vec<_>>().join(", ");
                // a short name before `(` is more likely a variable meant to multiply
                let hint = if name.len() <= 2 {
                    format!("; to multiply, write `{name}*(…)`")
                } else {
                    String::new()
                };
                format!("unknown function `{name}`; the functions are {functions}{hint}")
            }
        };
        self.error(at, message)
    }

    fn run(mut self, tokens: &[Token<'s>]) -> Result<Expr, ParseError> {
        let mut expect_operand = true;
        let mut k = 0;
        while k < tokens.len() {
            let t = tokens[k];
            let previous = k.checked_sub(1).map(|j| tokens[j]);
            if expect_operand {
                match t.tok {
                    Tok::Number(x) => {
                        self.push(Kind::Number(x), t.span);
                        expect_operand = false;
                    }
                    Tok::Name(name) => {
                        let next = tokens.get(k + 1).copied();
                        let function = Function::lookup(name);
                        match next {
                            Some(open @ Token { tok: Tok::Open, .. }) => {
                                let function =
                                    function.ok_or_else(|| self.unknown_function(name, t.span))?;
                                self.pending.push(Pending::Call {
                                    function,
                                    name: t.span,
                                    open: open.span,
                                    commas: 0,
                                    mark: self.nodes.len(),
                                });
                                k += 1; // the `(` is part of the call
                            }
                            _ if function.is_some() => {
                                return Err(self.error(
                                    t.span,
                                    format!(
                                        "`{name}` is a function: call it with parentheses, as \
                                         in {name}(x)"
                                    ),
                                ));
                            }
                            _ => {
                                self.variable(name, t.span);
                                expect_operand = false;
                            }
                        }
                    }
                    Tok::Minus => self.pending.push(Pending::Neg { at: t.span }),
                    Tok::Open => self.pending.push(Pending::Paren { at: t.span }),
                    _ => return Err(self.missing_operand(&t, previous.as_ref())),
                }
            } else {
                match t.tok {
                    Tok::Plus => self.binary(Op::Add)?,
                    Tok::Minus => self.binary(Op::Sub)?,
                    Tok::Star => self.binary(Op::Mul)?,
                    Tok::Slash => self.binary(Op::Div)?,
                    Tok::Caret => self.binary(Op::Pow)?,
                    Tok::Close => self.close(t.span)?,
                    Tok::Comma => self.comma(t.span)?,
                    Tok::End => return self.finish(t.span),
                    Tok::Number(_) | Tok::Name(_) | Tok::Open => {
                        return Err(self.missing_operator(&t, previous.as_ref()));
                    }
                }
                expect_operand = !matches!(t.tok, Tok::Close);
            }
            k += 1;
        }
        // the token list always ends with Tok::End, handled above
        Err(self.error(
            Span {
                start: self.src.len(),
                end: self.src.len(),
            },
            "internal parser error: no end",
        ))
    }

    fn comma(&mut self, at: Span) -> Result<(), ParseError> {
        self.reduce_group()?;
        let mark_now = self.nodes.len();
        match self.pending.last_mut() {
            Some(Pending::Call { commas, mark, .. }) => {
                *commas += 1;
                if *commas == 1 {
                    *mark = mark_now;
                }
                Ok(())
            }
            _ => Err(self.error(
                at,
                "unexpected `,`: commas only separate the arguments of a call, as in pow(x, 2)",
            )),
        }
    }

    fn finish(mut self, end: Span) -> Result<Expr, ParseError> {
        self.reduce_group()?;
        match self.pending.last() {
            Some(Pending::Paren { at }) => {
                return Err(self.error(*at, "this `(` is never closed: a `)` is missing"));
            }
            Some(Pending::Call { name, open, .. }) => {
                return Err(self.error(
                    *open,
                    format!(
                        "the `(` of `{}(` is never closed: a `)` is missing",
                        self.text(*name)
                    ),
                ));
            }
            _ => {}
        }
        if self.operands.len() != 1 {
            return Err(self.error(end, "internal parser error: unbalanced expression"));
        }
        Ok(Expr {
            source: self.src.to_owned(),
            nodes: self.nodes,
            names: self.names,
        })
    }

    /// An operand was expected but `t` came.
    fn missing_operand(&self, t: &Token<'_>, previous: Option<&Token<'_>>) -> ParseError {
        let Some(previous) = previous else {
            return match t.tok {
                Tok::End => self.error(t.span, "the expression is empty"),
                _ => self.error(
                    t.span,
                    format!(
                        "expected a number, a variable, a function call or `(` at the start, \
                         found {}",
                        self.quote(t)
                    ),
                ),
            };
        };
        if let (Tok::Close, Tok::Open, Some(Pending::Call { function, name, .. })) =
            (t.tok, previous.tok, self.pending.last())
        {
            if let Err(e) = self.check_arity(*function, *name, 0) {
                return e;
            }
        }
        let expected = "expected a number, a variable, a function call or `(`";
        let hint = match (previous.tok, t.tok) {
            (Tok::Star, Tok::Star) => "; powers are written with ^, as in x^2",
            (Tok::Slash, Tok::Slash) => "; write a single / to divide",
            _ => "",
        };
        self.error(
            t.span,
            format!(
                "{expected} after {}, found {}{hint}",
                self.quote(previous),
                self.quote(t)
            ),
        )
    }

    /// An operator was expected but the operand `t` came.
    fn missing_operator(&self, t: &Token<'_>, previous: Option<&Token<'_>>) -> ParseError {
        let after = previous.map(|p| self.quote(p)).unwrap_or_default();
        let hint = match (previous, t.tok) {
            (Some(p), Tok::Open) => format!("; to multiply, write `{}*(…)`", self.text(p.span)),
            (Some(p), _) => format!(
                "; to multiply, write `{}*{}`",
                self.text(p.span),
                self.text(t.span)
            ),
            (None, _) => String::new(),
        };
        self.error(
            t.span,
            format!(
                "expected an operator (+ - * / ^), `)` or the end after {after}, found {}{hint}",
                self.quote(t)
            ),
        )
    }
}
