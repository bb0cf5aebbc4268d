//! The activation gallery: every activation of the course, and its derivative computed by the
//! engine's backward pass, sampled over `[-4, 4]`.
//!
//! For each activation one tiny graph `y = f(x)` is built once; for every sample the input is
//! set, the graph replayed ([`Graph::forward`]) and backward run, so the derivative drawn is
//! the one backpropagation uses. It is also checked against central finite differences away
//! from the kink at 0. The maxima confirm the course: `σ'` is at most 0.25 (at 0), `tanh'` at
//! most 1 (at 0), the step's derivative is 0 everywhere (it cannot be trained by gradient
//! descent), and GELU's and SiLU's derivatives slightly exceed 1.
//!
//! # Examples
//! ```
//! let gallery = gradgraph_course::experiments::activations::run(81);
//! let sigmoid = gallery.get("sigmoid").unwrap();
//! assert_eq!((sigmoid.max_derivative, sigmoid.argmax), (0.25, 0.0));
//! ```

use super::{Lang, Table, activation_name, formula_in, say, sig_in};
use gradgraph::{Graph, Op};
use std::fmt;

/// The interval the functions are sampled on.
pub const RANGE: (f64, f64) = (-4.0, 4.0);
/// Leaky ReLU's slope for `x < 0` (0.1 rather than the usual 0.01, so that it shows).
pub const LEAKY_SLOPE: f64 = 0.1;
/// PReLU's slope `a` for `x < 0`, a parameter of the graph (learned in a net).
pub const PRELU_SLOPE: f64 = 0.25;

/// One activation, sampled.
#[derive(Clone, Debug, PartialEq)]
pub struct Activation {
    /// Its name: `step`, `sigmoid`, `tanh`, `relu`, `leaky_relu`, `prelu`, `gelu`, `elu`,
    /// `silu`, `softplus`.
    pub name: &'static str,
    /// `f(x)`.
    pub formula: String,
    /// `f'(x)`.
    pub derivative: String,
    /// The sample points.
    pub xs: Vec<f64>,
    /// `f(x)` at each sample, from the engine's forward pass.
    pub values: Vec<f64>,
    /// `f'(x)` at each sample, from the engine's backward pass.
    pub derivatives: Vec<f64>,
    /// The largest derivative over the samples.
    pub max_derivative: f64,
    /// Where it is reached (the first such sample).
    pub argmax: f64,
    /// The smallest derivative over the samples.
    pub min_derivative: f64,
    /// The largest `|f'(x) − (f(x + h) − f(x − h)) / 2h|` over samples with `|x| > 2h`,
    /// `h = 1e-5`: the engine's derivative against finite differences.
    pub finite_difference_error: f64,
}

/// Every activation of the course.
#[derive(Clone, Debug, PartialEq)]
pub struct Gallery {
    /// In the course's order.
    pub activations: Vec<Activation>,
}

impl Gallery {
    /// The activation called `name`, if any.
    pub fn get(&self, name: &str) -> Option<&Activation> {
        self.activations.iter().find(|a| a.name == name)
    }
}

/// The order the course presents activations in, from the step to ReLU and its cousins; an
/// activation of the table that is not listed here comes after them.
const COURSE_ORDER: [&str; 10] = [
    "step",
    "sigmoid",
    "tanh",
    "relu",
    "leaky_relu",
    "prelu",
    "gelu",
    "elu",
    "silu",
    "softplus",
];

/// The course's activations: every activation of the table of ops ([`gradgraph::OPS`]), in the
/// course's order, with the slope of a leaky relu set to [`LEAKY_SLOPE`] so that it shows. Their
/// formulas are the table's, with that slope written in; for PReLU, whose slope `a` is a
/// second operand, the derivative shown is the one with respect to `x`.
fn activations() -> impl Iterator<Item = (gradgraph::Op, String, String)> {
    let mut table: Vec<&gradgraph::OpInfo> = gradgraph::OPS.iter().collect();
    let rank = |name: &str| COURSE_ORDER.iter().position(|&n| n == name);
    // a stable sort: the course's activations first, in its order, then the others
    table.sort_by_key(|info| rank(info.name).unwrap_or(COURSE_ORDER.len()));
    table
        .into_iter()
        .filter(|info| matches!(info.kind, gradgraph::Kind::Activation(_)))
        .filter(|info| info.op.arity() <= 2)
        .map(|info| {
            let op = match info.op {
                Op::LeakyRelu(_) => info.op.with_param(LEAKY_SLOPE),
                op => op,
            };
            // the table's formula and derivative towards x, written with x (and PReLU's a)
            let mut formula = op.write_formula(&["x", "a"]);
            if op == Op::Prelu {
                formula = format!("{formula} with a = {PRELU_SLOPE}");
            }
            (op, formula, op.write_derivative(0, &["x", "a"]))
        })
}

/// Samples every activation and its engine-computed derivative at `points` evenly spaced
/// points of [`RANGE`] (both ends included; at least 2).
pub fn run(points: usize) -> Gallery {
    let points = points.max(2);
    let (lo, hi) = RANGE;
    // x_k = lo + (hi − lo)·k/(n − 1): exact at both ends, and at 0 when n is odd
    let xs: Vec<f64> = (0..points)
        .map(|k| lo + (hi - lo) * k as f64 / (points - 1) as f64)
        .collect();
    let activations = activations()
        .map(|(op, formula, derivative)| {
            let name = op.name();
            let g = Graph::new();
            let x = g.input(0.0).with_label("x");
            let a = g.parameter(PRELU_SLOPE).with_label("a");
            let operands = [x, a];
            let y = g
                .apply(op, &operands[..op.arity()])
                .expect("an activation takes x, and PReLU its slope")
                .with_label(name);
            let mut values = Vec::with_capacity(points);
            let mut derivatives = Vec::with_capacity(points);
            let mut fd_error: f64 = 0.0;
            // f(x) by replaying the graph at x
            let f = |at: f64| {
                x.set_data(at);
                g.forward();
                y.data()
            };
            const H: f64 = 1e-5;
            for &at in &xs {
                let value = f(at);
                g.zero_grad();
                g.backward(y);
                let d = x.grad();
                values.push(value);
                derivatives.push(d);
                if at.abs() > 2.0 * H {
                    let numeric = (f(at + H) - f(at - H)) / (2.0 * H);
                    fd_error = fd_error.max((d - numeric).abs());
                }
            }
            let (mut max_derivative, mut argmax) = (f64::NEG_INFINITY, f64::NAN);
            for (&at, &d) in xs.iter().zip(&derivatives) {
                if d > max_derivative {
                    (max_derivative, argmax) = (d, at);
                }
            }
            let min_derivative = derivatives.iter().copied().fold(f64::INFINITY, f64::min);
            Activation {
                name,
                formula,
                derivative,
                xs: xs.clone(),
                values,
                derivatives,
                max_derivative,
                argmax,
                min_derivative,
                finite_difference_error: fd_error,
            }
        })
        .collect();
    Gallery { activations }
}

impl Gallery {
    /// What the section shows, in one sentence with its numbers: the backward pass's
    /// derivatives match finite differences, the sigmoid's is at most 0.25, tanh's at most
    /// 1, and the step's is 0.
    pub fn conclusion(&self) -> String {
        self.conclusion_in(Lang::En)
    }

    /// [`Gallery::conclusion`] in `lang`.
    pub fn conclusion_in(&self, lang: Lang) -> String {
        let worst = self
            .activations
            .iter()
            .map(|a| a.finite_difference_error)
            .fold(0.0, f64::max);
        let most = |name: &str| self.get(name).map_or(f64::NAN, |a| a.max_derivative);
        say(
            lang,
            "activations-conclusion",
            &[
                ("worst", lang.decimal(&format!("{worst:.1e}"))),
                ("sigmoid", sig_in(lang, most("sigmoid"), 4)),
                ("tanh", sig_in(lang, most("tanh"), 4)),
                ("step", sig_in(lang, most("step"), 4)),
            ],
        )
    }
}

impl fmt::Display for Gallery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.report(Lang::En))
    }
}

impl Gallery {
    /// The table of every activation's derivative (what `Display` writes), in `lang`.
    pub fn report(&self, lang: Lang) -> String {
        let (lo, hi) = RANGE;
        let title = say(
            lang,
            "activations-title",
            &[("lo", lang.number(lo)), ("hi", lang.number(hi))],
        );
        let mut table = Table::new(&[
            say(lang, "activations-activation", &[]),
            "f'(x)".to_owned(),
            say(lang, "activations-max", &[]),
            say(lang, "activations-at", &[]),
            say(lang, "activations-min", &[]),
            say(lang, "activations-finite", &[]),
        ]);
        for a in &self.activations {
            table.row(vec![
                activation_name(a.name, lang),
                formula_in(&a.derivative, lang),
                sig_in(lang, a.max_derivative, 6),
                lang.decimal(&format!("{:.2}", a.argmax)),
                sig_in(lang, a.min_derivative, 4),
                lang.decimal(&format!("{:.1e}", a.finite_difference_error)),
            ]);
        }
        format!("{title}\n{table}")
    }
}

impl Gallery {
    /// The plot `activations.svg`, as its file name and SVG text: one panel per activation,
    /// the function solid and its derivative dashed.
    ///
    /// Returns the errors of [`Figure::to_svg`](crate::plot::Figure::to_svg).
    pub fn plots(&self) -> Result<Vec<(&'static str, String)>, crate::Error> {
        self.plots_in(Lang::En)
    }

    /// [`Gallery::plots`] with the words and numbers in `lang`.
    pub fn plots_in(&self, lang: Lang) -> Result<Vec<(&'static str, String)>, crate::Error> {
        use crate::plot::{Chart, Figure, Legend, Panel, Series};
        let panels: Vec<Panel> = self
            .activations
            .iter()
            .map(|a| {
                // every other sample is plenty for a smooth line
                let pairs = |ys: &[f64]| -> Vec<(f64, f64)> {
                    a.xs.iter()
                        .copied()
                        .zip(ys.iter().copied())
                        .step_by(2)
                        .collect()
                };
                let bounded = a.values.iter().all(|v| v.abs() <= 1.0);
                let (lo, hi) = if bounded { (-1.2, 1.2) } else { (-1.5, 4.0) };
                Chart::new(activation_name(a.name, lang))
                    .x_label("x")
                    .y_range(lo, hi)
                    .legend(Legend::UpperLeft)
                    .series(Series::line("f", pairs(&a.values)))
                    .series(Series::dashed("f'", pairs(&a.derivatives)))
                    .into()
            })
            .collect();
        let svg = Figure::grid(panels, 5, (320, 260))
            .title(lang.text("plot-activations-title", &[]))
            .lang(lang)
            .to_svg()?;
        Ok(vec![("activations.svg", svg)])
    }
}
