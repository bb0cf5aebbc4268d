//! Flag values: the parsers clap runs on each flag's text, and the choices it offers.
//!
//! A value that does not fit is refused while the flags are parsed, before any work: clap
//! prints `error: invalid value 'VALUE' for '--flag <NAME>': what was expected` and exits
//! with code 2. Checks that need more than one flag, or the data, come after, in each
//! command's plan.

use clap::ValueEnum;
use gradgraph::quiz::{Level, Tolerance};

/// A number, as Rust reads it (`0.5`, `1e-3`, `-2`; `inf` and `NaN` too, refused by the
/// callers that want a finite one).
fn number(s: &str) -> Result<f64, String> {
    s.trim()
        .parse()
        .map_err(|_| format!("`{s}` is not a number"))
}

/// `--tolerance`: a relative tolerance in [0, 1), as [`Tolerance::new`] takes it.
pub fn relative_tolerance(s: &str) -> Result<f64, String> {
    let v = number(s)?;
    Tolerance::new(v, 0.0)
        .map(|t| t.relative)
        .map_err(|e| e.to_string())
}

/// `--abs-tolerance`: an absolute tolerance of at least 0, as [`Tolerance::new`] takes it.
pub fn absolute_tolerance(s: &str) -> Result<f64, String> {
    let v = number(s)?;
    Tolerance::new(0.0, v)
        .map(|t| t.absolute)
        .map_err(|e| e.to_string())
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
}
