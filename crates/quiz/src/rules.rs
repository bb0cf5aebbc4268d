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

    /// The values of the slips of `op` towards operand `k` at `xs`, in order, with whether
    /// each is the op's own.
    fn values(op: Op, xs: &[f64], k: usize) -> Vec<(f64, bool)> {
        let out = op.forward(xs);
        let local = op.local_derivative(xs, out, k);
        slips(op, (&["a", "b"], "y"), xs, out, k, local, Lang::En)
            .into_iter()
            .map(|s| (s.value, s.specific))
            .collect()
    }

    /// A row of the table of slips: the op, its operands, the operand, the op's own slips
    /// and the generic ones.
    type SlipRow = (Op, Vec<f64>, usize, Vec<f64>, Vec<f64>);

    #[test]
    // the platform's math library: an oracle independent of the pxfm the quiz computes with
    #[allow(clippy::disallowed_methods)]
    fn each_slip_is_the_mistake_it_names() {
        use std::f64::consts::PI;
        let sg = |x: f64| 1.0 / (1.0 + (-x).exp());
        let phi = |x: f64| (-x * x / 2.0).exp() / (2.0 * PI).sqrt();
        let (x, b) = (0.3, 0.7);
        let (neg, slope) = (-0.5, 0.2);
        // (op, operands, k, the op's own slips, then the generic ones: minus the right
        // value, 1, the node's value; each dropped where it equals the right value or one
        // before it)
        let cases: Vec<SlipRow> = vec![
            (Op::Sub, vec![x, b], 1, vec![1.0], vec![x - b]),
            (Op::Mul, vec![x, b], 0, vec![x], vec![-b, 1.0, x * b]),
            (Op::Div, vec![x, b], 0, vec![b], vec![-1.0 / b, 1.0, x / b]),
            (
                Op::Div,
                vec![x, b],
                1,
                vec![x / (b * b), -x / b, -1.0 / (b * b)],
                vec![1.0, x / b],
            ),
            (
                Op::PowConst(3.0),
                vec![b],
                0,
                vec![b.powf(2.0), 3.0 * b.powf(3.0)],
                vec![-3.0 * b * b, 1.0, b.powf(3.0)],
            ),
            (
                Op::Pow,
                vec![b, 3.0],
                0,
                vec![b.powf(2.0), 3.0 * b.powf(3.0)],
                vec![-3.0 * b * b, 1.0, b.powf(3.0)],
            ),
            (
                Op::Pow,
                vec![b, 3.0],
                1,
                vec![b.powf(3.0), 3.0 * b.powf(2.0)],
                vec![-b.powf(3.0) * b.ln(), 1.0],
            ),
            (
                Op::Exp,
                vec![x],
                0,
                vec![x * (x - 1.0).exp()],
                vec![-x.exp(), 1.0],
            ),
            (
                Op::Log,
                vec![b],
                0,
                vec![1.0 / b.ln()],
                vec![-1.0 / b, 1.0, b.ln()],
            ),
            (
                Op::Sqrt,
                vec![b],
                0,
                vec![1.0 / b.sqrt(), 1.0 / (2.0 * b)],
                vec![-1.0 / (2.0 * b.sqrt()), 1.0, b.sqrt()],
            ),
            (
                Op::Tanh,
                vec![x],
                0,
                vec![1.0 - x * x, 1.0 - x.tanh(), 1.0 + x.tanh().powi(2)],
                vec![-(1.0 - x.tanh().powi(2)), 1.0, x.tanh()],
            ),
            (
                Op::Sigmoid,
                vec![x],
                0,
                vec![x * (1.0 - x), 1.0 - sg(x)],
                vec![-sg(x) * (1.0 - sg(x)), 1.0, sg(x)],
            ),
            (Op::Relu, vec![neg], 0, vec![1.0], vec![]),
            (Op::Relu, vec![x], 0, vec![], vec![-1.0, x]),
            (
                Op::LeakyRelu(slope),
                vec![neg],
                0,
                vec![1.0, 0.0],
                vec![-slope, neg * slope],
            ),
            (Op::LeakyRelu(slope), vec![x], 0, vec![slope], vec![-1.0, x]),
            (
                Op::Prelu,
                vec![neg, slope],
                0,
                vec![1.0],
                vec![-slope, neg * slope],
            ),
            (
                Op::Prelu,
                vec![neg, slope],
                1,
                vec![slope],
                vec![-neg, 1.0, neg * slope],
            ),
            (Op::Prelu, vec![x, slope], 0, vec![], vec![-1.0, x]),
            (Op::Prelu, vec![x, slope], 1, vec![], vec![1.0, x]),
            (
                Op::Elu,
                vec![neg],
                0,
                vec![neg.exp_m1()],
                vec![-neg.exp(), 1.0],
            ),
            (Op::Elu, vec![x], 0, vec![], vec![-1.0, x]),
            (
                Op::Erf,
                vec![x],
                0,
                vec![(-x * x).exp()],
                vec![
                    -2.0 / PI.sqrt() * (-x * x).exp(),
                    1.0,
                    gradgraph::Op::Erf.forward(&[x]),
                ],
            ),
            (
                Op::Gelu,
                vec![x],
                0,
                vec![gradgraph::normal_cdf(x), x * phi(x)],
                vec![
                    -(gradgraph::normal_cdf(x) + x * phi(x)),
                    1.0,
                    x * gradgraph::normal_cdf(x),
                ],
            ),
            (
                Op::Silu,
                vec![x],
                0,
                vec![sg(x), x * sg(x) * (1.0 - sg(x))],
                vec![-(sg(x) + x * sg(x) * (1.0 - sg(x))), 1.0, x * sg(x)],
            ),
            (
                Op::Softplus,
                vec![x],
                0,
                vec![sg(-x)],
                vec![-sg(x), 1.0, (1.0 + x.exp()).ln()],
            ),
        ];
        for (op, xs, k, own, generic) in cases {
            let got = values(op, &xs, k);
            let want: Vec<(f64, bool)> = own
                .iter()
                .map(|&v| (v, true))
                .chain(generic.iter().map(|&v| (v, false)))
                .collect();
            let close = got.len() == want.len()
                && got.iter().zip(&want).all(|(&(a, sa), &(b, sb))| {
                    sa == sb && (a - b).abs() <= 1e-12 * a.abs().max(1.0)
                });
            assert!(
                close,
                "{op:?} towards {k} at {xs:?}:\n got {got:?}\nwant {want:?}"
            );
        }
    }

    #[test]
    fn a_slip_equal_to_the_right_value_or_to_an_earlier_slip_is_left_out() {
        // tanh at 0: 1 − x² = 1 − y = 1 + y² = 1 = tanh'(0): none of its own slips is left
        assert_eq!(values(Op::Tanh, &[0.0], 0), [(-1.0, false), (0.0, false)]);
        // x·w at x = w = 1: the slip "the other operand" is the right value, −1 is left
        assert_eq!(values(Op::Mul, &[1.0, 1.0], 0), [(-1.0, false)]);
        // 1/b² and −a/b² differ only in sign at a = 1
        let kept = values(Op::Div, &[1.0, 2.0], 1);
        assert_eq!(
            kept.iter().filter(|(v, _)| *v == 0.25).count(),
            1,
            "{kept:?}"
        );
        // a slip that is not finite is left out: log's 1/ln x at x = 1
        assert!(
            values(Op::Log, &[1.0], 0)
                .iter()
                .all(|(v, _)| v.is_finite())
        );
        // a slip a hair from the right value is the right value: x·w towards x at w = x
        let near = values(Op::Mul, &[2.0, 2.0 + 1e-12], 0);
        assert_eq!(near.len(), 3, "{near:?}");
        assert!(near.iter().all(|(v, _)| (v - 2.0).abs() > 1e-3), "{near:?}");
        // and "a hair" is relative: 1e-7 from 1000 is the right value too
        let large = values(Op::Mul, &[1000.0, 1000.0 + 1e-7], 0);
        assert!(
            large.iter().all(|(v, _)| (v - 1000.0).abs() > 1.0),
            "{large:?}"
        );
    }

    #[test]
    fn slips_write_a_negative_number_in_parentheses_and_name_the_op() {
        let out = Op::Tanh.forward(&[-0.3]);
        let local = Op::Tanh.local_derivative(&[-0.3], out, 0);
        let en = slips(Op::Tanh, (&["x"], "y"), &[-0.3], out, 0, local, Lang::En);
        assert!(en[0].used.contains("1 - (-0.3)²"), "{}", en[0].used);
        assert!(
            en.iter().any(|s| s.used.contains("as if tanh passed")),
            "{en:?}"
        );
        let pt = slips(Op::Tanh, (&["x"], "y"), &[-0.3], out, 0, local, Lang::PtBr);
        assert!(pt[0].used.contains("1 - (-0,3)²"), "{}", pt[0].used);
        assert!(pt.iter().any(|s| s.used.contains("tanh(·)")), "{pt:?}");
        assert_eq!(p(0.5, Lang::En), "0.5");
        assert_eq!(p(0.0, Lang::En), "0");
    }

    #[test]
    fn each_slip_writes_its_own_value() {
        for info in gradgraph::OPS.iter().filter(|i| !i.op.is_leaf()) {
            let op = info.op;
            for start in [0.7, -0.4, 2.5] {
                let xs: Vec<f64> = (0..op.arity()).map(|k| start + 0.1 * k as f64).collect();
                let out = op.forward(&xs);
                for k in 0..xs.len() {
                    let local = op.local_derivative(&xs, out, k);
                    for slip in slips(op, (&["a", "b", "c"], "y"), &xs, out, k, local, Lang::En) {
                        let written = crate::short(slip.value);
                        assert!(slip.used.contains(&written), "{op:?} at {xs:?}: {slip:?}");
                    }
                }
            }
        }
        // the exponent the student lowered by one, written as such
        let out = Op::PowConst(3.0).forward(&[0.7]);
        let local = Op::PowConst(3.0).local_derivative(&[0.7], out, 0);
        let first = &slips(
            Op::PowConst(3.0),
            (&["x"], "y"),
            &[0.7],
            out,
            0,
            local,
            Lang::En,
        )[0];
        assert!(
            first.used.starts_with("x^(p - 1) = 0.7^2 = "),
            "{}",
            first.used
        );
    }
}
