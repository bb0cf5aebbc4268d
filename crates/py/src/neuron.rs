//! micrograd's neuron, `sum((wi*xi for wi, xi in zip(w, x)), b)` then ReLU, built in one call
//! into Rust: the same nodes in the same order as micrograd's Python, without Python's cost
//! for each of them.

use crate::error::bad_value;
use crate::lang::tr;
use crate::value::{Operand, Value};
use gradgraph::Op;
use pyo3::prelude::*;

/// `act = b + w[0]*x[0] + w[1]*x[1] + ...` (left to right, as Python's `sum` with the start
/// `b`), then `act.relu()` when `nonlin`.
#[pyfunction]
pub fn neuron(
    py: Python<'_>,
    w: Vec<Py<Value>>,
    b: Py<Value>,
    x: Vec<Operand>,
    nonlin: bool,
) -> PyResult<Py<Value>> {
    if w.len() != x.len() {
        return Err(bad_value(tr!(
            "py-inputs-count",
            weights = w.len(),
            inputs = x.len()
        )));
    }
    let mut act = b;
    for (wi, xi) in w.into_iter().zip(x) {
        let xi = match xi {
            Operand::Value(v) => v,
            Operand::Number(n) if n.is_finite() => Py::new(py, Value::leaf(Op::Const, n))?,
            Operand::Number(n) => {
                return Err(bad_value(tr!(
                    "py-neuron-input",
                    value = crate::error::number(n)
                )));
            }
        };
        let product = Py::new(py, Value::apply(py, Op::Mul, vec![wi, xi], None))?;
        act = Py::new(py, Value::apply(py, Op::Add, vec![act, product], None))?;
    }
    if nonlin {
        act = Py::new(py, Value::apply(py, Op::Relu, vec![act], None))?;
    }
    Ok(act)
}
