//! A recurrent net of scalar units (Elman), unrolled in time into the DAG and trained by
//! backpropagation through time to predict the next value of a noisy sine.
//!
//! Unrolled, a recurrent net is a deep feed-forward net with the same weights at every time
//! step, so it shows the same vanishing effect: the gradient of the last prediction's error
//! with respect to the input `t` steps back is a product of `t` Jacobians `W_h · tanh'`,
//! and it decays as `t` grows. The experiment prints the training curve and
//! `|∂J/∂x_t|` for each time step of a window, averaged over windows.
//!
//! # Examples
//! ```
//! # fn main() -> Result<(), gradgraph_course::Error> {
//! use gradgraph_course::experiments::rnn;
//! let result = rnn::run(&rnn::Config::quick())?;
//! assert!(result.final_loss() < result.initial_loss());
//! # Ok(()) }
//! ```

use super::{Lang, Table, say, sci_in, sig_in};
use crate::Error;
use gradgraph_nn::data::noisy_sine;
use gradgraph_nn::{Init, Optimizer, Rnn};
use gradgraph_nn::{RnnConfig, RnnReport};
use std::fmt;

/// How the experiment runs.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// Hidden units.
    pub hidden: usize,
    /// Length of the time series.
    pub length: usize,
    /// The sine's period, in time steps.
    pub period: f64,
    /// Standard deviation of the Gaussian noise on the series.
    pub noise: f64,
    /// Time steps each window is unrolled for.
    pub window: usize,
    /// Windows per update.
    pub batch: usize,
    /// Adam steps.
    pub steps: usize,
    /// Adam's learning rate.
    pub lr: f64,
    /// Windows averaged for the gradient with respect to the inputs.
    pub probes: usize,
    /// The seed of the series, the weights and the windows.
    pub seed: u64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            hidden: 8,
            length: 240,
            period: 20.0,
            noise: 0.05,
            window: 20,
            batch: 8,
            steps: 300,
            lr: 0.01,
            probes: 20,
            seed: 5,
        }
    }
}

impl Config {
    /// A smaller run for tests and doc examples.
    pub fn quick() -> Config {
        Config {
            steps: 80,
            probes: 5,
            ..Config::default()
        }
    }
}

/// What the experiment found.
#[derive(Clone, Debug)]
pub struct RnnStudy {
    /// How it ran.
    pub config: Config,
    /// The trained net.
    pub net: Rnn,
    /// Its training: the loss before each step.
    pub report: RnnReport,
    /// `|∂J/∂x_t|` for t = 1 … window, J the last step's squared error, averaged over
    /// windows, before training.
    pub input_gradients_at_init: Vec<f64>,
    /// The same after training.
    pub input_gradients: Vec<f64>,
    /// The series.
    pub series: Vec<f64>,
    /// One-step predictions over the series by the trained net: `(t, prediction of s_t)`.
    pub predictions: Vec<(usize, f64)>,
}

impl RnnStudy {
    /// The loss before the first step.
    pub fn initial_loss(&self) -> f64 {
        self.report.loss.first().copied().unwrap_or(f64::NAN)
    }

    /// The mean loss of the last tenth of the steps (a batch's loss is noisy).
    pub fn final_loss(&self) -> f64 {
        let tail = (self.report.loss.len() / 10).max(1);
        let last = &self.report.loss[self.report.loss.len().saturating_sub(tail)..];
        last.iter().sum::<f64>() / last.len().max(1) as f64
    }

    /// The gradient reaching the first input of the window over the one at the last input,
    /// after training.
    pub fn decay(&self) -> f64 {
        match (self.input_gradients.first(), self.input_gradients.last()) {
            (Some(&first), Some(&last)) => first / last,
            _ => f64::NAN,
        }
    }
}

/// `|∂J/∂x_t|` averaged over `probes` windows spread evenly over the series.
fn mean_input_gradients(net: &Rnn, series: &[f64], config: &Config) -> Result<Vec<f64>, Error> {
    let w = config.window;
    let last_start = series.len().saturating_sub(w + 1);
    let probes = config.probes.max(1);
    let mut sum = vec![0.0; w];
    for p in 0..probes {
        // evenly spread: the first window at 0, the last at the end of the series
        let start = if probes == 1 {
            0
        } else {
            last_start * p / (probes - 1)
        };
        let xs = &series[start..start + w];
        let target = series[start + w];
        let grads = net.input_gradients(xs, target)?;
        for (s, g) in sum.iter_mut().zip(grads) {
            *s += g.abs();
        }
    }
    Ok(sum.iter().map(|s| s / probes as f64).collect())
}

/// Trains the RNN on the noisy sine and measures the gradient through time.
///
/// Returns [`Error::OutOfRange`] if the series is shorter than a window plus one, or the
/// trainer refuses the configuration.
pub fn run(config: &Config) -> Result<RnnStudy, Error> {
    if config.length < config.window + 1 || config.window == 0 {
        return Err(Error::out_of_range(
            "window",
            format!(
                "a series of {} values is too short for windows of {} steps",
                config.length, config.window
            ),
        ));
    }
    let series = noisy_sine(config.length, config.period, config.noise, config.seed);
    let mut net = Rnn::new(config.hidden, Init::GlorotUniform, config.seed);
    let input_gradients_at_init = mean_input_gradients(&net, &series, config)?;
    let report = net.train(
        &series,
        &RnnConfig {
            window: config.window,
            batch_size: config.batch,
            steps: config.steps,
            lr: config.lr,
            optimizer: Optimizer::adam(),
            seed: config.seed,
            ..RnnConfig::default()
        },
    )?;
    let input_gradients = mean_input_gradients(&net, &series, config)?;
    // y_t predicts s_{t+1}: run the net over the whole series once
    let predictions = net
        .predict(&series[..series.len() - 1])
        .into_iter()
        .enumerate()
        .map(|(t, y)| (t + 1, y))
        .collect();
    Ok(RnnStudy {
        config: config.clone(),
        net,
        report,
        input_gradients_at_init,
        input_gradients,
        series,
        predictions,
    })
}

impl RnnStudy {
    /// What the section shows, in one sentence with its numbers: backpropagation through time
    /// trains the net, and the gradient fades going back in time.
    pub fn conclusion(&self) -> String {
        self.conclusion_in(Lang::En)
    }

    /// [`RnnStudy::conclusion`] in `lang`.
    pub fn conclusion_in(&self, lang: Lang) -> String {
        say(
            lang,
            "rnn-conclusion",
            &[
                ("before", sig_in(lang, self.initial_loss(), 3)),
                (
                    "after",
                    sig_in(
                        lang,
                        self.report.loss.last().copied().unwrap_or(f64::NAN),
                        3,
                    ),
                ),
                ("decay", lang.decimal(&format!("{:.1e}", self.decay()))),
            ],
        )
    }
}

impl fmt::Display for RnnStudy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_report(f, Lang::En)
    }
}

impl RnnStudy {
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
            "rnn-intro",
            &[
                ("hidden", c.hidden.to_string()),
                ("period", lang.number(c.period)),
                ("noise", lang.number(c.noise)),
                ("window", c.window.to_string()),
                ("lr", lang.number(c.lr)),
                ("steps", c.steps.to_string()),
                ("batch", c.batch.to_string()),
            ],
        );
        writeln!(f, "{intro}")?;
        let n = self.report.loss.len();
        let mut curve = Table::new(&[say(lang, "rnn-step", &[]), say(lang, "rnn-loss", &[])]);
        for k in [0, n / 4, n / 2, 3 * n / 4, n.saturating_sub(1)] {
            if let Some(l) = self.report.loss.get(k) {
                curve.row(vec![k.to_string(), sig_in(lang, *l, 3)]);
            }
        }
        write!(f, "{curve}")?;
        let through = say(
            lang,
            "rnn-through-time",
            &[
                ("probes", c.probes.to_string()),
                ("window", c.window.to_string()),
            ],
        );
        writeln!(f, "{through}")?;
        let mut grads = Table::new(&[
            "t".to_owned(),
            say(lang, "rnn-before", &[]),
            say(lang, "rnn-after", &[]),
        ]);
        let w = self.input_gradients.len();
        let mut shown: Vec<usize> = (0..w).step_by(w.div_ceil(8).max(1)).collect();
        if w > 0 && shown.last() != Some(&(w - 1)) {
            shown.push(w - 1);
        }
        for t in shown {
            grads.row(vec![
                (t + 1).to_string(),
                sci_in(lang, self.input_gradients_at_init[t], 3),
                sci_in(lang, self.input_gradients[t], 3),
            ]);
        }
        write!(f, "{grads}")?;
        let decay = say(
            lang,
            "rnn-decay",
            &[("decay", lang.decimal(&format!("{:.1e}", self.decay())))],
        );
        writeln!(f, "  {decay}")
    }
}

impl RnnStudy {
    /// The plot `rnn.svg`, as its file name and SVG text: the training curve, the gradient
    /// with respect to each time step's input (log scale), and the one-step predictions over
    /// the series.
    ///
    /// Returns the errors of [`Figure::to_svg`](crate::plot::Figure::to_svg).
    pub fn plots(&self) -> Result<Vec<(&'static str, String)>, Error> {
        self.plots_in(Lang::En)
    }

    /// [`RnnStudy::plots`] with their words and numbers in `lang`.
    ///
    /// Returns the errors of [`RnnStudy::plots`].
    pub fn plots_in(&self, lang: Lang) -> Result<Vec<(&'static str, String)>, Error> {
        use crate::plot::{Chart, Figure, Legend, Series};
        let text = |id: &str| lang.text(id, &[]);
        let loss = Chart::new(text("plot-rnn-loss"))
            .x_label(text("plot-step"))
            .y_label(text("plot-rnn-mse"))
            .log_y()
            .legend(Legend::UpperRight)
            .series(Series::line(
                text("plot-loss"),
                super::curve(&self.report.loss, 300),
            ));
        let at = |v: &[f64]| -> Vec<(f64, f64)> {
            v.iter()
                .enumerate()
                .map(|(t, &g)| ((t + 1) as f64, g))
                .collect()
        };
        let grads = Chart::new(text("plot-rnn-through-time"))
            .x_label(text("plot-rnn-time-step"))
            .y_label("|∂J/∂x_t|")
            .log_y()
            .legend(Legend::LowerRight)
            .series(Series::line(text("plot-rnn-after"), at(&self.input_gradients)).color(0))
            .series(
                Series::dashed(text("plot-rnn-before"), at(&self.input_gradients_at_init)).color(7),
            );
        // the series fills the panel: its legend goes under it
        let series = Chart::new(text("plot-rnn-predictions"))
            .x_label("t")
            .legend(Legend::Below)
            .series(
                Series::points(
                    text("plot-rnn-series"),
                    self.series.iter().enumerate().map(|(t, &s)| (t as f64, s)),
                )
                .color(7),
            )
            .series(
                Series::line(
                    text("plot-rnn-prediction"),
                    self.predictions.iter().map(|&(t, y)| (t as f64, y)),
                )
                .color(1),
            );
        let svg = Figure::grid(
            vec![loss.into(), grads.into(), series.into()],
            3,
            (420, 340),
        )
        .title(text("plot-rnn-title"))
        .lang(lang)
        .to_svg()?;
        Ok(vec![("rnn.svg", svg)])
    }
}
