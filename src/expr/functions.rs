//! The functions of the expression language: every name it accepts before `(`, what each
//! builds, and the misspellings it recognises.
//!
//! [`FUNCTIONS`] is the one table of names: the parser looks names up in it, and
//! [`function_names`] lists it for messages and help. A unary op becomes a function of the
//! language with one line there.

use crate::ops::Op;

/// The slope of `leaky_relu(x)` when none is given.
pub const DEFAULT_LEAKY_SLOPE: f64 = 0.01;

/// The functions of the language, their argument names and arities.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Function {
    /// Any one-argument op: `exp(x)`, `tanh(x)`, ...
    Unary(Op),
    /// `leaky_relu(x)` or `leaky_relu(x, slope)`.
    LeakyRelu,
    /// `prelu(x, a)`.
    Prelu,
    /// `pow(x, y)`.
    Pow,
}

// ---------------------------------------------------------------------------------------
// The table of functions

/// Every function name, with what it builds, in the order the documentation lists them.
const FUNCTIONS: &[(&str, Function)] = &[
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
        FUNCTIONS.iter().find(|(n, _)| *n == name).map(|&(_, f)| f)
    }

    /// The fewest and the most arguments.
    pub(super) fn arity(self) -> (usize, usize) {
        match self {
            Function::Unary(_) => (1, 1),
            Function::LeakyRelu => (1, 2),
            Function::Prelu | Function::Pow => (2, 2),
        }
    }

    /// How the call is written, for messages.
    pub(super) fn signature(self, name: &str) -> String {
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
