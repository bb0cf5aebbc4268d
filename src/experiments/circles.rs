//! Universal approximation, classification: concentric circles separated by an MLP with ONE
//! hidden layer of 4 nodes and 1 output node (the course's example).
//!
//! Each hidden node is a soft threshold: `tanh(w·x + b)` is −1 on one side of its line and
//! +1 on the other. Two thresholds facing opposite ways, added, make a **ridge** (a band);
//! two perpendicular ridges make a **bump**: the output node's weighted sum is high inside a
//! rounded square and low outside, which is what separates the inner circle from the outer
//! one. The plots show each stage; the numbers show the accuracy on points held out from
//! training.
//!
//! # Examples
//! ```
//! # fn main() -> Result<(), gradgraph::Error> {
//! use gradgraph::experiments::circles;
//! let result = circles::run(&circles::Config::default())?;
//! assert!(result.test_accuracy >= 0.97);
//! # Ok(()) }
//! ```

use super::{Table, sig};
use crate::data::Dataset;
use crate::nn::{
    Activation, Init, Loss, Mlp, Optimizer, Output, TrainConfig, TrainReport, evaluate, train,
};
use crate::Error;
use std::fmt;

/// How the experiment runs.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// Points in both circles together.
    pub samples: usize,
    /// Standard deviation of the Gaussian noise on the points.
    pub noise: f64,
    /// The fraction of points held out for testing.
    pub test_fraction: f64,
    /// Hidden nodes (the course: 4).
    pub hidden: usize,
    /// Full-batch Adam steps.
    pub steps: usize,
    /// Adam's learning rate.
    pub lr: f64,
    /// The seed of the data, the split and the initial weights.
    pub seed: u64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            samples: 300,
            noise: 0.05,
            test_fraction: 0.3,
            hidden: 4,
            steps: 400,
            lr: 0.05,
            seed: 7,
        }
    }
}

/// What the experiment found.
#[derive(Clone, Debug)]
pub struct Circles {
    /// How it ran.
    pub config: Config,
    /// The trained 2-4-1 net.
    pub net: Mlp,
    /// The training points.
    pub train: Dataset,
    /// The held-out points.
    pub test: Dataset,
    /// Its training.
    pub report: TrainReport,
    /// Accuracy on the training points.
    pub train_accuracy: f64,
    /// Accuracy on the held-out points.
    pub test_accuracy: f64,
}

/// Trains the one-hidden-layer net on concentric circles and measures it on held-out points.
///
/// Returns [`Error::Invalid`] for a configuration the data or the trainer refuses (too few
/// samples, a test fraction outside [0, 1), a non-finite learning rate).
pub fn run(config: &Config) -> Result<Circles, Error> {
    let data = Dataset::builtin(
        "circles",
        Some(config.samples),
        Some(config.noise),
        config.seed,
    )?;
    let (train_set, test_set) = data.split(config.test_fraction, config.seed)?;
    let test_set = test_set
        .ok_or_else(|| Error::Invalid("the circles experiment needs a test fraction above 0".into()))?;
    let mut net = Mlp::new(
        2,
        &[config.hidden],
        Activation::Tanh,
        1,
        Output::Sigmoid,
        Init::GlorotUniform,
        config.seed,
    )?;
    let training = TrainConfig {
        loss: Loss::Bce,
        optimizer: Optimizer::ADAM,
        lr: config.lr,
        steps: config.steps,
        ..TrainConfig::default()
    };
    let report = train(&mut net, &train_set, &training, |_| {})?;
    let train_accuracy = evaluate(&net, &train_set, Loss::Bce, 0.0)?
        .accuracy
        .unwrap_or(0.0);
    let test_accuracy = evaluate(&net, &test_set, Loss::Bce, 0.0)?
        .accuracy
        .unwrap_or(0.0);
    Ok(Circles {
        config: config.clone(),
        net,
        train: train_set,
        test: test_set,
        report,
        train_accuracy,
        test_accuracy,
    })
}

impl fmt::Display for Circles {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = &self.config;
        writeln!(
            f,
            "2-{}-1 MLP (tanh hidden, sigmoid output, BCE, Adam lr {}, {} steps), \
             circles of {} points with noise {}, seed {}",
            c.hidden, c.lr, c.steps, c.samples, c.noise, c.seed
        )?;
        let mut table = Table::new(&["set", "points", "accuracy"]);
        table.row(vec![
            "training".into(),
            self.train.len().to_string(),
            format!("{:.1}%", 100.0 * self.train_accuracy),
        ]);
        table.row(vec![
            "held out".into(),
            self.test.len().to_string(),
            format!("{:.1}%", 100.0 * self.test_accuracy),
        ]);
        write!(f, "{table}")?;
        writeln!(
            f,
            "  loss {} → {}",
            sig(self.report.loss.first().copied().unwrap_or(f64::NAN), 4),
            sig(self.report.final_loss, 4)
        )?;
        let out = &self.net.layers[self.net.layers.len() - 1].neurons[0];
        let mut nodes = Table::new(&["hidden node", "w1", "w2", "b", "output weight"]);
        for (j, n) in self.net.layers[0].neurons.iter().enumerate() {
            nodes.row(vec![
                (j + 1).to_string(),
                sig(n.weights[0], 3),
                sig(n.weights[1], 3),
                sig(n.bias, 3),
                sig(out.weights.get(j).copied().unwrap_or(f64::NAN), 3),
            ]);
        }
        write!(f, "{nodes}")
    }
}

/// Splits the hidden nodes into pairs whose lines are the most nearly parallel: two such
/// thresholds, weighted by the output node, make a ridge. Unpaired nodes (an odd count) are
/// left out.
#[cfg(feature = "plot")]
fn ridge_pairs(net: &Mlp) -> Vec<(usize, usize)> {
    let w: Vec<(f64, f64)> = net.layers[0]
        .neurons
        .iter()
        .map(|n| (n.weights[0], n.weights[1]))
        .collect();
    // |cos| of the angle between two lines' normals: 1 for parallel lines
    let parallel = |a: usize, b: usize| {
        let (p, q) = (w[a], w[b]);
        let norm = (p.0.hypot(p.1) * q.0.hypot(q.1)).max(1e-12);
        ((p.0 * q.0 + p.1 * q.1) / norm).abs()
    };
    // greedy: take the most parallel pair, then the most parallel among the rest
    let mut left: Vec<usize> = (0..w.len()).collect();
    let mut pairs = Vec::new();
    while left.len() >= 2 {
        let mut best = (0, 1, f64::NEG_INFINITY);
        for i in 0..left.len() {
            for j in i + 1..left.len() {
                let c = parallel(left[i], left[j]);
                if c > best.2 {
                    best = (i, j, c);
                }
            }
        }
        pairs.push((left[best.0], left[best.1]));
        left.remove(best.1);
        left.remove(best.0);
    }
    pairs
}

#[cfg(feature = "plot")]
impl Circles {
    /// Writes `circles.svg` (the decision boundary over the data, beside the loss curve) and
    /// `circles_hidden.svg` (each hidden node's soft threshold, the ridges pairs of them
    /// make, the bump the output node adds up, and its sigmoid) into `dir`. Returns the paths
    /// written.
    ///
    /// Returns [`Error::Io`] if a file cannot be written.
    pub fn plot(&self, dir: &std::path::Path) -> Result<Vec<std::path::PathBuf>, Error> {
        use super::maps::{extent, net_fields, points};
        use crate::plot::{Chart, Field, Figure, Map, Panel, Series};
        let mut all = self.train.clone();
        all.inputs.extend(self.test.inputs.iter().cloned());
        all.targets.extend(self.test.targets.iter().copied());
        let (xr, yr) = extent(&all, 0.1);
        let fields = net_fields(&self.net, xr, yr, 60)?;
        let pts = points(&all);
        let mut panels: Vec<Panel> = Vec::new();
        if let Some(out) = fields.outputs.first() {
            panels.push(
                Map::new(
                    format!(
                        "2-{}-1 net: held-out accuracy {:.1}%",
                        self.config.hidden,
                        100.0 * self.test_accuracy
                    ),
                    out.clone(),
                    (0.0, 1.0),
                )
                .contour(0.5)
                .points(pts.clone())
                .into(),
            );
        }
        panels.push(
            Chart::new("training loss (BCE)")
                .x_label("step")
                .log_y()
                .series(Series::line("loss", super::curve(&self.report.loss, 300)))
                .into(),
        );
        let boundary = dir.join("circles.svg");
        Figure::grid(panels, 2, (460, 440)).save(&boundary)?;

        // the course's picture: thresholds → ridges → bump → output
        let out = &self.net.layers[self.net.layers.len() - 1].neurons[0];
        let hidden = &fields.hidden[0];
        let mut small: Vec<Panel> = Vec::new();
        for (j, field) in hidden.iter().enumerate() {
            small.push(
                Map::new(format!("node {}: soft threshold", j + 1), field.clone(), (-1.0, 1.0))
                    .contour(0.0)
                    .without_axes()
                    .into(),
            );
        }
        let symmetric = |f: &Field| {
            let m = f
                .values
                .iter()
                .fold(0.0f64, |m, v| if v.is_finite() { m.max(v.abs()) } else { m });
            (-m.max(1e-12), m.max(1e-12))
        };
        for (a, b) in ridge_pairs(&self.net) {
            // v_a h_a + v_b h_b: two opposite thresholds added make a band
            let values = hidden[a]
                .values
                .iter()
                .zip(&hidden[b].values)
                .map(|(ha, hb)| out.weights[a] * ha + out.weights[b] * hb)
                .collect();
            let field = Field::from_values(xr, yr, hidden[a].nx, values)?;
            let range = symmetric(&field);
            small.push(
                Map::new(format!("ridge: nodes {} + {}", a + 1, b + 1), field, range)
                    .without_axes()
                    .into(),
            );
        }
        if let (Some(score), Some(prob)) = (fields.scores.first(), fields.outputs.first()) {
            let range = symmetric(score);
            small.push(
                Map::new("bump: Σ v·h + c", score.clone(), range)
                    .contour(0.0)
                    .without_axes()
                    .into(),
            );
            small.push(
                Map::new("output σ(bump)", prob.clone(), (0.0, 1.0))
                    .contour(0.5)
                    .points(pts)
                    .without_axes()
                    .into(),
            );
        }
        let columns = hidden.len().max(4);
        let nodes = dir.join("circles_hidden.svg");
        Figure::grid(small, columns, (230, 230))
            .title("One hidden layer of 4 nodes: soft thresholds → ridges → a bump")
            .save(&nodes)?;
        Ok(vec![boundary, nodes])
    }
}
