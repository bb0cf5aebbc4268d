//! The backward pass step by step: for every node, the gradient that arrives from above, and
//! for each operand the local derivative and their product, what it sends. This is the
//! course's chain rule made visible: `gradgraph expr --trace`, the page, the frames and the
//! LaTeX derivation are all drawn from a [`Trace`].
//!
//! Recording follows [`Graph::backward`] step for step, with the same arithmetic, so a
//! trace's numbers are the gradients backward stores, to the last bit.

use crate::backward::{NOT_REACHED, accumulate, reached};
use crate::error::{Error, Pass};
use crate::graph::{Graph, Operands};
use crate::notation::format_number;
use crate::ops::Op;
use crate::value::Value;
use petgraph::graph::NodeIndex;
use std::fmt;

/// One gradient sent along one edge during backward: an entry of a [`TraceStep`].
#[derive(Clone, Debug, PartialEq)]
pub struct TraceEdge {
    /// The operand's node index.
    pub input: usize,
    /// The operand's label, if it has one.
    pub label: Option<String>,
    /// The local derivative `∂ node / ∂ input`.
    pub local: f64,
    /// `local × upstream`: what this edge adds to the operand's gradient.
    pub product: f64,
}

/// One node processed by backward, in the order backward processes them.
#[derive(Clone, Debug, PartialEq)]
pub struct TraceStep {
    /// The node's index.
    pub node: usize,
    /// Its op.
    pub op: Op,
    /// Its label, if it has one.
    pub label: Option<String>,
    /// Its value.
    pub data: f64,
    /// The gradient arriving from above, `d output / d node`, complete at this point.
    pub upstream: f64,
    /// What it sends to each operand, in operand order (empty for leaves).
    pub inputs: Vec<TraceEdge>,
}

/// The backward pass as it ran: see [`Graph::backward_trace`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Trace {
    /// One step per node the output depends on, from the output down to the leaves.
    pub steps: Vec<TraceStep>,
}

fn name(index: usize, label: &Option<String>) -> String {
    match label {
        Some(l) => format!("#{index} {l}"),
        None => format!("#{index}"),
    }
}

impl fmt::Display for TraceStep {
    /// One line: `#4 tanh data=0.2913 upstream=1 | → #3: 0.9151 × 1 = 0.9151`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} data={} upstream={}",
            name(self.node, &self.label),
            self.op,
            self.data,
            self.upstream
        )?;
        for (k, e) in self.inputs.iter().enumerate() {
            let sep = if k == 0 { " |" } else { ";" };
            write!(
                f,
                "{sep} → {}: {} × {} = {}",
                name(e.input, &e.label),
                e.local,
                self.upstream,
                e.product
            )?;
        }
        Ok(())
    }
}

impl fmt::Display for Trace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for step in &self.steps {
            writeln!(f, "{step}")?;
        }
        Ok(())
    }
}

/// How a trace names a node: `#5 tanh`, `#0 x` (its label), `#3 const 2`.
///
/// # Examples
/// ```
/// let g = gradgraph::Graph::new();
/// let x = g.input(0.5).with_label("x");
/// let y = (x + 2.0).tanh();
/// assert_eq!(gradgraph::node_name(&g, 0), "#0 x");
/// assert_eq!(gradgraph::node_name(&g, y.index()), "#2 tanh");
/// ```
pub fn node_name(g: &Graph, index: usize) -> String {
    let Some(v) = g.get(index) else {
        return format!("#{index}");
    };
    match v.label() {
        Some(label) => format!("#{index} {label}"),
        None if v.op() == Op::Const => {
            format!("#{index} const {}", format_number(v.data()))
        }
        None => format!("#{index} {}", v.op()),
    }
}

/// The text of one backward step, in the columns `gradgraph expr --trace` prints and the
/// interactive page shows: made by [`TraceStep::text`], so the two cannot drift apart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepText {
    /// The node's name ([`node_name`]).
    pub name: String,
    /// Its value.
    pub data: String,
    /// The gradient arriving from above, `∂f/∂node`.
    pub upstream: String,
    /// What it sends to each operand (`→ #1 x: 0.5 × 1 = 0.5   → …`), or for a leaf what it
    /// keeps (`variable: ∂f/∂x = 0.5`, `constant: no gradient kept`).
    pub sent: String,
}

impl fmt::Display for StepText {
    /// The columns without padding, two spaces apart.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}  {}  {}  {}",
            self.name, self.data, self.upstream, self.sent
        )
    }
}

impl TraceStep {
    /// This step's text, as `gradgraph expr --trace` prints it (numbers in their shortest
    /// exact form, [`format_number`]). `g` is the graph the
    /// trace was recorded on.
    ///
    /// # Examples
    /// ```
    /// let g = gradgraph::Graph::new();
    /// let x = g.input(2.0).with_label("x");
    /// let y = x * 3.0;
    /// let trace = g.backward_trace(y);
    /// assert_eq!(trace.steps[0].text(&g).to_string(), "#1 * 3  6  1  → #0 x: 3 × 1 = 3");
    /// assert_eq!(trace.steps[1].text(&g).sent, "variable: ∂f/∂x = 3");
    /// ```
    pub fn text(&self, g: &Graph) -> StepText {
        self.text_in(g, &StepWords::default())
    }

    /// This step's text in the words and numbers of `words` (another language's, or numbers
    /// with a decimal comma); [`TraceStep::text`] is it with [`StepWords::default`].
    ///
    /// # Examples
    /// ```
    /// let g = gradgraph::Graph::new();
    /// let x = g.input(0.5).with_label("x");
    /// let y = x * 3.0;
    /// let trace = g.backward_trace(y);
    /// let variable = |name: &str, gradient: &str| format!("variável: ∂f/∂{name} = {gradient}");
    /// let number = |v: f64| gradgraph::format_number(v).replace('.', ",");
    /// let words = gradgraph::StepWords {
    ///     variable: &variable,
    ///     constant: "constante: não guarda gradiente".to_owned(),
    ///     number: &number,
    /// };
    /// assert_eq!(trace.steps[0].text_in(&g, &words).to_string(), "#1 * 3  1,5  1  → #0 x: 3 × 1 = 3");
    /// assert_eq!(trace.steps[1].text_in(&g, &words).sent, "variável: ∂f/∂x = 3");
    /// ```
    pub fn text_in(&self, g: &Graph, words: &StepWords<'_>) -> StepText {
        let n = words.number;
        // a constant's name carries its value: written as the other numbers are
        let name = |index: usize| match g.get(index) {
            Some(v) if v.label().is_none() && v.op() == Op::Const => {
                format!("#{index} const {}", n(v.data()))
            }
            _ => node_name(g, index),
        };
        let upstream = n(self.upstream);
        let sent = if self.inputs.is_empty() {
            if self.op == Op::Const {
                words.constant.clone()
            } else {
                (words.variable)(self.label.as_deref().unwrap_or("?"), &upstream)
            }
        } else {
            let edges: Vec<String> = self
                .inputs
                .iter()
                .map(|edge| {
                    format!(
                        "→ {}: {} × {} = {}",
                        name(edge.input),
                        n(edge.local),
                        upstream,
                        n(edge.product)
                    )
                })
                .collect();
            edges.join("   ")
        };
        StepText {
            name: name(self.node),
            data: n(self.data),
            upstream,
            sent,
        }
    }
}

/// The words and numbers of a backward step's text ([`TraceStep::text_in`]), in one
/// language.
pub struct StepWords<'a> {
    /// What a variable keeps, from its name and its gradient: `variable: ∂f/∂x = 0.5`.
    pub variable: &'a dyn Fn(&str, &str) -> String,
    /// What a constant keeps: `constant: no gradient kept`.
    pub constant: String,
    /// A number as the reader writes it.
    pub number: &'a dyn Fn(f64) -> String,
}

impl Default for StepWords<'_> {
    /// English, numbers in their shortest exact form ([`format_number`]).
    fn default() -> Self {
        StepWords {
            variable: &|name, gradient| format!("variable: ∂f/∂{name} = {gradient}"),
            constant: "constant: no gradient kept".to_owned(),
            number: &format_number,
        }
    }
}

/// The first place a non-finite number appeared, found by [`Graph::try_backward`].
#[derive(Clone, Copy)]
struct Anomaly {
    node: usize,
    input: Option<usize>,
    value: f64,
}

impl Graph {
    /// Backward with anomaly detection, as PyTorch's `detect_anomaly`: if a value that `y`
    /// depends on, or a gradient, is NaN or infinite, returns [`Error::NonFinite`] naming the
    /// first node that produced it (from finite inputs). Gradients are accumulated as by
    /// [`Graph::backward`] either way, so they can still be inspected.
    ///
    /// # Examples
    /// ```
    /// let g = gradgraph::Graph::new();
    /// let x = g.input(-1.0).with_label("x");
    /// let y = x.log() * 2.0;
    /// let err = g.try_backward(y).unwrap_err();
    /// assert!(err.to_string().contains("#1 log"));
    /// ```
    pub fn try_backward(&self, y: Value<'_>) -> Result<(), Error> {
        let trace = self.backward_trace(y);
        // in index order: the first value that is not finite although its operands are
        let value = trace.steps.iter().rev().find_map(|step| {
            let operands_finite = step
                .inputs
                .iter()
                .all(|e| self.data_at(e.input).is_finite());
            (!step.data.is_finite() && operands_finite).then_some(Anomaly {
                node: step.node,
                input: None,
                value: step.data,
            })
        });
        if let Some(bad) = value {
            return Err(self.anomaly_error(bad, Pass::Forward));
        }
        // in the order backward sends them: the first gradient that is not finite although
        // the one arriving at its node is
        let gradient = trace
            .steps
            .iter()
            .filter(|step| step.upstream.is_finite())
            .find_map(|step| {
                let edge = step.inputs.iter().find(|e| !e.product.is_finite())?;
                Some(Anomaly {
                    node: step.node,
                    input: Some(edge.input),
                    value: edge.product,
                })
            });
        match gradient {
            Some(bad) => Err(self.anomaly_error(bad, Pass::Backward)),
            None => Ok(()),
        }
    }

    fn data_at(&self, index: usize) -> f64 {
        Value::new(self, index as u32).data()
    }

    fn anomaly_error(&self, bad: Anomaly, pass: Pass) -> Error {
        let describe = |i: usize| {
            let v = Value::new(self, i as u32);
            match v.label() {
                Some(l) => format!("#{i} {} ({l})", v.op()),
                None => format!("#{i} {}", v.op()),
            }
        };
        let operands: Vec<String> = self
            .operands(Value::new(self, bad.node as u32))
            .iter()
            .map(|v| v.data().to_string())
            .collect();
        let detail = match bad.input {
            None => format!(
                "node {} computed {} from operands [{}]",
                describe(bad.node),
                bad.value,
                operands.join(", ")
            ),
            Some(input) => format!(
                "node {} sent gradient {} to {} (operands [{}])",
                describe(bad.node),
                bad.value,
                describe(input),
                operands.join(", ")
            ),
        };
        Error::NonFinite {
            pass,
            node: bad.node,
            detail,
        }
    }

    /// Backward, recording each step: for every node in the order processed, its value, the
    /// gradient arriving from above, and for each operand the local derivative and the
    /// product sent. This is the course's chain rule made visible. Gradients accumulate
    /// exactly as with [`Graph::backward`].
    ///
    /// # Examples
    /// ```
    /// let g = gradgraph::Graph::new();
    /// let x = g.input(2.0).with_label("x");
    /// let y = (x * 3.0).with_label("y");
    /// let trace = g.backward_trace(y);
    /// assert_eq!(trace.steps[0].inputs[0].local, 3.0); // d(3x)/dx
    /// assert_eq!(trace.steps[1].label.as_deref(), Some("x"));
    /// assert_eq!(trace.steps[1].upstream, 3.0);
    /// ```
    pub fn backward_trace(&self, y: Value<'_>) -> Trace {
        let trace = self.backward_trace_kept(y);
        self.backward(y);
        trace
    }

    /// [`Graph::backward_trace`], leaving every stored gradient as it was: the pass as a
    /// picture or a derivation shows it, without changing what the graph holds.
    ///
    /// # Examples
    /// ```
    /// let g = gradgraph::Graph::new();
    /// let x = g.input(2.0).with_label("x");
    /// let y = x * 3.0;
    /// let trace = g.backward_trace_kept(y);
    /// assert_eq!(trace.steps[1].upstream, 3.0);
    /// assert_eq!(x.grad(), 0.0);
    /// ```
    pub fn backward_trace_kept(&self, y: Value<'_>) -> Trace {
        self.check_same(y);
        let dag = self.dag();
        // as in backward: grad[i] = d y / d node i, d y / d y = 1
        let mut grad = vec![NOT_REACHED; y.index() + 1];
        grad[y.index()] = 1.0;
        let mut operands = Operands::default();
        let mut steps = Vec::new();
        for node in (0..=y.index()).rev() {
            let upstream = grad[node];
            if !reached(upstream) {
                continue;
            }
            let stored = dag[NodeIndex::new(node)];
            let x = operands.read(&dag, node);
            let mut inputs = Vec::with_capacity(x.index.len());
            for (k, &operand) in x.index.iter().enumerate() {
                let local = stored.op.local_derivative(&x.data, stored.data, k);
                let product = local * upstream;
                accumulate(&mut grad[operand], product);
                let label = self.label_of(operand as u32);
                inputs.push(TraceEdge {
                    input: operand,
                    label,
                    local,
                    product,
                });
            }
            steps.push(TraceStep {
                node,
                op: stored.op,
                label: self.label_of(node as u32),
                data: stored.data,
                upstream,
                inputs,
            });
        }
        Trace { steps }
    }
}
