//! The functions of the expression language: every name it accepts before `(`, what each
//! builds, and the misspellings it recognises.
//!
//! The names are those of the table of ops ([`OPS`](crate::OPS)): every op of kind
//! function or activation is a function of the language, with its table name, and `pow` is
//! added. The parser looks names up here, and [`function_names`] lists them for messages and
//! help, so a new op of the table is a function of the language without an edit here.

use crate::ops::{Kind as OpKind, OPS, Op, OpInfo};

/// The slope of `leaky_relu(x)` when none is given (the table's default).
pub const DEFAULT_LEAKY_SLOPE: f64 = 0.01;

/// The functions of the language, their argument names and arities.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Function {
    /// An op of the table with a fixed number of operands and no parameter: `exp(x)`,
    /// `tanh(x)`, `prelu(x, a)`, `if_positive(c, a, b)`, ...
    Op(Op),
    /// An op with a constant parameter, given as an optional last argument:
    /// `leaky_relu(x)` or `leaky_relu(x, slope)`.
    WithParam(Op),
    /// `pow(x, y)`: a constant exponent is folded into the op, as in `x^y`.
    Pow,
}

// ---------------------------------------------------------------------------------------
// The table of functions: the functions and activations of the table of ops
// (`crate::ops::OPS`), by their names, then `pow`.

/// The ops that are functions of the language, in the order of the table of ops.
fn function_ops() -> impl Iterator<Item = &'static OpInfo> {
    OPS.iter()
        .filter(|info| matches!(info.kind, OpKind::Function | OpKind::Activation(_)))
}

// ---------------------------------------------------------------------------------------

/// Names people reach for that the language spells differently.
pub(super) const ALIASES: &[(&str, &str)] = &[
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
    pub(super) fn lookup(name: &str) -> Option<Function> {
        if name == "pow" {
            return Some(Function::Pow);
        }
        let info = function_ops().find(|info| info.name == name)?;
        Some(match info.param {
            Some(_) => Function::WithParam(info.op),
            None => Function::Op(info.op),
        })
    }

    /// The fewest and the most arguments.
    pub(super) fn arity(self) -> (usize, usize) {
        match self {
            Function::Op(op) => (op.arity(), op.arity()),
            Function::WithParam(op) => (op.arity(), op.arity() + 1),
            Function::Pow => (2, 2),
        }
    }

    /// How the call is written, as [`Function::signature`], its forms apart: `(tanh(x),
    /// None)`, `(leaky_relu(x), Some(leaky_relu(x, slope)))`.
    pub(super) fn signatures(self, name: &str) -> (String, Option<String>) {
        match self {
            Function::WithParam(op) => {
                let param = op.info().param.unwrap_or("c");
                (format!("{name}(x)"), Some(format!("{name}(x, {param})")))
            }
            _ => (self.signature(name), None),
        }
    }

    /// How the call is written, for messages: `tanh(x)`, `prelu(x, a)`,
    /// `leaky_relu(x) or leaky_relu(x, slope)`.
    pub(super) fn signature(self, name: &str) -> String {
        match self {
            Function::Op(Op::Prelu) => "prelu(x, a)".into(),
            Function::Op(Op::IfPositive) => "if_positive(c, a, b)".into(),
            Function::Op(op) => {
                let args: Vec<String> = (1..=op.arity()).map(|i| format!("x{i}")).collect();
                match op.arity() {
                    1 => format!("{name}(x)"),
                    _ => format!("{name}({})", args.join(", ")),
                }
            }
            Function::WithParam(op) => {
                let param = op.info().param.unwrap_or("c");
                format!("{name}(x) or {name}(x, {param})")
            }
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
    function_ops()
        .map(|info| info.name)
        .chain(std::iter::once("pow"))
}

/// How a function of the language is called (`"tanh(x)"`, `"prelu(x, a)"`,
/// `"leaky_relu(x) or leaky_relu(x, slope)"`), or `None` for a name that is not one.
///
/// # Examples
/// ```
/// use gradgraph::expr::function_signature;
/// assert_eq!(function_signature("pow").as_deref(), Some("pow(x, y)"));
/// assert_eq!(function_signature("tan"), None);
/// ```
pub fn function_signature(name: &str) -> Option<String> {
    Function::lookup(name).map(|f| f.signature(name))
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
