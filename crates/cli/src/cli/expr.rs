//! `gradgraph expr`: the value of an expression, its gradient with respect to every
//! variable, and on request the backward pass step by step, as text or JSON.

use super::Error;
use super::bindings::{self, Binding};
use super::draw::{self, DrawArgs};
use super::hessian::{self, Second};
use super::t;
use super::text::{Number, pad};
use super::{CliResult, Failure};
use gradgraph::expr::{self, Built, Expr};
use gradgraph::{Graph, Hessian, Trace};
use gradgraph_cli::files::OutputSet;
use gradgraph_i18n::Lang;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
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
         that produced it), or Graphviz is missing for --svg, --png, --tikz or --grad-graph's\n\
         --html (every other file is still written; the live page of --html needs none).\n\n\
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
    /// The value of a variable, as NAME=VALUE (a finite number); one --at per variable of
    /// the expression.
    #[arg(long = "at", value_name = "NAME=VALUE", allow_hyphen_values = true,
          value_parser = bindings::binding)]
    pub at: Vec<Binding>,
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

/// Runs `gradgraph expr`: read and check the input, plan (build the graphs and check their
/// pictures' limits), compute (backward, the trace, the Hessian), write.
pub fn run(mut args: ExprArgs) -> CliResult {
    // `--html` is the live page, opened on the expression: the browser runs the engine and
    // lays the graph out (a gradient's graph, `--grad-graph`, keeps its stepping page)
    let live = match args.grad_graph {
        None => args.draw.html.take(),
        Some(_) => None,
    };
    if let Some(path) = &live {
        super::check_output("--html", path)?;
    }
    let input = read_input(&args)?;
    let e = &input.expr;
    let g = Graph::with_capacity(e.node_count(), 2 * e.node_count());
    let plan = plan(&args, &input, &g)?;
    let results = compute(&input, &plan, args.trace);
    write(&args, &input, &plan, results, live.as_deref())
}

/// The expression and its values, read and checked against each other.
struct Input {
    source: String,
    bindings: Vec<Binding>,
    expr: Expr,
    values: HashMap<String, f64>,
}

/// The run, planned: the expression's graph, and the gradient graphs of `--hessian` and
/// `--grad-graph`, all within their limits.
struct Plan<'g> {
    graph: &'g Graph,
    built: Built<'g>,
    second: Second,
}

/// What the computation found.
struct Results {
    trace: Option<Trace>,
    hessian: Option<Hessian>,
    /// A value, a gradient or a second derivative that is not finite.
    problem: Option<Failure>,
}

/// Checks the output files, reads the expression and checks `--at` against it.
fn read_input(args: &ExprArgs) -> Result<Input, Failure> {
    args.draw.check()?;
    let source = read_expression(&args.expression)?;
    bindings::check_unique(&args.at)?;
    bindings::check_decimal(&args.at, super::lang())?;
    let e = expr::parse(&source).map_err(Error::from)?;
    bindings::check(&e, &args.at)?;
    Ok(Input {
        values: bindings::values(&args.at),
        bindings: args.at.clone(),
        source,
        expr: e,
    })
}

/// Builds the expression in `g` and the gradient graphs, and checks the pictures' limits,
/// before anything is printed.
fn plan<'g>(args: &ExprArgs, input: &Input, g: &'g Graph) -> Result<Plan<'g>, Failure> {
    let built = input.expr.build_with_spans(g, &input.values)?;
    let flags = hessian::Flags {
        hessian: args.hessian,
        grad_graph: args.grad_graph.as_ref().map(Option::as_deref),
        draw: &args.draw,
    };
    let second = Second::new(&input.expr, &input.values, &flags)?;
    if !second.draws() {
        draw::check_graph(g, built.output, &args.draw)?;
    }
    Ok(Plan {
        graph: g,
        built,
        second,
    })
}

/// Backward, the trace of `--trace` and the Hessian; a non-finite result is explained on the
/// expression.
fn compute(input: &Input, plan: &Plan<'_>, trace: bool) -> Results {
    let (g, y) = (plan.graph, plan.built.output);
    let checked = g.try_backward(y);
    let trace = trace.then(|| {
        // the same backward pass again, recorded step by step (gradients start from zero,
        // so they are those of one pass)
        g.zero_grad();
        g.backward_trace(y)
    });
    // a non-finite value or gradient, explained on the expression (exit code as mapped)
    let problem = checked.err().map(|err| Failure {
        message: gradgraph_i18n::explanation_text(
            super::lang(),
            &input.expr.explain(&plan.built, &err),
        ),
        ..Failure::from(err)
    });
    let hessian = plan.second.hessian();
    // a second derivative that is not finite, where the first ones are (exit 1)
    let problem = problem.or_else(|| Some(Failure::failed(hessian::problem(hessian.as_ref()?)?)));
    Results {
        trace,
        hessian,
        problem,
    }
}

/// Prints the report, draws the pictures and puts them in place, unless anything failed;
/// then reports every failure, the first giving the exit code.
fn write(
    args: &ExprArgs,
    input: &Input,
    plan: &Plan<'_>,
    results: Results,
    live: Option<&std::path::Path>,
) -> CliResult {
    let report = Report {
        source: &input.source,
        bindings: &input.bindings,
        value: plan.built.output.data(),
        grads: plan
            .built
            .variables
            .iter()
            .map(|(name, v)| (name.as_str(), v.grad()))
            .collect(),
        trace: results.trace.as_ref(),
        hessian: results.hessian.as_ref(),
        problem: results.problem.as_ref().map(|p| p.message.as_str()),
        graph: plan.graph,
    };
    let printed = if args.json {
        print_json(&report)
    } else {
        print_text(&report, super::lang())
    };
    let mut failures: Vec<Failure> = results.problem.into_iter().collect();
    match printed {
        // the reader went away (`| head`): the rest is not wanted, the pictures still are
        Err(err) if err.kind() != io::ErrorKind::BrokenPipe => {
            failures.push(Failure::failed(t(
                "error-cannot-write-output",
                &[("reason", super::io_reason(&err).into())],
            )));
        }
        _ => {}
    }
    let mut outputs = OutputSet::new();
    if let Some(path) = live {
        let opening = super::page::page_of(&input.source, &input.bindings);
        outputs
            .stage(path, gradgraph_web::page(&opening).as_bytes())
            .map_err(Failure::writing)?;
    }
    let drawn = if plan.second.draws() {
        plan.second.draw(&args.draw, &mut outputs)
    } else {
        draw::draw(plan.graph, plan.built.output, &args.draw, &mut outputs)
    };
    failures.extend(drawn.err());
    // every file, or (when anything failed) none: earlier files stay as they were
    if failures.is_empty() {
        draw::commit(outputs, &args.draw)?;
    } else if args.draw.any() || live.is_some() {
        failures.push(Failure::failed(t("error-nothing-written", &[])));
    }
    first_of(failures)
}

/// The first failure, with every other message after its own; `Ok` when there is none.
fn first_of(failures: Vec<Failure>) -> CliResult {
    let mut failures = failures.into_iter();
    match failures.next() {
        None => Ok(()),
        Some(mut first) => {
            for other in failures {
                first.message = format!(
                    "{}\n{}",
                    first.message,
                    super::errors::error_line(&other.message)
                );
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
    gradgraph_cli::files::read_text(
        io::stdin().lock(),
        MAX_STDIN_BYTES,
        "an expression",
        "standard input",
    )
    .map_err(|err| match err {
        gradgraph_cli::Error::TooLarge { .. } => Failure::usage(t(
            "expr-stdin-too-large",
            &[("detail", super::message(&err.into()).into())],
        )),
        other => Failure::usage(t(
            "expr-stdin-unreadable",
            &[("reason", super::message(&other.into()).into())],
        )),
    })
}

/// The longest expression read from standard input: 1 MiB.
const MAX_STDIN_BYTES: u64 = 1 << 20;

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

fn print_text(r: &Report<'_, '_>, lang: Lang) -> io::Result<()> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    let at: Vec<String> = {
        let mut sorted: Vec<&Binding> = r.bindings.iter().collect();
        sorted.sort_by(|a, b| a.name.cmp(&b.name));
        sorted
            .iter()
            .map(|b| format!("{} = {}", b.name, lang.number(b.value)))
            .collect()
    };
    write!(out, "f = {}", one_line(r.source))?;
    if !at.is_empty() {
        let values = at.join(", ");
        write!(
            out,
            "   {}",
            lang.text("expr-at", &[("values", values.into())])
        )?;
    }
    writeln!(out)?;
    writeln!(out, "  = {}", lang.number(r.value))?;

    if let Some(trace) = r.trace {
        writeln!(out)?;
        write_trace(&mut out, r.graph, trace, lang)?;
    }

    writeln!(out)?;
    if r.grads.is_empty() {
        writeln!(out, "{}", lang.text("expr-no-variables", &[]))?;
    }
    let width = r.grads.keys().map(|n| n.chars().count()).max().unwrap_or(0);
    for (name, grad) in &r.grads {
        writeln!(out, "∂f/∂{} = {}", pad(name, width), lang.number(*grad))?;
    }
    if let Some(h) = r.hessian {
        hessian::write(h, &mut out)?;
    }
    out.flush()
}

/// The backward pass, one aligned line per node, output first. Each line's text is
/// [`TraceStep::text`](gradgraph::TraceStep::text), which the `--html` page shows too.
fn write_trace(out: &mut impl Write, g: &Graph, trace: &Trace, lang: Lang) -> io::Result<()> {
    out.write_all(gradgraph_draw::trace_table_lang(g, trace, lang).as_bytes())
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
