//! `--at NAME=VALUE`, the values of an expression's variables, as `expr` and `quiz` take
//! them: each one parsed by clap ([`binding`]), then checked together against the
//! expression ([`check`]).

use super::Failure;
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
        return Err("expected NAME=VALUE, for example --at x=1.5".to_owned());
    };
    let (name, value) = (name.trim(), value.trim());
    if name.is_empty() {
        return Err("the variable name before `=` is missing".to_owned());
    }
    if expr::is_function_name(name) {
        return Err(format!(
            "`{name}` is a function name, so it cannot be a variable"
        ));
    }
    if !expr::is_variable_name(name) {
        return Err(format!(
            "`{name}` is not a variable name (a letter or _, then letters, digits or _)"
        ));
    }
    if value.is_empty() {
        return Err(format!("the value of `{name}` after `=` is missing"));
    }
    // a decimal comma is read here and refused later unless the language is Portuguese
    let (number, comma) = match value.parse::<f64>() {
        Ok(number) => (number, false),
        Err(_) => match Lang::PtBr.read_number(value) {
            Some(number) => (number, true),
            None => return Err(format!("`{value}` is not a number")),
        },
    };
    if !number.is_finite() {
        return Err(format!(
            "the value of `{name}` must be a finite number, not {value}"
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
            Err(Failure::usage(Lang::En.text(
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
            return Err(Failure::usage(format!(
                "--at {} is given twice (--at {}, then --at {}): give each variable one value",
                b.name, earlier.text, b.text
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
            Some(close) => format!(
                "the expression has no variable `{}`; did you mean `{close}`?",
                b.name
            ),
            None if variables.is_empty() => "the expression has no variables".to_string(),
            None => format!(
                "the expression has no variable `{}`; its variables are {}",
                b.name,
                list(&variables, |v| v.to_string(), ", ")
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
    let s = if missing.len() == 1 { "" } else { "s" };
    // the constants a student may expect the language to know: it knows none
    let hints: Vec<&str> = missing
        .iter()
        .filter_map(|&m| match m {
            "e" => Some("`e` is a variable like any other: write exp(x) for e^x"),
            "pi" => Some("`pi` is a variable like any other: give --at pi=3.141592653589793"),
            _ => None,
        })
        .collect();
    let hints = if hints.is_empty() {
        String::new()
    } else {
        format!(" ({})", hints.join("; "))
    };
    Err(Failure::usage(format!(
        "no value for variable{s} {}: add {}{hints}",
        list(&missing, |m| format!("`{m}`"), ", "),
        list(&missing, |m| format!("--at {m}=VALUE"), " ")
    )))
}

/// The first few names, joined, and how many more there are.
fn list(names: &[&str], show: impl Fn(&str) -> String, separator: &str) -> String {
    const SHOWN: usize = 8;
    let mut text: Vec<String> = names.iter().take(SHOWN).map(|n| show(n)).collect();
    if names.len() > SHOWN {
        text.push(format!("… ({} more)", names.len() - SHOWN));
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
