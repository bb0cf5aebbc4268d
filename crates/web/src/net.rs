//! The page's second mode: a net trained live on the learner's data, every number from
//! gradgraph-nn (the same [`Trainer`] as `gradgraph train`, so the same settings give the same
//! loss history, bit for bit).
//!
//! The page keeps one [`Session`] in the engine and sends it [`NetRequest`]s as JSON
//! ([`net_json`]): start one (a built-in data set or a CSV file's text, and the settings),
//! train some steps, rewind, add or delete a point, set a weight by hand, or open one
//! sample's graph through one neuron. Every answer is a [`NetState`]; a request that cannot
//! be honoured answers with `error` set and leaves the session as it was.

use crate::graph::GraphData;
use gradgraph::{Graph, Value};
use gradgraph_i18n::Lang;
use gradgraph_nn::data::{BUILTIN, Dataset, Task, padded_range};
use gradgraph_nn::train::{check_fit, decision_threshold, encode_target, graph_size};
use gradgraph_nn::{
    Activation, Clip, Loss, Metrics, Mlp, Optimizer, Output, Recipe, Step, TrainConfig, Trainer,
    evaluate,
};
use serde::{Deserialize, Serialize};
use std::cell::{Cell, RefCell};
use std::ops::Range;

/// The most samples the page trains on (a built-in set, a CSV file, and added points).
pub const MAX_SAMPLES: usize = 10_000;
/// The most parameters of a net in the page.
pub const MAX_PARAMETERS: usize = 20_000;
/// The largest CSV file the page reads, in bytes.
pub const MAX_CSV_BYTES: usize = 10 << 20;
/// The most cells along each side of the decision map.
pub const MAX_MAP_CELLS: usize = 200;
/// The most steps one request trains.
pub const MAX_STEPS_PER_REQUEST: usize = 100_000;
/// The most nodes of the graph a picked sample and neuron open.
pub const MAX_SAMPLE_NODES: usize = 5_000;

/// What the learner chose: the data, the net and how it trains. The names and defaults are
/// `gradgraph train`'s flags; [`Settings::for_dataset`] gives the defaults the command would
/// use for a data set.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// A built-in data set's name, or the name of the CSV file the page read.
    pub dataset: String,
    /// Samples of a built-in set (`--samples`; `None`: 100).
    pub samples: Option<usize>,
    /// Its noise (`--noise`; `None`: the set's default).
    pub noise: Option<f64>,
    /// The held-out fraction (`--test-fraction`).
    pub test_fraction: f64,
    /// The hidden layers' sizes (`--hidden`; empty for none).
    pub hidden: Vec<usize>,
    /// The hidden layers' activations: one for all, or one per layer (`--activation`).
    pub activation: Vec<String>,
    /// `--output` (`None`: the default for the loss).
    pub output: Option<String>,
    /// `--loss` (`None`: the default for the task).
    pub loss: Option<String>,
    /// `--optimizer`: `sgd`, `momentum[:MU]` or `adam`.
    pub optimizer: String,
    /// `--lr` (`None`: the optimiser's default).
    pub lr: Option<f64>,
    /// `--lr-end`: the rate decays linearly to it over `steps`.
    pub lr_end: Option<f64>,
    /// `--steps`: where training stops (the page may go on) and the decay's horizon.
    pub steps: usize,
    /// `--batch-size` (`None`: full batch).
    pub batch_size: Option<usize>,
    /// `--l2`.
    pub l2: f64,
    /// `--clip-value`.
    pub clip_value: Option<f64>,
    /// `--clip-norm`.
    pub clip_norm: Option<f64>,
    /// `--seed`: the data, the weights, the mini-batches and the split.
    pub seed: u64,
}

impl Default for Settings {
    /// [`Settings::for_dataset`] of the circles, but with no learning rate: a request that
    /// leaves the rate out gets its own data set's, as `gradgraph train` without `--lr` (see
    /// [`Settings::lr_or_default`]).
    fn default() -> Self {
        Settings {
            lr: None,
            ..Settings::for_dataset("circles")
        }
    }
}

impl Settings {
    /// The learning rate: `lr`, else what `gradgraph train` uses without `--lr`: with Adam,
    /// the data set's [`Recipe`] rate (0.01 but for xor and circles), else the optimiser's
    /// default.
    ///
    /// # Examples
    /// ```
    /// use gradgraph_nn::Optimizer;
    /// use gradgraph_web::Settings;
    /// let xor = Settings { dataset: "xor".into(), ..Settings::default() };
    /// assert_eq!(xor.lr_or_default(Optimizer::default()), 0.1);
    /// assert_eq!(xor.lr_or_default(Optimizer::sgd()), 0.1);
    /// let blobs = Settings { dataset: "blobs".into(), ..Settings::default() };
    /// assert_eq!(blobs.lr_or_default(Optimizer::default()), 0.01);
    /// ```
    pub fn lr_or_default(&self, optimizer: Optimizer) -> f64 {
        self.lr.unwrap_or_else(|| match optimizer {
            Optimizer::Adam { .. } => Recipe::for_dataset(&self.dataset).lr,
            _ => optimizer.default_lr(),
        })
    }

    /// What `gradgraph train --dataset NAME` uses with no other flag: the data set's
    /// [`Recipe`] (its net, its steps and Adam at its rate), full batches, seed 0.
    ///
    /// # Examples
    /// ```
    /// use gradgraph_web::Settings;
    /// let sine = Settings::for_dataset("sine");
    /// assert_eq!((sine.hidden, sine.steps, sine.lr), (vec![16, 16], 1000, None));
    /// assert_eq!(sine.activation, ["tanh"]);
    /// let circles = Settings::for_dataset("circles");
    /// assert_eq!((circles.steps, circles.lr), (300, Some(0.03)));
    /// ```
    pub fn for_dataset(name: &str) -> Settings {
        let recipe = Recipe::for_dataset(name);
        Settings {
            dataset: name.to_owned(),
            samples: None,
            noise: None,
            test_fraction: 0.0,
            hidden: recipe.hidden,
            activation: vec![recipe.activation.to_string()],
            output: None,
            loss: None,
            optimizer: Optimizer::default().to_string(),
            // Adam's rate, when the recipe chooses one (`None`: the optimiser's default)
            lr: (recipe.lr != Recipe::default().lr).then_some(recipe.lr),
            lr_end: None,
            steps: recipe.steps,
            batch_size: None,
            l2: 0.0,
            clip_value: None,
            clip_norm: None,
            seed: 0,
        }
    }
}

/// One of the course's experiments, one click away in the page.
#[derive(Clone, Debug, Serialize)]
pub struct Preset {
    /// Its name: `xor`, `circles`, `x2`, `reciprocal`, `sine`, `vanishing`.
    pub name: &'static str,
    /// What the page's menu says.
    pub title: &'static str,
    /// One sentence saying what to watch.
    pub note: &'static str,
    /// Its settings.
    pub settings: Settings,
    /// What it reaches from these settings, as tests check it: the training accuracy at
    /// least (classification), or the training RMSE at most (regression), after
    /// `settings.steps` steps.
    pub reaches: f64,
}

/// The course's experiments: XOR with its 2-2-1 net, the circles with one hidden layer of 4,
/// the three regressions, and vanishing gradients at depth 10.
pub fn presets() -> Vec<Preset> {
    let base =
        |dataset: &str, hidden: &[usize], activation: &str, lr: f64, steps: usize| Settings {
            hidden: hidden.to_vec(),
            activation: vec![activation.to_owned()],
            lr: Some(lr),
            steps,
            ..Settings::for_dataset(dataset)
        };
    vec![
        Preset {
            name: "xor",
            title: "XOR, 2-2-1",
            note: "The course's 2-2-1 net learns XOR from this start: each hidden neuron draws one \
                   line and the output combines the two. Then press \"new weights\" a few times: \
                   about half of the random starts get stuck at 50% or 75% (a local minimum).",
            settings: Settings {
                seed: 3,
                ..base("xor", &[2], "tanh", 0.1, 300)
            },
            reaches: 1.0,
        },
        Preset {
            name: "circles",
            title: "circles, 4 hidden neurons",
            note: "One hidden layer of 4 neurons, as in the course: each neuron is a line, and \
                   together they close a curve around the inner ring. Add points of either class \
                   (click the map) and watch the boundary move; squares are held out.",
            settings: Settings {
                samples: Some(200),
                test_fraction: 0.2,
                ..base("circles", &[4], "tanh", 0.05, 300)
            },
            reaches: 0.95,
        },
        Preset {
            name: "x2",
            title: "x² on [−1, 1]",
            note: "f(x) = x² with one hidden layer of 16 tanh neurons: the curve bends to the \
                   parabola. Click to add points off the curve and watch it follow them.",
            settings: base("square", &[16], "tanh", 0.03, 500),
            reaches: 0.05,
        },
        Preset {
            name: "reciprocal",
            title: "1/x on [1, 100]",
            note: "f(x) = 1/x: steep near 1, flat after. On the loss curve's log scale the loss \
                   keeps falling long after the curve looks right.",
            settings: base("reciprocal", &[16], "tanh", 0.01, 1000),
            reaches: 0.05,
        },
        Preset {
            name: "sine",
            title: "sin x on [1, 2π]",
            note: "f(x) = sin x with one hidden layer of 16 tanh neurons: a few neurons make each \
                   bend of the curve.",
            settings: base("sine", &[16], "tanh", 0.01, 1000),
            reaches: 0.05,
        },
        Preset {
            name: "vanishing",
            title: "vanishing gradients",
            note: "Ten hidden layers of sigmoid neurons: on the gradient-norm chart, layer 1's is \
                   orders of magnitude below the output's (each sigmoid multiplies it by at most \
                   0.25) and the loss barely moves. Set the activation to relu and train again.",
            settings: Settings {
                samples: Some(200),
                ..base("circles", &[8; 10], "sigmoid", 0.01, 200)
            },
            reaches: 0.0,
        },
    ]
}

/// A CSV file the learner loaded: its name and its text.
#[derive(Clone, Debug, Deserialize)]
pub struct CsvFile {
    /// The file's name, which names the data and its errors.
    pub name: String,
    /// Its text, in the format `gradgraph train --dataset FILE.csv` reads.
    pub text: String,
}

/// What the page asks of the net mode.
#[derive(Clone, Debug, Deserialize)]
#[serde(tag = "cmd", rename_all = "snake_case")]
pub enum NetRequest {
    /// A new session: the data (a built-in set, `csv`, or with `keep_data` the session's data
    /// as it is now, added points and all), the net at its first weights.
    New {
        /// The settings.
        settings: Box<Settings>,
        /// A CSV file instead of the built-in set.
        #[serde(default)]
        csv: Option<CsvFile>,
        /// Keep the session's data (its points, as edited), to change only the net.
        #[serde(default)]
        keep_data: bool,
        /// The first weights, in canonical order, instead of drawing them (a model trained
        /// or saved by `gradgraph train`).
        #[serde(default)]
        weights: Option<Vec<f64>>,
        /// What to send back.
        #[serde(default)]
        view: View,
    },
    /// Train `steps` more steps.
    Train {
        /// How many.
        steps: usize,
        /// What to send back.
        #[serde(default)]
        view: View,
    },
    /// Back to the first weights (the same ones), the data as it is now.
    Rewind {
        /// What to send back.
        #[serde(default)]
        view: View,
    },
    /// New first weights drawn with `seed`, the data kept.
    Reseed {
        /// The seed of the weights and the mini-batches.
        seed: u64,
        /// What to send back.
        #[serde(default)]
        view: View,
    },
    /// A training point at `x` with target `y` (a class index, or a value for regression).
    AddPoint {
        /// Its inputs.
        x: Vec<f64>,
        /// Its target.
        y: f64,
        /// What to send back.
        #[serde(default)]
        view: View,
    },
    /// Deletes point `index` of [`NetState::points`].
    DeletePoint {
        /// Which point.
        index: usize,
        /// What to send back.
        #[serde(default)]
        view: View,
    },
    /// Sets parameter `index` (canonical order, as in [`NetState::names`]) to `value`, the
    /// text the learner typed.
    SetParameter {
        /// Which parameter.
        index: usize,
        /// Its new value, as typed.
        value: String,
        /// What to send back.
        #[serde(default)]
        view: View,
    },
    /// The state, without changing anything.
    State {
        /// What to send back.
        #[serde(default)]
        view: View,
    },
    /// The graph of point `index` through the model now, down to its loss, cut to what
    /// passes through neuron `neuron` (`"L.N"`; every node when absent).
    Sample {
        /// Which point.
        index: usize,
        /// Which neuron.
        #[serde(default)]
        neuron: Option<String>,
    },
}

/// What the page already has, so that an answer sends only what is new.
#[derive(Clone, Copy, Debug, Default, Deserialize)]
#[serde(default)]
pub struct View {
    /// The losses the page has (an answer sends the ones after).
    pub since: usize,
    /// The data version the page has drawn (an answer sends the points when it differs).
    pub data_version: u64,
    /// The decision map's cells along each side (0: none).
    pub map: usize,
}

/// The net mode's answer.
#[derive(Clone, Debug, Default, Serialize)]
pub struct NetState {
    /// What was wrong with the request, in the command line's words; the session is as it
    /// was.
    pub error: Option<String>,
    /// The settings, as resolved (the defaults filled in).
    pub settings: Option<Settings>,
    /// The task: `binary`, `3 classes`, `regression`.
    pub task: String,
    /// The number of classes (0 for regression).
    pub classes: usize,
    /// The loss and the output, as resolved.
    pub loss: String,
    /// The model's output function.
    pub output: String,
    /// The layer sizes, inputs first.
    pub sizes: Vec<usize>,
    /// Each hidden layer's activation (the output layer's is `output`).
    pub activations: Vec<String>,
    /// Every parameter's name in canonical order: `w1.2.1` (layer 1, neuron 2, input 1),
    /// `b1.2`.
    pub names: Vec<String>,
    /// The range of each layer's parameters in canonical order.
    pub layer_ranges: Vec<(usize, usize)>,
    /// The parameters now.
    pub params: Vec<f64>,
    /// The gradient of the training loss (the whole training set) at the parameters now.
    pub grads: Vec<f64>,
    /// Steps taken.
    pub step: usize,
    /// The version of the data: it changes when points are added or deleted.
    pub data_version: u64,
    /// The points, when the page's version differs: training points first, then held-out.
    pub points: Option<Vec<Point>>,
    /// The first index of `losses` in the whole history.
    pub since: usize,
    /// Each step's training loss (the batch's, before its update, as `train --json`'s
    /// `loss`), from `since` on.
    pub losses: Vec<f64>,
    /// Each step's gradient norm per layer (from `since` on, as `losses`).
    pub layer_norms: Vec<Vec<f64>>,
    /// The held-out loss, measured at these steps.
    pub test_losses: Vec<(usize, f64)>,
    /// How much the loss was still falling over the steps so far, if noticeably (as
    /// `gradgraph train` judges it: [`gradgraph_nn::train::still_falling`]).
    pub still_falling: Option<f64>,
    /// The training set's loss, accuracy or RMSE at the parameters now.
    pub train: Option<Metrics>,
    /// The held-out set's.
    pub test: Option<Metrics>,
    /// The extent of the map: `(x_min, x_max, y_min, y_max)` (for one input, the y range is
    /// the targets').
    pub extent: (f64, f64, f64, f64),
    /// Over two inputs, the model's output at the centre of each cell of an `n × n` grid,
    /// rows from the bottom (the probability or score of class 1; for several classes the
    /// class chosen).
    pub map: Vec<f64>,
    /// The map's cells along each side.
    pub map_cells: usize,
    /// The boundary's level on the map (the 0.5 contour of a probability).
    pub threshold: Option<f64>,
    /// Over one input, the fitted curve: `(x, y)` points.
    pub curve: Vec<(f64, f64)>,
}

/// One point of the data.
#[derive(Clone, Debug, Serialize)]
pub struct Point {
    /// Its inputs.
    pub x: Vec<f64>,
    /// Its target.
    pub y: f64,
    /// Held out from training.
    pub test: bool,
}

/// The map's extent: `(x_min, x_max, y_min, y_max)`.
type Extent = (f64, f64, f64, f64);

/// A session's data: the training points, the held-out ones, and the map's extent.
type Data = (Dataset, Option<Dataset>, Extent);

/// A net being trained, its data and its history.
#[derive(Clone, Debug)]
pub struct Session {
    settings: Settings,
    train: Dataset,
    test: Option<Dataset>,
    loss: Loss,
    initial: Mlp,
    trainer: Trainer,
    names: Vec<String>,
    ranges: Vec<Range<usize>>,
    losses: Vec<f64>,
    layer_norms: Vec<Vec<f64>>,
    test_losses: Vec<(usize, f64)>,
    data_version: u64,
    extent: Extent,
}

thread_local! {
    static SESSION: RefCell<Option<Session>> = const { RefCell::new(None) };
    /// The language of the request being answered (its `lang`, English without one).
    static LANG: Cell<Lang> = const { Cell::new(Lang::En) };
}

/// The message `id` of the net mode's catalog (`net.ftl`) in the language of the request
/// being answered, its variables set from `args`.
fn tr(id: &str, args: &[(&str, String)]) -> String {
    let args: Vec<(&str, _)> = args.iter().map(|(k, v)| (*k, v.as_str().into())).collect();
    LANG.with(Cell::get).text(id, &args)
}

/// `{ $field }: { $error }`, the field named in the request's language (`id` its message).
fn field(id: &str, error: impl std::fmt::Display) -> String {
    tr(
        "net-error-field",
        &[("field", tr(id, &[])), ("error", error.to_string())],
    )
}

/// A number people read, in the request's language (a decimal comma in Portuguese).
fn human(text: String) -> String {
    LANG.with(Cell::get).decimal(&text)
}

/// Answers a request of the page, as JSON (see [`NetRequest`]: a [`NetState`], or for
/// [`NetRequest::Sample`] a [`SampleGraph`]); never panics on any text.
pub fn net_json(request: &str) -> String {
    // the request's language, `lang` beside `cmd`: the answer's texts are in it
    let json = serde_json::from_str::<serde_json::Value>(request);
    let lang = json
        .as_ref()
        .ok()
        .and_then(|v| v.get("lang")?.as_str().and_then(|t| Lang::parse(t).ok()))
        .unwrap_or_default();
    LANG.with(|l| l.set(lang));
    let answer = match json.and_then(serde_json::from_value::<NetRequest>) {
        Ok(request) => SESSION.with(|s| answer(&mut s.borrow_mut(), request)),
        Err(e) => Err(tr("net-error-unreadable", &[("error", e.to_string())])),
    };
    let answer = answer.unwrap_or_else(|error| {
        Answer::State(Box::new(NetState {
            error: Some(error),
            ..NetState::default()
        }))
    });
    let text = match &answer {
        Answer::State(state) => serde_json::to_string(state),
        Answer::Sample(graph) => serde_json::to_string(graph),
    };
    text.unwrap_or_else(|e| {
        serde_json::json!({ "error": tr("net-error-unwritable", &[("error", e.to_string())]) })
            .to_string()
    })
}

/// A sample's graph through one neuron, for the expression mode to step
/// ([`NetRequest::Sample`]).
#[derive(Clone, Debug, Serialize)]
pub struct SampleGraph {
    /// The graph: the sample's inputs `x1, x2, …`, its target `y`, the parameters by their
    /// names, down to the loss.
    pub graph: GraphData,
    /// What it is: `point 3 (x1 = 0.5, x2 = -1, class 1) through neuron 1.2`.
    pub title: String,
    /// The neuron's output node, if one was picked.
    pub neuron: Option<usize>,
    /// How the loss is written in the graph, when it is not the textbook's formula.
    pub note: Option<String>,
}

/// An answer: the state, or a sample's graph.
enum Answer {
    State(Box<NetState>),
    Sample(SampleGraph),
}

/// Answers `request` with the session `slot`, changed only when the answer is not an error.
fn answer(slot: &mut Option<Session>, request: NetRequest) -> Result<Answer, String> {
    if let NetRequest::New {
        settings,
        csv,
        keep_data,
        weights,
        view,
    } = request
    {
        let data = match (keep_data, slot.as_ref()) {
            (true, Some(s)) => Some((s.train.clone(), s.test.clone(), s.extent)),
            _ => None,
        };
        let session = Session::new(*settings, csv.as_ref(), data, weights.as_deref())?;
        let state = session.state(&view);
        *slot = Some(session);
        return Ok(Answer::State(Box::new(state)));
    }
    let Some(s) = slot.as_mut() else {
        return Err(tr("net-error-no-net", &[]));
    };
    // each change checks everything before it changes anything, so a refused request leaves
    // the session as it was (and a frame's training does not copy the session)
    let view = match request {
        NetRequest::Sample { index, neuron } => {
            return s.sample_graph(index, neuron.as_deref()).map(Answer::Sample);
        }
        NetRequest::Train { steps, view } => {
            s.train_steps(steps)?;
            view
        }
        NetRequest::Rewind { view } => {
            s.restart(s.initial.clone())?;
            view
        }
        NetRequest::Reseed { seed, view } => {
            let settings = Settings {
                seed,
                ..s.settings.clone()
            };
            let mlp = model(&settings, &s.train, s.loss)?;
            let previous = std::mem::replace(&mut s.settings, settings);
            if let Err(e) = s.restart(mlp) {
                s.settings = previous;
                return Err(e);
            }
            view
        }
        NetRequest::AddPoint { x, y, view } => {
            s.add_point(x, y)?;
            view
        }
        NetRequest::DeletePoint { index, view } => {
            s.delete_point(index)?;
            view
        }
        NetRequest::SetParameter { index, value, view } => {
            s.set_parameter(index, &value)?;
            view
        }
        NetRequest::State { view } | NetRequest::New { view, .. } => view,
    };
    Ok(Answer::State(Box::new(s.state(&view))))
}

impl Session {
    /// A session of `settings`: its data (`data` when given, else the CSV file or the
    /// built-in set), its net at its first weights. Checks everything first.
    fn new(
        mut settings: Settings,
        csv: Option<&CsvFile>,
        data: Option<Data>,
        weights: Option<&[f64]>,
    ) -> Result<Session, String> {
        let (train, test, extent) = match data {
            Some(data) => data,
            None => {
                let all = load(&mut settings, csv)?;
                let (train, test) = all
                    .split(settings.test_fraction, settings.seed)
                    .map_err(|e| field("net-test-fraction", e))?;
                let extent = extent(&all);
                (train, test, extent)
            }
        };
        let loss = match &settings.loss {
            Some(name) => name.parse::<Loss>().map_err(|e| field("net-loss", e))?,
            None => Loss::default_for(train.task),
        };
        let mut mlp = model(&settings, &train, loss)?;
        if let Some(w) = weights {
            mlp.set_parameters_named(w, &tr("net-first-weights", &[]))
                .map_err(|e| e.to_string())?;
            mlp.check_finite()
                .map_err(|e| field("net-first-weights", e))?;
        }
        settings.loss = Some(loss.to_string());
        settings.output = Some(mlp.output.to_string());
        let optimizer = settings
            .optimizer
            .parse::<Optimizer>()
            .map_err(|e| field("net-optimizer", e))?;
        settings.lr = Some(settings.lr_or_default(optimizer));
        let mut session = Session {
            names: parameter_names(&mlp),
            ranges: mlp.layer_parameter_ranges(),
            trainer: Trainer::new(mlp.clone(), config(&settings, loss)?)
                .map_err(|e| e.to_string())?,
            initial: mlp,
            settings,
            train,
            test,
            loss,
            losses: Vec::new(),
            layer_norms: Vec::new(),
            test_losses: Vec::new(),
            data_version: 1,
            extent,
        };
        session.restart(session.initial.clone())?;
        Ok(session)
    }

    /// Starts again from the weights of `mlp`, the data as it is: the history is cleared.
    fn restart(&mut self, mlp: Mlp) -> Result<(), String> {
        check_fit(&mlp, &self.train, self.loss).map_err(|e| e.to_string())?;
        self.trainer = Trainer::new(mlp.clone(), config(&self.settings, self.loss)?)
            .map_err(|e| e.to_string())?;
        self.initial = mlp;
        self.losses.clear();
        self.layer_norms.clear();
        self.test_losses.clear();
        self.measure_test();
        Ok(())
    }

    /// `steps` more steps.
    fn train_steps(&mut self, steps: usize) -> Result<(), String> {
        if steps > MAX_STEPS_PER_REQUEST {
            return Err(tr(
                "net-error-steps-per-request",
                &[
                    ("steps", steps.to_string()),
                    ("limit", MAX_STEPS_PER_REQUEST.to_string()),
                ],
            ));
        }
        let (losses, norms, ranges) = (&mut self.losses, &mut self.layer_norms, &self.ranges);
        self.trainer
            .run(&self.train, steps, |step: &Step<'_>| {
                losses.push(step.loss);
                norms.push(
                    ranges
                        .iter()
                        .map(|r| {
                            step.grads[r.clone()]
                                .iter()
                                .map(|g| g * g)
                                .sum::<f64>()
                                .sqrt()
                        })
                        .collect(),
                );
            })
            .map_err(|e| e.to_string())?;
        self.measure_test();
        Ok(())
    }

    /// Records the held-out loss at the step now.
    fn measure_test(&mut self) {
        let (Some(test), Ok(mlp)) = (&self.test, self.trainer.model()) else {
            return;
        };
        if let Ok(m) = evaluate(&mlp, test, self.loss, self.settings.l2) {
            self.test_losses.push((self.trainer.steps_done(), m.loss));
        }
    }

    /// A training point at `x`, target `y`.
    fn add_point(&mut self, x: Vec<f64>, y: f64) -> Result<(), String> {
        let n = self.train.n_inputs();
        if x.len() != n {
            return Err(tr(
                "net-error-point-inputs",
                &[("n", n.to_string()), ("given", x.len().to_string())],
            ));
        }
        if !x.iter().chain([&y]).all(|v| v.is_finite()) {
            return Err(tr("net-error-point-finite", &[]));
        }
        let classes = self.train.task.classes();
        if self.train.task.is_classification()
            && !(y >= 0.0 && y < classes as f64 && y.fract() == 0.0)
        {
            return Err(tr(
                "net-error-class",
                &[
                    ("last", (classes - 1).to_string()),
                    ("given", human(y.to_string())),
                ],
            ));
        }
        if self.points_len() >= MAX_SAMPLES {
            return Err(tr(
                "net-error-max-points",
                &[("limit", MAX_SAMPLES.to_string())],
            ));
        }
        self.train.inputs.push(x);
        self.train.targets.push(y);
        self.data_changed();
        Ok(())
    }

    /// Deletes point `index` (training points first, then held-out).
    fn delete_point(&mut self, index: usize) -> Result<(), String> {
        let n = self.train.len();
        if index < n {
            if n <= 2 {
                return Err(tr("net-error-two-points", &[]));
            }
            self.train.inputs.remove(index);
            self.train.targets.remove(index);
        } else {
            let Some(test) = self.test.as_mut().filter(|t| index - n < t.len()) else {
                return Err(no_point(index, self.points_len()));
            };
            test.inputs.remove(index - n);
            test.targets.remove(index - n);
            if test.is_empty() {
                self.test = None;
            }
        }
        self.data_changed();
        Ok(())
    }

    /// Sets parameter `index` to the number typed.
    fn set_parameter(&mut self, index: usize, value: &str) -> Result<(), String> {
        let name = self
            .names
            .get(index)
            .cloned()
            .unwrap_or_else(|| tr("net-parameter", &[("index", index.to_string())]));
        let v: f64 = LANG.with(Cell::get).read_number(value).ok_or_else(|| {
            tr(
                "net-error-parameter",
                &[("name", name.clone()), ("text", value.trim().to_owned())],
            )
        })?;
        self.trainer
            .set_parameter(index, v)
            .map_err(|e| format!("{name}: {e}"))
    }

    fn points_len(&self) -> usize {
        self.train.len() + self.test.as_ref().map_or(0, Dataset::len)
    }

    /// After an edit of the points: a new version, a new epoch.
    fn data_changed(&mut self) {
        self.data_version += 1;
        self.trainer.new_epoch();
        self.test_losses
            .retain(|&(k, _)| k < self.trainer.steps_done());
        self.measure_test();
    }

    /// What the page shows now.
    fn state(&self, view: &View) -> NetState {
        let mlp = self
            .trainer
            .model()
            .and_then(|m| m.check_finite().map(|()| m));
        let since = view.since.min(self.losses.len());
        let mut state = NetState {
            settings: Some(self.settings.clone()),
            task: self.train.task.to_string(),
            classes: if self.train.task.is_classification() {
                self.train.task.classes()
            } else {
                0
            },
            loss: self.loss.to_string(),
            output: self.initial.output.to_string(),
            sizes: std::iter::once(self.initial.n_inputs)
                .chain(self.initial.layers.iter().map(|l| l.n_outputs()))
                .collect(),
            activations: self
                .initial
                .activations()
                .iter()
                .map(ToString::to_string)
                .collect(),
            names: self.names.clone(),
            layer_ranges: self.ranges.iter().map(|r| (r.start, r.end)).collect(),
            params: self.trainer.parameters().to_vec(),
            step: self.trainer.steps_done(),
            data_version: self.data_version,
            since,
            losses: self.losses[since..].to_vec(),
            layer_norms: self.layer_norms[since..].to_vec(),
            test_losses: self.test_losses.clone(),
            still_falling: gradgraph_nn::train::still_falling(&self.losses),
            extent: self.extent,
            ..NetState::default()
        };
        if view.data_version != self.data_version {
            let train = self
                .train
                .inputs
                .iter()
                .zip(&self.train.targets)
                .map(|(x, &y)| (x, y, false));
            let test = self
                .test
                .iter()
                .flat_map(|t| t.inputs.iter().zip(&t.targets).map(|(x, &y)| (x, y, true)));
            state.points = Some(
                train
                    .chain(test)
                    .map(|(x, y, test)| Point {
                        x: x.clone(),
                        y,
                        test,
                    })
                    .collect(),
            );
        }
        let mlp = match mlp {
            Ok(mlp) => mlp,
            Err(e) => {
                state.error = Some(tr("net-error-diverged", &[("error", e.to_string())]));
                return state;
            }
        };
        state.grads = self.gradient(&mlp);
        state.train = evaluate(&mlp, &self.train, self.loss, self.settings.l2).ok();
        // finite weights can still give an infinite loss or gradient (weights typed as 1e308):
        // the page says so, as it does when the weights themselves are no longer finite
        let last_loss = self.losses.last().copied().unwrap_or(0.0);
        let loss_now = state.train.as_ref().map_or(0.0, |m| m.loss);
        if !(last_loss.is_finite()
            && loss_now.is_finite()
            && state.grads.iter().all(|g| g.is_finite()))
        {
            let detail = tr(
                "net-error-not-finite",
                &[("step", self.trainer.steps_done().to_string())],
            );
            state.error = Some(tr("net-error-diverged", &[("error", detail)]));
        }
        state.test = self
            .test
            .as_ref()
            .and_then(|t| evaluate(&mlp, t, self.loss, self.settings.l2).ok());
        let (x0, x1, y0, y1) = self.extent;
        if self.train.n_inputs() == 2 && view.map > 0 {
            let n = view.map.min(MAX_MAP_CELLS);
            let centre = |i: usize, lo: f64, hi: f64| lo + (hi - lo) * (i as f64 + 0.5) / n as f64;
            let xs: Vec<Vec<f64>> = (0..n * n)
                .map(|k| vec![centre(k % n, x0, x1), centre(k / n, y0, y1)])
                .collect();
            if let Ok(ys) = mlp.predict(&xs) {
                state.map = ys
                    .iter()
                    .map(|y| {
                        if y.len() == 1 {
                            round(y[0])
                        } else {
                            argmax(y) as f64
                        }
                    })
                    .collect();
                state.map_cells = n;
                state.threshold =
                    (mlp.n_outputs() == 1).then(|| decision_threshold(self.loss, mlp.output));
            }
        } else if self.train.n_inputs() == 1 {
            let n = 200;
            let xs: Vec<Vec<f64>> = (0..=n)
                .map(|i| vec![x0 + (x1 - x0) * i as f64 / n as f64])
                .collect();
            if let Ok(ys) = mlp.predict(&xs) {
                state.curve = xs.iter().zip(ys).map(|(x, y)| (x[0], y[0])).collect();
            }
        }
        state
    }

    /// The gradient of the training loss (the whole training set, with L2) at `mlp`'s
    /// parameters: one step of plain SGD at rate 0.
    fn gradient(&self, mlp: &Mlp) -> Vec<f64> {
        let config = TrainConfig {
            loss: self.loss,
            l2: self.settings.l2,
            optimizer: Optimizer::sgd(),
            lr: 0.0,
            steps: 1,
            ..TrainConfig::default()
        };
        let mut grads = Vec::new();
        if let Ok(mut probe) = Trainer::new(mlp.clone(), config) {
            let _ = probe.run(&self.train, 1, |s| grads = s.grads.to_vec());
        }
        grads
    }

    /// Point `index`'s graph through the model now (see [`NetRequest::Sample`]).
    fn sample_graph(&self, index: usize, neuron: Option<&str>) -> Result<SampleGraph, String> {
        let n = self.train.len();
        let (x, y, held) = if index < n {
            (&self.train.inputs[index], self.train.targets[index], false)
        } else {
            let t = self
                .test
                .as_ref()
                .filter(|t| index - n < t.len())
                .ok_or_else(|| no_point(index, self.points_len()))?;
            (&t.inputs[index - n], t.targets[index - n], true)
        };
        let mlp = self.trainer.model().map_err(|e| e.to_string())?;
        let picked = match neuron {
            Some(text) => Some(parse_neuron(text, &mlp)?),
            None => None,
        };
        let g = Graph::new();
        let inputs: Vec<Value<'_>> = x
            .iter()
            .enumerate()
            .map(|(i, &v)| g.input(v).with_label(&format!("x{}", i + 1)))
            .collect();
        let mut bound = mlp.bind(&g);
        let layers = bound.forward_layers(&inputs).map_err(|e| e.to_string())?;
        // each neuron's nodes by the learner's names: its weighted sum z1.2, its output h1.2
        let mut names = std::collections::HashMap::new();
        for (l, layer) in layers.iter().enumerate() {
            for (j, &v) in layer.iter().enumerate() {
                let id = format!("{}.{}", l + 1, j + 1);
                let sum = match v.op() {
                    gradgraph::Op::WeightedSum(_) => None,
                    _ => g.operands(v).first().copied(),
                };
                match sum {
                    Some(z) => {
                        z.with_label(&format!("z{id}"));
                        v.with_label(&format!("h{id}"));
                        names.insert(v.index(), format!("h{id}"));
                    }
                    None => {
                        v.with_label(&format!("z{id}"));
                        names.insert(v.index(), format!("z{id}"));
                    }
                }
            }
        }
        let z = layers.last().cloned().unwrap_or_default();
        let mut target = vec![0.0; mlp.n_outputs()];
        encode_target(self.loss, self.train.task, y, &mut target);
        let one = target.len() == 1;
        let t: Vec<Value<'_>> = target
            .iter()
            .enumerate()
            .map(|(k, &v)| {
                let name = if one {
                    "y".to_owned()
                } else {
                    format!("y{}", k + 1)
                };
                g.constant(v).with_label(&name)
            })
            .collect();
        let root = self
            .loss
            .sample(&g, mlp.output, &z, &t)
            .map_err(|e| e.to_string())?
            .with_label(&tr("net-loss-node", &[]));
        let what = match self.train.task {
            Task::Regression => format!("y = {}", human(short(y))),
            _ => tr("net-class", &[("k", y.to_string())]),
        };
        let xs: Vec<String> = x
            .iter()
            .enumerate()
            .map(|(i, v)| format!("x{} = {}", i + 1, human(short(*v))))
            .collect();
        // in Portuguese, a decimal comma: the values apart with semicolons
        let apart = if LANG.with(Cell::get) == Lang::PtBr {
            "; "
        } else {
            ", "
        };
        let title = tr(
            if held {
                "net-sample-held-out"
            } else {
                "net-sample-training"
            },
            &[
                ("n", (index + 1).to_string()),
                ("inputs", xs.join(apart)),
                ("what", what),
            ],
        );
        let full = GraphData::from_graph(&g, root);
        let Some((l, j)) = picked else {
            check_drawable(full.nodes.len())?;
            let title = tr("net-sample-whole", &[("title", title)]);
            return Ok(SampleGraph {
                graph: full,
                title,
                neuron: None,
                note: loss_note(self.loss),
            });
        };
        let title = tr(
            "net-sample-neuron",
            &[("title", title), ("neuron", format!("{}.{}", l + 1, j + 1))],
        );
        let out = layers[l][j].index();
        // the values of the nodes held as constants: the sample's graph, computed
        let values: Vec<f64> = g.values().map(|v| v.data()).collect();
        let (graph, neuron) = cut(&full, &values, out, &names)?;
        Ok(SampleGraph {
            graph,
            title,
            neuron: Some(neuron),
            note: loss_note(self.loss),
        })
    }
}

/// How `loss` is written in a sample's graph, when that is not the formula of the textbooks.
fn loss_note(loss: Loss) -> Option<String> {
    match loss {
        Loss::Bce => Some(tr("net-note-bce", &[])),
        Loss::Hinge => Some(tr("net-note-hinge", &[])),
        Loss::CrossEntropy => Some(tr("net-note-cross-entropy", &[])),
        Loss::Mse => None,
    }
}

/// There is no point `index`.
fn no_point(index: usize, count: usize) -> String {
    tr(
        "net-error-no-point",
        &[("index", index.to_string()), ("count", count.to_string())],
    )
}

/// Refuses a graph too large to open.
fn check_drawable(nodes: usize) -> Result<(), String> {
    if nodes > MAX_SAMPLE_NODES {
        return Err(tr(
            "net-error-sample-too-large",
            &[
                ("nodes", nodes.to_string()),
                ("limit", MAX_SAMPLE_NODES.to_string()),
            ],
        ));
    }
    Ok(())
}

/// The part of `full` that passes through node `through`: its ancestors, the nodes between
/// it and the output, and, held at their `values` (by node) as named constants, the other
/// operands of those nodes (`names` names them: `h2.3` for neuron 2.3's output). Returns
/// the graph and the index of `through` in it.
fn cut(
    full: &GraphData,
    values: &[f64],
    through: usize,
    names: &std::collections::HashMap<usize, String>,
) -> Result<(GraphData, usize), String> {
    let n = full.nodes.len();
    let root = full.output;
    // above: the ancestors of `through`, itself included
    let mut above = vec![false; n];
    above[through] = true;
    for i in (0..=through).rev() {
        if above[i] {
            for &k in &full.nodes[i].operands {
                above[k] = true;
            }
        }
    }
    // below: nodes that depend on `through` and that the output depends on
    let mut after = vec![false; n];
    after[through] = true;
    for i in through + 1..n {
        after[i] = full.nodes[i].operands.iter().any(|&k| after[k]);
    }
    let mut feeds = vec![false; n];
    feeds[root] = true;
    for i in (0..=root).rev() {
        if feeds[i] {
            for &k in &full.nodes[i].operands {
                feeds[k] = true;
            }
        }
    }
    let below: Vec<bool> = (0..n)
        .map(|i| after[i] && feeds[i] && i != through)
        .collect();
    // what is kept, and which kept nodes are cut to constants
    let mut keep: Vec<bool> = above.iter().zip(&below).map(|(a, b)| a | b).collect();
    let mut constant = vec![false; n];
    for (node, _) in full.nodes.iter().zip(&below).filter(|(_, b)| **b) {
        for &k in &node.operands {
            if !keep[k] {
                keep[k] = true;
                constant[k] = !full.nodes[k].operands.is_empty();
            }
        }
    }
    let count = keep.iter().filter(|&&k| k).count();
    check_drawable(count)?;
    let mut index = vec![usize::MAX; n];
    let mut nodes = Vec::with_capacity(count);
    for i in 0..n {
        if !keep[i] {
            continue;
        }
        index[i] = nodes.len();
        let node = &full.nodes[i];
        nodes.push(if constant[i] {
            crate::graph::NodeData {
                op: "constant".to_owned(),
                value: Some(values[i]),
                label: Some(
                    names
                        .get(&i)
                        .cloned()
                        .unwrap_or_else(|| tr("net-node", &[("i", i.to_string())])),
                ),
                ..Default::default()
            }
        } else {
            crate::graph::NodeData {
                operands: node.operands.iter().map(|&k| index[k]).collect(),
                ..node.clone()
            }
        });
    }
    Ok((
        GraphData {
            nodes,
            output: index[root],
        },
        index[through],
    ))
}

/// `"L.N"`: layer L's neuron N (from 1), checked against `mlp`; from 0.
fn parse_neuron(text: &str, mlp: &Mlp) -> Result<(usize, usize), String> {
    let bad = || {
        tr(
            "net-error-neuron-name",
            &[
                ("text", text.to_owned()),
                ("layers", mlp.layers.len().to_string()),
            ],
        )
    };
    let (l, j) = text.trim().split_once('.').ok_or_else(bad)?;
    let (l, j): (usize, usize) = (l.parse().map_err(|_| bad())?, j.parse().map_err(|_| bad())?);
    let layer = mlp.layers.get(l.wrapping_sub(1)).ok_or_else(bad)?;
    if j == 0 || j > layer.n_outputs() {
        return Err(tr(
            "net-error-neuron-range",
            &[
                ("text", text.to_owned()),
                ("layer", l.to_string()),
                ("last", layer.n_outputs().to_string()),
            ],
        ));
    }
    Ok((l - 1, j - 1))
}

/// The data of `settings` (a built-in set) or of `csv`; `settings` then names it.
fn load(settings: &mut Settings, csv: Option<&CsvFile>) -> Result<Dataset, String> {
    let all = match csv {
        Some(file) => {
            if file.text.len() > MAX_CSV_BYTES {
                return Err(tr(
                    "net-error-csv-too-big",
                    &[
                        ("name", file.name.clone()),
                        ("bytes", file.text.len().to_string()),
                        ("limit", MAX_CSV_BYTES.to_string()),
                    ],
                ));
            }
            settings.dataset = file.name.clone();
            settings.samples = None;
            settings.noise = None;
            Dataset::parse_csv(&file.text, &file.name).map_err(|e| e.to_string())?
        }
        None => {
            if !BUILTIN.contains(&settings.dataset.as_str()) {
                return Err(tr(
                    "net-error-unknown-dataset",
                    &[
                        ("name", settings.dataset.clone()),
                        ("builtin", BUILTIN.join(", ")),
                    ],
                ));
            }
            if settings.samples.is_some_and(|n| n > MAX_SAMPLES) {
                return Err(tr(
                    "net-error-samples-limit",
                    &[
                        ("what", tr("net-samples", &[])),
                        ("n", settings.samples.unwrap_or(0).to_string()),
                        ("limit", MAX_SAMPLES.to_string()),
                    ],
                ));
            }
            Dataset::builtin(
                &settings.dataset,
                settings.samples,
                settings.noise,
                settings.seed,
            )
            .map_err(|e| e.to_string())?
        }
    };
    if all.len() > MAX_SAMPLES {
        return Err(tr(
            "net-error-too-many-samples",
            &[
                ("name", all.name.clone()),
                ("n", all.len().to_string()),
                ("limit", MAX_SAMPLES.to_string()),
            ],
        ));
    }
    Ok(all)
}

/// The net of `settings` for `data` and `loss`, at its first weights: what `gradgraph train`
/// builds from the same flags.
fn model(settings: &Settings, data: &Dataset, loss: Loss) -> Result<Mlp, String> {
    let activations = settings
        .activation
        .iter()
        .map(|a| {
            a.parse::<Activation>()
                .map_err(|e| field("net-activation", e))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let hidden = &settings.hidden;
    if activations.len() != 1 && activations.len() != hidden.len() {
        return Err(tr(
            "net-error-activations-count",
            &[
                ("activations", activations.len().to_string()),
                ("hidden", hidden.len().to_string()),
            ],
        ));
    }
    if hidden.contains(&0) {
        return Err(tr("net-error-empty-layer", &[]));
    }
    let output = match &settings.output {
        Some(name) => name.parse::<Output>().map_err(|e| field("net-output", e))?,
        None => Output::default_for(loss, data.task),
    };
    output.check_fits(loss, data.task).map_err(|e| {
        tr(
            "net-error-output-loss",
            &[
                ("output", output.to_string()),
                ("loss", loss.to_string()),
                ("error", e.to_string()),
            ],
        )
    })?;
    let mut sizes = vec![data.n_inputs()];
    sizes.extend_from_slice(hidden);
    sizes.push(loss.outputs_for(data.task));
    let size = graph_size(&sizes, 1);
    if size.weights > MAX_PARAMETERS {
        return Err(tr(
            "net-error-too-many-parameters",
            &[
                ("n", size.weights.to_string()),
                ("limit", MAX_PARAMETERS.to_string()),
            ],
        ));
    }
    let mlp = Mlp::builder(&sizes)
        .activations(&activations)
        .output(output)
        .seed(settings.seed)
        .build()
        .map_err(|e| e.to_string())?;
    check_fit(&mlp, data, loss).map_err(|e| {
        tr(
            "net-error-loss-fit",
            &[("loss", loss.to_string()), ("error", e.to_string())],
        )
    })?;
    Ok(mlp)
}

/// How `settings` train, with `loss`.
fn config(settings: &Settings, loss: Loss) -> Result<TrainConfig, String> {
    if settings.batch_size == Some(0) {
        return Err(tr(
            "net-error-batch-zero",
            &[("what", tr("net-batch", &[]))],
        ));
    }
    if settings.steps == 0 {
        return Err(tr(
            "net-error-steps-zero",
            &[("what", tr("net-steps", &[]))],
        ));
    }
    let optimizer = settings
        .optimizer
        .parse::<Optimizer>()
        .map_err(|e| field("net-optimizer", e))?;
    Ok(TrainConfig {
        loss,
        l2: settings.l2,
        optimizer,
        lr: settings.lr_or_default(optimizer),
        lr_end: settings.lr_end,
        steps: settings.steps,
        batch_size: settings.batch_size,
        clip: Clip {
            value: settings.clip_value,
            norm: settings.clip_norm,
        },
        seed: settings.seed,
        threads: 1,
    })
}

/// Every parameter's name in canonical order, as the net's graph labels them.
fn parameter_names(mlp: &Mlp) -> Vec<String> {
    let g = Graph::new();
    let inputs: Vec<Value<'_>> = (0..mlp.n_inputs).map(|_| g.input(0.0)).collect();
    let mut bound = mlp.bind(&g);
    // binding happens as the forward pass reaches each neuron
    let _ = bound.forward(&inputs);
    bound
        .parameters()
        .iter()
        .map(|p| p.label().unwrap_or_default())
        .collect()
}

/// The map's extent: the data's range, padded by a tenth on each side, as `train --plot`
/// draws it.
fn extent(data: &Dataset) -> Extent {
    let (x0, x1) = padded_range(data.inputs.iter().map(|x| x[0]));
    let (y0, y1) = if data.n_inputs() >= 2 {
        padded_range(data.inputs.iter().map(|x| x[1]))
    } else {
        padded_range(data.targets.iter().copied())
    };
    (x0, x1, y0, y1)
}

/// A map value to 4 decimals (the map is a picture: its JSON stays small).
fn round(v: f64) -> f64 {
    if v.is_finite() {
        (v * 1e4).round() / 1e4
    } else {
        v
    }
}

/// The index of the largest value.
fn argmax(y: &[f64]) -> usize {
    let mut best = 0;
    for (k, v) in y.iter().enumerate() {
        if *v > y[best] {
            best = k;
        }
    }
    best
}

/// A number in a title: 4 significant digits.
fn short(x: f64) -> String {
    let t = format!("{x:.4e}");
    match t.parse::<f64>() {
        Ok(v) if (1e-4..1e6).contains(&v.abs()) || v == 0.0 => gradgraph::format_number(v),
        _ => t,
    }
}
