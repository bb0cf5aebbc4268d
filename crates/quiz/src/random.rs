//! Random exercises: an expression of a given size built from the table of ops, at values
//! where everything is finite, well-conditioned and away from kinks.

use super::{NodeKind, Quiz, Scope};
use crate::{Arg, Error};
use gradgraph::expr;
use gradgraph::{Kind, OPS, Op};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

/// How big a random exercise is.
///
/// | level | variables | uses of a variable twice | functions | operators |
/// |---|---|---|---|---|
/// | easy | 2 | 0 | 1 | 1 or 2 |
/// | medium | 3 | 1 | 2 | 3 or 4, maybe a square |
/// | hard | 3 | 2 | 3 | 5, and a square or cube |
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Level {
    /// A neuron's size: `tanh(x*w)`, `sigmoid(x + 2*b)`.
    Easy,
    /// A variable used twice, so one gradient is a sum of two products.
    #[default]
    Medium,
    /// Two reused variables, three functions and a power.
    Hard,
}

impl Level {
    /// Every level, easiest first.
    pub const ALL: [Level; 3] = [Level::Easy, Level::Medium, Level::Hard];

    /// `"easy"`, `"medium"` or `"hard"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Easy => "easy",
            Level::Medium => "medium",
            Level::Hard => "hard",
        }
    }

    fn shape(self) -> Shape {
        match self {
            Level::Easy => Shape {
                variables: 2,
                reuses: 0,
                constants: 1,
                functions: 1,
                powers: 0,
            },
            Level::Medium => Shape {
                variables: 3,
                reuses: 1,
                constants: 1,
                functions: 2,
                powers: 1,
            },
            Level::Hard => Shape {
                variables: 3,
                reuses: 2,
                constants: 1,
                functions: 3,
                powers: 1,
            },
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Level {
    type Err = Error;

    /// `easy`, `medium` or `hard`, in any case; anything else is [`Error::Unknown`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Level::ALL
            .into_iter()
            .find(|l| l.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| Error::unknown("level", s, Level::ALL.map(Level::as_str)))
    }
}

/// The size of an expression: how many of each part.
struct Shape {
    variables: usize,
    /// Extra uses of variables (each makes a gradient a sum).
    reuses: usize,
    /// At most this many constants (0 or up to it, at random).
    constants: usize,
    functions: usize,
    /// At most this many `^2` or `^3`.
    powers: usize,
}

/// A random exercise made by [`generate`].
#[derive(Clone, Debug, PartialEq)]
pub struct Generated {
    /// The expression, in the language of `gradgraph expr`.
    pub expression: String,
    /// A value for each variable, sorted by name.
    pub at: Vec<(String, f64)>,
}

impl Generated {
    /// The values as a map, as [`Quiz::new`] takes them.
    pub fn values(&self) -> HashMap<String, f64> {
        self.at.iter().cloned().collect()
    }
}

/// The variables' names, in order of use.
const NAMES: [&str; 3] = ["x", "w", "b"];

/// The values variables take: round numbers a student can compute with, never 0.
const VALUES: [f64; 12] = [
    -2.0, -1.5, -1.0, -0.5, -0.2, 0.2, 0.5, 0.8, 1.0, 1.5, 2.0, 3.0,
];

/// The constants that may appear.
const CONSTANTS: [f64; 3] = [2.0, 3.0, 0.5];

/// The most expressions drawn before giving up (each is checked in microseconds; a few
/// dozen are usually enough).
const ATTEMPTS: usize = 100_000;

/// The one-argument functions of the table of ops that the expression language calls
/// `name(x)`: `exp`, `log`, `tanh`, `relu`, ... Piecewise ones are used away from their
/// kinks, domain-limited ones inside their domain (the draws that are not are rejected).
pub fn functions() -> Vec<&'static str> {
    OPS.iter()
        .filter(|info| matches!(info.kind, Kind::Function | Kind::Activation(_)))
        .filter(|info| info.op.arity() == 1)
        .filter(|info| {
            expr::function_signature(info.name).is_some_and(|s| s == format!("{}(x)", info.name))
        })
        .map(|info| info.name)
        .collect()
}

/// A random exercise of `level`, the same for the same `seed`: an expression from the
/// table of ops, with values at which every value and gradient is finite and of moderate
/// size, no local derivative is near 0 or huge, every function is at least 0.1 away from a
/// kink (its derivative changes little around its input), and every gradient asked is at
/// least 0.01 in size.
///
/// # Examples
/// ```
/// # fn main() -> Result<(), gradgraph_quiz::Error> {
/// use gradgraph_quiz::{generate, Level};
/// let a = generate(Level::Medium, 7)?;
/// assert_eq!(a, generate(Level::Medium, 7)?);
/// assert_eq!(a.at.len(), 3);
/// # Ok(()) }
/// ```
pub fn generate(level: Level, seed: u64) -> Result<Generated, Error> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let functions = functions();
    let shape = level.shape();
    for _ in 0..ATTEMPTS {
        let tree = draw(&mut rng, &shape, &functions);
        let mut text = String::new();
        print(&tree, &mut text);
        let at: Vec<(String, f64)> = NAMES[..shape.variables]
            .iter()
            .map(|n| (n.to_string(), VALUES[rng.random_range(0..VALUES.len())]))
            .collect();
        let mut at = at;
        at.sort_by(|a, b| a.0.cmp(&b.0));
        let candidate = Generated {
            expression: text,
            at,
        };
        if well_posed(&candidate) {
            return Ok(candidate);
        }
    }
    Err(Error::out_of_range_said(
        "level",
        "quiz-error-no-exercise",
        vec![
            ("level", Arg::Text(level.to_string())),
            ("seed", Arg::Text(seed.to_string())),
        ],
    ))
}

/// An expression as a tree, before it is printed.
enum Tree {
    Var(usize),
    Const(f64),
    Call(&'static str, Box<Tree>),
    Power(u8, Box<Tree>),
    Bin(char, Box<Tree>, Box<Tree>),
}

fn draw(rng: &mut ChaCha8Rng, shape: &Shape, functions: &[&'static str]) -> Tree {
    let mut leaves: Vec<Tree> = (0..shape.variables).map(Tree::Var).collect();
    for _ in 0..shape.reuses {
        leaves.push(Tree::Var(rng.random_range(0..shape.variables)));
    }
    for _ in 0..rng.random_range(0..=shape.constants) {
        leaves.push(Tree::Const(CONSTANTS[rng.random_range(0..CONSTANTS.len())]));
    }
    // shuffled
    for i in (1..leaves.len()).rev() {
        let j = rng.random_range(0..=i);
        leaves.swap(i, j);
    }
    let mut tree = combine(rng, leaves);
    for _ in 0..shape.functions {
        let name = functions[rng.random_range(0..functions.len())];
        wrap(rng, &mut tree, |t| Tree::Call(name, Box::new(t)));
    }
    for _ in 0..rng.random_range(0..=shape.powers) {
        let p = if rng.random_bool(0.7) { 2 } else { 3 };
        wrap(rng, &mut tree, |t| Tree::Power(p, Box::new(t)));
    }
    tree
}

/// A random binary tree over `leaves`, in their order.
fn combine(rng: &mut ChaCha8Rng, mut leaves: Vec<Tree>) -> Tree {
    if leaves.len() <= 1 {
        return leaves.pop().unwrap_or(Tree::Const(1.0));
    }
    let right = leaves.split_off(rng.random_range(1..leaves.len()));
    let op = match rng.random_range(0..20) {
        0..=6 => '+',
        7..=13 => '*',
        14..=16 => '-',
        _ => '/',
    };
    let a = combine(rng, leaves);
    let b = combine(rng, right);
    Tree::Bin(op, Box::new(a), Box::new(b))
}

/// The number of subtrees other than constants.
fn count(t: &Tree) -> usize {
    match t {
        Tree::Const(_) => 0,
        Tree::Var(_) => 1,
        Tree::Call(_, a) | Tree::Power(_, a) => 1 + count(a),
        Tree::Bin(_, a, b) => 1 + count(a) + count(b),
    }
}

/// Replaces a random subtree (not a constant) `s` by `f(s)`.
fn wrap(rng: &mut ChaCha8Rng, tree: &mut Tree, f: impl FnOnce(Tree) -> Tree) {
    let target = rng.random_range(0..count(tree).max(1));
    let mut f = Some(f);
    visit(tree, &mut 0, target, &mut f);
}

fn visit(t: &mut Tree, seen: &mut usize, target: usize, f: &mut Option<impl FnOnce(Tree) -> Tree>) {
    if matches!(t, Tree::Const(_)) {
        return;
    }
    if *seen == target {
        if let Some(f) = f.take() {
            let old = std::mem::replace(t, Tree::Const(0.0));
            *t = f(old);
        }
        *seen += 1;
        return;
    }
    *seen += 1;
    match t {
        Tree::Call(_, a) | Tree::Power(_, a) => visit(a, seen, target, f),
        Tree::Bin(_, a, b) => {
            visit(a, seen, target, f);
            visit(b, seen, target, f);
        }
        _ => {}
    }
}

/// How tightly a printed tree binds: sums 1, products 2, powers 4, atoms 5.
fn precedence(t: &Tree) -> u8 {
    match t {
        Tree::Bin('+' | '-', ..) => 1,
        Tree::Bin(..) => 2,
        Tree::Power(..) => 4,
        _ => 5,
    }
}

/// Prints `t` with the parentheses the grammar needs: `x*w + b`, `(x + w)^2`,
/// `x/(w*b)`.
fn print(t: &Tree, out: &mut String) {
    let paren = |t: &Tree, needed: bool, out: &mut String| {
        if needed {
            out.push('(');
            print(t, out);
            out.push(')');
        } else {
            print(t, out);
        }
    };
    match t {
        Tree::Var(i) => out.push_str(NAMES[*i]),
        Tree::Const(c) => out.push_str(&expr::format_number(*c)),
        Tree::Call(name, a) => {
            out.push_str(name);
            paren(a, true, out);
        }
        Tree::Power(p, a) => {
            paren(a, precedence(a) < 5, out);
            out.push('^');
            out.push_str(&p.to_string());
        }
        Tree::Bin(op, a, b) => {
            let me = precedence(t);
            paren(a, precedence(a) < me, out);
            match op {
                '+' | '-' => {
                    out.push(' ');
                    out.push(*op);
                    out.push(' ');
                }
                _ => out.push(*op),
            }
            paren(b, precedence(b) <= me, out);
        }
    }
}

/// True when the exercise is well posed: see [`generate`].
fn well_posed(g: &Generated) -> bool {
    let Ok(e) = expr::parse(&g.expression) else {
        return false;
    };
    let Ok(quiz) = Quiz::new(&e, &g.values(), Scope::EveryNode) else {
        return false;
    };
    let moderate = |x: f64, lo: f64, hi: f64| x.is_finite() && (lo..=hi).contains(&x.abs());
    for &i in &quiz.order {
        let Some(n) = quiz.node(i) else { continue };
        if !moderate(n.value, 0.0, 50.0) {
            return false;
        }
        if matches!(n.kind, NodeKind::Variable | NodeKind::Intermediate)
            && !moderate(n.gradient, 0.01, 100.0)
        {
            return false;
        }
        for &(_, local) in &n.operands {
            if !moderate(local, 0.02, 50.0) {
                return false;
            }
        }
        // away from kinks: the derivative of a function barely changes around its input
        if n.op.arity() == 1 && !matches!(n.op, Op::Neg | Op::PowConst(_)) {
            let x = quiz.operand_values(i)[0];
            let local_at = |x: f64| n.op.local_derivative(&[x], n.op.forward(&[x]), 0);
            let (below, here, above) = (local_at(x - 0.1), local_at(x), local_at(x + 0.1));
            let change = (above - below).abs();
            if !change.is_finite() || change > 0.5 * here.abs().max(1.0) {
                return false;
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_parse() {
        assert_eq!("HARD".parse::<Level>().unwrap(), Level::Hard);
        let err = "harder".parse::<Level>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown level \"harder\"; known: easy, medium, hard"
        );
    }

    #[test]
    fn functions_come_from_the_table() {
        let f = functions();
        for name in ["exp", "log", "tanh", "sigmoid", "relu", "softplus"] {
            assert!(f.contains(&name), "{name}");
        }
        assert!(!f.contains(&"prelu") && !f.contains(&"leaky_relu"));
    }

    #[test]
    fn printing_keeps_the_grammar() {
        let t = Tree::Bin(
            '/',
            Box::new(Tree::Power(
                2,
                Box::new(Tree::Bin(
                    '+',
                    Box::new(Tree::Var(0)),
                    Box::new(Tree::Var(1)),
                )),
            )),
            Box::new(Tree::Bin(
                '*',
                Box::new(Tree::Var(2)),
                Box::new(Tree::Const(2.0)),
            )),
        );
        let mut s = String::new();
        print(&t, &mut s);
        assert_eq!(s, "(x + w)^2/(b*2)");
    }

    #[test]
    fn every_level_is_reproducible_and_well_posed() {
        for level in Level::ALL {
            let mut distinct = std::collections::HashSet::new();
            for seed in 0..60 {
                let g = generate(level, seed).unwrap();
                assert_eq!(g, generate(level, seed).unwrap());
                assert!(well_posed(&g), "{level} {seed}: {g:?}");
                distinct.insert(g.expression.clone());
            }
            assert!(distinct.len() > 40, "{level}: {distinct:?}");
        }
    }

    #[test]
    fn levels_grow() {
        let size = |level: Level| -> usize {
            (0..20)
                .map(|seed| {
                    let g = generate(level, seed).unwrap();
                    let q = Quiz::new(
                        &expr::parse(&g.expression).unwrap(),
                        &g.values(),
                        Scope::EveryNode,
                    )
                    .unwrap();
                    q.questions().len()
                })
                .sum()
        };
        let (easy, medium, hard) = (size(Level::Easy), size(Level::Medium), size(Level::Hard));
        assert!(easy < medium && medium < hard, "{easy} {medium} {hard}");
    }
}
