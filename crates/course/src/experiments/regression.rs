//! Universal approximation, regression: one hidden layer fits the course's three functions,
//! `x²` on [−1, 1], `1/x` on [1, 100] and `sin x` on [1, 2π].
//!
//! The net sees its input scaled to [−1, 1] as a user would scale it: by the training
//! inputs' minimum and maximum, after taking the logarithm of an input that is positive and
//! spans more than a factor of 10 (`1/x` on [1, 100]: on a linear scale all of its change
//! would be squeezed into the first hundredth of the range). It predicts the target itself. It is judged on a dense,
//! evenly spaced grid over the whole interval, points it never saw: the root mean squared
//! error there must be small (the course's claim: one hidden layer with enough nodes
//! approximates any continuous function).
//!
//! # Examples
//! ```
//! # fn main() -> Result<(), gradgraph_course::Error> {
//! use gradgraph_course::experiments::regression;
//! let result = regression::run(&regression::Config { functions: vec!["square".into()],
//!     ..regression::Config::default() })?;
//! assert!(result.fits[0].test_rmse <= 0.02);
//! # Ok(()) }
//! ```

use super::{Lang, Table, say, sig_in};
use crate::Error;
use gradgraph_nn::data::Dataset;
use gradgraph_nn::{
    Activation, Init, Loss, Mlp, Optimizer, Output, TrainConfig, TrainReport, train,
};
use std::fmt;

/// How the experiment runs.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// Which of the course's functions: `square`, `reciprocal`, `sine`.
    pub functions: Vec<String>,
    /// Training points per function, drawn uniformly from its interval.
    pub samples: usize,
    /// Hidden nodes of the one hidden layer.
    pub hidden: usize,
    /// Full-batch Adam steps.
    pub steps: usize,
    /// Adam's learning rate at the first step.
    pub lr: f64,
    /// ... decaying linearly to this one at the last.
    pub lr_end: f64,
    /// Points of the dense test grid.
    pub grid: usize,
    /// The seed of the data and the initial weights.
    pub seed: u64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            functions: vec!["square".into(), "reciprocal".into(), "sine".into()],
            samples: 60,
            hidden: 8,
            steps: 2000,
            lr: 0.1,
            lr_end: 0.001,
            grid: 1000,
            seed: 3,
        }
    }
}

/// One fitted function.
#[derive(Clone, Debug)]
pub struct Fit {
    /// `square`, `reciprocal` or `sine`.
    pub name: String,
    /// The formula, for example `x²`.
    pub formula: &'static str,
    /// Its interval.
    pub interval: (f64, f64),
    /// The training points (original, unscaled inputs).
    pub train: Dataset,
    /// The trained net (it reads the scaled input).
    pub net: Mlp,
    /// The input scaling: `x' = 2 (t(x) − lo) / (hi − lo) − 1` with `t` the identity or,
    /// when `log_input`, the natural logarithm.
    pub scale: (f64, f64),
    /// True when the input was scaled on a logarithmic axis.
    pub log_input: bool,
    /// Its training.
    pub report: TrainReport,
    /// The RMSE on the training points.
    pub train_rmse: f64,
    /// The RMSE on the dense grid.
    pub test_rmse: f64,
    /// The grid: `(x, f(x), prediction)`.
    pub grid: Vec<(f64, f64, f64)>,
}

/// What the experiment found: one fit per function.
#[derive(Clone, Debug)]
pub struct Regression {
    /// How it ran.
    pub config: Config,
    /// In the order of `config.functions`.
    pub fits: Vec<Fit>,
}

impl Regression {
    /// The fit of the function called `name`, if any.
    pub fn get(&self, name: &str) -> Option<&Fit> {
        self.fits.iter().find(|f| f.name == name)
    }
}

fn formula(name: &str) -> &'static str {
    match name {
        "square" => "x²",
        "reciprocal" => "1/x",
        "sine" => "sin x",
        _ => "f(x)",
    }
}

/// Fits each function with a 1-`hidden`-1 tanh net.
///
/// Returns [`Error::OutOfRange`] for a name that is not one of the course's functions, or a
/// configuration the data or the trainer refuses.
pub fn run(config: &Config) -> Result<Regression, Error> {
    let fits = config
        .functions
        .iter()
        .map(|name| fit(name, config))
        .collect::<Result<Vec<_>, Error>>()?;
    Ok(Regression {
        config: config.clone(),
        fits,
    })
}

fn fit(name: &str, config: &Config) -> Result<Fit, Error> {
    let (a, b, f) = Dataset::function_of(name).ok_or_else(|| {
        Error::out_of_range(
            "function",
            format!("unknown function {name:?}; the course's are square, reciprocal, sine"),
        )
    })?;
    let train_set = Dataset::builtin(name, Some(config.samples), None, config.seed)?;
    // scale the input to [−1, 1] by the training inputs' range, as a user would; an input
    // that is positive and spans decades goes on a log axis first
    let range = |xs: &mut dyn Iterator<Item = f64>| {
        xs.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| {
            (lo.min(x), hi.max(x))
        })
    };
    let (min, max) = range(&mut train_set.inputs.iter().map(|x| x[0]));
    let log_input = min > 0.0 && max > 10.0 * min;
    let axis = |x: f64| if log_input { pxfm::f_log(x) } else { x };
    let (lo, hi) = range(&mut train_set.inputs.iter().map(|x| axis(x[0])));
    let scale = |x: f64| 2.0 * (axis(x) - lo) / (hi - lo) - 1.0;
    let mut scaled = train_set.clone();
    for x in &mut scaled.inputs {
        x[0] = scale(x[0]);
    }
    let mut net = Mlp::builder(&[1, config.hidden, 1])
        .activation(Activation::TANH)
        .output(Output::Linear)
        .init(Init::GlorotUniform)
        .seed(config.seed)
        .build()?;
    let training = TrainConfig {
        loss: Loss::Mse,
        optimizer: Optimizer::adam(),
        lr: config.lr,
        lr_end: Some(config.lr_end),
        steps: config.steps,
        ..TrainConfig::default()
    };
    let report = train(&mut net, &scaled, &training, |_| {})?;
    let rmse = |xs: &[f64], ys: &[f64]| -> Result<(f64, Vec<f64>), Error> {
        let inputs: Vec<Vec<f64>> = xs.iter().map(|&x| vec![scale(x)]).collect();
        let predictions: Vec<f64> = net.predict(&inputs)?.into_iter().map(|y| y[0]).collect();
        let squared: f64 = predictions
            .iter()
            .zip(ys)
            .map(|(p, y)| (p - y) * (p - y))
            .sum();
        Ok(((squared / xs.len().max(1) as f64).sqrt(), predictions))
    };
    let train_x: Vec<f64> = train_set.inputs.iter().map(|x| x[0]).collect();
    let (train_rmse, _) = rmse(&train_x, &train_set.targets)?;
    let n = config.grid.max(2);
    let grid_x: Vec<f64> = (0..n)
        .map(|k| a + (b - a) * k as f64 / (n - 1) as f64)
        .collect();
    let grid_y: Vec<f64> = grid_x.iter().map(|&x| f(x)).collect();
    let (test_rmse, predictions) = rmse(&grid_x, &grid_y)?;
    Ok(Fit {
        name: name.to_owned(),
        formula: formula(name),
        interval: (a, b),
        train: train_set,
        net,
        scale: (lo, hi),
        log_input,
        report,
        train_rmse,
        test_rmse,
        grid: grid_x
            .into_iter()
            .zip(grid_y)
            .zip(predictions)
            .map(|((x, y), p)| (x, y, p))
            .collect(),
    })
}

impl Regression {
    /// What the section shows, in one sentence with its numbers: one hidden layer fits every
    /// function, between the training points as well as on them.
    pub fn conclusion(&self) -> String {
        self.conclusion_in(Lang::En)
    }

    /// [`Regression::conclusion`] in `lang`.
    pub fn conclusion_in(&self, lang: Lang) -> String {
        let worst = self.fits.iter().map(|f| f.test_rmse).fold(0.0, f64::max);
        say(
            lang,
            "regression-conclusion",
            &[
                ("hidden", self.config.hidden.to_string()),
                ("functions", self.fits.len().to_string()),
                ("worst", sig_in(lang, worst, 3)),
            ],
        )
    }
}

impl fmt::Display for Regression {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_report(f, Lang::En)
    }
}

impl Regression {
    /// The report `Display` writes, in `lang`: its words from the tour's catalog, its
    /// numbers with a decimal comma in Portuguese.
    pub fn report(&self, lang: Lang) -> String {
        let mut text = String::new();
        let _ = self.write_report(&mut text, lang);
        text
    }

    fn write_report(&self, f: &mut impl fmt::Write, lang: Lang) -> fmt::Result {
        let c = &self.config;
        let config = say(
            lang,
            "regression-config",
            &[
                ("hidden", c.hidden.to_string()),
                ("lr", lang.number(c.lr)),
                ("lr_end", lang.number(c.lr_end)),
                ("steps", c.steps.to_string()),
                ("samples", c.samples.to_string()),
            ],
        );
        writeln!(f, "{config}")?;
        let mut table = Table::new(&[
            say(lang, "regression-function", &[]),
            say(lang, "regression-interval", &[]),
            say(lang, "regression-input", &[]),
            say(lang, "regression-train-rmse", &[]),
            say(
                lang,
                "regression-grid-rmse",
                &[("grid", c.grid.to_string())],
            ),
        ]);
        for fit in &self.fits {
            table.row(vec![
                formula_in(fit.formula, lang),
                interval(fit.interval, lang),
                if fit.log_input { "log x" } else { "x" }.into(),
                sig_in(lang, fit.train_rmse, 3),
                sig_in(lang, fit.test_rmse, 3),
            ]);
        }
        write!(f, "{table}")
    }
}

impl Regression {
    /// The plot `regression.svg`, as its file name and SVG text: for each function the
    /// training points, the true function (dashed) and the net's fit on the dense grid.
    ///
    /// Returns the errors of [`Figure::to_svg`](crate::plot::Figure::to_svg).
    pub fn plots(&self) -> Result<Vec<(&'static str, String)>, Error> {
        self.plots_in(Lang::En)
    }

    /// [`Regression::plots`] with their words and numbers in `lang`.
    ///
    /// Returns the errors of [`Regression::plots`].
    pub fn plots_in(&self, lang: Lang) -> Result<Vec<(&'static str, String)>, Error> {
        use crate::plot::{Chart, Figure, Legend, Panel, Series};
        let panels: Vec<Panel> = self
            .fits
            .iter()
            .map(|fit| {
                // a few hundred grid points draw a smooth curve
                let stride = fit.grid.len().div_ceil(300).max(1);
                let data = fit
                    .train
                    .inputs
                    .iter()
                    .zip(&fit.train.targets)
                    .map(|(x, &y)| (x[0], y));
                let legend = if fit.name == "square" {
                    Legend::UpperMiddle
                } else if fit.name == "sine" {
                    Legend::LowerLeft
                } else {
                    Legend::UpperRight
                };
                Chart::new(lang.text(
                    "plot-regression-fit",
                    &[
                        ("function", formula_in(fit.formula, lang).into()),
                        ("interval", interval(fit.interval, lang).into()),
                        ("rmse", sig_in(lang, fit.test_rmse, 2).into()),
                    ],
                ))
                .x_label("x")
                .legend(legend)
                .series(Series::points(lang.text("plot-regression-data", &[]), data).color(7))
                .series(
                    Series::dashed(
                        formula_in(fit.formula, lang),
                        fit.grid.iter().step_by(stride).map(|&(x, y, _)| (x, y)),
                    )
                    .color(2),
                )
                .series(
                    Series::line(
                        lang.text("plot-regression-net", &[]),
                        fit.grid.iter().step_by(stride).map(|&(x, _, p)| (x, p)),
                    )
                    .color(0),
                )
                .into()
            })
            .collect();
        let svg = Figure::grid(panels, 3, (420, 340))
            .title(lang.text("plot-regression-title", &[]))
            .lang(lang)
            .to_svg()?;
        Ok(vec![("regression.svg", svg)])
    }
}

/// A function's formula in `lang`: `sin x` is `sen x` in Portuguese.
fn formula_in(formula: &str, lang: Lang) -> String {
    match lang {
        Lang::En => formula.to_owned(),
        _ => formula.replace("sin", "sen"),
    }
}

/// An interval `[1, 100]` in `lang`: `[1; 100]` in Portuguese, whose numbers take a decimal
/// comma.
fn interval((lo, hi): (f64, f64), lang: Lang) -> String {
    let separator = if lang == Lang::En { ", " } else { "; " };
    format!(
        "[{}{separator}{}]",
        sig_in(lang, lo, 3),
        sig_in(lang, hi, 4)
    )
}
