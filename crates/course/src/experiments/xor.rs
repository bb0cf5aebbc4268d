//! XOR with the smallest net that can learn it: 2 inputs, one hidden layer of 2 nodes,
//! 1 output node (the course's 2-2-1 MLP).
//!
//! No straight line separates XOR's classes, so a single neuron cannot learn it; two hidden
//! nodes draw two lines and the output node combines them. From a fixed seed the net learns
//! all four points. Over many seeds some starts get **stuck**: gradient descent settles in a
//! flat region or a local minimum and classifies only 2 or 3 of the 4 points. How often that
//! happens is the point of the second half of the experiment.
//!
//! # Examples
//! ```
//! # fn main() -> Result<(), gradgraph_course::Error> {
//! use gradgraph_course::experiments::xor;
//! let result = xor::run(&xor::Config { seeds: 5, ..xor::Config::default() })?;
//! assert_eq!(result.accuracy, 1.0);
//! assert_eq!(result.seeds.len(), 5);
//! # Ok(()) }
//! ```

use super::{Lang, Table, activation_name, say, setting_name, sig_in};
use crate::Error;
use gradgraph::{Graph, Value};
use gradgraph_nn::data::Dataset;
use gradgraph_nn::{
    Activation, Init, Loss, Mlp, Optimizer, Output, TrainConfig, TrainReport, evaluate, train,
};
use std::fmt;

/// How the experiment runs.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// The seed of the net shown in detail.
    pub seed: u64,
    /// How many seeds (1, 2, …) to try for the fraction of starts that solve XOR.
    pub seeds: usize,
    /// Full-batch gradient-descent steps per run.
    pub steps: usize,
    /// The learning rate of plain SGD.
    pub lr: f64,
    /// The hidden nodes' activation.
    pub activation: Activation,
    /// The initial weights.
    pub init: Init,
    /// The loss.
    pub loss: Loss,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            seed: 1,
            seeds: 50,
            steps: 2000,
            lr: 2.0,
            activation: Activation::SIGMOID,
            init: Init::Uniform(1.0),
            loss: Loss::Mse,
        }
    }
}

/// One start of the seed survey.
#[derive(Clone, Debug, PartialEq)]
pub struct SeedRun {
    /// The seed of the initial weights.
    pub seed: u64,
    /// The fraction of the 4 points classified right after training.
    pub accuracy: f64,
    /// The loss after training.
    pub final_loss: f64,
    /// The loss before each step.
    pub loss: Vec<f64>,
}

impl SeedRun {
    /// True when all four points are classified right.
    pub fn solved(&self) -> bool {
        self.accuracy == 1.0
    }
}

/// What the experiment found.
#[derive(Clone, Debug)]
pub struct Xor {
    /// How it ran.
    pub config: Config,
    /// The net trained from `config.seed`.
    pub net: Mlp,
    /// Its training.
    pub report: TrainReport,
    /// Its accuracy on the four points.
    pub accuracy: f64,
    /// Its output (the probability of class 1) at each point, in the data's order.
    pub outputs: Vec<f64>,
    /// The four points.
    pub data: Dataset,
    /// One run per seed `1 ..= config.seeds`.
    pub seeds: Vec<SeedRun>,
}

impl Xor {
    /// The fraction of seeds whose net classifies all four points.
    pub fn solved_fraction(&self) -> f64 {
        if self.seeds.is_empty() {
            return 0.0;
        }
        self.seeds.iter().filter(|s| s.solved()).count() as f64 / self.seeds.len() as f64
    }

    /// The trained net's graph for one input `(x1, x2)`, with the backward pass of its output
    /// already run: inputs labelled `x1`, `x2`, every neuron and layer a named group (drawn
    /// as a cluster). Returns the output node.
    ///
    /// # Examples
    /// ```
    /// # fn main() -> Result<(), gradgraph_course::Error> {
    /// use gradgraph_course::experiments::xor;
    /// let result = xor::run(&xor::Config { seeds: 0, ..xor::Config::default() })?;
    /// let g = gradgraph::Graph::new();
    /// let y = result.sample_graph(&g, [1.0, 0.0])?;
    /// assert!(y.data() > 0.5); // 1 XOR 0 = 1
    /// assert!(g.groups().iter().any(|group| group.name == "neuron 1.2"));
    /// # Ok(()) }
    /// ```
    pub fn sample_graph<'g>(&self, g: &'g Graph, x: [f64; 2]) -> Result<Value<'g>, Error> {
        let inputs = [
            g.input(x[0]).with_label("x1"),
            g.input(x[1]).with_label("x2"),
        ];
        let out = self.net.forward(g, &inputs)?;
        let y = out
            .first()
            .copied()
            .ok_or_else(|| Error::out_of_range("net", "the XOR net has no output"))?
            .with_label("ŷ");
        g.backward(y);
        Ok(y)
    }
}

fn net(config: &Config, seed: u64) -> Result<Mlp, Error> {
    Ok(Mlp::builder(&[2, 2, 1])
        .activation(config.activation)
        .output(Output::Sigmoid)
        .init(config.init)
        .seed(seed)
        .build()?)
}

fn train_config(config: &Config) -> TrainConfig {
    TrainConfig {
        loss: config.loss,
        optimizer: Optimizer::sgd(),
        lr: config.lr,
        steps: config.steps,
        ..TrainConfig::default()
    }
}

/// Trains the 2-2-1 net from `config.seed`, then from each of the seeds `1 ..= config.seeds`.
///
/// Returns the trainer's error for a learning rate that is not a finite non-negative number.
pub fn run(config: &Config) -> Result<Xor, Error> {
    let data = Dataset::xor();
    let training = train_config(config);
    let mut mlp = net(config, config.seed)?;
    let report = train(&mut mlp, &data, &training, |_| {})?;
    let accuracy = evaluate(&mlp, &data, config.loss, 0.0)?
        .accuracy
        .unwrap_or(0.0);
    let outputs = mlp
        .predict(&data.inputs)?
        .into_iter()
        .map(|y| y[0])
        .collect();
    let seeds = (1..=config.seeds as u64)
        .map(|seed| {
            let mut m = net(config, seed)?;
            let report = train(&mut m, &data, &training, |_| {})?;
            let metrics = evaluate(&m, &data, config.loss, 0.0)?;
            Ok(SeedRun {
                seed,
                accuracy: metrics.accuracy.unwrap_or(0.0),
                final_loss: report.final_loss,
                loss: report.loss,
            })
        })
        .collect::<Result<Vec<_>, Error>>()?;
    Ok(Xor {
        config: config.clone(),
        net: mlp,
        report,
        accuracy,
        outputs,
        data,
        seeds,
    })
}

impl Xor {
    /// What the section shows, in one sentence with its numbers: the 2-2-1 net solves XOR
    /// from the seed shown, but some random starts get stuck.
    pub fn conclusion(&self) -> String {
        self.conclusion_in(Lang::En)
    }

    /// [`Xor::conclusion`] in `lang`.
    pub fn conclusion_in(&self, lang: Lang) -> String {
        let stuck = self.seeds.iter().filter(|s| !s.solved()).count();
        say(
            lang,
            "xor-conclusion",
            &[
                ("seed", self.config.seed.to_string()),
                ("accuracy", format!("{:.0}", 100.0 * self.accuracy)),
                ("stuck", stuck.to_string()),
                ("starts", self.seeds.len().to_string()),
            ],
        )
    }
}

impl fmt::Display for Xor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_report(f, Lang::En)
    }
}

impl Xor {
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
            "xor-config",
            &[
                (
                    "activation",
                    activation_name(&c.activation.to_string(), lang),
                ),
                ("loss", setting_name(&c.loss.to_string(), lang)),
                ("lr", lang.number(c.lr)),
                ("steps", c.steps.to_string()),
                ("init", setting_name(&c.init.to_string(), lang)),
                ("seed", c.seed.to_string()),
            ],
        );
        writeln!(f, "{config}")?;
        let mut table = Table::new(&[
            "x1".to_owned(),
            "x2".to_owned(),
            "x1 XOR x2".to_owned(),
            say(lang, "xor-output", &[]),
            say(lang, "xor-class", &[]),
        ]);
        for ((x, &y), &out) in self
            .data
            .inputs
            .iter()
            .zip(&self.data.targets)
            .zip(&self.outputs)
        {
            table.row(vec![
                format!("{}", x[0]),
                format!("{}", x[1]),
                format!("{y}"),
                lang.decimal(&format!("{out:.4}")),
                format!("{}", u8::from(out > 0.5)),
            ]);
        }
        write!(f, "{table}")?;
        let accuracy = say(
            lang,
            "xor-accuracy",
            &[
                ("accuracy", format!("{:.0}", 100.0 * self.accuracy)),
                (
                    "first",
                    sig_in(
                        lang,
                        self.report.loss.first().copied().unwrap_or(f64::NAN),
                        4,
                    ),
                ),
                ("last", sig_in(lang, self.report.final_loss, 4)),
            ],
        );
        writeln!(f, "  {accuracy}")?;
        for (j, neuron) in self.net.layers[0].neurons.iter().enumerate() {
            // w1·x1 + w2·x2 + b = 0, written with its signs: −6·x1 − 6.11·x2 + 2.39 = 0
            let term = |c: f64, first: bool| {
                let sign = match (c < 0.0, first) {
                    (true, true) => "−",
                    (true, false) => " − ",
                    (false, true) => "",
                    (false, false) => " + ",
                };
                format!("{sign}{}", sig_in(lang, c.abs(), 3))
            };
            let line = format!(
                "{}·x1{}·x2{} = 0",
                term(neuron.weights[0], true),
                term(neuron.weights[1], false),
                term(neuron.bias, false)
            );
            let hidden = say(
                lang,
                "xor-hidden-line",
                &[("node", (j + 1).to_string()), ("line", line)],
            );
            writeln!(f, "  {hidden}")?;
        }
        if self.seeds.is_empty() {
            return Ok(());
        }
        let solved = self.seeds.iter().filter(|s| s.solved()).count();
        let seeds = say(
            lang,
            "xor-seeds",
            &[
                ("starts", self.seeds.len().to_string()),
                ("solved", solved.to_string()),
                ("percent", format!("{:.0}", 100.0 * self.solved_fraction())),
            ],
        );
        writeln!(f, "\n{seeds}")?;
        let mut stuck = Table::new(&[
            say(lang, "xor-seed", &[]),
            say(lang, "xor-accuracy-header", &[]),
            say(lang, "xor-final-loss", &[]),
        ]);
        for s in self.seeds.iter().filter(|s| !s.solved()) {
            stuck.row(vec![
                s.seed.to_string(),
                format!("{:.0}%", 100.0 * s.accuracy),
                sig_in(lang, s.final_loss, 4),
            ]);
        }
        write!(f, "{stuck}")
    }
}

impl Xor {
    /// The plots, each as its file name and SVG text: `xor.svg` (the decision boundary and
    /// what each node computes over the plane) and `xor_seeds.svg` (every seed's loss curve,
    /// solved and stuck).
    ///
    /// Returns the errors of [`Figure::to_svg`](crate::plot::Figure::to_svg).
    pub fn plots(&self) -> Result<Vec<(&'static str, String)>, Error> {
        self.plots_in(Lang::En)
    }

    /// [`Xor::plots`] with their words and numbers in `lang`.
    ///
    /// Returns the errors of [`Xor::plots`].
    pub fn plots_in(&self, lang: Lang) -> Result<Vec<(&'static str, String)>, Error> {
        use super::maps::{net_fields, points};
        use crate::plot::{Chart, Figure, Legend, Map, Panel, Series};
        let range = (-0.5, 1.5);
        let fields = net_fields(&self.net, range, range, crate::plot::map_cells(360))?;
        let pts = points(&self.data);
        // the hidden nodes' range, and the level of their line w·x + b = 0
        let (range_of_node, middle) = match self.config.activation {
            Activation::SIGMOID => ((0.0, 1.0), 0.5),
            _ => ((-1.0, 1.0), 0.0),
        };
        let mut panels: Vec<Panel> = Vec::new();
        for (j, field) in fields.hidden[0].iter().enumerate() {
            panels.push(
                Map::new(
                    lang.text("plot-xor-hidden", &[("node", (j + 1).to_string().into())]),
                    field.clone(),
                    range_of_node,
                )
                .contour(middle)
                .points(pts.clone())
                .into(),
            );
        }
        if let Some(out) = fields.outputs.first() {
            panels.push(
                Map::new(lang.text("plot-xor-output", &[]), out.clone(), (0.0, 1.0))
                    .contour(0.5)
                    .points(pts.clone())
                    .into(),
            );
        }
        let boundary = Figure::grid(panels, 3, (360, 360))
            .title(lang.text("plot-xor-title", &[]))
            .lang(lang)
            .to_svg()?;

        let mut chart = Chart::new(lang.text(
            "plot-xor-seeds-title",
            &[("seeds", self.seeds.len().to_string().into())],
        ))
        .x_label(lang.text("plot-step", &[]))
        .y_label(lang.text("plot-loss", &[]))
        .log_y()
        .legend(Legend::Below);
        let (mut named_solved, mut named_stuck) = (false, false);
        for s in &self.seeds {
            let solved = s.solved();
            let name = match (solved, named_solved, named_stuck) {
                (true, false, _) => {
                    named_solved = true;
                    lang.text("plot-xor-solved", &[])
                }
                (false, _, false) => {
                    named_stuck = true;
                    lang.text("plot-xor-stuck", &[])
                }
                _ => String::new(),
            };
            let points = super::curve(&s.loss, 200);
            chart = chart.series(Series::line(name, points).color(usize::from(!solved)));
        }
        let seeds = Figure::single(chart).lang(lang).to_svg()?;
        Ok(vec![("xor.svg", boundary), ("xor_seeds.svg", seeds)])
    }
}
