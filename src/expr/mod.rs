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
//! - a variable is one leaf ([`Graph::input`], labelled with its name) however often it is
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
//!
//! # Where the code is
//!
//! One file per job: `lex.rs` cuts the text into tokens, `parse.rs` turns them into the
//! flat node list (the grammar and its precedences), `functions.rs` is the table of
//! function names, `build.rs` builds a parsed expression into a [`Graph`], and
//! `explain.rs` holds the diagnostics: [`ParseError`], the carets under the text,
//! [`did_you_mean`], [`Expr::explain`] and [`format_number`].

mod build;
mod explain;
mod functions;
mod lex;
mod parse;

pub use crate::error::ParseError;
pub use explain::{Span, did_you_mean, format_number};
pub use functions::{
    DEFAULT_LEAKY_SLOPE, function_names, function_signature, is_function_name, is_variable_name,
};

use crate::value::Value;
use lex::lex;
use parse::{Item, Kind, Parser};
use std::collections::BTreeMap;
use std::fmt;

// only named by the docs' links
#[cfg(doc)]
use crate::{graph::Graph, ops::Op};

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

    /// The source text of `span` (`"log(x)"`).
    pub fn text(&self, span: Span) -> &str {
        self.source.get(span.start..span.end).unwrap_or("")
    }
}

impl fmt::Display for Expr {
    /// The source text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
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
