//! Vanishing gradients: the gradient of each layer of a deep MLP at initialisation, for
//! sigmoid, tanh and ReLU, with plain, Glorot and He initialisation and with batch norm.
//!
//! Backpropagation multiplies the gradient, layer after layer on its way down, by each
//! layer's weights and by its activation's derivative. A sigmoid's derivative is at most
//! 0.25, so with M layers the first layer's gradient shrinks roughly like 0.25^M: the
//! layers nearest the input learn slowly or not at all. The remedies the course names:
//! ReLU (derivative 1 where it is active), an initialisation that keeps the variance of the
//! signal constant from layer to layer (Glorot for tanh, He for ReLU), and batch
//! normalisation (each layer's pre-activations standardised over the batch).
//!
//! For each depth (number of hidden layers), activation and scheme, the net is built from
//! a few seeds and one backward pass over a batch of points measures `‖∂J/∂θ_l‖`, the
//! Euclidean norm of the gradient of layer `l`'s weights and biases (the mean over the
//! seeds). The ratio of the first layer's norm to the last (output) layer's tells how much
//! of the signal reaches the bottom of the net.
//!
//! Then, during training: a deep net (10 hidden layers by default) is trained by plain
//! full-batch gradient descent on the same points with sigmoid and plain initialisation,
//! sigmoid with batch norm, tanh with Glorot and ReLU with He, and the gradient norms of its
//! first hidden layer and of its output layer are recorded at every step, with the loss.
//! Plain gradient descent moves each weight by `lr · ∂J/∂w`, so a layer whose gradient is
//! 10⁻⁵ of the output layer's barely moves: the loss falls only as far as the top layers
//! alone can take it.
//!
//! # Examples
//! ```
//! # fn main() -> Result<(), gradgraph_course::Error> {
//! use gradgraph_course::experiments::vanishing::{self, Scheme};
//! use gradgraph_nn::Activation;
//! let result = vanishing::run(&vanishing::Config::quick())?;
//! let sigmoid = result.get(Activation::SIGMOID, Scheme::Plain, 6).unwrap();
//! assert!(sigmoid.ratio() < 1e-2);
//! # Ok(()) }
//! ```

use super::{Lang, Table, activation_name, say, sci_in};
use crate::Error;
use gradgraph_nn::data::Dataset;
use gradgraph_nn::{Activation, Init, Loss, Mlp, Output, TrainConfig, train};
use std::fmt;

/// How the weights start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme {
    /// Uniform on [−1, 1] (micrograd's).
    Plain,
    /// Glorot/Xavier uniform: U(±√(6 / (fan_in + fan_out))).
    Glorot,
    /// He/Kaiming uniform: U(±√(6 / fan_in)).
    He,
    /// Plain initialisation, with batch normalisation after every hidden layer.
    BatchNorm,
}

impl Scheme {
    /// Every scheme, in the order of the tables.
    pub const ALL: [Scheme; 4] = [Scheme::Plain, Scheme::Glorot, Scheme::He, Scheme::BatchNorm];

    /// Its initialisation.
    pub fn init(self) -> Init {
        match self {
            Scheme::Plain | Scheme::BatchNorm => Init::Uniform(1.0),
            Scheme::Glorot => Init::GlorotUniform,
            Scheme::He => Init::HeUniform,
        }
    }
}

impl fmt::Display for Scheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name(Lang::En))
    }
}

impl Scheme {
    /// Its name in `lang`: `plain U(±1)`, `Glorot`, `He`, `U(±1) + batch norm`.
    pub fn name(self, lang: Lang) -> String {
        match self {
            Scheme::Plain => say(lang, "vanishing-plain", &[]),
            Scheme::Glorot => "Glorot".to_owned(),
            Scheme::He => "He".to_owned(),
            Scheme::BatchNorm => say(lang, "vanishing-batch-norm", &[]),
        }
    }
}

/// How the experiment runs.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// Numbers of hidden layers to try.
    pub depths: Vec<usize>,
    /// Nodes per hidden layer.
    pub width: usize,
    /// Points in the batch of the backward pass.
    pub batch: usize,
    /// Nets per configuration, seeds `seed, seed + 1, …`; their norms are averaged.
    pub seeds: usize,
    /// The first seed.
    pub seed: u64,
    /// The activations to compare.
    pub activations: Vec<Activation>,
    /// Hidden layers of the net trained in the "during training" part.
    pub train_depth: usize,
    /// Steps of full-batch gradient descent in the "during training" part (0 leaves it out).
    pub train_steps: usize,
    /// Its learning rate (plain SGD, so an update is proportional to the gradient).
    pub train_lr: f64,
    /// The activations and schemes trained, one run each (seed `seed`).
    pub train_runs: Vec<(Activation, Scheme)>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            depths: vec![1, 2, 4, 6, 8, 10],
            width: 8,
            batch: 64,
            seeds: 4,
            seed: 1,
            activations: vec![Activation::SIGMOID, Activation::TANH, Activation::RELU],
            train_depth: 10,
            train_steps: 100,
            train_lr: 0.1,
            train_runs: vec![
                (Activation::SIGMOID, Scheme::Plain),
                (Activation::SIGMOID, Scheme::BatchNorm),
                (Activation::TANH, Scheme::Glorot),
                (Activation::RELU, Scheme::He),
            ],
        }
    }
}

impl Config {
    /// A smaller run (depths 2 and 6, 2 seeds, a batch of 32; 10 hidden layers trained for
    /// 30 steps) for tests and doc examples.
    pub fn quick() -> Config {
        Config {
            depths: vec![2, 6],
            batch: 32,
            seeds: 2,
            train_steps: 30,
            ..Config::default()
        }
    }
}

/// The gradient of each layer for one net shape.
#[derive(Clone, Debug, PartialEq)]
pub struct Profile {
    /// The hidden layers' activation.
    pub activation: Activation,
    /// How the weights started.
    pub scheme: Scheme,
    /// The number of hidden layers.
    pub depth: usize,
    /// `‖∂J/∂θ_l‖` for the hidden layers `l = 1 … depth`, then the output layer: the mean
    /// over the seeds.
    pub norms: Vec<f64>,
}

impl Profile {
    /// The first hidden layer's gradient norm over the output layer's.
    pub fn ratio(&self) -> f64 {
        match (self.norms.first(), self.norms.last()) {
            (Some(&first), Some(&last)) => first / last,
            _ => f64::NAN,
        }
    }
}

/// The gradients of a deep net's first hidden layer and output layer during training.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainingRun {
    /// The hidden layers' activation.
    pub activation: Activation,
    /// How the weights started.
    pub scheme: Scheme,
    /// `‖∂J/∂θ_1‖`, the first hidden layer's gradient norm, before each update.
    pub first: Vec<f64>,
    /// The output layer's gradient norm before each update.
    pub last: Vec<f64>,
    /// The loss before each update.
    pub loss: Vec<f64>,
    /// The loss of the trained net on the training points (batch norm in evaluation mode).
    pub final_loss: f64,
    /// How far training moved the first hidden layer's weights and biases:
    /// `‖θ_1(end) − θ_1(start)‖ / ‖θ_1(start)‖`.
    pub first_moved: f64,
}

impl TrainingRun {
    /// The first hidden layer's gradient norm over the output layer's at step `k` (NaN past
    /// the last step).
    pub fn ratio(&self, k: usize) -> f64 {
        match (self.first.get(k), self.last.get(k)) {
            (Some(&first), Some(&last)) => first / last,
            _ => f64::NAN,
        }
    }

    /// The ratio at every step.
    pub fn ratios(&self) -> impl Iterator<Item = f64> + '_ {
        self.first.iter().zip(&self.last).map(|(f, l)| f / l)
    }

    /// The steps the table reports: the first, the middle and the last.
    pub fn milestones(&self) -> [usize; 3] {
        let n = self.first.len().max(1);
        [0, n / 2, n - 1]
    }
}

/// What the experiment found.
#[derive(Clone, Debug, PartialEq)]
pub struct Vanishing {
    /// How it ran.
    pub config: Config,
    /// One profile per activation, scheme and depth.
    pub profiles: Vec<Profile>,
    /// One run per entry of [`Config::train_runs`] (none if `train_steps` is 0).
    pub training: Vec<TrainingRun>,
}

impl Vanishing {
    /// The profile of one configuration, if it was run.
    pub fn get(&self, activation: Activation, scheme: Scheme, depth: usize) -> Option<&Profile> {
        self.profiles
            .iter()
            .find(|p| p.activation == activation && p.scheme == scheme && p.depth == depth)
    }

    /// The training run of one configuration, if it was trained.
    pub fn training_run(&self, activation: Activation, scheme: Scheme) -> Option<&TrainingRun> {
        self.training
            .iter()
            .find(|r| r.activation == activation && r.scheme == scheme)
    }
}

/// The Euclidean norm of the gradient of each layer's weights and biases (batch norm's
/// scale and shift left out), hidden layers first and the output layer last, for the mean
/// loss over `data` at the net's current weights. With batch norm the batch statistics are
/// those of `data` (training mode).
///
/// Returns [`Error::Shape`] or [`Error::OutOfRange`] if the net, the data and the loss do not
/// fit together.
///
/// # Examples
/// ```
/// # fn main() -> Result<(), gradgraph_course::Error> {
/// use gradgraph_nn::data::Dataset;
/// use gradgraph_course::experiments::vanishing::layer_gradient_norms;
/// use gradgraph_nn::{Activation, Init, Loss, Mlp, Output};
/// let net = Mlp::builder(&[2, 4, 4, 1])
///     .activation(Activation::TANH)
///     .output(Output::Sigmoid)
///     .init(Init::GlorotUniform)
///     .seed(1)
///     .build()?;
/// let norms = layer_gradient_norms(&net, &Dataset::xor(), Loss::Bce)?;
/// assert_eq!(norms.len(), 3);
/// assert!(norms.iter().all(|&n| n > 0.0));
/// # Ok(()) }
/// ```
pub fn layer_gradient_norms(net: &Mlp, data: &Dataset, loss: Loss) -> Result<Vec<f64>, Error> {
    // one step with learning rate 0 reports the gradient without moving anything
    let config = TrainConfig {
        loss,
        optimizer: gradgraph_nn::Optimizer::sgd(),
        lr: 0.0,
        steps: 1,
        ..TrainConfig::default()
    };
    let mut grads = Vec::new();
    let mut scratch = net.clone();
    train(&mut scratch, data, &config, |step| {
        grads = step.grads.to_vec()
    })?;
    Ok(norms_of_layers(&layer_ranges(net), &grads))
}

/// Each layer's own weights and biases in canonical order (its batch norm left out).
fn layer_ranges(net: &Mlp) -> Vec<std::ops::Range<usize>> {
    net.layer_parameter_ranges()
        .iter()
        .zip(&net.layers)
        .map(|(range, layer)| range.start..range.start + layer.parameter_count())
        .collect()
}

/// The Euclidean norm of `grads` over each range.
fn norms_of_layers(ranges: &[std::ops::Range<usize>], grads: &[f64]) -> Vec<f64> {
    ranges.iter().map(|r| norm_of(grads, r.clone())).collect()
}

fn norm_of(grads: &[f64], range: std::ops::Range<usize>) -> f64 {
    grads
        .get(range)
        .map_or(f64::NAN, |g| g.iter().map(|x| x * x).sum::<f64>().sqrt())
}

/// Measures every configuration.
///
/// Returns [`Error::OutOfRange`] for a width or seed count of 0, a batch below 2, or (when
/// there are steps to train) a training depth of 0 or a learning rate that is not a finite
/// non-negative number.
pub fn run(config: &Config) -> Result<Vanishing, Error> {
    if config.width == 0 || config.batch < 2 || config.seeds == 0 {
        return Err(Error::out_of_range(
            "configuration",
            "the vanishing-gradient study needs a width and a seed count of at least 1 and a \
             batch of at least 2",
        ));
    }
    if config.train_steps > 0 && config.train_depth == 0 {
        return Err(Error::out_of_range(
            "train_depth",
            "the vanishing-gradient study trains a net of at least 1 hidden layer \
             (train_depth is 0)",
        ));
    }
    let data = Dataset::builtin("circles", Some(config.batch), None, config.seed)?;
    let mut profiles = Vec::new();
    for &activation in &config.activations {
        for scheme in Scheme::ALL {
            for &depth in &config.depths {
                let mut sum = vec![0.0; depth + 1];
                for s in 0..config.seeds as u64 {
                    let norms = norms_at_init(
                        activation,
                        scheme,
                        depth,
                        config.width,
                        config.seed + s,
                        &data,
                    )?;
                    for (total, n) in sum.iter_mut().zip(norms) {
                        *total += n;
                    }
                }
                let norms = sum.iter().map(|t| t / config.seeds as f64).collect();
                profiles.push(Profile {
                    activation,
                    scheme,
                    depth,
                    norms,
                });
            }
        }
    }
    let training = if config.train_steps == 0 {
        Vec::new()
    } else {
        config
            .train_runs
            .iter()
            .map(|&(activation, scheme)| train_run(activation, scheme, config, &data))
            .collect::<Result<Vec<_>, Error>>()?
    };
    Ok(Vanishing {
        config: config.clone(),
        profiles,
        training,
    })
}

/// Trains one deep net by full-batch gradient descent, recording the first hidden layer's
/// and the output layer's gradient norms before every update.
fn train_run(
    activation: Activation,
    scheme: Scheme,
    config: &Config,
    data: &Dataset,
) -> Result<TrainingRun, Error> {
    let mut net = deep_net(
        activation,
        scheme,
        config.train_depth,
        config.width,
        config.seed,
    )?;
    let ranges = layer_ranges(&net);
    let (first_range, last_range) = match (ranges.first(), ranges.last()) {
        (Some(f), Some(l)) => (f.clone(), l.clone()),
        _ => return Err(Error::out_of_range("net", "the trained net has no layer")),
    };
    let settings = TrainConfig {
        loss: Loss::Bce,
        optimizer: gradgraph_nn::Optimizer::sgd(),
        lr: config.train_lr,
        steps: config.train_steps,
        ..TrainConfig::default()
    };
    let before = net.parameters();
    let mut first = Vec::with_capacity(config.train_steps);
    let mut last = Vec::with_capacity(config.train_steps);
    let report = train(&mut net, data, &settings, |step| {
        first.push(norm_of(step.grads, first_range.clone()));
        last.push(norm_of(step.grads, last_range.clone()));
    })?;
    let after = net.parameters();
    let change: Vec<f64> = after.iter().zip(&before).map(|(a, b)| a - b).collect();
    let first_moved = norm_of(&change, first_range.clone()) / norm_of(&before, first_range);
    Ok(TrainingRun {
        activation,
        scheme,
        first,
        last,
        loss: report.loss,
        final_loss: report.final_loss,
        first_moved,
    })
}

fn norms_at_init(
    activation: Activation,
    scheme: Scheme,
    depth: usize,
    width: usize,
    seed: u64,
    data: &Dataset,
) -> Result<Vec<f64>, Error> {
    layer_gradient_norms(
        &deep_net(activation, scheme, depth, width, seed)?,
        data,
        Loss::Bce,
    )
}

/// The net 2-width-…-width-1 with a sigmoid output, initialised by `scheme`.
fn deep_net(
    activation: Activation,
    scheme: Scheme,
    depth: usize,
    width: usize,
    seed: u64,
) -> Result<Mlp, Error> {
    let hidden = vec![width; depth];
    let mut net = Mlp::builder(&[&[2][..], &hidden, &[1]].concat())
        .activation(activation)
        .output(Output::Sigmoid)
        .init(scheme.init())
        .seed(seed)
        .build()?;
    if scheme == Scheme::BatchNorm {
        net = net.with_batch_norm();
    }
    Ok(net)
}

impl Vanishing {
    /// What the section shows, in one sentence with its numbers: with sigmoid the first
    /// layer's gradient vanishes and the net does not learn; ReLU with He's initialisation,
    /// and batch normalisation, keep it and train.
    pub fn conclusion(&self) -> String {
        self.conclusion_in(Lang::En)
    }

    /// [`Vanishing::conclusion`] in `lang`.
    pub fn conclusion_in(&self, lang: Lang) -> String {
        let deepest = self.config.depths.iter().copied().max().unwrap_or(0);
        let ratio = |a: Activation, s: Scheme| {
            self.get(a, s, deepest)
                .map_or_else(|| "-".to_owned(), |p| sci_in(lang, p.ratio(), 2))
        };
        let loss = |a: Activation, s: Scheme| {
            self.training_run(a, s).map_or_else(
                || "-".to_owned(),
                |r| lang.decimal(&format!("{:.4}", r.final_loss)),
            )
        };
        say(
            lang,
            "vanishing-conclusion",
            &[
                ("deepest", deepest.to_string()),
                ("he", Scheme::He.name(lang)),
                ("sigmoid", ratio(Activation::SIGMOID, Scheme::Plain)),
                ("sigmoid_loss", loss(Activation::SIGMOID, Scheme::Plain)),
                ("relu", ratio(Activation::RELU, Scheme::He)),
                ("batch", ratio(Activation::SIGMOID, Scheme::BatchNorm)),
                ("relu_loss", loss(Activation::RELU, Scheme::He)),
                ("batch_loss", loss(Activation::SIGMOID, Scheme::BatchNorm)),
            ],
        )
    }
}

impl fmt::Display for Vanishing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_report(f, Lang::En)
    }
}

impl Vanishing {
    /// The report `Display` writes, in `lang`: its words from the tour's catalog, its
    /// numbers with a decimal comma in Portuguese.
    pub fn report(&self, lang: Lang) -> String {
        let mut text = String::new();
        let _ = self.write_report(&mut text, lang);
        text
    }

    fn write_report(&self, f: &mut impl fmt::Write, lang: Lang) -> fmt::Result {
        let c = &self.config;
        let intro = say(
            lang,
            "vanishing-intro",
            &[
                ("width", c.width.to_string()),
                ("batch", c.batch.to_string()),
                ("seeds", c.seeds.to_string()),
            ],
        );
        writeln!(f, "{intro}")?;
        writeln!(f, "{}", say(lang, "vanishing-by-depth", &[]))?;
        let activation_header = say(lang, "vanishing-activation", &[]);
        let init_header = say(lang, "vanishing-init", &[]);
        let mut headers = vec![activation_header.clone(), init_header.clone()];
        headers.extend(c.depths.iter().map(|d| d.to_string()));
        let mut ratios = Table::new(&headers);
        for &activation in &c.activations {
            for scheme in Scheme::ALL {
                let mut row = vec![
                    activation_name(&activation.to_string(), lang),
                    scheme.name(lang),
                ];
                for &depth in &c.depths {
                    row.push(
                        self.get(activation, scheme, depth)
                            .map_or("-".into(), |p| sci_in(lang, p.ratio(), 2)),
                    );
                }
                ratios.row(row);
            }
        }
        write!(f, "{ratios}")?;
        let Some(&deepest) = c.depths.iter().max() else {
            return Ok(());
        };
        let each = say(
            lang,
            "vanishing-each-layer",
            &[("deepest", deepest.to_string())],
        );
        writeln!(f, "{each}")?;
        let mut headers = vec![activation_header.clone(), init_header.clone()];
        headers.extend((1..=deepest).map(|l| l.to_string()));
        headers.push(say(lang, "vanishing-out", &[]));
        let mut layers = Table::new(&headers);
        for &activation in &c.activations {
            for scheme in Scheme::ALL {
                if let Some(p) = self.get(activation, scheme, deepest) {
                    let mut row = vec![
                        activation_name(&activation.to_string(), lang),
                        scheme.name(lang),
                    ];
                    row.extend(p.norms.iter().map(|n| sci_in(lang, *n, 1)));
                    layers.row(row);
                }
            }
        }
        write!(f, "{layers}")?;
        let Some(run) = self.training.first() else {
            return Ok(());
        };
        let [start, middle, end] = run.milestones();
        let during = say(
            lang,
            "vanishing-during",
            &[
                ("depth", c.train_depth.to_string()),
                ("lr", lang.number(c.train_lr)),
                ("steps", run.first.len().to_string()),
                ("start", start.to_string()),
                ("middle", middle.to_string()),
                ("end", end.to_string()),
            ],
        );
        writeln!(f, "{during}")?;
        let mut table = Table::new(&[
            activation_header,
            init_header,
            say(lang, "vanishing-ratio-start", &[]),
            say(lang, "vanishing-middle", &[]),
            say(lang, "vanishing-end", &[]),
            say(lang, "vanishing-moved", &[]),
            say(lang, "vanishing-loss-start", &[]),
            say(lang, "vanishing-trained-loss", &[]),
        ]);
        for run in &self.training {
            let mut row = vec![
                activation_name(&run.activation.to_string(), lang),
                run.scheme.name(lang),
            ];
            row.extend(
                run.milestones()
                    .iter()
                    .map(|&k| sci_in(lang, run.ratio(k), 2)),
            );
            row.push(sci_in(lang, run.first_moved, 2));
            row.push(lang.decimal(&format!(
                "{:.4}",
                run.loss.first().copied().unwrap_or(f64::NAN)
            )));
            row.push(lang.decimal(&format!("{:.4}", run.final_loss)));
            table.row(row);
        }
        write!(f, "{table}")?;
        Ok(())
    }
}

impl Vanishing {
    /// The plots, each as its file name and SVG text: `vanishing_layers.svg` (the norm of
    /// each layer of the deepest nets, log scale, one panel per activation),
    /// `vanishing_depth.svg` (the first-to-last ratio against depth) and, when nets were
    /// trained, `vanishing_training.svg` (the first hidden and the output layer's gradient
    /// norms, their ratio and the loss against the step).
    ///
    /// Returns the errors of [`Figure::to_svg`](crate::plot::Figure::to_svg).
    pub fn plots(&self) -> Result<Vec<(&'static str, String)>, Error> {
        self.plots_in(Lang::En)
    }

    /// [`Vanishing::plots`] with their words and numbers in `lang`.
    ///
    /// Returns the errors of [`Vanishing::plots`].
    pub fn plots_in(&self, lang: Lang) -> Result<Vec<(&'static str, String)>, Error> {
        use crate::plot::{Chart, Figure, Key, Legend, Mark, Panel, Series};
        let c = &self.config;
        let deepest = c.depths.iter().copied().max().unwrap_or(0);
        let mut by_layer: Vec<Panel> = Vec::new();
        let mut by_depth: Vec<Panel> = Vec::new();
        for &activation in &c.activations {
            let text = |id: &str| lang.text(id, &[]);
            let mut layers = Chart::new(lang.text(
                "plot-vanishing-layers-panel",
                &[
                    (
                        "activation",
                        activation_name(&activation.to_string(), lang).into(),
                    ),
                    ("deepest", deepest.to_string().into()),
                ],
            ))
            .x_label(text("plot-vanishing-layer-axis"))
            .y_label(text("plot-gradient-norm"))
            .log_y()
            .legend(Legend::None);
            let mut depth = Chart::new(lang.text(
                "plot-vanishing-depth-panel",
                &[(
                    "activation",
                    activation_name(&activation.to_string(), lang).into(),
                )],
            ))
            .x_label(text("plot-hidden-layers"))
            .y_label(text("plot-norm-ratio"))
            .log_y()
            .legend(Legend::None);
            for (k, scheme) in Scheme::ALL.into_iter().enumerate() {
                if let Some(p) = self.get(activation, scheme, deepest) {
                    let points = p
                        .norms
                        .iter()
                        .enumerate()
                        .map(|(l, &n)| ((l + 1) as f64, n));
                    layers = layers.series(Series::line(scheme.name(lang), points).color(k));
                }
                let points = c
                    .depths
                    .iter()
                    .filter_map(|&d| self.get(activation, scheme, d))
                    .map(|p| (p.depth as f64, p.ratio()));
                depth = depth.series(Series::line(scheme.name(lang), points).color(k));
            }
            by_layer.push(layers.into());
            by_depth.push(depth.into());
        }
        // one legend of the initialisations for all the panels, above them
        let schemes: Vec<Key> = Scheme::ALL
            .into_iter()
            .enumerate()
            .map(|(k, scheme)| Key::new(scheme.name(lang), Mark::Line, k))
            .collect();
        let columns = c.activations.len().max(1);
        let layers = Figure::grid(by_layer, columns, (440, 360))
            .title(lang.text("plot-vanishing-layers-title", &[]))
            .legend(schemes.clone())
            .lang(lang)
            .to_svg()?;
        let depth = Figure::grid(by_depth, columns, (440, 360))
            .title(lang.text("plot-vanishing-depth-title", &[]))
            .legend(schemes)
            .lang(lang)
            .to_svg()?;
        let mut plots = vec![
            ("vanishing_layers.svg", layers),
            ("vanishing_depth.svg", depth),
        ];
        if !self.training.is_empty() {
            plots.push(("vanishing_training.svg", self.plot_training(lang)?));
        }
        Ok(plots)
    }

    /// The "during training" figure: gradient norms (first hidden layer solid, output layer
    /// dashed), their ratio and the loss, against the step, as SVG text.
    fn plot_training(&self, lang: Lang) -> Result<String, Error> {
        use crate::plot::{Chart, Figure, Key, Legend, Mark, Series};
        let steps = |v: &[f64]| -> Vec<(f64, f64)> {
            v.iter().enumerate().map(|(k, &y)| (k as f64, y)).collect()
        };
        let text = |id: &str| lang.text(id, &[]);
        let mut norms = Chart::new(text("plot-vanishing-norms"))
            .x_label(text("plot-step"))
            .y_label(text("plot-gradient-norm"))
            .log_y()
            .legend(Legend::None);
        let mut ratios = Chart::new(text("plot-vanishing-ratio"))
            .x_label(text("plot-step"))
            .y_label(text("plot-norm-ratio"))
            .log_y()
            .legend(Legend::None);
        let mut losses = Chart::new(text("plot-circles-loss"))
            .x_label(text("plot-step"))
            .y_label(text("plot-loss"))
            .legend(Legend::None);
        // one legend for the three panels, above them, so that no box covers a curve
        let mut keys = Vec::new();
        for (k, run) in self.training.iter().enumerate() {
            let name = format!(
                "{}, {}",
                activation_name(&run.activation.to_string(), lang),
                run.scheme.name(lang)
            );
            norms = norms
                .series(Series::line("", steps(&run.first)).color(k))
                .series(Series::dashed("", steps(&run.last)).color(k));
            let ratio: Vec<f64> = run.ratios().collect();
            ratios = ratios.series(Series::line("", steps(&ratio)).color(k));
            losses = losses.series(Series::line("", steps(&run.loss)).color(k));
            keys.push(Key::new(name, Mark::Line, k));
        }
        // grey: the palette's colour 7
        keys.push(Key::new(text("plot-first-hidden-layer"), Mark::Line, 7));
        keys.push(Key::new(text("plot-output-layer"), Mark::Dashed, 7));
        Figure::grid(
            vec![norms.into(), ratios.into(), losses.into()],
            3,
            (440, 360),
        )
        .title(lang.text(
            "plot-vanishing-training-title",
            &[("depth", self.config.train_depth.to_string().into())],
        ))
        .legend(keys)
        .lang(lang)
        .to_svg()
    }
}
