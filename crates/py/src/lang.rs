//! The package's language: English or Brazilian Portuguese, for its exceptions and for what
//! a notebook shows (the trace, the page, the quiz). Chosen with `gradgraph.set_lang`, or
//! `lang=` on one call; by default the environment's (`GRADGRAPH_LANG`, then the locale),
//! as the command line chooses it.

use crate::error::bad_value;
use gradgraph_i18n::FluentValue;
use gradgraph_i18n::Lang;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyFloat, PyInt};
use std::sync::atomic::{AtomicU8, Ordering};

/// 0 until chosen (then the environment's is read), 1 English, 2 Portuguese.
static LANG: AtomicU8 = AtomicU8::new(0);

fn code(lang: Lang) -> u8 {
    match lang {
        Lang::En => 1,
        Lang::PtBr => 2,
    }
}

/// The package's language now.
pub fn current() -> Lang {
    match LANG.load(Ordering::Relaxed) {
        1 => Lang::En,
        2 => Lang::PtBr,
        _ => {
            let lang = Lang::from_env();
            LANG.store(code(lang), Ordering::Relaxed);
            lang
        }
    }
}

/// The language a call's `lang=` names, or the package's when it is `None`; a `ValueError`
/// naming the languages there are for any other tag.
pub fn resolve(lang: Option<&str>) -> PyResult<Lang> {
    match lang {
        None => Ok(current()),
        Some(tag) => Lang::parse(tag).map_err(|_| {
            bad_value(current().text("py-lang", &[("lang", format!("{tag:?}").into())]))
        }),
    }
}

/// The message `id` in the package's language, its variables from `args`.
pub fn t(id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    current().text(id, args)
}

/// `tr!("py-x-empty")`, `tr!("py-must-be-int", name = "nin", type = t)`: the message in the
/// package's language.
macro_rules! tr {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::lang::t(
            $id,
            &[$((stringify!($name), gradgraph_i18n::FluentValue::from($value))),*],
        )
    };
}
pub(crate) use tr;

/// An error of the engine in the package's language (the catalog's words in Portuguese, the
/// engine's own in English), as the command line writes it.
pub fn engine_text(e: &gradgraph::Error) -> String {
    gradgraph_i18n::error_text(current(), e)
}

/// An expression that did not parse, in the package's language, with its caret.
pub fn parse_text(e: &gradgraph::ParseError) -> String {
    gradgraph_i18n::parse_error_text(current(), e)
}

/// An error of gradgraph-nn in the package's language: the engine's underneath it
/// translated, the net's own sentences as gradgraph-nn writes them.
pub fn nn_text(e: &gradgraph_nn::Error) -> String {
    match e {
        gradgraph_nn::Error::Engine(e) => engine_text(e),
        e => e.to_string(),
    }
}

/// Sets the package's language: `"en"` or `"pt-BR"` (`"pt"`, `"pt_BR"`), or `None` for the
/// environment's.
#[pyfunction]
#[pyo3(signature = (lang = None))]
pub fn set_lang(lang: Option<&str>) -> PyResult<()> {
    let chosen = match lang {
        None => Lang::from_env(),
        Some(_) => resolve(lang)?,
    };
    LANG.store(code(chosen), Ordering::Relaxed);
    Ok(())
}

/// The package's language, `"en"` or `"pt-BR"`; with `lang`, the language it names (a
/// `ValueError` for a tag gradgraph does not speak).
#[pyfunction]
#[pyo3(signature = (lang = None))]
pub fn get_lang(lang: Option<&str>) -> PyResult<&'static str> {
    Ok(resolve(lang)?.tag())
}

/// A number written with a decimal point (`0.5`, `93.8%`), as the package's language writes
/// it (`0,5` in Portuguese).
#[pyfunction]
pub fn decimal(text: &str) -> String {
    current().decimal(text)
}

/// The message `id` of the catalogs in the package's language (or `lang`'s), its variables
/// from the keyword arguments (ints select plural forms; other values are written as text).
#[pyfunction]
#[pyo3(signature = (id, lang = None, **args))]
pub fn text(id: &str, lang: Option<&str>, args: Option<&Bound<'_, PyDict>>) -> PyResult<String> {
    let lang = resolve(lang)?;
    let mut values: Vec<(String, FluentValue<'static>)> = Vec::new();
    if let Some(args) = args {
        for (name, value) in args.iter() {
            let name: String = name.extract()?;
            let value = if value.is_instance_of::<PyInt>()
                && !value.is_instance_of::<pyo3::types::PyBool>()
            {
                FluentValue::from(value.extract::<i64>()?)
            } else if value.is_instance_of::<PyFloat>() {
                FluentValue::from(lang.number(value.extract::<f64>()?))
            } else {
                FluentValue::from(value.str()?.to_string())
            };
            values.push((name, value));
        }
    }
    let args: Vec<(&str, FluentValue<'_>)> = values
        .iter()
        .map(|(n, v)| (n.as_str(), v.clone()))
        .collect();
    Ok(lang.text(id, &args))
}
