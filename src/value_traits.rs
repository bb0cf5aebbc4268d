//! The standard traits of [`Value`] beyond arithmetic: comparing and printing one (as
//! micrograd's `Value(data=…, grad=…)`), summing or multiplying an iterator of values; and
//! how a [`Graph`] prints.

use crate::graph::Graph;
use crate::scalar::Scalar;
use crate::value::Value;
use std::fmt;
use std::iter::{Product, Sum};

impl PartialEq for Value<'_> {
    /// Two handles are equal when they name the same node of the same graph.
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.graph(), other.graph()) && self.index() == other.index()
    }
}
impl Eq for Value<'_> {}

impl fmt::Debug for Value<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let node = self.node();
        write!(
            f,
            "Value(#{} {} data={}, grad={}",
            self.index(),
            self.op(),
            node.data(),
            node.grad()
        )?;
        if let Some(label) = self.label() {
            write!(f, ", label={label:?}")?;
        }
        write!(f, ")")
    }
}

impl fmt::Display for Value<'_> {
    /// `Value(data=0.7071, grad=0.5)`, as micrograd prints a value; a precision applies to
    /// both numbers (`{:.3}`).
    ///
    /// # Examples
    /// ```
    /// let g = gradgraph::Graph::new();
    /// let x = g.input(2.0);
    /// let y = x * x;
    /// y.backward();
    /// assert_eq!(y.to_string(), "Value(data=4, grad=1)");
    /// assert_eq!(format!("{x:.2}"), "Value(data=2.00, grad=4.00)");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let node = self.node();
        match f.precision() {
            Some(p) => write!(
                f,
                "Value(data={:.p$}, grad={:.p$})",
                node.data(),
                node.grad()
            ),
            None => write!(f, "Value(data={}, grad={})", node.data(), node.grad()),
        }
    }
}

/// `Σ` of an iterator of values, as one node (like [`Graph::sum`](crate::Graph::sum)).
///
/// **Panics** on an empty iterator, which has no graph to put a 0 in: sum into an
/// `Option<Value>` (`None` when empty) or use [`Graph::sum`](crate::Graph::sum) (the constant 0 when empty).
///
/// # Examples
/// ```
/// use gradgraph::{Graph, Value};
/// let g = Graph::new();
/// let xs = [g.input(1.0), g.input(2.0), g.input(3.0)];
/// let s: Value = xs.iter().sum();
/// assert_eq!(s.data(), 6.0);
/// let none: Option<Value> = xs[..0].iter().copied().sum();
/// assert!(none.is_none());
/// ```
impl<'g> Sum<Value<'g>> for Value<'g> {
    fn sum<I: Iterator<Item = Value<'g>>>(iter: I) -> Self {
        Option::<Value<'g>>::sum(iter).expect(
            "gradgraph: the sum of no values has no graph; use Graph::sum, or sum into an \
             Option<Value>",
        )
    }
}

impl<'a, 'g> Sum<&'a Value<'g>> for Value<'g> {
    fn sum<I: Iterator<Item = &'a Value<'g>>>(iter: I) -> Self {
        iter.copied().sum()
    }
}

impl<'g> Sum<Value<'g>> for Option<Value<'g>> {
    /// `None` for no values, else their `Σ` as one node.
    fn sum<I: Iterator<Item = Value<'g>>>(iter: I) -> Self {
        let values: Vec<Value<'g>> = iter.collect();
        let first = values.first()?;
        Some(first.graph().sum(&values))
    }
}

/// `Π` of an iterator of values, as a chain of products `((a·b)·c)·…`.
///
/// **Panics** on an empty iterator, which has no graph to put a 1 in: multiply into an
/// `Option<Value>` (`None` when empty).
///
/// # Examples
/// ```
/// use gradgraph::{Graph, Value};
/// let g = Graph::new();
/// let xs = [g.input(2.0), g.input(3.0), g.input(4.0)];
/// let p: Value = xs.iter().product();
/// p.backward();
/// assert_eq!((p.data(), xs[0].grad()), (24.0, 12.0));
/// ```
impl<'g> Product<Value<'g>> for Value<'g> {
    fn product<I: Iterator<Item = Value<'g>>>(iter: I) -> Self {
        Option::<Value<'g>>::product(iter).expect(
            "gradgraph: the product of no values has no graph; multiply into an Option<Value>",
        )
    }
}

impl<'a, 'g> Product<&'a Value<'g>> for Value<'g> {
    fn product<I: Iterator<Item = &'a Value<'g>>>(iter: I) -> Self {
        iter.copied().product()
    }
}

impl<'g> Product<Value<'g>> for Option<Value<'g>> {
    /// `None` for no values, else their product.
    fn product<I: Iterator<Item = Value<'g>>>(iter: I) -> Self {
        iter.reduce(|a, b| a * b)
    }
}

impl fmt::Debug for Graph {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Graph")
            .field("nodes", &self.len())
            .field("edges", &self.edge_count())
            .finish()
    }
}

impl<'g> Scalar for Value<'g> {
    fn lift(self, c: f64) -> Self {
        self.graph().constant(c)
    }
    fn abs(self) -> Self {
        Value::abs(self)
    }
    fn sqrt(self) -> Self {
        Value::sqrt(self)
    }
    fn exp(self) -> Self {
        Value::exp(self)
    }
    fn ln(self) -> Self {
        Value::log(self)
    }
    fn sin(self) -> Self {
        Value::sin(self)
    }
    fn cos(self) -> Self {
        Value::cos(self)
    }
    fn erf(self) -> Self {
        Value::erf(self)
    }
    fn tanh(self) -> Self {
        Value::tanh(self)
    }
    fn sigmoid(self) -> Self {
        Value::sigmoid(self)
    }
    fn powf(self, p: f64) -> Self {
        Value::powf(self, p)
    }
    fn pow(self, e: Self) -> Self {
        Value::pow(self, e)
    }
    fn if_positive(self, then: Self, otherwise: Self) -> Self {
        Value::if_positive(self, then, otherwise)
    }
}
