//! Second derivatives: the gradient as a computation of its own, and the Hessian from it.
//!
//! [`Graph::grad`] builds `∂f/∂v` for every variable `v` out of graph operations, as
//! PyTorch's `create_graph=True` does: the local derivative of each op, multiplied by the
//! gradient arriving from above, added up where a value feeds several ops. A
//! [`GradientGraph`] is that gradient copied, with only what `f` and the gradients need, into
//! a graph of its own: the expression's nodes first, with their indices unchanged, then the
//! gradient's nodes, every `∂f/∂node` labelled as such.
//!
//! Backward from `∂f/∂v` through that graph leaves `∂²f/∂v∂u` on each variable `u`: the row
//! of `v` in the [`Hessian`]. The variables are the names of the expression (input leaves);
//! numbers are constants, which keep no gradient, so they have no row or column.
//!
//! At a kink the derivatives follow the ops' conventions, as PyTorch's: `relu'(0) = 0`,
//! `|x|'` is 0 at 0, and every piecewise derivative is built with `if_positive`, whose own
//! derivative with respect to its condition is 0. So `relu(x)` has second derivative 0
//! everywhere, and `x*relu(x)` at 0 has the left side's 0 (its right side's is 2).
//!
//! # Examples
//!
//! ```
//! # fn main() -> Result<(), gradgraph::Error> {
//! use gradgraph::GradientGraph;
//! use std::collections::HashMap;
//!
//! // f = x*x*y + y: ∂²f/∂x² = 2y, ∂²f/∂x∂y = 2x, ∂²f/∂y² = 0
//! let e = gradgraph::expr::parse("x*x*y + y")?;
//! let at = HashMap::from([("x".to_owned(), 3.0), ("y".to_owned(), 2.0)]);
//! let h = GradientGraph::from_expr(&e, &at, None)?.hessian();
//! assert_eq!(h.names(), ["x", "y"]);
//! assert_eq!(h.rows(), [[4.0, 6.0], [6.0, 0.0]]);
//! # Ok(()) }
//! ```

use crate::expr::{self, Built, Expr};
use crate::{Error, Graph, Op, Value};
use std::collections::HashMap;

/// One variable of a [`GradientGraph`]: a name of the expression, its leaf and its gradient.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Variable {
    /// The name, as the expression writes it.
    pub name: String,
    /// The index of its leaf in [`GradientGraph::graph`].
    pub leaf: usize,
    /// The index of its gradient `∂f/∂name`, if the graph was built for it.
    pub gradient: Option<usize>,
}

/// `f` and its gradient as one graph: the expression's nodes (numbered as
/// [`Expr::build_with_spans`] numbers them), then the nodes [`Graph::grad`] built for the
/// gradients asked for, and nothing else.
///
/// The expression's nodes are in a group `f = …`, the gradient's in a group
/// `its gradient: ∂f/∂x, …`, so pictures draw them as two clusters. Each gradient node that
/// stands for `∂f/∂node` is labelled so: `∂f/∂x` for a variable, `∂f/∂(x*w)` for a node of the
/// expression (by its text, or `∂f/∂#k` when that is long), `∂f/∂f` for the output.
#[derive(Debug)]
pub struct GradientGraph {
    graph: Graph,
    /// The expression on one line, cut to 40 characters.
    source: String,
    /// How many nodes the expression has: the gradient's nodes come after.
    expression_nodes: usize,
    /// The variables, sorted by name.
    variables: Vec<Variable>,
}

/// What [`GradientGraph::from_expr`] builds before the copy: the expression, the gradient of
/// its output with respect to each of its nodes, and the nodes to keep.
struct Full<'g> {
    built: Built<'g>,
    /// The expression's nodes, in order (the gradient's come after them).
    nodes: Vec<Value<'g>>,
    /// `gradients[i]` is `∂f/∂node i`, as a value of the same graph.
    gradients: Vec<Value<'g>>,
    /// Which nodes the output and the gradients asked for depend on.
    keep: Vec<bool>,
}

impl GradientGraph {
    /// Builds `e` at `values` and the gradient of its output with respect to the variable
    /// `only` (or to every variable when `None`), as graph values.
    ///
    /// Costs **O(n)** time and memory for an expression of `n` nodes (a few gradient nodes
    /// per node). Errors as [`Expr::build_with_spans`] does: a variable without a value.
    ///
    /// # Examples
    /// ```
    /// # fn main() -> Result<(), gradgraph::Error> {
    /// use gradgraph::GradientGraph;
    /// use std::collections::HashMap;
    ///
    /// // f = x*w: ∂f/∂w = x, built as a graph value
    /// let e = gradgraph::expr::parse("x*w")?;
    /// let at = HashMap::from([("x".to_owned(), 3.0), ("w".to_owned(), 0.5)]);
    /// let gg = GradientGraph::from_expr(&e, &at, Some("w"))?;
    /// let dw = gg.single_gradient().expect("one gradient");
    /// assert_eq!((dw.label().as_deref(), dw.data()), (Some("∂f/∂w"), 3.0));
    /// // ∂f/∂x was not asked for (the variables are sorted by name: w, then x)
    /// assert_eq!(gg.variables()[1].name, "x");
    /// assert_eq!(gg.variables()[1].gradient, None);
    /// # Ok(()) }
    /// ```
    pub fn from_expr(
        e: &Expr,
        values: &HashMap<String, f64>,
        only: Option<&str>,
    ) -> Result<Self, Error> {
        let g = Graph::with_capacity(8 * e.node_count(), 16 * e.node_count());
        let full = full(&g, e, values, only)?;
        let n = full.nodes.len();
        let copy = Graph::with_capacity(full.keep.iter().filter(|&&k| k).count(), 2 * n);
        let short = shorten(e.source(), 40);
        let names: Vec<String> = full
            .built
            .variables
            .keys()
            .filter(|name| wanted(only, name))
            .map(|name| format!("∂f/∂{name}"))
            .collect();
        // the copy, expression then gradient, each a group (a cluster of the pictures)
        let mut map: Vec<Option<Value<'_>>> = vec![None; g.len()];
        copy.group(&format!("f = {short}"), || {
            copy_nodes(&g, &copy, &full.keep, 0..n, &mut map)
        })?;
        copy.group(&format!("its gradient: {}", names.join(", ")), || {
            copy_nodes(&g, &copy, &full.keep, n..g.len(), &mut map)
        })?;
        label(e, &full, &map);
        let at = |v: Value<'_>| map[v.index()].map(|c| c.index());
        let variables = full
            .built
            .variables
            .iter()
            .map(|(name, leaf)| Variable {
                name: name.clone(),
                leaf: at(*leaf).unwrap_or_default(),
                gradient: if wanted(only, name) {
                    at(full.gradients[leaf.index()])
                } else {
                    None
                },
            })
            .collect();
        drop(map);
        Ok(GradientGraph {
            graph: copy,
            source: short,
            expression_nodes: n,
            variables,
        })
    }

    /// The graph: the expression's nodes, then the gradient's.
    pub fn graph(&self) -> &Graph {
        &self.graph
    }

    /// The expression on one line, cut to 40 characters with `…`: the name of its group.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// How many nodes the expression has; the gradient's nodes are numbered after them.
    pub fn expression_nodes(&self) -> usize {
        self.expression_nodes
    }

    /// The variables, sorted by name.
    pub fn variables(&self) -> &[Variable] {
        &self.variables
    }

    /// The gradients built (`∂f/∂v` for each variable asked for), in the variables' order.
    pub fn gradients(&self) -> Vec<Value<'_>> {
        self.variables
            .iter()
            .filter_map(|v| v.gradient.and_then(|k| self.graph.get(k)))
            .collect()
    }

    /// The gradient, when the graph holds exactly one (built for one variable, or for an
    /// expression of one variable).
    pub fn single_gradient(&self) -> Option<Value<'_>> {
        match self.gradients().as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }

    /// How many node visits [`GradientGraph::hessian`] makes: one backward pass through the
    /// whole graph per variable.
    pub fn hessian_work(&self) -> usize {
        self.variables.len().saturating_mul(self.graph.len())
    }

    /// The second derivatives: for each variable `v`, backward from `∂f/∂v` through the
    /// gradient graph leaves `∂²f/∂v∂u` on each variable `u`. A variable whose gradient was
    /// not built has a row of zeros. The graph's gradients are left at zero.
    ///
    /// Costs **O(k·n)** time for `k` variables and `n` nodes ([`GradientGraph::hessian_work`]).
    /// A non-finite second derivative is a number of the table, not an error: see
    /// [`Hessian::non_finite`] and [`Hessian::first_error`].
    ///
    /// # Examples
    /// ```
    /// # fn main() -> Result<(), gradgraph::Error> {
    /// use gradgraph::GradientGraph;
    /// use std::collections::HashMap;
    ///
    /// // f = tanh(x): f'' = -2 tanh(x) (1 - tanh(x)²)
    /// let e = gradgraph::expr::parse("tanh(x)")?;
    /// let h = GradientGraph::from_expr(&e, &HashMap::from([("x".to_owned(), 0.5)]), None)?
    ///     .hessian();
    /// let t = 0.5f64.tanh();
    /// assert!((h.rows()[0][0] - (-2.0 * t * (1.0 - t * t))).abs() < 1e-15);
    /// # Ok(()) }
    /// ```
    pub fn hessian(&self) -> Hessian {
        let g = &self.graph;
        let mut rows = Vec::with_capacity(self.variables.len());
        let mut first_error = None;
        for (i, v) in self.variables.iter().enumerate() {
            let Some(gradient) = v.gradient.and_then(|k| g.get(k)) else {
                rows.push(vec![0.0; self.variables.len()]);
                continue;
            };
            g.zero_grad();
            if let Err(err) = g.try_backward(gradient) {
                first_error.get_or_insert((i, err));
            }
            rows.push(
                self.variables
                    .iter()
                    .map(|u| g.get(u.leaf).map(|leaf| leaf.grad()).unwrap_or_default())
                    .collect(),
            );
        }
        g.zero_grad();
        Hessian {
            names: self.variables.iter().map(|v| v.name.clone()).collect(),
            rows,
            first_error,
        }
    }
}

/// True when the gradient of `name` is asked for.
fn wanted(only: Option<&str>, name: &str) -> bool {
    only.is_none_or(|o| o == name)
}

/// Builds `e` in `g` and its gradient with respect to every node of it: the gradient of each
/// intermediate node is the value [`Graph::grad`] built for it on the way to the variables,
/// so asking for it adds no node.
fn full<'g>(
    g: &'g Graph,
    e: &Expr,
    values: &HashMap<String, f64>,
    only: Option<&str>,
) -> Result<Full<'g>, Error> {
    let built = e.build_with_spans(g, values)?;
    let y = built.output;
    let nodes: Vec<Value<'g>> = g.values().collect();
    let gradients = g.grad(y, &nodes);
    let mut roots = vec![y.index()];
    roots.extend(
        built
            .variables
            .iter()
            .filter(|(name, _)| wanted(only, name))
            .map(|(_, leaf)| gradients[leaf.index()].index()),
    );
    let keep = ancestors(g, &roots);
    Ok(Full {
        built,
        nodes,
        gradients,
        keep,
    })
}

/// Labels the copy: `f` (unless the output is a leaf or has a label), and `∂f/∂node` on the
/// gradient of each node of the expression that was kept.
fn label(e: &Expr, full: &Full<'_>, map: &[Option<Value<'_>>]) {
    let (y, n) = (full.built.output, full.nodes.len());
    if let (false, None, Some(f)) = (y.op().is_leaf(), y.label(), map[y.index()]) {
        f.with_label("f");
    }
    for (node, gradient) in full.nodes.iter().zip(&full.gradients) {
        let Some(gradient) = map[gradient.index()] else {
            continue;
        };
        if gradient.index() < n {
            continue; // not built by grad (cannot happen: kept apart all the same)
        }
        let label = match node.label() {
            Some(name) if node.op().is_leaf() => format!("∂f/∂{name}"),
            _ if *node == y => "∂f/∂f".to_owned(),
            _ => format!("∂f/∂{}", describe(e, &full.built, *node)),
        };
        gradient.with_label(&label);
    }
}

/// Which nodes of `g` the nodes `roots` depend on (themselves included): one reverse sweep
/// over the indices, an append-only graph's topological order.
fn ancestors(g: &Graph, roots: &[usize]) -> Vec<bool> {
    let mut keep = vec![false; g.len()];
    for &r in roots {
        keep[r] = true;
    }
    for i in (0..keep.len()).rev() {
        if !keep[i] {
            continue;
        }
        if let Some(v) = g.get(i) {
            for operand in g.operands(v) {
                keep[operand.index()] = true;
            }
        }
    }
    keep
}

/// Copies the kept nodes of `range` from `g` into `copy`, in order, with their labels.
fn copy_nodes<'c>(
    g: &Graph,
    copy: &'c Graph,
    keep: &[bool],
    range: std::ops::Range<usize>,
    map: &mut [Option<Value<'c>>],
) -> Result<(), Error> {
    for i in range.filter(|&i| keep[i]) {
        let Some(v) = g.get(i) else { continue };
        let new = match v.op() {
            Op::Input => copy.input(v.data()),
            Op::Param => copy.parameter(v.data()),
            Op::Const => copy.constant(v.data()),
            op => {
                let operands: Vec<Value<'c>> = g
                    .operands(v)
                    .iter()
                    .filter_map(|o| map[o.index()])
                    .collect();
                copy.apply(op, &operands)?
            }
        };
        if let Some(label) = v.label() {
            new.with_label(&label);
        }
        map[i] = Some(new);
    }
    Ok(())
}

/// How a gradient label names a node of the expression: its text, in parentheses unless it
/// is a name or a call (`(x*w)`, `tanh(x*w + b)`), or its number when the text is long.
fn describe(e: &Expr, built: &Built<'_>, v: Value<'_>) -> String {
    const LONGEST: usize = 24;
    let text = built
        .span(v)
        // a long text is not read at all: the spans of a long sum are most of the source
        .filter(|s| s.end - s.start <= 4 * LONGEST)
        .map(|s| e.text(s).split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_default();
    if text.is_empty() || text.chars().count() > LONGEST {
        return format!("#{}", v.index());
    }
    if enclosed(&text) {
        text
    } else {
        format!("({text})")
    }
}

/// True for a name, a call `name(…)` or a parenthesised text `(…)` whose last character
/// closes its first parenthesis.
fn enclosed(text: &str) -> bool {
    let Some(open) = text.find('(') else {
        return expr::is_variable_name(text);
    };
    let head = &text[..open];
    if !(head.is_empty() || expr::is_variable_name(head) || expr::is_function_name(head)) {
        return false;
    }
    let mut depth = 0usize;
    for (k, c) in text.char_indices().skip_while(|&(k, _)| k < open) {
        match c {
            '(' => depth += 1,
            ')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return k + 1 == text.len();
                }
            }
            _ => {}
        }
    }
    false
}

/// `text` on one line, cut to `max` characters with `…`.
fn shorten(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        let head: String = flat.chars().take(max.saturating_sub(1)).collect();
        format!("{head}…")
    }
}

/// The second derivatives of `f`: `rows()[i][j] = ∂²f/∂v_i∂v_j`, found by backward from
/// `∂f/∂v_i` through the gradient graph (see [`GradientGraph::hessian`]).
#[derive(Debug)]
pub struct Hessian {
    names: Vec<String>,
    rows: Vec<Vec<f64>>,
    /// The first backward pass that met a non-finite number: its row, and what it found.
    first_error: Option<(usize, Error)>,
}

impl Hessian {
    /// The variables, sorted by name: the rows' and the columns' names.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The table, a row per variable: `rows()[i][j] = ∂²f/∂v_i∂v_j`.
    pub fn rows(&self) -> &[Vec<f64>] {
        &self.rows
    }

    /// The entries that are NaN or infinite, as `(row, column, value)`, row by row.
    ///
    /// # Examples
    /// ```
    /// # fn main() -> Result<(), gradgraph::Error> {
    /// use gradgraph::GradientGraph;
    /// use std::collections::HashMap;
    ///
    /// // f = sqrt(x): f'' = -x^(-3/2) / 4, infinite at 0
    /// let e = gradgraph::expr::parse("sqrt(x)")?;
    /// let h = GradientGraph::from_expr(&e, &HashMap::from([("x".to_owned(), 0.0)]), None)?
    ///     .hessian();
    /// let bad = h.non_finite();
    /// assert_eq!((bad.len(), bad[0].0, bad[0].1), (1, 0, 0));
    /// assert_eq!(h.entry_name(0, 0), "∂²f/∂x²");
    /// assert_eq!(h.first_error().map(|(row, _)| row), Some(0));
    /// # Ok(()) }
    /// ```
    pub fn non_finite(&self) -> Vec<(usize, usize, f64)> {
        self.rows
            .iter()
            .enumerate()
            .flat_map(|(i, row)| row.iter().enumerate().map(move |(j, &x)| (i, j, x)))
            .filter(|(_, _, x)| !x.is_finite())
            .collect()
    }

    /// The name of an entry: `∂²f/∂x²` on the diagonal, `∂²f/∂x∂w` elsewhere (backward from
    /// `∂f/∂x`, to `w`). An index out of range is named `?`.
    pub fn entry_name(&self, i: usize, j: usize) -> String {
        let name = |k: usize| self.names.get(k).map_or("?", String::as_str);
        if i == j {
            format!("∂²f/∂{}²", name(i))
        } else {
            format!("∂²f/∂{}∂{}", name(i), name(j))
        }
    }

    /// The first backward pass that met a NaN or an infinity (as [`Graph::try_backward`]
    /// reports it): the row it computed, and the error naming the node.
    pub fn first_error(&self) -> Option<(usize, &Error)> {
        self.first_error.as_ref().map(|(i, e)| (*i, e))
    }
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // the platform's tanh: an independent oracle
mod tests {
    use super::*;

    fn at(pairs: &[(&str, f64)]) -> HashMap<String, f64> {
        pairs.iter().map(|&(n, x)| (n.to_owned(), x)).collect()
    }

    fn hessian(source: &str, values: &[(&str, f64)]) -> Hessian {
        let e = expr::parse(source).unwrap();
        GradientGraph::from_expr(&e, &at(values), None)
            .unwrap()
            .hessian()
    }

    #[test]
    fn second_derivatives_of_a_polynomial() {
        // f = x³ + x y² ; f_xx = 6x, f_xy = 2y, f_yy = 2x
        let h = hessian("x*x*x + x*y*y", &[("x", 2.0), ("y", -3.0)]);
        assert_eq!(h.names(), ["x", "y"]);
        assert_eq!(h.rows(), [[12.0, -6.0], [-6.0, 4.0]]);
        assert!(h.non_finite().is_empty());
        assert!(h.first_error().is_none());
    }

    #[test]
    fn the_table_is_symmetric_for_smooth_functions() {
        // f = tanh(x*w + b): every mixed derivative both ways agrees
        let h = hessian("tanh(x*w + b)", &[("x", 1.0), ("w", 0.5), ("b", -0.2)]);
        let r = h.rows();
        for i in 0..3 {
            for j in 0..3 {
                assert!((r[i][j] - r[j][i]).abs() < 1e-15, "{i} {j}: {r:?}");
            }
        }
        // ∂²f/∂b² = tanh''(z) = -2 tanh(z) (1 - tanh(z)²), z = 0.3
        let t = 0.3f64.tanh();
        assert!((r[0][0] - (-2.0 * t * (1.0 - t * t))).abs() < 1e-15);
    }

    #[test]
    fn relu_has_no_curvature_and_constants_no_row() {
        // relu'' = 0 everywhere (its derivative is built with if_positive)
        let h = hessian("relu(x) * 3 + 2", &[("x", 1.5)]);
        assert_eq!(h.names(), ["x"]);
        assert_eq!(h.rows(), [[0.0]]);
        // a linear function: all zero
        let h = hessian("2*x + 3*y", &[("x", 1.0), ("y", 2.0)]);
        assert_eq!(h.rows(), [[0.0, 0.0], [0.0, 0.0]]);
    }

    #[test]
    fn non_finite_entries_are_found_with_the_first_failing_pass() {
        // f = sqrt(x) y: f_xx = -y/(4 x^1.5) is infinite at x = 0
        let h = hessian("sqrt(x) * y", &[("x", 0.0), ("y", 1.0)]);
        let bad: Vec<(usize, usize)> = h.non_finite().iter().map(|&(i, j, _)| (i, j)).collect();
        assert!(bad.contains(&(0, 0)), "{bad:?}");
        assert_eq!(h.first_error().map(|(i, _)| i), Some(0));
        assert_eq!(h.entry_name(0, 1), "∂²f/∂x∂y");
        assert_eq!(h.entry_name(1, 1), "∂²f/∂y²");
        assert_eq!(h.entry_name(5, 0), "∂²f/∂?∂x");
    }

    #[test]
    fn the_graph_holds_the_expression_then_the_labelled_gradient() {
        let e = expr::parse("tanh(x*w + b)").unwrap();
        let values = at(&[("x", 1.0), ("w", 0.5), ("b", -0.2)]);
        let gg = GradientGraph::from_expr(&e, &values, None).unwrap();
        assert_eq!(gg.expression_nodes(), 6);
        assert_eq!(gg.source(), "tanh(x*w + b)");
        let names: Vec<&str> = gg.variables().iter().map(|v| v.name.as_str()).collect();
        assert_eq!(names, ["b", "w", "x"]);
        // the leaves keep their indices; each gradient is numbered after the expression
        for v in gg.variables() {
            let leaf = gg.graph().get(v.leaf).unwrap();
            assert_eq!(leaf.label().as_deref(), Some(v.name.as_str()));
            let k = v.gradient.unwrap();
            assert!(k >= gg.expression_nodes());
            let label = gg.graph().get(k).unwrap().label().unwrap();
            assert_eq!(label, format!("∂f/∂{}", v.name));
        }
        // ∂f/∂x = (1 - tanh(0.3)²) w
        let dx = gg.gradients()[2];
        assert!((dx.data() - (1.0 - 0.3f64.tanh().powi(2)) * 0.5).abs() < 1e-15);
        assert_eq!(gg.hessian_work(), 3 * gg.graph().len());
        assert!(gg.single_gradient().is_none());
        let labels: Vec<String> = gg.graph().values().filter_map(|v| v.label()).collect();
        assert!(labels.contains(&"∂f/∂(x*w)".to_owned()), "{labels:?}");
        assert!(labels.contains(&"f".to_owned()), "{labels:?}");
    }

    #[test]
    fn one_variable_keeps_only_what_its_gradient_needs() {
        let e = expr::parse("x*w + b").unwrap();
        let values = at(&[("x", 3.0), ("w", 0.5), ("b", 1.0)]);
        let all = GradientGraph::from_expr(&e, &values, None).unwrap();
        let one = GradientGraph::from_expr(&e, &values, Some("w")).unwrap();
        assert!(one.graph().len() < all.graph().len());
        let dw = one.single_gradient().unwrap();
        assert_eq!((dw.data(), dw.label().as_deref()), (3.0, Some("∂f/∂w")));
        // its Hessian row is w's; the others are zero rows
        let h = one.hessian();
        // f = x w + b: ∂f/∂w = x, so ∂²f/∂w∂x = 1
        assert_eq!(h.rows(), [[0.0; 3], [0.0, 0.0, 1.0], [0.0; 3]]);
    }

    #[test]
    fn names_calls_and_parentheses_are_enclosed() {
        for text in [
            "x",
            "w_1",
            "tanh(x*w + b)",
            "(x + 1)",
            "pow(x, (y))",
            "((a))",
        ] {
            assert!(enclosed(text), "{text}");
        }
        for text in [
            "x*w",
            "(x) + (y)",
            "tanh(x) * 2",
            "2",
            "-x",
            "(x",
            "f(x)(y)",
        ] {
            assert!(!enclosed(text), "{text}");
        }
    }

    #[test]
    fn long_texts_are_cut() {
        assert_eq!(shorten("tanh(x*w\n   + b)", 40), "tanh(x*w + b)");
        assert_eq!(shorten("abcdef", 4), "abc…");
    }
}
