//! The machinery of the table of ops ([`OPS`](crate::OPS)): the macro that declares the
//! [`Op`](crate::Op) enum, the type of the table's rows and the table itself from one list
//! (in `ops.rs`), and the kinds of ops. The maths of each op, and the list itself, are in
//! `ops.rs`; what tools read from a row (names, symbols, operand roles) is in `op_names.rs`.

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
