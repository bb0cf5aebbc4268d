//! `gradgraph train`: train an MLP on a built-in data set or a CSV file.

use super::draw::{self, DrawArgs};
use super::model::{self, Unstated};
use super::text::print_out;
use super::{CliResult, Failure};
use gradgraph::data::{Dataset, Task};
use gradgraph::dot::{Replay, ReplayView, Snapshot};
use gradgraph::files::OutputSet;
use gradgraph::nn::train::{MAX_EDGES, MAX_STEPS, graph_size};
use gradgraph::nn::{
    Activation, Clip, Init, Loss, Mlp, Optimizer, Output, Recipe, TrainConfig, evaluate, init,
    train,
};
use gradgraph::{Error, Graph};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// Arguments of `gradgraph train`.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Exit codes: 0 done, 2 bad input (flags, data, files, sizes over a \
    limit; found before training), 1 the training diverged (the loss or a parameter is NaN \
    or infinite: nothing is saved or written), Graphviz fails, or it is missing for --svg, \
    --png, --html or --tikz (every other file is still written).\n\n\
    Every file a run writes (--save, --plot, --dot, --svg, --png, --html, --tikz, --latex, \
    --frames) is put \
    in place together at the end; a run that fails leaves earlier files as they were."
)]
pub struct TrainArgs {
    /// The data: a built-in set (xor, circles, moons, spiral, blobs, square, reciprocal,
    /// sine) or a CSV file with a header line x1,x2,...,y.
    #[arg(long, value_name = "NAME|FILE.csv")]
    pub dataset: String,
    /// Number of samples of a built-in set (default 100; xor has 4).
    #[arg(long, value_name = "N")]
    pub samples: Option<usize>,
    /// Standard deviation of the Gaussian noise of a built-in set (default per set).
    #[arg(long, allow_negative_numbers = true, value_name = "S")]
    pub noise: Option<f64>,
    /// Fraction of the samples held out for testing, in [0, 1).
    #[arg(
        long,
        allow_negative_numbers = true,
        value_name = "F",
        default_value_t = 0.0
    )]
    pub test_fraction: f64,
    /// Override the task guessed from a CSV file's targets: regression, binary or classes.
    #[arg(long, value_name = "TASK")]
    pub task: Option<String>,
    /// Hidden layer sizes, comma-separated ("none" for no hidden layer) [default: 16,16, or
    /// the data set's recipe].
    #[arg(long, value_name = "SIZES", conflicts_with = "load")]
    pub hidden: Option<String>,
    /// Activation of the hidden layers (the list comes from the table of ops).
    #[arg(long, help = activation_help(), value_name = "NAME[,NAME...]")]
    pub activation: Option<String>,
    /// What the model outputs: linear, sigmoid or softmax (default: sigmoid for bce, softmax
    /// for cross-entropy, linear otherwise). With --load, only for a safetensors file saved
    /// from PyTorch, which does not record it.
    #[arg(long, value_name = "NAME")]
    pub output: Option<String>,
    /// The loss: mse, bce, hinge or cross_entropy (default: bce for two classes,
    /// cross_entropy for more, mse for regression).
    #[arg(long, value_name = "NAME")]
    pub loss: Option<String>,
    /// L2 regularisation coefficient α (the loss adds α Σ p²).
    #[arg(
        long,
        allow_negative_numbers = true,
        value_name = "ALPHA",
        default_value_t = 0.0
    )]
    pub l2: f64,
    /// The optimiser: sgd, momentum[:MU] or adam.
    #[arg(long, value_name = "NAME", default_value = "adam")]
    pub optimizer: String,
    /// Learning rate (default 0.01 with adam, 0.1 with sgd and momentum).
    #[arg(long, allow_negative_numbers = true, value_name = "LR")]
    pub lr: Option<f64>,
    /// Decay the learning rate linearly towards LR_END: lr_k = lr − (lr − lr_end)·k/steps.
    #[arg(long, allow_negative_numbers = true, value_name = "LR_END")]
    pub lr_end: Option<f64>,
    /// Number of updates (at most 10,000,000) [default: 100; the built-in sets' recipes:
    /// moons 300, square 500, spiral, sine and reciprocal 1000].
    #[arg(long, value_name = "N")]
    pub steps: Option<usize>,
    /// Samples per update (default: the whole training set).
    #[arg(long, value_name = "N")]
    pub batch_size: Option<usize>,
    /// Clip every gradient component into [−C, C].
    #[arg(long, allow_negative_numbers = true, value_name = "C")]
    pub clip_value: Option<f64>,
    /// Rescale the gradient to a Euclidean norm of at most C.
    #[arg(long, allow_negative_numbers = true, value_name = "C")]
    pub clip_norm: Option<f64>,
    /// Batch-normalise every hidden layer.
    #[arg(long, conflicts_with = "load")]
    pub batch_norm: bool,
    /// Weight initialisation: uniform[:A], normal:S, glorot, glorot_normal, he, he_normal,
    /// lecun, zeros, or a FILE of numbers, one per line, in canonical parameter order
    /// (default: he for relu-like activations, glorot otherwise).
    #[arg(long, value_name = "SCHEME|FILE", conflicts_with = "load")]
    pub init: Option<String>,
    /// Seed of every random choice (data, weights, shuffles, test split).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub seed: u64,
    /// Threads to replay each batch with: a batch of at least 128 samples per thread is split
    /// between them (the losses then agree with one thread's to rounding, about 1e-12).
    #[arg(long, value_name = "N", default_value_t = 1,
          value_parser = clap::value_parser!(u32).range(1..=gradgraph::nn::train::MAX_THREADS as i64))]
    pub threads: u32,
    /// Save the trained model: FILE.json (gradgraph's JSON) or FILE.safetensors (loads in
    /// PyTorch into a torch.nn.Sequential; the report shows which).
    #[arg(long, value_name = "FILE.json|FILE.safetensors")]
    pub save: Option<PathBuf>,
    /// Start from a model saved with --save (its architecture replaces --hidden and
    /// friends), or from a safetensors file saved from PyTorch (give its --activation and
    /// --output, which such a file does not record).
    #[arg(long, value_name = "FILE.json|FILE.safetensors")]
    pub load: Option<PathBuf>,
    /// The largest input file read, in megabytes (--dataset, --init and --load files).
    #[arg(long, value_name = "MB", default_value_t = 256)]
    pub max_input_mb: u64,
    /// Print one JSON object on stdout instead of the report.
    #[arg(long)]
    pub json: bool,
    /// No progress bar.
    #[arg(long)]
    pub quiet: bool,
    /// Plot the decision boundary (two inputs) or the fitted curve (one input) over the data,
    /// beside the loss curve, as SVG.
    #[arg(long, value_name = "FILE.svg")]
    pub plot: Option<PathBuf>,
    /// Draw the graph of one sample (the first training sample, through the trained model,
    /// down to its loss, after backward): neurons and layers are clusters.
    #[command(flatten)]
    pub draw: DrawArgs,
}

/// A library error on user input: exit code 2.
fn usage(e: Error) -> Failure {
    Failure::usage(e.to_string())
}

/// `Some(v)` must be finite and positive (or non-negative with `zero_ok`).
fn check_number(flag: &str, v: Option<f64>, zero_ok: bool) -> Result<(), Failure> {
    if let Some(v) = v {
        let ok = v.is_finite() && (v > 0.0 || (zero_ok && v == 0.0));
        if !ok {
            let want = if zero_ok { "non-negative" } else { "positive" };
            return Err(Failure::usage(format!(
                "{flag} {v}: expected a finite {want} number"
            )));
        }
    }
    Ok(())
}

fn parse_hidden(text: &str) -> Result<Vec<usize>, Failure> {
    let t = text.trim();
    if t.is_empty() || t.eq_ignore_ascii_case("none") {
        return Ok(Vec::new());
    }
    t.split(',')
        .map(|s| match s.trim().parse::<usize>() {
            Ok(n) if n > 0 => Ok(n),
            _ => Err(Failure::usage(format!(
                "--hidden {text:?}: {s:?} is not a positive layer size (expected sizes like 16,16)"
            ))),
        })
        .collect()
}

/// True when `--dataset NAME` is a file to read rather than a built-in set: a path that
/// exists, has a separator or ends in `.csv`.
fn names_a_file(name: &str) -> bool {
    Path::new(name).exists()
        || name.contains('/')
        || name.contains(std::path::MAIN_SEPARATOR)
        || name.to_ascii_lowercase().ends_with(".csv")
}

fn load_data(args: &TrainArgs, limit: u64) -> Result<Dataset, Failure> {
    let name = &args.dataset;
    let path = Path::new(name);
    let d = if names_a_file(name) {
        if args.samples.is_some() || args.noise.is_some() {
            return Err(Failure::usage(format!(
                "--samples and --noise apply to built-in data sets, not to the file {name}"
            )));
        }
        Dataset::from_csv_limited(path, limit).map_err(|e| super::reading("--dataset", e))?
    } else {
        Dataset::builtin(name, args.samples, args.noise, args.seed).map_err(|e| match e {
            Error::TooLarge { detail, .. } => Failure::usage(format!("--samples: {detail}")),
            Error::OutOfRange { what, detail } if what == "noise" => {
                Failure::usage(format!("--noise: {detail}"))
            }
            e => Failure::usage(format!("--dataset: {e}")),
        })?
    };
    match args.task.as_deref() {
        None => Ok(d),
        Some(t) => {
            let task = match t.trim().to_ascii_lowercase().as_str() {
                "regression" => Task::Regression,
                "binary" => Task::Binary,
                "classes" => {
                    let k = (d.targets.iter().fold(0.0f64, |m, &y| m.max(y)) as usize)
                        .saturating_add(1);
                    Task::Classes(k.max(2))
                }
                _ => {
                    return Err(Failure::usage(format!(
                        "--task {t:?}: expected regression, binary or classes"
                    )));
                }
            };
            d.with_task(task)
                .map_err(|e| Failure::usage(format!("--task: {e}")))
        }
    }
}

fn build_model(args: &TrainArgs, data: &Dataset, loss: Loss, limit: u64) -> Result<Mlp, Failure> {
    if let Some(path) = &args.load {
        let flags = Unstated {
            activation: args.activation.as_deref(),
            output: args.output.as_deref(),
            default_output: (
                Output::default_for(loss, data.task),
                "the default for the loss",
            ),
        };
        let (mlp, note) = model::load("--load", path, limit, &flags)?;
        if let Some(note) = note {
            eprintln!("{note}");
        }
        if args.output.is_some() {
            check_output_fits(mlp.output, loss, data)?;
        }
        let mut sizes = vec![mlp.n_inputs];
        sizes.extend(mlp.layers.iter().map(|l| l.n_outputs()));
        check_size(args, data, &sizes, !mlp.batch_norm.is_empty(), "--load")?;
        return Ok(mlp);
    }
    let hidden = parse_hidden(&args.hidden())?;
    let activations = model::parse_activations(&args.activation())?;
    if activations.len() != 1 && activations.len() != hidden.len() {
        return Err(Failure::usage(format!(
            "--activation {}: {} activations for {} hidden layer{} (--hidden {}): give one \
             activation per hidden layer, or one for all",
            args.activation(),
            activations.len(),
            hidden.len(),
            if hidden.len() == 1 { "" } else { "s" },
            args.hidden()
        )));
    }
    let output = match &args.output {
        Some(o) => {
            let output = o
                .parse::<Output>()
                .map_err(|e| Failure::usage(format!("--output: {e}")))?;
            check_output_fits(output, loss, data)?;
            output
        }
        None => Output::default_for(loss, data.task),
    };
    // --init is a scheme name, or else a file of numbers
    // (without it, each layer's weights are drawn by the default for its activation)
    let (scheme, file) = match &args.init {
        None => (None, None),
        Some(text) => match text.parse::<Init>() {
            Ok(s) => (Some(s), None),
            Err(_) if Path::new(text).exists() => (Some(Init::Zeros), Some(PathBuf::from(text))),
            Err(e) => {
                return Err(Failure::usage(format!(
                    "--init: {e}; no file named {text:?} either"
                )));
            }
        },
    };
    let mut sizes = vec![data.n_inputs()];
    sizes.extend_from_slice(&hidden);
    sizes.push(loss.outputs_for(data.task));
    check_size(args, data, &sizes, args.batch_norm, "--hidden")?;
    let mut builder = Mlp::builder(&sizes)
        .activations(&activations)
        .output(output)
        .seed(args.seed);
    if let Some(scheme) = scheme {
        builder = builder.init(scheme);
    }
    let mut mlp = builder
        .build()
        .map_err(|e| Failure::usage(format!("--hidden: {e}")))?;
    if args.batch_norm {
        if hidden.is_empty() {
            return Err(Failure::usage(
                "--batch-norm needs at least one hidden layer (--hidden)",
            ));
        }
        mlp = mlp.with_batch_norm();
    }
    if let Some(path) = file {
        let values = init::read_numbers_limited(&path, limit).map_err(|e| match e {
            Error::TooLarge { .. } => super::reading("--init", e),
            e => Failure::usage(format!("--init: {e}")),
        })?;
        mlp.set_parameters_named(
            &values,
            &format!(
                "--init {}: numbers for the model's parameters",
                path.display()
            ),
        )
        .map_err(usage)?;
    }
    Ok(mlp)
}

/// An `--output` the loss would not use is refused: binary cross-entropy applies the
/// sigmoid and cross-entropy the softmax themselves, whatever the model's output says, and a
/// softmax needs two outputs or more.
fn check_output_fits(output: Output, loss: Loss, data: &Dataset) -> CliResult {
    let used = match loss {
        Loss::Bce | Loss::CrossEntropy => Some(Output::default_for(loss, data.task)),
        _ => None,
    };
    if let Some(used) = used
        && used != output
    {
        return Err(Failure::usage(format!(
            "--output {output}: the {loss} loss applies {used} to the model's outputs itself, \
             so --output {output} would be ignored; drop --output, or choose a loss that uses \
             it (--loss mse or hinge)"
        )));
    }
    let outputs = loss.outputs_for(data.task);
    if output == Output::Softmax && outputs < 2 {
        return Err(Failure::usage(format!(
            "--output softmax: a softmax needs at least 2 outputs (one per class), and this \
             {} task with the {loss} loss has {outputs}; use --output sigmoid or linear",
            data.task
        )));
    }
    Ok(())
}

/// Refuses, before anything is allocated, a net whose training graph would not fit in memory
/// (see [`gradgraph::nn::train::check_graph_size`]). With batch normalisation the whole batch
/// is one graph, one copy of the net per sample.
fn check_size(
    args: &TrainArgs,
    data: &Dataset,
    sizes: &[usize],
    batch_norm: bool,
    flag: &str,
) -> CliResult {
    // the batch as training takes it (nn::train clamps it to the data)
    let batch = args
        .batch_size
        .unwrap_or(data.len())
        .clamp(1, data.len().max(1));
    let mut size = graph_size(sizes, batch);
    if batch_norm {
        size.copies = batch;
        size.edges = size.weights.saturating_mul(2).saturating_mul(batch);
    }
    if !size.fits() {
        let bn = if batch_norm {
            " (batch normalisation puts the whole batch in one graph)"
        } else {
            ""
        };
        let what = if flag == "--load" {
            "use a smaller model"
        } else {
            "use fewer hidden units"
        };
        return Err(Failure::usage(format!(
            "{flag}: a net with {} parameters, copied for {} samples per batch{bn}, makes a \
             graph of about {} edges, more than the {MAX_EDGES} this scalar engine allows; \
             {what} or a smaller --batch-size",
            size.weights, size.copies, size.edges
        )));
    }
    Ok(())
}

fn architecture(mlp: &Mlp) -> String {
    let mut sizes = vec![mlp.n_inputs.to_string()];
    sizes.extend(mlp.layers.iter().map(|l| l.n_outputs().to_string()));
    sizes.join("-")
}

/// Runs `gradgraph train`.
///
/// Everything that can be checked is checked before training (flags, files, sizes); the
/// files asked for are written together at the end, and none of them when the run fails.
pub fn run(mut args: TrainArgs) -> CliResult {
    let recipe = args.apply_recipe();
    // every output, before any work: one line per output flag
    for (flag, path) in [("--save", &args.save), ("--plot", &args.plot)] {
        if let Some(path) = path {
            super::check_output(flag, path)?;
        }
    }
    args.draw.check()?;
    check_number("--noise", args.noise, true)?;
    check_number("--l2", Some(args.l2), true)?;
    check_number("--lr", args.lr, true)?;
    check_number("--lr-end", args.lr_end, true)?;
    check_number("--clip-value", args.clip_value, false)?;
    check_number("--clip-norm", args.clip_norm, false)?;
    if !(0.0..1.0).contains(&args.test_fraction) {
        return Err(Failure::usage(format!(
            "--test-fraction {}: expected a number in [0, 1)",
            args.test_fraction
        )));
    }
    if args.batch_size == Some(0) {
        return Err(Failure::usage("--batch-size 0: expected at least 1 sample"));
    }
    if args.steps() > MAX_STEPS {
        return Err(Failure::usage(format!(
            "--steps {}: more than the limit of {MAX_STEPS} updates; train for fewer steps \
             (save with --save and continue with --load)",
            args.steps()
        )));
    }
    if args.steps() == 0 && args.plot.is_some() {
        return Err(Failure::usage(
            "--plot with --steps 0: there is no training loss to plot; train for at least one \
             step",
        ));
    }
    let limit = super::input_limit(args.max_input_mb)?;
    let optimizer: Optimizer = args
        .optimizer
        .parse()
        .map_err(|e| Failure::usage(format!("--optimizer: {e}")))?;

    let all = load_data(&args, limit)?;
    let (train_set, test_set) = all
        .split(args.test_fraction, args.seed)
        .map_err(|e| Failure::usage(format!("--test-fraction: {e}")))?;
    let loss = match &args.loss {
        Some(l) => l
            .parse::<Loss>()
            .map_err(|e| Failure::usage(format!("--loss: {e}")))?,
        None => Loss::default_for(train_set.task),
    };
    let mut mlp = build_model(&args, &train_set, loss, limit)?;
    if args.batch_norm && args.batch_size == Some(1) {
        return Err(Failure::usage(
            "--batch-norm needs --batch-size of at least 2",
        ));
    }
    gradgraph::nn::train::check_fit(&mlp, &train_set, loss)
        .map_err(|e| Failure::usage(format!("--loss {loss}: {e}")))?;
    if let Some(path) = &args.save {
        model::check_savable("--save", &mlp, path)?;
    }
    // the pictures of one sample have the same size before and after training
    if args.draw.any() {
        check_sample_drawing(&mlp, &train_set, loss, &args.draw)?;
    }
    let lr = args.lr.unwrap_or(optimizer.default_lr());
    let config = TrainConfig {
        loss,
        l2: args.l2,
        optimizer,
        lr,
        lr_end: args.lr_end,
        steps: args.steps(),
        batch_size: args.batch_size,
        clip: Clip {
            value: args.clip_value,
            norm: args.clip_norm,
        },
        seed: args.seed,
        threads: args.threads as usize,
    };

    let bar = (!args.quiet && std::io::stderr().is_terminal()).then(|| {
        let pb = indicatif::ProgressBar::new(args.steps() as u64);
        pb.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} steps  loss {msg}  (about {eta} left)",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        pb
    });
    let mut recorder = args
        .draw
        .html
        .is_some()
        .then(|| Recorder::new(&mlp, &train_set, loss, args.steps()));
    // a long run says so after its first step: an estimate from the time that step took
    let started = std::time::Instant::now();
    let quiet = args.quiet;
    let report = train(&mut mlp, &train_set, &config, |step| {
        if let Some(r) = &mut recorder {
            r.record(step);
        }
        if step.k == 0 && !quiet {
            let estimate = started.elapsed().as_secs_f64() * args.steps() as f64;
            if estimate > LONG_RUN_SECONDS {
                let note = format!(
                    "note: {} steps on {} samples will take about {} (estimated from the \
                     first step); fewer --steps, a smaller --batch-size or fewer samples \
                     run faster",
                    args.steps(),
                    train_set.len(),
                    duration(estimate)
                );
                match &bar {
                    Some(pb) => pb.println(note),
                    None => eprintln!("{note}"),
                }
            }
        }
        if let Some(pb) = &bar {
            pb.set_position(step.k as u64 + 1);
            pb.set_message(format!("{:.6}", step.loss));
        }
    })
    .map_err(usage)?;
    if let Some(pb) = &bar {
        pb.finish_and_clear();
    }
    let train_metrics = evaluate(&mlp, &train_set, loss, args.l2).map_err(usage)?;
    let test_metrics = match &test_set {
        Some(t) => Some(evaluate(&mlp, t, loss, args.l2).map_err(usage)?),
        None => None,
    };
    let diverged = (!report.final_loss.is_finite() || mlp.check_finite().is_err()).then(|| {
        let k = report
            .loss
            .iter()
            .position(|l| !l.is_finite())
            .unwrap_or(report.loss.len());
        let files = if args.save.is_some() || args.plot.is_some() || args.draw.any() {
            "; no file was written (a model with non-finite parameters is never saved)"
        } else {
            ""
        };
        Failure::failed(format!(
            "training diverged: the loss is {} from step {k} on; try a smaller --lr or \
             --clip-norm{files}",
            report.final_loss
        ))
    });

    // every file of the run, staged; put in place at the end
    let mut outputs = OutputSet::new();
    if diverged.is_none() {
        if let Some(path) = &args.save {
            let bytes = model::encode(&mlp, path).map_err(usage)?;
            outputs
                .stage(path, &bytes)
                .map_err(|e| Failure::writing_for("--save", e))?;
        }
        if let Some(path) = &args.plot {
            let svg = plot(&mlp, &train_set, loss, &report.loss, args.quiet)?;
            outputs
                .stage(path, svg.as_bytes())
                .map_err(|e| Failure::writing_for("--plot", e))?;
        }
        if args.draw.any() {
            let replay = recorder.map(|r| r.finish(&report.loss));
            draw_sample(
                &mlp,
                &train_set,
                loss,
                &args.draw,
                &mut outputs,
                replay.as_ref(),
            )?;
        }
    }

    let mut text = String::new();
    if args.json {
        let mut out = serde_json::json!({
            "dataset": train_set.name,
            "task": train_set.task.to_string(),
            "samples": train_set.len(),
            "architecture": architecture(&mlp),
            "loss_function": loss.to_string(),
            "steps": args.steps(),
            "loss": report.loss,
            "final_loss": report.final_loss,
            "parameters": mlp.parameter_count(),
            "seconds": report.seconds,
        });
        if let Some(map) = out.as_object_mut() {
            if let Some(a) = train_metrics.accuracy {
                map.insert("accuracy".into(), a.into());
            }
            if let Some(r) = train_metrics.rmse {
                map.insert("rmse".into(), r.into());
            }
            if let (Some(t), Some(m)) = (&test_set, &test_metrics) {
                map.insert("test_samples".into(), t.len().into());
                if let Some(a) = m.accuracy {
                    map.insert("test_accuracy".into(), a.into());
                }
                if let Some(r) = m.rmse {
                    map.insert("test_rmse".into(), r.into());
                }
            }
        }
        text.push_str(&format!("{out}\n"));
    } else {
        let first = report.loss.first().copied().unwrap_or(report.final_loss);
        let mut line = |l: String| {
            text.push_str(&l);
            text.push('\n');
        };
        line(format!(
            "trained {} ({} parameters) on {} ({} samples, {}) for {} step{} in {:.3} s",
            architecture(&mlp),
            mlp.parameter_count(),
            train_set.name,
            train_set.len(),
            train_set.task,
            args.steps(),
            if args.steps() == 1 { "" } else { "s" },
            report.seconds
        ));
        if let Some(recipe) = &recipe {
            line(recipe.clone());
        }
        line(format!(
            "loss ({loss}{}): {first:.6} -> {:.6}",
            if args.l2 > 0.0 { " + L2" } else { "" },
            report.final_loss
        ));
        if let Some(a) = train_metrics.accuracy {
            line(format!("training accuracy: {:.1}%", 100.0 * a));
        }
        if let Some(r) = train_metrics.rmse {
            line(format!("training RMSE: {r:.6}"));
        }
        if let (Some(t), Some(m)) = (&test_set, &test_metrics) {
            if let Some(a) = m.accuracy {
                line(format!(
                    "test accuracy: {:.1}% ({} samples)",
                    100.0 * a,
                    t.len()
                ));
            }
            if let Some(r) = m.rmse {
                line(format!("test RMSE: {r:.6} ({} samples)", t.len()));
            }
        }
        if let Some(path) = &args.save
            && diverged.is_none()
        {
            line(format!("saved the model to {}", path.display()));
            if let Some(torch) = model::torch_line(&mlp, path) {
                line(torch);
            }
        }
    }
    print_out(&text)?;
    if let Some(failure) = diverged {
        return Err(failure);
    }
    draw::commit(outputs, &args.draw)
}

/// A run whose first step predicts more than this many seconds says so.
const LONG_RUN_SECONDS: f64 = 20.0;

/// Seconds as people say them: `40 s`, `12 min`, `3.5 h`.
fn duration(seconds: f64) -> String {
    if seconds < 120.0 {
        format!("{seconds:.0} s")
    } else if seconds < 7200.0 {
        format!("{:.0} min", seconds / 60.0)
    } else {
        format!("{:.1} h", seconds / 3600.0)
    }
}

/// The range of `values` widened by 10% on each side (a unit range around a single value).
fn padded_range(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let (lo, hi) = values
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
    if lo >= hi || !lo.is_finite() {
        let c = if lo.is_finite() { lo } else { 0.0 };
        return (c - 1.0, c + 1.0);
    }
    let pad = 0.1 * (hi - lo);
    (lo - pad, hi + pad)
}

/// The model's outputs at `xs`, as [`Mlp::predict`] computes them (one graph, a forward
/// pass per point), saying how long it will take when that is long (a big net's decision
/// map is thousands of forward passes).
fn predict_noting(mlp: &Mlp, xs: &[Vec<f64>], quiet: bool) -> Result<Vec<Vec<f64>>, Error> {
    let g = Graph::new();
    let inputs: Vec<_> = (0..mlp.n_inputs).map(|_| g.input(0.0)).collect();
    let mut bound = mlp.bind(&g);
    let out = bound.forward(&inputs)?;
    let started = std::time::Instant::now();
    let mut ys = Vec::with_capacity(xs.len());
    for (k, x) in xs.iter().enumerate() {
        if x.len() != mlp.n_inputs {
            return mlp.predict(xs); // its error names the shape
        }
        for (v, &xi) in inputs.iter().zip(x) {
            v.set_data(xi);
        }
        g.forward();
        ys.push(out.iter().map(|v| v.data()).collect());
        if k == 9 && !quiet {
            let estimate = started.elapsed().as_secs_f64() / 10.0 * xs.len() as f64;
            if estimate > LONG_PLOT_SECONDS {
                eprintln!(
                    "note: --plot evaluates the net ({} parameters) at {} points: about {}",
                    mlp.parameter_count(),
                    xs.len(),
                    duration(estimate)
                );
            }
        }
    }
    Ok(ys)
}

/// A plot whose first points predict more than this many seconds says so.
const LONG_PLOT_SECONDS: f64 = 5.0;

/// `--plot`: the model over the data (a decision map for two inputs, a fitted curve for one
/// input and a regression target), beside the loss curve.
fn plot(
    mlp: &Mlp,
    data: &Dataset,
    loss: Loss,
    history: &[f64],
    quiet: bool,
) -> Result<String, Failure> {
    use gradgraph::plot::{Chart, Field, Figure, LabelledPoint, Map, Panel, Series};
    let mut panels: Vec<Panel> = Vec::new();
    let failed = |e: Error| Failure::failed(format!("--plot: {e}"));
    if data.n_inputs() == 2 && data.task.is_classification() {
        let n = gradgraph::plot::map_cells(480);
        let xr = padded_range(data.inputs.iter().map(|x| x[0]));
        let yr = padded_range(data.inputs.iter().map(|x| x[1]));
        let centres: Vec<Vec<f64>> = Field::centres(xr, yr, n)
            .into_iter()
            .map(|(x, y)| vec![x, y])
            .collect();
        let outputs = predict_noting(mlp, &centres, quiet).map_err(failed)?;
        let (values, contour, title): (Vec<f64>, Option<f64>, String) = if mlp.n_outputs() == 1 {
            let threshold = gradgraph::nn::train::decision_threshold(loss, mlp.output);
            let what = if mlp.output == Output::Sigmoid {
                "probability of class 1"
            } else {
                "score"
            };
            (
                outputs.iter().map(|o| o[0]).collect(),
                Some(threshold),
                format!("{what}, boundary at {threshold}"),
            )
        } else {
            // several outputs: the class with the largest
            let argmax = |o: &Vec<f64>| {
                (0..o.len()).fold(0, |best, k| if o[k] > o[best] { k } else { best }) as f64
            };
            (
                outputs.iter().map(argmax).collect(),
                None,
                "predicted class".to_string(),
            )
        };
        let range = padded_range(values.iter().copied());
        let field = Field::from_values(xr, yr, n, values).map_err(failed)?;
        let points = data
            .inputs
            .iter()
            .zip(&data.targets)
            .map(|(x, &y)| LabelledPoint {
                x: x[0],
                y: x[1],
                class: y as usize,
            })
            .collect();
        let mut map = match mlp.n_outputs() {
            1 => Map::new(title, field, range),
            k => Map::classes(title, field, k),
        }
        .points(points);
        if let Some(c) = contour {
            map = map.contour(c);
        }
        panels.push(map.into());
    } else if data.n_inputs() == 1 && data.task == Task::Regression {
        let (lo, hi) = padded_range(data.inputs.iter().map(|x| x[0]));
        let xs: Vec<Vec<f64>> = (0..=200)
            .map(|i| vec![lo + (hi - lo) * i as f64 / 200.0])
            .collect();
        let ys = predict_noting(mlp, &xs, quiet).map_err(failed)?;
        let chart = Chart::new(format!("fit of {}", data.name))
            .x_label("x")
            .y_label("y")
            .series(Series::points(
                "data",
                data.inputs
                    .iter()
                    .zip(&data.targets)
                    .map(|(x, &y)| (x[0], y)),
            ))
            .series(Series::line(
                "model",
                xs.iter().zip(&ys).map(|(x, y)| (x[0], y[0])),
            ));
        panels.push(chart.into());
    }
    let mut curve = Chart::new("training loss")
        .x_label("step")
        .y_label("loss")
        .series(Series::line(
            "loss",
            history.iter().enumerate().map(|(k, &l)| (k as f64, l)),
        ));
    // a log scale only when the loss spans more than a decade: over less, it has no ticks
    let (lo, hi) = history
        .iter()
        .fold((f64::INFINITY, 0.0f64), |(lo, hi), &l| {
            (lo.min(l), hi.max(l))
        });
    if history.iter().all(|&l| l > 0.0 && l.is_finite()) && hi > 10.0 * lo {
        curve = curve.log_y();
    }
    panels.push(curve.into());
    let columns = panels.len();
    Figure::grid(panels, columns, (480, 420))
        .to_svg()
        .map_err(failed)
}

/// Builds the graph of the first training sample through `mlp`, down to its loss, runs
/// backward (so a picture shows every gradient), and hands it to `f`.
fn with_sample_graph<R>(
    mlp: &Mlp,
    data: &Dataset,
    loss: Loss,
    f: impl FnOnce(&Graph, gradgraph::Value<'_>) -> Result<R, Failure>,
) -> Result<R, Failure> {
    let g = Graph::new();
    let x: Vec<_> = data.inputs[0]
        .iter()
        .enumerate()
        .map(|(i, &v)| g.input(v).with_label(&format!("x{}", i + 1)))
        .collect();
    let mut bound = mlp.bind(&g);
    let z = bound.forward_logits(&x).map_err(usage)?;
    let mut target = vec![0.0; mlp.n_outputs()];
    gradgraph::nn::train::encode_target(loss, data.task, data.targets[0], &mut target);
    let t: Vec<_> = target
        .iter()
        .map(|&v| g.constant(v).with_label("y"))
        .collect();
    let l = g
        .group("loss", || loss.sample(&g, mlp.output, &z, &t))
        .map_err(usage)?
        .with_label("loss");
    g.backward(l);
    f(&g, l)
}

/// Checks, before training, that the pictures of one sample fit their limits (the trained
/// model draws the same graph): a net too big to draw is refused without building its
/// graph.
fn check_sample_drawing(mlp: &Mlp, data: &Dataset, loss: Loss, args: &DrawArgs) -> CliResult {
    let parameters = mlp.parameter_count();
    draw::check_derivation(args, parameters)?;
    if args.collapse.is_none_or(|c| !c.is_collapsed()) && parameters > draw::MAX_DOT_NODES {
        let flag = args.files().first().map_or("--frames", |(flag, _)| *flag);
        return Err(Failure::usage(format!(
            "{flag}: the graph of one sample of a net with {parameters} parameters has more \
             than {} nodes, the limit for a picture; draw it collapsed (--collapse neurons or \
             --collapse layers; --frames cannot be) or use fewer hidden units",
            draw::MAX_DOT_NODES
        )));
    }
    with_sample_graph(mlp, data, loss, |g, l| draw::check_graph(g, l, args))
}

/// Draws the graph of the first training sample through `mlp`, down to its loss, after
/// backward (so the picture shows every gradient), into `outputs`.
fn draw_sample(
    mlp: &Mlp,
    data: &Dataset,
    loss: Loss,
    args: &DrawArgs,
    outputs: &mut OutputSet,
    replay: Option<&Replay>,
) -> CliResult {
    with_sample_graph(mlp, data, loss, |g, l| {
        draw::draw_with_replay(g, l, args, outputs, replay)
    })
}

/// The most snapshots of a training replay (`--html`), evenly spaced over the steps.
const SNAPSHOTS: usize = 100;
/// The side of the replay's decision map, in cells.
const MAP_SIDE: usize = 20;

/// How the replay reads the model's outputs at a point: the number drawn.
type Reading = Box<dyn Fn(&[f64]) -> f64>;

/// Records the training replay of `--html`: every few steps, the model's prediction over
/// the data (a decision map for two inputs and classes, a curve for one input and a
/// regression target) and each layer's gradient norm. It works on a copy of the model, so
/// training is unchanged.
struct Recorder {
    shadow: Mlp,
    every: usize,
    last: usize,
    ranges: Vec<std::ops::Range<usize>>,
    /// Where the prediction is evaluated.
    at: Vec<Vec<f64>>,
    /// Maps the model's outputs at a point to the number drawn (in [0, 1] for a map).
    value: Reading,
    replay: Replay,
}

impl Recorder {
    fn new(mlp: &Mlp, data: &Dataset, loss: Loss, steps: usize) -> Recorder {
        let ranges = mlp.layer_parameter_ranges();
        let layers = (0..ranges.len())
            .map(|l| {
                if l + 1 == ranges.len() {
                    "output".to_owned()
                } else {
                    format!("hidden {}", l + 1)
                }
            })
            .collect();
        let (view, at, value): (ReplayView, Vec<Vec<f64>>, Reading) =
            if data.n_inputs() == 2 && data.task.is_classification() {
                let (x0, x1) = padded_range(data.inputs.iter().map(|x| x[0]));
                let (y0, y1) = padded_range(data.inputs.iter().map(|x| x[1]));
                let n = MAP_SIDE as f64;
                let at = (0..MAP_SIDE * MAP_SIDE)
                    .map(|c| {
                        let (row, col) = ((c / MAP_SIDE) as f64, (c % MAP_SIDE) as f64);
                        vec![
                            x0 + (x1 - x0) * (col + 0.5) / n,
                            y0 + (y1 - y0) * (row + 0.5) / n,
                        ]
                    })
                    .collect();
                let classes = data.task.classes().max(2);
                let top = (classes - 1) as f64;
                let points = data
                    .inputs
                    .iter()
                    .zip(&data.targets)
                    .map(|(x, &y)| [x[0], x[1], y / top])
                    .collect();
                let value: Reading = if mlp.n_outputs() == 1 {
                    let threshold = gradgraph::nn::train::decision_threshold(loss, mlp.output);
                    if mlp.output == Output::Sigmoid {
                        Box::new(|o: &[f64]| o[0])
                    } else {
                        Box::new(move |o: &[f64]| 1.0 / (1.0 + (threshold - o[0]).exp()))
                    }
                } else {
                    Box::new(move |o: &[f64]| {
                        (0..o.len()).fold(0, |best, k| if o[k] > o[best] { k } else { best }) as f64
                            / top
                    })
                };
                let view = ReplayView::Map {
                    size: MAP_SIDE,
                    bounds: [x0, x1, y0, y1],
                    points,
                };
                (view, at, value)
            } else if data.n_inputs() == 1 && data.task == Task::Regression {
                let (lo, hi) = padded_range(data.inputs.iter().map(|x| x[0]));
                let at: Vec<Vec<f64>> = (0..=100)
                    .map(|i| vec![lo + (hi - lo) * i as f64 / 100.0])
                    .collect();
                let view = ReplayView::Curve {
                    xs: at.iter().map(|x| x[0]).collect(),
                    points: data
                        .inputs
                        .iter()
                        .zip(&data.targets)
                        .map(|(x, &y)| [x[0], y])
                        .collect(),
                };
                (view, at, Box::new(|o: &[f64]| o[0]))
            } else {
                (ReplayView::None, Vec::new(), Box::new(|o: &[f64]| o[0]))
            };
        Recorder {
            shadow: mlp.clone(),
            every: steps.div_ceil(SNAPSHOTS).max(1),
            last: steps.saturating_sub(1),
            ranges,
            at,
            value,
            replay: Replay::new(layers, view),
        }
    }

    /// Takes a snapshot of the model as it is at `step` (before its update).
    fn record(&mut self, step: &gradgraph::nn::train::Step<'_>) {
        if !step.k.is_multiple_of(self.every) && step.k != self.last {
            return;
        }
        if self.shadow.set_parameters(step.params).is_err() {
            return;
        }
        let grad_norms = self
            .ranges
            .iter()
            .map(|r| {
                step.grads
                    .get(r.clone())
                    .map_or(f64::NAN, |g| g.iter().map(|x| x * x).sum::<f64>().sqrt())
            })
            .collect();
        let prediction = match self.shadow.predict(&self.at) {
            Ok(outputs) => outputs.iter().map(|o| (self.value)(o)).collect(),
            Err(_) => return,
        };
        self.replay
            .snapshots
            .push(Snapshot::new(step.k + 1, step.loss, grad_norms, prediction));
    }

    fn finish(mut self, losses: &[f64]) -> Replay {
        self.replay.losses = losses.to_vec();
        self.replay
    }
}

/// `--activation`'s help: every activation's name, from the table of ops, with the
/// parameter of those that take one (`leaky_relu[:SLOPE]`).
fn activation_help() -> String {
    let names: Vec<String> = Activation::names()
        .into_iter()
        .map(|name| {
            let param = gradgraph::OPS
                .iter()
                .find(|info| info.name == name)
                .and_then(|info| info.param);
            match param {
                Some(p) => format!("{name}[:{}]", p.to_ascii_uppercase()),
                None => name.to_owned(),
            }
        })
        .collect();
    format!(
        "Activation of the hidden layers: one for all, or one per hidden layer (relu,tanh): {} \
         [default: relu; tanh for the sine and reciprocal sets]. With --load, only for a \
         safetensors file saved from PyTorch, which does not record it",
        names.join(", ")
    )
}

impl TrainArgs {
    /// `--hidden`, as given or from the data set's recipe, else the general default.
    fn hidden(&self) -> String {
        self.hidden.clone().unwrap_or_else(|| {
            let sizes: Vec<String> = Recipe::default()
                .hidden
                .iter()
                .map(usize::to_string)
                .collect();
            sizes.join(",")
        })
    }

    /// `--activation`, as given or from the data set's recipe, else the general default.
    fn activation(&self) -> String {
        self.activation
            .clone()
            .unwrap_or_else(|| Recipe::default().activation.to_string())
    }

    /// `--steps`, as given or from the data set's recipe, else the general default.
    fn steps(&self) -> usize {
        self.steps.unwrap_or_else(|| Recipe::default().steps)
    }

    /// Fills `--hidden`, `--activation` and `--steps` left out for a built-in data set from
    /// its recipe ([`Recipe::for_dataset`]), so that every built-in set trains to a
    /// recognisable result with no other flag. Returns the report's line saying what the
    /// recipe chose, when it differs from the general defaults.
    fn apply_recipe(&mut self) -> Option<String> {
        // the built-in set that load_data reads, named as Dataset::builtin reads it
        let builtin = self.dataset.trim().to_ascii_lowercase();
        if self.load.is_some()
            || names_a_file(&self.dataset)
            || !gradgraph::data::BUILTIN.contains(&builtin.as_str())
        {
            return None;
        }
        let recipe = Recipe::for_dataset(&builtin);
        let mut chosen = Vec::new();
        let general = Recipe::default();
        if self.hidden.is_none() && recipe.hidden != general.hidden {
            let sizes: Vec<String> = recipe.hidden.iter().map(usize::to_string).collect();
            chosen.push(format!("--hidden {}", sizes.join(",")));
            self.hidden = Some(sizes.join(","));
        }
        if self.activation.is_none() && recipe.activation != general.activation {
            chosen.push(format!("--activation {}", recipe.activation));
            self.activation = Some(recipe.activation.to_string());
        }
        if self.steps.is_none() && recipe.steps != general.steps {
            chosen.push(format!("--steps {}", recipe.steps));
            self.steps = Some(recipe.steps);
        }
        (!chosen.is_empty()).then(|| {
            format!(
                "defaults for {builtin}: {} (give the flags to choose otherwise)",
                chosen.join(" ")
            )
        })
    }
}
