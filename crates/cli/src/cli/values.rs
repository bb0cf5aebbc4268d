//! Flag values: the parsers clap runs on each flag's text, and the choices it offers.
//!
//! A value that does not fit is refused while the flags are parsed, before any work: clap
//! prints `error: invalid value 'VALUE' for '--flag <NAME>': what was expected` and exits
//! with code 2. Checks that need more than one flag, or the data, come after, in each
//! command's plan.

use super::t;
use clap::ValueEnum;
use gradgraph_course::quiz::{Level, Tolerance};
use gradgraph_draw::{Collapse, RankDir};
use gradgraph_nn::data::{BUILTIN, MAX_SAMPLES, Task};
use gradgraph_nn::train::MAX_STEPS;
use gradgraph_nn::{Activation, Init, Loss, Optimizer, Output};
use std::path::{Path, PathBuf};

/// A number, as Rust reads it (`0.5`, `1e-3`, `-2`; `inf` and `NaN` too, refused by the
/// callers that want a finite one).
fn number(s: &str) -> Result<f64, String> {
    // a decimal comma, `0,05`, is read in Portuguese as `--at` reads it
    super::lang()
        .read_number(s)
        .or_else(|| s.trim().parse().ok())
        .ok_or_else(|| t("at-not-a-number", &[("value", s.into())]))
}

/// A finite number of at least 0: `--l2`, `--lr`, `--lr-end`, `--noise`.
pub fn non_negative(s: &str) -> Result<f64, String> {
    match number(s)? {
        v if v.is_finite() && v >= 0.0 => Ok(v),
        _ => Err(t("value-non-negative", &[])),
    }
}

/// A finite number above 0: `--clip-value`, `--clip-norm`.
pub fn positive(s: &str) -> Result<f64, String> {
    match number(s)? {
        v if v.is_finite() && v > 0.0 => Ok(v),
        _ => Err(t("value-positive", &[])),
    }
}

/// A fraction in [0, 1): `--test-fraction`.
pub fn fraction(s: &str) -> Result<f64, String> {
    match number(s)? {
        v if (0.0..1.0).contains(&v) => Ok(v),
        _ => Err(t("value-fraction", &[])),
    }
}

/// A whole number from `lo` to `hi`; `what` says what is counted, for the message.
fn count(s: &str, lo: usize, hi: usize, what: &str) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(n) if (lo..=hi).contains(&n) => Ok(n),
        Err(_) if !is_digits(s) => Err(t("value-not-whole", &[("value", s.into())])),
        _ if hi == usize::MAX => Err(t(
            "value-at-least",
            &[
                ("least", lo.to_string().into()),
                ("what", t(&format!("value-what-{what}"), &[]).into()),
            ],
        )),
        _ => Err(t(
            "value-range",
            &[
                ("what", t(&format!("value-what-{what}"), &[]).into()),
                ("lo", lo.to_string().into()),
                ("hi", hi.to_string().into()),
            ],
        )),
    }
}

/// `--batch-size`: at least one sample.
pub fn batch_size(s: &str) -> Result<usize, String> {
    count(s, 1, usize::MAX, "sample")
}

/// `--max-nodes`: at least one node.
pub fn max_nodes(s: &str) -> Result<usize, String> {
    count(s, 1, usize::MAX, "node")
}

/// The largest `--max-frames`.
pub const MAX_FRAMES_LIMIT: usize = 10_000;

/// `--max-frames`: from 1 to [`MAX_FRAMES_LIMIT`].
pub fn max_frames(s: &str) -> Result<usize, String> {
    count(s, 1, MAX_FRAMES_LIMIT, "frames")
}

/// `--digits`: significant digits, from 1 to 17.
pub fn digits(s: &str) -> Result<usize, String> {
    count(s, 1, 17, "digits")
}

/// `--max-input-mb`: from 1 megabyte to 64 GiB.
pub fn megabytes(s: &str) -> Result<u64, String> {
    count(s, 1, 65_536, "megabytes").map(|mb| mb as u64)
}

/// `--steps`: at most [`MAX_STEPS`] updates (0 trains nothing, and reports the loss).
pub fn steps(s: &str) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(n) if n <= MAX_STEPS => Ok(n),
        Err(_) if !is_digits(s) => Err(t("value-not-steps", &[("value", s.into())])),
        _ => Err(t(
            "value-too-many-steps",
            &[("limit", MAX_STEPS.to_string().into())],
        )),
    }
}

/// `--samples`: from 2 to [`MAX_SAMPLES`], the most a built-in set generates.
pub fn samples(s: &str) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(n) if (2..=MAX_SAMPLES).contains(&n) => Ok(n),
        Ok(n) if n < 2 => Err(t("value-few-samples", &[("got", n.to_string().into())])),
        Err(_) if !is_digits(s) => Err(t("value-not-samples", &[("value", s.into())])),
        _ => Err(t(
            "value-too-many-samples",
            &[("limit", MAX_SAMPLES.to_string().into())],
        )),
    }
}

/// True for a text of digits alone: a whole number, perhaps too large for its type.
fn is_digits(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit())
}

/// `--tolerance`: a relative tolerance in [0, 1), as [`Tolerance::new`] takes it.
pub fn relative_tolerance(s: &str) -> Result<f64, String> {
    let v = number(s)?;
    Tolerance::new(v, 0.0)
        .map(|t| t.relative)
        .map_err(|e| e.text(super::lang()))
}

/// `--abs-tolerance`: an absolute tolerance of at least 0, as [`Tolerance::new`] takes it.
pub fn absolute_tolerance(s: &str) -> Result<f64, String> {
    let v = number(s)?;
    Tolerance::new(0.0, v)
        .map(|t| t.absolute)
        .map_err(|e| e.text(super::lang()))
}

/// The name among `names` (each without its `:ARGUMENT`) that `given` (without its own) is
/// most likely a typo of, as `expr` finds a function's name: `circle` → `circles`.
pub fn close_name<'a>(given: &str, names: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let given = given.split(':').next().unwrap_or(given).trim();
    let given = given.to_ascii_lowercase().replace('-', "_");
    let names = names.into_iter().map(|n| n.split(':').next().unwrap_or(n));
    gradgraph::expr::did_you_mean(&given, names)
}

/// A value clap refused among its possible values (`--loss mes`, `--rankdir lr`), with the
/// tip of the one it is closest to where clap's own likeness found none, as for every other
/// named choice.
pub fn suggest_value(mut err: clap::Error) -> clap::Error {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if err.kind() != ErrorKind::InvalidValue || err.get(ContextKind::SuggestedValue).is_some() {
        return err;
    }
    let Some(ContextValue::String(given)) = err.get(ContextKind::InvalidValue) else {
        return err;
    };
    let Some(ContextValue::Strings(valid)) = err.get(ContextKind::ValidValue) else {
        return err;
    };
    let close = close_name(given, valid.iter().map(String::as_str)).map(str::to_owned);
    if let Some(close) = close {
        err.insert(ContextKind::SuggestedValue, ContextValue::String(close));
    }
    err
}

/// The message of a name the library does not know, with the name it is closest to among
/// `names`: `unknown loss "mes"; did you mean `mse`? (known: ...)`.
fn unknown(e: gradgraph_nn::Error, names: &[&str]) -> String {
    match e {
        gradgraph_nn::Error::Unknown { kind, name, known } => {
            match close_name(&name, names.iter().copied()) {
                Some(close) => t(
                    "value-unknown-did-you-mean",
                    &[
                        ("kind", super::kind_text(kind).into()),
                        ("name", format!("{name:?}").into()),
                        ("close", close.into()),
                        ("known", known.into()),
                    ],
                ),
                None => t(
                    "error-unknown",
                    &[
                        ("kind", super::kind_text(kind).into()),
                        ("name", format!("{name:?}").into()),
                        ("known", known.into()),
                    ],
                ),
            }
        }
        e => e.to_string(),
    }
}

/// One activation of `--activation` (a list: one for all hidden layers, or one per layer),
/// as [`Activation`]'s `FromStr` reads it: `tanh`, `leaky_relu:0.1`.
pub fn activation(s: &str) -> Result<Activation, String> {
    s.parse().map_err(|e| unknown(e, &Activation::names()))
}

/// `--optimizer`: `sgd`, `momentum[:MU]` or `adam`, as [`Optimizer`]'s `FromStr` reads it.
pub fn optimizer(s: &str) -> Result<Optimizer, String> {
    s.parse().map_err(|e| unknown(e, Optimizer::NAMES))
}

/// One item of `--hidden`: a layer's size, or `none` (no hidden layer, alone).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hidden {
    /// `none`, or nothing: no hidden layer.
    None,
    /// A hidden layer of this many units.
    Units(usize),
}

/// One item of `--hidden`: a positive size, or `none`.
pub fn hidden(s: &str) -> Result<Hidden, String> {
    let t = s.trim();
    if t.is_empty() || t.eq_ignore_ascii_case("none") {
        return Ok(Hidden::None);
    }
    match t.parse::<usize>() {
        Ok(n) if n > 0 => Ok(Hidden::Units(n)),
        _ => Err(format!(
            "{s:?} is not a positive layer size (expected sizes like 16,16, or none)"
        )),
    }
}

/// `--init`: a scheme, or else a file of numbers.
#[derive(Clone, Debug, PartialEq)]
pub enum InitArg {
    /// A scheme, as [`Init`]'s `FromStr` reads it.
    Scheme(Init),
    /// A file of numbers, one per parameter.
    File(PathBuf),
}

/// `--init SCHEME|FILE`: a scheme name, or else a file that exists.
pub fn init(s: &str) -> Result<InitArg, String> {
    match s.parse::<Init>() {
        Ok(scheme) => Ok(InitArg::Scheme(scheme)),
        Err(_) if Path::new(s).exists() => Ok(InitArg::File(PathBuf::from(s))),
        Err(e) => Err(t(
            "value-init-no-file",
            &[
                ("unknown", unknown(e, Init::NAMES).into()),
                ("name", format!("{s:?}").into()),
            ],
        )),
    }
}

/// `--dataset`: a built-in set or a CSV file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DataSource {
    /// A built-in set, by its name in lower case.
    Builtin(String),
    /// A CSV file.
    File(PathBuf),
}

impl DataSource {
    /// The built-in set's name, if it is one.
    pub fn builtin(&self) -> Option<&str> {
        match self {
            DataSource::Builtin(name) => Some(name),
            DataSource::File(_) => None,
        }
    }
}

/// `--dataset NAME|FILE.csv`: a file when the text names one (a path that exists, has a
/// separator or ends in `.csv`), else one of [`BUILTIN`] (in any case).
pub fn dataset(s: &str) -> Result<DataSource, String> {
    if names_a_file(s) {
        return Ok(DataSource::File(PathBuf::from(s)));
    }
    let name = s.trim().to_ascii_lowercase();
    if BUILTIN.contains(&name.as_str()) {
        return Ok(DataSource::Builtin(name));
    }
    let known = t("value-datasets", &[("names", BUILTIN.join(", ").into())]);
    Err(match close_name(&name, BUILTIN.iter().copied()) {
        Some(close) => t(
            "value-unknown-dataset-did-you-mean",
            &[
                ("name", format!("{:?}", s.trim()).into()),
                ("close", close.into()),
                ("known", known.into()),
            ],
        ),
        None => t(
            "value-unknown-dataset",
            &[
                ("name", format!("{:?}", s.trim()).into()),
                ("known", known.into()),
            ],
        ),
    })
}

/// True when `--dataset NAME` is a file to read rather than a built-in set: a path that
/// exists, has a separator or ends in `.csv`.
fn names_a_file(name: &str) -> bool {
    Path::new(name).exists()
        || name.contains('/')
        || name.contains(std::path::MAIN_SEPARATOR)
        || name.to_ascii_lowercase().ends_with(".csv")
}

/// `--output`: what the model outputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputChoice {
    /// The raw scores.
    #[value(alias = "identity", alias = "none")]
    Linear,
    /// A probability of class 1, for one output.
    #[value(alias = "logistic")]
    Sigmoid,
    /// A probability per class, for two outputs or more.
    Softmax,
}

impl From<OutputChoice> for Output {
    fn from(choice: OutputChoice) -> Output {
        match choice {
            OutputChoice::Linear => Output::Linear,
            OutputChoice::Sigmoid => Output::Sigmoid,
            OutputChoice::Softmax => Output::Softmax,
        }
    }
}

/// `--loss`: the loss function.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LossChoice {
    /// Mean squared error, for regression.
    #[value(alias = "squared_error", alias = "squared-error")]
    Mse,
    /// Binary cross-entropy on one score, for two classes.
    #[value(
        alias = "binary_cross_entropy",
        alias = "binary-cross-entropy",
        alias = "logistic"
    )]
    Bce,
    /// The hinge loss max(0, 1 − y·score), for two classes.
    #[value(alias = "max_margin", alias = "max-margin", alias = "svm")]
    Hinge,
    /// Softmax cross-entropy, one score per class.
    #[value(
        name = "cross_entropy",
        alias = "cross-entropy",
        alias = "ce",
        alias = "softmax",
        alias = "softmax_cross_entropy",
        alias = "softmax-cross-entropy"
    )]
    CrossEntropy,
}

impl From<LossChoice> for Loss {
    fn from(choice: LossChoice) -> Loss {
        match choice {
            LossChoice::Mse => Loss::Mse,
            LossChoice::Bce => Loss::Bce,
            LossChoice::Hinge => Loss::Hinge,
            LossChoice::CrossEntropy => Loss::CrossEntropy,
        }
    }
}

/// `--task`: what a CSV file's targets are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TaskChoice {
    /// Numbers to fit.
    Regression,
    /// Two classes, 0 and 1 (or −1 and 1).
    Binary,
    /// Classes 0, 1, 2, …
    Classes,
}

impl TaskChoice {
    /// The task, for targets whose largest class is `largest` (classes 0 to `largest`).
    pub fn task(self, largest: f64) -> Task {
        match self {
            TaskChoice::Regression => Task::Regression,
            TaskChoice::Binary => Task::Binary,
            TaskChoice::Classes => Task::Classes(((largest as usize).saturating_add(1)).max(2)),
        }
    }
}

/// `--rankdir`: the layout direction.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum RankDirChoice {
    /// Left to right: reads like a formula.
    #[default]
    #[value(name = "LR")]
    Lr,
    /// Top to bottom: fits tall slides and deep chains.
    #[value(name = "TB")]
    Tb,
}

impl From<RankDirChoice> for RankDir {
    fn from(choice: RankDirChoice) -> RankDir {
        match choice {
            RankDirChoice::Lr => RankDir::LeftToRight,
            RankDirChoice::Tb => RankDir::TopToBottom,
        }
    }
}

/// `--collapse`: how much of a net's grouping is folded into single nodes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CollapseChoice {
    /// One node per neuron (innermost group), inside a cluster per layer.
    #[value(alias = "neuron", alias = "innermost")]
    Neurons,
    /// One node per layer (outermost group).
    #[value(alias = "layer", alias = "outermost")]
    Layers,
    /// Every value drawn.
    None,
}

impl From<CollapseChoice> for Collapse {
    fn from(choice: CollapseChoice) -> Collapse {
        match choice {
            CollapseChoice::Neurons => Collapse::Innermost,
            CollapseChoice::Layers => Collapse::Outermost,
            CollapseChoice::None => Collapse::None,
        }
    }
}

/// `--level`: the size of a random exercise.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LevelChoice {
    /// 2 variables, 1 function.
    Easy,
    /// 3 variables, one used twice, 2 functions.
    Medium,
    /// Two variables reused, 3 functions, a power.
    Hard,
}

impl From<LevelChoice> for Level {
    fn from(choice: LevelChoice) -> Level {
        match choice {
            LevelChoice::Easy => Level::Easy,
            LevelChoice::Medium => Level::Medium,
            LevelChoice::Hard => Level::Hard,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    /// Every name and alias clap accepts for `C` reads, with the library's `FromStr`, as the
    /// same value; and every name the library lists is one clap accepts.
    fn agrees<C, L>(library_names: &[&str])
    where
        C: ValueEnum + Copy + std::fmt::Debug,
        L: From<C> + FromStr + PartialEq + std::fmt::Debug,
    {
        for choice in C::value_variants() {
            let value = choice.to_possible_value().expect("a visible value");
            for name in value.get_name_and_aliases() {
                let parsed = L::from_str(name).ok();
                assert_eq!(parsed, Some(L::from(*choice)), "{name}");
                assert_eq!(
                    C::from_str(&name.to_uppercase(), true).ok().map(L::from),
                    parsed
                );
            }
        }
        for name in library_names {
            assert!(C::from_str(name, true).is_ok(), "{name} is not a choice");
        }
    }

    #[test]
    fn the_choices_are_the_library_s() {
        agrees::<OutputChoice, Output>(Output::NAMES);
        agrees::<LossChoice, Loss>(Loss::NAMES);
        agrees::<RankDirChoice, RankDir>(&["LR", "TB"]);
        agrees::<CollapseChoice, Collapse>(&["neurons", "layers", "none"]);
        agrees::<LevelChoice, Level>(&Level::ALL.map(Level::as_str));
    }

    #[test]
    fn tolerances_are_checked_as_the_library_does() {
        assert_eq!(relative_tolerance("0.01"), Ok(0.01));
        assert!(
            relative_tolerance("1")
                .unwrap_err()
                .contains("below 1, not 1")
        );
        assert_eq!(absolute_tolerance("0"), Ok(0.0));
        assert!(
            absolute_tolerance("-1")
                .unwrap_err()
                .contains("at least 0, not -1")
        );
        assert_eq!(
            absolute_tolerance("x"),
            Err("`x` is not a number".to_owned())
        );
    }

    #[test]
    fn numbers_are_checked_with_the_flag_s_range() {
        assert_eq!(non_negative("0"), Ok(0.0));
        assert_eq!(non_negative(" 1e-3 "), Ok(1e-3));
        for bad in ["-1", "inf", "NaN", "1e999"] {
            assert_eq!(
                non_negative(bad),
                Err("expected a finite non-negative number".to_owned())
            );
        }
        assert_eq!(
            non_negative("many"),
            Err("`many` is not a number".to_owned())
        );
        assert!(positive("0").is_err() && positive("0.5").is_ok());
        assert!(fraction("1").is_err() && fraction("0").is_ok() && fraction("NaN").is_err());
        assert_eq!(steps("0"), Ok(0));
        assert!(
            steps(&(MAX_STEPS + 1).to_string())
                .unwrap_err()
                .contains("limit of")
        );
        assert!(
            steps("18446744073709551616")
                .unwrap_err()
                .contains("limit of")
        );
        assert!(samples("1").unwrap_err().contains("at least 2"));
        assert!(
            samples("18446744073709551615")
                .unwrap_err()
                .contains("limit of 1000000")
        );
        assert_eq!(
            max_frames("0"),
            Err("expected a number of frames from 1 to 10000".into())
        );
        assert_eq!(batch_size("0"), Err("expected at least 1 sample".into()));
        assert_eq!(megabytes("65536"), Ok(65_536));
        assert!(megabytes("0").is_err());
        assert_eq!(
            max_nodes("many"),
            Err("`many` is not a whole number".into())
        );
        assert!(megabytes("65537").unwrap_err().contains("from 1 to 65536"));
    }

    #[test]
    fn lists_and_sources() {
        assert_eq!(hidden("none"), Ok(Hidden::None));
        assert_eq!(hidden(" 16"), Ok(Hidden::Units(16)));
        assert!(hidden("0").is_err() && hidden("x").is_err());
        assert_eq!(dataset("Moons"), Ok(DataSource::Builtin("moons".into())));
        assert_eq!(
            dataset("points.csv"),
            Ok(DataSource::File(PathBuf::from("points.csv")))
        );
        assert!(
            dataset("moon")
                .unwrap_err()
                .contains("built-in: xor, circles")
        );
        assert_eq!(init("xavier"), Ok(InitArg::Scheme(Init::GlorotUniform)));
        assert!(init("glorius").unwrap_err().contains("no file named"));
        assert_eq!(TaskChoice::Classes.task(2.0), Task::Classes(3));
        assert_eq!(TaskChoice::Classes.task(0.0), Task::Classes(2));
    }
}
