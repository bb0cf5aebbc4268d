//! What the page shows, computed from a [`Request`]: the engine's numbers, the learner's
//! names, the steps and the derivations. The page only draws it.

use crate::dot;
use crate::graph::GraphData;
use gradgraph::expr;
use gradgraph::{Graph, LocalDerivative, Op, Trace, Value, format_number};
use gradgraph_i18n::Lang;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// The longest expression the page takes, in characters.
pub const MAX_CHARS: usize = 100_000;
/// The most nodes Graphviz lays out in the page: compiled to WebAssembly, it takes about a
/// second for 360 nodes and fifteen for 600. Larger graphs get the layered layout.
pub const MAX_NODES: usize = 400;
/// The most nodes the page draws at all (the values and gradients are computed above it).
pub const MAX_DRAWN: usize = 5_000;
/// The most variables whose finite differences a derivation shows.
const MAX_FINITE_DIFFERENCES: usize = 100;

/// What the page asks: an expression and the text of each variable's value, as typed.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Request {
    /// The expression, as `gradgraph expr` reads it: `tanh(x*w + b)`.
    pub expression: String,
    /// The value of each variable, as typed (`"0.5"`); a variable without one is 1 (or, in
    /// a graph, its leaf's value).
    #[serde(default)]
    pub values: BTreeMap<String, String>,
    /// A graph handed to the page as data: when given, it is shown instead of `expression`.
    #[serde(default)]
    pub graph: Option<GraphData>,
    /// With the quiz switched on, the answers given so far, by node index: the response
    /// then holds the quiz ([`Response::quiz`]).
    #[serde(default)]
    pub quiz: Option<BTreeMap<String, String>>,
    /// The language of the texts and numbers of the response, as a tag (`en`, `pt-BR`):
    /// English when absent or unknown. In Portuguese, the values typed may have a decimal
    /// comma (`0,5`).
    #[serde(default)]
    pub lang: String,
}

impl Request {
    /// The language the request asks for ([`Request::lang`]).
    pub fn language(&self) -> Lang {
        Lang::parse(&self.lang).unwrap_or_default()
    }
}

/// Everything the page shows about one expression.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Response {
    /// The expression, as typed (empty for a graph handed as data).
    pub source: String,
    /// The page's title: `f = ` and the expression, or the output's name for a graph.
    pub title: String,
    /// What is wrong, if anything: a parse error (the graph is then absent), a bad value, a
    /// non-finite result (the graph is there), a graph too large to draw.
    pub error: Option<ErrorText>,
    /// Each variable, in order of first use, with the text of its value.
    pub variables: Vec<Variable>,
    /// The expression's value, as `gradgraph expr` prints it (shortest round-trip form).
    pub value: Option<String>,
    /// Its bits, as 16 hexadecimal digits.
    pub value_bits: Option<String>,
    /// `∂f/∂variable` for each variable, by name.
    pub grads: Vec<Grad>,
    /// Every node of the graph, in index (topological) order.
    pub nodes: Vec<Node>,
    /// The output's node.
    pub output: Option<usize>,
    /// Above 400 nodes, where the page does not hand `dot` to Graphviz, where to draw each
    /// node: the layered layout, computed here.
    pub layout: Option<crate::Layout>,
    /// Every edge, from an operand to the node that uses it.
    pub edges: Vec<Edge>,
    /// The graph in Graphviz's DOT language, for the page to lay out; absent above 400
    /// nodes, which Graphviz in a browser would take minutes to lay out (see `layout`).
    pub dot: Option<String>,
    /// The forward steps (one per operation, inputs first), then the backward steps (one per
    /// node, the output first).
    pub steps: Vec<Step>,
    /// The derivation of every node's gradient, by node.
    pub derivations: Vec<Derivation>,
    /// The quiz, when the request asks for it.
    pub quiz: Option<crate::quiz::QuizView>,
}

/// An error as the command line words it.
#[derive(Clone, Debug, Default, Serialize)]
pub struct ErrorText {
    /// What is wrong, on one line.
    pub message: String,
    /// The column of the expression it is at, counted in characters from 1, if any.
    pub column: Option<usize>,
    /// The whole message, with the expression and a caret under the place when there is one.
    pub text: String,
    /// The variable whose value is wrong, when that is what is wrong.
    pub variable: Option<String>,
}

/// A variable and the text of its value.
#[derive(Clone, Debug, Serialize)]
pub struct Variable {
    /// Its name.
    pub name: String,
    /// Its value as typed, or `1` when none was given.
    pub value: String,
}

/// The gradient of the output with respect to one variable.
#[derive(Clone, Debug, Serialize)]
pub struct Grad {
    /// The variable.
    pub name: String,
    /// `∂f/∂name`, as `gradgraph expr` prints it.
    pub value: String,
    /// Its bits, as 16 hexadecimal digits.
    pub bits: String,
}

/// One node of the graph.
#[derive(Clone, Debug, Serialize)]
pub struct Node {
    /// Its index.
    pub index: usize,
    /// How the learner writes it: the variable, the constant, or the sub-expression it
    /// computes (`x·w + b`), or `#4` where that would be too long.
    pub name: String,
    /// The op's name in the table (`tanh`, `mul`, `input`).
    pub op: String,
    /// `variable`, `constant` or `operation`.
    pub role: &'static str,
    /// Its value, exactly.
    pub value: String,
    /// Its value to 4 significant digits.
    pub value_short: String,
    /// `∂f/∂node`, exactly.
    pub grad: String,
    /// `∂f/∂node` to 4 significant digits.
    pub grad_short: String,
    /// Its operands' nodes, in order.
    pub operands: Vec<usize>,
}

/// An edge of the graph.
#[derive(Clone, Debug, Serialize)]
pub struct Edge {
    /// Its SVG group's id in the page: `e{to}_{k}` for operand `k` of node `to`.
    pub id: String,
    /// The operand.
    pub from: usize,
    /// The node that uses it.
    pub to: usize,
    /// The local derivative `∂to/∂from` to 4 significant digits, as backward computed it.
    pub label: String,
}

/// One step of the forward or backward pass.
#[derive(Clone, Debug, Serialize)]
pub struct Step {
    /// `forward` or `backward` (the page shows them in its language).
    pub phase: &'static str,
    /// The node it computes (forward) or whose gradient it sends on (backward).
    pub node: usize,
    /// What the step does, on one line.
    pub title: String,
    /// Its arithmetic, one line each, numbers plugged in.
    pub lines: Vec<String>,
    /// The gradients this step sets, `[node, value to 4 digits]`: backward's running sums
    /// (and the output's 1, at the first backward step).
    pub grads: Vec<(usize, String)>,
}

/// How a node's gradient is made up.
#[derive(Clone, Debug, Serialize)]
pub struct Derivation {
    /// The node.
    pub node: usize,
    /// One line each: the rule, each term, the sum; for a variable, the central finite
    /// difference beside it.
    pub lines: Vec<String>,
}

/// [`compute`] on a request in JSON, returning the response in JSON: what the WebAssembly
/// export runs. A request that is not valid JSON is an error response.
pub fn compute_json(request: &str) -> String {
    let response = match serde_json::from_str::<Request>(request) {
        Ok(request) => compute(&request),
        Err(e) => {
            // the language, if the request says it where JSON can still read it
            let lang = serde_json::from_str::<serde_json::Value>(request)
                .ok()
                .and_then(|v| v.get("lang")?.as_str().and_then(|t| Lang::parse(t).ok()))
                .unwrap_or_default();
            Response {
                error: Some(plain(
                    lang.text("page-error-malformed", &[("error", e.to_string().into())]),
                )),
                ..Response::default()
            }
        }
    };
    // a response holds strings and numbers' texts only: it always encodes
    serde_json::to_string(&response).unwrap_or_else(|e| {
        format!(r#"{{"error":{{"message":"{e}","column":null,"text":"{e}"}}}}"#)
    })
}

/// Parses the request's expression and values, builds the graph, runs forward and
/// backward, and writes every text the page shows.
pub fn compute(request: &Request) -> Response {
    let lang = request.language();
    let mut response = match &request.graph {
        Some(data) => compute_graph(request, data, lang),
        None => compute_expression(request, lang),
    };
    if let Some(answers) = &request.quiz {
        response.quiz = Some(match values(&response.variables, lang) {
            _ if response.nodes.is_empty() => crate::quiz::QuizView {
                error: Some(lang.text("page-error-no-quiz", &[])),
                ..Default::default()
            },
            Ok(values) => crate::quiz::view(
                &request.expression,
                request.graph.as_ref(),
                &values,
                answers,
                lang,
            ),
            Err(error) => crate::quiz::QuizView {
                error: Some(error.text),
                ..Default::default()
            },
        });
    }
    response
}

/// [`compute`] for an expression.
fn compute_expression(request: &Request, lang: Lang) -> Response {
    let mut response = Response {
        source: request.expression.clone(),
        title: format!("f = {}", request.expression),
        ..Response::default()
    };
    let chars = request.expression.chars().count();
    if chars > MAX_CHARS {
        response.error = Some(plain(lang.text(
            "page-error-too-long",
            &[
                ("chars", chars.to_string().into()),
                ("limit", MAX_CHARS.to_string().into()),
            ],
        )));
        return response;
    }
    let e = match expr::parse(&request.expression) {
        Ok(e) => e,
        Err(err) => {
            response.error = Some(engine_error(lang, EngineError::Parse(&err)));
            return response;
        }
    };
    response.variables = e
        .variables()
        .into_iter()
        .map(|name| Variable {
            name: name.to_owned(),
            value: request
                .values
                .get(name)
                .cloned()
                .unwrap_or_else(|| "1".to_owned()),
        })
        .collect();
    let values = match values(&response.variables, lang) {
        Ok(values) => values,
        Err(error) => {
            // the boxes keep their order, first use (`x, w, b`), found by building at 1
            let ones: HashMap<String, f64> = response
                .variables
                .iter()
                .map(|v| (v.name.clone(), 1.0))
                .collect();
            let probe = Graph::with_capacity(e.node_count(), 2 * e.node_count());
            if let Ok(built) = e.build_with_spans(&probe, &ones) {
                let leaf = |name: &str| built.variables.get(name).map_or(usize::MAX, |v| v.index());
                response.variables.sort_by_key(|v| leaf(&v.name));
            }
            response.error = Some(error);
            return response;
        }
    };
    let g = Graph::with_capacity(e.node_count(), 2 * e.node_count());
    let built = match e.build_with_spans(&g, &values) {
        Ok(built) => built,
        Err(err) => {
            response.error = Some(engine_error(lang, EngineError::Build(&err)));
            return response;
        }
    };
    // the variables in order of first use, as their leaves are built: `x, w, b`
    let mut variables: Vec<(String, Value<'_>)> = built
        .variables
        .iter()
        .map(|(name, v)| (name.clone(), *v))
        .collect();
    variables.sort_by_key(|(_, v)| v.index());
    let leaf = |name: &str| built.variables.get(name).map_or(usize::MAX, |v| v.index());
    response.variables.sort_by_key(|v| leaf(&v.name));
    let y = built.output;
    if let Err(err) = g.try_backward(y) {
        response.error = Some(engine_error(lang, EngineError::Explained(&e, &built, &err)));
    }
    let at = |values: &HashMap<String, f64>| -> Option<f64> {
        let g = Graph::with_capacity(e.node_count(), 2 * e.node_count());
        e.build(&g, values).ok().map(|(y, _)| y.data())
    };
    fill(&mut response, &g, y, &variables, &values, &at, lang);
    response
}

/// [`compute`] for a graph handed as data: its labelled inputs and parameters are the
/// variables, each at its value in the request or its leaf's.
fn compute_graph(request: &Request, data: &GraphData, lang: Lang) -> Response {
    let mut response = Response::default();
    // the leaves a learner can move: labelled inputs and parameters, once each
    let mut names: Vec<(String, f64)> = Vec::new();
    for node in &data.nodes {
        if let (Some(label), "input" | "parameter") = (&node.label, node.op.as_str())
            && !names.iter().any(|(n, _)| n == label)
        {
            names.push((label.clone(), node.value.unwrap_or(0.0)));
        }
    }
    response.variables = names
        .iter()
        .map(|(name, x)| Variable {
            name: name.clone(),
            value: request
                .values
                .get(name)
                .cloned()
                .unwrap_or_else(|| lang.number(*x)),
        })
        .collect();
    let values = match values(&response.variables, lang) {
        Ok(values) => values,
        Err(error) => {
            response.error = Some(error);
            return response;
        }
    };
    let g = Graph::with_capacity(data.nodes.len(), 2 * data.nodes.len());
    let y = match data.build(&g, &values) {
        Ok(y) => y,
        Err(message) => {
            response.error = Some(plain(
                lang.text("page-error-bad-graph", &[("error", message.into())]),
            ));
            return response;
        }
    };
    response.title = format!("f = {}", g.term(y));
    let variables: Vec<(String, Value<'_>)> = g
        .values()
        .filter(|v| matches!(v.op(), Op::Input | Op::Param))
        .filter_map(|v| Some((v.label()?, v)))
        .filter(|(name, _)| names.iter().any(|(n, _)| n == name))
        .collect();
    if let Err(err) = g.try_backward(y) {
        response.error = Some(engine_error(lang, EngineError::Backward(&err)));
    }
    let at = |values: &HashMap<String, f64>| -> Option<f64> {
        let g = Graph::with_capacity(data.nodes.len(), 2 * data.nodes.len());
        data.build(&g, values).ok().map(|y| y.data())
    };
    fill(&mut response, &g, y, &variables, &values, &at, lang);
    response
}

/// The values of the variables, checked as `--at` checks them (a decimal comma read in
/// Portuguese); the error names the variable.
fn values(variables: &[Variable], lang: Lang) -> Result<HashMap<String, f64>, ErrorText> {
    let mut values = HashMap::new();
    for v in variables {
        let text = v.value.trim();
        let args = || [("name", v.name.as_str().into()), ("text", text.into())];
        let bad = |id: &str| ErrorText {
            variable: Some(v.name.clone()),
            ..plain(lang.text(id, &args()))
        };
        let x = lang
            .read_number(text)
            .ok_or_else(|| bad("page-error-not-a-number"))?;
        if !x.is_finite() {
            return Err(bad("page-error-not-finite"));
        }
        values.insert(v.name.clone(), x);
    }
    Ok(values)
}

/// An error that points at no column.
fn plain(message: String) -> ErrorText {
    ErrorText {
        text: message.clone(),
        message,
        column: None,
        variable: None,
    }
}

/// An error of the engine's own (the expression's parser, building the graph, a value that
/// is not finite), as the page shows it.
pub(crate) enum EngineError<'a> {
    /// The expression does not parse.
    Parse(&'a expr::ParseError),
    /// Its graph cannot be built at these values.
    Build(&'a gradgraph::Error),
    /// Backward found a value that is not finite, explained in the expression's terms.
    Explained(&'a expr::Expr, &'a expr::Built<'a>, &'a gradgraph::Error),
    /// Backward found a value that is not finite, in a graph handed as data.
    Backward(&'a gradgraph::Error),
}

/// The one place where the page takes in the engine's error messages, in `lang`: the
/// engine's own words in English, the catalog's in Portuguese (`gradgraph_i18n::error_text`,
/// as the command line writes them).
pub(crate) fn engine_error(lang: Lang, error: EngineError<'_>) -> ErrorText {
    match error {
        EngineError::Parse(err) => ErrorText {
            message: gradgraph_i18n::parse_error_message(lang, err),
            column: Some(err.column()),
            text: gradgraph_i18n::parse_error_text(lang, err),
            variable: None,
        },
        EngineError::Build(err) => plain(gradgraph_i18n::error_text(lang, err)),
        EngineError::Explained(e, built, err) => plain(gradgraph_i18n::explanation_text(
            lang,
            &e.explain(built, err),
        )),
        EngineError::Backward(err) => plain(gradgraph_i18n::error_text(lang, err)),
    }
}

/// The response's value, gradients, nodes, steps, derivations and picture.
fn fill(
    response: &mut Response,
    g: &Graph,
    y: Value<'_>,
    variables: &[(String, Value<'_>)],
    values: &HashMap<String, f64>,
    at: &dyn Fn(&HashMap<String, f64>) -> Option<f64>,
    lang: Lang,
) {
    // numbers as the reader writes them: a decimal comma in Portuguese
    let short = |x: f64| lang.decimal(&short(x));
    let format_number = |x: f64| lang.number(x);
    // the same pass again, recorded step by step (gradients start from zero)
    g.zero_grad();
    let trace = &g.backward_trace(y);
    response.output = Some(y.index());
    response.value = Some(format_number(y.data()));
    response.value_bits = Some(bits(y.data()));
    response.grads = variables
        .iter()
        .map(|(name, v)| Grad {
            name: name.clone(),
            value: format_number(v.grad()),
            bits: bits(v.grad()),
        })
        .collect();
    let names: Vec<String> = g.values().map(|v| g.term(v)).collect();
    response.nodes = g
        .values()
        .map(|v| Node {
            index: v.index(),
            name: names[v.index()].clone(),
            op: v.op().name().to_owned(),
            role: role(v),
            value: format_number(v.data()),
            value_short: short(v.data()),
            grad: format_number(v.grad()),
            grad_short: short(v.grad()),
            operands: g.operands(v).iter().map(|o| o.index()).collect(),
        })
        .collect();
    // each node's local derivatives in the learner's names, worked out once for the steps
    // and the derivations; each edge's, as backward computed it, for the picture
    let mut texts: Vec<Vec<LocalDerivative>> = vec![Vec::new(); g.len()];
    let mut locals: Vec<Vec<String>> = vec![Vec::new(); g.len()];
    for step in &trace.steps {
        if let Some(v) = g.get(step.node) {
            texts[step.node] = g.local_derivative_texts(v, short);
        }
        locals[step.node] = step.inputs.iter().map(|e| short(e.local)).collect();
    }
    response.edges = g
        .values()
        .flat_map(|v| {
            let to = v.index();
            let labels = &locals[to];
            g.operands(v)
                .into_iter()
                .enumerate()
                .map(move |(k, o)| Edge {
                    id: format!("e{to}_{k}"),
                    from: o.index(),
                    to,
                    label: labels.get(k).cloned().unwrap_or_default(),
                })
        })
        .collect();
    response.steps = forward_steps(g, &names, lang);
    response
        .steps
        .extend(backward_steps(g, trace, &names, &texts, lang));
    response.derivations = derivations(g, trace, &names, &texts, y, variables, values, at, lang);
    if g.len() <= MAX_NODES {
        response.dot = Some(dot::dot(g, y, &names, &response.edges, &short));
    } else if g.len() <= MAX_DRAWN {
        response.layout = Some(crate::layout::layout(g, &names));
    } else if response.error.is_none() {
        response.error = Some(plain(lang.text(
            "page-error-too-large",
            &[
                ("nodes", g.len().to_string().into()),
                ("limit", MAX_DRAWN.to_string().into()),
            ],
        )));
    }
}

fn role(v: Value<'_>) -> &'static str {
    match v.op() {
        Op::Const => "constant",
        op if op.is_leaf() => "variable",
        _ => "operation",
    }
}

/// A number's bits, as 16 hexadecimal digits.
fn bits(x: f64) -> String {
    format!("{:016x}", x.to_bits())
}

/// A number to 4 significant digits, trailing zeros dropped: `0.9151`, `-0.2`, `1`, `1.5e-7`.
pub(crate) fn short(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return format_number(x);
    }
    let scientific = format!("{x:.3e}");
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    if (-4..6).contains(&exponent) {
        let decimals = (3 - exponent).max(0) as usize;
        trim(&format!("{x:.decimals$}"))
    } else {
        format!("{}e{exponent}", trim(mantissa))
    }
}

/// `0.5000` → `0.5`, `2.000` → `2`.
fn trim(text: &str) -> String {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text.to_owned()
    }
}

/// One step per operation, in index order: `tanh(x·w + b) = tanh(0.3) = 0.2913`.
fn forward_steps(g: &Graph, names: &[String], lang: Lang) -> Vec<Step> {
    let short = |x: f64| lang.decimal(&short(x));
    g.values()
        .filter(|v| !v.op().is_leaf())
        .map(|v| {
            let operands = g.operands(v);
            let numbers: Vec<String> = operands.iter().map(|o| short(o.data())).collect();
            let numbers: Vec<&str> = numbers.iter().map(String::as_str).collect();
            let plugged = v.op().write(&numbers);
            let name = &names[v.index()];
            // a labelled node (`g1`) says what it computes (`x·w1`) before the numbers
            let terms = g.operand_terms(v);
            let terms: Vec<&str> = terms.iter().map(String::as_str).collect();
            let formula = v.op().write(&terms);
            let mut line = name.clone();
            for part in [formula, plugged, short(v.data())] {
                if !line.ends_with(&format!(" = {part}")) && *name != part {
                    line.push_str(" = ");
                    line.push_str(&part);
                }
            }
            Step {
                phase: "forward",
                node: v.index(),
                title: lang.text("step-forward-title", &[("name", name.as_str().into())]),
                lines: vec![line],
                grads: Vec::new(),
            }
        })
        .collect()
}

/// One step per node of the trace, the output first: the gradient it has, and for each
/// operand the local derivative, the product and the operand's running sum.
fn backward_steps(
    g: &Graph,
    trace: &Trace,
    names: &[String],
    texts: &[Vec<LocalDerivative>],
    lang: Lang,
) -> Vec<Step> {
    let short = |x: f64| lang.decimal(&short(x));
    let mut running: HashMap<usize, f64> = HashMap::new();
    let mut steps = Vec::with_capacity(trace.steps.len());
    for (k, step) in trace.steps.iter().enumerate() {
        let name = &names[step.node];
        let upstream = short(step.upstream);
        let mut lines = vec![if k == 0 {
            lang.text("step-output", &[("name", name.as_str().into())])
        } else {
            format!("∂f/∂{} = {upstream}", partial_name(name))
        }];
        let Some(v) = g.get(step.node) else {
            continue;
        };
        if step.inputs.is_empty() {
            lines.push(match v.op() {
                Op::Const => lang.text("step-constant", &[]),
                _ => lang.text(
                    "step-variable",
                    &[
                        ("name", name.as_str().into()),
                        ("gradient", upstream.as_str().into()),
                    ],
                ),
            });
        }
        let mut grads = Vec::new();
        if k == 0 {
            grads.push((step.node, short(step.upstream)));
        }
        let inputs: Vec<usize> = step.inputs.iter().map(|e| e.input).collect();
        for (k, (edge, local)) in step.inputs.iter().zip(&texts[step.node]).enumerate() {
            let operand = &names[edge.input];
            lines.push(format!("{local}{}", through(&inputs, k, lang)));
            lines.push(format!(
                "{} × {upstream} = {}",
                short(edge.local),
                short(edge.product)
            ));
            if g.get(edge.input).is_some_and(|o| o.op() == Op::Const) {
                lines.push(lang.text(
                    "step-operand-constant",
                    &[("operand", operand.as_str().into())],
                ));
                continue;
            }
            let sum = match running.get(&edge.input) {
                Some(before) => before + edge.product,
                None => edge.product,
            };
            running.insert(edge.input, sum);
            grads.push((edge.input, short(sum)));
            lines.push(format!(
                "grad({operand}) += {} → {}",
                short(edge.product),
                short(sum)
            ));
        }
        steps.push(Step {
            phase: "backward",
            node: step.node,
            title: lang.text(
                if step.inputs.is_empty() {
                    "step-leaf-title"
                } else {
                    "step-send-title"
                },
                &[("name", name.as_str().into())],
            ),
            lines,
            grads,
        });
    }
    steps
}

/// Where a node uses the same value twice (`x·x`), which use a local derivative is through:
/// `, through the 1st operand`; nothing otherwise.
fn through(inputs: &[usize], k: usize, lang: Lang) -> String {
    if inputs.iter().filter(|&&i| i == inputs[k]).count() < 2 {
        return String::new();
    }
    let nth = ["step-nth-1", "step-nth-2", "step-nth-3"]
        .get(k)
        .map_or_else(
            || lang.text("step-nth", &[("n", (k + 1).to_string().into())]),
            |id| lang.text(id, &[]),
        );
    lang.text("step-through", &[("nth", nth.into())])
}

/// `x`, or `(x·w)` where the name is more than one symbol.
fn partial_name(name: &str) -> String {
    if name
        .chars()
        .all(|c| c.is_alphanumeric() || c == '_' || c == '#')
    {
        name.to_owned()
    } else {
        format!("({name})")
    }
}

/// For every node, how its gradient is made: the sum over its consumers of their gradient
/// times their local derivative; for a variable, the central finite difference beside it.
#[allow(clippy::too_many_arguments)] // the graph, its texts, and how to recompute f
fn derivations(
    g: &Graph,
    trace: &Trace,
    names: &[String],
    texts: &[Vec<LocalDerivative>],
    y: Value<'_>,
    variables: &[(String, Value<'_>)],
    values: &HashMap<String, f64>,
    at: &dyn Fn(&HashMap<String, f64>) -> Option<f64>,
    lang: Lang,
) -> Vec<Derivation> {
    let short = |x: f64| lang.decimal(&short(x));
    // the terms each node receives, in the order backward sends them
    let mut terms: Vec<Vec<String>> = vec![Vec::new(); g.len()];
    for step in &trace.steps {
        let inputs: Vec<usize> = step.inputs.iter().map(|e| e.input).collect();
        for (k, (edge, local)) in step.inputs.iter().zip(&texts[step.node]).enumerate() {
            // local × upstream, in the order the steps and `--trace` write them
            terms[edge.input].push(format!(
                "{} · ∂f/∂{} = {} × {} = {}{}",
                local.of,
                partial_name(&names[step.node]),
                short(edge.local),
                short(step.upstream),
                short(edge.product),
                through(&inputs, k, lang)
            ));
        }
    }
    let output = y.index();
    let mut differences = 0;
    g.values()
        .map(|v| {
            let i = v.index();
            let name = partial_name(&names[i]);
            let mut lines = Vec::new();
            let named = |id: &str| lang.text(id, &[("name", name.as_str().into())]);
            if i == output {
                lines.push(named("derivation-output"));
            } else if v.op() == Op::Const {
                lines.push(named("derivation-constant"));
            } else if terms[i].is_empty() {
                lines.push(named("derivation-unused"));
            } else {
                lines.push(named("derivation-rule"));
                lines.extend(terms[i].iter().map(|t| format!("  {t}")));
                let sum = lang.text(
                    "derivation-sum",
                    &[
                        ("name", name.as_str().into()),
                        ("gradient", lang.number(v.grad()).into()),
                    ],
                );
                lines.push(format!("  {sum}"));
            }
            let variable = variables.iter().find(|(_, leaf)| leaf.index() == i);
            if let Some((label, _)) = variable
                && differences < MAX_FINITE_DIFFERENCES
            {
                differences += 1;
                if let Some(line) = finite_difference(values, label, v.grad(), at, lang) {
                    lines.push(line);
                }
            }
            Derivation { node: i, lines }
        })
        .collect()
}

/// `(f(x + h) − f(x − h)) / 2h`, written beside the analytic gradient.
fn finite_difference(
    values: &HashMap<String, f64>,
    name: &str,
    analytic: f64,
    at: &dyn Fn(&HashMap<String, f64>) -> Option<f64>,
    lang: Lang,
) -> Option<String> {
    let x = *values.get(name)?;
    let h = 1e-6 * x.abs().max(1.0);
    let shifted = |x: f64| -> Option<f64> {
        let mut shifted = values.clone();
        shifted.insert(name.to_owned(), x);
        at(&shifted)
    };
    let difference = (shifted(x + h)? - shifted(x - h)?) / (2.0 * h);
    Some(lang.text(
        "derivation-check",
        &[
            ("name", name.into()),
            ("difference", lang.number(difference).into()),
            ("h", lang.number(h).into()),
            ("gradient", lang.number(analytic).into()),
        ],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(expression: &str, values: &[(&str, &str)]) -> Response {
        compute(&Request {
            expression: expression.to_owned(),
            values: values
                .iter()
                .map(|&(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
            graph: None,
            quiz: None,
            lang: String::new(),
        })
    }

    #[test]
    fn a_neuron_in_the_learners_names() {
        let r = request("tanh(x*w + b)", &[("x", "1"), ("w", "0.5"), ("b", "-0.2")]);
        assert!(r.error.is_none(), "{:?}", r.error);
        assert_eq!(r.value.as_deref(), Some("0.2913126124515909"));
        let grads: Vec<(&str, &str)> = r
            .grads
            .iter()
            .map(|g| (g.name.as_str(), g.value.as_str()))
            .collect();
        assert_eq!(
            grads,
            [
                ("x", "0.4575684809133146"),
                ("w", "0.9151369618266292"),
                ("b", "0.9151369618266292")
            ]
        );
        let text: Vec<&str> = r
            .steps
            .iter()
            .flat_map(|s| s.lines.iter().map(String::as_str))
            .collect();
        for wanted in [
            "tanh(x·w + b) = tanh(0.3) = 0.2913",
            "∂(x·w)/∂w = x = 1",
            "∂tanh(x·w + b)/∂(x·w + b) = 1 − tanh²(x·w + b) = 1 − tanh²(0.3) = 0.9151",
            "0.9151 × 1 = 0.9151",
            "grad(w) += 0.9151 → 0.9151",
        ] {
            assert!(text.contains(&wanted), "no {wanted:?} in {text:#?}");
        }
        assert!(
            text.iter()
                .all(|t| !t.contains("∂/∂a") && !t.contains("tanh² x"))
        );
        // steps: 3 forward (·, +, tanh), then 6 backward
        assert_eq!(r.steps.iter().filter(|s| s.phase == "forward").count(), 3);
        assert_eq!(r.steps.iter().filter(|s| s.phase == "backward").count(), 6);
        assert!(r.dot.as_deref().is_some_and(|d| d.starts_with("digraph")));
    }

    #[test]
    fn a_value_used_twice_shows_its_running_sum() {
        let r = request("x*x", &[("x", "3")]);
        let lines: Vec<&String> = r.steps.iter().flat_map(|s| &s.lines).collect();
        assert!(lines.iter().any(|l| *l == "grad(x) += 3 → 3"), "{lines:#?}");
        assert!(lines.iter().any(|l| *l == "grad(x) += 3 → 6"), "{lines:#?}");
        assert!(
            lines
                .iter()
                .any(|l| *l == "∂(x·x)/∂x = x = 3, through the 1st operand"),
            "{lines:#?}"
        );
        let x = &r.derivations[0];
        assert!(x.lines[0].starts_with("∂f/∂x = Σ"), "{:?}", x.lines);
        let check = x.lines.last().expect("a check");
        let difference: f64 = check
            .trim_start_matches("check: (f(x + h) − f(x − h)) / 2h = ")
            .split(' ')
            .next()
            .and_then(|n| n.parse().ok())
            .expect("a number");
        assert!((difference - 6.0).abs() < 1e-6, "{check}");
        assert!(check.ends_with("backward gives 6"), "{check}");
    }

    #[test]
    fn a_constant_keeps_no_gradient() {
        let r = request("relu(x) - 3*exp(-x)", &[("x", "1")]);
        let three = r
            .nodes
            .iter()
            .find(|n| n.role == "constant")
            .expect("the 3");
        let lines: Vec<&String> = r.steps.iter().flat_map(|s| &s.lines).collect();
        assert!(
            lines
                .iter()
                .any(|l| *l == "3 is a constant: it keeps no gradient")
        );
        assert!(
            !lines.iter().any(|l| l.starts_with("grad(3)")),
            "{lines:#?}"
        );
        let derivation = &r.derivations[three.index].lines;
        assert!(derivation[0].contains("a constant"), "{derivation:?}");
        assert!(
            r.steps
                .iter()
                .all(|s| s.grads.iter().all(|(n, _)| *n != three.index))
        );
    }

    #[test]
    fn errors_are_the_command_lines() {
        let r = request("tanh(x*+b)", &[]);
        let e = r.error.expect("a parse error");
        assert_eq!(e.column, Some(8));
        assert_eq!(
            e.text,
            "expected a number, a variable, a function call or `(` after `*`, found `+` \
             (column 8)\n  tanh(x*+b)\n         ^"
        );
        let r = request("x + 1", &[("x", "abc")]);
        assert_eq!(
            r.error.map(|e| e.text).as_deref(),
            Some("the value of `x`: `abc` is not a number")
        );
        let r = request("log(x)", &[("x", "0")]);
        let e = r.error.expect("a non-finite value");
        assert!(
            e.text.starts_with("the forward pass produced -inf"),
            "{}",
            e.text
        );
        assert_eq!(r.value.as_deref(), Some("-inf"));
        for junk in ["", "(((", "\u{0}\u{1}", &"x+".repeat(5000)] {
            let r = request(junk, &[]);
            assert!(r.error.is_some(), "{junk:?}");
        }
        let long = format!("{}x", "x+".repeat(60_000));
        assert!(request(&long, &[]).error.is_some());
        assert!(compute_json("not json").contains("malformed request"));
    }

    #[test]
    fn a_graph_handed_as_data_is_the_engines() {
        let g = Graph::new();
        let x = g.input(1.0).with_label("x");
        let w = g.parameter(0.5).with_label("w");
        let y = (x * w + g.constant(-0.2)).tanh().with_label("y");
        let data = crate::GraphData::from_graph(&g, y);
        let r = compute(&Request {
            graph: Some(data.clone()),
            ..Request::default()
        });
        assert!(r.error.is_none(), "{:?}", r.error);
        assert_eq!(r.title, "f = y");
        assert_eq!(r.value.as_deref(), Some("0.2913126124515909"));
        let names: Vec<&str> = r.variables.iter().map(|v| v.name.as_str()).collect();
        assert_eq!(names, ["x", "w"]);
        g.backward(y);
        assert_eq!(r.grads[1].value, format_number(w.grad()));
        // a value box moves the labelled leaf
        let moved = compute(&Request {
            graph: Some(data),
            values: BTreeMap::from([("w".to_owned(), "2".to_owned())]),
            ..Request::default()
        });
        assert_eq!(
            moved.value.as_deref(),
            Some(format_number(Op::Tanh.forward(&[1.8])).as_str())
        );
        let bad = compute(&Request {
            graph: Some(crate::GraphData::default()),
            ..Request::default()
        });
        assert!(bad.error.is_some_and(|e| e.text.contains("bad graph")));
    }

    /// Every text of a response the page shows, one per line.
    fn texts(r: &Response) -> String {
        let mut all = vec![r.title.clone(), r.value.clone().unwrap_or_default()];
        all.extend(r.error.iter().map(|e| e.text.clone()));
        all.extend(r.grads.iter().map(|g| g.value.clone()));
        for s in &r.steps {
            all.push(s.title.clone());
            all.extend(s.lines.iter().cloned());
        }
        all.extend(r.derivations.iter().flat_map(|d| d.lines.iter().cloned()));
        all.extend(r.edges.iter().map(|e| e.label.clone()));
        all.join("\n")
    }

    #[test]
    fn the_steps_and_derivations_in_portuguese() {
        let pt = |expression: &str, values: &[(&str, &str)]| {
            compute(&Request {
                expression: expression.to_owned(),
                values: values
                    .iter()
                    .map(|&(k, v)| (k.to_owned(), v.to_owned()))
                    .collect(),
                lang: "pt-BR".to_owned(),
                ..Request::default()
            })
        };
        // a decimal comma typed in a value box
        let r = pt("tanh(x*w + b)", &[("x", "1"), ("w", "0,5"), ("b", "-0,2")]);
        assert!(r.error.is_none(), "{:?}", r.error);
        assert_eq!(r.value.as_deref(), Some("0,2913126124515909"));
        assert_eq!(r.grads[1].value, "0,9151369618266292");
        assert_eq!(r.nodes[r.output.expect("an output")].value_short, "0,2913");
        let text = texts(&r);
        for wanted in [
            "propagação direta: calcula tanh(x·w + b)",
            "tanh(x·w + b) = tanh(0,3) = 0,2913",
            "∂f/∂f = 1: tanh(x·w + b) é a saída",
            "retropropagação: tanh(x·w + b) envia seu gradiente às entradas",
            "0,9151 × 1 = 0,9151",
            "uma variável: ∂f/∂w = 0,9151 é o seu gradiente",
            "regra da cadeia",
            "conferência: (f(w + h) − f(w − h)) / 2h",
        ] {
            assert!(text.contains(wanted), "no {wanted:?} in {text}");
        }
        // the numbers people read: no decimal point left (the names keep theirs: none here)
        assert!(
            !text
                .as_bytes()
                .windows(3)
                .any(|w| w[0].is_ascii_digit() && w[1] == b'.' && w[2].is_ascii_digit()),
            "{text}"
        );
        assert_eq!(gradgraph_i18n::english_left(&text), Vec::<String>::new());
        // the DOT: the labels with commas, Graphviz's attributes with points
        let dot = r.dot.expect("a graph");
        assert!(
            dot.contains("= 0,2913") && dot.contains("nodesep=0.3"),
            "{dot}"
        );
        // a value used twice, a constant, an unused variable's error
        let r = pt("x*x + 3", &[("x", "1,5")]);
        let text = texts(&r);
        assert!(text.contains("pelo 1º operando"), "{text}");
        assert!(
            text.contains("3 é uma constante: não guarda gradiente"),
            "{text}"
        );
        assert_eq!(gradgraph_i18n::english_left(&text), Vec::<String>::new());
        let r = pt("x + 1", &[("x", "abc")]);
        let e = r.error.expect("a bad value");
        assert_eq!(e.text, "o valor de `x`: `abc` não é um número");
        assert_eq!(e.variable.as_deref(), Some("x"));
        // a point is still read in Portuguese; a comma is not in English
        assert!(pt("x", &[("x", "0.5")]).error.is_none());
        let en = request("x", &[("x", "0,5")]);
        assert!(en.error.is_some_and(|e| e.text.contains("is not a number")));
    }

    #[test]
    fn short_numbers() {
        for (x, text) in [
            (0.9151369618266292, "0.9151"),
            (-0.2, "-0.2"),
            (1.0, "1"),
            (1234.5678, "1235"),
            (1.5e-7, "1.5e-7"),
            (-3e12, "-3e12"),
            (f64::NAN, "NaN"),
        ] {
            assert_eq!(short(x), text);
        }
    }
}
