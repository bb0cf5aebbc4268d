//! Each op's local derivative as a student writes it, with its numbers, and the slips
//! students make with it: the catalogue the diagnosis of [`Quiz::check`](super::Quiz::check)
//! tries.

use super::short;
use gradgraph::{Op, normal_cdf as cdf, normal_pdf as pdf, sigmoid};

/// A wrong local derivative a student may use.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Slip {
    /// What was used, with its numbers, in the quiz's names: `1 - #4² with #4 the input:
    /// 1 - 0.3² = 0.91`.
    pub used: String,
    /// Its value.
    pub value: f64,
    /// A slip of this op's rule (tried before the generic ones: a flipped sign, 1, the
    /// node's value).
    pub specific: bool,
}

/// `x`, in parentheses when negative (inside a formula: `(-0.3)²`).
fn p(x: f64) -> String {
    if x < 0.0 {
        format!("({})", short(x))
    } else {
        short(x)
    }
}

/// The common slips of `op`'s local derivative towards operand `k`, the op's own first,
/// then the generic ones; none equal to the right value `local`, and no value twice. The
/// operands are written `names` and the node `node`, as the quiz names them.
pub(crate) fn slips(
    op: Op,
    (names, node): (&[&str], &str),
    xs: &[f64],
    out: f64,
    k: usize,
    local: f64,
) -> Vec<Slip> {
    let x = xs.first().copied().unwrap_or(f64::NAN);
    let b = xs.get(1).copied().unwrap_or(f64::NAN);
    let y = out;
    let mut list: Vec<Slip> = Vec::new();
    let mut specific = |used: String, value: f64| {
        list.push(Slip {
            used,
            value,
            specific: true,
        })
    };
    let s = short;
    match op {
        Op::Sub if k == 1 => specific("+1, without the minus sign of - ⟨b⟩".into(), 1.0),
        Op::Mul => {
            let me = xs.get(k).copied().unwrap_or(f64::NAN);
            specific(
                format!("{}, the operand itself instead of the other one", s(me)),
                me,
            );
        }
        Op::Div if k == 0 => specific(format!("⟨b⟩ = {} instead of 1/⟨b⟩", s(b)), b),
        Op::Div => {
            specific(
                format!(
                    "⟨a⟩/⟨b⟩² = {}/{}² = {}, without the minus sign",
                    p(x),
                    p(b),
                    s(x / (b * b))
                ),
                x / (b * b),
            );
            specific(
                format!(
                    "-⟨a⟩/⟨b⟩ = -{}/{} = {}, with ⟨b⟩ not squared",
                    p(x),
                    p(b),
                    s(-x / b)
                ),
                -x / b,
            );
            specific(
                format!("-1/⟨b⟩² = {}, without the factor ⟨a⟩", s(-1.0 / (b * b))),
                -1.0 / (b * b),
            );
        }
        Op::PowConst(e) => {
            let v = pxfm::f_pow(x, e - 1.0);
            specific(
                format!(
                    "⟨x⟩^(p - 1) = {}^{} = {}, without the factor {}",
                    p(x),
                    p(e - 1.0),
                    s(v),
                    s(e)
                ),
                v,
            );
            let v = e * pxfm::f_pow(x, e);
            specific(
                format!(
                    "p·⟨x⟩^p = {}·{}^{} = {}, with the exponent not lowered",
                    s(e),
                    p(x),
                    s(e),
                    s(v)
                ),
                v,
            );
        }
        Op::Pow if k == 0 => {
            let v = pxfm::f_pow(x, b - 1.0);
            specific(
                format!("⟨a⟩^(⟨b⟩ - 1) = {}, without the factor ⟨b⟩", s(v)),
                v,
            );
            let v = b * y;
            specific(
                format!("⟨b⟩·⟨a⟩^⟨b⟩ = {}, with the exponent not lowered", s(v)),
                v,
            );
        }
        Op::Pow => {
            specific(format!("⟨a⟩^⟨b⟩ = {}, without the factor ln(⟨a⟩)", s(y)), y);
            let v = b * pxfm::f_pow(x, b - 1.0);
            specific(
                format!(
                    "⟨b⟩·⟨a⟩^(⟨b⟩ - 1) = {}, the power rule, which is the derivative for the base, not \
                     the exponent",
                    s(v)
                ),
                v,
            );
        }
        Op::Exp => {
            let v = x * pxfm::f_exp(x - 1.0);
            specific(
                format!(
                    "⟨x⟩·exp(⟨x⟩ - 1) = {}, the power rule, which does not apply to exp",
                    s(v)
                ),
                v,
            );
        }
        Op::Log => specific(
            format!(
                "1/⟨y⟩ with ⟨y⟩ = log(⟨x⟩) = {} the output, not the input: {}",
                s(y),
                s(1.0 / y)
            ),
            1.0 / y,
        ),
        Op::Sqrt => {
            specific(
                format!(
                    "1/√⟨x⟩ = 1/{} = {}, without the factor 1/2",
                    p(y),
                    s(1.0 / y)
                ),
                1.0 / y,
            );
            specific(
                format!("1/(2⟨x⟩) = {}, without the square root", s(1.0 / (2.0 * x))),
                1.0 / (2.0 * x),
            );
        }
        Op::Tanh => {
            specific(
                format!(
                    "1 - ⟨x⟩² with ⟨x⟩ the input: 1 - {}² = {}",
                    p(x),
                    s(1.0 - x * x)
                ),
                1.0 - x * x,
            );
            specific(
                format!(
                    "1 - ⟨y⟩ = 1 - {} = {}, without the square",
                    p(y),
                    s(1.0 - y)
                ),
                1.0 - y,
            );
            specific(
                format!("1 + ⟨y⟩² = {}, with a plus sign", s(1.0 + y * y)),
                1.0 + y * y,
            );
        }
        Op::Sigmoid => {
            specific(
                format!(
                    "⟨x⟩·(1 - ⟨x⟩) with ⟨x⟩ the input: {}·(1 - {}) = {}",
                    p(x),
                    p(x),
                    s(x * (1.0 - x))
                ),
                x * (1.0 - x),
            );
            specific(
                format!(
                    "1 - σ(⟨x⟩) = 1 - {} = {}, without the factor σ(⟨x⟩)",
                    p(y),
                    s(1.0 - y)
                ),
                1.0 - y,
            );
        }
        Op::Relu if x <= 0.0 => specific("1, but relu is flat for ⟨x⟩ ≤ 0".into(), 1.0),
        Op::LeakyRelu(_) if x <= 0.0 => {
            specific(
                "1, but below 0 leaky relu's slope is its parameter".into(),
                1.0,
            );
            specific(
                "0, as for relu, but leaky relu keeps a slope below 0".into(),
                0.0,
            );
        }
        Op::LeakyRelu(slope) => specific(
            format!("the slope {}, which holds only for ⟨x⟩ ≤ 0", s(slope)),
            slope,
        ),
        Op::Prelu if x <= 0.0 && k == 0 => specific("1, which holds only for ⟨x⟩ > 0".into(), 1.0),
        Op::Prelu if x <= 0.0 => specific(format!("⟨b⟩ = {}, instead of ⟨x⟩", s(b)), b),
        Op::Elu if x <= 0.0 => specific(
            format!("exp(⟨x⟩) - 1 = {}, the output instead of exp(⟨x⟩)", s(y)),
            y,
        ),
        Op::Erf => {
            let v = pxfm::f_exp(-x * x);
            specific(format!("exp(-⟨x⟩²) = {}, without the factor 2/√π", s(v)), v);
        }
        Op::Gelu => {
            specific(
                format!("Φ(⟨x⟩) = {}, without ⟨x⟩·φ(⟨x⟩)", s(cdf(x))),
                cdf(x),
            );
            specific(
                format!("⟨x⟩·φ(⟨x⟩) = {}, without Φ(⟨x⟩)", s(x * pdf(x))),
                x * pdf(x),
            );
        }
        Op::Silu => {
            let sg = sigmoid(x);
            specific(
                format!("σ(⟨x⟩) = {}, without ⟨x⟩·σ'(⟨x⟩) (the product rule)", s(sg)),
                sg,
            );
            let v = x * sg * (1.0 - sg);
            specific(
                format!("⟨x⟩·σ(⟨x⟩)·(1 - σ(⟨x⟩)) = {}, without σ(⟨x⟩)", s(v)),
                v,
            );
        }
        Op::Softplus => {
            let v = sigmoid(-x);
            specific(
                format!("1/(1 + exp(⟨x⟩)) = {}, with the sign of ⟨x⟩ flipped", s(v)),
                v,
            );
        }
        _ => {}
    }
    // generic slips of any op
    let generic = [
        (
            format!("{}, the right size with the wrong sign", s(-local)),
            -local,
        ),
        (
            format!(
                "1, as if {} passed the gradient through unchanged",
                op.name()
            ),
            1.0,
        ),
        (
            format!(
                "the node's value, {}, instead of its local derivative",
                s(y)
            ),
            y,
        ),
    ];
    list.extend(generic.into_iter().map(|(used, value)| Slip {
        used,
        value,
        specific: false,
    }));
    // the operands and the output by the quiz's names: ⟨x⟩ and ⟨a⟩ are the first operand,
    // ⟨b⟩ the second, ⟨y⟩ the node
    let first = names.first().copied().unwrap_or("x");
    let second = names.get(1).copied().unwrap_or("b");
    for slip in &mut list {
        slip.used = slip
            .used
            .replace("⟨x⟩", first)
            .replace("⟨a⟩", first)
            .replace("⟨b⟩", second)
            .replace("⟨y⟩", node);
    }
    // none equal to the right value, none twice
    let same = |a: f64, b: f64| (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0);
    let mut kept: Vec<Slip> = Vec::with_capacity(list.len());
    for slip in list {
        if slip.value.is_finite()
            && !same(slip.value, local)
            && !kept.iter().any(|k| same(k.value, slip.value))
        {
            kept.push(slip);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_state_the_numbers_in_the_quizs_names() {
        use gradgraph::LocalDerivative;
        let rule = |op: Op, names: &[&str], xs: &[f64], k: usize| {
            let out = op.forward(xs);
            LocalDerivative::new("#5", op, k, names, xs, out, short)
                .map(|d| d.to_string())
                .unwrap_or_default()
        };
        assert_eq!(
            rule(Op::Tanh, &["#4"], &[0.3], 0),
            "∂#5/∂#4 = 1 − tanh²(#4) = 1 − tanh²(0.3) = 0.915137"
        );
        assert_eq!(
            rule(Op::Div, &["a", "b"], &[3.0, -2.0], 1),
            "∂#5/∂b = −a/b² = −3/(-2)² = -0.75"
        );
        assert_eq!(
            rule(Op::Relu, &["#4"], &[-0.5], 0),
            "∂#5/∂#4 = 1 if #4 > 0, else 0 = 1 if -0.5 > 0, else 0 = 0"
        );
        assert_eq!(
            rule(Op::PowConst(2.0), &["x"], &[3.0], 0),
            "∂#5/∂x = 2·x = 2·3 = 6"
        );
    }

    #[test]
    fn slips_differ_from_the_right_value() {
        for info in gradgraph::OPS {
            let op = info.op;
            let n = op.arity();
            let xs: Vec<f64> = (0..n).map(|k| 0.7 + 0.1 * k as f64).collect();
            let out = op.forward(&xs);
            for k in 0..n {
                let local = op.local_derivative(&xs, out, k);
                for slip in slips(op, (&["a", "b", "c"], "y"), &xs, out, k, local) {
                    assert!(!slip.used.contains('⟨'), "{slip:?}");
                    assert!(slip.value.is_finite(), "{op:?} {slip:?}");
                    assert!((slip.value - local).abs() > 1e-12, "{op:?} {slip:?}");
                }
            }
        }
    }
}
