//! `gradgraph expr`: the value of an expression, its gradient with respect to every
//! variable, and on request the backward pass step by step, as text or JSON.

use super::draw::{self, DrawArgs};
use super::hessian::{self, Second};
use super::text::{Number, pad};
use super::{CliResult, Failure};
use gradgraph::backward::StepText;
use gradgraph::expr::{self, Expr, format_number};
use gradgraph::files::OutputSet;
use gradgraph::{Error, Graph, Hessian, Trace};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{self, Write};

/// The help's closing text. Its list of functions comes from the table of ops, so a new op
/// shows up here by itself.
fn after_help() -> String {
    // one-argument functions by name, the others by how they are called
    let (plain, special): (Vec<&str>, Vec<&str>) = expr::function_names().partition(|name| {
        expr::function_signature(name).is_some_and(|s| s == format!("{name}(x)"))
    });
    let special: Vec<String> = special
        .iter()
        .filter_map(|name| expr::function_signature(name))
        .map(|s| s.replace(" or ", ", "))
        .collect();
    // each item with what follows it: `exp `, ..., `softplus, `, `prelu(x, a), `, `pow(x, y).`
    let mut items: Vec<String> = plain.iter().map(|name| format!("{name} ")).collect();
    if let Some(last) = items.last_mut() {
        *last = format!("{}, ", last.trim_end());
    }
    items.extend(special.iter().map(|s| format!("{s}, ")));
    if let Some(last) = items.last_mut() {
        *last = format!("{}.", last.trim_end().trim_end_matches(','));
    }
    let mut text = String::from(
        "Expressions: numbers (2, 0.5, 1e-3), variables (x, w_1), + - * /, ^ for powers\n\
         (right-associative; -x^2 is -(x^2)), parentheses, and the functions\n",
    );
    // wrapped at 80 columns, never inside an item
    let mut line = String::new();
    for item in items {
        if line.len() + item.trim_end().len() > 80 {
            text.push_str(line.trim_end());
            text.push('\n');
            line.clear();
        }
        line.push_str(&item);
    }
    text.push_str(line.trim_end());
    text.push_str(
        "\n\nExit codes: 0 done, 2 bad input (expression or flags), 1 a value or gradient (or\n\
         with --hessian a second derivative) is NaN or infinite (the message names the node\n\
         that produced it), or Graphviz is missing for --svg, --png, --html or --tikz (every\n\
         other file is still written).\n\n\
         Example: gradgraph expr \"tanh(x*w + b)\" --at x=1 --at w=0.5 --at b=-0.2 --trace",
    );
    text
}

/// Arguments of `gradgraph expr`.
#[derive(clap::Args, Debug)]
#[command(after_help = after_help())]
pub struct ExprArgs {
    /// The expression, for example "tanh(x*w + b)"; `-` reads it from standard input.
    #[arg(value_name = "EXPRESSION", allow_hyphen_values = true)]
    pub expression: String,
    /// The value of a variable, as NAME=VALUE; one --at per variable of the expression.
    #[arg(long = "at", value_name = "NAME=VALUE", allow_hyphen_values = true)]
    pub at: Vec<String>,
    /// Print one JSON object, {"value": .., "grads": {..}} (and "trace": [..] with --trace).
    #[arg(long)]
    pub json: bool,
    /// Show the backward pass as it runs: for each node, the gradient arriving from above,
    /// each local derivative and the product sent to each input.
    #[arg(long)]
    pub trace: bool,
    /// Print the second derivatives with respect to every pair of variables (the Hessian),
    /// found by running backward through the graph of the gradient (numbers are constants
    /// and get none). With --json, as "hessian": {"x": {"x": .., "y": ..}, ..}.
    #[arg(long)]
    pub hessian: bool,
    /// Make --dot, --svg, --png, --tikz, --html, --frames and --latex draw the graph of the
    /// gradient itself: the expression, then the nodes backward builds as values, ending in
    /// ∂f/∂v for every variable, or for VARIABLE alone (--html, --frames and --latex step
    /// through one).
    #[arg(long, value_name = "VARIABLE", num_args = 0..=1)]
    pub grad_graph: Option<Option<String>>,
    /// Pictures of the graph (drawn after backward, so they show the gradients).
    #[command(flatten)]
    pub draw: DrawArgs,
}

/// Runs `gradgraph expr`.
pub fn run(args: ExprArgs) -> CliResult {
    args.draw.check()?;
    let source = read_expression(&args.expression)?;
    let bindings = parse_bindings(&args.at)?;
    let e = expr::parse(&source).map_err(Error::from)?;
    check_bindings(&e, &bindings)?;
    let values: HashMap<String, f64> = bindings.iter().map(|b| (b.name.clone(), b.value)).collect();

    let g = Graph::with_capacity(e.node_count(), 2 * e.node_count());
    let built = e.build_with_spans(&g, &values)?;
    // --hessian and --grad-graph: the gradient graph, checked before anything is printed
    let flags = hessian::Flags {
        hessian: args.hessian,
        grad_graph: args.grad_graph.as_ref().map(Option::as_deref),
        draw: &args.draw,
    };
    let second = Second::new(&e, &values, &flags)?;
    // the pictures' limits, before anything is printed
    if !second.draws() {
        draw::check_graph(&g, built.output, &args.draw)?;
    }
    let checked = g.try_backward(built.output);
    let trace = args.trace.then(|| {
        // the same backward pass again, recorded step by step (gradients start from zero,
        // so they are those of one pass)
        g.zero_grad();
        g.backward_trace(built.output)
    });
    // a non-finite value or gradient, explained on the expression (exit code as mapped)
    let problem = checked.err().map(|err| Failure {
        message: e.explain(&built, &err),
        ..Failure::from(err)
    });
    let hessian = second.hessian();
    // a second derivative that is not finite, where the first ones are (exit 1)
    let problem = problem.or_else(|| {
        let message = hessian::problem(hessian.as_ref()?)?;
        Some(Failure::failed(message))
    });

    let report = Report {
        source: &source,
        bindings: &bindings,
        value: built.output.data(),
        grads: built
            .variables
            .iter()
            .map(|(name, v)| (name.as_str(), v.grad()))
            .collect(),
        trace: trace.as_ref(),
        hessian: hessian.as_ref(),
        problem: problem.as_ref().map(|p| p.message.as_str()),
        graph: &g,
    };
    let printed = if args.json {
        print_json(&report)
    } else {
        print_text(&report)
    };
    let mut failures: Vec<Failure> = problem.into_iter().collect();
    match printed {
        // the reader went away (`| head`): the rest is not wanted, the pictures still are
        Err(err) if err.kind() != io::ErrorKind::BrokenPipe => {
            failures.push(Failure::failed(format!("cannot write the output: {err}")));
        }
        _ => {}
    }
    let mut outputs = OutputSet::new();
    let drawn = if second.draws() {
        second.draw(&args.draw, &mut outputs)
    } else {
        draw::draw(&g, built.output, &args.draw, &mut outputs)
    };
    if let Err(failure) = drawn {
        failures.push(failure);
    }
    // every file, or (when anything failed) none: earlier files stay as they were
    if failures.is_empty() {
        draw::commit(outputs, &args.draw)?;
    } else if args.draw.any() {
        failures.push(Failure::failed(
            "no file was written (the run failed); earlier files are as they were",
        ));
    }
    // the first failure gives the exit code; every message is shown
    let mut failures = failures.into_iter();
    match failures.next() {
        None => Ok(()),
        Some(mut first) => {
            for other in failures {
                first.message = format!("{}\nerror: {}", first.message, other.message);
            }
            Err(first)
        }
    }
}

/// The expression argument, or standard input for `-`.
fn read_expression(arg: &str) -> Result<String, Failure> {
    if arg != "-" {
        return Ok(arg.to_owned());
    }
    gradgraph::files::read_text(
        io::stdin().lock(),
        MAX_STDIN_BYTES,
        "an expression",
        "standard input",
    )
    .map_err(|err| match err {
        Error::TooLarge { detail, .. } => Failure::usage(format!(
            "expression `-`: {detail}; write a shorter expression"
        )),
        other => Failure::usage(format!(
            "cannot read the expression from standard input: {other}"
        )),
    })
}

/// The longest expression read from standard input: 1 MiB.
const MAX_STDIN_BYTES: u64 = 1 << 20;

/// One `--at NAME=VALUE`.
#[derive(Debug)]
pub(super) struct Binding {
    pub(super) name: String,
    pub(super) value: f64,
    /// As written, for messages.
    text: String,
}

/// Parses every `--at`, refusing malformed ones and a variable given twice.
pub(super) fn parse_bindings(at: &[String]) -> Result<Vec<Binding>, Failure> {
    let mut bindings: Vec<Binding> = Vec::with_capacity(at.len());
    let mut seen: HashMap<String, usize> = HashMap::with_capacity(at.len());
    for text in at {
        let bad = |why: String| Failure::usage(format!("--at {text}: {why}"));
        let Some((name, value)) = text.split_once('=') else {
            return Err(bad(
                "expected NAME=VALUE, for example --at x=1.5".to_string()
            ));
        };
        let (name, value) = (name.trim(), value.trim());
        if name.is_empty() {
            return Err(bad("the variable name before `=` is missing".to_string()));
        }
        if expr::is_function_name(name) {
            return Err(bad(format!(
                "`{name}` is a function name, so it cannot be a variable"
            )));
        }
        if !expr::is_variable_name(name) {
            return Err(bad(format!(
                "`{name}` is not a variable name (a letter or _, then letters, digits or _)"
            )));
        }
        if value.is_empty() {
            return Err(bad(format!("the value of `{name}` after `=` is missing")));
        }
        let Ok(number) = value.parse::<f64>() else {
            return Err(bad(format!("`{value}` is not a number")));
        };
        if !number.is_finite() {
            return Err(bad(format!(
                "the value of `{name}` must be a finite number, not {value}"
            )));
        }
        if let Some(earlier) = seen.get(name).map(|&i| &bindings[i]) {
            return Err(Failure::usage(format!(
                "--at {name} is given twice (--at {}, then --at {text}): give each variable \
                 one value",
                earlier.text
            )));
        }
        seen.insert(name.to_owned(), bindings.len());
        bindings.push(Binding {
            name: name.to_owned(),
            value: number,
            text: text.clone(),
        });
    }
    Ok(bindings)
}

/// Every `--at` must name a variable of the expression (a typo such as `--at X=1` is caught
/// here), and every variable needs an `--at`.
pub(super) fn check_bindings(e: &Expr, bindings: &[Binding]) -> Result<(), Failure> {
    let variables = e.variables();
    let known: HashSet<&str> = variables.iter().copied().collect();
    for b in bindings {
        if known.contains(b.name.as_str()) {
            continue;
        }
        let why = match expr::did_you_mean(&b.name, variables.iter().copied()) {
            Some(close) => format!(
                "the expression has no variable `{}`; did you mean `{close}`?",
                b.name
            ),
            None if variables.is_empty() => "the expression has no variables".to_string(),
            None => format!(
                "the expression has no variable `{}`; its variables are {}",
                b.name,
                list(&variables, |v| v.to_string(), ", ")
            ),
        };
        return Err(Failure::usage(format!("--at {}: {why}", b.text)));
    }
    let given: HashSet<&str> = bindings.iter().map(|b| b.name.as_str()).collect();
    let missing: Vec<&str> = variables
        .into_iter()
        .filter(|v| !given.contains(v))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let s = if missing.len() == 1 { "" } else { "s" };
    Err(Failure::usage(format!(
        "no value for variable{s} {}: add {}",
        list(&missing, |m| format!("`{m}`"), ", "),
        list(&missing, |m| format!("--at {m}=VALUE"), " ")
    )))
}

/// The first few names, joined, and how many more there are.
fn list(names: &[&str], show: impl Fn(&str) -> String, separator: &str) -> String {
    const SHOWN: usize = 8;
    let mut text: Vec<String> = names.iter().take(SHOWN).map(|n| show(n)).collect();
    if names.len() > SHOWN {
        text.push(format!("… ({} more)", names.len() - SHOWN));
    }
    text.join(separator)
}

/// Everything printed, in text or JSON.
struct Report<'a, 'g> {
    source: &'a str,
    bindings: &'a [Binding],
    value: f64,
    grads: BTreeMap<&'a str, f64>,
    trace: Option<&'a Trace>,
    hessian: Option<&'a Hessian>,
    problem: Option<&'a str>,
    graph: &'g Graph,
}

/// The expression on one line, shortened if long.
fn one_line(source: &str) -> String {
    let flat: String = source.split_whitespace().collect::<Vec<_>>().join(" ");
    let n = flat.chars().count();
    if n <= 72 {
        flat
    } else {
        let head: String = flat.chars().take(60).collect();
        format!("{head}… ({n} characters)")
    }
}

fn print_text(r: &Report<'_, '_>) -> io::Result<()> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    let at: Vec<String> = {
        let mut sorted: Vec<&Binding> = r.bindings.iter().collect();
        sorted.sort_by(|a, b| a.name.cmp(&b.name));
        sorted
            .iter()
            .map(|b| format!("{} = {}", b.name, format_number(b.value)))
            .collect()
    };
    write!(out, "f = {}", one_line(r.source))?;
    if !at.is_empty() {
        write!(out, "   at {}", at.join(", "))?;
    }
    writeln!(out)?;
    writeln!(out, "  = {}", format_number(r.value))?;

    if let Some(trace) = r.trace {
        writeln!(out)?;
        write_trace(&mut out, r.graph, trace)?;
    }

    writeln!(out)?;
    if r.grads.is_empty() {
        writeln!(out, "(no variables: nothing to differentiate)")?;
    }
    let width = r.grads.keys().map(|n| n.chars().count()).max().unwrap_or(0);
    for (name, grad) in &r.grads {
        writeln!(out, "∂f/∂{} = {}", pad(name, width), format_number(*grad))?;
    }
    if let Some(h) = r.hessian {
        hessian::write(h, &mut out)?;
    }
    out.flush()
}

/// The backward pass, one aligned line per node, output first. Each line's text is
/// [`TraceStep::text`](gradgraph::TraceStep::text), which the `--html` page shows too.
fn write_trace(out: &mut impl Write, g: &Graph, trace: &Trace) -> io::Result<()> {
    let rows: Vec<StepText> = trace.steps.iter().map(|s| s.text(g)).collect();
    let header = ["node", "data", "upstream"];
    let mut widths = header.map(str::len);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip([&row.name, &row.data, &row.upstream]) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let [w0, w1, w2] = widths;
    writeln!(out, "backward pass, output first (upstream = ∂f/∂node):")?;
    writeln!(
        out,
        "{}  {}  {}  sent to each input: local × upstream = product",
        pad(header[0], w0),
        pad(header[1], w1),
        pad(header[2], w2)
    )?;
    for row in &rows {
        writeln!(
            out,
            "{}  {}  {}  {}",
            pad(&row.name, w0),
            pad(&row.data, w1),
            pad(&row.upstream, w2),
            row.sent
        )?;
    }
    Ok(())
}

#[derive(Serialize)]
struct JsonReport<'a> {
    value: Number,
    grads: BTreeMap<&'a str, Number>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hessian: Option<BTreeMap<&'a str, BTreeMap<&'a str, Number>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    trace: Option<Vec<JsonStep>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonStep {
    node: usize,
    op: String,
    label: Option<String>,
    data: Number,
    upstream: Number,
    inputs: Vec<JsonEdge>,
}

#[derive(Serialize)]
struct JsonEdge {
    node: usize,
    op: String,
    label: Option<String>,
    local: Number,
    product: Number,
}

fn print_json(r: &Report<'_, '_>) -> io::Result<()> {
    let op_of = |i: usize| r.graph.get(i).map(|v| v.op().symbol()).unwrap_or_default();
    let report = JsonReport {
        value: Number(r.value),
        grads: r.grads.iter().map(|(&k, &v)| (k, Number(v))).collect(),
        hessian: r.hessian.map(hessian::json),
        trace: r.trace.map(|t| {
            t.steps
                .iter()
                .map(|s| JsonStep {
                    node: s.node,
                    op: s.op.symbol(),
                    label: s.label.clone(),
                    data: Number(s.data),
                    upstream: Number(s.upstream),
                    inputs: s
                        .inputs
                        .iter()
                        .map(|e| JsonEdge {
                            node: e.input,
                            op: op_of(e.input),
                            label: e.label.clone(),
                            local: Number(e.local),
                            product: Number(e.product),
                        })
                        .collect(),
                })
                .collect()
        }),
        error: r.problem,
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    serde_json::to_writer(&mut out, &report).map_err(io::Error::from)?;
    writeln!(out)?;
    out.flush()
}
