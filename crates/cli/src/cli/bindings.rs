//! `--at NAME=VALUE`, the values of an expression's variables, as `expr` and `quiz` take
//! them: each one parsed by clap ([`binding`]), then checked together against the
//! expression ([`check`]).

use super::Failure;
use super::t;
use gradgraph::expr::{self, Expr};
use gradgraph_i18n::Lang;
use std::collections::{HashMap, HashSet};

/// One `--at NAME=VALUE`.
#[derive(Clone, Debug, PartialEq)]
pub struct Binding {
    /// The variable's name.
    pub name: String,
    /// Its value, a finite number.
    pub value: f64,
    /// As written, for messages.
    pub text: String,
    /// Written with a decimal comma (`x=0,5`): read in Portuguese only ([`check_decimal`]).
    pub comma: bool,
}

/// Parses one `--at NAME=VALUE`: a variable name (not a function's) and a finite number.
pub fn binding(text: &str) -> Result<Binding, String> {
    let Some((name, value)) = text.split_once('=') else {
        return Err(t("at-expected", &[]));
    };
    let (name, value) = (name.trim(), value.trim());
    if name.is_empty() {
        return Err(t("at-name-missing", &[]));
    }
    if expr::is_function_name(name) {
        return Err(t("at-function-name", &[("name", name.into())]));
    }
    if !expr::is_variable_name(name) {
        return Err(t("at-not-a-name", &[("name", name.into())]));
    }
    if value.is_empty() {
        return Err(t("at-value-missing", &[("name", name.into())]));
    }
    // a decimal comma is read here and refused later unless the language is Portuguese
    let (number, comma) = match value.parse::<f64>() {
        Ok(number) => (number, false),
        Err(_) => match Lang::PtBr.read_number(value) {
            Some(number) => (number, true),
            None => return Err(t("at-not-a-number", &[("value", value.into())])),
        },
    };
    if !number.is_finite() {
        return Err(t(
            "at-not-finite",
            &[("name", name.into()), ("value", value.into())],
        ));
    }
    Ok(Binding {
        name: name.to_owned(),
        value: number,
        text: text.to_owned(),
        comma,
    })
}

/// Refuses a value written with a decimal comma (`--at x=0,5`) unless `lang` is Portuguese,
/// where it is how numbers are written.
pub fn check_decimal(bindings: &[Binding], lang: Lang) -> Result<(), Failure> {
    match bindings.iter().find(|b| b.comma) {
        Some(b) if lang != Lang::PtBr => {
            let fixed = b.text.replace(',', ".");
            Err(Failure::usage(lang.text(
                "expr-comma",
                &[("binding", b.text.as_str().into()), ("fixed", fixed.into())],
            )))
        }
        _ => Ok(()),
    }
}

/// The values by name.
pub fn values(bindings: &[Binding]) -> HashMap<String, f64> {
    bindings.iter().map(|b| (b.name.clone(), b.value)).collect()
}

/// Refuses a variable given twice.
pub fn check_unique(bindings: &[Binding]) -> Result<(), Failure> {
    let mut seen: HashMap<&str, &Binding> = HashMap::with_capacity(bindings.len());
    for b in bindings {
        if let Some(earlier) = seen.insert(&b.name, b) {
            return Err(Failure::usage(t(
                "at-twice",
                &[
                    ("name", b.name.as_str().into()),
                    ("first", earlier.text.as_str().into()),
                    ("second", b.text.as_str().into()),
                ],
            )));
        }
    }
    Ok(())
}

/// Every `--at` must name a variable of the expression (a typo such as `--at X=1` is caught
/// here), and every variable needs an `--at`.
pub fn check(e: &Expr, bindings: &[Binding]) -> Result<(), Failure> {
    let variables = e.variables();
    let known: HashSet<&str> = variables.iter().copied().collect();
    for b in bindings {
        if known.contains(b.name.as_str()) {
            continue;
        }
        let why = match expr::did_you_mean(&b.name, variables.iter().copied()) {
            Some(close) => t(
                "at-no-such-variable-did-you-mean",
                &[("name", b.name.as_str().into()), ("close", close.into())],
            ),
            None if variables.is_empty() => t("at-no-variables", &[]),
            None => t(
                "at-no-such-variable",
                &[
                    ("name", b.name.as_str().into()),
                    (
                        "variables",
                        list(&variables, |v| v.to_string(), ", ").into(),
                    ),
                ],
            ),
        };
        return Err(Failure::usage(format!("--at {}: {why}", b.text)));
    }
    let given: HashSet<&str> = bindings.iter().map(|b| b.name.as_str()).collect();
    let missing: Vec<&str> = variables
        .into_iter()
        .filter(|v| !given.contains(v))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    // the constants a student may expect the language to know: it knows none
    let hints: Vec<String> = missing
        .iter()
        .filter_map(|&m| match m {
            "e" => Some(t("at-hint-e", &[])),
            "pi" => Some(t("at-hint-pi", &[])),
            _ => None,
        })
        .collect();
    let hints = if hints.is_empty() {
        String::new()
    } else {
        format!(" ({})", hints.join("; "))
    };
    let value = t("at-value-name", &[]);
    Err(Failure::usage(t(
        "at-missing",
        &[
            ("count", missing.len().into()),
            ("names", list(&missing, |m| format!("`{m}`"), ", ").into()),
            (
                "add",
                list(&missing, |m| format!("--at {m}={value}"), " ").into(),
            ),
            ("hints", hints.into()),
        ],
    )))
}

/// The first few names, joined, and how many more there are.
fn list(names: &[&str], show: impl Fn(&str) -> String, separator: &str) -> String {
    const SHOWN: usize = 8;
    let mut text: Vec<String> = names.iter().take(SHOWN).map(|n| show(n)).collect();
    if names.len() > SHOWN {
        text.push(t(
            "error-more-names",
            &[("count", (names.len() - SHOWN).into())],
        ));
    }
    text.join(separator)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_binding_is_a_name_and_a_finite_number() {
        let b = binding(" x = -1.5").unwrap();
        assert_eq!(
            (b.name.as_str(), b.value, b.text.as_str()),
            ("x", -1.5, " x = -1.5")
        );
        assert!(binding("x").unwrap_err().starts_with("expected NAME=VALUE"));
        assert!(binding("exp=1").unwrap_err().contains("function name"));
        assert!(binding("x=1e999").unwrap_err().contains("finite"));
        let twice = [binding("x=1").unwrap(), binding("x=2").unwrap()];
        assert_eq!(
            check_unique(&twice).unwrap_err().message,
            "--at x is given twice (--at x=1, then --at x=2): give each variable one value"
        );
    }
}
