//! `gradgraph.quiz(...)`: the command line's quiz on a `Value`'s graph or an expression. Each
//! question asks for one node's gradient; a wrong answer is diagnosed (a local derivative's
//! slip, a use left out, the upstream gradient forgotten, ...).

use crate::error::{bad_type, bad_value};
use crate::expr::ExprError;
use crate::lang::tr;
use crate::value::{Value, type_name};
use gradgraph_quiz::{Quiz as Inner, Scope, Tolerance, parse_answer};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::collections::HashMap;

/// A quiz: `questions`, and `check(i, answer)` with the diagnosis of a wrong answer.
#[pyclass(frozen, module = "gradgraph", name = "Quiz")]
pub struct Quiz {
    /// Behind a lock: a quiz may be made on one thread and answered on another.
    inner: std::sync::Mutex<Inner>,
}

impl Quiz {
    fn new(inner: Inner) -> Quiz {
        Quiz {
            inner: std::sync::Mutex::new(inner),
        }
    }

    fn inner(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// A quiz on `target`: a `Value` (its graph, in its labels) or an expression (a str, with
/// each variable's value given by name). `scope` is `"every"` (every node's gradient, as
/// backward reaches them) or `"leaves"` (the variables' only).
#[pyfunction]
#[pyo3(signature = (target, /, scope = "every", **values))]
pub fn quiz(
    target: &Bound<'_, PyAny>,
    scope: &str,
    values: Option<&Bound<'_, PyDict>>,
) -> PyResult<Quiz> {
    let scope = match scope {
        "every" => Scope::EveryNode,
        "leaves" => Scope::Leaves,
        other => {
            return Err(bad_value(tr!("py-scope", scope = format!("{other:?}"))));
        }
    };
    let failed = |e: gradgraph_quiz::Error| bad_value(e.text(crate::lang::current()));
    if let Ok(v) = target.cast::<Value>() {
        if values.is_some_and(|d| !d.is_empty()) {
            return Err(bad_value(tr!("py-quiz-values")));
        }
        let (g, y, text) = crate::graph::quiz_graph(v.get())?;
        return Ok(Quiz::new(
            Inner::from_graph(g, y, text, scope).map_err(failed)?,
        ));
    }
    let source: String = target
        .extract()
        .map_err(|_| bad_type(tr!("py-quiz-target", type = type_name(target))))?;
    let evaluated = crate::expr::expr_of(target, values)?;
    let e = gradgraph::expr::parse(&source)
        .map_err(|err| ExprError::new_err(crate::lang::parse_text(&err)))?;
    let at: HashMap<String, f64> = evaluated.values().iter().cloned().collect();
    Ok(Quiz::new(Inner::new(&e, &at, scope).map_err(failed)?))
}

#[pymethods]
impl Quiz {
    /// The questions, in the order backward reaches their nodes: what is asked and about
    /// which node (`∂f/∂#4: #4 = #3 + b = 0.3, used by #5`).
    #[getter]
    fn questions(&self) -> Vec<String> {
        self.inner()
            .questions()
            .iter()
            .map(|q| format!("{}: {}", q.asked(), q.heading()))
            .collect()
    }

    /// The right answers, in the order of the questions.
    #[getter]
    fn answers(&self) -> Vec<f64> {
        self.inner()
            .questions()
            .iter()
            .map(|q| q.gradient)
            .collect()
    }

    fn __len__(&self) -> usize {
        self.inner().questions().len()
    }

    /// Grades `answer` (a number, or a text such as `"1 - 0.5^2"`) to question `i` (from 0):
    /// a dict with `right` (bool), `kind` (the mistake's kind, `None` when right) and `text`
    /// (the diagnosis: which step went wrong, and the right computation).
    #[pyo3(signature = (i, answer, relative = 1e-3, absolute = 1e-6))]
    fn check<'py>(
        &self,
        py: Python<'py>,
        i: usize,
        answer: &Bound<'py, PyAny>,
        relative: f64,
        absolute: f64,
    ) -> PyResult<Bound<'py, PyDict>> {
        let n = self.inner().questions().len();
        if i >= n {
            return Err(pyo3::exceptions::PyIndexError::new_err(tr!(
                "py-question-index",
                index = i,
                count = n,
                last = n.saturating_sub(1)
            )));
        }
        let number = if let Ok(text) = answer.extract::<String>() {
            parse_answer(&text).map_err(bad_value)?
        } else {
            let x: f64 = answer
                .extract()
                .map_err(|_| bad_type(tr!("py-answer-type", type = type_name(answer))))?;
            if !x.is_finite() {
                return Err(bad_value(tr!(
                    "py-must-be-finite",
                    name = tr!("py-answer"),
                    value = crate::error::number(x)
                )));
            }
            x
        };
        let tolerance = Tolerance::new(relative, absolute)
            .map_err(|e| bad_value(e.text(crate::lang::current())))?;
        let inner = self.inner();
        let check = inner.check(i, number, tolerance);
        let q = &inner.questions()[i];
        let out = PyDict::new(py);
        out.set_item("right", check.right)?;
        out.set_item("kind", check.mistake.as_ref().map(|m| m.kind.as_str()))?;
        let text = match &check.mistake {
            None => tr!(
                "py-quiz-right",
                asked = q.asked(),
                gradient = crate::lang::current().decimal(&gradgraph_quiz::short(q.gradient))
            ),
            Some(m) => m.text(),
        };
        out.set_item("text", text)?;
        Ok(out)
    }

    fn __repr__(&self) -> String {
        let mut text = {
            let inner = self.inner();
            tr!(
                "py-quiz-repr",
                expression = inner.expression(),
                count = inner.questions().len()
            )
        };
        for (i, q) in self.questions().iter().enumerate() {
            text.push_str(&format!("\n  {i}. {q}"));
        }
        text
    }
}
