//! `gradgraph.Value`: micrograd's `Value`, computed by gradgraph's engine.
//!
//! A value is one Python object holding its number, its gradient, the op that made it and
//! its operands (`_prev`), exactly as micrograd's: a graph lives as long as Python refers to
//! its output, and is freed with it. The numbers are the engine's: each op's value is
//! [`Op::forward`] and each local derivative [`Op::local_derivative`], and
//! [`Value::backward`] visits the nodes in the order the engine does (the reverse of their
//! creation), so a graph built here and the same graph built in Rust agree to the last bit.

use crate::error::{bad_type, bad_value};
use crate::lang::tr;
use gradgraph::{OPS, Op};
use pyo3::prelude::*;
use pyo3::types::{PyFloat, PySet, PyTuple};
use std::cell::{Cell, RefCell};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

/// The next value's creation number: operands are always created before the values using
/// them, so this order is topological, as the engine's node indices are.
static NEXT_ID: AtomicU64 = AtomicU64::new(0);
/// The number of the next walk of a graph, to mark the nodes it has reached (a 64-bit
/// count: it does not wrap).
static NEXT_PASS: AtomicU64 = AtomicU64::new(1);

/// A number in a graph, with its gradient: micrograd's `Value`, on gradgraph's engine.
#[pyclass(frozen, module = "gradgraph", name = "Value")]
pub struct Value {
    data: AtomicU64,
    grad: AtomicU64,
    op: Op,
    /// micrograd's `_op` where it is not the op's own name (`**2`, keeping the exponent as
    /// Python wrote it).
    op_text: Option<Box<str>>,
    children: Vec<Py<Value>>,
    label: Mutex<String>,
    id: u64,
    /// The walk of a graph ([`Value::graph`]) that last reached this node.
    walk: AtomicU64,
    /// Its place in that walk's list.
    place: AtomicU64,
}

/// What may stand beside a value in `+ - * / **`: another value or a number.
#[derive(FromPyObject)]
pub enum Operand {
    /// A value.
    Value(Py<Value>),
    /// A number (`int`, `float`, `bool`, NumPy's scalars).
    Number(f64),
}

impl Value {
    fn node(op: Op, data: f64, children: Vec<Py<Value>>, op_text: Option<Box<str>>) -> Value {
        Value {
            data: AtomicU64::new(data.to_bits()),
            grad: AtomicU64::new(0),
            op,
            op_text,
            children,
            label: Mutex::new(String::new()),
            id: NEXT_ID.fetch_add(1, Relaxed),
            walk: AtomicU64::new(0),
            place: AtomicU64::new(0),
        }
    }

    /// A leaf with this number.
    pub fn leaf(op: Op, data: f64) -> Value {
        Value::node(op, data, Vec::new(), None)
    }

    /// The node `op(children)`, its value computed by the engine.
    pub fn apply(
        py: Python<'_>,
        op: Op,
        children: Vec<Py<Value>>,
        op_text: Option<Box<str>>,
    ) -> Value {
        let data = match children.as_slice() {
            [a] => op.forward(&[a.get().number()]),
            [a, b] => op.forward(&[a.get().number(), b.get().number()]),
            more => {
                let x: Vec<f64> = more.iter().map(|c| c.get().number()).collect();
                op.forward(&x)
            }
        };
        let _ = py;
        Value::node(op, data, children, op_text)
    }

    /// Its number.
    pub fn number(&self) -> f64 {
        f64::from_bits(self.data.load(Relaxed))
    }

    /// Its gradient.
    pub fn gradient(&self) -> f64 {
        f64::from_bits(self.grad.load(Relaxed))
    }

    /// Sets its number.
    pub fn set_number(&self, x: f64) {
        self.data.store(x.to_bits(), Relaxed);
    }

    fn add_grad(&self, g: f64) {
        self.grad.store((self.gradient() + g).to_bits(), Relaxed);
    }

    /// The op that made it.
    pub fn op(&self) -> Op {
        self.op
    }

    /// Its operands, in order.
    pub fn children(&self) -> &[Py<Value>] {
        &self.children
    }

    /// Its label (empty when it has none).
    pub fn label_text(&self) -> String {
        self.label
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// micrograd's `_op`: `+`, `*`, `**2`, `ReLU`, `tanh`; empty for a leaf.
    pub fn op_name(&self) -> String {
        if let Some(text) = &self.op_text {
            return text.to_string();
        }
        match self.op {
            Op::Input | Op::Param | Op::Const => String::new(),
            Op::Relu => "ReLU".to_owned(),
            Op::Add => "+".to_owned(),
            Op::Sub => "-".to_owned(),
            Op::Mul => "*".to_owned(),
            Op::Div => "/".to_owned(),
            Op::Pow => "**".to_owned(),
            op => op.name().to_owned(),
        }
    }

    /// Every value `root` depends on (itself included), in creation order: the engine's
    /// topological order. Iterative, so a graph of any depth is walked without recursion.
    pub fn graph(root: &Value) -> Vec<&Value> {
        let walk = NEXT_PASS.fetch_add(1, Relaxed);
        let mut nodes: Vec<&Value> = Vec::new();
        let mut stack: Vec<&Value> = vec![root];
        root.walk.store(walk, Relaxed);
        while let Some(node) = stack.pop() {
            nodes.push(node);
            for child in &node.children {
                let child = child.get();
                if child.walk.load(Relaxed) != walk {
                    child.walk.store(walk, Relaxed);
                    stack.push(child);
                }
            }
        }
        nodes.sort_unstable_by_key(|v| v.id);
        for (i, node) in nodes.iter().enumerate() {
            node.place.store(i as u64, Relaxed);
        }
        nodes
    }

    /// `node`'s place in the list [`Value::graph`] returned last for it.
    pub fn place(&self) -> usize {
        self.place.load(Relaxed) as usize
    }

    fn operand_numbers(&self, x: &mut Vec<f64>) {
        x.clear();
        x.extend(self.children.iter().map(|c| c.get().number()));
    }

    fn backward_from(root: &Value) {
        let nodes = Value::graph(root);
        // d root / d node for this pass alone, -0.0 for "not reached" (as the engine's)
        let mut grad = vec![-0.0f64; nodes.len()];
        let last = nodes.len() - 1;
        grad[last] = 1.0;
        let mut x = Vec::with_capacity(4);
        for i in (0..nodes.len()).rev() {
            let g = grad[i];
            if g.to_bits() == (-0.0f64).to_bits() {
                continue;
            }
            let node = nodes[i];
            if i == last {
                // micrograd's `self.grad = 1`: the output's own gradient is set, not added
                node.grad.store(1.0f64.to_bits(), Relaxed);
            } else {
                node.add_grad(g);
            }
            if node.children.is_empty() {
                continue;
            }
            node.operand_numbers(&mut x);
            let out = node.number();
            for (k, child) in node.children.iter().enumerate() {
                let product = node.op.local_derivative(&x, out, k) * g;
                let j = child.get().place();
                if grad[j].to_bits() == (-0.0f64).to_bits() {
                    grad[j] = 0.0;
                }
                grad[j] += product;
            }
        }
    }
}

/// A value's operands are dropped one at a time from a queue, not by recursion: a chain of
/// a million values (`s = s + x` in a loop) is freed without exhausting the stack.
impl Drop for Value {
    fn drop(&mut self) {
        if self.children.is_empty() {
            return;
        }
        // (at a thread's exit, once its queue is gone, operands are dropped as usual)
        thread_local! {
            static PENDING: RefCell<Vec<Py<Value>>> = const { RefCell::new(Vec::new()) };
            static DRAINING: Cell<bool> = const { Cell::new(false) };
        }
        let mut children = std::mem::take(&mut self.children);
        let queued = PENDING.try_with(|p| p.borrow_mut().append(&mut children));
        if queued.is_err() || DRAINING.try_with(Cell::get).unwrap_or(true) {
            return;
        }
        DRAINING.with(|d| d.set(true));
        while let Some(next) = PENDING.with(|p| p.borrow_mut().pop()) {
            drop(next);
        }
        DRAINING.with(|d| d.set(false));
    }
}

/// `obj` as a float: a `TypeError` naming `what` for anything else, an `OverflowError`-like
/// `ValueError` for an int too large for a float.
pub fn float_of(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<f64> {
    obj.extract().map_err(|_| {
        if obj.is_instance_of::<pyo3::types::PyInt>() {
            bad_value(tr!("py-int-too-large", name = what))
        } else {
            bad_type(tr!("py-must-be-number", name = what, type = type_name(obj)))
        }
    })
}

/// A number checked to be finite, as an operand or a value's data.
fn finite(what: &str, x: f64) -> PyResult<f64> {
    if x.is_finite() {
        Ok(x)
    } else {
        Err(bad_value(tr!(
            "py-must-be-finite",
            name = what,
            value = crate::error::number(x)
        )))
    }
}

impl Operand {
    fn into_value(self, py: Python<'_>, what: &str) -> PyResult<Py<Value>> {
        match self {
            Operand::Value(v) => Ok(v),
            Operand::Number(x) => Py::new(py, Value::leaf(Op::Const, finite(what, x)?)),
        }
    }
}

fn binary(slf: &Bound<'_, Value>, op: Op, other: Operand, swapped: bool) -> PyResult<Py<Value>> {
    let py = slf.py();
    let other = other.into_value(py, &tr!("py-operand", op = symbol(op)))?;
    let me = slf.clone().unbind();
    let children = if swapped {
        vec![other, me]
    } else {
        vec![me, other]
    };
    Py::new(py, Value::apply(py, op, children, None))
}

fn symbol(op: Op) -> &'static str {
    match op {
        Op::Add => "+",
        Op::Sub => "-",
        Op::Mul => "*",
        Op::Div => "/",
        _ => "**",
    }
}

fn unary(slf: &Bound<'_, Value>, op: Op) -> PyResult<Py<Value>> {
    let py = slf.py();
    Py::new(py, Value::apply(py, op, vec![slf.clone().unbind()], None))
}

/// The op of micrograd's `_op` text, for a value built by hand with `_children`.
fn op_of_text(text: &str, arity: usize) -> Option<(Op, Option<Box<str>>)> {
    let op = match text {
        "+" => Op::Add,
        "*" => Op::Mul,
        "-" if arity == 1 => Op::Neg,
        "-" => Op::Sub,
        "/" => Op::Div,
        "**" => Op::Pow,
        "ReLU" => Op::Relu,
        _ => {
            if let Some(p) = text.strip_prefix("**") {
                let p: f64 = p.trim().parse().ok().filter(|p: &f64| p.is_finite())?;
                return Some((Op::PowConst(p), Some(text.into())));
            }
            OPS.iter()
                .find(|info| info.name == text && !info.op.is_leaf())?
                .op
        }
    };
    (op.arity() == arity).then_some((op, None))
}

#[pymethods]
impl Value {
    /// `Value(data, _children=(), _op='', label='')`, as micrograd's.
    #[new]
    #[pyo3(signature = (data, _children = None, _op = "", label = ""))]
    fn py_new(
        data: &Bound<'_, PyAny>,
        _children: Option<&Bound<'_, PyAny>>,
        _op: &str,
        label: &str,
    ) -> PyResult<Value> {
        let x = finite("Value(data): data", float_of(data, "Value(data): data")?)?;
        let children: Vec<Py<Value>> = match _children {
            None => Vec::new(),
            Some(items) => items
                .try_iter()?
                .map(|item| {
                    let item = item?;
                    item.cast_into::<Value>().map(Bound::unbind).map_err(|e| {
                        bad_type(tr!(
                            "py-child-type",
                            type = type_name(e.into_inner().as_any())
                        ))
                    })
                })
                .collect::<PyResult<_>>()?,
        };
        let value = if children.is_empty() {
            Value::leaf(Op::Input, x)
        } else {
            let (op, text) = op_of_text(_op, children.len()).ok_or_else(|| {
                bad_value(tr!(
                    "py-op-unknown",
                    op = format!("{_op:?}"),
                    count = children.len()
                ))
            })?;
            Value::node(op, x, children, text)
        };
        *value
            .label
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = label.to_owned();
        Ok(value)
    }

    /// The number.
    #[getter]
    fn get_data(&self) -> f64 {
        self.number()
    }

    #[setter]
    fn set_data(&self, data: &Bound<'_, PyAny>) -> PyResult<()> {
        let x = float_of(data, "Value.data")?;
        self.data.store(finite("Value.data", x)?.to_bits(), Relaxed);
        Ok(())
    }

    /// The gradient that backward left here (it accumulates: `zero_grad` or `v.grad = 0`).
    #[getter]
    fn get_grad(&self) -> f64 {
        self.gradient()
    }

    #[setter]
    fn set_grad(&self, grad: &Bound<'_, PyAny>) -> PyResult<()> {
        let x = float_of(grad, "Value.grad")?;
        self.grad.store(finite("Value.grad", x)?.to_bits(), Relaxed);
        Ok(())
    }

    /// The name drawings and the live page give this value.
    #[getter]
    fn get_label(&self) -> String {
        self.label_text()
    }

    #[setter]
    fn set_label(&self, label: &Bound<'_, PyAny>) -> PyResult<()> {
        let text: String = label
            .extract()
            .map_err(|_| bad_type(tr!("py-label-type", type = type_name(label))))?;
        *self
            .label
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = text;
        Ok(())
    }

    /// The operands, as a set (micrograd's `_prev`): the same objects each time.
    #[getter]
    fn _prev<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PySet>> {
        PySet::new(py, self.children.iter())
    }

    /// The operands, in order.
    #[getter]
    fn operands<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, self.children.iter())
    }

    /// The op that made it, as micrograd names it: `+`, `*`, `**2`, `ReLU`, `tanh`; `''` for
    /// a leaf.
    #[getter]
    fn _op(&self) -> String {
        self.op_name()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let data = PyFloat::new(py, self.number()).repr()?;
        let grad = PyFloat::new(py, self.gradient()).repr()?;
        let label = self.label_text();
        Ok(if label.is_empty() {
            format!("Value(data={data}, grad={grad})")
        } else {
            let label = pyo3::types::PyString::new(py, &label).repr()?;
            format!("Value(data={data}, grad={grad}, label={label})")
        })
    }

    fn __add__(slf: &Bound<'_, Self>, other: Operand) -> PyResult<Py<Value>> {
        binary(slf, Op::Add, other, false)
    }
    fn __radd__(slf: &Bound<'_, Self>, other: Operand) -> PyResult<Py<Value>> {
        binary(slf, Op::Add, other, true)
    }
    fn __sub__(slf: &Bound<'_, Self>, other: Operand) -> PyResult<Py<Value>> {
        binary(slf, Op::Sub, other, false)
    }
    fn __rsub__(slf: &Bound<'_, Self>, other: Operand) -> PyResult<Py<Value>> {
        binary(slf, Op::Sub, other, true)
    }
    fn __mul__(slf: &Bound<'_, Self>, other: Operand) -> PyResult<Py<Value>> {
        binary(slf, Op::Mul, other, false)
    }
    fn __rmul__(slf: &Bound<'_, Self>, other: Operand) -> PyResult<Py<Value>> {
        binary(slf, Op::Mul, other, true)
    }
    fn __truediv__(slf: &Bound<'_, Self>, other: Operand) -> PyResult<Py<Value>> {
        binary(slf, Op::Div, other, false)
    }
    fn __rtruediv__(slf: &Bound<'_, Self>, other: Operand) -> PyResult<Py<Value>> {
        binary(slf, Op::Div, other, true)
    }

    /// `v ** 2` (micrograd's `_op` `**2`), or `v ** w` with a value as the exponent.
    fn __pow__(
        slf: &Bound<'_, Self>,
        other: &Bound<'_, PyAny>,
        modulo: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        if modulo.is_some() {
            return Ok(py.NotImplemented());
        }
        if let Ok(v) = other.cast::<Value>() {
            return Ok(binary(slf, Op::Pow, Operand::Value(v.clone().unbind()), false)?.into_any());
        }
        let Ok(p) = other.extract::<f64>() else {
            return Ok(py.NotImplemented());
        };
        let p = finite(&tr!("py-exponent"), p)?;
        let text = format!("**{}", other.str()?);
        Ok(Py::new(
            py,
            Value::apply(
                py,
                Op::PowConst(p),
                vec![slf.clone().unbind()],
                Some(text.into()),
            ),
        )?
        .into_any())
    }

    /// `2 ** v`: a number raised to a value.
    fn __rpow__(
        slf: &Bound<'_, Self>,
        other: Operand,
        modulo: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        if modulo.is_some() {
            return Ok(slf.py().NotImplemented());
        }
        Ok(binary(slf, Op::Pow, other, true)?.into_any())
    }

    fn __neg__(slf: &Bound<'_, Self>) -> PyResult<Py<Value>> {
        unary(slf, Op::Neg)
    }

    fn __pos__(slf: &Bound<'_, Self>) -> Py<Value> {
        slf.clone().unbind()
    }

    fn __abs__(slf: &Bound<'_, Self>) -> PyResult<Py<Value>> {
        unary(slf, Op::Abs)
    }

    /// `e^v`.
    fn exp(slf: &Bound<'_, Self>) -> PyResult<Py<Value>> {
        unary(slf, Op::Exp)
    }
    /// The natural logarithm.
    fn log(slf: &Bound<'_, Self>) -> PyResult<Py<Value>> {
        unary(slf, Op::Log)
    }
    /// The square root.
    fn sqrt(slf: &Bound<'_, Self>) -> PyResult<Py<Value>> {
        unary(slf, Op::Sqrt)
    }
    /// The sine.
    fn sin(slf: &Bound<'_, Self>) -> PyResult<Py<Value>> {
        unary(slf, Op::Sin)
    }
    /// The cosine.
    fn cos(slf: &Bound<'_, Self>) -> PyResult<Py<Value>> {
        unary(slf, Op::Cos)
    }
    /// `|v|`.
    fn abs(slf: &Bound<'_, Self>) -> PyResult<Py<Value>> {
        unary(slf, Op::Abs)
    }
    /// The error function.
    fn erf(slf: &Bound<'_, Self>) -> PyResult<Py<Value>> {
        unary(slf, Op::Erf)
    }
    /// `max(0, v)` (micrograd's `_op` is `ReLU`).
    fn relu(slf: &Bound<'_, Self>) -> PyResult<Py<Value>> {
        unary(slf, Op::Relu)
    }
    /// The hyperbolic tangent.
    fn tanh(slf: &Bound<'_, Self>) -> PyResult<Py<Value>> {
        unary(slf, Op::Tanh)
    }
    /// `1 / (1 + e^-v)`.
    fn sigmoid(slf: &Bound<'_, Self>) -> PyResult<Py<Value>> {
        unary(slf, Op::Sigmoid)
    }
    /// `v Φ(v)`.
    fn gelu(slf: &Bound<'_, Self>) -> PyResult<Py<Value>> {
        unary(slf, Op::Gelu)
    }
    /// `v` above 0, `e^v - 1` below.
    fn elu(slf: &Bound<'_, Self>) -> PyResult<Py<Value>> {
        unary(slf, Op::Elu)
    }
    /// `v σ(v)`.
    fn silu(slf: &Bound<'_, Self>) -> PyResult<Py<Value>> {
        unary(slf, Op::Silu)
    }
    /// `ln(1 + e^v)`.
    fn softplus(slf: &Bound<'_, Self>) -> PyResult<Py<Value>> {
        unary(slf, Op::Softplus)
    }
    /// 1 for `v >= 0`, else 0 (its derivative is 0 everywhere).
    fn step(slf: &Bound<'_, Self>) -> PyResult<Py<Value>> {
        unary(slf, Op::Step)
    }
    /// `v` above 0, `slope·v` below.
    #[pyo3(signature = (slope = 0.01))]
    fn leaky_relu(slf: &Bound<'_, Self>, slope: f64) -> PyResult<Py<Value>> {
        let slope = finite("leaky_relu(slope)", slope)?;
        unary(slf, Op::LeakyRelu(slope))
    }
    /// `v` above 0, `a·v` below, with the slope `a` a value that learns.
    fn prelu(slf: &Bound<'_, Self>, a: Operand) -> PyResult<Py<Value>> {
        binary(slf, Op::Prelu, a, false)
    }

    /// Backpropagation from this value: sets its own `grad` to 1, as micrograd, and adds
    /// `d self / d v` to the `grad` of every value it depends on. Gradients accumulate, as in
    /// micrograd and PyTorch: call `zero_grad()` (or set `grad = 0`) between passes.
    fn backward(&self) {
        Value::backward_from(self);
    }

    /// The graph up to this value in Graphviz's DOT language, each number to `digits`
    /// significant digits: the graph recomputed from its leaves, with the gradients of one
    /// backward pass from this value (not those set by hand or added up over passes).
    #[pyo3(signature = (digits = 4))]
    fn to_dot(&self, digits: usize) -> PyResult<String> {
        crate::graph::dot(self, digits)
    }

    /// The graph drawn as SVG by Graphviz (`dot` must be installed: RuntimeError if not).
    fn to_svg(&self) -> PyResult<String> {
        crate::graph::svg(self)
    }

    /// The graph as TikZ for LaTeX slides, at the positions Graphviz computes (`dot` must be
    /// installed); `standalone=False` gives the `tikzpicture` alone, to `\input`.
    #[pyo3(signature = (standalone = true))]
    fn to_tikz(&self, standalone: bool) -> PyResult<String> {
        crate::graph::tikz(self, standalone)
    }

    /// The backward pass from this value as a LaTeX derivation, the forward pass first.
    #[pyo3(signature = (standalone = true))]
    fn to_latex(&self, standalone: bool) -> PyResult<String> {
        crate::graph::latex(self, standalone)
    }

    /// The backward pass from this value, as `gradgraph expr --trace` prints it, in `lang`
    /// (`"en"` or `"pt-BR"`; the package's language without it).
    #[pyo3(signature = (lang = None))]
    fn trace(&self, lang: Option<&str>) -> PyResult<String> {
        crate::graph::trace_text(self, crate::lang::resolve(lang)?)
    }

    /// The live page of this value's graph: one self-contained HTML file (write it to a
    /// file and open it in a browser; a notebook shows it inline), opening in `lang`
    /// (`"en"` or `"pt-BR"`; the package's language without it).
    #[pyo3(signature = (lang = None))]
    fn page(&self, lang: Option<&str>) -> PyResult<String> {
        crate::graph::page(self, crate::lang::resolve(lang)?)
    }

    /// Pickling, `copy.copy` and `copy.deepcopy` (micrograd's "keep the best model"): the
    /// value rebuilt from its number, gradient, op, operands and label, operands shared as
    /// they were.
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let v = slf.get();
        let restore = py.import("gradgraph._engine")?.getattr("_restore")?;
        let args = (
            v.number(),
            v.gradient(),
            PyTuple::new(py, v.children.iter())?,
            v.op.name(),
            v.op.param(),
            v.op_text.as_deref().map(str::to_owned),
            v.label_text(),
        )
            .into_pyobject(py)?;
        Ok((restore, args))
    }

    /// In a notebook: the live page of the graph, inline.
    fn _repr_html_(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        let display = slf.py().import("gradgraph._display")?;
        Ok(display.call_method1("value_html", (slf,))?.unbind())
    }

    /// In a notebook viewer that runs no scripts: the graph drawn by Graphviz, when it is
    /// installed.
    fn _repr_svg_(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        let display = slf.py().import("gradgraph._display")?;
        Ok(display.call_method1("value_svg", (slf,))?.unbind())
    }

    /// How many values this one depends on, itself included.
    fn _size(&self) -> usize {
        Value::graph(self).len()
    }

    /// One node's step of the chain rule, as micrograd's `_backward`: adds `local derivative
    /// × self.grad` to each operand's `grad`.
    fn _backward(&self) {
        let mut x = Vec::new();
        self.operand_numbers(&mut x);
        let (out, g) = (self.number(), self.gradient());
        for (k, child) in self.children.iter().enumerate() {
            child
                .get()
                .add_grad(self.op.local_derivative(&x, out, k) * g);
        }
    }
}

/// The name of an object's type, for messages.
pub fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map_or_else(|_| "an object".to_owned(), |n| n.to_string())
}

/// A value as `Value.__reduce__` wrote it: checked, then rebuilt with its op.
#[pyfunction]
#[allow(clippy::too_many_arguments)]
pub fn _restore(
    data: f64,
    grad: f64,
    children: Vec<Py<Value>>,
    op: &str,
    param: Option<f64>,
    op_text: Option<String>,
    label: String,
) -> PyResult<Value> {
    let info = OPS
        .iter()
        .find(|info| info.name == op)
        .ok_or_else(|| bad_value(tr!("py-pickled-op", op = format!("{op:?}"))))?;
    let op = match param {
        Some(p) if info.op.param().is_some() => info
            .op
            .with_param(finite(&tr!("py-pickled-part", part = "op"), p)?),
        _ => info.op,
    };
    if op.is_leaf() != children.is_empty() || (!op.is_leaf() && op.arity() != children.len()) {
        return Err(bad_value(tr!(
            "py-pickled-arity",
            op = op.name(),
            arity = op.arity(),
            count = children.len()
        )));
    }
    let value = Value::node(
        op,
        finite(&tr!("py-pickled-part", part = "data"), data)?,
        children,
        op_text.map(String::into_boxed_str),
    );
    value.grad.store(
        finite(&tr!("py-pickled-part", part = "grad"), grad)?.to_bits(),
        Relaxed,
    );
    *value
        .label
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner) = label;
    Ok(value)
}
