//! Backpropagation is the chain rule: the course's two worked examples, each factor derived by
//! hand beside the number the engine's backward pass used.
//!
//! 1. A chain of three nodes `h = σ`, `g = tanh`, `f = σ` with weight `w` and input `x = 1`:
//!    `y = f(g(h(w x)))`, so `dy/dw = f'(g(h(wx))) · g'(h(wx)) · h'(wx) · x`.
//! 2. Two sigmoid neurons `g1 = x w1`, `z1 = σ(g1)`, `g2 = z1 w2`, `ŷ = σ(g2)` with the error
//!    `J = (1/N) Σ (ŷ(i) − y(i))²`: `dJ/dw2 = dJ/dŷ · dŷ/dg2 · dg2/dw2` and
//!    `dJ/dw1 = dJ/dŷ · dŷ/dg2 · dg2/dz1 · dz1/dg1 · dg1/dw1`, summed over the samples, and one
//!    gradient-descent step `w ← w − α dJ/dw`.
//!
//! Each hand-derived factor is computed from its closed form (`σ(u)(1 − σ(u))`,
//! `1 − tanh²(u)`, ...) in plain `f64`, and compared with the local derivative or the
//! upstream gradient that [`Graph::backward_trace`] recorded on the matching edge.
//!
//! # Examples
//! ```
//! # fn main() -> Result<(), gradgraph_course::Error> {
//! let result = gradgraph_course::experiments::chain_rule::run()?;
//! for d in [&result.chain, &result.neurons] {
//!     for factor in &d.factors {
//!         assert!(factor.agrees(), "{}", factor.name);
//!     }
//! }
//! assert!(result.loss_after < result.loss_before);
//! # Ok(()) }
//! ```

use super::{Lang, Table, say, sig_in};
use crate::Error;
use gradgraph::{Graph, Trace};
use std::fmt;

/// One factor of a chain-rule product: derived by hand, and as the engine used it.
#[derive(Clone, Debug, PartialEq)]
pub struct Factor {
    /// What it is, for example `dŷ/dg2 (sample 1)`.
    pub name: String,
    /// Its closed form, for example `ŷ(1 − ŷ)`.
    pub formula: String,
    /// The closed form evaluated by hand.
    pub hand: f64,
    /// The number the engine's backward pass used (a local derivative or an upstream
    /// gradient of its trace, or a gradient it accumulated).
    pub engine: f64,
}

impl Factor {
    /// True when hand and engine agree to within a few units in the last place
    /// (`|hand − engine| ≤ 1e-14 · max(1, |hand|)`).
    pub fn agrees(&self) -> bool {
        self.difference() <= 1e-14 * self.hand.abs().max(1.0)
    }

    /// `|hand − engine|`: 0 or a few units in the last place of `hand`.
    pub fn difference(&self) -> f64 {
        (self.hand - self.engine).abs()
    }
}

impl Derivation {
    /// The largest `|hand − engine|` of its factors.
    pub fn largest_difference(&self) -> f64 {
        self.factors
            .iter()
            .map(Factor::difference)
            .fold(0.0, f64::max)
    }
}

/// One worked example: its factors, then the gradients they multiply into, and the engine's
/// step-by-step trace.
#[derive(Clone, Debug, PartialEq)]
pub struct Derivation {
    /// The expression, with its numbers.
    pub title: String,
    /// Local derivatives and upstream gradients, then the final gradients.
    pub factors: Vec<Factor>,
    /// The engine's backward pass, step by step.
    pub trace: Trace,
}

/// Both worked examples, and one gradient-descent step of the second.
#[derive(Clone, Debug, PartialEq)]
pub struct ChainRule {
    /// `y = f(g(h(w x)))`.
    pub chain: Derivation,
    /// Two sigmoid neurons under the mean squared error.
    pub neurons: Derivation,
    /// The learning rate α of the step.
    pub learning_rate: f64,
    /// `J` before the step.
    pub loss_before: f64,
    /// `J` after `w ← w − α dJ/dw` for both weights, recomputed by replaying the graph.
    pub loss_after: f64,
}

/// The chain's weight `w` and input `x`, the two neurons' starting weights `(w1, w2)` and
/// their samples `(x(i), y(i))`: those of the graphs the gallery draws.
pub use crate::examples::{CHAIN, SAMPLES, WEIGHTS};
/// The learning rate α.
pub const LEARNING_RATE: f64 = 0.5;

fn sigmoid(u: f64) -> f64 {
    1.0 / (1.0 + pxfm::f_exp(-u))
}

/// The step of `trace` for the node labelled `label`.
fn step<'t>(trace: &'t Trace, label: &str) -> Result<&'t gradgraph::TraceStep, Error> {
    trace
        .steps
        .iter()
        .find(|s| s.label.as_deref() == Some(label))
        .ok_or_else(|| {
            Error::out_of_range(
                "backward trace",
                format!("the backward trace has no node labelled {label}"),
            )
        })
}

/// The local derivative `∂ node / ∂ input` that backward used on the edge between the nodes
/// labelled `node` and `input`.
fn local(trace: &Trace, node: &str, input: &str) -> Result<f64, Error> {
    step(trace, node)?
        .inputs
        .iter()
        .find(|e| e.label.as_deref() == Some(input))
        .map(|e| e.local)
        .ok_or_else(|| {
            Error::out_of_range(
                "backward trace",
                format!("the backward trace has no edge {node} → {input}"),
            )
        })
}

fn factor(name: impl Into<String>, formula: &str, hand: f64, engine: f64) -> Factor {
    Factor {
        name: name.into(),
        formula: formula.to_owned(),
        hand,
        engine,
    }
}

/// The node of `g` labelled `label`.
fn labelled<'g>(g: &'g Graph, label: &str) -> Result<gradgraph::Value<'g>, Error> {
    g.values()
        .find(|v| v.label().as_deref() == Some(label))
        .ok_or_else(|| {
            Error::out_of_range(
                "example",
                format!("the example has no node labelled {label}"),
            )
        })
}

/// `y = f(g(h(w x)))` with `h = σ`, `g = tanh`, `f = σ`: the graph of
/// [`examples::chain`](crate::examples::chain), the one the gallery draws.
fn chain() -> Result<Derivation, Error> {
    let (w0, x0) = CHAIN;
    let g = Graph::new();
    let y = crate::examples::chain(&g);
    let (x, w) = (labelled(&g, "x")?, labelled(&g, "w")?);
    let trace = g.backward_trace(y);

    // by hand, from the closed forms of each derivative
    let u0 = w0 * x0;
    let h0 = sigmoid(u0);
    let g0 = pxfm::f_tanh(h0);
    let y0 = sigmoid(g0);
    let df = y0 * (1.0 - y0); // f'(g) = σ(g)(1 − σ(g))
    let dg = 1.0 - g0 * g0; // g'(h) = 1 − tanh²(h)
    let dh = h0 * (1.0 - h0); // h'(wx) = σ(wx)(1 − σ(wx))
    let factors = vec![
        factor(
            "f'(g(h(wx)))",
            "σ(g)(1 − σ(g))",
            df,
            local(&trace, "y", "g")?,
        ),
        factor("g'(h(wx))", "1 − tanh²(h)", dg, local(&trace, "g", "h")?),
        factor("h'(wx)", "σ(wx)(1 − σ(wx))", dh, local(&trace, "h", "w·x")?),
        factor("d(wx)/dw", "x", x0, local(&trace, "w·x", "w")?),
        factor("dy/dw", "f'·g'·h'·x", df * dg * dh * x0, w.grad()),
        factor("dy/dx", "f'·g'·h'·w", df * dg * dh * w0, x.grad()),
    ];
    Ok(Derivation {
        title: format!("y = f(g(h(w·x))), h = σ, g = tanh, f = σ, w = {w0}, x = {x0}"),
        factors,
        trace,
    })
}

/// Two sigmoid neurons under `J = (1/N) Σ (ŷ(i) − y(i))²`, then one step of gradient descent.
fn neurons() -> Result<(Derivation, f64, f64), Error> {
    let (w1_0, w2_0) = WEIGHTS;
    let n = SAMPLES.len() as f64;
    let g = Graph::new();
    let j = crate::examples::two_neurons(&g);
    let (w1, w2) = (labelled(&g, "w1")?, labelled(&g, "w2")?);
    let trace = g.backward_trace(j);

    let mut factors = Vec::new();
    let (mut dw1, mut dw2) = (0.0, 0.0);
    for (i, &(x, y)) in SAMPLES.iter().enumerate() {
        let k = i + 1;
        let label = |name: &str| format!("{name}({k})");
        // forward by hand
        let g1 = x * w1_0;
        let z1 = sigmoid(g1);
        let g2 = z1 * w2_0;
        let y_hat = sigmoid(g2);
        // the factors of the chain rule
        let dj_dy = 2.0 * (y_hat - y) / n; // dJ/dŷ = 2(ŷ − y)/N
        let dy_dg2 = y_hat * (1.0 - y_hat); // σ'(g2) = ŷ(1 − ŷ)
        let dg2_dw2 = z1;
        let dg2_dz1 = w2_0;
        let dz1_dg1 = z1 * (1.0 - z1); // σ'(g1) = z1(1 − z1)
        let dg1_dw1 = x;
        dw2 += dj_dy * dy_dg2 * dg2_dw2;
        dw1 += dj_dy * dy_dg2 * dg2_dz1 * dz1_dg1 * dg1_dw1;
        let (yh, g2l, z1l, g1l) = (label("ŷ"), label("g2"), label("z1"), label("g1"));
        factors.extend([
            factor(
                format!("dJ/dŷ({k})"),
                "2(ŷ − y)/N",
                dj_dy,
                step(&trace, &yh)?.upstream,
            ),
            factor(
                format!("dŷ/dg2({k})"),
                "ŷ(1 − ŷ)",
                dy_dg2,
                local(&trace, &yh, &g2l)?,
            ),
            factor(
                format!("dg2/dw2({k})"),
                "z1",
                dg2_dw2,
                local(&trace, &g2l, "w2")?,
            ),
            factor(
                format!("dg2/dz1({k})"),
                "w2",
                dg2_dz1,
                local(&trace, &g2l, &z1l)?,
            ),
            factor(
                format!("dz1/dg1({k})"),
                "z1(1 − z1)",
                dz1_dg1,
                local(&trace, &z1l, &g1l)?,
            ),
            factor(
                format!("dg1/dw1({k})"),
                "x",
                dg1_dw1,
                local(&trace, &g1l, "w1")?,
            ),
        ]);
    }
    factors.push(factor(
        "dJ/dw2",
        "Σ dJ/dŷ · dŷ/dg2 · dg2/dw2",
        dw2,
        w2.grad(),
    ));
    factors.push(factor(
        "dJ/dw1",
        "Σ dJ/dŷ · dŷ/dg2 · dg2/dz1 · dz1/dg1 · dg1/dw1",
        dw1,
        w1.grad(),
    ));

    // one step of gradient descent, then replay the same graph with the new weights
    let before = j.data();
    w1.set_data(w1_0 - LEARNING_RATE * w1.grad());
    w2.set_data(w2_0 - LEARNING_RATE * w2.grad());
    g.forward();
    let after = j.data();
    let title = format!(
        "two sigmoid neurons, J = (1/N) Σ (ŷ − y)², w1 = {w1_0}, w2 = {w2_0}, samples (x, y) = {}",
        SAMPLES
            .iter()
            .map(|(x, y)| format!("({x}, {y})"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    Ok((
        Derivation {
            title,
            factors,
            trace,
        },
        before,
        after,
    ))
}

/// Runs both worked examples.
///
/// Returns [`Error::OutOfRange`] only if the engine's trace lacks a node the derivation names
/// (which would be a bug of the engine).
pub fn run() -> Result<ChainRule, Error> {
    let chain = chain()?;
    let (neurons, loss_before, loss_after) = neurons()?;
    Ok(ChainRule {
        chain,
        neurons,
        learning_rate: LEARNING_RATE,
        loss_before,
        loss_after,
    })
}

impl ChainRule {
    /// What the section shows, in one sentence with its numbers: every factor by hand is the
    /// engine's (the largest difference, rounding), and the step lowers J.
    pub fn conclusion(&self) -> String {
        self.conclusion_in(Lang::En)
    }

    /// [`ChainRule::conclusion`] in `lang`.
    pub fn conclusion_in(&self, lang: Lang) -> String {
        let largest = self
            .chain
            .largest_difference()
            .max(self.neurons.largest_difference());
        let all = self.chain.factors.iter().chain(&self.neurons.factors);
        let agree = if all.clone().all(Factor::agrees) {
            say(
                lang,
                "chain-agree",
                &[("largest", lang.decimal(&difference(largest)))],
            )
        } else {
            let wrong: Vec<&str> = all
                .filter(|f| !f.agrees())
                .map(|f| f.name.as_str())
                .collect();
            say(lang, "chain-wrong", &[("names", wrong.join(", "))])
        };
        say(
            lang,
            "chain-conclusion",
            &[
                ("agree", agree),
                ("before", sig_in(lang, self.loss_before, 6)),
                ("after", sig_in(lang, self.loss_after, 6)),
            ],
        )
    }

    /// The factors' tables of both worked examples and the step, in `lang` (the tour's
    /// report; the engine's traces left out, as the alternate form `{:#}` does).
    pub fn report(&self, lang: Lang) -> String {
        let (w, x) = CHAIN;
        let (w1, w2) = WEIGHTS;
        let separator = if lang == Lang::En { ", " } else { "; " };
        let samples = SAMPLES
            .iter()
            .map(|(x, y)| format!("({}{separator}{})", lang.number(*x), lang.number(*y)))
            .collect::<Vec<_>>()
            .join(", ");
        let chain_title = say(
            lang,
            "chain-title",
            &[("w", lang.number(w)), ("x", lang.number(x))],
        );
        let neurons_title = say(
            lang,
            "chain-neurons-title",
            &[
                ("w1", lang.number(w1)),
                ("w2", lang.number(w2)),
                ("samples", samples),
            ],
        );
        format!(
            "{}\n{}\n{}\n",
            self.chain.table(&chain_title, lang),
            self.neurons.table(&neurons_title, lang),
            self.step_line(lang)
        )
    }

    /// `one step w ← w − α·dJ/dw: J = before → after`.
    fn step_line(&self, lang: Lang) -> String {
        say(
            lang,
            "chain-step",
            &[
                ("rate", lang.number(self.learning_rate)),
                ("before", sig_in(lang, self.loss_before, 6)),
                ("after", sig_in(lang, self.loss_after, 6)),
            ],
        )
    }
}

/// A difference with two significant digits, `5.6e-17`, or `0`.
fn difference(d: f64) -> String {
    if d == 0.0 {
        "0".to_owned()
    } else {
        format!("{d:.1e}")
    }
}

/// The factors' table (each factor by hand, with a few significant digits, and how far the
/// engine's number is from it), then the engine's trace; the alternate form (`{:#}`) leaves the trace
/// out.
impl fmt::Display for Derivation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.table(&self.title, Lang::En))?;
        if f.alternate() {
            return Ok(());
        }
        writeln!(
            f,
            "  the engine's backward pass, node by node (local × upstream = product):"
        )?;
        for step in &self.trace.steps {
            writeln!(f, "    {step}")?;
        }
        Ok(())
    }
}

impl Derivation {
    /// Its title, then its factors' table in `lang`.
    fn table(&self, title: &str, lang: Lang) -> String {
        let mut table = Table::new(&[
            say(lang, "chain-factor", &[]),
            say(lang, "chain-closed-form", &[]),
            say(lang, "chain-by-hand", &[]),
            say(lang, "chain-difference", &[]),
        ]);
        for factor in &self.factors {
            let mut difference = lang.decimal(&difference(factor.difference()));
            if !factor.agrees() {
                difference.push(' ');
                difference.push_str(&say(lang, "chain-disagree", &[]));
            }
            table.row(vec![
                factor.name.clone(),
                factor.formula.clone(),
                sig_in(lang, factor.hand, 6),
                difference,
            ]);
        }
        format!("{title}\n{table}")
    }
}

/// Both derivations and the step; the alternate form (`{:#}`) leaves the traces out.
impl fmt::Display for ChainRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if f.alternate() {
            writeln!(f, "{:#}", self.chain)?;
            writeln!(f, "{:#}", self.neurons)?;
        } else {
            writeln!(f, "{}", self.chain)?;
            writeln!(f, "{}", self.neurons)?;
        }
        writeln!(f, "{}", self.step_line(Lang::En))
    }
}
