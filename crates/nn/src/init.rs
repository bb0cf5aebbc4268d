//! Weight initialisation: how the first weights are drawn, and reading them from a file.
//!
//! For a neuron with `fan_in` inputs in a layer of `fan_out` neurons, the schemes draw every
//! weight independently; biases start at 0 (as micrograd and the papers do). The aim of
//! Glorot and He is to keep the variance of the activations (and of the back-propagated
//! gradients) the same from layer to layer, which is what stops gradients from vanishing or
//! exploding at the start of training:
//!
//! | scheme | distribution | variance |
//! |---|---|---|
//! | `Uniform(a)` | U(−a, a) (micrograd: a = 1) | a²/3 |
//! | `Normal(s)` | N(0, s²) | s² |
//! | Glorot/Xavier uniform | U(−√(6/(fan_in+fan_out)), +…) | 2/(fan_in+fan_out) |
//! | Glorot/Xavier normal | N(0, 2/(fan_in+fan_out)) | 2/(fan_in+fan_out) |
//! | He/Kaiming uniform | U(−√(6/fan_in), +…) | 2/fan_in (for relu) |
//! | He/Kaiming normal | N(0, 2/fan_in) | 2/fan_in |
//! | LeCun normal | N(0, 1/fan_in) | 1/fan_in |
//! | zeros | every weight 0 | 0: every neuron of a layer stays identical (symmetry) |
//!
//! Every draw comes from a [`ChaCha8Rng`](rand_chacha::ChaCha8Rng) seeded by the caller, in
//! canonical parameter order, so a seed gives the same weights on every machine.

use super::Activation;
use crate::Error;
use rand::{Rng, RngExt};
use rand_distr::{Distribution, Normal};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A weight initialisation scheme. See the [module docs](self) for the formulas.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Init {
    /// U(−a, a); `Uniform(1.0)` is micrograd's.
    Uniform(f64),
    /// N(0, s²).
    Normal(f64),
    /// Glorot/Xavier uniform: U(±√(6/(fan_in + fan_out))).
    GlorotUniform,
    /// Glorot/Xavier normal: N(0, 2/(fan_in + fan_out)).
    GlorotNormal,
    /// He/Kaiming uniform: U(±√(6/fan_in)).
    HeUniform,
    /// He/Kaiming normal: N(0, 2/fan_in).
    HeNormal,
    /// LeCun normal: N(0, 1/fan_in).
    Lecun,
    /// All weights 0.
    Zeros,
}

impl Init {
    /// The names [`Init::from_str`] accepts.
    pub const NAMES: &'static [&'static str] = &[
        "uniform",
        "uniform:A",
        "normal:S",
        "glorot",
        "glorot_normal",
        "he",
        "he_normal",
        "lecun",
        "zeros",
    ];

    /// The scheme a layer of `activation` neurons starts from unless told otherwise: He's
    /// ([`Init::HeUniform`]) for the relu-like activations
    /// ([`Activation::is_relu_like`]), Glorot's ([`Init::GlorotUniform`]) for the others.
    /// `gradgraph train` and [`Mlp::new`](crate::Mlp::new) use it.
    ///
    /// # Examples
    /// ```
    /// use gradgraph_nn::{Activation, Init};
    /// assert_eq!(Init::default_for(&Activation::RELU), Init::HeUniform);
    /// assert_eq!(Init::default_for(&Activation::SOFTPLUS), Init::HeUniform);
    /// assert_eq!(Init::default_for(&Activation::TANH), Init::GlorotUniform);
    /// ```
    pub fn default_for(activation: &Activation) -> Init {
        if activation.is_relu_like() {
            Init::HeUniform
        } else {
            Init::GlorotUniform
        }
    }

    /// Draws one weight of a neuron with `fan_in` inputs, in a layer of `fan_out` neurons.
    ///
    /// # Examples
    /// ```
    /// use gradgraph_nn::Init;
    /// use rand::SeedableRng;
    /// let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
    /// let w = Init::HeUniform.draw(2, 16, &mut rng);
    /// assert!(w.abs() <= (6.0f64 / 2.0).sqrt());
    /// assert_eq!(Init::Zeros.draw(2, 16, &mut rng), 0.0);
    /// ```
    pub fn draw(self, fan_in: usize, fan_out: usize, rng: &mut impl Rng) -> f64 {
        let (fan_in, fan_out) = (fan_in.max(1) as f64, fan_out.max(1) as f64);
        match self {
            Init::Uniform(a) => uniform(a, rng),
            Init::GlorotUniform => uniform((6.0 / (fan_in + fan_out)).sqrt(), rng),
            Init::HeUniform => uniform((6.0 / fan_in).sqrt(), rng),
            Init::Zeros => 0.0,
            Init::Normal(s) => normal(s, rng),
            Init::GlorotNormal => normal((2.0 / (fan_in + fan_out)).sqrt(), rng),
            Init::HeNormal => normal((2.0 / fan_in).sqrt(), rng),
            Init::Lecun => normal((1.0 / fan_in).sqrt(), rng),
        }
    }
}

/// A draw from U(−a, a): `a (2u − 1)` for `u` uniform on [0, 1).
fn uniform(a: f64, rng: &mut impl Rng) -> f64 {
    a * (2.0 * rng.random::<f64>() - 1.0)
}

/// A draw from N(0, s²) (0 for a non-positive or non-finite s, which has no distribution).
fn normal(s: f64, rng: &mut impl Rng) -> f64 {
    match Normal::new(0.0, s) {
        Ok(d) if s > 0.0 => d.sample(rng),
        _ => 0.0,
    }
}

impl fmt::Display for Init {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Init::Uniform(a) => write!(f, "uniform:{a}"),
            Init::Normal(s) => write!(f, "normal:{s}"),
            Init::GlorotUniform => f.write_str("glorot"),
            Init::GlorotNormal => f.write_str("glorot_normal"),
            Init::HeUniform => f.write_str("he"),
            Init::HeNormal => f.write_str("he_normal"),
            Init::Lecun => f.write_str("lecun"),
            Init::Zeros => f.write_str("zeros"),
        }
    }
}

impl FromStr for Init {
    type Err = Error;

    /// Parses a scheme name: `uniform` (U(−1, 1)), `uniform:A`, `normal:S`, `glorot` (also
    /// `xavier`, `glorot_uniform`), `glorot_normal`, `he` (also `kaiming`, `he_uniform`),
    /// `he_normal`, `lecun`, `zeros`.
    ///
    /// # Examples
    /// ```
    /// use gradgraph_nn::Init;
    /// assert_eq!("xavier".parse::<Init>().unwrap(), Init::GlorotUniform);
    /// assert_eq!("uniform:3".parse::<Init>().unwrap(), Init::Uniform(3.0));
    /// assert!("glorious".parse::<Init>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self, Error> {
        let lower = s.trim().to_ascii_lowercase().replace('-', "_");
        let (name, arg) = match lower.split_once(':') {
            Some((n, a)) => (n.to_owned(), Some(a.to_owned())),
            None => (lower.clone(), None),
        };
        let number = |what: &str| -> Result<f64, Error> {
            let a = arg.as_deref().unwrap_or("");
            match a.trim().parse::<f64>() {
                Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
                _ => Err(Error::out_of_range(
                    format!("init {name}"),
                    format!("init {name}: {what} {a:?} is not a non-negative number"),
                )),
            }
        };
        let plain = |init: Init| -> Result<Init, Error> {
            match &arg {
                None => Ok(init),
                Some(a) => Err(Error::out_of_range(
                    format!("init {name}"),
                    format!("init {name} takes no argument (got {a:?})"),
                )),
            }
        };
        match name.as_str() {
            "uniform" if arg.is_none() => Ok(Init::Uniform(1.0)),
            "uniform" => Ok(Init::Uniform(number("limit")?)),
            "normal" if arg.is_none() => Ok(Init::Normal(1.0)),
            "normal" => Ok(Init::Normal(number("standard deviation")?)),
            "glorot" | "xavier" | "glorot_uniform" | "xavier_uniform" => plain(Init::GlorotUniform),
            "glorot_normal" | "xavier_normal" => plain(Init::GlorotNormal),
            "he" | "kaiming" | "he_uniform" | "kaiming_uniform" => plain(Init::HeUniform),
            "he_normal" | "kaiming_normal" => plain(Init::HeNormal),
            "lecun" | "lecun_normal" => plain(Init::Lecun),
            "zeros" | "zero" => plain(Init::Zeros),
            _ => Err(Error::Unknown {
                kind: "init scheme",
                name: s.to_owned(),
                known: format!("{} (or a file of numbers)", Init::NAMES.join(", ")),
            }),
        }
    }
}

/// Parses a list of numbers, one per line (blank lines and lines starting with `#` are
/// skipped), as written by [`Mlp::parameters`](crate::Mlp::parameters) in canonical
/// order. `source` names the text in errors.
///
/// Returns [`Error::Format`] naming the line of the first entry that is not a finite number.
///
/// # Examples
/// ```
/// use gradgraph_nn::init::parse_numbers;
/// assert_eq!(parse_numbers("0.5\n-1e-3\n\n2\n", "w.txt").unwrap(), vec![0.5, -1e-3, 2.0]);
/// let err = parse_numbers("0.5\nabc\n", "w.txt").unwrap_err();
/// assert_eq!(err.to_string(), "w.txt: line 2: \"abc\" is not a number");
/// ```
pub fn parse_numbers(text: &str, source: &str) -> Result<Vec<f64>, Error> {
    let mut numbers = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        match t.parse::<f64>() {
            Ok(v) if v.is_finite() => numbers.push(v),
            Ok(_) => {
                return Err(Error::format(
                    source,
                    format!("line {}: {t:?} is not a finite number", i + 1),
                ));
            }
            Err(_) => {
                return Err(Error::format(
                    source,
                    format!("line {}: {t:?} is not a number", i + 1),
                ));
            }
        }
    }
    Ok(numbers)
}

/// Writes numbers one per line, with enough digits to read back the same `f64`s.
pub fn format_numbers(numbers: &[f64]) -> String {
    let mut s = String::with_capacity(numbers.len() * 22);
    for v in numbers {
        s.push_str(&format!("{v:?}\n"));
    }
    s
}
