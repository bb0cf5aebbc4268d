//! `gradgraph train`: train an MLP on a built-in data set or a CSV file.
//!
//! A run has three steps. [`plan`] checks everything that can be checked before training
//! (the flags' values were checked by clap while parsing; then the data, the model, the
//! sizes and every output) and resolves the flags into a [`Plan`]. [`fit`] trains, reading
//! the plan and nothing of the flags. [`write`] renders the files asked for, prints the
//! report and puts the files in place together, none of them when the run failed.

mod plot;
mod sample;

use super::Error;
use super::draw::{self, DrawArgs};
use super::model::{self, Unstated};
use super::t;
use super::text::print_out;
use super::values::{self, DataSource, Hidden, InitArg, LossChoice, OutputChoice, TaskChoice};
use super::{CliResult, Failure};
use gradgraph_cli::files::{self, OutputSet};
use gradgraph_nn::data::Dataset;
use gradgraph_nn::train::{MAX_EDGES, graph_size};
use gradgraph_nn::{
    Activation, Clip, Init, Loss, Metrics, Mlp, Optimizer, Output, OutputMisfit, Recipe,
    TrainConfig, TrainReport, evaluate, init, train,
};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Arguments of `gradgraph train`.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Exit codes: 0 done, 2 bad input (flags, data, files, sizes over a \
    limit; found before training), 1 the training diverged (the loss or a parameter is NaN \
    or infinite: nothing is saved or written), Graphviz fails, or it is missing for --svg, \
    --png or --tikz (every other file is still written; the live page of --html needs \
    none).\n\n\
    Every file a run writes (--save, --plot, --dot, --svg, --png, --html, --tikz, --latex, \
    --frames) is put \
    in place together at the end; a run that fails leaves earlier files as they were."
)]
pub struct TrainArgs {
    /// The data: a built-in set (xor, circles, moons, spiral, blobs, square, reciprocal,
    /// sine) or a CSV file with a header line x1,x2,...,y.
    #[arg(long, value_name = "NAME|FILE.csv", value_parser = values::dataset)]
    pub dataset: DataSource,
    /// Number of samples of a built-in set (default 100; xor has 4; from 2 to 1000000).
    #[arg(long, value_name = "N", value_parser = values::samples)]
    pub samples: Option<usize>,
    /// Standard deviation of the Gaussian noise of a built-in set (default per set; a
    /// finite number, at least 0).
    #[arg(long, allow_negative_numbers = true, value_name = "S",
          value_parser = values::non_negative)]
    pub noise: Option<f64>,
    /// Fraction of the samples held out for testing, in [0, 1).
    #[arg(long, allow_negative_numbers = true, value_name = "F", default_value_t = 0.0,
          value_parser = values::fraction)]
    pub test_fraction: f64,
    /// Override the task guessed from a CSV file's targets.
    #[arg(long, value_name = "TASK", value_enum, ignore_case = true)]
    pub task: Option<TaskChoice>,
    /// Hidden layer sizes, comma-separated ("none" for no hidden layer) [default: 16,16, or
    /// the data set's recipe].
    #[arg(long, value_name = "SIZES", conflicts_with = "load", value_delimiter = ',',
          value_parser = values::hidden)]
    pub hidden: Option<Vec<Hidden>>,
    /// Activation of the hidden layers (the list comes from the table of ops).
    #[arg(long, help = activation_help(), value_name = "NAME[,NAME...]",
          value_delimiter = ',', value_parser = values::activation)]
    pub activation: Option<Vec<Activation>>,
    /// What the model outputs (default: sigmoid for bce, softmax for cross-entropy, linear
    /// otherwise). With --load, only for a safetensors file saved from PyTorch, which does
    /// not record it.
    #[arg(long, value_name = "NAME", value_enum, ignore_case = true)]
    pub output: Option<OutputChoice>,
    /// The loss (default: bce for two classes, cross_entropy for more, mse for
    /// regression).
    #[arg(long, value_name = "NAME", value_enum, ignore_case = true)]
    pub loss: Option<LossChoice>,
    /// L2 regularisation coefficient α (the loss adds α Σ p²; a finite number, at least 0).
    #[arg(long, allow_negative_numbers = true, value_name = "ALPHA", default_value_t = 0.0,
          value_parser = values::non_negative)]
    pub l2: f64,
    /// The optimiser: sgd, momentum[:MU] (MU in [0, 1), 0.9 without it) or adam.
    #[arg(long, value_name = "NAME", default_value = "adam", value_parser = values::optimizer)]
    pub optimizer: Optimizer,
    /// Learning rate, at least 0 (default 0.01 with adam, 0.1 for the xor set and 0.03 for
    /// circles; 0.1 with sgd and momentum).
    #[arg(long, allow_negative_numbers = true, value_name = "LR",
          value_parser = values::non_negative)]
    pub lr: Option<f64>,
    /// Decay the learning rate linearly towards LR_END: lr_k = lr − (lr − lr_end)·k/steps.
    #[arg(long, allow_negative_numbers = true, value_name = "LR_END",
          value_parser = values::non_negative)]
    pub lr_end: Option<f64>,
    /// Number of updates (at most 10,000,000) [default: 100; the built-in sets' recipes:
    /// xor, circles and moons 300, square 500, spiral, sine and reciprocal 1000].
    #[arg(long, value_name = "N", value_parser = values::steps)]
    pub steps: Option<usize>,
    /// Samples per update, at least 1 (default: the whole training set).
    #[arg(long, value_name = "N", value_parser = values::batch_size)]
    pub batch_size: Option<usize>,
    /// Clip every gradient component into [−C, C] (C above 0).
    #[arg(long, allow_negative_numbers = true, value_name = "C",
          value_parser = values::positive)]
    pub clip_value: Option<f64>,
    /// Rescale the gradient to a Euclidean norm of at most C (C above 0).
    #[arg(long, allow_negative_numbers = true, value_name = "C",
          value_parser = values::positive)]
    pub clip_norm: Option<f64>,
    /// Batch-normalise every hidden layer.
    #[arg(long, conflicts_with = "load")]
    pub batch_norm: bool,
    /// Weight initialisation: uniform[:A], normal:S, glorot, glorot_normal, he, he_normal,
    /// lecun, zeros, or a FILE of numbers, one per line, in canonical parameter order
    /// (default: he for relu-like activations, glorot otherwise).
    #[arg(long, value_name = "SCHEME|FILE", conflicts_with = "load",
          value_parser = values::init)]
    pub init: Option<InitArg>,
    /// Seed of every random choice (data, weights, shuffles, test split).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub seed: u64,
    /// Threads to replay each batch with: a batch of at least 128 samples per thread is split
    /// between them (the losses then agree with one thread's to rounding, about 1e-12).
    #[arg(long, value_name = "N", default_value_t = 1,
          value_parser = clap::value_parser!(u32).range(1..=gradgraph_nn::train::MAX_THREADS as i64))]
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
    /// The largest input file read, in megabytes, from 1 to 65536 (--dataset, --init and
    /// --load files).
    #[arg(long, value_name = "MB", default_value_t = 256, value_parser = values::megabytes)]
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

/// Runs `gradgraph train`: plan, fit, write.
///
/// Everything that can be checked is checked before training (flags, files, sizes); the
/// files asked for are written together at the end, and none of them when the run fails.
pub fn run(args: TrainArgs) -> CliResult {
    let (plan, mlp) = plan(args)?;
    let trained = fit(&plan, mlp)?;
    write(&plan, &trained)
}

/// A run, resolved and checked: what training and the report read, instead of the flags.
struct Plan {
    train_set: Dataset,
    test_set: Option<Dataset>,
    config: TrainConfig,
    /// The report's line saying what the data set's recipe chose, if it chose anything.
    recipe: Option<String>,
    /// `--save`.
    save: Option<PathBuf>,
    /// `--plot`.
    plot: Option<PathBuf>,
    /// The pictures of one sample.
    draw: DrawArgs,
    /// `--html`: the live page, opened on this run's net and data.
    html: Option<PathBuf>,
    /// The built-in data set's name, `--samples`, `--noise` and `--test-fraction`, for the
    /// page.
    dataset: String,
    samples: Option<usize>,
    noise: Option<f64>,
    test_fraction: f64,
    /// A CSV file's name and text, for the page.
    csv: Option<(String, String)>,
    /// The first weights, for the page.
    first_weights: Vec<f64>,
    /// `--json`.
    json: bool,
    /// `--quiet`.
    quiet: bool,
}

/// What training produced.
struct Trained {
    mlp: Mlp,
    report: TrainReport,
    train_metrics: Metrics,
    test_metrics: Option<Metrics>,
}

/// A library error on user input: exit code 2.
fn usage(e: impl Into<Error>) -> Failure {
    Failure::usage(super::message(&e.into()))
}

/// A library error after its flag, `--task: ...`, in this run's language: exit 2.
fn flag_usage(flag: &str, e: impl Into<Error>) -> Failure {
    Failure::usage(format!("{flag}: {}", super::message(&e.into())))
}

/// Checks everything before any work (the outputs, the data, the model and its sizes) and
/// resolves the flags: the plan, and the model to train.
fn plan(mut args: TrainArgs) -> Result<(Plan, Mlp), Failure> {
    let recipe = args.apply_recipe();
    // `--html` is the live page, opened on the run's net and data (no Graphviz needed)
    let html = args.draw.html.take();
    if let Some(path) = &html {
        super::check_output("--html", path)?;
    }
    check_outputs(&args)?;
    let limit = super::input_limit(args.max_input_mb);
    let (all, csv) = load_data(&args, limit)?;
    let (train_set, test_set) = all
        .split(args.test_fraction, args.seed)
        .map_err(|e| flag_usage("--test-fraction", e))?;
    let loss = args
        .loss
        .map_or_else(|| Loss::default_for(train_set.task), Loss::from);
    let mlp = match &args.load {
        Some(path) => load_model(&args, path, &train_set, loss, limit)?,
        None => new_model(&args, &train_set, loss, limit)?,
    };
    check_model(&args, &mlp, &train_set, loss)?;
    if html.is_some() {
        check_page(&args, &mlp, all.len())?;
    }
    let config = TrainConfig {
        loss,
        l2: args.l2,
        optimizer: args.optimizer,
        lr: args.lr.unwrap_or(args.optimizer.default_lr()),
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
    let plan = Plan {
        train_set,
        test_set,
        config,
        recipe,
        save: args.save,
        plot: args.plot,
        draw: args.draw,
        html,
        dataset: args.dataset.builtin().unwrap_or_default().to_owned(),
        samples: args.samples,
        noise: args.noise,
        test_fraction: args.test_fraction,
        csv,
        first_weights: mlp.parameters(),
        json: args.json,
        quiet: args.quiet,
    };
    Ok((plan, mlp))
}

/// Every output, before any work: one line per output flag.
fn check_outputs(args: &TrainArgs) -> CliResult {
    for (flag, path) in [("--save", &args.save), ("--plot", &args.plot)] {
        if let Some(path) = path {
            super::check_output(flag, path)?;
        }
    }
    args.draw.check()?;
    if args.steps() == 0 && args.plot.is_some() {
        return Err(Failure::usage(
            "--plot with --steps 0: there is no training loss to plot; train for at least one \
             step",
        ));
    }
    Ok(())
}

/// The data set of `--dataset`, with the task of `--task`.
fn load_data(args: &TrainArgs, limit: u64) -> Result<(Dataset, Option<(String, String)>), Failure> {
    let mut csv = None;
    let d = match &args.dataset {
        DataSource::File(path) => {
            if args.samples.is_some() || args.noise.is_some() {
                return Err(Failure::usage(t(
                    "train-samples-of-file",
                    &[("file", path.display().to_string().into())],
                )));
            }
            let text = files::read_limited(path, limit, "a CSV file")
                .map_err(|e| super::reading("--dataset", e))?;
            let name = path.display().to_string();
            let d = Dataset::parse_csv(&text, &name).map_err(|e| super::reading("--dataset", e))?;
            csv = Some((name, text));
            d
        }
        DataSource::Builtin(name) => Dataset::builtin(name, args.samples, args.noise, args.seed)
            .map_err(|e| match e {
                gradgraph_nn::Error::TooLarge { detail, .. } => {
                    Failure::usage(format!("--samples: {detail}"))
                }
                gradgraph_nn::Error::OutOfRange { what, detail } if what == "noise" => {
                    Failure::usage(format!("--noise: {detail}"))
                }
                e => flag_usage("--dataset", e),
            })?,
    };
    let Some(choice) = args.task else {
        return Ok((d, csv));
    };
    let largest = d.targets.iter().fold(0.0f64, |m, &y| m.max(y));
    let d = d
        .with_task(choice.task(largest))
        .map_err(|e| flag_usage("--task", e))?;
    Ok((d, csv))
}

/// What the live page of `--html` cannot open, refused before training: batch
/// normalisation, a task chosen with `--task`, more samples or parameters than the page
/// trains.
fn check_page(args: &TrainArgs, mlp: &Mlp, samples: usize) -> CliResult {
    use gradgraph_web::net::{MAX_PARAMETERS, MAX_SAMPLES};
    let refuse = |why: String| Err(Failure::usage(format!("--html: {why}")));
    if args.batch_norm || mlp.has_batch_norm() {
        return refuse(t("train-page-batch-norm", &[]));
    }
    if args.task.is_some() {
        return refuse(t("train-page-task", &[]));
    }
    if samples > MAX_SAMPLES {
        return refuse(t(
            "train-page-samples",
            &[
                ("samples", samples.to_string().into()),
                ("limit", MAX_SAMPLES.to_string().into()),
            ],
        ));
    }
    if mlp.parameter_count() > MAX_PARAMETERS {
        return refuse(t(
            "train-page-parameters",
            &[
                ("parameters", mlp.parameter_count().to_string().into()),
                ("limit", MAX_PARAMETERS.to_string().into()),
            ],
        ));
    }
    Ok(())
}

/// The live page of `--html`: the net mode, opened on this run's data, net and settings,
/// trained for the run's steps as it opens (the same losses, bit for bit).
fn live_page(plan: &Plan, trained: &Trained) -> String {
    let config = &plan.config;
    let data = &plan.train_set;
    let mlp = &trained.mlp;
    let settings = gradgraph_web::Settings {
        dataset: plan
            .csv
            .as_ref()
            .map_or_else(|| plan.dataset.clone(), |(name, _)| name.clone()),
        samples: plan.samples,
        noise: plan.noise,
        test_fraction: plan.test_fraction,
        hidden: mlp.layers[..mlp.layers.len() - 1]
            .iter()
            .map(|l| l.n_outputs())
            .collect(),
        activation: mlp.activations().iter().map(ToString::to_string).collect(),
        output: Some(mlp.output.to_string()),
        loss: Some(config.loss.to_string()),
        optimizer: config.optimizer.to_string(),
        lr: Some(config.lr),
        lr_end: config.lr_end,
        steps: config.steps,
        batch_size: config.batch_size,
        l2: config.l2,
        clip_value: config.clip.value,
        clip_norm: config.clip.norm,
        seed: config.seed,
    };
    let opening = gradgraph_web::Page {
        net: Some(gradgraph_web::NetOpening {
            settings: Some(settings),
            csv: plan
                .csv
                .as_ref()
                .map(|(name, text)| gradgraph_web::CsvText {
                    name: name.clone(),
                    text: text.clone(),
                }),
            weights: Some(plan.first_weights.clone()),
            train: config.steps,
            note: Some(super::lang().text(
                "train-page-note",
                &[
                    ("steps", config.steps.into()),
                    ("dataset", data.name.as_str().into()),
                ],
            )),
            ..Default::default()
        }),
        lang: super::lang(),
        ..Default::default()
    };
    gradgraph_web::page(&opening)
}

/// The model of `--load`, checked against the data and the loss.
fn load_model(
    args: &TrainArgs,
    path: &Path,
    data: &Dataset,
    loss: Loss,
    limit: u64,
) -> Result<Mlp, Failure> {
    let flags = Unstated {
        activation: args.activation.as_deref(),
        output: args.output.map(Output::from),
        default_output: (
            Output::default_for(loss, data.task),
            "model-why-loss-default",
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
    check_size(
        args.batch_size,
        data,
        &sizes,
        !mlp.batch_norm.is_empty(),
        "--load",
    )?;
    Ok(mlp)
}

/// A new model: `--hidden`, `--activation`, `--output`, `--batch-norm` and `--init`.
fn new_model(args: &TrainArgs, data: &Dataset, loss: Loss, limit: u64) -> Result<Mlp, Failure> {
    let hidden = args.hidden()?;
    let activations = args.activations();
    if activations.len() != 1 && activations.len() != hidden.len() {
        return Err(Failure::usage(t(
            "train-activations-count",
            &[
                ("activations", model::activations_text(&activations).into()),
                ("count", activations.len().to_string().into()),
                ("layers", hidden.len().into()),
                ("hidden", hidden_text(&hidden).into()),
            ],
        )));
    }
    let output = match args.output {
        Some(choice) => {
            check_output_fits(choice.into(), loss, data)?;
            choice.into()
        }
        None => Output::default_for(loss, data.task),
    };
    let mut sizes = vec![data.n_inputs()];
    sizes.extend_from_slice(&hidden);
    sizes.push(loss.outputs_for(data.task));
    check_size(args.batch_size, data, &sizes, args.batch_norm, "--hidden")?;
    // without --init, each layer's weights are drawn by the default for its activation
    let mut builder = Mlp::builder(&sizes)
        .activations(&activations)
        .output(output)
        .seed(args.seed);
    match &args.init {
        Some(InitArg::Scheme(scheme)) => builder = builder.init(*scheme),
        Some(InitArg::File(_)) => builder = builder.init(Init::Zeros),
        None => {}
    }
    let mut mlp = builder.build().map_err(|e| flag_usage("--hidden", e))?;
    if args.batch_norm {
        if hidden.is_empty() {
            return Err(Failure::usage(
                "--batch-norm needs at least one hidden layer (--hidden)",
            ));
        }
        mlp = mlp.with_batch_norm();
    }
    if let Some(InitArg::File(path)) = &args.init {
        init_from_file(&mut mlp, path, limit)?;
    }
    Ok(mlp)
}

/// Sets the parameters of `mlp` from the file of `--init`, one number per line.
fn init_from_file(mlp: &mut Mlp, path: &Path, limit: u64) -> CliResult {
    let failure = |e: Error| match e.too_large() {
        Some(_) => super::reading("--init", e),
        None => flag_usage("--init", e),
    };
    let text =
        files::read_limited(path, limit, "a file of numbers").map_err(|e| failure(e.into()))?;
    let values =
        init::parse_numbers(&text, &path.display().to_string()).map_err(|e| failure(e.into()))?;
    mlp.set_parameters_named(
        &values,
        &format!(
            "--init {}: numbers for the model's parameters",
            path.display()
        ),
    )
    .map_err(usage)
}

/// The checks of a model before it is trained: batch normalisation's batch, the loss, the
/// format of `--save` and the size of the pictures.
fn check_model(args: &TrainArgs, mlp: &Mlp, data: &Dataset, loss: Loss) -> CliResult {
    if args.batch_norm && args.batch_size == Some(1) {
        return Err(Failure::usage(t("train-batch-norm-batch", &[])));
    }
    gradgraph_nn::train::check_fit(mlp, data, loss)
        .map_err(|e| flag_usage(&format!("--loss {loss}"), e))?;
    if let Some(path) = &args.save {
        model::check_savable("--save", mlp, path)?;
    }
    // the pictures of one sample have the same size before and after training
    if args.draw.any() {
        sample::check(mlp, data, loss, &args.draw)?;
    }
    Ok(())
}

/// An `--output` the loss would not use is refused: binary cross-entropy applies the
/// sigmoid and cross-entropy the softmax themselves, to the raw scores, whatever the model's
/// output says. So these losses take the function they apply (the default) or `linear`, the
/// raw scores they are given (the model PyTorch's BCEWithLogitsLoss and CrossEntropyLoss
/// train), and nothing else; a softmax needs two outputs or more.
fn check_output_fits(output: Output, loss: Loss, data: &Dataset) -> CliResult {
    match output.check_fits(loss, data.task) {
        Ok(()) => Ok(()),
        Err(OutputMisfit::AppliedByLoss { applied }) => Err(Failure::usage(t(
            "train-output-applied-by-loss",
            &[
                ("output", output.to_string().into()),
                ("loss", loss.to_string().into()),
                ("applied", applied.to_string().into()),
            ],
        ))),
        Err(OutputMisfit::SoftmaxOfOne { outputs }) => Err(Failure::usage(t(
            "train-softmax-of-one",
            &[
                ("task", task_text(data.task).into()),
                ("loss", loss.to_string().into()),
                ("outputs", outputs.to_string().into()),
            ],
        ))),
    }
}

/// Refuses, before anything is allocated, a net whose training graph would not fit in memory
/// (see [`gradgraph_nn::train::check_graph_size`]). With batch normalisation the whole batch
/// is one graph, one copy of the net per sample.
fn check_size(
    batch_size: Option<usize>,
    data: &Dataset,
    sizes: &[usize],
    batch_norm: bool,
    flag: &str,
) -> CliResult {
    // the batch as training takes it (nn::train clamps it to the data)
    let batch = batch_size.unwrap_or(data.len()).clamp(1, data.len().max(1));
    let mut size = graph_size(sizes, batch);
    if batch_norm {
        size.copies = batch;
        size.edges = size.weights.saturating_mul(2).saturating_mul(batch);
    }
    if size.fits() {
        return Ok(());
    }
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
    Err(Failure::usage(format!(
        "{flag}: a net with {} parameters, copied for {} samples per batch{bn}, makes a \
         graph of about {} edges, more than the {MAX_EDGES} this scalar engine allows; \
         {what} or a smaller --batch-size",
        size.weights, size.copies, size.edges
    )))
}

/// Trains the planned model, with a progress bar on a terminal; then evaluates it. Reads the plan, never the flags; writes nothing.
fn fit(plan: &Plan, mut mlp: Mlp) -> Result<Trained, Failure> {
    let (data, config) = (&plan.train_set, &plan.config);
    let bar = (!plan.quiet && std::io::stderr().is_terminal()).then(|| progress_bar(config));
    let started = Instant::now();
    let report = train(&mut mlp, data, config, |step| {
        if step.k == 0 && !plan.quiet {
            note_long_run(started, config.steps, data.len(), bar.as_ref());
        }
        if let Some(pb) = &bar {
            pb.set_position(step.k as u64 + 1);
            pb.set_message(super::lang().decimal(&format!("{:.6}", step.loss)));
        }
    })
    .map_err(usage)?;
    if let Some(pb) = &bar {
        pb.finish_and_clear();
    }
    let train_metrics = evaluate(&mlp, data, config.loss, config.l2).map_err(usage)?;
    let test_metrics = match &plan.test_set {
        Some(t) => Some(evaluate(&mlp, t, config.loss, config.l2).map_err(usage)?),
        None => None,
    };
    Ok(Trained {
        mlp,
        report,
        train_metrics,
        test_metrics,
    })
}

/// The progress bar of a run of `config.steps` steps.
fn progress_bar(config: &TrainConfig) -> indicatif::ProgressBar {
    let pb = indicatif::ProgressBar::new(config.steps as u64);
    pb.set_style(
        indicatif::ProgressStyle::with_template(&t(
            "train-progress",
            &[
                ("bar", "{bar:40}".into()),
                ("pos", "{pos}".into()),
                ("len", "{len}".into()),
                ("msg", "{msg}".into()),
                ("eta", "{eta}".into()),
            ],
        ))
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    pb
}

/// A run whose first step predicts more than this many seconds says so.
const LONG_RUN_SECONDS: f64 = 20.0;

/// After the first step: a long run says so, with an estimate from the time that step took.
fn note_long_run(
    started: Instant,
    steps: usize,
    samples: usize,
    bar: Option<&indicatif::ProgressBar>,
) {
    let estimate = started.elapsed().as_secs_f64() * steps as f64;
    if estimate <= LONG_RUN_SECONDS {
        return;
    }
    let note = t(
        "train-long-run",
        &[
            ("steps", steps.to_string().into()),
            ("samples", samples.to_string().into()),
            ("duration", duration(estimate).into()),
        ],
    );
    match bar {
        Some(pb) => pb.println(note),
        None => eprintln!("{note}"),
    }
}

/// Renders and stages the files asked for (none when training diverged), prints the
/// report, then puts the files in place.
fn write(plan: &Plan, trained: &Trained) -> CliResult {
    let diverged = diverged(plan, trained);
    let mut outputs = OutputSet::new();
    if diverged.is_none() {
        stage(plan, trained, &mut outputs)?;
    }
    let text = if plan.json {
        json_report(plan, trained)
    } else {
        text_report(plan, trained, diverged.is_none())
    };
    print_out(&text)?;
    if let Some(failure) = diverged {
        return Err(failure);
    }
    draw::commit(outputs, &plan.draw)
}

/// The failure of a run whose loss or parameters are not finite (exit 1).
fn diverged(plan: &Plan, trained: &Trained) -> Option<Failure> {
    let report = &trained.report;
    if report.final_loss.is_finite() && trained.mlp.check_finite().is_ok() {
        return None;
    }
    let k = report
        .loss
        .iter()
        .position(|l| !l.is_finite())
        .unwrap_or(report.loss.len());
    let files = if plan.save.is_some() || plan.plot.is_some() || plan.draw.any() {
        t("train-diverged-files", &[])
    } else {
        String::new()
    };
    Some(Failure::failed(t(
        "train-diverged",
        &[
            ("loss", report.final_loss.to_string().into()),
            ("step", k.to_string().into()),
            ("files", files.into()),
        ],
    )))
}

/// Every file of the run, staged: put in place by [`draw::commit`] at the end.
fn stage(plan: &Plan, trained: &Trained, outputs: &mut OutputSet) -> CliResult {
    let (mlp, loss) = (&trained.mlp, plan.config.loss);
    if let Some(path) = &plan.save {
        let bytes = model::encode(mlp, path).map_err(usage)?;
        outputs
            .stage(path, &bytes)
            .map_err(|e| Failure::writing_for("--save", e))?;
    }
    if let Some(path) = &plan.plot {
        let svg = plot::plot(mlp, &plan.train_set, loss, &trained.report.loss, plan.quiet)?;
        outputs
            .stage(path, svg.as_bytes())
            .map_err(|e| Failure::writing_for("--plot", e))?;
    }
    if plan.draw.any() {
        sample::draw(mlp, &plan.train_set, loss, &plan.draw, outputs)?;
    }
    if let Some(path) = &plan.html {
        outputs
            .stage(path, live_page(plan, trained).as_bytes())
            .map_err(|e| Failure::writing_for("--html", e))?;
    }
    Ok(())
}

/// The report as one JSON object (`--json`).
fn json_report(plan: &Plan, trained: &Trained) -> String {
    let (mlp, report, data) = (&trained.mlp, &trained.report, &plan.train_set);
    let mut out = serde_json::json!({
        "dataset": data.name,
        "task": data.task.to_string(),
        "samples": data.len(),
        "architecture": architecture(mlp),
        "loss_function": plan.config.loss.to_string(),
        "steps": plan.config.steps,
        "loss": report.loss,
        "final_loss": report.final_loss,
        "parameters": mlp.parameter_count(),
        "seconds": report.seconds,
    });
    if let Some(map) = out.as_object_mut() {
        if let Some(a) = trained.train_metrics.accuracy {
            map.insert("accuracy".into(), a.into());
        }
        if let Some(r) = trained.train_metrics.rmse {
            map.insert("rmse".into(), r.into());
        }
        if let (Some(t), Some(m)) = (&plan.test_set, &trained.test_metrics) {
            map.insert("test_samples".into(), t.len().into());
            if let Some(a) = m.accuracy {
                map.insert("test_accuracy".into(), a.into());
            }
            if let Some(r) = m.rmse {
                map.insert("test_rmse".into(), r.into());
            }
        }
    }
    format!("{out}\n")
}

/// The report for people: the model, the loss, the metrics and, for a safetensors file
/// (when `saved`, the run having succeeded), the PyTorch module that loads it.
fn text_report(plan: &Plan, trained: &Trained, saved: bool) -> String {
    let (mlp, report, data) = (&trained.mlp, &trained.report, &plan.train_set);
    let (loss, steps) = (plan.config.loss, plan.config.steps);
    let lang = super::lang();
    let number = |x: String| lang.decimal(&x);
    let mut lines: Vec<String> = Vec::new();
    lines.push(t(
        "train-trained",
        &[
            ("architecture", architecture(mlp).into()),
            ("parameters", mlp.parameter_count().to_string().into()),
            ("dataset", data.name.as_str().into()),
            ("samples", data.len().to_string().into()),
            ("task", task_text(data.task).into()),
            ("steps", steps.into()),
            ("seconds", number(format!("{:.3}", report.seconds)).into()),
        ],
    ));
    lines.extend(plan.recipe.clone());
    let first = report.loss.first().copied().unwrap_or(report.final_loss);
    lines.push(t(
        "train-loss",
        &[
            ("loss", loss.to_string().into()),
            ("l2", if plan.config.l2 > 0.0 { " + L2" } else { "" }.into()),
            ("first", number(format!("{first:.6}")).into()),
            ("last", number(format!("{:.6}", report.final_loss)).into()),
        ],
    ));
    lines.extend(
        report
            .still_falling()
            .map(|drop| t("train-still-falling", &[("drop", percent(drop).into())])),
    );
    let metrics = &trained.train_metrics;
    let accuracy = |a: f64| number(format!("{:.1}", 100.0 * a));
    lines.extend(
        (metrics.accuracy).map(|a| t("train-accuracy", &[("accuracy", accuracy(a).into())])),
    );
    lines.extend(
        metrics
            .rmse
            .map(|r| t("train-rmse", &[("rmse", number(format!("{r:.6}")).into())])),
    );
    if let (Some(test), Some(m)) = (&plan.test_set, &trained.test_metrics) {
        let n = test.len().to_string();
        lines.extend(m.accuracy.map(|a| {
            t(
                "train-test-accuracy",
                &[
                    ("accuracy", accuracy(a).into()),
                    ("samples", n.as_str().into()),
                ],
            )
        }));
        lines.extend(m.rmse.map(|r| {
            t(
                "train-test-rmse",
                &[
                    ("rmse", number(format!("{r:.6}")).into()),
                    ("samples", n.as_str().into()),
                ],
            )
        }));
    }
    // the file itself is named once, by the `wrote` line of every file written
    if let (Some(path), true) = (&plan.save, saved) {
        lines.extend(model::torch_line(mlp, path));
    }
    lines.iter().map(|l| format!("{l}\n")).collect()
}

/// The task as the report names it: `regression`, `binary classification`, ...
fn task_text(task: gradgraph_nn::data::Task) -> String {
    match task {
        gradgraph_nn::data::Task::Regression => t("train-task-regression", &[]),
        gradgraph_nn::data::Task::Binary => t("train-task-binary", &[]),
        gradgraph_nn::data::Task::Classes(k) => {
            t("train-task-classes", &[("classes", k.to_string().into())])
        }
    }
}

/// The layer sizes, `2-16-16-1`.
fn architecture(mlp: &Mlp) -> String {
    let mut sizes = vec![mlp.n_inputs.to_string()];
    sizes.extend(mlp.layers.iter().map(|l| l.n_outputs().to_string()));
    sizes.join("-")
}

/// `--hidden` as written back: `16,16`, or `none`.
fn hidden_text(sizes: &[usize]) -> String {
    if sizes.is_empty() {
        return "none".to_owned();
    }
    let sizes: Vec<String> = sizes.iter().map(usize::to_string).collect();
    sizes.join(",")
}

/// A fraction as a percentage with two significant digits or more: `13%`, `4.2%`, `1.1%`.
fn percent(fraction: f64) -> String {
    let p = 100.0 * fraction;
    let text = if p >= 10.0 {
        format!("{p:.0}%")
    } else {
        format!("{p:.1}%")
    };
    super::lang().decimal(&text)
}

/// Seconds as people say them: `40 s`, `12 min`, `3.5 h`.
fn duration(seconds: f64) -> String {
    if seconds < 120.0 {
        format!("{seconds:.0} s")
    } else if seconds < 7200.0 {
        format!("{:.0} min", seconds / 60.0)
    } else {
        super::lang().decimal(&format!("{:.1} h", seconds / 3600.0))
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
         [default: relu; tanh for the circles, sine and reciprocal sets, silu for xor]. With --load, only for a \
         safetensors file saved from PyTorch, which does not record it",
        names.join(", ")
    )
}

impl TrainArgs {
    /// The hidden layers' sizes, as given or from the data set's recipe, else the general
    /// default. `none` stands alone.
    fn hidden(&self) -> Result<Vec<usize>, Failure> {
        let Some(layers) = &self.hidden else {
            return Ok(Recipe::default().hidden);
        };
        let sizes: Vec<usize> = layers
            .iter()
            .filter_map(|l| match l {
                Hidden::Units(n) => Some(*n),
                Hidden::None => None,
            })
            .collect();
        if !sizes.is_empty() && sizes.len() != layers.len() {
            return Err(Failure::usage(t(
                "train-hidden-none-alone",
                &[("sizes", hidden_text(&sizes).into())],
            )));
        }
        Ok(sizes)
    }

    /// `--activation`, as given or from the data set's recipe, else the general default.
    fn activations(&self) -> Vec<Activation> {
        self.activation
            .clone()
            .unwrap_or_else(|| vec![Recipe::default().activation])
    }

    /// `--steps`, as given or from the data set's recipe, else the general default.
    fn steps(&self) -> usize {
        self.steps.unwrap_or_else(|| Recipe::default().steps)
    }

    /// Fills `--hidden`, `--activation`, `--lr` (with Adam, the default optimiser) and
    /// `--steps` left out for a built-in data set from its recipe ([`Recipe::for_dataset`]),
    /// so that every built-in set trains to a recognisable result with no other flag, and so
    /// do the course's nets (`--hidden 2` on xor, `--hidden 4` on circles). Returns the
    /// report's line saying what the recipe chose, when it differs from the general
    /// defaults.
    fn apply_recipe(&mut self) -> Option<String> {
        let builtin = self.dataset.builtin().filter(|_| self.load.is_none())?;
        let builtin = builtin.to_owned();
        let recipe = Recipe::for_dataset(&builtin);
        let mut chosen = Vec::new();
        let general = Recipe::default();
        if self.hidden.is_none() && recipe.hidden != general.hidden {
            chosen.push(format!("--hidden {}", hidden_text(&recipe.hidden)));
            self.hidden = Some(recipe.hidden.iter().map(|&n| Hidden::Units(n)).collect());
        }
        if self.activation.is_none() && recipe.activation != general.activation {
            chosen.push(format!("--activation {}", recipe.activation));
            self.activation = Some(vec![recipe.activation]);
        }
        let adam = matches!(self.optimizer, Optimizer::Adam { .. });
        if self.lr.is_none() && adam && recipe.lr != general.lr {
            chosen.push(format!("--lr {}", recipe.lr));
            self.lr = Some(recipe.lr);
        }
        if self.steps.is_none() && recipe.steps != general.steps {
            chosen.push(format!("--steps {}", recipe.steps));
            self.steps = Some(recipe.steps);
        }
        (!chosen.is_empty()).then(|| {
            t(
                "train-recipe",
                &[
                    ("dataset", builtin.as_str().into()),
                    ("flags", chosen.join(" ").into()),
                ],
            )
        })
    }
}
