//! The course's experiments, each a function that runs it and returns its numbers.
//!
//! Every experiment of the lecture (see the crate's README) lives here once, and is shared by
//! its example (`cargo run --release --example NN_name`, which prints the numbers and asserts
//! what they show) and by the tour (`cargo run --release`, which runs them all and writes
//! their plots into `graphs/`). Each module has a `run` function returning a result struct
//! whose `Display` is a readable table, and a `plots` method that draws its SVG pictures,
//! each as a file name and its text (the example or the tour writes them).
//!
//! Every random choice comes from a fixed seed, so the numbers are the same on every machine.
//!
//! | module | what it shows |
//! |---|---|
//! | [`chain_rule`] | backpropagation is the chain rule: hand-derived products beside the engine's trace |
//! | [`activations`] | every activation and its derivative, computed by the engine |
//! | [`xor`] | XOR with a 2-2-1 MLP; how often random starts get stuck |
//! | [`circles`] | one hidden layer of 4 nodes separates concentric circles |
//! | [`regression`] | one hidden layer fits x², 1/x and sin x |
//! | [`vanishing`] | each layer's gradient at initialisation, by activation, init and depth |
//! | [`exploding`] | large ReLU weights: gradients explode; clipping lets the net train |
//! | [`rnn`] | a recurrent net trained through time; its gradient vanishes going back |

pub mod activations;
pub mod chain_rule;
pub mod circles;
pub mod exploding;
mod maps;
pub mod regression;
pub mod rnn;
pub mod vanishing;
pub mod xor;

use gradgraph_i18n::FluentValue;
pub use gradgraph_i18n::Lang;
use std::fmt;

/// A text table with a header row, columns padded to their widest cell: numbers right-aligned,
/// the first column left-aligned.
pub(crate) struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub(crate) fn new<S: ToString>(headers: &[S]) -> Self {
        Table {
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    pub(crate) fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }
}

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.headers.len();
        let mut widths: Vec<usize> = self.headers.iter().map(|h| h.chars().count()).collect();
        for row in &self.rows {
            for (k, cell) in row.iter().enumerate().take(n) {
                widths[k] = widths[k].max(cell.chars().count());
            }
        }
        // a column of numbers is right-aligned, any other column left-aligned
        let numeric: Vec<bool> = (0..n)
            .map(|k| {
                self.rows
                    .iter()
                    .filter_map(|row| row.get(k))
                    .all(|cell| is_number(cell))
            })
            .collect();
        let line = |f: &mut fmt::Formatter<'_>, cells: &[String]| -> fmt::Result {
            write!(f, " ")?;
            for (k, cell) in cells.iter().enumerate().take(n) {
                let pad = " ".repeat(widths[k] - cell.chars().count());
                if numeric[k] {
                    write!(f, "  {pad}{cell}")?;
                } else if k + 1 == cells.len().min(n) {
                    write!(f, "  {cell}")?;
                } else {
                    write!(f, "  {cell}{pad}")?;
                }
            }
            writeln!(f)
        };
        line(f, &self.headers)?;
        let total: usize = widths.iter().sum::<usize>() + 2 * n.saturating_sub(1) + 1;
        writeln!(f, "   {}", "-".repeat(total - 1))?;
        for row in &self.rows {
            line(f, row)?;
        }
        Ok(())
    }
}

/// `(step, value)` pairs of a per-step series, thinned to at most about `max` points (every
/// k-th step, and always the last) so a long curve stays a small picture.
pub(crate) fn curve(values: &[f64], max: usize) -> Vec<(f64, f64)> {
    let stride = values.len().div_ceil(max.max(1)).max(1);
    let mut points: Vec<(f64, f64)> = values
        .iter()
        .enumerate()
        .step_by(stride)
        .map(|(k, &v)| (k as f64, v))
        .collect();
    if let Some(&last) = values.last()
        && !(values.len() - 1).is_multiple_of(stride)
    {
        points.push(((values.len() - 1) as f64, last));
    }
    points
}

/// True for a cell holding a number (possibly with a sign, an exponent, a `%` or `×`, a
/// decimal point or comma).
fn is_number(cell: &str) -> bool {
    let t = cell.trim().trim_end_matches(['%', '×']).replace(',', ".");
    !t.is_empty() && (t.parse::<f64>().is_ok() || t == "-")
}

/// An activation's name as a reader of `lang` says it: the command line's names (`step`,
/// `sigmoid`, `tanh`, `relu`, ...) in English, the lecture's in Portuguese (`degrau`,
/// `sigmoide`; `tanh`, `relu` and their cousins keep their names).
pub fn activation_name(name: &str, lang: Lang) -> String {
    match (lang, name) {
        (Lang::En, _) => name.to_owned(),
        (_, "step") => say(lang, "activation-step", &[]),
        (_, "sigmoid") => say(lang, "activation-sigmoid", &[]),
        _ => name.to_owned(),
    }
}

/// A loss's or an initialisation's name as a reader of `lang` says it: the command line's
/// names (`mse`, `bce`, `uniform:1`, `glorot`) in English, the lecture's words in Portuguese
/// (`erro quadrático médio`, `entropia cruzada binária`, `uniforme U(±1)`); names without a
/// Portuguese word (`glorot`, `he`) as they are.
pub(crate) fn setting_name(name: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return name.to_owned();
    }
    match name {
        "mse" => say(lang, "setting-mse", &[]),
        "bce" => say(lang, "setting-bce", &[]),
        _ => match name.strip_prefix("uniform:") {
            Some(a) => say(lang, "setting-uniform", &[("a", lang.decimal(a))]),
            None => name.to_owned(),
        },
    }
}

/// A formula of the engine's table of ops (`1 if x > 0, else 0.1`) as a reader of `lang`
/// reads it: in Portuguese `1 se x > 0, senão 0,1`.
pub(crate) fn formula_in(formula: &str, lang: Lang) -> String {
    match lang {
        Lang::En => formula.to_owned(),
        _ => lang
            .decimal(formula)
            .replace(" if ", &format!(" {} ", say(lang, "formula-if", &[])))
            .replace(", else ", &format!(", {} ", say(lang, "formula-else", &[]))),
    }
}

/// [`sig`] in `lang`: a decimal comma in Portuguese.
pub(crate) fn sig_in(lang: Lang, x: f64, digits: usize) -> String {
    lang.decimal(&sig(x, digits))
}

/// [`sci`] in `lang`: a decimal comma in Portuguese.
pub(crate) fn sci_in(lang: Lang, x: f64, digits: usize) -> String {
    lang.decimal(&sci(x, digits))
}

/// The message `id` of gradgraph's catalogs in `lang`, its variables given as texts (the
/// tour's and the experiments' sentences).
///
/// # Examples
/// ```
/// use gradgraph_course::experiments::{Lang, say};
/// assert_eq!(say(Lang::PtBr, "tour-section-1", &[]), "A retropropagação é a regra da cadeia");
/// ```
pub fn say(lang: Lang, id: &str, args: &[(&str, String)]) -> String {
    let args: Vec<(&str, FluentValue<'_>)> = args
        .iter()
        .map(|(name, value)| (*name, value.as_str().into()))
        .collect();
    lang.text(id, &args)
}

/// [`say`] with a count `n` that picks the plural (`1 passo`, `2 passos`).
pub(crate) fn say_n(lang: Lang, id: &str, n: usize, args: &[(&str, String)]) -> String {
    let mut all: Vec<(&str, FluentValue<'_>)> = vec![("n", FluentValue::from(n))];
    all.extend(
        args.iter()
            .map(|(name, value)| (*name, value.as_str().into())),
    );
    lang.text(id, &all)
}

/// A number with at most `digits` significant digits (trailing zeros dropped), switching to
/// scientific notation outside [1e-3, 1e5) so a column of gradients stays readable.
pub(crate) fn sig(x: f64, digits: usize) -> String {
    if x == 0.0 || !x.is_finite() {
        return format!("{x}");
    }
    let a = x.abs();
    if (1e-3..1e5).contains(&a) {
        let decimals = (digits as i32 - 1 - pxfm::f_log10(a).floor() as i32).max(0) as usize;
        let text = format!("{x:.decimals$}");
        // 0.250 → 0.25, 1.000 → 1
        if text.contains('.') {
            text.trim_end_matches('0').trim_end_matches('.').to_owned()
        } else {
            text
        }
    } else {
        format!("{x:.prec$e}", prec = digits.saturating_sub(1))
    }
}

/// A number in scientific notation with `digits` significant digits and a signed exponent,
/// `2.1e-5`, `1.0e+0`, `3.6e+2`, so a column of magnitudes lines up.
pub(crate) fn sci(x: f64, digits: usize) -> String {
    if x == 0.0 || !x.is_finite() {
        return format!("{x}");
    }
    let text = format!("{x:.prec$e}", prec = digits.saturating_sub(1));
    match text.split_once('e') {
        Some((mantissa, exponent)) if !exponent.starts_with('-') => {
            format!("{mantissa}e+{exponent}")
        }
        _ => text,
    }
}
