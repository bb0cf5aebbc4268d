//! What tools read from a row of the table of ops: an op's name, kind, symbol and the roles
//! of its operands; and [`Graph::apply`], for code that chooses ops at run time.

use crate::graph::Graph;
use crate::ops::{Kind, Op};
use crate::value::Value;
use std::fmt;

impl Op {
    /// This op's name in the table ([`OpInfo::name`](crate::ops::OpInfo::name)): `"tanh"`, `"leaky_relu"`, `"add"`.
    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// What kind of op this is ([`OpInfo::kind`](crate::ops::OpInfo::kind)).
    pub fn kind(self) -> Kind {
        self.info().kind
    }

    /// What operand `k` is, where the order of the operands matters: the `base` and
    /// `exponent` of `^`, the `numerator` and `denominator` of `/`, what `-` subtracts
    /// `from` and the `minus` part, PReLU's `x` and `slope`, `if_positive`'s `condition`,
    /// `then` and `else`. `None` for an op whose operands play the same part.
    ///
    /// # Examples
    /// ```
    /// use gradgraph::Op;
    /// assert_eq!(Op::Pow.operand_role(1), Some("exponent"));
    /// assert_eq!(Op::Mul.operand_role(1), None);
    /// ```
    pub fn operand_role(self, k: usize) -> Option<&'static str> {
        let roles: &[&'static str] = match self {
            Op::Sub => &["from", "minus"],
            Op::Div => &["numerator", "denominator"],
            Op::Pow => &["base", "exponent"],
            Op::Prelu => &["x", "slope"],
            Op::IfPositive => &["condition", "then", "else"],
            _ => &[],
        };
        roles.get(k).copied()
    }

    /// A short name for pictures and traces: `+`, `*`, `tanh`, `Σ`, `* 2`, `^2`, ...
    pub fn symbol(self) -> String {
        // the table's symbol, with the parameter written in where it has a `{}`
        let template = self.info().symbol;
        match self.param() {
            Some(v) if template.contains("{}") => template.replace("{}", &v.to_string()),
            _ => template.to_owned(),
        }
    }
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.symbol())
    }
}

impl Graph {
    /// Adds the node `op(operands)`: any op of the table [`OPS`](crate::OPS) by its
    /// variant, for code that chooses ops at run time (an expression, an activation given by
    /// name). The operators and methods of [`Value`] are the usual way to build.
    ///
    /// Returns [`Error::Shape`](crate::Error::Shape) if `operands` is not as long as the op's
    /// arity, and [`Error::OutOfRange`](crate::Error::OutOfRange) for a leaf op (make leaves
    /// with [`Graph::input`], [`Graph::parameter`] or [`Graph::constant`]).
    ///
    /// **Panics** if an operand belongs to another graph.
    ///
    /// # Examples
    /// ```
    /// # fn main() -> Result<(), gradgraph::Error> {
    /// use gradgraph::{Graph, Op};
    /// let g = Graph::new();
    /// let x = g.input(0.5);
    /// let y = g.apply(Op::Tanh, &[x])?;
    /// assert_eq!(y.data(), 0.5f64.tanh());
    /// assert!(g.apply(Op::Add, &[x]).is_err());
    /// # Ok(()) }
    /// ```
    pub fn apply<'g>(&'g self, op: Op, operands: &[Value<'g>]) -> Result<Value<'g>, crate::Error> {
        if op.is_leaf() {
            return Err(crate::Error::out_of_range(
                "op",
                format!(
                    "{} is a leaf: make it with Graph::input, Graph::parameter or Graph::constant",
                    op.name()
                ),
            ));
        }
        if operands.len() != op.arity() {
            return Err(crate::Error::Shape {
                what: format!("operands of {}", op.name()),
                expected: op.arity(),
                got: operands.len(),
            });
        }
        Ok(self.push(op, operands))
    }
}
