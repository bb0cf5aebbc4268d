//! Diagnostics: where a mistake is ([`Span`], a column, a caret under the text), what it
//! is ([`ParseError`]), the name that was probably meant ([`did_you_mean`]), which part
//! of an expression made a result NaN or infinite ([`Expr::explain`]), and numbers as
//! messages write them ([`format_number`]).

use super::{Built, Expr};
use crate::error::{Error, ParseError};
use crate::ops::Op;
use crate::value::Value;

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

impl ParseError {
    /// The error at byte `at` of `src`: its English `message`, its `kind` and the `args` a
    /// translation quotes.
    pub(crate) fn new(
        src: &str,
        at: usize,
        message: impl Into<String>,
        kind: &'static str,
        args: &[(&'static str, &str)],
    ) -> Self {
        let (line, marker) = underline(src, at, at);
        ParseError {
            message: message.into(),
            column: column_of(src, at),
            line,
            marker,
            kind,
            parts: Box::new(crate::error::Parts {
                args: args.iter().map(|(k, v)| (*k, (*v).to_owned())).collect(),
                hint: None,
            }),
        }
    }

    /// The same error with a hint: its English text is appended to the message.
    pub(crate) fn with_hint(
        mut self,
        english: &str,
        kind: &'static str,
        args: &[(&'static str, &str)],
    ) -> Self {
        self.message.push_str(english);
        self.parts.hint = Some((
            kind,
            args.iter().map(|(k, v)| (*k, (*v).to_owned())).collect(),
        ));
        self
    }
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

pub use crate::notation::format_number;

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

impl Expr {
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
    /// [`Graph::try_backward`]: crate::Graph::try_backward
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

/// `op` applied to the numbers `xs`, as a student would write it, from the table of ops
/// ([`Op::write`]): `log(-1)`, `1/0`, `3^2`, a negative number in parentheses beside an
/// operator (`(-1)^0.5`, `2·(-3)`), which the language reads as `-(1^0.5)` without them.
fn application(op: Op, xs: &[f64]) -> String {
    let n: Vec<String> = xs.iter().map(|&x| format_number(x)).collect();
    let n: Vec<&str> = n.iter().map(String::as_str).collect();
    op.write(&n)
}
