//! Building a parsed expression into a [`Graph`]: a leaf per variable, a node per
//! number, operator and call, in one loop over the flat node list.

use super::parse::Kind;
use super::{Built, Expr, Span};
use crate::error::Error;
use crate::graph::Graph;
use crate::value::Value;
use std::collections::{BTreeMap, HashMap};

impl Expr {
    /// Builds the expression in `g`, with the variables' values taken from `vars`, and
    /// returns the output value and each variable's leaf, by name.
    ///
    /// Every variable of the expression needs a value in `vars`, else
    /// [`Error::OutOfRange`] names those missing; values for names the expression does not use
    /// are ignored. See the [module docs](super) for what each part of the expression becomes.
    ///
    /// Computes in **O(n)** time for an expression of `n` nodes.
    ///
    /// # Examples
    /// ```
    /// # fn main() -> Result<(), gradgraph::Error> {
    /// use std::collections::HashMap;
    /// let e = gradgraph::expr::parse("x*x + 3*x")?; // dy/dx = 2x + 3
    /// let g = gradgraph::Graph::new();
    /// let (y, vars) = e.build(&g, &HashMap::from([("x".to_string(), 2.0)]))?;
    /// g.backward(y);
    /// assert_eq!((y.data(), vars["x"].grad()), (10.0, 7.0));
    ///
    /// let err = e.build(&g, &HashMap::new()).unwrap_err();
    /// assert_eq!(err.to_string(), "no value for variable `x`");
    /// # Ok(()) }
    /// ```
    pub fn build<'g>(
        &self,
        g: &'g Graph,
        vars: &HashMap<String, f64>,
    ) -> Result<(Value<'g>, BTreeMap<String, Value<'g>>), Error> {
        let built = self.build_with_spans(g, vars)?;
        Ok((built.output, built.variables))
    }

    /// [`Expr::build`], also remembering which text each new node came from, so that
    /// [`Expr::explain`] can point at it.
    pub fn build_with_spans<'g>(
        &self,
        g: &'g Graph,
        vars: &HashMap<String, f64>,
    ) -> Result<Built<'g>, Error> {
        let data = self.resolve(|name| vars.get(name).copied())?;
        let first = g.len();
        // the leaves first, in order of first use, as one writes `x = Value(1.0)` before
        // using it
        let leaves: Vec<Value<'g>> = data
            .iter()
            .zip(&self.names)
            .map(|(&x, name)| g.input(x).with_label(name))
            .collect();
        let mut spans = self.first_uses();
        spans.reserve(self.nodes.len());
        let output = self.emit(g, &leaves, |span| spans.push(span))?;
        let variables = self.names.iter().cloned().zip(leaves).collect();
        Ok(Built {
            output,
            variables,
            first,
            spans,
        })
    }

    /// Builds the expression on values that already exist: each variable is replaced by the
    /// value `value_of(name)` gives for it, so an expression can extend a graph (a loss
    /// written as text, applied to a net's output). Returns the output.
    ///
    /// Every variable needs a value, else [`Error::OutOfRange`] names those missing and
    /// nothing is built.
    ///
    /// # Examples
    /// ```
    /// # fn main() -> Result<(), gradgraph::Error> {
    /// use gradgraph::{expr, gradcheck};
    /// let e = expr::parse("sin(x) * exp(-y^2)")?;
    /// // every gradient of the expression against finite differences
    /// let check = gradcheck(
    ///     |g, v| {
    ///         e.apply(g, |name| if name == "x" { Some(v[0]) } else { Some(v[1]) })
    ///             .expect("both variables have a value")
    ///     },
    ///     &[0.3, -0.8],
    /// );
    /// assert!(check.passed(), "{check}");
    /// # Ok(()) }
    /// ```
    pub fn apply<'g>(
        &self,
        g: &'g Graph,
        value_of: impl Fn(&str) -> Option<Value<'g>>,
    ) -> Result<Value<'g>, Error> {
        let leaves = self.resolve(value_of)?;
        self.emit(g, &leaves, |_| {})
    }

    /// What `lookup` gives for each variable, indexed like `names`, or an error naming
    /// (the first few of) those it has nothing for.
    fn resolve<T>(&self, lookup: impl Fn(&str) -> Option<T>) -> Result<Vec<T>, Error> {
        let mut found = Vec::with_capacity(self.names.len());
        let mut missing = Vec::new();
        for name in &self.names {
            match lookup(name) {
                Some(x) => found.push(x),
                None => missing.push(name.as_str()),
            }
        }
        if missing.is_empty() {
            return Ok(found);
        }
        missing.sort_unstable();
        let s = if missing.len() == 1 { "" } else { "s" };
        let mut list: Vec<String> = missing.iter().take(8).map(|n| format!("`{n}`")).collect();
        if missing.len() > 8 {
            list.push(format!("… ({} more)", missing.len() - 8));
        }
        Err(Error::out_of_range(
            "variables",
            format!("no value for variable{s} {}", list.join(", ")),
        ))
    }

    /// The span of each variable's first use, indexed like `names`.
    fn first_uses(&self) -> Vec<Span> {
        let mut spans: Vec<Option<Span>> = vec![None; self.names.len()];
        for item in &self.nodes {
            if let Kind::Variable(id) = item.kind {
                spans[id as usize].get_or_insert(item.span);
            }
        }
        spans
            .into_iter()
            .map(|s| s.unwrap_or(Span { start: 0, end: 0 }))
            .collect()
    }

    /// Adds the expression's nodes to `g`, with `leaves[id]` for the variable `id`, calling
    /// `record(span)` for each new node in order, and returns the output.
    fn emit<'g>(
        &self,
        g: &'g Graph,
        leaves: &[Value<'g>],
        mut record: impl FnMut(Span),
    ) -> Result<Value<'g>, Error> {
        let mut built: Vec<Value<'g>> = Vec::with_capacity(self.nodes.len());
        for item in &self.nodes {
            let v = match item.kind {
                // every use of a variable is the same leaf: its gradients add up
                Kind::Variable(id) => {
                    built.push(leaves[id as usize]);
                    continue;
                }
                Kind::Number(x) => g.constant(x),
                Kind::Unary(op, a) => g.push(op, &[built[a as usize]]),
                Kind::Binary(op, a, b) => g.push(op, &[built[a as usize], built[b as usize]]),
                Kind::Ternary(op, a, b, c) => {
                    let at = |i: u32| built[i as usize];
                    g.push(op, &[at(a), at(b), at(c)])
                }
            };
            record(item.span);
            built.push(v);
        }
        built
            .last()
            .copied()
            .ok_or_else(|| Error::out_of_range("expression", "the expression is empty"))
    }
}
