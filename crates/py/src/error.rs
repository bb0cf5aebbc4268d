//! Errors as Python exceptions: a wrong type is a `TypeError`, a wrong value (a number that
//! is not finite, a size out of range, an expression that does not parse) a `ValueError`,
//! each with the message the command line gives.

use pyo3::PyErr;
use pyo3::exceptions::{PyTypeError, PyValueError};

/// A `TypeError` with this message.
pub fn bad_type(message: impl Into<String>) -> PyErr {
    PyTypeError::new_err(message.into())
}

/// A `ValueError` with this message.
pub fn bad_value(message: impl Into<String>) -> PyErr {
    PyValueError::new_err(message.into())
}

/// A number as Python writes it: `nan`, `inf` and `-inf` for the non-finite ones.
pub fn number(x: f64) -> String {
    if x.is_nan() {
        "nan".to_owned()
    } else if x.is_infinite() {
        if x > 0.0 { "inf" } else { "-inf" }.to_owned()
    } else {
        format!("{x:?}")
    }
}
