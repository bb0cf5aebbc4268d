//! Each op's local derivative as a student writes it, with its numbers, and the slips
//! students make with it: the catalogue the diagnosis of [`Quiz::check`](super::Quiz::check)
//! tries.

use super::short_in;
use gradgraph::{Op, normal_cdf as cdf, normal_pdf as pdf, sigmoid};
use gradgraph_i18n::Lang;

/// A wrong local derivative a student may use.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Slip {
    /// What was used, with its numbers, in the quiz's names and its language: `1 - #4² with
    /// #4 the input: 1 - 0.3² = 0.91`.
    pub used: String,
    /// Its value.
    pub value: f64,
    /// A slip of this op's rule (tried before the generic ones: a flipped sign, 1, the
    /// node's value).
    pub specific: bool,
}

/// `x` as the language writes it, in parentheses when negative (inside a formula:
/// `(-0.3)²`).
fn p(x: f64, lang: Lang) -> String {
    if x < 0.0 {
        format!("({})", short_in(x, lang))
    } else {
        short_in(x, lang)
    }
}

/// How a slip names `op`: its name (`tanh`), in Portuguese as a function (`tanh(·)`).
fn op_named(op: Op, lang: Lang) -> String {
    match lang {
        Lang::En => op.name().to_owned(),
        _ => format!("{}(·)", op.name()),
    }
}

/// The common slips of `op`'s local derivative towards operand `k`, the op's own first,
/// then the generic ones; none equal to the right value `local`, and no value twice. The
/// operands are written `names` and the node `node`, as the quiz names them; the slips are
/// told in `lang`.
pub(crate) fn slips(
    op: Op,
    (names, node): (&[&str], &str),
    xs: &[f64],
    out: f64,
    k: usize,
    local: f64,
    lang: Lang,
) -> Vec<Slip> {
    let x = xs.first().copied().unwrap_or(f64::NAN);
    let b = xs.get(1).copied().unwrap_or(f64::NAN);
    let y = out;
    // the operands and the output by the quiz's names: `x` is the first operand, `b` the
    // second, `y` the node
    let first = names.first().copied().unwrap_or("x");
    let second = names.get(1).copied().unwrap_or("b");
    let s = |v: f64| short_in(v, lang);
    let p = |v: f64| p(v, lang);
    // the message `id` with the names and `numbers` (name, value written) set
    let say = |id: &str, numbers: &[(&str, String)]| -> String {
        let mut args = vec![
            ("x", first.into()),
            ("b", second.into()),
            ("y", node.into()),
        ];
        args.extend(numbers.iter().map(|(n, v)| (*n, v.clone().into())));
        lang.text(id, &args)
    };
    let mut list: Vec<Slip> = Vec::new();
    let mut specific = |used: String, value: f64| {
        list.push(Slip {
            used,
            value,
            specific: true,
        })
    };
    match op {
        Op::Sub if k == 1 => specific(say("quiz-slip-sub", &[]), 1.0),
        Op::Mul => {
            let me = xs.get(k).copied().unwrap_or(f64::NAN);
            specific(say("quiz-slip-mul", &[("value", s(me))]), me);
        }
        Op::Div if k == 0 => specific(say("quiz-slip-div-numerator", &[("value", s(b))]), b),
        Op::Div => {
            let v = x / (b * b);
            specific(
                say(
                    "quiz-slip-div-sign",
                    &[("px", p(x)), ("pb", p(b)), ("value", s(v))],
                ),
                v,
            );
            let v = -x / b;
            specific(
                say(
                    "quiz-slip-div-square",
                    &[("px", p(x)), ("pb", p(b)), ("value", s(v))],
                ),
                v,
            );
            let v = -1.0 / (b * b);
            specific(say("quiz-slip-div-factor", &[("value", s(v))]), v);
        }
        Op::PowConst(e) => {
            let v = pxfm::f_pow(x, e - 1.0);
            specific(
                say(
                    "quiz-slip-powconst-factor",
                    &[
                        ("px", p(x)),
                        ("pe", p(e - 1.0)),
                        ("value", s(v)),
                        ("p", s(e)),
                    ],
                ),
                v,
            );
            let v = e * pxfm::f_pow(x, e);
            specific(
                say(
                    "quiz-slip-powconst-lowered",
                    &[("p", s(e)), ("px", p(x)), ("value", s(v))],
                ),
                v,
            );
        }
        Op::Pow if k == 0 => {
            let v = pxfm::f_pow(x, b - 1.0);
            specific(say("quiz-slip-pow-factor", &[("value", s(v))]), v);
            let v = b * y;
            specific(say("quiz-slip-pow-lowered", &[("value", s(v))]), v);
        }
        Op::Pow => {
            specific(say("quiz-slip-pow-ln", &[("value", s(y))]), y);
            let v = b * pxfm::f_pow(x, b - 1.0);
            specific(say("quiz-slip-pow-power-rule", &[("value", s(v))]), v);
        }
        Op::Exp => {
            let v = x * pxfm::f_exp(x - 1.0);
            specific(say("quiz-slip-exp", &[("value", s(v))]), v);
        }
        Op::Log => specific(
            say("quiz-slip-log", &[("out", s(y)), ("value", s(1.0 / y))]),
            1.0 / y,
        ),
        Op::Sqrt => {
            specific(
                say(
                    "quiz-slip-sqrt-half",
                    &[("py", p(y)), ("value", s(1.0 / y))],
                ),
                1.0 / y,
            );
            let v = 1.0 / (2.0 * x);
            specific(say("quiz-slip-sqrt-root", &[("value", s(v))]), v);
        }
        Op::Tanh => {
            let v = 1.0 - x * x;
            specific(
                say("quiz-slip-tanh-input", &[("px", p(x)), ("value", s(v))]),
                v,
            );
            let v = 1.0 - y;
            specific(
                say("quiz-slip-tanh-square", &[("py", p(y)), ("value", s(v))]),
                v,
            );
            let v = 1.0 + y * y;
            specific(say("quiz-slip-tanh-plus", &[("value", s(v))]), v);
        }
        Op::Sigmoid => {
            let v = x * (1.0 - x);
            specific(
                say("quiz-slip-sigmoid-input", &[("px", p(x)), ("value", s(v))]),
                v,
            );
            let v = 1.0 - y;
            specific(
                say("quiz-slip-sigmoid-factor", &[("py", p(y)), ("value", s(v))]),
                v,
            );
        }
        Op::Relu if x <= 0.0 => specific(say("quiz-slip-relu", &[]), 1.0),
        Op::LeakyRelu(_) if x <= 0.0 => {
            specific(say("quiz-slip-leaky-one", &[]), 1.0);
            specific(say("quiz-slip-leaky-zero", &[]), 0.0);
        }
        Op::LeakyRelu(slope) => {
            specific(say("quiz-slip-leaky-slope", &[("value", s(slope))]), slope)
        }
        Op::Prelu if x <= 0.0 && k == 0 => specific(say("quiz-slip-prelu-one", &[]), 1.0),
        Op::Prelu if x <= 0.0 => specific(say("quiz-slip-prelu-slope", &[("value", s(b))]), b),
        Op::Elu if x <= 0.0 => specific(say("quiz-slip-elu", &[("value", s(y))]), y),
        Op::Erf => {
            let v = pxfm::f_exp(-x * x);
            specific(say("quiz-slip-erf", &[("value", s(v))]), v);
        }
        Op::Gelu => {
            specific(say("quiz-slip-gelu-cdf", &[("value", s(cdf(x)))]), cdf(x));
            let v = x * pdf(x);
            specific(say("quiz-slip-gelu-pdf", &[("value", s(v))]), v);
        }
        Op::Silu => {
            let sg = sigmoid(x);
            specific(say("quiz-slip-silu-sigmoid", &[("value", s(sg))]), sg);
            let v = x * sg * (1.0 - sg);
            specific(say("quiz-slip-silu-product", &[("value", s(v))]), v);
        }
        Op::Softplus => {
            let v = sigmoid(-x);
            specific(say("quiz-slip-softplus", &[("value", s(v))]), v);
        }
        _ => {}
    }
    // generic slips of any op
    let generic = [
        (say("quiz-slip-sign", &[("value", s(-local))]), -local),
        // in Portuguese the op as a function, `step(·)`: its name may be an English word
        (say("quiz-slip-one", &[("op", op_named(op, lang))]), 1.0),
        (say("quiz-slip-value", &[("value", s(y))]), y),
    ];
    list.extend(generic.into_iter().map(|(used, value)| Slip {
        used,
        value,
        specific: false,
    }));
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
        use crate::short;
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
                for slip in slips(op, (&["a", "b", "c"], "y"), &xs, out, k, local, Lang::En) {
                    assert!(!slip.used.contains('⟨'), "{slip:?}");
                    assert!(slip.value.is_finite(), "{op:?} {slip:?}");
                    assert!((slip.value - local).abs() > 1e-12, "{op:?} {slip:?}");
                }
            }
        }
    }
}
