//! Exploding gradients: ReLU nets whose initial weights are too large, and gradient clipping.
//!
//! A ReLU passes the gradient through unchanged where it is active, so nothing damps the
//! product of the layers' weights on the way down: when the weights are large, every layer
//! multiplies the gradient by more than 1 and the gradient of the first layers grows
//! geometrically with depth. Plain gradient descent then takes huge steps and diverges
//! (the loss becomes infinite or NaN). **Gradient clipping**, rescaling the gradient whenever
//! its norm exceeds a threshold, keeps each step bounded, and the same net trains.
//!
//! # Examples
//! ```
//! # fn main() -> Result<(), gradgraph_course::Error> {
//! use gradgraph_course::experiments::exploding;
//! let result = exploding::run(&exploding::Config::quick())?;
//! assert!(result.diverged());
//! assert!(result.clipped_trains());
//! # Ok(()) }
//! ```

use super::vanishing::layer_gradient_norms;
use super::{Lang, Table, say, say_n, sci_in, sig_in};
use crate::Error;
use gradgraph_nn::data::Dataset;
use gradgraph_nn::{
    Activation, Clip, Init, Loss, Mlp, Optimizer, Output, TrainConfig, TrainReport, train,
};
use std::fmt;

/// How the experiment runs.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// Numbers of hidden layers for the gradient-norm survey.
    pub depths: Vec<usize>,
    /// Nodes per hidden layer.
    pub width: usize,
    /// Initial weights are drawn from U(−scale, scale).
    pub scale: f64,
    /// Hidden layers of the net that is trained.
    pub train_depth: usize,
    /// Training points (`x²` on [−1, 1]).
    pub samples: usize,
    /// SGD steps of each training run.
    pub steps: usize,
    /// SGD's learning rate.
    pub lr: f64,
    /// The clipping threshold on the gradient's norm.
    pub clip_norm: f64,
    /// Nets per depth in the gradient-norm survey (seeds `seed, seed + 1, …`); their norms
    /// are averaged.
    pub seeds: usize,
    /// The seed of the data and of the weights (of the trained net: this one).
    pub seed: u64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            depths: vec![1, 2, 4, 6, 8, 10],
            width: 8,
            scale: 2.0,
            train_depth: 6,
            samples: 64,
            steps: 300,
            lr: 0.01,
            clip_norm: 1.0,
            seeds: 4,
            seed: 1,
        }
    }
}

impl Config {
    /// A smaller run for tests and doc examples.
    pub fn quick() -> Config {
        Config {
            depths: vec![1, 4, 8],
            steps: 150,
            ..Config::default()
        }
    }
}

/// One training run.
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    /// The clipping threshold, if any.
    pub clip_norm: Option<f64>,
    /// The loss before each step and the gradient norm (before clipping) at each step.
    pub report: TrainReport,
}

impl Run {
    /// The loss before the first step.
    pub fn initial_loss(&self) -> f64 {
        self.report.loss.first().copied().unwrap_or(f64::NAN)
    }

    /// The first step whose loss is NaN or infinite, if any.
    pub fn diverged_at(&self) -> Option<usize> {
        self.report.loss.iter().position(|l| !l.is_finite())
    }
}

/// What the experiment found.
#[derive(Clone, Debug, PartialEq)]
pub struct Exploding {
    /// How it ran.
    pub config: Config,
    /// For each depth of `config.depths`, the gradient norm of each layer at initialisation
    /// (hidden layers first, the output layer last), the mean over the seeds.
    pub norms: Vec<(usize, Vec<f64>)>,
    /// Plain SGD.
    pub plain: Run,
    /// SGD with the gradient's norm clipped at `config.clip_norm`.
    pub clipped: Run,
}

impl Exploding {
    /// True when plain SGD blew up: its loss became NaN or infinite, or ended above where it
    /// started.
    pub fn diverged(&self) -> bool {
        let r = &self.plain.report;
        self.plain.diverged_at().is_some()
            || !r.final_loss.is_finite()
            || r.final_loss > self.plain.initial_loss()
    }

    /// True when clipped SGD trained: its loss stayed finite and ended below 1% of where it
    /// started.
    pub fn clipped_trains(&self) -> bool {
        let r = &self.clipped.report;
        self.clipped.diverged_at().is_none()
            && r.final_loss.is_finite()
            && r.final_loss < 0.01 * self.clipped.initial_loss()
    }

    /// The first hidden layer's gradient norm at each depth.
    pub fn first_layer_norms(&self) -> Vec<(usize, f64)> {
        self.norms
            .iter()
            .map(|(d, n)| (*d, n.first().copied().unwrap_or(f64::NAN)))
            .collect()
    }
}

fn net(config: &Config, depth: usize, seed: u64) -> Result<Mlp, Error> {
    Ok(
        Mlp::builder(&[&[1][..], &vec![config.width; depth], &[1]].concat())
            .activation(Activation::RELU)
            .output(Output::Linear)
            .init(Init::Uniform(config.scale))
            .seed(seed)
            .build()?,
    )
}

/// Measures the gradients at initialisation, then trains the same net with and without
/// clipping.
///
/// Returns [`Error::OutOfRange`] (or the data's or the trainer's error) for a configuration the data or the trainer refuses.
pub fn run(config: &Config) -> Result<Exploding, Error> {
    let data = Dataset::builtin("square", Some(config.samples), None, config.seed)?;
    if config.seeds == 0 {
        return Err(Error::out_of_range(
            "seeds",
            "the exploding-gradient study needs at least one seed",
        ));
    }
    let mut norms = Vec::with_capacity(config.depths.len());
    for &depth in &config.depths {
        let mut sum = vec![0.0; depth + 1];
        for s in 0..config.seeds as u64 {
            let layers =
                layer_gradient_norms(&net(config, depth, config.seed + s)?, &data, Loss::Mse)?;
            for (total, n) in sum.iter_mut().zip(layers) {
                *total += n;
            }
        }
        norms.push((depth, sum.iter().map(|t| t / config.seeds as f64).collect()));
    }
    let training = |clip_norm: Option<f64>| -> Result<Run, Error> {
        let mut m = net(config, config.train_depth, config.seed)?;
        let settings = TrainConfig {
            loss: Loss::Mse,
            optimizer: Optimizer::sgd(),
            lr: config.lr,
            steps: config.steps,
            clip: Clip {
                value: None,
                norm: clip_norm,
            },
            ..TrainConfig::default()
        };
        let report = train(&mut m, &data, &settings, |_| {})?;
        Ok(Run { clip_norm, report })
    };
    Ok(Exploding {
        config: config.clone(),
        norms,
        plain: training(None)?,
        clipped: training(Some(config.clip_norm))?,
    })
}

impl Exploding {
    /// What the section shows, in one sentence with its numbers: the gradient grows with
    /// depth, plain gradient descent diverges, clipped gradient descent trains.
    pub fn conclusion(&self) -> String {
        self.conclusion_in(Lang::En)
    }

    /// [`Exploding::conclusion`] in `lang`.
    pub fn conclusion_in(&self, lang: Lang) -> String {
        let norms = self.first_layer_norms();
        let (shallow, deep) = match (norms.first(), norms.last()) {
            (Some(&a), Some(&b)) => (a, b),
            _ => ((0, f64::NAN), (0, f64::NAN)),
        };
        let plain = if self.diverged() {
            say(lang, "exploding-diverges", &[])
        } else {
            say(lang, "exploding-survives", &[])
        };
        let clipped = if self.clipped_trains() {
            say(lang, "exploding-trains", &[])
        } else {
            say(lang, "exploding-does-not-train", &[])
        };
        say_n(
            lang,
            "exploding-conclusion",
            shallow.0,
            &[
                ("scale", lang.number(self.config.scale)),
                ("shallow_norm", sci_in(lang, shallow.1, 2)),
                ("deep_norm", sci_in(lang, deep.1, 2)),
                ("deep", deep.0.to_string()),
                ("plain", plain),
                ("clip", lang.number(self.config.clip_norm)),
                ("clipped", clipped),
                ("before", sig_in(lang, self.clipped.initial_loss(), 3)),
                ("after", sig_in(lang, self.clipped.report.final_loss, 3)),
            ],
        )
    }
}

impl fmt::Display for Exploding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_report(f, Lang::En)
    }
}

impl Exploding {
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
            "exploding-intro",
            &[
                ("width", c.width.to_string()),
                ("scale", lang.number(c.scale)),
                ("samples", c.samples.to_string()),
                ("seeds", c.seeds.to_string()),
            ],
        );
        writeln!(f, "{intro}")?;
        let mut table = Table::new(&[
            say(lang, "exploding-hidden-layers", &[]),
            say(lang, "exploding-first-layer", &[]),
            say(lang, "exploding-output-layer", &[]),
            say(lang, "exploding-first-output", &[]),
        ]);
        for (depth, norms) in &self.norms {
            let first = norms.first().copied().unwrap_or(f64::NAN);
            let last = norms.last().copied().unwrap_or(f64::NAN);
            table.row(vec![
                depth.to_string(),
                sci_in(lang, first, 3),
                sci_in(lang, last, 3),
                sci_in(lang, first / last, 3),
            ]);
        }
        write!(f, "{table}")?;
        let training = say_n(
            lang,
            "exploding-training",
            c.train_depth,
            &[("lr", lang.number(c.lr)), ("steps", c.steps.to_string())],
        );
        writeln!(f, "{training}")?;
        let mut runs = Table::new(&[
            say(lang, "exploding-run", &[]),
            say(lang, "exploding-initial-loss", &[]),
            say(lang, "exploding-final-loss", &[]),
            say(lang, "exploding-largest", &[]),
            say(lang, "exploding-outcome", &[]),
        ]);
        for run in [&self.plain, &self.clipped] {
            let largest = run
                .report
                .grad_norm
                .iter()
                .copied()
                .fold(
                    f64::NEG_INFINITY,
                    |m, n| if n.is_nan() { m } else { m.max(n) },
                );
            let outcome = match run.diverged_at() {
                Some(k) => say(lang, "exploding-not-finite", &[("step", k.to_string())]),
                None if run.report.final_loss > run.initial_loss() => {
                    say(lang, "exploding-grew", &[])
                }
                None => say(
                    lang,
                    "exploding-trained",
                    &[(
                        "factor",
                        sig_in(lang, run.initial_loss() / run.report.final_loss, 3),
                    )],
                ),
            };
            runs.row(vec![
                match run.clip_norm {
                    Some(c) => say(lang, "exploding-clipped-at", &[("norm", lang.number(c))]),
                    None => say(lang, "exploding-plain", &[]),
                },
                sig_in(lang, run.initial_loss(), 3),
                sig_in(lang, run.report.final_loss, 3),
                sig_in(lang, largest, 3),
                outcome,
            ]);
        }
        write!(f, "{runs}")
    }
}

impl Exploding {
    /// The plot `exploding.svg`, as its file name and SVG text: the first and output
    /// layers' gradient norms against depth, and the training loss with and without
    /// clipping.
    ///
    /// Returns the errors of [`Figure::to_svg`](crate::plot::Figure::to_svg).
    pub fn plots(&self) -> Result<Vec<(&'static str, String)>, Error> {
        self.plots_in(Lang::En)
    }

    /// [`Exploding::plots`] with their words and numbers in `lang`.
    ///
    /// Returns the errors of [`Exploding::plots`].
    pub fn plots_in(&self, lang: Lang) -> Result<Vec<(&'static str, String)>, Error> {
        use crate::plot::{Chart, Figure, Legend, Series};
        let first = self
            .norms
            .iter()
            .map(|(d, n)| (*d as f64, n.first().copied().unwrap_or(f64::NAN)));
        let last = self
            .norms
            .iter()
            .map(|(d, n)| (*d as f64, n.last().copied().unwrap_or(f64::NAN)));
        let text = |id: &str| lang.text(id, &[]);
        let depth = Chart::new(lang.text(
            "plot-exploding-depth",
            &[("scale", lang.number(self.config.scale).into())],
        ))
        .x_label(text("plot-hidden-layers"))
        .y_label(text("plot-gradient-norm"))
        .log_y()
        .legend(Legend::UpperLeft)
        .series(Series::line(text("plot-first-layer"), first).color(3))
        .series(Series::line(text("plot-output-layer"), last).color(0));
        // the chart stops at 10⁴ × the initial loss: beyond it the diverging run leaves the
        // picture, and its legend says when
        let cap = 1e4 * self.plain.initial_loss().max(self.clipped.initial_loss());
        let inside = |losses: &[f64]| -> Vec<f64> {
            losses
                .iter()
                .copied()
                .take_while(|l| l.is_finite() && *l <= cap)
                .collect()
        };
        let plain = inside(&self.plain.report.loss);
        let plain_name = if plain.len() < self.plain.report.loss.len() {
            lang.text(
                "plot-exploding-off",
                &[("step", plain.len().to_string().into())],
            )
        } else {
            say(lang, "exploding-plain", &[])
        };
        let floor = self
            .clipped
            .report
            .loss
            .iter()
            .chain(&plain)
            .copied()
            .filter(|l| l.is_finite() && *l > 0.0)
            .fold(f64::INFINITY, f64::min);
        let training = Chart::new(lang.text(
            "plot-exploding-training",
            &[("depth", self.config.train_depth.to_string().into())],
        ))
        .x_label(text("plot-step"))
        .y_label(text("plot-exploding-loss"))
        .log_y()
        .y_range(floor / 2.0, cap)
        .x_range(0.0, self.config.steps as f64)
        .legend(Legend::UpperRight)
        .series(Series::line(plain_name, super::curve(&plain, 300)).color(3))
        .series(
            Series::line(
                say(
                    lang,
                    "exploding-clipped-at",
                    &[("norm", lang.number(self.config.clip_norm))],
                ),
                super::curve(&inside(&self.clipped.report.loss), 300),
            )
            .color(2),
        );
        let svg = Figure::grid(vec![depth.into(), training.into()], 2, (480, 380))
            .title(text("plot-exploding-title"))
            .lang(lang)
            .to_svg()?;
        Ok(vec![("exploding.svg", svg)])
    }
}
