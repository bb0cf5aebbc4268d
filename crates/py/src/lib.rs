//! # gradgraph for Python
//!
//! The extension module `gradgraph._engine` of the Python package `gradgraph` (the package's
//! Python half is in `python/gradgraph`): micrograd's `Value` with gradgraph's engine under
//! it, the coarse calls that run whole computations in Rust (an expression, a net's
//! training), and the live page as a notebook's output.
//!
//! Build and install it with maturin (`pip install ./crates/py`, or `maturin develop` in a
//! virtual environment); its tests are pytest's, in `crates/py/tests`.

// pyo3's macros write the unsafe code of the C API; this crate writes none of its own
#![deny(unsafe_code)]

mod error;
mod expr;
mod graph;
mod lang;
mod net;
mod neuron;
mod quiz;
mod value;

use pyo3::prelude::*;

/// The extension module.
#[pymodule]
fn _engine(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<value::Value>()?;
    m.add_class::<expr::Evaluated>()?;
    m.add_class::<quiz::Quiz>()?;
    m.add("ExprError", m.py().get_type::<expr::ExprError>())?;
    m.add_function(wrap_pyfunction!(neuron::neuron, m)?)?;
    m.add_function(wrap_pyfunction!(value::_restore, m)?)?;
    m.add_function(wrap_pyfunction!(net::set_numbers, m)?)?;
    m.add_function(wrap_pyfunction!(net::model_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(graph_svg_dot, m)?)?;
    m.add_function(wrap_pyfunction!(expr::expr_of, m)?)?;
    m.add_function(wrap_pyfunction!(quiz::quiz, m)?)?;
    m.add_function(wrap_pyfunction!(graphviz_installed, m)?)?;
    m.add_function(wrap_pyfunction!(net::fit, m)?)?;
    m.add_function(wrap_pyfunction!(net::predict, m)?)?;
    m.add_function(wrap_pyfunction!(net::net_page, m)?)?;
    m.add_function(wrap_pyfunction!(net::load, m)?)?;
    m.add_function(wrap_pyfunction!(net::dataset, m)?)?;
    m.add_function(wrap_pyfunction!(net::activation, m)?)?;
    m.add_function(wrap_pyfunction!(lang::set_lang, m)?)?;
    m.add_function(wrap_pyfunction!(lang::get_lang, m)?)?;
    m.add_function(wrap_pyfunction!(lang::text, m)?)?;
    m.add_function(wrap_pyfunction!(lang::decimal, m)?)?;
    Ok(())
}

/// True when Graphviz's `dot` is installed (for `to_svg`, `to_tikz`, and SVG in notebooks).
#[pyfunction]
fn graphviz_installed() -> bool {
    gradgraph_draw::graphviz_installed()
}

/// The DOT text `Value.to_svg` renders (for a notebook, which runs `dot` with a time limit).
#[pyfunction]
fn graph_svg_dot(v: &Bound<'_, value::Value>) -> PyResult<String> {
    graph::svg_dot(v.get())
}
