//! # gradgraph-quiz: exercises that check a backward pass worked by hand
//!
//! The library side of `gradgraph quiz` and of the live page's exercises. A [`Quiz`] is an
//! expression built at given values ([`Quiz::new`]), or a graph already built
//! ([`Quiz::from_graph`]: a neuron, one sample through a net), with one [`Question`] per node
//! whose gradient a student works out by hand, in the order backward processes them (or only
//! the variables', [`Scope::Leaves`]). [`Quiz::check`] grades an answer and, when it is
//! wrong, names the **first mistake** that explains it ([`Mistake`]):
//!
//! - a wrong **local derivative**: the answer is what the chain rule gives with one local
//!   derivative replaced by a common slip, such as `tanh' = 1 - x²` with `x` the input
//!   instead of `1 - y²` with `y` the output, `x^(p-1)` without the factor `p`, the operand
//!   itself instead of the other one for `a·b`, or a flipped sign;
//! - a **left-out contribution**: a node used by several nodes (or twice by one) collects
//!   one product from each use, and the answer is one of the partial sums;
//! - a **missing upstream factor** (the local derivative sent alone), or a contribution
//!   **counted twice**;
//! - the node's own local derivative, or its **value** (its forward result), given for its
//!   gradient.
//!
//! Every explanation ends with the right product, `local × upstream`. Slips are tried in
//! the order backward makes them, so with [`Scope::Leaves`] (where the intermediate gradients
//! are not asked) the mistake named is the earliest one that explains the answer, carried
//! down the graph. What backward knows is taken from
//! [`Graph::backward_trace`](gradgraph::Graph::backward_trace): each local derivative and each
//! product.
//!
//! Nodes are named as `gradgraph expr --trace` names them: a variable by its name, any other
//! node `#k` by its index in the graph (the expression's leaves first, then each operation
//! in the order it is evaluated), with its formula in terms of those names (`#4 = #3 + b`).
//! Constants have no question: they keep no gradient. (A graph given to
//! [`Quiz::from_graph`] names its nodes by their labels where it has them.)
//!
//! [`generate`] makes a random exercise of a [`Level`] from the table of ops;
//! [`parse_answer`] reads what a student typed and [`short`] writes numbers as the
//! explanations do. The printable worksheet and its answer key are
//! `gradgraph_course::quiz::worksheet`'s (their LaTeX needs `gradgraph-draw`).
//!
//! The crate depends on the engine, gradgraph-i18n, pxfm, rand, rand_chacha and thiserror
//! only, and does no I/O: it builds for `wasm32-unknown-unknown`, and its numbers and texts
//! are the same on every target (pxfm's functions are correctly rounded).
//!
//! # Languages
//!
//! What it writes for people is in English by default and in any [`Lang`] through the
//! `_in` forms: [`Quiz::check_in`] (the explanation of a mistake), [`Question::heading_in`],
//! [`Quiz::use_name_in`], [`Quiz::rule_in`], [`Quiz::product_where`], [`short_in`] (numbers,
//! `0,915137` in Portuguese) and [`parse_answer_in`] (which reads `0,5` in Portuguese). The
//! texts are the catalogs `quiz.ftl` of `gradgraph-i18n`. What programs read stays the same
//! in every language: the kinds of mistakes, [`Contribution::rule`] (in English) and the
//! numbers.
//!
//! # Tolerance
//!
//! An answer `a` to a question whose gradient is `g` is right when
//! `|a - g| <= max(relative · |g|, absolute)` ([`Tolerance`]; by default relative 1e-3 and
//! absolute 1e-6). The absolute floor matters only near 0: a gradient of exactly 0 (a relu
//! below its kink) would otherwise accept nothing but an exact 0.
//!
//! # Examples
//!
//! ```
//! # fn main() -> Result<(), gradgraph_quiz::Error> {
//! use gradgraph_quiz::{MistakeKind, Quiz, Scope, Tolerance};
//! use std::collections::HashMap;
//!
//! let e = gradgraph::expr::parse("tanh(x*w + b)")?;
//! let at = HashMap::from([("x".to_string(), 1.0), ("w".into(), 0.5), ("b".into(), -0.2)]);
//! let quiz = Quiz::new(&e, &at, Scope::EveryNode)?;
//! // #4 = #3 + b, #3 = x * w, then b, w, x
//! assert_eq!(quiz.questions().len(), 5);
//! assert_eq!(quiz.questions()[0].tag, "#4");
//!
//! let tolerance = Tolerance::default();
//! assert!(quiz.check(0, 0.915, tolerance).right);
//! // 1 - 0.3² = 0.91: tanh' computed from the input instead of the output
//! let wrong = quiz.check(0, 0.91, tolerance);
//! let mistake = wrong.mistake.expect("a wrong answer is explained");
//! assert_eq!(mistake.kind, MistakeKind::LocalDerivative);
//! assert!(mistake.text().contains("1 - #4² with #4 the input"));
//! # Ok(()) }
//! ```

mod error;
mod random;
mod rules;

pub use error::{Arg, Error, Message};
pub use random::{Generated, Level, generate};

use gradgraph::Graph;
use gradgraph::LocalDerivative;
use gradgraph::Op;
use gradgraph::expr::{self, Expr};
use gradgraph::{TraceStep, Value};
/// The languages the quiz speaks (`gradgraph_i18n::Lang`), re-exported for its callers.
pub use gradgraph_i18n::Lang;
use std::collections::HashMap;
use std::fmt;

/// The most nodes an expression may build into for a quiz: one question per node is a long
/// enough exercise well before this.
pub const MAX_NODES: usize = 200;

/// Which gradients a quiz asks for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Scope {
    /// Every node's but the output's (whose gradient is 1) and the constants' (which keep
    /// none), in the order backward processes them.
    #[default]
    EveryNode,
    /// Only the variables' (the leaves that want a gradient), in the order backward reaches
    /// them.
    Leaves,
}

/// When an answer counts as right: `|answer - gradient| <= max(relative · |gradient|,
/// absolute)`.
///
/// # Examples
/// ```
/// use gradgraph_quiz::Tolerance;
/// let t = Tolerance::default(); // relative 1e-3, absolute 1e-6
/// assert!(t.accepts(0.915, 0.9151369));
/// assert!(!t.accepts(0.91, 0.9151369));
/// assert!(t.accepts(1e-7, 0.0)); // near 0, the absolute floor
/// assert!(Tolerance::new(-1.0, 1e-6).is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tolerance {
    /// The largest error relative to the gradient (default 1e-3: 0.1%).
    pub relative: f64,
    /// The largest error near 0 (default 1e-6).
    pub absolute: f64,
}

impl Default for Tolerance {
    fn default() -> Self {
        Tolerance {
            relative: 1e-3,
            absolute: 1e-6,
        }
    }
}

impl Tolerance {
    /// A tolerance, refusing a negative or non-finite bound, or a relative one of 1 or more
    /// (which would accept 0 for anything): [`Error::OutOfRange`].
    pub fn new(relative: f64, absolute: f64) -> Result<Tolerance, Error> {
        if !(relative.is_finite() && (0.0..1.0).contains(&relative)) {
            return Err(Error::out_of_range_said(
                "tolerance",
                "quiz-error-relative-tolerance",
                vec![("value", Arg::Number(relative))],
            ));
        }
        if !(absolute.is_finite() && absolute >= 0.0) {
            return Err(Error::out_of_range_said(
                "tolerance",
                "quiz-error-absolute-tolerance",
                vec![("value", Arg::Number(absolute))],
            ));
        }
        Ok(Tolerance { relative, absolute })
    }

    /// True when `answer` is close enough to `right`.
    pub fn accepts(&self, answer: f64, right: f64) -> bool {
        (answer - right).abs() <= (self.relative * right.abs()).max(self.absolute)
    }
}

/// What a node of the quiz is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeKind {
    /// A variable of the expression (an input or a parameter of a graph): a leaf that
    /// wants a gradient.
    Variable,
    /// A number of the expression (a constant of a graph): a leaf that keeps no gradient.
    Constant,
    /// An operation of the expression, other than the output.
    Intermediate,
    /// The output, `f`.
    Output,
}

impl NodeKind {
    /// `"variable"`, `"constant"`, `"intermediate"` or `"output"`.
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Variable => "variable",
            NodeKind::Constant => "constant",
            NodeKind::Intermediate => "intermediate",
            NodeKind::Output => "output",
        }
    }
}

/// One product backward sends to a node: from the node `from`, which uses it as its operand
/// number `operand`.
#[derive(Clone, Debug, PartialEq)]
pub struct Contribution {
    /// The node that sends it (a user of the question's node).
    pub from: usize,
    /// Which operand of `from` the question's node is (0 for the first).
    pub operand: usize,
    /// The local derivative `∂ from / ∂ operand`.
    pub local: f64,
    /// The gradient of `from`, `∂f/∂from`.
    pub upstream: f64,
    /// `local × upstream`.
    pub product: f64,
    /// The local derivative's rule in the quiz's names, then with its numbers:
    /// `∂#5/∂#4 = 1 − tanh²(#4) = 1 − tanh²(0.3) = 0.915137`.
    pub rule: String,
}

/// One question of a quiz: the gradient of one node.
#[derive(Clone, Debug, PartialEq)]
pub struct Question {
    /// The node's index in the quiz's graph.
    pub node: usize,
    /// Its name: a variable's name, or `#k` for node `k` (in a graph given to
    /// [`Quiz::from_graph`], its label when it has one).
    pub tag: String,
    /// Its formula in terms of other nodes' names (`#3 + b`); a variable's is its name.
    pub formula: String,
    /// The part of the expression it was built from (`x*w + b`); for a graph given to
    /// [`Quiz::from_graph`], the node as a student writes it (`x·w + b`).
    pub text: String,
    /// Its value.
    pub value: f64,
    /// A variable or an intermediate node.
    pub kind: NodeKind,
    /// The right answer, `∂f/∂node`.
    pub gradient: f64,
    /// Where the gradient comes from: one product per use of the node, in the order
    /// backward sends them. Their sum is `gradient`.
    pub contributions: Vec<Contribution>,
    /// The names of the nodes that use it, once each, in the order backward reaches them.
    pub used_by: Vec<String>,
}

impl Question {
    /// What is asked: `∂f/∂#4`, `∂f/∂x`.
    pub fn asked(&self) -> String {
        format!("∂f/∂{}", self.tag)
    }

    /// What the question is about: the node, its formula and value, and the nodes that use
    /// it, as `gradgraph quiz` heads it: `#4 = #3 + b = 0.3, used by #5`.
    pub fn heading(&self) -> String {
        self.heading_in(Lang::En)
    }

    /// [`Question::heading`] in `lang`: `#4 = #3 + b = 0,3, usado por #5`.
    pub fn heading_in(&self, lang: Lang) -> String {
        let value = short_in(self.value, lang);
        let what = if self.formula == self.tag {
            format!("{} = {value}", self.tag)
        } else {
            format!("{} = {} = {value}", self.tag, self.formula)
        };
        lang.text(
            "quiz-used-by",
            &[
                ("what", what.into()),
                ("users", self.used_by.join(", ").into()),
            ],
        )
    }
}

impl Question {
    /// The verdict on the answer `value`, graded `check` (by [`Quiz::check_in`]), as
    /// `gradgraph quiz` and the page say it, one line each, in `lang`: right or wrong with the
    /// gradient, the explanation of the mistake, and when `more` questions follow a wrong
    /// answer, that the quiz goes on with the right value.
    ///
    /// # Examples
    /// ```
    /// # fn main() -> Result<(), gradgraph_quiz::Error> {
    /// use gradgraph_quiz::{Lang, Quiz, Scope, Tolerance};
    /// use std::collections::HashMap;
    /// let e = gradgraph::expr::parse("tanh(x*w + b)")?;
    /// let at = HashMap::from([("x".to_string(), 1.0), ("w".into(), 0.5), ("b".into(), -0.2)]);
    /// let quiz = Quiz::new(&e, &at, Scope::EveryNode)?;
    /// let q = &quiz.questions()[0];
    /// let check = quiz.check_in(0, 0.91, Tolerance::default(), Lang::PtBr);
    /// let lines = q.verdict_in(0.91, &check, true, Lang::PtBr);
    /// assert_eq!(lines[0], "errado: ∂f/∂#4 = 0,915137, e não 0,91");
    /// assert_eq!(lines.last().unwrap(), "O exercício continua com o valor certo, ∂f/∂#4 = 0,915137.");
    /// let right = quiz.check(0, 0.915, Tolerance::default());
    /// assert_eq!(q.verdict_in(0.915, &right, true, Lang::En), ["right: ∂f/∂#4 = 0.915137"]);
    /// # Ok(()) }
    /// ```
    pub fn verdict_in(&self, value: f64, check: &Check, more: bool, lang: Lang) -> Vec<String> {
        let asked = self.asked();
        let gradient = short_in(self.gradient, lang);
        if check.right {
            return vec![lang.text(
                "quiz-right",
                &[("asked", asked.into()), ("gradient", gradient.into())],
            )];
        }
        let mut lines = vec![lang.text(
            "quiz-wrong",
            &[
                ("asked", asked.as_str().into()),
                ("gradient", gradient.as_str().into()),
                ("answer", short_in(value, lang).into()),
            ],
        )];
        if let Some(mistake) = &check.mistake {
            lines.extend(mistake.lines.iter().cloned());
        }
        if more {
            lines.push(lang.text(
                "quiz-goes-on",
                &[("asked", asked.into()), ("gradient", gradient.into())],
            ));
        }
        lines
    }
}

/// How an answer was graded by [`Quiz::check`].
#[derive(Clone, Debug, PartialEq)]
pub struct Check {
    /// True when the answer is within the tolerance of the gradient.
    pub right: bool,
    /// For a wrong answer, the first mistake that explains it.
    pub mistake: Option<Mistake>,
}

/// The kind of mistake a wrong answer shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MistakeKind {
    /// One local derivative was wrong (a common slip of its rule, or its sign).
    LocalDerivative,
    /// The sum over a node's uses left one or more of them out.
    LeftOut,
    /// A local derivative was sent without being multiplied by the upstream gradient.
    MissingUpstream,
    /// One use's product was counted twice.
    CountedTwice,
    /// The node's own local derivative (what it will send down to an operand) was given for
    /// the gradient that reaches it from above.
    OwnLocal,
    /// The node's value (its forward result, or a variable's own value) was given for its
    /// gradient.
    ValueForGradient,
    /// No single slip explains the answer; the explanation shows the right computation.
    Unexplained,
}

impl MistakeKind {
    /// `"local_derivative"`, `"left_out"`, `"missing_upstream"`, `"counted_twice"`,
    /// `"own_local"`, `"value_for_gradient"` or `"unexplained"`.
    pub fn as_str(self) -> &'static str {
        match self {
            MistakeKind::LocalDerivative => "local_derivative",
            MistakeKind::LeftOut => "left_out",
            MistakeKind::MissingUpstream => "missing_upstream",
            MistakeKind::CountedTwice => "counted_twice",
            MistakeKind::OwnLocal => "own_local",
            MistakeKind::ValueForGradient => "value_for_gradient",
            MistakeKind::Unexplained => "unexplained",
        }
    }
}

/// The first mistake that explains a wrong answer.
#[derive(Clone, Debug, PartialEq)]
pub struct Mistake {
    /// What kind of mistake.
    pub kind: MistakeKind,
    /// Where: the node that sends the product (the user) and the node it is sent to, or
    /// `None` for [`MistakeKind::ValueForGradient`] and [`MistakeKind::Unexplained`].
    pub at: Option<(usize, usize)>,
    /// What that mistake gives, which matches the answer (the gradient itself for
    /// [`MistakeKind::Unexplained`]).
    pub gives: f64,
    /// The explanation, one sentence a line, ending with the right product.
    pub lines: Vec<String>,
}

impl Mistake {
    /// The explanation's lines joined with newlines.
    pub fn text(&self) -> String {
        self.lines.join("\n")
    }
}

/// What the quiz knows of one node the output depends on.
#[derive(Clone, Debug)]
struct NodeData {
    op: Op,
    kind: NodeKind,
    value: f64,
    /// `∂f/∂node`.
    gradient: f64,
    /// Its position in backward's order (0 for the output).
    step: usize,
    /// Its operands and the local derivative towards each, in operand order.
    operands: Vec<(usize, f64)>,
    /// Its uses: (user, operand slot), in the order backward sends them.
    uses: Vec<(usize, usize)>,
    tag: String,
    text: String,
}

/// An exercise: an expression at given values, or a graph already built, and the questions
/// of its backward pass.
///
/// It owns the graph it was built in ([`Quiz::graph`]), with every intermediate node
/// labelled by its name (`#4`), so that pictures of it match the questions.
pub struct Quiz {
    graph: Graph,
    expression: String,
    variables: Vec<(String, f64)>,
    output: usize,
    scope: Scope,
    /// By node index; `None` for nodes the output does not depend on.
    nodes: Vec<Option<NodeData>>,
    /// Node indices in backward's order.
    order: Vec<usize>,
    questions: Vec<Question>,
}

impl fmt::Debug for Quiz {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Quiz")
            .field("expression", &self.expression)
            .field("variables", &self.variables)
            .field("scope", &self.scope)
            .field("questions", &self.questions.len())
            .finish()
    }
}

impl Quiz {
    /// Builds `expr` at the values `at` (one per variable) and poses its questions.
    ///
    /// Returns [`Error::OutOfRange`] when a variable has no value, when a value or a gradient
    /// is NaN or infinite at these values (the message says where, as `gradgraph expr`
    /// does), or when there is nothing to ask (no variables, or an output that is a variable
    /// itself); [`Error::TooLarge`] above [`MAX_NODES`] nodes.
    ///
    /// Computes in **O(n + e)** time for the `n` nodes and `e` edges of the expression (one
    /// forward and one backward pass).
    pub fn new(expr: &Expr, at: &HashMap<String, f64>, scope: Scope) -> Result<Quiz, Error> {
        let count = expr.node_count();
        if count > MAX_NODES {
            return Err(Error::too_large_said(
                "quiz",
                "quiz-error-expression-too-large",
                vec![
                    ("count", Arg::Count(count)),
                    ("limit", Arg::Count(MAX_NODES)),
                ],
            ));
        }
        if expr.variables().is_empty() {
            return Err(Error::out_of_range_said(
                "quiz",
                "quiz-error-no-variables",
                vec![],
            ));
        }
        let graph = Graph::with_capacity(count, 2 * count);
        let (output, texts) = {
            let built = expr.build_with_spans(&graph, at)?;
            finite(&graph, built.output, |err| expr.explain(&built, err))?;
            // each node's part of the expression, as written
            let texts: Vec<String> = graph
                .values()
                .map(|v| {
                    built
                        .span(v)
                        .map(|s| tidy(expr.text(s)))
                        .unwrap_or_default()
                })
                .collect();
            (built.output.index(), texts)
        };
        Quiz::pose_on(graph, output, expr.source().to_owned(), &texts, scope)
    }

    /// A quiz over a graph already built with the engine's API (a neuron, one sample through
    /// a net): the gradients of node `output` at the values the graph holds. `expression` is
    /// what [`Quiz::expression`] gives back: the function the graph computes, as the page or
    /// the sheet should show it.
    ///
    /// Nodes are named by their labels ([`Value::with_label`](gradgraph::Value::with_label)),
    /// as [`Quiz::new`] names an expression's variables:
    ///
    /// - a variable (an input or a parameter: a leaf that wants a gradient) by its label,
    ///   or `#k` for node `k` without one;
    /// - a constant ([`Op::Const`]) by its label, or its number without one; it has no
    ///   question;
    /// - any other node by its label, or `#k` without one, with its formula in terms of its
    ///   operands' names as [`Quiz::formula`] writes it (`#3 + b`, `tanh(n)`).
    ///
    /// A label that names two of the nodes the output depends on, or another one's `#k`,
    /// names neither: each is `#k` (a constant its number), so that every question names one
    /// node. A question's [`text`](Question::text) is its node as a student writes it,
    /// [`Graph::term`](gradgraph::Graph::term) (`x·w + b`). As with [`Quiz::new`], every
    /// node asked about whose label is not its name is then labelled by its name, so that
    /// pictures of [`Quiz::graph`] match the questions; the graph's gradients are
    /// overwritten by backward's.
    ///
    /// Returns [`Error::OutOfRange`] when `output` is not a node of `graph`, when a value or
    /// a gradient is NaN or infinite (the message says where), or when there is nothing to
    /// ask (the output depends on no input or parameter, or is one itself);
    /// [`Error::TooLarge`] when the output depends on more than [`MAX_NODES`] nodes.
    ///
    /// Computes in **O(n + e)** time for the `n` nodes and `e` edges of the graph up to
    /// `output` (one backward pass, traced).
    ///
    /// # Examples
    ///
    /// A neuron built with the engine, its sum labelled `n`:
    ///
    /// ```
    /// # fn main() -> Result<(), gradgraph_quiz::Error> {
    /// use gradgraph::Graph;
    /// use gradgraph_quiz::{MistakeKind, Quiz, Scope, Tolerance};
    ///
    /// let g = Graph::new();
    /// let x = g.input(1.0).with_label("x");
    /// let w = g.parameter(0.5).with_label("w");
    /// let b = g.parameter(-0.2).with_label("b");
    /// let n = (x * w + b).with_label("n");
    /// let y = n.tanh();
    /// let output = y.index();
    /// let quiz = Quiz::from_graph(g, output, "tanh(x·w + b)", Scope::EveryNode)?;
    ///
    /// // backward's order: n = #3 + b, #3 = x * w, then b, w, x
    /// let tags: Vec<&str> = quiz.questions().iter().map(|q| q.tag.as_str()).collect();
    /// assert_eq!(tags, ["n", "#3", "b", "w", "x"]);
    /// assert_eq!(quiz.questions()[0].formula, "#3 + b");
    /// assert_eq!(quiz.formula(output), "tanh(n)");
    ///
    /// let tolerance = Tolerance::default();
    /// // ∂f/∂n = 1 − tanh²(0.3) = 0.915137
    /// assert!(quiz.check(0, 0.915, tolerance).right);
    /// // 1 − 0.3² = 0.91: tanh' computed from its input instead of its output
    /// let wrong = quiz.check(0, 0.91, tolerance);
    /// assert!(!wrong.right);
    /// let mistake = wrong.mistake.expect("a wrong answer is explained");
    /// assert_eq!(mistake.kind, MistakeKind::LocalDerivative);
    /// assert!(mistake.text().contains("1 - n² with n the input: 1 - 0.3² = 0.91"));
    /// assert!(mistake.text().contains("∂#5/∂n = 1 − tanh²(n) = 1 − tanh²(0.3) = 0.915137"));
    /// # Ok(()) }
    /// ```
    pub fn from_graph(
        graph: Graph,
        output: usize,
        expression: impl Into<String>,
        scope: Scope,
    ) -> Result<Quiz, Error> {
        let Some(y) = graph.get(output) else {
            return Err(Error::out_of_range_said(
                "quiz",
                "quiz-error-no-such-output",
                vec![
                    ("output", Arg::Count(output)),
                    ("count", Arg::Count(graph.len())),
                ],
            ));
        };
        let count = dependencies(&graph, output);
        if count > MAX_NODES {
            return Err(Error::too_large_said(
                "quiz",
                "quiz-error-graph-too-large",
                vec![
                    ("count", Arg::Count(count)),
                    ("limit", Arg::Count(MAX_NODES)),
                ],
            ));
        }
        finite(&graph, y, |err| err.to_string())?;
        // each node as a student writes it, in the graph's own labels
        let texts: Vec<String> = graph.values().map(|v| graph.term(v)).collect();
        Quiz::pose_on(graph, output, expression.into(), &texts, scope)
    }

    /// What [`Quiz::new`] and [`Quiz::from_graph`] share: backward on `graph` (whose values
    /// and gradients were found finite) from node `output`, traced, each node it reaches
    /// named, and the questions posed, unless there is nothing to ask. `texts` holds each
    /// node's text, by node index.
    fn pose_on(
        graph: Graph,
        output: usize,
        expression: String,
        texts: &[String],
        scope: Scope,
    ) -> Result<Quiz, Error> {
        if graph
            .get(output)
            .is_some_and(|y| y.op().is_leaf() && y.op() != Op::Const)
        {
            return Err(Error::out_of_range_said(
                "quiz",
                "quiz-error-output-is-variable",
                vec![],
            ));
        }
        graph.zero_grad();
        let trace = graph.get(output).map(|y| graph.backward_trace(y));
        let trace = trace.unwrap_or_default();

        let kinds: Vec<NodeKind> = (trace.steps.iter())
            .map(|s| match s.op {
                _ if s.node == output => NodeKind::Output,
                Op::Const => NodeKind::Constant,
                op if op.is_leaf() => NodeKind::Variable,
                _ => NodeKind::Intermediate,
            })
            .collect();
        let mut tags = names(&trace.steps, &kinds).into_iter();
        let mut nodes: Vec<Option<NodeData>> = vec![None; graph.len()];
        let mut order = Vec::with_capacity(trace.steps.len());
        for (step, (s, &kind)) in trace.steps.iter().zip(&kinds).enumerate() {
            order.push(s.node);
            nodes[s.node] = Some(NodeData {
                op: s.op,
                kind,
                value: s.data,
                gradient: s.upstream,
                step,
                operands: s.inputs.iter().map(|e| (e.input, e.local)).collect(),
                uses: Vec::new(),
                text: texts.get(s.node).cloned().unwrap_or_default(),
                tag: tags.next().unwrap_or_default(),
            });
        }
        let mut variables: Vec<(String, f64)> = (nodes.iter().flatten())
            .filter(|n| n.kind == NodeKind::Variable)
            .map(|n| (n.tag.clone(), n.value))
            .collect();
        if variables.is_empty() {
            return Err(Error::out_of_range_said(
                "quiz",
                "quiz-error-no-variable-below",
                vec![],
            ));
        }
        variables.sort_by(|a, b| a.0.cmp(&b.0));
        // the uses of each node, in the order backward sends the products
        for &i in &order {
            let operands = nodes[i]
                .as_ref()
                .map(|n| n.operands.clone())
                .unwrap_or_default();
            for (slot, (operand, _)) in operands.into_iter().enumerate() {
                if let Some(n) = nodes[operand].as_mut() {
                    n.uses.push((i, slot));
                }
            }
        }
        // pictures name the nodes asked about as the questions do
        for (i, n) in nodes.iter().enumerate() {
            if let (Some(n), Some(v)) = (n, graph.get(i))
                && n.kind != NodeKind::Constant
                && v.label().as_ref() != Some(&n.tag)
            {
                v.with_label(&n.tag);
            }
        }
        let mut quiz = Quiz {
            graph,
            expression,
            variables,
            output,
            scope,
            nodes,
            order,
            questions: Vec::new(),
        };
        quiz.questions = quiz.pose();
        Ok(quiz)
    }

    /// The questions, in the order backward processes their nodes.
    fn pose(&self) -> Vec<Question> {
        self.order
            .iter()
            .filter_map(|&i| {
                let n = self.node(i)?;
                let asked = match self.scope {
                    Scope::EveryNode => {
                        matches!(n.kind, NodeKind::Variable | NodeKind::Intermediate)
                    }
                    Scope::Leaves => n.kind == NodeKind::Variable,
                };
                asked.then(|| Question {
                    node: i,
                    tag: n.tag.clone(),
                    formula: self.formula(i),
                    text: n.text.clone(),
                    value: n.value,
                    kind: n.kind,
                    gradient: n.gradient,
                    contributions: self.contributions(i),
                    used_by: self.used_by(i),
                })
            })
            .collect()
    }

    fn node(&self, i: usize) -> Option<&NodeData> {
        self.nodes.get(i).and_then(Option::as_ref)
    }

    /// The products sent to node `i`, one per use.
    fn contributions(&self, i: usize) -> Vec<Contribution> {
        let Some(n) = self.node(i) else {
            return Vec::new();
        };
        n.uses
            .iter()
            .filter_map(|&(user, slot)| {
                let u = self.node(user)?;
                let local = u.operands.get(slot)?.1;
                Some(Contribution {
                    from: user,
                    operand: slot,
                    local,
                    upstream: u.gradient,
                    product: local * u.gradient,
                    rule: self.rule(user, slot, Lang::En),
                })
            })
            .collect()
    }

    /// The names of the users of node `i`, once each.
    fn used_by(&self, i: usize) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for &(user, _) in self.node(i).map(|n| n.uses.as_slice()).unwrap_or_default() {
            let tag = self.tag(user);
            if !names.contains(&tag) {
                names.push(tag);
            }
        }
        names
    }

    /// The operand values of node `i`.
    fn operand_values(&self, i: usize) -> Vec<f64> {
        self.node(i)
            .map(|n| {
                n.operands
                    .iter()
                    .map(|&(j, _)| self.node(j).map_or(f64::NAN, |o| o.value))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The rule of the local derivative of node `user` towards its operand `slot`, with
    /// its numbers, in `lang`.
    fn rule(&self, user: usize, slot: usize, lang: Lang) -> String {
        let Some(u) = self.node(user) else {
            return String::new();
        };
        let names: Vec<String> = u.operands.iter().map(|&(j, _)| self.tag(j)).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let xs = self.operand_values(user);
        LocalDerivative::new(&u.tag, u.op, slot, &names, &xs, u.value, |x| {
            short_in(x, lang)
        })
        .map(|d| rule_words(d.to_string(), lang))
        .unwrap_or_default()
    }

    /// The expression as written (as given to [`Quiz::from_graph`]).
    pub fn expression(&self) -> &str {
        &self.expression
    }

    /// Each variable with its value, sorted by name.
    pub fn variables(&self) -> &[(String, f64)] {
        &self.variables
    }

    /// The value of the expression, `f`.
    pub fn value(&self) -> f64 {
        self.node(self.output).map_or(f64::NAN, |n| n.value)
    }

    /// The output's node index.
    pub fn output(&self) -> usize {
        self.output
    }

    /// Which gradients are asked.
    pub fn scope(&self) -> Scope {
        self.scope
    }

    /// The questions, in the order backward processes their nodes.
    pub fn questions(&self) -> &[Question] {
        &self.questions
    }

    /// The graph the expression was built in (or the one given to [`Quiz::from_graph`]),
    /// after backward (every gradient in place), with the intermediate nodes and the output
    /// labelled by their names (`#4`).
    pub fn graph(&self) -> &Graph {
        &self.graph
    }

    /// How the quiz names node `i`: a variable's name, a constant's number, `#i` otherwise
    /// (in a graph given to [`Quiz::from_graph`], its label when it has one).
    pub fn tag(&self, i: usize) -> String {
        self.node(i)
            .map_or_else(|| format!("#{i}"), |n| n.tag.clone())
    }

    /// The forward pass, one line per operation in the order it is evaluated: the name,
    /// its formula and its value (`("#4", "#3 + b", 0.3)`), the output last.
    pub fn forward(&self) -> Vec<(String, String, f64)> {
        let mut lines: Vec<(usize, String, String, f64)> = self
            .order
            .iter()
            .filter_map(|&i| {
                let n = self.node(i)?;
                matches!(n.kind, NodeKind::Intermediate | NodeKind::Output)
                    .then(|| (i, n.tag.clone(), self.formula(i), n.value))
            })
            .collect();
        lines.sort_by_key(|l| l.0);
        lines.into_iter().map(|(_, t, f, v)| (t, f, v)).collect()
    }

    /// The part of the expression that the node named `tag` computes (`x*w + b` for `#4`),
    /// as its question shows it, whether or not it is asked.
    pub fn part(&self, tag: &str) -> Option<&str> {
        self.order
            .iter()
            .filter_map(|&i| self.node(i))
            .find(|n| n.tag == tag)
            .map(|n| n.text.as_str())
    }

    /// The formula of node `i` in terms of its operands' names: `#3 + b`, `tanh(#4)`,
    /// `x^2`; a leaf's is its name.
    pub fn formula(&self, i: usize) -> String {
        let Some(n) = self.node(i) else {
            return format!("#{i}");
        };
        let names: Vec<String> = n.operands.iter().map(|&(j, _)| self.tag(j)).collect();
        // a negative number beside an operator is parenthesised: `#3 * (-0.5)`, `x^(-1)`
        let paren = |t: &str| {
            if t.starts_with('-') {
                format!("({t})")
            } else {
                t.to_owned()
            }
        };
        let arg = |k: usize| paren(&names.get(k).cloned().unwrap_or_default());
        let op = n.op;
        match op {
            _ if op.is_leaf() => n.tag.clone(),
            Op::Add | Op::Sub | Op::Mul | Op::Div => {
                format!("{} {} {}", arg(0), op.symbol(), arg(1))
            }
            Op::Pow => format!("{}^{}", arg(0), arg(1)),
            Op::PowConst(p) => format!("{}^{}", arg(0), paren(&expr::format_number(p))),
            Op::Neg => format!("-{}", arg(0)),
            Op::AddConst(_) | Op::MulConst(_) | Op::DivConst(_) => {
                format!("{} {}", arg(0), op.symbol())
            }
            Op::ConstMinus(_) | Op::ConstOver(_) => format!("{} {}", op.symbol(), arg(0)),
            Op::LeakyRelu(slope) => {
                format!("leaky_relu({}, {})", arg(0), expr::format_number(slope))
            }
            Op::Sum(_) => names.join(" + "),
            _ => format!("{}({})", op.name(), names.join(", ")),
        }
    }

    /// Grades `answer` to question number `question` (from 0): right within `tolerance`,
    /// or wrong with the first mistake that explains it, told in English
    /// ([`Quiz::check_in`] tells it in another language).
    ///
    /// Computes in **O(n + e)** time for a graph of `n` nodes and `e` edges (a few slips
    /// tried per edge), and **O(2^u)** for the partial sums of a node with `u` uses (every
    /// subset up to 12 uses, none above).
    ///
    /// **Panics** if `question` is out of range.
    pub fn check(&self, question: usize, answer: f64, tolerance: Tolerance) -> Check {
        self.check_in(question, answer, tolerance, Lang::En)
    }

    /// [`Quiz::check`] with the mistake explained in `lang`: its sentences, its numbers
    /// (`0,915137` in Portuguese) and the rules of its local derivatives. The kind of the
    /// mistake, where it is and what it gives are the same in every language.
    ///
    /// # Examples
    /// ```
    /// # fn main() -> Result<(), gradgraph_quiz::Error> {
    /// use gradgraph_i18n::Lang;
    /// use gradgraph_quiz::{Quiz, Scope, Tolerance};
    /// use std::collections::HashMap;
    /// let e = gradgraph::expr::parse("tanh(x*w + b)")?;
    /// let at = HashMap::from([("x".to_string(), 1.0), ("w".into(), 0.5), ("b".into(), -0.2)]);
    /// let quiz = Quiz::new(&e, &at, Scope::EveryNode)?;
    /// let wrong = quiz.check_in(0, 0.91, Tolerance::default(), Lang::PtBr);
    /// let text = wrong.mistake.expect("explained").text();
    /// assert!(text.contains("O primeiro erro está na derivada local de #5 = tanh(#4)"));
    /// assert!(text.contains("1 - 0,3² = 0,91"));
    /// # Ok(()) }
    /// ```
    pub fn check_in(
        &self,
        question: usize,
        answer: f64,
        tolerance: Tolerance,
        lang: Lang,
    ) -> Check {
        let q = &self.questions[question];
        if tolerance.accepts(answer, q.gradient) {
            return Check {
                right: true,
                mistake: None,
            };
        }
        Check {
            right: false,
            mistake: Some(self.diagnose(q, answer, tolerance, lang)),
        }
    }

    /// The first mistake that explains `answer` to `q`.
    fn diagnose(&self, q: &Question, answer: f64, tolerance: Tolerance, lang: Lang) -> Mistake {
        let v = q.node;
        let right = q.gradient;
        let s = |x: f64| short_in(x, lang);
        let plausible = |gives: f64| {
            gives.is_finite()
                && !tolerance.accepts(gives, right)
                && tolerance.accepts(answer, gives)
        };
        // 1. a sum over the uses of `v` that leaves some out, fewest left out first
        if let Some(mistake) = self.left_out_here(q, answer, &plausible, lang) {
            return mistake;
        }
        // 2. one slip on one edge (with --leaves, on any edge above `v`, its effect carried
        //    down): the slips of an op's own rule first, then the generic ones (a flipped
        //    sign, 1, the node's value, a missing upstream factor, a product counted twice);
        //    among equals, the earliest in backward's order
        let reach = self.reach(v);
        let mut best: Option<(u8, usize, usize, Mistake)> = None;
        for &user in &self.order {
            let Some(u) = self.node(user) else { continue };
            for (slot, &(operand, local)) in u.operands.iter().enumerate() {
                let d = reach.get(operand).copied().unwrap_or(0.0);
                if d == 0.0 || (self.scope == Scope::EveryNode && operand != v) {
                    continue;
                }
                let upstream = u.gradient;
                let product = local * upstream;
                let xs = self.operand_values(user);
                let names: Vec<String> = u.operands.iter().map(|&(j, _)| self.tag(j)).collect();
                let names: Vec<&str> = names.iter().map(String::as_str).collect();
                let mut candidates: Vec<(u8, Slip)> = Vec::new();
                let named = (&names[..], u.tag.as_str());
                for slip in rules::slips(u.op, named, &xs, u.value, slot, local, lang) {
                    let tier = if slip.specific { 0 } else { 1 };
                    candidates.push((tier, Slip::Local(slip)));
                }
                if upstream != 1.0 {
                    candidates.push((1, Slip::MissingUpstream));
                }
                if self.node(operand).is_some_and(|o| o.uses.len() > 1) {
                    candidates.push((1, Slip::CountedTwice));
                }
                for (order, (tier, slip)) in candidates.into_iter().enumerate() {
                    let new_product = match &slip {
                        Slip::Local(s) => s.value * upstream,
                        Slip::MissingUpstream => local,
                        Slip::CountedTwice => 2.0 * product,
                    };
                    let gives = right + (new_product - product) * d;
                    if !plausible(gives) {
                        continue;
                    }
                    let key = (tier, u.step, order);
                    if best.as_ref().is_some_and(|b| (b.0, b.1, b.2) <= key) {
                        continue;
                    }
                    let mistake = self.explain_slip(q, user, slot, &slip, gives, lang);
                    best = Some((tier, u.step, order, mistake));
                }
            }
        }
        if let Some((_, _, _, mistake)) = best {
            return mistake;
        }
        // 3. the node's own local derivative, given for what arrives at it from above
        if let Some(n) = self.node(v) {
            for (slot, &(operand, local)) in n.operands.iter().enumerate() {
                if !plausible(local) {
                    continue;
                }
                let mut lines = vec![
                    lang.text(
                        "quiz-own-local",
                        &[
                            ("local", s(local).into()),
                            ("node", self.tag(v).into()),
                            ("operand", self.operand_phrase(v, slot, lang).into()),
                        ],
                    ),
                    lang.text(
                        "quiz-own-local-asked",
                        &[("asked", q.asked().into()), ("node", self.tag(v).into())],
                    ),
                ];
                lines.extend(self.computation(q, lang));
                return Mistake {
                    kind: MistakeKind::OwnLocal,
                    at: Some((v, operand)),
                    gives: local,
                    lines,
                };
            }
        }
        // 4. the node's value, its forward result, given for its gradient (an answer of 0 is
        //    no value given: a gradient of 0 is a guess of its own)
        if let Some(n) = self
            .node(v)
            .filter(|n| n.value != 0.0 && plausible(n.value))
        {
            let what = match n.kind {
                NodeKind::Variable => lang.text("quiz-value-variable", &[]),
                _ => lang.text("quiz-value-result", &[]),
            };
            let mut lines = vec![
                lang.text(
                    "quiz-value",
                    &[
                        ("value", s(n.value).into()),
                        ("node", self.tag(v).into()),
                        ("what", what.into()),
                        ("asked", q.asked().into()),
                    ],
                ),
                lang.text("quiz-value-asked", &[("node", self.tag(v).into())]),
            ];
            lines.extend(self.computation(q, lang));
            return Mistake {
                kind: MistakeKind::ValueForGradient,
                at: None,
                gives: n.value,
                lines,
            };
        }
        // 5. nothing single explains it: the right computation
        let mut lines = vec![lang.text("quiz-unexplained", &[])];
        lines.extend(self.computation(q, lang));
        Mistake {
            kind: MistakeKind::Unexplained,
            at: None,
            gives: right,
            lines,
        }
    }

    /// `d(node)/d(v)` for every node: how a change of each node's gradient reaches `v`'s.
    /// The derivative of node `o` with respect to `v` is the sum over paths of the local
    /// derivatives, computed forward from `v` (1 at `v`).
    fn reach(&self, v: usize) -> Vec<f64> {
        let mut d = vec![0.0; self.nodes.len()];
        if let Some(slot) = d.get_mut(v) {
            *slot = 1.0;
        }
        // forward order: operands before users
        for &i in self.order.iter().rev() {
            if i == v {
                continue;
            }
            let Some(n) = self.node(i) else { continue };
            let sum: f64 = n.operands.iter().map(|&(j, local)| local * d[j]).sum();
            d[i] = sum;
        }
        d
    }

    /// A sum over the uses of `q`'s node that leaves some out and matches `answer`.
    fn left_out_here(
        &self,
        q: &Question,
        answer: f64,
        plausible: &impl Fn(f64) -> bool,
        lang: Lang,
    ) -> Option<Mistake> {
        let c = &q.contributions;
        let n = c.len();
        // every subset of a few uses (more than 12 are not searched)
        if !(2..=12).contains(&n) {
            return None;
        }
        // at least one use kept: an answer of 0 is no partial sum
        let mut masks: Vec<u32> = (1..(1u32 << n) - 1).collect();
        // fewest left out first, then the earliest
        masks.sort_by_key(|m| (n as u32 - m.count_ones(), std::cmp::Reverse(*m)));
        for mask in masks {
            let kept: f64 = (0..n)
                .filter(|k| mask & (1 << k) != 0)
                .map(|k| c[k].product)
                .sum();
            if !plausible(kept) {
                continue;
            }
            let left: Vec<usize> = (0..n).filter(|k| mask & (1 << k) == 0).collect();
            let mut lines = vec![lang.text(
                "quiz-left-out",
                &[("tag", q.tag.as_str().into()), ("uses", n.into())],
            )];
            lines.extend(
                c.iter()
                    .map(|x| format!("  {}", self.product_line(x, lang))),
            );
            let what: Vec<String> = left
                .iter()
                .map(|&k| {
                    lang.text(
                        "quiz-left-out-item",
                        &[
                            ("product", short_in(c[k].product, lang).into()),
                            ("user", self.use_name_in(&c[k], lang).into()),
                        ],
                    )
                })
                .collect();
            lines.push(lang.text(
                "quiz-left-out-answer",
                &[
                    ("answer", short_in(answer, lang).into()),
                    ("count", left.len().into()),
                    ("what", join_and(&what, lang).into()),
                ],
            ));
            lines.push(self.sum_line(q, lang));
            let first = left.first().map(|&k| (c[k].from, q.node));
            return Some(Mistake {
                kind: MistakeKind::LeftOut,
                at: first,
                gives: kept,
                lines,
            });
        }
        None
    }

    /// The explanation of one slip on the edge `user → operand slot`.
    fn explain_slip(
        &self,
        q: &Question,
        user: usize,
        slot: usize,
        slip: &Slip,
        gives: f64,
        lang: Lang,
    ) -> Mistake {
        let Some(u) = self.node(user) else {
            return Mistake {
                kind: MistakeKind::Unexplained,
                at: None,
                gives,
                lines: Vec::new(),
            };
        };
        let s = |x: f64| short_in(x, lang);
        let (operand, local) = u.operands[slot];
        let upstream = u.gradient;
        let product = local * upstream;
        let to = self.tag(operand);
        let at = format!("{} = {}", u.tag, self.formula(user));
        let respect = self.operand_phrase(user, slot, lang);
        let mut lines = Vec::new();
        let kind = match slip {
            Slip::Local(slip) => {
                lines.push(lang.text(
                    "quiz-local-first",
                    &[("at", at.as_str().into()), ("respect", respect.into())],
                ));
                lines.push(lang.text("quiz-local-used", &[("used", slip.used.as_str().into())]));
                lines.push(lang.text(
                    "quiz-local-but",
                    &[("rule", self.rule(user, slot, lang).into())],
                ));
                MistakeKind::LocalDerivative
            }
            Slip::MissingUpstream => {
                lines.push(lang.text(
                    "quiz-missing-upstream",
                    &[
                        ("at", at.as_str().into()),
                        ("to", to.as_str().into()),
                        ("local", s(local).into()),
                        ("user", u.tag.as_str().into()),
                        ("upstream", s(upstream).into()),
                    ],
                ));
                MistakeKind::MissingUpstream
            }
            Slip::CountedTwice => {
                lines.push(lang.text(
                    "quiz-counted-twice",
                    &[
                        ("at", at.as_str().into()),
                        ("to", to.as_str().into()),
                        ("local", s(local).into()),
                        ("upstream", s(upstream).into()),
                        ("product", s(product).into()),
                    ],
                ));
                MistakeKind::CountedTwice
            }
        };
        if !matches!(slip, Slip::CountedTwice) {
            lines.push(lang.text(
                "quiz-sends",
                &[
                    ("user", u.tag.as_str().into()),
                    ("to", to.as_str().into()),
                    ("local", s(local).into()),
                    ("upstream", s(upstream).into()),
                    ("product", s(product).into()),
                ],
            ));
        }
        if operand == q.node {
            if q.contributions.len() > 1 {
                lines.push(self.sum_line(q, lang));
            }
        } else {
            lines.push(lang.text(
                "quiz-carried",
                &[
                    ("tag", q.tag.as_str().into()),
                    ("gives", s(gives).into()),
                    ("asked", q.asked().into()),
                    ("gradient", s(q.gradient).into()),
                ],
            ));
            lines.extend(self.computation(q, lang));
        }
        Mistake {
            kind,
            at: Some((user, operand)),
            gives,
            lines,
        }
    }

    /// How the right answer to `q` is computed: each product with its rule, and their sum.
    fn computation(&self, q: &Question, lang: Lang) -> Vec<String> {
        let c = &q.contributions;
        if let [one] = c.as_slice() {
            return vec![lang.text(
                "quiz-one-product",
                &[
                    ("asked", q.asked().into()),
                    ("product", self.product_line(one, lang).into()),
                    ("rule", self.rule_in(one, lang).into()),
                ],
            )];
        }
        let mut lines: Vec<String> = c
            .iter()
            .map(|x| format!("  {}", self.product_where(x, lang)))
            .collect();
        lines.push(self.sum_line(q, lang));
        lines
    }

    /// `from #3 = x * w: 0.5 × 0.915137 = 0.457568, where ∂#3/∂x = w = 0.5`: one product
    /// sent to a question's node, with the rule of its local derivative, in `lang`, as the
    /// explanations and the answer keys write it.
    pub fn product_where(&self, c: &Contribution, lang: Lang) -> String {
        lang.text(
            "quiz-product-where",
            &[
                ("product", self.product_line(c, lang).into()),
                ("rule", self.rule_in(c, lang).into()),
            ],
        )
    }

    /// `from #2 = #1 + x: 1 × 1 = 1`.
    fn product_line(&self, c: &Contribution, lang: Lang) -> String {
        lang.text(
            "quiz-product",
            &[
                ("user", self.use_name_in(c, lang).into()),
                ("local", short_in(c.local, lang).into()),
                ("upstream", short_in(c.upstream, lang).into()),
                ("product", short_in(c.product, lang).into()),
            ],
        )
    }

    /// How the explanations name the user that sends the product `c`: its name and formula,
    /// and which operand the node is when it is more than one of them (`#1 = x * x (its
    /// first operand)`).
    pub fn use_name(&self, c: &Contribution) -> String {
        self.use_name_in(c, Lang::En)
    }

    /// [`Quiz::use_name`] in `lang`: `#1 = x * x (o seu primeiro operando)`.
    pub fn use_name_in(&self, c: &Contribution, lang: Lang) -> String {
        let user = format!("{} = {}", self.tag(c.from), self.formula(c.from));
        let n = self.node(c.from).map_or(0, |u| u.operands.len());
        let same = self.node(c.from).map_or(0, |u| {
            let me = u.operands.get(c.operand).map(|o| o.0);
            u.operands.iter().filter(|o| Some(o.0) == me).count()
        });
        if n > 1 && same > 1 {
            lang.text(
                "quiz-operand-nth",
                &[
                    ("name", user.into()),
                    ("ordinal", ordinal(c.operand, lang).into()),
                ],
            )
        } else {
            user
        }
    }

    /// The rule of the local derivative of the product `c`, with its numbers, in `lang`:
    /// [`Contribution::rule`] in English, `∂#5/∂#4 = 1 − tanh²(#4) = 1 − tanh²(0,3) =
    /// 0,915137` in Portuguese.
    pub fn rule_in(&self, c: &Contribution, lang: Lang) -> String {
        match lang {
            Lang::En => c.rule.clone(),
            _ => self.rule(c.from, c.operand, lang),
        }
    }

    /// `the sum: ∂f/∂x = 1 + 3 + 3 = 7.`
    fn sum_line(&self, q: &Question, lang: Lang) -> String {
        let terms: Vec<String> = q
            .contributions
            .iter()
            .map(|c| short_in(c.product, lang))
            .collect();
        lang.text(
            "quiz-sum",
            &[
                ("asked", q.asked().into()),
                ("terms", terms.join(" + ").replace("+ -", "- ").into()),
                ("gradient", short_in(q.gradient, lang).into()),
            ],
        )
    }

    /// `#4` or `x (its denominator)` or `x (its first operand)`: operand `slot` of `user`.
    fn operand_phrase(&self, user: usize, slot: usize, lang: Lang) -> String {
        let Some(u) = self.node(user) else {
            return String::new();
        };
        let Some(&(operand, _)) = u.operands.get(slot) else {
            return String::new();
        };
        let name = self.tag(operand);
        let twice = u.operands.iter().filter(|o| o.0 == operand).count() > 1;
        match u.op.operand_role(slot) {
            Some(role) => lang.text(
                "quiz-operand-role",
                &[("name", name.into()), ("role", role_in(role, lang).into())],
            ),
            None if twice => lang.text(
                "quiz-operand-nth",
                &[
                    ("name", name.into()),
                    ("ordinal", ordinal(slot, lang).into()),
                ],
            ),
            None => name,
        }
    }
}

/// One slip tried by the diagnosis.
enum Slip {
    /// A wrong local derivative.
    Local(rules::Slip),
    /// The local derivative sent without the upstream factor.
    MissingUpstream,
    /// The product counted twice.
    CountedTwice,
}

/// `first`, `second`, ... in `lang`.
fn ordinal(k: usize, lang: Lang) -> String {
    match k {
        0 => lang.text("quiz-ordinal-1", &[]),
        1 => lang.text("quiz-ordinal-2", &[]),
        2 => lang.text("quiz-ordinal-3", &[]),
        _ => lang.text("quiz-ordinal-n", &[("n", (k + 1).into())]),
    }
}

/// An operand's role as the table of ops names it (`denominator`), in `lang`.
fn role_in(role: &str, lang: Lang) -> String {
    let id = match role {
        "from" => "quiz-role-from",
        "minus" => "quiz-role-minus",
        "numerator" => "quiz-role-numerator",
        "denominator" => "quiz-role-denominator",
        "base" => "quiz-role-base",
        "exponent" => "quiz-role-exponent",
        "x" => "quiz-role-x",
        "slope" => "quiz-role-slope",
        "condition" => "quiz-role-condition",
        "then" => "quiz-role-then",
        "else" => "quiz-role-else",
        _ => return role.to_owned(),
    };
    lang.text(id, &[])
}

/// The words of the table of ops' piecewise rules (`1 if #4 > 0, else 0`) in `lang`.
fn rule_words(rule: String, lang: Lang) -> String {
    match lang {
        Lang::En => rule,
        _ => rule
            .replace(" if ", &lang.text("quiz-rule-if", &[]))
            .replace(", else ", &lang.text("quiz-rule-else", &[])),
    }
}

/// `a`, `a and b`, `a, b and c`, in `lang`.
fn join_and(items: &[String], lang: Lang) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => lang.text(
            "quiz-and",
            &[
                ("rest", rest.join(", ").into()),
                ("last", last.as_str().into()),
            ],
        ),
    }
}

/// Refuses values at which a value or a gradient of `output` is NaN or infinite, saying
/// where with `explain` (given the engine's error).
fn finite(
    graph: &Graph,
    output: Value<'_>,
    explain: impl FnOnce(&gradgraph::Error) -> String,
) -> Result<(), Error> {
    graph.try_backward(output).map_err(|err| {
        Error::out_of_range_said(
            "quiz",
            "quiz-error-not-finite",
            vec![("why", Arg::Explanation(explain(&err)))],
        )
    })
}

/// How many nodes node `output` of `graph` depends on, itself included.
fn dependencies(graph: &Graph, output: usize) -> usize {
    let mut needed = vec![false; output + 1];
    needed[output] = true;
    let mut count = 0;
    // operands come before their users
    for i in (0..=output).rev() {
        let Some(v) = graph.get(i).filter(|_| needed[i]) else {
            continue;
        };
        count += 1;
        for operand in graph.operands(v) {
            if let Some(n) = needed.get_mut(operand.index()) {
                *n = true;
            }
        }
    }
    count
}

/// How the quiz names each node backward reached, in the order of `steps` (whose kinds are
/// `kinds`): by its label, else a constant by its number and any other node `#k`. A label
/// shared by two of these nodes, or equal to another one's `#k`, names neither: each gets
/// its number or `#k` (numbers may repeat, constants of the same value: they name no
/// question).
fn names(steps: &[TraceStep], kinds: &[NodeKind]) -> Vec<String> {
    let own = |k: usize| match kinds[k] {
        NodeKind::Constant => expr::format_number(steps[k].data),
        _ => format!("#{}", steps[k].node),
    };
    let label = |k: usize| steps[k].label.clone().filter(|l| !l.is_empty());
    let mut labelled: Vec<bool> = (0..steps.len()).map(|k| label(k).is_some()).collect();
    let mut tags: Vec<String> = (0..steps.len())
        .map(|k| label(k).unwrap_or_else(|| own(k)))
        .collect();
    // each round takes a label from at least one node: at most as many rounds as labels
    loop {
        let mut count: HashMap<&str, usize> = HashMap::new();
        for (k, tag) in tags.iter().enumerate() {
            if labelled[k] || kinds[k] != NodeKind::Constant {
                *count.entry(tag.as_str()).or_default() += 1;
            }
        }
        let shared: Vec<usize> = (0..tags.len())
            .filter(|&k| labelled[k] && count.get(tags[k].as_str()).is_some_and(|&n| n > 1))
            .collect();
        if shared.is_empty() {
            return tags;
        }
        for k in shared {
            tags[k] = own(k);
            labelled[k] = false;
        }
    }
}

/// A part of the expression on one line, without the parentheses around it.
fn tidy(text: &str) -> String {
    let mut t: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    while t.starts_with('(') && t.ends_with(')') && encloses(&t) {
        t = t[1..t.len() - 1].trim().to_owned();
    }
    t
}

/// True when the first `(` of `t` closes at its last character.
fn encloses(t: &str) -> bool {
    let mut depth = 0usize;
    for (i, c) in t.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i == t.len() - 1;
                }
            }
            _ => {}
        }
    }
    false
}

/// A number for people: at most 6 significant digits, without trailing zeros (`0.915137`,
/// `0.3`, `-12`, `1.5e-7`).
///
/// # Examples
/// ```
/// use gradgraph_quiz::short;
/// assert_eq!(short(0.9151369618266292), "0.915137");
/// assert_eq!(short(0.30000000000000004), "0.3");
/// assert_eq!(short(-12.0), "-12");
/// assert_eq!(short(1.5e-7), "1.5e-7");
/// assert_eq!(short(-0.0), "0");
/// ```
pub fn short(x: f64) -> String {
    if !x.is_finite() {
        return expr::format_number(x);
    }
    if x == 0.0 {
        return "0".into();
    }
    let sci = format!("{x:.5e}");
    let (mantissa, exponent) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let trim = |s: &str| -> String {
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_owned()
        } else {
            s.to_owned()
        }
    };
    if (-4..6).contains(&exponent) {
        let decimals = (5 - exponent).max(0) as usize;
        let fixed = trim(&format!("{x:.decimals$}"));
        if fixed == "-0" { "0".into() } else { fixed }
    } else {
        format!("{}e{exponent}", trim(mantissa))
    }
}

/// [`short`] as a reader of `lang` writes it: `0,915137` in Portuguese.
///
/// # Examples
/// ```
/// use gradgraph_i18n::Lang;
/// use gradgraph_quiz::short_in;
/// assert_eq!(short_in(0.9151369618266292, Lang::PtBr), "0,915137");
/// assert_eq!(short_in(1.5e-7, Lang::PtBr), "1,5e-7");
/// assert_eq!(short_in(0.5, Lang::En), "0.5");
/// ```
pub fn short_in(x: f64, lang: Lang) -> String {
    lang.decimal(&short(x))
}

/// Reads an answer: a number, or arithmetic on numbers in the expression language
/// (`0.915`, `-1/2`, `1 - 0.2913^2`, `tanh(0.3)`). Returns a message for anything else
/// (a variable, an unfinished expression, a result that is not finite).
///
/// # Examples
/// ```
/// use gradgraph_quiz::parse_answer;
/// assert_eq!(parse_answer(" 0.5 "), Ok(0.5));
/// assert_eq!(parse_answer("1 - 0.5^2"), Ok(0.75));
/// assert!(parse_answer("abc").is_err());
/// assert!(parse_answer("1/0").is_err());
/// ```
pub fn parse_answer(text: &str) -> Result<f64, String> {
    parse_answer_in(text, Lang::En)
}

/// [`parse_answer`] for a reader of `lang`, its message in `lang`. In Portuguese a decimal
/// comma between two digits is read as a point (`0,5`, `1 - 0,29^2`); a comma followed by a
/// space still separates a function's arguments (`pow(2, 3)`).
///
/// # Examples
/// ```
/// use gradgraph_i18n::Lang;
/// use gradgraph_quiz::parse_answer_in;
/// assert_eq!(parse_answer_in("0,5", Lang::PtBr), Ok(0.5));
/// assert_eq!(parse_answer_in("1 - 0,5^2", Lang::PtBr), Ok(0.75));
/// assert_eq!(parse_answer_in("abc", Lang::PtBr), Err("`abc` não é um número".to_owned()));
/// assert!(parse_answer_in("0,5", Lang::En).is_err());
/// ```
pub fn parse_answer_in(text: &str, lang: Lang) -> Result<f64, String> {
    let text = text.trim();
    let say = |id: &str| lang.text(id, &[("text", text.into())]);
    if text.is_empty() {
        return Err(lang.text("quiz-answer-empty", &[]));
    }
    if let Some(x) = lang.read_number(text).or_else(|| text.parse::<f64>().ok()) {
        return if x.is_finite() {
            Ok(x)
        } else {
            Err(say("quiz-answer-not-finite"))
        };
    }
    let not_a_number = || say("quiz-answer-not-number");
    if expr::is_variable_name(text) || expr::is_function_name(text) {
        return Err(not_a_number());
    }
    let source = match lang {
        Lang::En => text.to_owned(),
        _ => decimal_commas(text),
    };
    let e = expr::parse(&source).map_err(|_| not_a_number())?;
    match e.eval_constant() {
        Some(x) if x.is_finite() => Ok(x),
        Some(x) => Err(lang.text(
            "quiz-answer-infinite",
            &[
                ("text", text.into()),
                ("value", expr::format_number(x).into()),
            ],
        )),
        None => Err(say("quiz-answer-variable")),
    }
}

/// `text` with each comma between two digits made a decimal point: `1 - 0,29^2` →
/// `1 - 0.29^2`, `pow(2, 3)` unchanged.
fn decimal_commas(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let digit = |k: Option<&char>| k.is_some_and(char::is_ascii_digit);
    chars
        .iter()
        .enumerate()
        .map(|(k, &c)| {
            let between = c == ',' && k > 0 && digit(chars.get(k - 1)) && digit(chars.get(k + 1));
            if between { '.' } else { c }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quiz(src: &str, at: &[(&str, f64)], scope: Scope) -> Quiz {
        let at: HashMap<String, f64> = at.iter().map(|&(n, x)| (n.to_owned(), x)).collect();
        Quiz::new(&expr::parse(src).unwrap(), &at, scope).unwrap()
    }

    fn neuron(scope: Scope) -> Quiz {
        quiz(
            "tanh(x*w + b)",
            &[("x", 1.0), ("w", 0.5), ("b", -0.2)],
            scope,
        )
    }

    const T: Tolerance = Tolerance {
        relative: 1e-3,
        absolute: 1e-6,
    };

    #[test]
    fn negative_numbers_beside_an_operator_are_parenthesised() {
        // a negative exponent
        let q = quiz("x^-1 + x", &[("x", 2.0)], Scope::EveryNode);
        let formulas: Vec<String> = (0..q.graph().len()).map(|i| q.formula(i)).collect();
        assert!(formulas.contains(&"x^(-1)".to_owned()), "{formulas:?}");
        // a negative constant of a graph (a hinge loss's target −1)
        let g = Graph::new();
        let output = {
            let z = g.parameter(0.5).with_label("z");
            let y = g.constant(-1.0);
            (1.0 - y * z).relu().index()
        };
        let q = Quiz::from_graph(g, output, "relu(1 - y*z)", Scope::EveryNode).unwrap();
        let formulas: Vec<String> = (0..q.graph().len()).map(|i| q.formula(i)).collect();
        assert!(formulas.contains(&"(-1) * z".to_owned()), "{formulas:?}");
    }

    #[test]
    fn questions_follow_backward() {
        let q = neuron(Scope::EveryNode);
        let tags: Vec<&str> = q.questions().iter().map(|q| q.tag.as_str()).collect();
        assert_eq!(tags, ["#4", "#3", "b", "w", "x"]);
        assert_eq!(q.questions()[0].formula, "#3 + b");
        assert_eq!(q.questions()[0].text, "x*w + b");
        assert_eq!(q.questions()[1].formula, "x * w");
        assert_eq!(q.questions()[0].used_by, ["#5"]);
        assert_eq!(q.formula(5), "tanh(#4)");
        let leaves = neuron(Scope::Leaves);
        let tags: Vec<&str> = leaves.questions().iter().map(|q| q.tag.as_str()).collect();
        assert_eq!(tags, ["b", "w", "x"]);
        // every gradient is backward's
        for question in q.questions() {
            let sum: f64 = question.contributions.iter().map(|c| c.product).sum();
            assert_eq!(sum, question.gradient);
        }
        assert_eq!(
            q.forward(),
            [
                ("#3".to_string(), "x * w".to_string(), 0.5),
                ("#4".into(), "#3 + b".into(), 0.3),
                ("#5".into(), "tanh(#4)".into(), pxfm::f_tanh(0.3)),
            ]
        );
    }

    #[test]
    fn right_answers_pass() {
        let q = neuron(Scope::EveryNode);
        for (k, answer) in [0.915, 0.915, 0.915, 0.9151, 0.4576]
            .into_iter()
            .enumerate()
        {
            assert!(q.check(k, answer, T).right, "question {k}");
        }
    }

    #[test]
    fn tanh_from_the_input_is_named() {
        let q = neuron(Scope::EveryNode);
        let check = q.check(0, 1.0 - 0.3 * 0.3, T);
        assert!(!check.right);
        let m = check.mistake.unwrap();
        assert_eq!(m.kind, MistakeKind::LocalDerivative);
        assert_eq!(m.at, Some((5, 4)));
        let text = m.text();
        assert!(
            text.contains("local derivative of #5 = tanh(#4) with respect to #4"),
            "{text}"
        );
        // in the quiz's own names, never a fixed letter for the operand
        assert!(
            text.contains("1 - #4² with #4 the input: 1 - 0.3² = 0.91"),
            "{text}"
        );
        assert!(
            text.contains("∂#5/∂#4 = 1 − tanh²(#4) = 1 − tanh²(0.3) = 0.915137"),
            "{text}"
        );
        assert!(text.contains("0.915137 × 1 = 0.915137"), "{text}");
    }

    #[test]
    fn leaves_find_the_first_mistake_above() {
        // b's gradient with tanh' taken from the input: the mistake is at #5, carried down
        let q = neuron(Scope::Leaves);
        let m = q.check(0, 0.91, T).mistake.unwrap();
        assert_eq!(m.kind, MistakeKind::LocalDerivative);
        assert_eq!(m.at, Some((5, 4)));
        assert!(m.text().contains("Carried down to b"), "{}", m.text());
        // x's: the same slip, times w
        let m = q.check(2, 0.91 * 0.5, T).mistake.unwrap();
        assert_eq!(m.at, Some((5, 4)));
        // x's with w and x swapped at the product: the operand itself instead of the other
        let m = q.check(2, 0.9151369618266292, T).mistake.unwrap();
        assert_eq!(m.kind, MistakeKind::LocalDerivative);
        assert_eq!(m.at, Some((3, 0)));
        assert!(m.text().contains("the operand itself"), "{}", m.text());
    }

    #[test]
    fn a_left_out_use_is_named() {
        // x*x + x at 3: x gets 1 from +, 3 and 3 from *
        let q = quiz("x*x + x", &[("x", 3.0)], Scope::EveryNode);
        let x = q.questions().iter().position(|q| q.tag == "x").unwrap();
        assert_eq!(q.questions()[x].gradient, 7.0);
        let m = q.check(x, 6.0, T).mistake.unwrap();
        assert_eq!(m.kind, MistakeKind::LeftOut);
        assert_eq!(m.at, Some((2, 0)));
        let text = m.text();
        assert!(text.contains("x is used 3 times"), "{text}");
        assert!(
            text.contains("without the product 1 from #2 = #1 + x."),
            "{text}"
        );
        assert!(text.contains("∂f/∂x = 1 + 3 + 3 = 7"), "{text}");
        // one use of x*x left out
        let m = q.check(x, 4.0, T).mistake.unwrap();
        assert_eq!(m.kind, MistakeKind::LeftOut);
        assert!(m.text().contains("#1 = x * x (its"), "{}", m.text());
    }

    #[test]
    fn other_slips() {
        let q = quiz("x*x + x", &[("x", 3.0)], Scope::EveryNode);
        let x = q.questions().iter().position(|q| q.tag == "x").unwrap();
        // 1 + 3 + 3 + 3: a product counted twice
        assert_eq!(
            q.check(x, 10.0, T).mistake.unwrap().kind,
            MistakeKind::CountedTwice
        );
        // nothing single
        let m = q.check(x, 123.0, T).mistake.unwrap();
        assert_eq!(m.kind, MistakeKind::Unexplained);
        assert!(m.text().contains("The right sum"), "{}", m.text());
        // a flipped sign
        let q = neuron(Scope::EveryNode);
        let m = q.check(1, -0.915, T).mistake.unwrap();
        assert_eq!(m.kind, MistakeKind::LocalDerivative);
        assert_eq!(m.at, Some((4, 3)));
        assert!(
            m.text().contains("the right size with the wrong sign"),
            "{}",
            m.text()
        );
        // the upstream factor left out: 2*x at 3, upstream 5 from 5*(2*x)
        let q = quiz("5*(2*x)", &[("x", 3.0)], Scope::EveryNode);
        let x = q.questions().iter().position(|q| q.tag == "x").unwrap();
        assert_eq!(q.questions()[x].gradient, 10.0);
        let m = q.check(x, 2.0, T).mistake.unwrap();
        assert_eq!(m.kind, MistakeKind::MissingUpstream, "{}", m.text());
    }

    #[test]
    fn the_nodes_own_local_derivative_is_named() {
        // #1 = x * x at 3 feeds #2 = #1 + x: ∂f/∂#1 = 1, and ∂#1/∂x = x = 3 is #1's own
        let q = quiz("x*x + x", &[("x", 3.0)], Scope::EveryNode);
        let k = q.questions().iter().position(|q| q.tag != "x").unwrap();
        assert_eq!(q.questions()[k].gradient, 1.0);
        let m = q.check(k, 3.0, T).mistake.unwrap();
        assert_eq!(m.kind, MistakeKind::OwnLocal, "{}", m.text());
        assert!(m.text().contains("the local derivative of"), "{}", m.text());
        assert!(
            m.text().contains("is the gradient that reaches"),
            "{}",
            m.text()
        );
    }

    #[test]
    fn the_nodes_value_for_its_gradient_is_named() {
        // #4 = #3 + b = 0.3, whose gradient is 0.915137
        let q = neuron(Scope::EveryNode);
        assert_eq!(q.questions()[0].tag, "#4");
        let m = q.check(0, 0.3, T).mistake.unwrap();
        assert_eq!(m.kind, MistakeKind::ValueForGradient, "{}", m.text());
        assert_eq!(m.kind.as_str(), "value_for_gradient");
        assert_eq!(m.at, None);
        assert_eq!(m.gives, q.questions()[0].value);
        let text = m.text();
        assert!(
            text.contains("0.3 is the value of #4 (its forward result), not its gradient ∂f/∂#4;"),
            "{text}"
        );
        // then the right computation
        assert!(
            text.contains("∂f/∂#4 gets one product, from #5 = tanh(#4): 0.915137 × 1"),
            "{text}"
        );
        // a variable's own value, asked with --leaves: w = 0.5
        let q = neuron(Scope::Leaves);
        let w = q.questions().iter().position(|q| q.tag == "w").unwrap();
        let m = q.check(w, 0.5, T).mistake.unwrap();
        assert_eq!(m.kind, MistakeKind::ValueForGradient, "{}", m.text());
        assert!(
            m.text()
                .contains("0.5 is the value of w (the value it is set to)"),
            "{}",
            m.text()
        );
        // an answer of 0 at a node whose value is 0 names no value
        let q = quiz("x*y + 1", &[("x", 0.0), ("y", 2.0)], Scope::Leaves);
        let x = q.questions().iter().position(|q| q.tag == "x").unwrap();
        let m = q.check(x, 0.0, T).mistake.unwrap();
        assert_ne!(m.kind, MistakeKind::ValueForGradient, "{}", m.text());
    }

    #[test]
    fn a_value_does_not_hide_the_slips_named_before() {
        // x*x + x at 3: #1 = x * x = 9, whose gradient is 1; the answer 3 is #1's own local
        // derivative, and x's value too: the own local derivative is named, as before
        let q = quiz("x*x + x", &[("x", 3.0)], Scope::EveryNode);
        let k = q.questions().iter().position(|q| q.tag != "x").unwrap();
        let m = q.check(k, 3.0, T).mistake.unwrap();
        assert_eq!(m.kind, MistakeKind::OwnLocal, "{}", m.text());
        // x's gradient is 7; 6 is a partial sum (1 + 3 + 3 without 1) before it is anything
        // else, and 3 is x's value but also the product of one use alone
        let x = q.questions().iter().position(|q| q.tag == "x").unwrap();
        assert_eq!(
            q.check(x, 6.0, T).mistake.unwrap().kind,
            MistakeKind::LeftOut
        );
        assert_eq!(
            q.check(x, 3.0, T).mistake.unwrap().kind,
            MistakeKind::LeftOut
        );
        // 2*x at 0.5 under 5*(...): the local derivative 2 alone is a missing upstream
        // factor, even where it is also a value
        let q = quiz("5*(2*x)", &[("x", 2.0)], Scope::EveryNode);
        let x = q.questions().iter().position(|q| q.tag == "x").unwrap();
        assert_eq!(q.questions()[x].value, 2.0);
        let m = q.check(x, 2.0, T).mistake.unwrap();
        assert_eq!(m.kind, MistakeKind::MissingUpstream, "{}", m.text());
        // tanh' from the input: a local derivative, as before
        let q = neuron(Scope::EveryNode);
        let m = q.check(0, 0.91, T).mistake.unwrap();
        assert_eq!(m.kind, MistakeKind::LocalDerivative);
    }

    #[test]
    fn common_slips_of_rules() {
        let cases: [(&str, f64, f64, &str); 6] = [
            ("sigmoid(x)", 0.5, 0.5 * 0.5, "x·(1 - x) with x the input"),
            ("x^3", 2.0, 4.0, "without the factor 3"),
            ("x^3", 2.0, 24.0, "not lowered"),
            ("log(2*x)", 1.5, 2.0 / pxfm::f_log(3.0), "the output"),
            ("1/x", 2.0, 0.25, "without the minus sign"),
            ("exp(x)", 2.0, 2.0 * pxfm::f_exp(1.0), "power rule"),
        ];
        for (src, x, answer, want) in cases {
            let q = quiz(src, &[("x", x)], Scope::Leaves);
            let check = q.check(0, answer, T);
            let m = check
                .mistake
                .unwrap_or_else(|| panic!("{src}: {answer} right?"));
            assert!(m.text().contains(want), "{src} {answer}: {}", m.text());
        }
    }

    #[test]
    fn nothing_to_ask_and_bad_values() {
        let e = expr::parse("2*3").unwrap();
        assert!(Quiz::new(&e, &HashMap::new(), Scope::EveryNode).is_err());
        let e = expr::parse("x").unwrap();
        let at = HashMap::from([("x".to_string(), 1.0)]);
        let err = Quiz::new(&e, &at, Scope::EveryNode).unwrap_err();
        assert!(err.to_string().contains("variable itself"), "{err}");
        let e = expr::parse("log(x)").unwrap();
        let at = HashMap::from([("x".to_string(), -1.0)]);
        let err = Quiz::new(&e, &at, Scope::EveryNode).unwrap_err();
        assert!(matches!(err, Error::OutOfRange { .. }), "{err}");
        assert!(err.to_string().contains("log(-1) = NaN"), "{err}");
        let long = vec!["x"; 300].join(" + ");
        let e = expr::parse(&long).unwrap();
        let err = Quiz::new(&e, &at, Scope::EveryNode).unwrap_err();
        assert!(err.to_string().contains("more than the 200"), "{err}");
    }

    /// The neuron of [`neuron`], built with the engine's API: the same nodes in the same
    /// order, the leaves labelled.
    fn neuron_graph(scope: Scope) -> Quiz {
        let g = Graph::new();
        let x = g.input(1.0).with_label("x");
        let w = g.parameter(0.5).with_label("w");
        let b = g.parameter(-0.2).with_label("b");
        let output = (x * w + b).tanh().index();
        Quiz::from_graph(g, output, "tanh(x*w + b)", scope).unwrap()
    }

    /// Everything but the texts, which come from the expression or from the graph's terms.
    fn same_questions(a: &Quiz, b: &Quiz) {
        assert_eq!(a.questions().len(), b.questions().len());
        for (p, q) in a.questions().iter().zip(b.questions()) {
            let q = Question {
                text: p.text.clone(),
                ..q.clone()
            };
            assert_eq!(*p, q);
        }
        assert_eq!(a.variables(), b.variables());
        assert_eq!(a.forward(), b.forward());
        assert_eq!(a.value(), b.value());
        assert_eq!(a.output(), b.output());
    }

    #[test]
    fn a_graph_is_quizzed_as_its_expression() {
        for scope in [Scope::EveryNode, Scope::Leaves] {
            let (e, g) = (neuron(scope), neuron_graph(scope));
            same_questions(&e, &g);
            // every diagnosis, word for word
            for k in 0..e.questions().len() {
                for answer in [0.915, 0.91, -0.915, 0.4576, 0.91 * 0.5, 1.0, 0.5, 123.0] {
                    assert_eq!(e.check(k, answer, T), g.check(k, answer, T), "{k} {answer}");
                }
            }
        }
        let q = neuron_graph(Scope::EveryNode);
        assert_eq!(q.expression(), "tanh(x*w + b)");
        assert_eq!(q.questions()[0].text, "x·w + b");
        assert_eq!(q.part("#3"), Some("x·w"));
        // the pictures name the nodes as the questions do
        assert_eq!(
            q.graph().get(4).and_then(|v| v.label()).as_deref(),
            Some("#4")
        );
        assert_eq!(
            q.graph().get(5).and_then(|v| v.label()).as_deref(),
            Some("#5")
        );

        // a node used three times: the left-out use is named the same way
        let e = quiz("x*x + x", &[("x", 3.0)], Scope::EveryNode);
        let g = Graph::new();
        let x = g.input(3.0).with_label("x");
        let output = (x * x + x).index();
        let g = Quiz::from_graph(g, output, "x*x + x", Scope::EveryNode).unwrap();
        same_questions(&e, &g);
        let at = g.questions().iter().position(|q| q.tag == "x").unwrap();
        for answer in [6.0, 4.0, 10.0, 3.0, 123.0] {
            assert_eq!(e.check(at, answer, T), g.check(at, answer, T), "{answer}");
        }
    }

    #[test]
    fn a_graphs_labels_name_its_nodes() {
        // a neuron whose sum is labelled, against a target constant y, with an input
        // without a label and two nodes labelled alike
        let g = Graph::new();
        let x = g.input(2.0);
        let w = g.parameter(0.5).with_label("w");
        let n = (x * w).with_label("n");
        let h1 = n.tanh().with_label("h");
        let h2 = n.sigmoid().with_label("h");
        let y = g.constant(0.25).with_label("y");
        let loss = ((h1 + h2) - y).powi(2);
        let output = loss.index();
        let q = Quiz::from_graph(g, output, "loss", Scope::EveryNode).unwrap();
        let tags: Vec<&str> = q.questions().iter().map(|q| q.tag.as_str()).collect();
        // #7 = #6 - y, #6 = h + h, then the two h (as #4 and #3), n, w and the input #0
        assert_eq!(tags, ["#7", "#6", "#4", "#3", "n", "w", "#0"]);
        assert_eq!(q.formula(8), "#7^2");
        assert_eq!(q.formula(7), "#6 - y");
        assert_eq!(q.formula(6), "#3 + #4");
        assert_eq!(q.formula(4), "sigmoid(n)");
        assert_eq!(q.formula(2), "#0 * w");
        assert_eq!(q.variables(), [("#0".to_string(), 2.0), ("w".into(), 0.5)]);
        assert_eq!(q.tag(5), "y");
        assert_eq!(q.questions()[4].text, "n");
        assert_eq!(q.questions()[0].text, "h + h − y");
        assert_eq!(q.expression(), "loss");
        // the questions' own names in the pictures; the constant keeps its label
        let names = [
            (0, "#0"),
            (1, "w"),
            (2, "n"),
            (3, "#3"),
            (4, "#4"),
            (5, "y"),
            (8, "#8"),
        ];
        for (i, name) in names {
            let label = q.graph().get(i).and_then(|v| v.label());
            assert_eq!(label.as_deref(), Some(name), "node {i}");
        }
        // the input's gradient, and a slip named in these names
        let x = q.questions().len() - 1;
        // #7's gradient without the factor 2 of #7^2
        let m = q.check(0, q.questions()[0].value, T).mistake.unwrap();
        assert_eq!(m.kind, MistakeKind::LocalDerivative, "{}", m.text());
        assert!(m.text().contains("#8 = #7^2"), "{}", m.text());
        assert!(m.text().contains("without the factor 2"), "{}", m.text());
        assert!(q.check(x, q.questions()[x].gradient, T).right);
    }

    #[test]
    fn a_graph_is_refused_as_an_expression_is() {
        let message = |r: Result<Quiz, Error>| r.unwrap_err().to_string();
        // no such output
        let g = Graph::new();
        g.input(1.0).with_label("x");
        let err = message(Quiz::from_graph(g, 3, "f", Scope::EveryNode));
        assert_eq!(err, "the output is node 3, but the graph has 1 nodes");
        // too large, counting only what the output depends on
        let chain = || {
            let g = Graph::new();
            let x = g.input(1.0).with_label("x");
            let small = (x * 2.0).index();
            let mut sum = x;
            for _ in 0..250 {
                sum += x;
            }
            let large = sum.index();
            (g, small, large)
        };
        let (g, small, _) = chain();
        assert!(Quiz::from_graph(g, small, "2x", Scope::EveryNode).is_ok());
        let (g, _, large) = chain();
        let err = Quiz::from_graph(g, large, "251x", Scope::EveryNode).unwrap_err();
        assert!(matches!(err, Error::TooLarge { .. }), "{err}");
        assert!(
            err.to_string()
                .starts_with("the output depends on 251 nodes, more than the 200"),
            "{err}"
        );
        // not finite
        let g = Graph::new();
        let x = g.input(-1.0).with_label("x");
        let output = x.log().index();
        let err = Quiz::from_graph(g, output, "log(x)", Scope::EveryNode).unwrap_err();
        assert!(matches!(err, Error::OutOfRange { .. }), "{err}");
        assert!(
            err.to_string()
                .starts_with("no quiz at these values, which need finite values and gradients"),
            "{err}"
        );
        // nothing to ask: constants only, or a variable itself
        let g = Graph::new();
        let output = (g.constant(2.0) * g.constant(3.0) + 1.0).index();
        let err = message(Quiz::from_graph(g, output, "2*3 + 1", Scope::EveryNode));
        assert!(err.contains("depends on no variable"), "{err}");
        let g = Graph::new();
        g.constant(2.0);
        let output = g.parameter(1.0).with_label("w").index();
        let err = message(Quiz::from_graph(g, output, "w", Scope::Leaves));
        assert!(err.contains("variable itself"), "{err}");
    }

    /// Every explanation `quiz` gives for `answers` to each of its questions, in `lang`.
    fn explanations(quiz: &Quiz, answers: &[f64], lang: Lang) -> Vec<String> {
        let mut texts = Vec::new();
        for k in 0..quiz.questions().len() {
            texts.push(quiz.questions()[k].heading_in(lang));
            for &answer in answers {
                if let Some(m) = quiz.check_in(k, answer, T, lang).mistake {
                    texts.push(m.text());
                }
            }
        }
        texts
    }

    #[test]
    fn mistakes_are_explained_in_portuguese() {
        let pt = Lang::PtBr;
        let q = neuron(Scope::EveryNode);
        // tanh' from the input
        let m = q.check_in(0, 0.91, T, pt).mistake.unwrap();
        assert_eq!(m.kind, MistakeKind::LocalDerivative);
        let text = m.text();
        for want in [
            "O primeiro erro está na derivada local de #5 = tanh(#4) em relação a #4:",
            "você usou 1 - #4², com #4 a entrada em vez da saída: 1 - 0,3² = 0,91,",
            "mas ∂#5/∂#4 = 1 − tanh²(#4) = 1 − tanh²(0,3) = 0,915137.",
            "#5 envia a #4: derivada local × gradiente que chega = 0,915137 × 1 = 0,915137.",
        ] {
            assert!(text.contains(want), "{want}\n{text}");
        }
        // the value for the gradient, the own local derivative, the upstream factor left out
        let m = q.check_in(0, 0.3, T, pt).mistake.unwrap();
        assert!(m.text().contains("0,3 é o valor de #4 (o resultado da propagação direta), não o seu gradiente ∂f/∂#4;"), "{}", m.text());
        let q2 = quiz("x*x + x", &[("x", 3.0)], Scope::EveryNode);
        let k = q2.questions().iter().position(|q| q.tag != "x").unwrap();
        let m = q2.check_in(k, 3.0, T, pt).mistake.unwrap();
        assert!(
            m.text()
                .contains("essa é a derivada local, não o gradiente"),
            "{}",
            m.text()
        );
        assert!(
            m.text().contains("é o gradiente que chega a #1 de cima"),
            "{}",
            m.text()
        );
        let x = q2.questions().iter().position(|q| q.tag == "x").unwrap();
        let m = q2.check_in(x, 6.0, T, pt).mistake.unwrap();
        assert_eq!(m.kind, MistakeKind::LeftOut);
        assert!(m.text().contains("x é usado 3 vezes"), "{}", m.text());
        assert!(
            m.text()
                .contains("sem o produto 1 de #2 = #1 + x: faltou somar esse uso."),
            "{}",
            m.text()
        );
        assert!(
            m.text().contains("A soma certa: ∂f/∂x = 1 + 3 + 3 = 7."),
            "{}",
            m.text()
        );
        let m = q2.check_in(x, 4.0, T, pt).mistake.unwrap();
        assert!(
            m.text().contains("(o seu primeiro operando)")
                || m.text().contains("(o seu segundo operando)"),
            "{}",
            m.text()
        );
        let m = q2.check_in(x, 10.0, T, pt).mistake.unwrap();
        assert_eq!(m.kind, MistakeKind::CountedTwice);
        assert!(m.text().contains("foi contado duas vezes"), "{}", m.text());
        let q3 = quiz("5*(2*x)", &[("x", 3.0)], Scope::EveryNode);
        let x = q3.questions().iter().position(|q| q.tag == "x").unwrap();
        let m = q3.check_in(x, 2.0, T, pt).mistake.unwrap();
        assert_eq!(m.kind, MistakeKind::MissingUpstream);
        assert!(
            m.text()
                .contains("faltou multiplicar pelo gradiente que chega de cima"),
            "{}",
            m.text()
        );
        // carried down with --leaves
        let m = neuron(Scope::Leaves)
            .check_in(0, 0.91, T, pt)
            .mistake
            .unwrap();
        assert!(
            m.text()
                .contains("Levado para baixo até b, esse erro dá 0,91"),
            "{}",
            m.text()
        );
        // a piecewise rule in Portuguese
        let q4 = quiz("relu(x - 1)", &[("x", 0.5)], Scope::Leaves);
        let m = q4.check_in(0, 1.0, T, pt).mistake.unwrap();
        assert!(m.text().contains("1 se #2 > 0, senão 0"), "{}", m.text());
        // the kinds, places and values are those of English
        for k in 0..q.questions().len() {
            for answer in [0.91, 0.3, -0.915, 123.0] {
                let (en, pt) = (q.check(k, answer, T), q.check_in(k, answer, T, pt));
                let (en, pt) = (en.mistake.unwrap(), pt.mistake.unwrap());
                assert_eq!((en.kind, en.at, en.gives), (pt.kind, pt.at, pt.gives));
            }
        }
    }

    #[test]
    fn no_english_is_left_in_the_portuguese_explanations() {
        type Case<'a> = (&'a str, &'a [(&'a str, f64)], &'a [f64]);
        let cases: &[Case<'_>] = &[
            (
                "tanh(x*w + b)",
                &[("x", 1.0), ("w", 0.5), ("b", -0.2)],
                &[0.915, 0.91, -0.915, 0.4576, 0.455, 1.0, 0.5, 0.3, 123.0],
            ),
            ("x*x + x", &[("x", 3.0)], &[6.0, 4.0, 10.0, 3.0, 1.0, 123.0]),
            ("5*(2*x)", &[("x", 3.0)], &[2.0, 5.0, 3.0, -10.0]),
            (
                "a/b - a",
                &[("a", 3.0), ("b", -2.0)],
                &[0.75, -0.75, 1.5, -0.25, 1.0, 0.5, -1.5],
            ),
            (
                "relu(x - 1) + leaky_relu(x - 2, 0.1) + sigmoid(x)^3",
                &[("x", 0.5)],
                &[1.0, 0.0, 0.1, 0.25, 3.0],
            ),
            (
                "log(2*x) + sqrt(x) + exp(x) + 2^x",
                &[("x", 1.5)],
                &[1.0, 2.0, 0.5, -1.0],
            ),
        ];
        for lang_case in cases {
            let (src, at, answers) = *lang_case;
            for scope in [Scope::EveryNode, Scope::Leaves] {
                let q = quiz(src, at, scope);
                for text in explanations(&q, answers, Lang::PtBr) {
                    let left = gradgraph_i18n::english_left(&text);
                    assert!(left.is_empty(), "{src}: {left:?} in\n{text}");
                }
            }
        }
        // every slip of every op
        for info in gradgraph::OPS {
            let op = info.op;
            let n = op.arity();
            for x0 in [-0.7, 0.7] {
                let xs: Vec<f64> = (0..n).map(|k| x0 + 0.1 * k as f64).collect();
                let out = op.forward(&xs);
                for k in 0..n {
                    let local = op.local_derivative(&xs, out, k);
                    for slip in
                        rules::slips(op, (&["a", "b", "c"], "y"), &xs, out, k, local, Lang::PtBr)
                    {
                        let left = gradgraph_i18n::english_left(&slip.used);
                        assert!(left.is_empty(), "{op:?}: {left:?} in {}", slip.used);
                    }
                }
            }
        }
    }

    #[test]
    fn answers_are_read_with_a_decimal_comma_in_portuguese() {
        let pt = Lang::PtBr;
        assert_eq!(parse_answer_in("0,915", pt), Ok(0.915));
        assert_eq!(parse_answer_in("-1/2", pt), Ok(-0.5));
        assert_eq!(parse_answer_in("1 - 0,5^2", pt), Ok(0.75));
        assert_eq!(parse_answer_in("pow(2, 3)", pt), Ok(8.0));
        assert_eq!(parse_answer_in("0.5", pt), Ok(0.5));
        assert_eq!(
            parse_answer_in("", pt),
            Err("a resposta está vazia".to_owned())
        );
        assert!(
            parse_answer_in("x + 1", pt)
                .unwrap_err()
                .contains("tem uma variável")
        );
        assert!(
            parse_answer_in("1/0", pt)
                .unwrap_err()
                .contains("não um número finito")
        );
        assert!(parse_answer_in("0,5", Lang::En).is_err());
    }

    #[test]
    fn tidy_strips_outer_parentheses_only() {
        assert_eq!(tidy("(x + 1)"), "x + 1");
        assert_eq!(tidy("((x))"), "x");
        assert_eq!(tidy("(a) * (b)"), "(a) * (b)");
        assert_eq!(tidy("tanh(x)"), "tanh(x)");
    }

    #[test]
    fn answers_parse() {
        assert_eq!(parse_answer("1e-3"), Ok(0.001));
        assert_eq!(parse_answer("-0.5"), Ok(-0.5));
        assert!(parse_answer("").is_err());
        assert!(parse_answer("0.9.1").unwrap_err().contains("not a number"));
        assert!(parse_answer("inf").is_err());
        assert!(parse_answer("x + 1").unwrap_err().contains("variable"));
    }
}
