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
//! # fn main() -> Result<(), gradgraph_course::Error> {
//! use gradgraph_course::experiments::circles;
//! let result = circles::run(&circles::Config::default())?;
//! assert!(result.test_accuracy >= 0.97);
//! # Ok(()) }
//! ```

use super::{Lang, Table, say, sig_in};
use crate::Error;
use gradgraph_nn::data::Dataset;
use gradgraph_nn::{
    Activation, Init, Loss, Mlp, Optimizer, Output, TrainConfig, TrainReport, evaluate, train,
};
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
            seed: 2,
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
    /// Accuracy on the held-out points of the course's construction by hand
    /// ([`course_construction`] with [`COURSE_CONSTRUCTION`]).
    pub construction_accuracy: f64,
}

/// The course's construction used by the experiment: band half-width `r = 0.75` (between
/// the circles' radii 0.5 and 1), threshold sharpness `k = 5`, output gain `s = 3`.
pub const COURSE_CONSTRUCTION: (f64, f64, f64) = (0.75, 5.0, 3.0);

/// Trains the one-hidden-layer net on concentric circles and measures it on held-out points.
///
/// Returns [`Error::OutOfRange`] (or the data's or the trainer's error) for a configuration the data or the trainer refuses (too few
/// samples, a test fraction outside [0, 1), a non-finite learning rate).
pub fn run(config: &Config) -> Result<Circles, Error> {
    let data = Dataset::builtin(
        "circles",
        Some(config.samples),
        Some(config.noise),
        config.seed,
    )?;
    let (train_set, test_set) = data.split(config.test_fraction, config.seed)?;
    let test_set = test_set.ok_or_else(|| {
        Error::out_of_range(
            "test fraction",
            "the circles experiment needs a test fraction above 0",
        )
    })?;
    let mut net = Mlp::builder(&[2, config.hidden, 1])
        .activation(Activation::TANH)
        .output(Output::Sigmoid)
        .init(Init::GlorotUniform)
        .seed(config.seed)
        .build()?;
    let training = TrainConfig {
        loss: Loss::Bce,
        optimizer: Optimizer::adam(),
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
    let (r, k, s) = COURSE_CONSTRUCTION;
    let construction_accuracy =
        evaluate(&course_construction(r, k, s)?, &test_set, Loss::Bce, 0.0)?
            .accuracy
            .unwrap_or(0.0);
    Ok(Circles {
        construction_accuracy,
        config: config.clone(),
        net,
        train: train_set,
        test: test_set,
        report,
        train_accuracy,
        test_accuracy,
    })
}

impl Circles {
    /// What the section shows, in one sentence with its numbers: one hidden layer of a few
    /// nodes separates the circles, as the construction by hand does.
    pub fn conclusion(&self) -> String {
        self.conclusion_in(Lang::En)
    }

    /// [`Circles::conclusion`] in `lang`.
    pub fn conclusion_in(&self, lang: Lang) -> String {
        say(
            lang,
            "circles-conclusion",
            &[
                ("hidden", self.config.hidden.to_string()),
                ("accuracy", percent(lang, self.test_accuracy)),
                ("points", self.test.len().to_string()),
                ("construction", percent(lang, self.construction_accuracy)),
            ],
        )
    }
}

impl fmt::Display for Circles {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_report(f, Lang::En)
    }
}

impl Circles {
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
            "circles-config",
            &[
                ("hidden", c.hidden.to_string()),
                ("lr", lang.number(c.lr)),
                ("steps", c.steps.to_string()),
                ("samples", c.samples.to_string()),
                ("noise", lang.number(c.noise)),
                ("seed", c.seed.to_string()),
            ],
        );
        writeln!(f, "{config}")?;
        let mut table = Table::new(&[
            say(lang, "circles-set", &[]),
            say(lang, "circles-points", &[]),
            say(lang, "circles-accuracy", &[]),
        ]);
        table.row(vec![
            say(lang, "circles-training", &[]),
            self.train.len().to_string(),
            format!("{}%", percent(lang, self.train_accuracy)),
        ]);
        table.row(vec![
            say(lang, "circles-held-out", &[]),
            self.test.len().to_string(),
            format!("{}%", percent(lang, self.test_accuracy)),
        ]);
        write!(f, "{table}")?;
        let loss = say(
            lang,
            "circles-loss",
            &[
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
        writeln!(f, "  {loss}")?;
        let out = &self.net.layers[self.net.layers.len() - 1].neurons[0];
        let mut nodes = Table::new(&[
            say(lang, "circles-hidden-node", &[]),
            "w1".to_owned(),
            "w2".to_owned(),
            "b".to_owned(),
            say(lang, "circles-output-weight", &[]),
        ]);
        for (j, n) in self.net.layers[0].neurons.iter().enumerate() {
            nodes.row(vec![
                (j + 1).to_string(),
                sig_in(lang, n.weights[0], 3),
                sig_in(lang, n.weights[1], 3),
                sig_in(lang, n.bias, 3),
                sig_in(lang, out.weights.get(j).copied().unwrap_or(f64::NAN), 3),
            ]);
        }
        write!(f, "{nodes}")?;
        let construction = say(
            lang,
            "circles-construction",
            &[
                ("at", lang.number(COURSE_CONSTRUCTION.0)),
                ("accuracy", percent(lang, self.construction_accuracy)),
            ],
        );
        writeln!(f, "  {construction}")
    }
}

/// The course's construction, built by hand: four soft thresholds `tanh(k(r ± x))`,
/// `tanh(k(r ± y))` facing each other in pairs, so that each pair adds up to a ridge (about 2
/// on the band `|x| < r`, about 0 outside), and an output node that adds both ridges and
/// subtracts 3: a bump, positive only where the ridges cross. Its sigmoid is the
/// probability of the inner class.
///
/// # Examples
/// ```
/// # fn main() -> Result<(), gradgraph_course::Error> {
/// let net = gradgraph_course::experiments::circles::course_construction(0.75, 5.0, 3.0)?;
/// let p = net.predict(&[vec![0.0, 0.0], vec![1.0, 0.0]])?;
/// assert!(p[0][0] > 0.9 && p[1][0] < 0.1); // inside the bump, outside it
/// # Ok(()) }
/// ```
pub fn course_construction(r: f64, k: f64, s: f64) -> Result<Mlp, Error> {
    use gradgraph_nn::{Layer, Neuron};
    let threshold =
        |w: [f64; 2]| Neuron::with_weights(vec![k * w[0], k * w[1]], k * r, Activation::TANH);
    let hidden = Layer {
        neurons: vec![
            threshold([1.0, 0.0]),  // tanh(k(r + x)): +1 right of x = −r
            threshold([-1.0, 0.0]), // tanh(k(r − x)): +1 left of x = r
            threshold([0.0, 1.0]),  // tanh(k(r + y))
            threshold([0.0, -1.0]), // tanh(k(r − y))
        ],
    };
    // s · (ridge_x + ridge_y − 3)
    let out = Layer {
        neurons: vec![Neuron::with_weights(
            vec![s; 4],
            -3.0 * s,
            Activation::LINEAR,
        )],
    };
    Ok(Mlp::from_layers(2, vec![hidden, out], Output::Sigmoid)?)
}

/// Splits the hidden nodes into pairs whose contributions face each other the most: with
/// `v_j` the output weight and `w_j` the input weights of node `j`, the pair whose effective
/// normals `v_a w_a` and `v_b w_b` point most nearly in opposite directions. Two such
/// thresholds added make a ridge (a band, or a wedge when their lines are not parallel).
/// Unpaired nodes (an odd count) are left out.
fn ridge_pairs(net: &Mlp) -> Vec<(usize, usize)> {
    let v = &net.layers[net.layers.len() - 1].neurons[0].weights;
    let e: Vec<(f64, f64)> = net.layers[0]
        .neurons
        .iter()
        .zip(v)
        .map(|(n, &v)| (v * n.weights[0], v * n.weights[1]))
        .collect();
    // cos of the angle between two effective normals: −1 when they face each other
    let cos = |a: usize, b: usize| {
        let (p, q) = (e[a], e[b]);
        let norm = (pxfm::f_hypot(p.0, p.1) * pxfm::f_hypot(q.0, q.1)).max(1e-12);
        (p.0 * q.0 + p.1 * q.1) / norm
    };
    // greedy: take the pair facing each other most, then the same among the rest
    let mut left: Vec<usize> = (0..e.len()).collect();
    let mut pairs = Vec::new();
    while left.len() >= 2 {
        let mut best = (0, 1, f64::INFINITY);
        for i in 0..left.len() {
            for j in i + 1..left.len() {
                let c = cos(left[i], left[j]);
                if c < best.2 {
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

/// The panels of the course's picture for a one-hidden-layer net: each hidden node's soft
/// threshold, the ridges pairs of them make, the bump the output node adds up, and its
/// sigmoid over the data.
fn stages(
    net: &Mlp,
    pairs: &[(usize, usize)],
    (xr, yr): ((f64, f64), (f64, f64)),
    pts: &[crate::plot::LabelledPoint],
    lang: Lang,
) -> Result<Vec<crate::plot::Panel>, Error> {
    use super::maps::net_fields;
    use crate::plot::{Field, Map, Panel};
    let fields = net_fields(net, xr, yr, crate::plot::map_cells(230))?;
    let out = &net.layers[net.layers.len() - 1].neurons[0];
    let hidden = &fields.hidden[0];
    let mut panels: Vec<Panel> = Vec::new();
    for (j, field) in hidden.iter().enumerate() {
        panels.push(
            Map::new(
                lang.text(
                    "plot-circles-threshold",
                    &[("node", (j + 1).to_string().into())],
                ),
                field.clone(),
                (-1.0, 1.0),
            )
            .contour(0.0)
            .without_axes()
            .into(),
        );
    }
    let symmetric = |f: &Field| {
        let m = f.values.iter().fold(
            0.0f64,
            |m, v| if v.is_finite() { m.max(v.abs()) } else { m },
        );
        (-m.max(1e-12), m.max(1e-12))
    };
    for &(a, b) in pairs {
        // v_a h_a + v_b h_b: two thresholds facing each other add up to a ridge
        let values = hidden[a]
            .values
            .iter()
            .zip(&hidden[b].values)
            .map(|(ha, hb)| out.weights[a] * ha + out.weights[b] * hb)
            .collect();
        let field = Field::from_values(xr, yr, hidden[a].nx, values)?;
        let range = symmetric(&field);
        panels.push(
            Map::new(
                lang.text(
                    "plot-circles-ridge",
                    &[
                        ("a", (a + 1).to_string().into()),
                        ("b", (b + 1).to_string().into()),
                    ],
                ),
                field,
                range,
            )
            .without_axes()
            .into(),
        );
    }
    if let (Some(score), Some(prob)) = (fields.scores.first(), fields.outputs.first()) {
        let range = symmetric(score);
        panels.push(
            Map::new(lang.text("plot-circles-bump", &[]), score.clone(), range)
                .contour(0.0)
                .without_axes()
                .into(),
        );
        panels.push(
            Map::new(
                lang.text("plot-circles-output", &[]),
                prob.clone(),
                (0.0, 1.0),
            )
            .contour(0.5)
            .points(pts.to_vec())
            .without_axes()
            .into(),
        );
    }
    Ok(panels)
}

impl Circles {
    /// The plots, each as its file name and SVG text: `circles.svg` (the decision boundary
    /// over the data, beside the
    /// loss curve), `circles_hidden.svg` (the trained net's hidden nodes: each one's soft
    /// threshold, the ridges pairs of them make, the bump the output node adds up, and its
    /// sigmoid) and `circles_construction.svg` (the same stages for the course's
    /// construction by hand, [`course_construction`]).
    ///
    /// Returns the errors of [`Figure::to_svg`](crate::plot::Figure::to_svg).
    pub fn plots(&self) -> Result<Vec<(&'static str, String)>, Error> {
        self.plots_in(Lang::En)
    }

    /// [`Circles::plots`] with their words and numbers in `lang`.
    ///
    /// Returns the errors of [`Circles::plots`].
    pub fn plots_in(&self, lang: Lang) -> Result<Vec<(&'static str, String)>, Error> {
        use super::maps::{extent, net_fields, points};
        use crate::plot::{Chart, Figure, Map, Panel, Series};
        let mut all = self.train.clone();
        all.inputs.extend(self.test.inputs.iter().cloned());
        all.targets.extend(self.test.targets.iter().copied());
        let plane = extent(&all, 0.1);
        let fields = net_fields(&self.net, plane.0, plane.1, crate::plot::map_cells(460))?;
        let pts = points(&all);
        let mut panels: Vec<Panel> = Vec::new();
        if let Some(out) = fields.outputs.first() {
            panels.push(
                Map::new(
                    lang.text(
                        "plot-circles-net",
                        &[
                            ("hidden", self.config.hidden.to_string().into()),
                            ("accuracy", percent(lang, self.test_accuracy).into()),
                        ],
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
            Chart::new(lang.text("plot-circles-loss", &[]))
                .x_label(lang.text("plot-step", &[]))
                .log_y()
                .series(Series::line(
                    lang.text("plot-loss", &[]),
                    super::curve(&self.report.loss, 300),
                ))
                .into(),
        );
        let boundary = Figure::grid(panels, 2, (460, 440)).lang(lang).to_svg()?;

        let columns = self.config.hidden.max(4);
        let learned = stages(&self.net, &ridge_pairs(&self.net), plane, &pts, lang)?;
        let nodes = Figure::grid(learned, columns, (230, 230))
            .title(lang.text("plot-circles-hidden-title", &[]))
            .lang(lang)
            .to_svg()?;

        let (r, k, s) = COURSE_CONSTRUCTION;
        let by_hand = course_construction(r, k, s)?;
        let built = stages(&by_hand, &[(0, 1), (2, 3)], plane, &pts, lang)?;
        let construction = Figure::grid(built, 4, (230, 230))
            .title(lang.text(
                "plot-circles-construction-title",
                &[("accuracy", percent(lang, self.construction_accuracy).into())],
            ))
            .lang(lang)
            .to_svg()?;
        Ok(vec![
            ("circles.svg", boundary),
            ("circles_hidden.svg", nodes),
            ("circles_construction.svg", construction),
        ])
    }
}

/// A fraction as a percentage with one decimal, in `lang`: `97.5`, `97,5`.
fn percent(lang: Lang, fraction: f64) -> String {
    lang.decimal(&format!("{:.1}", 100.0 * fraction))
}
