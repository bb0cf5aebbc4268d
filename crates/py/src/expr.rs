//! `gradgraph.expr("tanh(x*w + b)", x=1, w=0.5, b=-0.2)`: the command line's `expr`, its
//! value, its gradients and its backward pass, with its messages as Python exceptions.

use crate::error::{bad_type, bad_value};
use crate::lang::tr;
use crate::value::type_name;
use gradgraph::expr::{self, Expr};
use gradgraph::{Graph, Trace};
use gradgraph_draw::DotOptions;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use std::collections::{BTreeMap, HashMap};

pyo3::create_exception!(
    _engine,
    ExprError,
    pyo3::exceptions::PyValueError,
    "An expression that does not parse, a variable without a value, or a value or a \
     gradient that is not finite: the message is the command line's, with the expression \
     and a caret under the place when there is one."
);

/// The longest expression taken, in bytes (as `gradgraph expr -` reads).
const MAX_SOURCE: usize = 1 << 20;

/// An expression evaluated at some values: its value, each variable's gradient, the backward
/// pass step by step.
#[pyclass(frozen, module = "gradgraph", name = "Expr")]
pub struct Evaluated {
    source: String,
    values: Vec<(String, f64)>,
    /// The value of the expression.
    #[pyo3(get)]
    value: f64,
    grads: BTreeMap<String, f64>,
}

/// Parses `source` and checks `values` against its variables, as `gradgraph expr --at`.
fn read(source: &str, values: &[(String, f64)]) -> PyResult<Expr> {
    if source.len() > MAX_SOURCE {
        return Err(ExprError::new_err(tr!(
            "py-expr-too-long",
            bytes = source.len(),
            limit = MAX_SOURCE
        )));
    }
    let e = expr::parse(source).map_err(|err| ExprError::new_err(crate::lang::parse_text(&err)))?;
    let variables = e.variables();
    for (name, _) in values {
        if !variables.contains(&name.as_str()) {
            let binding = format!("{name}={}", value_text(values, name));
            let why = match expr::did_you_mean(name, variables.iter().copied()) {
                Some(close) => tr!(
                    "py-did-you-mean",
                    binding = binding,
                    name = name.as_str(),
                    close = close
                ),
                None if variables.is_empty() => tr!("py-no-variables", binding = binding),
                None => tr!(
                    "py-no-such-variable",
                    binding = binding,
                    name = name.as_str(),
                    variables = variables.join(", ")
                ),
            };
            return Err(ExprError::new_err(why));
        }
    }
    let missing: Vec<&str> = variables
        .iter()
        .copied()
        .filter(|v| !values.iter().any(|(n, _)| n == v))
        .collect();
    if !missing.is_empty() {
        let list = |each: &dyn Fn(&str) -> String| {
            missing
                .iter()
                .map(|m| each(m))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let placeholder = tr!("py-value");
        return Err(ExprError::new_err(tr!(
            "py-missing-values",
            count = missing.len(),
            names = list(&|m| format!("`{m}`")),
            fix = list(&|m| format!("{m}={placeholder}"))
        )));
    }
    Ok(e)
}

fn value_text(values: &[(String, f64)], name: &str) -> String {
    values
        .iter()
        .find(|(n, _)| n == name)
        .map_or_else(String::new, |(_, v)| format!("{v}"))
}

impl Evaluated {
    /// Each variable's value, as given.
    pub fn values(&self) -> &[(String, f64)] {
        &self.values
    }

    /// The graph of the expression, backward run: the graph, the expression and the output.
    fn graph(&self) -> PyResult<(Graph, usize)> {
        let e = read(&self.source, &self.values)?;
        let g = Graph::with_capacity(e.node_count(), 2 * e.node_count());
        let vars: HashMap<String, f64> = self.values.iter().cloned().collect();
        let built = e
            .build_with_spans(&g, &vars)
            .map_err(|err| ExprError::new_err(crate::lang::engine_text(&err)))?;
        let y = built.output.index();
        Ok((g, y))
    }

    fn traced(&self) -> PyResult<(Graph, Trace)> {
        let (g, y) = self.graph()?;
        let out = g
            .get(y)
            .ok_or_else(|| bad_value(tr!("py-output-missing")))?;
        let trace = g.backward_trace(out);
        Ok((g, trace))
    }
}

/// Evaluates `source` at `values` (each variable by name): `gradgraph expr`.
#[pyfunction]
#[pyo3(signature = (source, /, **values))]
pub fn expr_of(
    source: &Bound<'_, PyAny>,
    values: Option<&Bound<'_, PyDict>>,
) -> PyResult<Evaluated> {
    let source: String = source
        .extract()
        .map_err(|_| bad_type(tr!("py-expr-type", type = type_name(source))))?;
    let mut given = Vec::new();
    if let Some(values) = values {
        for (k, v) in values.iter() {
            let name: String = k.extract()?;
            let x = crate::value::float_of(&v, &tr!("py-variable-value", name = name.as_str()))?;
            if !x.is_finite() {
                return Err(ExprError::new_err(tr!(
                    "py-must-be-finite",
                    name = name.as_str(),
                    value = crate::error::number(x)
                )));
            }
            given.push((name, x));
        }
    }
    let e = read(&source, &given)?;
    let g = Graph::with_capacity(e.node_count(), 2 * e.node_count());
    let vars: HashMap<String, f64> = given.iter().cloned().collect();
    let built = e
        .build_with_spans(&g, &vars)
        .map_err(|err| ExprError::new_err(crate::lang::engine_text(&err)))?;
    if let Err(err) = g.try_backward(built.output) {
        return Err(ExprError::new_err(gradgraph_i18n::explanation_text(
            crate::lang::current(),
            &e.explain(&built, &err),
        )));
    }
    Ok(Evaluated {
        value: built.output.data(),
        grads: built
            .variables
            .iter()
            .map(|(name, v)| (name.clone(), v.grad()))
            .collect(),
        source,
        values: given,
    })
}

#[pymethods]
impl Evaluated {
    /// The expression, as given.
    #[getter]
    fn expression(&self) -> &str {
        &self.source
    }

    /// `∂f/∂variable` for each variable, by name.
    #[getter]
    fn grads(&self) -> BTreeMap<String, f64> {
        self.grads.clone()
    }

    /// The backward pass, as `gradgraph expr --json --trace` gives it: one dict per node, the
    /// output first (`node`, `op`, `label`, `data`, `upstream`, and `inputs`, each with its
    /// `local` derivative and the `product` sent).
    #[getter]
    fn trace<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let (g, trace) = self.traced()?;
        let op_of = |i: usize| g.get(i).map(|v| v.op().symbol()).unwrap_or_default();
        let steps = PyList::empty(py);
        for s in &trace.steps {
            let step = PyDict::new(py);
            step.set_item("node", s.node)?;
            step.set_item("op", s.op.symbol())?;
            step.set_item("label", s.label.clone())?;
            step.set_item("data", s.data)?;
            step.set_item("upstream", s.upstream)?;
            let inputs = PyList::empty(py);
            for e in &s.inputs {
                let input = PyDict::new(py);
                input.set_item("node", e.input)?;
                input.set_item("op", op_of(e.input))?;
                input.set_item("label", e.label.clone())?;
                input.set_item("local", e.local)?;
                input.set_item("product", e.product)?;
                inputs.append(input)?;
            }
            step.set_item("inputs", inputs)?;
            steps.append(step)?;
        }
        Ok(steps)
    }

    /// The backward pass as `gradgraph expr --trace` prints it, in `lang` (`"en"` or
    /// `"pt-BR"`; the package's language without it).
    #[pyo3(signature = (lang = None))]
    fn trace_text(&self, lang: Option<&str>) -> PyResult<String> {
        let lang = crate::lang::resolve(lang)?;
        let (g, trace) = self.traced()?;
        Ok(gradgraph_draw::trace_table_lang(&g, &trace, lang))
    }

    /// The graph in Graphviz's DOT language.
    #[pyo3(signature = (digits = 4))]
    fn to_dot(&self, digits: usize) -> PyResult<String> {
        let (g, y) = self.graph()?;
        let out = g
            .get(y)
            .ok_or_else(|| bad_value(tr!("py-output-missing")))?;
        g.backward(out);
        Ok(gradgraph_draw::to_dot(
            &g,
            &DotOptions::new()
                .ancestors_of(out)
                .precision(digits.clamp(1, 17)),
        ))
    }

    /// The backward pass as a LaTeX derivation.
    #[pyo3(signature = (standalone = true))]
    fn to_latex(&self, standalone: bool) -> PyResult<String> {
        let (_, trace) = self.traced()?;
        let document = if standalone {
            gradgraph_draw::latex::Document::Standalone
        } else {
            gradgraph_draw::latex::Document::Bare
        };
        gradgraph_draw::latex::derivation::to_latex(&trace, document)
            .map_err(|e| bad_value(e.to_string()))
    }

    /// The live page, opened on this expression and its values: one self-contained HTML
    /// file, opening in `lang` (`"en"` or `"pt-BR"`; the package's language without it).
    #[pyo3(signature = (lang = None))]
    fn page(&self, lang: Option<&str>) -> PyResult<String> {
        let lang = crate::lang::resolve(lang)?;
        Ok(gradgraph_web::page(&gradgraph_web::Page {
            expression: self.source.clone(),
            values: self
                .values
                .iter()
                .map(|(k, v)| (k.clone(), format!("{v:?}")))
                .collect(),
            lang,
            ..gradgraph_web::Page::default()
        }))
    }

    /// In a notebook: the live page, inline.
    fn _repr_html_(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        let display = slf.py().import("gradgraph._display")?;
        Ok(display.call_method1("expr_html", (slf,))?.unbind())
    }

    fn __repr__(&self) -> String {
        let grads: Vec<String> = self
            .grads
            .iter()
            .map(|(k, v)| format!("{k}: {}", expr::format_number(*v)))
            .collect();
        format!(
            "Expr({:?}, value={}, grads={{{}}})",
            self.source,
            expr::format_number(self.value),
            grads.join(", ")
        )
    }
}
