//! Data sets: the course's and the playgrounds' built-in ones, seeded, and CSV files.
//!
//! | name | task | what |
//! |---|---|---|
//! | `xor` | 2 classes | the 4 corners of the unit square, class = x1 XOR x2 |
//! | `circles` | 2 classes | two concentric circles (radius 1: class 0, radius 0.5: class 1) |
//! | `moons` | 2 classes | two interleaving half circles, as scikit-learn's `make_moons` |
//! | `spiral` | 2 classes | two interleaved spirals, as TensorFlow Playground's |
//! | `blobs` | 3 classes | three Gaussian blobs around the unit circle |
//! | `square` | regression | `y = x²` on [−1, 1] |
//! | `reciprocal` | regression | `y = 1/x` on [1, 100] |
//! | `sine` | regression | `y = sin x` on [1, 2π] |
//!
//! Every random choice (positions, noise, order, the test split) comes from a
//! [`ChaCha8Rng`] seeded by the caller, so a seed gives the same data on every machine.
//! `noise` is the standard deviation of Gaussian noise added to both coordinates of the
//! classification sets, to the target of the regression sets (blobs: the spread of each blob).
//!
//! ## CSV files
//!
//! A header line names the columns, `x1,x2,...,y`: every column but the last is an input,
//! the last is the target. Lines are numbers separated by commas; blank lines are skipped.
//! The task is read from the targets:
//!
//! - all −1 or 1: two classes (−1 is class 0, 1 is class 1, as micrograd labels them);
//! - all 0 or 1: two classes;
//! - all whole numbers 0 … K−1 with 3 ≤ K ≤ 100, each present: K classes;
//! - anything else: regression.
//!
//! [`Dataset::with_task`] overrides the guess.

use crate::Error;
use rand::seq::SliceRandom;
use rand::{Rng, RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};
use serde::{Deserialize, Serialize};
use std::f64::consts::PI;
use std::fmt;

/// What a data set's targets are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Task {
    /// Real-valued targets.
    Regression,
    /// Two classes, targets 0 or 1.
    Binary,
    /// K classes, targets 0 … K−1.
    Classes(usize),
}

impl Task {
    /// The number of classes (2 for binary, 0 for regression).
    pub fn classes(self) -> usize {
        match self {
            Task::Regression => 0,
            Task::Binary => 2,
            Task::Classes(k) => k,
        }
    }

    /// True for the classification tasks.
    pub fn is_classification(self) -> bool {
        self != Task::Regression
    }
}

impl fmt::Display for Task {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Task::Regression => f.write_str("regression"),
            Task::Binary => f.write_str("binary classification"),
            Task::Classes(k) => write!(f, "classification into {k} classes"),
        }
    }
}

/// The most samples [`Dataset::builtin`] generates.
pub const MAX_SAMPLES: usize = 1_000_000;

/// The names of the built-in data sets.
pub const BUILTIN: &[&str] = &[
    "xor",
    "circles",
    "moons",
    "spiral",
    "blobs",
    "square",
    "reciprocal",
    "sine",
];

/// An interval `[a, b]` and a function on it: `(a, b, f)`.
pub type FunctionOnInterval = (f64, f64, fn(f64) -> f64);

/// Samples: inputs and one target each.
///
/// # Examples
/// ```
/// # fn main() -> Result<(), gradgraph_nn::Error> {
/// use gradgraph_nn::data::{Dataset, Task};
/// let moons = Dataset::builtin("moons", Some(100), Some(0.1), 7)?;
/// assert_eq!((moons.len(), moons.n_inputs(), moons.task), (100, 2, Task::Binary));
/// assert_eq!(moons, Dataset::builtin("moons", Some(100), Some(0.1), 7)?); // same seed
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    /// Where it came from: a built-in name or a file.
    pub name: String,
    /// One row of inputs per sample.
    pub inputs: Vec<Vec<f64>>,
    /// One target per sample: the value (regression) or the class index.
    pub targets: Vec<f64>,
    /// What the targets are.
    pub task: Task,
}

/// A CSV file of numbers: a header line naming the columns, then one row of numbers per
/// line (the format of [`Dataset::parse_csv`], without saying which column is the target).
/// `gradgraph predict` reads its inputs with it.
///
/// # Examples
/// ```
/// use gradgraph_nn::data::Table;
/// let t = Table::parse_csv("x1,x2\n0.5,1\n2,3\n", "new.csv").unwrap();
/// assert_eq!((t.columns.len(), t.rows[1].clone()), (2, vec![2.0, 3.0]));
/// // the line of each row, blank lines counted
/// let t = Table::parse_csv("x1,x2\n0.5,1\n\n2,3\n", "new.csv").unwrap();
/// assert_eq!(t.lines, [2, 4]);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// The names of the columns, from the header line.
    pub columns: Vec<String>,
    /// The rows, each with one finite number per column.
    pub rows: Vec<Vec<f64>>,
    /// The line of the file each row starts on (from 1), for messages.
    pub lines: Vec<usize>,
}

impl Table {
    /// Parses CSV text of at least one column (see [`Dataset::parse_csv`] for the format
    /// and the errors); `source` names it in errors.
    pub fn parse_csv(text: &str, source: &str) -> Result<Table, Error> {
        Table::parse(text, source, 1)
    }

    /// The header and the rows of a CSV text of at least `min_columns` columns (2 for a
    /// data set: inputs, then the target).
    fn parse(text: &str, source: &str, min_columns: usize) -> Result<Table, Error> {
        // through the csv crate: quoted fields, CRLF line ends and a byte-order mark
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        // the line of the file a record starts on, counted from its byte offset (the csv
        // crate does not count the blank lines it skips)
        let line_at = |byte: u64| {
            let bytes = text.as_bytes();
            let mut end = usize::try_from(byte).map_or(bytes.len(), |b| b.min(bytes.len()));
            // a record's offset can be that of the line end before it, or of blank lines
            while end < bytes.len() && (bytes[end] == b'\n' || bytes[end] == b'\r') {
                end += 1;
            }
            1 + bytes[..end].iter().filter(|&&b| b == b'\n').count()
        };
        let malformed = |e: csv::Error| {
            let line = e.position().map_or(0, |p| line_at(p.byte()));
            Error::format(source, format!("line {line}: not valid CSV: {e}"))
        };
        // (line, fields), blank lines skipped; the line is counted only for messages
        let mut records = reader.records().filter_map(|r| match r {
            Ok(record) if record.iter().all(str::is_empty) && record.len() <= 1 => None,
            Ok(record) => {
                let byte = record.position().map_or(0, |p| p.byte());
                Some(Ok((Line(byte), record)))
            }
            Err(e) => Some(Err(malformed(e))),
        });
        let Some(first) = records.next() else {
            return Err(Error::format(
                source,
                "empty file: expected a header line like x1,x2,y and samples",
            ));
        };
        let (header_at, header) = first?;
        let header_line = line_at(header_at.0);
        let names: Vec<&str> = header.iter().collect();
        if names.iter().all(|f| f.parse::<f64>().is_ok()) {
            return Err(Error::format(
                source,
                format!(
                    "line {header_line}: expected a header line naming the columns \
                     (like x1,x2,y), found numbers"
                ),
            ));
        }
        if names.len() < min_columns {
            return Err(Error::format(
                source,
                format!(
                    "line {header_line}: expected at least two columns (inputs, then the \
                     target y), found {}",
                    names.len()
                ),
            ));
        }
        if let Some(k) = names.iter().position(|n| n.is_empty()) {
            return Err(Error::format(
                source,
                format!("line {header_line}: column {} has no name", k + 1),
            ));
        }
        let mut rows = Vec::new();
        // each row's line, counted on from the previous row's (records come in order):
        // the line ends between them are read once in all
        let mut lines = Vec::new();
        let (mut counted, mut line_count) = (0usize, 1usize);
        let bytes = text.as_bytes();
        for record in records {
            let (at, record) = record?;
            let line = Lazy(|| line_at(at.0));
            let fields: Vec<&str> = record.iter().collect();
            if fields.len() != names.len() {
                return Err(Error::format(
                    source,
                    format!(
                        "line {line}: expected {} fields ({}), got {}",
                        names.len(),
                        names.join(","),
                        fields.len()
                    ),
                ));
            }
            let mut row = Vec::with_capacity(fields.len());
            for (k, f) in fields.iter().enumerate() {
                match f.parse::<f64>() {
                    Ok(v) if v.is_finite() => row.push(v),
                    _ => {
                        return Err(Error::format(
                            source,
                            format!(
                                "line {line}, column {} ({}): {f:?} is not a{} number",
                                k + 1,
                                names[k],
                                if f.parse::<f64>().is_ok() {
                                    " finite"
                                } else {
                                    ""
                                }
                            ),
                        ));
                    }
                }
            }
            rows.push(row);
            // as `line_at`, past the line ends at the record's offset
            let mut end = usize::try_from(at.0).map_or(bytes.len(), |b| b.min(bytes.len()));
            while end < bytes.len() && (bytes[end] == b'\n' || bytes[end] == b'\r') {
                end += 1;
            }
            let end = end.max(counted);
            line_count += bytes[counted..end].iter().filter(|&&b| b == b'\n').count();
            counted = end;
            lines.push(line_count);
        }
        if rows.is_empty() {
            return Err(Error::format(source, "no samples after the header line"));
        }
        Ok(Table {
            columns: names.iter().map(|n| (*n).to_owned()).collect(),
            rows,
            lines,
        })
    }
}

/// Gaussian noise of standard deviation `s` (0 when `s` is 0).
fn gauss(s: f64, rng: &mut impl Rng) -> f64 {
    match Normal::new(0.0, s) {
        Ok(d) if s > 0.0 => d.sample(rng),
        _ => 0.0,
    }
}

/// `n` evenly spaced points from `a` to `b` (included when `endpoint`).
fn linspace(a: f64, b: f64, n: usize, endpoint: bool) -> impl Iterator<Item = f64> {
    let div = if endpoint {
        n.saturating_sub(1).max(1)
    } else {
        n.max(1)
    };
    (0..n).map(move |i| a + (b - a) * i as f64 / div as f64)
}

impl Dataset {
    fn new(name: &str, inputs: Vec<Vec<f64>>, targets: Vec<f64>, task: Task) -> Dataset {
        Dataset {
            name: name.to_owned(),
            inputs,
            targets,
            task,
        }
    }

    /// The number of samples.
    pub fn len(&self) -> usize {
        self.targets.len()
    }

    /// True without samples.
    pub fn is_empty(&self) -> bool {
        self.targets.is_empty()
    }

    /// The number of inputs per sample.
    pub fn n_inputs(&self) -> usize {
        self.inputs.first().map_or(0, Vec::len)
    }

    /// The same samples with another task (for example regression on whole-number targets
    /// that the CSV reader took for classes).
    ///
    /// Returns [`Error::Format`] if the targets do not fit the task (a class index that is
    /// not a whole number below the number of classes).
    pub fn with_task(mut self, task: Task) -> Result<Dataset, Error> {
        let k = task.classes();
        if k > 0 {
            // −1/1 labels become 0/1 for a binary task
            if task == Task::Binary && self.targets.iter().all(|&y| y == -1.0 || y == 1.0) {
                for y in &mut self.targets {
                    *y = if *y > 0.0 { 1.0 } else { 0.0 };
                }
            }
            if let Some((i, y)) = self
                .targets
                .iter()
                .enumerate()
                .find(|(_, y)| !(y.fract() == 0.0 && **y >= 0.0 && **y < k as f64))
            {
                return Err(Error::format(
                    self.name.clone(),
                    format!(
                        "sample {}: target {y} is not a class index 0..{}",
                        i + 1,
                        k - 1
                    ),
                ));
            }
        }
        self.task = task;
        Ok(self)
    }

    /// A built-in data set by name (see [`BUILTIN`]), with `samples` points (default 100;
    /// `xor` always has 4) and Gaussian `noise` (default per set: moons 0.1, circles 0.05,
    /// spiral 0.05, blobs 0.3, the others 0), drawn from a [`ChaCha8Rng`] seeded with `seed`.
    ///
    /// Returns [`Error::OutOfRange`] for an unknown name (listing the known ones), a negative
    /// or non-finite noise, fewer than 2 samples, or a sample count other than 4 for `xor`,
    /// and [`Error::TooLarge`] above [`MAX_SAMPLES`] samples.
    pub fn builtin(
        name: &str,
        samples: Option<usize>,
        noise: Option<f64>,
        seed: u64,
    ) -> Result<Dataset, Error> {
        if let Some(s) = noise
            && !(s.is_finite() && s >= 0.0)
        {
            return Err(Error::out_of_range(
                "noise",
                format!("noise {s} must be a non-negative number"),
            ));
        }
        let n = samples.unwrap_or(100);
        if n > MAX_SAMPLES {
            return Err(Error::too_large(
                "samples",
                format!(
                    "{n} samples is more than the limit of {MAX_SAMPLES} for a built-in data \
                     set; ask for fewer samples"
                ),
            ));
        }
        if n < 2 {
            return Err(Error::out_of_range(
                "samples",
                format!("a data set needs at least 2 samples, got {n}"),
            ));
        }
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let key = name.trim().to_ascii_lowercase();
        let d = match key.as_str() {
            "xor" => {
                if n != 4 && samples.is_some() {
                    return Err(Error::out_of_range(
                        "samples",
                        format!("xor has exactly 4 samples, got a request for {n}"),
                    ));
                }
                let mut d = Dataset::xor();
                if let Some(s) = noise {
                    for x in d.inputs.iter_mut().flatten() {
                        *x += gauss(s, &mut rng);
                    }
                }
                d
            }
            "circles" => Dataset::circles(n, noise.unwrap_or(0.05), seed),
            "moons" => Dataset::moons(n, noise.unwrap_or(0.1), seed),
            "spiral" => Dataset::spiral(n, noise.unwrap_or(0.05), seed),
            "blobs" => Dataset::blobs(n, noise.unwrap_or(0.3), seed),
            "square" => Dataset::function("square", n, noise.unwrap_or(0.0), &mut rng),
            "reciprocal" => Dataset::function("reciprocal", n, noise.unwrap_or(0.0), &mut rng),
            "sine" => Dataset::function("sine", n, noise.unwrap_or(0.0), &mut rng),
            _ => {
                // not Error::Unknown, whose message says "known:" where this one has always
                // said "built-in:"
                return Err(Error::out_of_range(
                    "dataset",
                    format!(
                        "unknown dataset {name:?}; built-in: {} (or a CSV file path)",
                        BUILTIN.join(", ")
                    ),
                ));
            }
        };
        let finite = d
            .inputs
            .iter()
            .flatten()
            .chain(&d.targets)
            .all(|x| x.is_finite());
        if !finite {
            return Err(Error::out_of_range(
                "noise",
                format!(
                    "noise {:?} makes samples that are not finite numbers; use a smaller noise",
                    noise.unwrap_or(0.0)
                ),
            ));
        }
        Ok(d)
    }

    /// XOR: the corners (0,0), (0,1), (1,0), (1,1) with classes 0, 1, 1, 0. No straight
    /// line separates the classes; one hidden layer of two neurons does.
    pub fn xor() -> Dataset {
        let inputs = vec![
            vec![0.0, 0.0],
            vec![0.0, 1.0],
            vec![1.0, 0.0],
            vec![1.0, 1.0],
        ];
        Dataset::new("xor", inputs, vec![0.0, 1.0, 1.0, 0.0], Task::Binary)
    }

    fn shuffled(
        name: &str,
        mut rows: Vec<(Vec<f64>, f64)>,
        task: Task,
        rng: &mut ChaCha8Rng,
    ) -> Self {
        rows.shuffle(rng);
        let (inputs, targets) = rows.into_iter().unzip();
        Dataset::new(name, inputs, targets, task)
    }

    /// Two concentric circles (as scikit-learn's `make_circles` with factor 0.5):
    /// `n/2` points evenly spaced on the unit circle (class 0), the rest on the circle of
    /// radius 0.5 (class 1), plus Gaussian noise, in shuffled order, drawn from a
    /// [`ChaCha8Rng`] seeded with `seed` (as [`Dataset::builtin`] draws `circles`).
    ///
    /// # Examples
    /// ```
    /// use gradgraph_nn::data::Dataset;
    /// let d = Dataset::circles(100, 0.05, 7);
    /// assert_eq!(d, Dataset::builtin("circles", Some(100), Some(0.05), 7).unwrap());
    /// ```
    pub fn circles(n: usize, noise: f64, seed: u64) -> Dataset {
        let rng = &mut ChaCha8Rng::seed_from_u64(seed);
        let n_out = n / 2;
        let n_in = n - n_out;
        let mut rows = Vec::with_capacity(n);
        for (count, radius, class) in [(n_out, 1.0, 0.0), (n_in, 0.5, 1.0)] {
            for t in linspace(0.0, 2.0 * PI, count, false) {
                let x = radius * pxfm::f_cos(t) + gauss(noise, rng);
                let y = radius * pxfm::f_sin(t) + gauss(noise, rng);
                rows.push((vec![x, y], class));
            }
        }
        Dataset::shuffled("circles", rows, Task::Binary, rng)
    }

    /// Two interleaving half circles (as scikit-learn's `make_moons`): `n/2` points on the
    /// upper half of the unit circle (class 0), the rest on a lower half circle centred at
    /// (1, 0.5) (class 1), plus Gaussian noise, in shuffled order, drawn from a
    /// [`ChaCha8Rng`] seeded with `seed`.
    pub fn moons(n: usize, noise: f64, seed: u64) -> Dataset {
        let rng = &mut ChaCha8Rng::seed_from_u64(seed);
        let n_out = n / 2;
        let n_in = n - n_out;
        let mut rows = Vec::with_capacity(n);
        for t in linspace(0.0, PI, n_out, true) {
            rows.push((vec![pxfm::f_cos(t), pxfm::f_sin(t)], 0.0));
        }
        for t in linspace(0.0, PI, n_in, true) {
            rows.push((vec![1.0 - pxfm::f_cos(t), 1.0 - pxfm::f_sin(t) - 0.5], 1.0));
        }
        for (x, _) in &mut rows {
            for v in x.iter_mut() {
                *v += gauss(noise, rng);
            }
        }
        Dataset::shuffled("moons", rows, Task::Binary, rng)
    }

    /// Two interleaved spirals (TensorFlow Playground's): for class c ∈ {0, 1} and
    /// i = 0 … n/2 − 1, radius `r = i/(n/2)` and angle `t = 3.5π · i/(n/2) + cπ`, the point
    /// `(r sin t, r cos t)` plus Gaussian noise, in shuffled order, drawn from a
    /// [`ChaCha8Rng`] seeded with `seed`.
    pub fn spiral(n: usize, noise: f64, seed: u64) -> Dataset {
        let rng = &mut ChaCha8Rng::seed_from_u64(seed);
        let mut rows = Vec::with_capacity(n);
        for (class, count) in [(0.0, n / 2), (1.0, n - n / 2)] {
            for i in 0..count {
                let r = i as f64 / count as f64;
                let t = 1.75 * 2.0 * PI * r + class * PI;
                let x = r * pxfm::f_sin(t) + gauss(noise, rng);
                let y = r * pxfm::f_cos(t) + gauss(noise, rng);
                rows.push((vec![x, y], class));
            }
        }
        Dataset::shuffled("spiral", rows, Task::Binary, rng)
    }

    /// Three Gaussian blobs of spread `noise`, centred on the unit circle at 90°, 210° and
    /// 330° (classes 0, 1, 2), sample i in class i mod 3, in shuffled order, drawn from a
    /// [`ChaCha8Rng`] seeded with `seed`.
    pub fn blobs(n: usize, noise: f64, seed: u64) -> Dataset {
        let rng = &mut ChaCha8Rng::seed_from_u64(seed);
        let mut rows = Vec::with_capacity(n);
        for i in 0..n {
            let k = i % 3;
            let angle = PI / 2.0 + 2.0 * PI * k as f64 / 3.0;
            let x = pxfm::f_cos(angle) + gauss(noise, rng);
            let y = pxfm::f_sin(angle) + gauss(noise, rng);
            rows.push((vec![x, y], k as f64));
        }
        Dataset::shuffled("blobs", rows, Task::Classes(3), rng)
    }

    /// The course's regression targets, `x` drawn uniformly from the function's interval:
    /// `square` (x² on [−1, 1]), `reciprocal` (1/x on [1, 100]), `sine` (sin x on [1, 2π]);
    /// Gaussian noise is added to the target.
    fn function(name: &str, n: usize, noise: f64, rng: &mut ChaCha8Rng) -> Dataset {
        let (a, b, f): (f64, f64, fn(f64) -> f64) = match name {
            "square" => (-1.0, 1.0, |x| x * x),
            "reciprocal" => (1.0, 100.0, |x| 1.0 / x),
            _ => (1.0, 2.0 * PI, pxfm::f_sin),
        };
        let mut inputs = Vec::with_capacity(n);
        let mut targets = Vec::with_capacity(n);
        for _ in 0..n {
            let x = a + (b - a) * rng.random::<f64>();
            inputs.push(vec![x]);
            targets.push(f(x) + gauss(noise, rng));
        }
        Dataset::new(name, inputs, targets, Task::Regression)
    }

    /// The interval of the course's regression function `name` (`square`, `reciprocal`,
    /// `sine`) and the function itself, for dense test grids.
    pub fn function_of(name: &str) -> Option<FunctionOnInterval> {
        match name {
            "square" => Some((-1.0, 1.0, |x| x * x)),
            "reciprocal" => Some((1.0, 100.0, |x| 1.0 / x)),
            "sine" => Some((1.0, 2.0 * PI, pxfm::f_sin)),
            _ => None,
        }
    }

    /// Parses the text of a CSV file (see the [module docs](self) for the format and how the
    /// task is guessed); `source` (the file's name) names the data set and its errors.
    ///
    /// Returns [`Error::Format`] naming `source`, the line and what was wrong if the text is
    /// malformed.
    ///
    /// # Examples
    /// ```
    /// use gradgraph_nn::data::{Dataset, Task};
    /// let d = Dataset::parse_csv("x1,x2,y\n0.5,1,-1\n2,3,1\n", "points.csv").unwrap();
    /// assert_eq!((d.task, d.targets.clone()), (Task::Binary, vec![0.0, 1.0]));
    /// let err = Dataset::parse_csv("x1,x2,y\n0.5,abc,1\n", "points.csv").unwrap_err();
    /// assert_eq!(err.to_string(), "points.csv: line 2, column 2 (x2): \"abc\" is not a number");
    /// ```
    pub fn parse_csv(text: &str, source: &str) -> Result<Dataset, Error> {
        let table = Table::parse(text, source, 2)?;
        let mut inputs = table.rows;
        let targets: Vec<f64> = inputs
            .iter_mut()
            .map(|row| row.pop().unwrap_or(0.0))
            .collect();
        let task = guess_task(&targets);
        let d = Dataset::new(source, inputs, targets, Task::Regression);
        d.with_task(task)
    }

    /// The samples as CSV text with a header `x1,...,xn,y`, floats written so they read back
    /// exactly.
    pub fn to_csv(&self) -> String {
        let mut s = String::new();
        for i in 1..=self.n_inputs() {
            s.push_str(&format!("x{i},"));
        }
        s.push_str("y\n");
        for (x, y) in self.inputs.iter().zip(&self.targets) {
            for v in x {
                s.push_str(&format!("{v:?},"));
            }
            s.push_str(&format!("{y:?}\n"));
        }
        s
    }

    /// Splits off a test set: a fraction `test_fraction` ∈ [0, 1) of the samples, chosen by
    /// a shuffle seeded with `seed`; the rest, in their original order, is the training set.
    /// A fraction of 0 returns the data unchanged and no test set.
    ///
    /// Returns [`Error::OutOfRange`] for a fraction outside [0, 1) or one that leaves either
    /// part empty.
    ///
    /// # Examples
    /// ```
    /// # fn main() -> Result<(), gradgraph_nn::Error> {
    /// use gradgraph_nn::data::Dataset;
    /// let d = Dataset::builtin("circles", Some(100), None, 1)?;
    /// let (train, test) = d.split(0.2, 1)?;
    /// assert_eq!((train.len(), test.map(|t| t.len())), (80, Some(20)));
    /// # Ok(()) }
    /// ```
    pub fn split(
        &self,
        test_fraction: f64,
        seed: u64,
    ) -> Result<(Dataset, Option<Dataset>), Error> {
        if !(0.0..1.0).contains(&test_fraction) {
            return Err(Error::out_of_range(
                "test fraction",
                format!("test fraction {test_fraction} must be in [0, 1)"),
            ));
        }
        if test_fraction == 0.0 {
            return Ok((self.clone(), None));
        }
        let n = self.len();
        let n_test = (n as f64 * test_fraction).round() as usize;
        if n_test == 0 || n_test >= n {
            return Err(Error::out_of_range(
                "test fraction",
                format!(
                    "test fraction {test_fraction} of {n} samples leaves {n_test} for testing \
                     and {} for training; both need at least one",
                    n - n_test.min(n)
                ),
            ));
        }
        let mut order: Vec<usize> = (0..n).collect();
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(3);
        order.shuffle(&mut rng);
        let mut is_test = vec![false; n];
        for &i in &order[..n_test] {
            is_test[i] = true;
        }
        let pick = |test: bool| {
            let idx: Vec<usize> = (0..n).filter(|&i| is_test[i] == test).collect();
            Dataset::new(
                &self.name,
                idx.iter().map(|&i| self.inputs[i].clone()).collect(),
                idx.iter().map(|&i| self.targets[i]).collect(),
                self.task,
            )
        };
        Ok((pick(false), Some(pick(true))))
    }
}

/// The byte offset of a CSV record, turned into a line number only for a message.
struct Line(u64);

/// A number computed when it is displayed: a record's line, counted only for a message.
struct Lazy<F>(F);

impl<F: Fn() -> usize> std::fmt::Display for Lazy<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", (self.0)())
    }
}

/// The task the targets suggest (see the [module docs](self)).
fn guess_task(targets: &[f64]) -> Task {
    let whole = targets.iter().all(|y| y.fract() == 0.0);
    if !whole {
        return Task::Regression;
    }
    if targets.iter().all(|&y| y == -1.0 || y == 1.0)
        || targets.iter().all(|&y| y == 0.0 || y == 1.0)
    {
        return Task::Binary;
    }
    if targets.iter().all(|&y| y >= 0.0) {
        // saturating: a huge target is no class index (the fuzzer found `as usize + 1`)
        let k = (targets.iter().fold(0.0f64, |m, &y| m.max(y)) as usize).saturating_add(1);
        if (3..=100).contains(&k) {
            let mut seen = vec![false; k];
            for &y in targets {
                seen[y as usize] = true;
            }
            if seen.iter().all(|&s| s) {
                return Task::Classes(k);
            }
        }
    }
    Task::Regression
}

/// A noisy sine as a time series: `s_t = sin(2π t / period) + noise`, t = 0 … n−1, noise
/// Gaussian with standard deviation `noise`, from a [`ChaCha8Rng`] seeded with `seed`.
/// The recurrent net learns to predict `s_{t+1}` from `s_0 … s_t`.
///
/// # Examples
/// ```
/// let s = gradgraph_nn::data::noisy_sine(40, 20.0, 0.0, 1);
/// assert!((s[5] - 1.0).abs() < 1e-12); // a quarter period
/// ```
pub fn noisy_sine(n: usize, period: f64, noise: f64, seed: u64) -> Vec<f64> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    (0..n)
        .map(|t| pxfm::f_sin(2.0 * PI * t as f64 / period) + gauss(noise, &mut rng))
        .collect()
}

/// The range of `values` (NaN and infinities left out) widened by a tenth on each side, or a
/// unit range around a single value (around 0 when there is none): the extent over which
/// `train --plot` and the live page draw a data set.
///
/// # Examples
/// ```
/// use gradgraph_nn::data::padded_range;
/// assert_eq!(padded_range([0.0, 10.0].into_iter()), (-1.0, 11.0));
/// assert_eq!(padded_range([2.0].into_iter()), (1.0, 3.0));
/// ```
pub fn padded_range(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let (lo, hi) = values
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
    if lo >= hi || !lo.is_finite() {
        let c = if lo.is_finite() { lo } else { 0.0 };
        return (c - 1.0, c + 1.0);
    }
    let pad = 0.1 * (hi - lo);
    (lo - pad, hi + pad)
}
