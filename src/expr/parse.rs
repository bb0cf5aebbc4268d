//! The parser: shunting-yard with explicit stacks, so nothing recurses however deep the
//! nesting. Its result is the flat node list of an [`Expr`], operands before results,
//! with constant subexpressions evaluated (to fold constant exponents and slopes).

use super::functions::{ALIASES, Function, function_names};
use super::lex::{Tok, Token};
use super::{Expr, ParseError, Span, did_you_mean};
use crate::ops::Op;
use std::collections::HashMap;

/// One node of a parsed expression.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Item {
    pub(super) kind: Kind,
    pub(super) span: Span,
    /// The node's value when it contains no variable (used to fold constant exponents).
    pub(super) constant: Option<f64>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Kind {
    /// A number literal: a constant node.
    Number(f64),
    /// One occurrence of the variable with this index in `Expr::names`.
    Variable(u32),
    /// An op with one operand (the index of an earlier node).
    Unary(Op, u32),
    /// An op with two operands.
    Binary(Op, u32, u32),
    /// An op with three operands (`if_positive(c, a, b)`).
    Ternary(Op, u32, u32, u32),
}

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

pub(super) struct Parser<'s> {
    src: &'s str,
    nodes: Vec<Item>,
    names: Vec<String>,
    ids: HashMap<&'s str, u32>,
    operands: Vec<Operand>,
    pending: Vec<Pending>,
}

impl<'s> Parser<'s> {
    pub(super) fn new(src: &'s str) -> Self {
        Parser {
            src,
            nodes: Vec::new(),
            names: Vec::new(),
            ids: HashMap::new(),
            operands: Vec::new(),
            pending: Vec::new(),
        }
    }

    fn error(
        &self,
        at: Span,
        message: impl Into<String>,
        kind: &'static str,
        args: &[(&'static str, &str)],
    ) -> ParseError {
        ParseError::new(self.src, at.start, message, kind, args)
    }

    /// A hint for a decimal comma typed in the expression (`0,5`), when there is one: the
    /// comma separates arguments, a number takes a point.
    fn decimal_comma_hint(&self, error: ParseError) -> ParseError {
        let chars: Vec<char> = self.src.chars().collect();
        let found = (1..chars.len().saturating_sub(1)).find_map(|i| {
            if chars[i] != ',' || !chars[i + 1].is_ascii_digit() {
                return None;
            }
            let mut start = i;
            while start > 0 && chars[start - 1].is_ascii_digit() {
                start -= 1;
            }
            let glued = start > 0 && {
                let c = chars[start - 1];
                c.is_alphanumeric() || c == '_' || c == '.'
            };
            (start < i && !glued).then_some((start, i))
        });
        let Some((start, i)) = found else {
            return error;
        };
        let end = (i + 1..chars.len())
            .take_while(|&j| chars[j].is_ascii_digit())
            .last()
            .map_or(i + 1, |j| j + 1);
        let written: String = chars[start..end].iter().collect();
        let fixed = written.replace(',', ".");
        error.with_hint(
            &format!("; if `{written}` is a number, write it with a decimal point, {fixed}"),
            "parse-hint-decimal-comma",
            &[("written", &written), ("fixed", &fixed)],
        )
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

    /// A token as a translation's arguments quote it: `end` for the end of the expression
    /// (the catalogs' messages select on it), else the token's text.
    fn token_arg(&self, t: &Token<'_>) -> String {
        match t.tok {
            Tok::End => "end".into(),
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
            Kind::Ternary(op, a, b, c) => {
                let at = |i: u32| self.nodes[i as usize].constant;
                match (at(a), at(b), at(c)) {
                    (Some(x), Some(y), Some(z)) => Some(op.forward(&[x, y, z])),
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
        self.operands.pop().ok_or_else(|| {
            self.error(
                at,
                "internal parser error: missing operand",
                "parse-internal",
                &[],
            )
        })
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
                "parse-unmatched-close",
                &[],
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
            (Function::Op(op), _) => match op.arity() {
                1 => {
                    let x = self.pop()?;
                    self.push(Kind::Unary(op, x.node), span);
                }
                2 => {
                    let b = self.pop()?;
                    let a = self.pop()?;
                    self.push(Kind::Binary(op, a.node, b.node), span);
                }
                _ => {
                    let c = self.pop()?;
                    let b = self.pop()?;
                    let a = self.pop()?;
                    self.push(Kind::Ternary(op, a.node, b.node, c.node), span);
                }
            },
            // the op with its default parameter: `leaky_relu(x)`
            (Function::WithParam(op), n) if n == op.arity() => {
                let x = self.pop()?;
                self.push(Kind::Unary(op, x.node), span);
            }
            // the parameter given: it must be a constant, folded into the op
            (Function::WithParam(op), _) => {
                let param = self.pop()?;
                let x = self.pop()?;
                let Some(p) = self.nodes[param.node as usize].constant else {
                    let variable = self.nodes[mark..]
                        .iter()
                        .find_map(|item| match item.kind {
                            Kind::Variable(id) => Some(self.names[id as usize].as_str()),
                            _ => None,
                        })
                        .unwrap_or("?");
                    let text = self.text(param.span);
                    let parameter = op.info().param.unwrap_or("parameter");
                    let message = format!(
                        "the {parameter} of {} must be a constant, but `{text}` contains the \
                         variable `{variable}`",
                        op.name()
                    );
                    let mut error = self.error(
                        param.span,
                        message,
                        "parse-parameter-not-constant",
                        &[
                            ("parameter", parameter),
                            ("function", op.name()),
                            ("text", text),
                            ("variable", variable),
                        ],
                    );
                    if matches!(op, Op::LeakyRelu(_)) {
                        error = error.with_hint(
                            &format!("; for a slope that is learned, use prelu(x, {text})"),
                            "parse-hint-prelu",
                            &[("text", text)],
                        );
                    }
                    return Err(error);
                };
                self.nodes.truncate(mark);
                self.push(Kind::Unary(op.with_param(p), x.node), span);
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
        let count = got.to_string();
        let got = match got {
            0 => "none".to_string(),
            n => n.to_string(),
        };
        let (one, other) = function.signatures(text);
        let error = self.error(
            name,
            format!(
                "`{text}` takes {takes}, got {got}: write {}",
                function.signature(text)
            ),
            "parse-arity",
            &[
                ("name", text),
                ("min", &min.to_string()),
                ("max", &max.to_string()),
                ("got", &count),
                ("signature", &one),
                ("or", other.as_deref().unwrap_or("")),
            ],
        );
        Err(self.decimal_comma_hint(error))
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
        match alias.or_else(|| did_you_mean(name, function_names())) {
            Some(f) => self.error(
                at,
                format!("unknown function `{name}`; did you mean `{f}`?"),
                "parse-unknown-function-did-you-mean",
                &[("name", name), ("suggestion", f)],
            ),
            None => {
                let functions = function_names().collect::<Vec<_>>().join(", ");
                let error = self.error(
                    at,
                    format!("unknown function `{name}`; the functions are {functions}"),
                    "parse-unknown-function",
                    &[("name", name), ("functions", &functions)],
                );
                // a short name before `(` is more likely a variable meant to multiply
                if name.len() <= 2 {
                    error.with_hint(
                        &format!("; to multiply, write `{name}*(…)`"),
                        "parse-hint-multiply",
                        &[("product", &format!("{name}*(…)"))],
                    )
                } else {
                    error
                }
            }
        }
    }

    pub(super) fn run(mut self, tokens: &[Token<'s>]) -> Result<Expr, ParseError> {
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
                                    "parse-function-without-call",
                                    &[("name", name)],
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
            "parse-internal",
            &[],
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
            _ => Err(self.decimal_comma_hint(self.error(
                at,
                "unexpected `,`: commas only separate the arguments of a call, as in pow(x, 2)",
                "parse-unexpected-comma",
                &[],
            ))),
        }
    }

    fn finish(mut self, end: Span) -> Result<Expr, ParseError> {
        self.reduce_group()?;
        match self.pending.last() {
            Some(Pending::Paren { at }) => {
                return Err(self.error(
                    *at,
                    "this `(` is never closed: a `)` is missing",
                    "parse-paren-not-closed",
                    &[],
                ));
            }
            Some(Pending::Call { name, open, .. }) => {
                return Err(self.error(
                    *open,
                    format!(
                        "the `(` of `{}(` is never closed: a `)` is missing",
                        self.text(*name)
                    ),
                    "parse-call-not-closed",
                    &[("name", self.text(*name))],
                ));
            }
            _ => {}
        }
        if self.operands.len() != 1 {
            return Err(self.error(
                end,
                "internal parser error: unbalanced expression",
                "parse-internal",
                &[],
            ));
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
                Tok::End => self.error(t.span, "the expression is empty", "parse-empty", &[]),
                _ => self.error(
                    t.span,
                    format!(
                        "expected a number, a variable, a function call or `(` at the start, \
                         found {}",
                        self.quote(t)
                    ),
                    "parse-operand-at-start",
                    &[("found", &self.token_arg(t))],
                ),
            };
        };
        if let (Tok::Close, Tok::Open, Some(Pending::Call { function, name, .. })) =
            (t.tok, previous.tok, self.pending.last())
            && let Err(e) = self.check_arity(*function, *name, 0)
        {
            return e;
        }
        let expected = "expected a number, a variable, a function call or `(`";
        let error = self.error(
            t.span,
            format!(
                "{expected} after {}, found {}",
                self.quote(previous),
                self.quote(t)
            ),
            "parse-operand-after",
            &[
                ("after", &self.token_arg(previous)),
                ("found", &self.token_arg(t)),
            ],
        );
        match (previous.tok, t.tok) {
            (Tok::Star, Tok::Star) => error.with_hint(
                "; powers are written with ^, as in x^2",
                "parse-hint-power",
                &[],
            ),
            (Tok::Slash, Tok::Slash) => {
                error.with_hint("; write a single / to divide", "parse-hint-slash", &[])
            }
            _ => error,
        }
    }

    /// An operator was expected but the operand `t` came.
    fn missing_operator(&self, t: &Token<'_>, previous: Option<&Token<'_>>) -> ParseError {
        let after = previous.map(|p| self.quote(p)).unwrap_or_default();
        let product = match (previous, t.tok) {
            (Some(p), Tok::Open) => Some(format!("{}*(…)", self.text(p.span))),
            (Some(p), _) => Some(format!("{}*{}", self.text(p.span), self.text(t.span))),
            (None, _) => None,
        };
        let error = self.error(
            t.span,
            format!(
                "expected an operator (+ - * / ^), `)` or the end after {after}, found {}",
                self.quote(t)
            ),
            "parse-operator-after",
            &[
                (
                    "after",
                    &previous.map(|p| self.token_arg(p)).unwrap_or_default(),
                ),
                ("found", &self.token_arg(t)),
            ],
        );
        match product {
            Some(product) => error.with_hint(
                &format!("; to multiply, write `{product}`"),
                "parse-hint-multiply",
                &[("product", &product)],
            ),
            None => error,
        }
    }
}
