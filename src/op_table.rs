//! The machinery of the table of ops ([`OPS`](crate::OPS)): the type of its rows, the macro
//! that declares the [`Op`] enum and the table from one list (in `ops.rs`), and what tools
//! read from a row: names, kinds, symbols and operand roles. The maths of each op, and the
//! list itself, are in `ops.rs`.

use crate::graph::Graph;
use crate::ops::Op;
use crate::value::Value;
use std::fmt;

/// What an op is, for the tools that list ops.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A leaf: an input, a parameter or a constant. No operands.
    Leaf,
    /// Arithmetic written with operators: `+ - * / ^`, negation, sums.
    Arithmetic,
    /// A function of the expression language that is not used as an activation:
    /// `exp`, `log`, `sqrt`, `sin`, ...
    Function,
    /// An activation function, usable as a layer's activation in `gradgraph-nn`.
    Activation(Family),
}

/// How an activation behaves, which decides how a layer using it is initialised.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Family {
    /// Zero (or a small slope) below 0, the identity above: relu and its smooth cousins.
    /// He (Kaiming) initialisation keeps their signal's variance.
    Rectifier,
    /// Bounded and symmetric or sigmoid-shaped: tanh, sigmoid, step. Glorot (Xavier)
    /// initialisation suits them.
    Saturating,
}

/// One row of the table of ops, [`OPS`](crate::OPS).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OpInfo {
    /// The op, with its parameter (if any) at its default value.
    pub op: Op,
    /// Its name: in `gradgraph expr` for functions and activations, in `--activation`.
    pub name: &'static str,
    /// What it is.
    pub kind: Kind,
    /// Its symbol in pictures and traces; `{}` stands for the parameter's value.
    pub symbol: &'static str,
    /// How a node of this op is written, as a template over its operands: `$0`, `$1`, `$2`
    /// stand for the operands, `$c` for the op's parameter (`$0 + $1`, `tanh($0)`, `$c·$0`).
    /// [`Op::write`] fills it in with the student's names or with numbers.
    pub form: &'static str,
    /// Its value as a formula of its operands, the same kind of template: `max(0, $0)` for
    /// relu (its form is `relu($0)`).
    pub formula: &'static str,
    /// Its local derivative `∂ out / ∂ operand k`, one template per operand: `1 − tanh²($0)`;
    /// `$1` and `$0` for `$0·$1`; `$d` stands for the parameter minus 1, and for a weighted
    /// sum `$p` for the operand paired with this one (a weight's input, an input's weight).
    /// [`Op::write_derivative`] fills it in; [`Op::local_derivative`] computes it.
    pub derivatives: &'static [&'static str],
    /// The name of its parameter (`"slope"` for leaky relu), if it has one.
    pub param: Option<&'static str>,
    /// Its documentation: the formula in words.
    pub doc: &'static str,
}

impl OpInfo {
    /// How many operands the op takes (for a sum, at its default size).
    pub fn arity(&self) -> usize {
        self.op.arity()
    }
}

/// Declares the [`Op`] enum and the table [`OPS`] from one list, so that they cannot drift
/// apart. Each entry: the variant's doc, the variant (with its parameter, its type and the
/// table's default value for it), then its name, kind and symbol.
macro_rules! op_table {
    ($(
        $(#[doc = $doc:literal])+
        $variant:ident $(($param:ident: $ty:ty = $default:expr))?
            => $name:literal, $kind:expr, $symbol:literal, $form:literal, $formula:literal,
            $derivatives:expr;
    )+) => {
        /// The operation that produced a node. Operands are the node's incoming edges, in
        /// order.
        ///
        /// Variants carrying a number hold a constant that is part of the operation
        /// (`x * 2` is `MulConst(2.0)` with one operand), so that a constant costs no node of
        /// its own. The list of variants is the table of ops, [`OPS`].
        #[derive(Clone, Copy, Debug, PartialEq)]
        #[non_exhaustive]
        pub enum Op {
            $( $(#[doc = $doc])+ $variant $(($ty))?, )+
        }

        /// One tag per variant of [`Op`]: its row of [`OPS`].
        #[derive(Clone, Copy)]
        enum Tag { $( $variant, )+ }

        /// The table of ops: every variant of [`Op`] once, in the enum's order, with its
        /// name, kind and symbol. Whatever lists ops (the expression language, the
        /// activations of `gradgraph-nn`, `--help`, the property tests) reads it here.
        pub const OPS: &[OpInfo] = &[$(
            OpInfo {
                op: Op::$variant $(($default))?,
                name: $name,
                kind: $kind,
                symbol: $symbol,
                form: $form,
                formula: $formula,
                derivatives: $derivatives,
                param: op_table!(@param $($param)?),
                doc: concat!($($doc, "\n"),+),
            },
        )+];

        impl Op {
            /// This op's parameter as a number (the constant of `x * c`, the slope of a leaky
            /// relu, the size of a sum), if it has one.
            pub fn param(self) -> Option<f64> {
                match self {
                    $( Op::$variant $(($param))? => op_table!(@get $($param)?), )+
                }
            }

            /// This op with its parameter set to `value` (a count, for sums); an op without
            /// a parameter is returned as it is.
            pub fn with_param(self, value: f64) -> Op {
                match self {
                    $( Op::$variant { .. } => Op::$variant $((value as $ty))?, )+
                }
            }

            /// This op's row of [`OPS`].
            ///
            /// Computes in **O(1)** time.
            pub fn info(self) -> &'static OpInfo {
                let tag = match self {
                    $( Op::$variant { .. } => Tag::$variant, )+
                };
                &OPS[tag as usize]
            }
        }
    };
    (@param) => { None };
    (@get) => { None };
    (@get $p:ident) => { Some($p as f64) };
    (@param $p:ident) => { Some(stringify!($p)) };
}
pub(crate) use op_table;

impl Op {
    /// This op's name in the table ([`OpInfo::name`]): `"tanh"`, `"leaky_relu"`, `"add"`.
    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// What kind of op this is ([`OpInfo::kind`]).
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
