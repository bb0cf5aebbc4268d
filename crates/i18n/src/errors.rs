//! The engine's errors in each language: [`error_text`], [`parse_error_text`].
//!
//! The engine cannot depend on this crate, so its errors carry their English message (their
//! `Display`) and, beside it, what a translation needs: a parse error its kind and the pieces
//! of text it quotes ([`gradgraph::ParseError::kind`]), the other errors their fields. English
//! is the `Display`; the other languages are written from the catalog (`errors.ftl`).

use crate::Lang;
use fluent_bundle::FluentValue;
use gradgraph::{Error, ParseError, Pass};

/// An error of the engine as `lang` writes it: its `Display` in English; in Portuguese the
/// same message from the catalog (an expression's mistake with its column, the expression
/// and a caret under it, and its hint). The page and the command line show engine errors
/// through this function.
///
/// # Examples
/// ```
/// use gradgraph_i18n::{error_text, Lang};
/// let err = gradgraph::Error::from(gradgraph::expr::parse("x*0,5").unwrap_err());
/// assert_eq!(error_text(Lang::En, &err), err.to_string());
/// let pt = error_text(Lang::PtBr, &err);
/// assert!(pt.starts_with("`,` inesperada"), "{pt}");
/// assert!(pt.contains("escreva-o com ponto decimal, 0.5"), "{pt}");
/// assert!(pt.ends_with("(coluna 4)\n  x*0,5\n     ^"), "{pt}");
/// ```
pub fn error_text(lang: Lang, error: &Error) -> String {
    match lang {
        Lang::En => error.to_string(),
        _ => write_error(lang, error),
    }
}

/// An expression that did not parse, as `lang` writes it: the message, its column, the
/// expression and a caret under the mistake (in English, its `Display`).
pub fn parse_error_text(lang: Lang, error: &ParseError) -> String {
    match lang {
        Lang::En => error.to_string(),
        _ => write_parse_error(lang, error),
    }
}

/// What went wrong in a parse error, without its position, as `lang` writes it (in English,
/// [`ParseError::message`]).
pub fn parse_error_message(lang: Lang, error: &ParseError) -> String {
    match lang {
        Lang::En => error.message().to_owned(),
        _ => parse_message(lang, error),
    }
}

/// The engine's explanation of a value or gradient that is not finite
/// ([`gradgraph::expr::Expr::explain`], in English: `the forward pass produced NaN at node #1
/// (log): ...`, then the expression and marks under the part at fault), in `lang`. A text
/// that is not such an explanation is returned as it is.
///
/// # Examples
/// ```
/// use gradgraph_i18n::{explanation_text, Lang};
/// let english = "the forward pass produced NaN at node #1 (log): `log(x)` computes log(-1) = NaN\n  log(x)\n  ^^^^^^";
/// assert_eq!(
///     explanation_text(Lang::PtBr, english),
///     "a propagação direta deu NaN no nó #1 (log): `log(x)` calcula log(-1) = NaN\n  log(x)\n  ^^^^^^"
/// );
/// assert_eq!(explanation_text(Lang::En, english), english);
/// ```
pub fn explanation_text(lang: Lang, english: &str) -> String {
    if lang == Lang::En {
        return english.to_owned();
    }
    let (first, rest) = match english.split_once('\n') {
        Some((first, rest)) => (first, Some(rest)),
        None => (english, None),
    };
    let translated = explain_line(lang, first).unwrap_or_else(|| first.to_owned());
    match rest {
        Some(rest) => format!("{translated}\n{rest}"),
        None => translated,
    }
}

fn explain_line(lang: Lang, line: &str) -> Option<String> {
    let node = |at: &str| -> Option<String> {
        let (n, op) = at.strip_prefix("node #")?.split_once(" (")?;
        Some(lang.text(
            "explain-node",
            &[("n", n.into()), ("op", op.strip_suffix(')')?.into())],
        ))
    };
    if let Some(rest) = line.strip_prefix("the forward pass produced ") {
        let (out, rest) = rest.split_once(" at ")?;
        let (at, what) = rest.split_once("): ")?;
        let at = node(&format!("{at})"))?;
        if let Some(what) = what.strip_suffix(&format!(" is {out}")) {
            return Some(lang.text(
                "explain-forward-is",
                &[
                    ("out", out.into()),
                    ("at", at.into()),
                    ("what", what.into()),
                ],
            ));
        }
        let (what, application) = what.rsplit_once(" computes ")?;
        let application = application.strip_suffix(&format!(" = {out}"))?;
        return Some(lang.text(
            "explain-forward-computes",
            &[
                ("out", out.into()),
                ("at", at.into()),
                ("what", what.into()),
                ("application", application.into()),
            ],
        ));
    }
    let rest = line.strip_prefix("the backward pass produced a non-finite gradient at ")?;
    let (at, rest) = rest.split_once("): the local derivative of ")?;
    let at = node(&format!("{at})"))?;
    if let Some((what, detail)) =
        rest.split_once(" times the gradient arriving from above overflows (")
    {
        return Some(lang.text(
            "explain-backward-overflow",
            &[
                ("at", at.into()),
                ("what", what.into()),
                (
                    "detail",
                    non_finite_detail(lang, detail.strip_suffix(')')?).into(),
                ),
            ],
        ));
    }
    let (what, rest) = rest.split_once(" with respect to ")?;
    let (operand, rest) = rest.rsplit_once(" is ")?;
    let (local, application) = rest.split_once(" at ")?;
    Some(lang.text(
        "explain-backward-local",
        &[
            ("at", at.into()),
            ("what", what.into()),
            ("operand", operand.into()),
            ("local", lang.decimal(local).into()),
            ("application", application.into()),
        ],
    ))
}

fn args<'a>(pairs: &'a [(&'static str, String)]) -> Vec<(&'a str, FluentValue<'a>)> {
    pairs
        .iter()
        .map(|(k, v)| (*k, FluentValue::from(v.as_str())))
        .collect()
}

fn arg<'a>(pairs: &'a [(&'static str, String)], name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| *k == name)
        .map_or("", |(_, v)| v.as_str())
}

fn parse_message(lang: Lang, e: &ParseError) -> String {
    let a = e.args();
    let mut message = match e.kind() {
        "parse-arity" => {
            let (min, max) = (arg(a, "min"), arg(a, "max"));
            let takes = if min == max && min == "1" {
                lang.text("parse-takes-one", &[])
            } else if min == max {
                lang.text("parse-takes-n", &[("n", min.into())])
            } else {
                lang.text(
                    "parse-takes-range",
                    &[("min", min.into()), ("max", max.into())],
                )
            };
            let got = match arg(a, "got") {
                "0" => lang.text("parse-got-none", &[]),
                n => n.to_owned(),
            };
            let one = arg(a, "signature");
            let signature = match arg(a, "or") {
                "" => one.to_owned(),
                other => lang.text(
                    "parse-signature-or",
                    &[
                        ("one", one.into()),
                        (
                            "other",
                            other
                                .replace(
                                    ", slope)",
                                    &format!(", {})", lang.text("parse-slope", &[])),
                                )
                                .into(),
                        ),
                    ],
                ),
            };
            lang.text(
                "parse-arity",
                &[
                    ("name", arg(a, "name").into()),
                    ("takes", takes.into()),
                    ("got", got.into()),
                    ("signature", signature.into()),
                ],
            )
        }
        kind => lang.text(kind, &args(a)),
    };
    if let Some((kind, hint_args)) = e.hint() {
        message.push_str(&lang.text(kind, &args(hint_args)));
    }
    message
}

fn write_parse_error(lang: Lang, e: &ParseError) -> String {
    let message = parse_message(lang, e);
    let head = lang.text(
        "parse-position",
        &[
            ("message", message.into()),
            ("column", e.column().to_string().into()),
        ],
    );
    format!("{head}\n  {}\n  {}", e.line(), e.marker())
}

fn write_error(lang: Lang, error: &Error) -> String {
    match error {
        Error::Expr(e) => write_parse_error(lang, e),
        Error::Shape {
            what,
            expected,
            got,
        } => lang.text(
            "error-shape",
            &[
                ("what", what.as_str().into()),
                ("expected", expected.to_string().into()),
                ("got", got.to_string().into()),
            ],
        ),
        Error::NonFinite { pass, detail, .. } => {
            let pass = match pass {
                Pass::Forward => "forward",
                Pass::Backward => "backward",
            };
            lang.text(
                "error-non-finite",
                &[
                    ("pass", pass.into()),
                    ("detail", non_finite_detail(lang, detail).into()),
                ],
            )
        }
        Error::OutOfRange { what, detail } => out_of_range(lang, what, detail),
        other => other.to_string(),
    }
}

/// The detail of a non-finite value ([`gradgraph::Error::NonFinite`]'s `detail`: `node #3
/// (log) computed NaN from operands [-1]`), in `lang`; a detail of another form as it is.
pub fn non_finite_detail_text(lang: Lang, detail: &str) -> String {
    non_finite_detail(lang, detail)
}

/// The detail of a non-finite value, `node #3 (log) computed NaN from operands [-1]` or
/// `node ... sent gradient inf to ... (operands [...])`, in `lang`.
fn non_finite_detail(lang: Lang, detail: &str) -> String {
    let numbers = |list: &str| match lang {
        Lang::En => list.to_owned(),
        _ => lang.decimal(&list.replace(", ", "; ")),
    };
    let Some(rest) = detail.strip_prefix("node ") else {
        return detail.to_owned();
    };
    if let Some((node, rest)) = rest.split_once(" computed ")
        && let Some((value, rest)) = rest.split_once(" from operands [")
        && let Some(operands) = rest.strip_suffix(']')
    {
        return lang.text(
            "error-non-finite-computed",
            &[
                ("node", node.into()),
                ("value", value.into()),
                ("operands", numbers(operands).into()),
            ],
        );
    }
    if let Some((node, rest)) = rest.split_once(" sent gradient ")
        && let Some((value, rest)) = rest.split_once(" to ")
        && let Some((input, rest)) = rest.split_once(" (operands [")
        && let Some(operands) = rest.strip_suffix("])")
    {
        return lang.text(
            "error-non-finite-sent",
            &[
                ("node", node.into()),
                ("value", value.into()),
                ("input", input.into()),
                ("operands", numbers(operands).into()),
            ],
        );
    }
    detail.to_owned()
}

/// An argument out of its domain: the engine's own (a variable without a value, an empty
/// expression) in `lang`; any other as its sentence.
fn out_of_range(lang: Lang, what: &str, detail: &str) -> String {
    match what {
        "variables" => {
            let names = detail
                .strip_prefix("no value for variables ")
                .or_else(|| detail.strip_prefix("no value for variable "))
                .unwrap_or(detail);
            let count = names.matches('`').count() / 2;
            let names = match names.split_once("… (") {
                Some((head, tail)) => {
                    let more = tail.trim_end_matches(" more)");
                    format!(
                        "{head}{}",
                        lang.text("error-more", &[("count", more.into())])
                    )
                }
                None => names.to_owned(),
            };
            lang.text(
                "error-no-value",
                &[("count", count.into()), ("names", names.into())],
            )
        }
        "expression" if detail == "the expression is empty" => lang.text("parse-empty", &[]),
        _ => detail.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Expressions that do not parse, one per kind of mistake and hint.
    const BAD: [&str; 24] = [
        "1e",
        "99e999",
        "x @ 2",
        "x . 2",
        "[x]",
        "x × 2",
        "x ÷ 2",
        "f = x",
        "leaky_relu(x, w)",
        "tanh(x, 2)",
        "pow(x)",
        "leaky_relu()",
        "tahn(x)",
        "qq(x)",
        "banana(x)",
        "tanh + 1",
        "x*0,5",
        "(x + 1",
        "tanh(x",
        "x)",
        "",
        "+ x",
        "x ** 2",
        "2 x",
    ];

    #[test]
    fn the_english_catalog_writes_every_parse_error_as_its_display() {
        for src in BAD
            .into_iter()
            .chain(["x // 2", "x + ", "x (2)", "pow(x, 0,5)"])
        {
            let e = gradgraph::expr::parse(src).unwrap_err();
            assert_eq!(write_parse_error(Lang::En, &e), e.to_string(), "{src:?}");
            let pt = write_parse_error(Lang::PtBr, &e);
            // `step` is a function of the language, listed among the functions
            let left: Vec<String> = crate::english_left(&pt)
                .into_iter()
                .filter(|w| w != "step")
                .collect();
            assert!(left.is_empty(), "{src:?}: {left:?} in {pt}");
            assert!(pt.contains("(coluna "), "{pt}");
        }
    }

    #[test]
    fn a_decimal_comma_in_an_expression_gets_a_hint() {
        for (src, written) in [
            ("x*0,5", "0,5"),
            ("pow(x, 0,5)", "0,5"),
            ("tanh(1,25)", "1,25"),
        ] {
            let e = gradgraph::expr::parse(src).unwrap_err();
            let pt = parse_error_text(Lang::PtBr, &e);
            let fixed = written.replace(',', ".");
            assert!(
                pt.contains(&format!(
                    "se `{written}` é um número, escreva-o com ponto decimal, {fixed}"
                )),
                "{pt}"
            );
        }
        // not for arguments: pow(x,2) with a missing argument elsewhere
        let e = gradgraph::expr::parse("w1,2").unwrap_err();
        assert_eq!(e.hint(), None, "{e}");
    }

    #[test]
    fn the_engine_s_other_errors_in_both_languages() {
        let e = gradgraph::expr::parse("x + y").unwrap();
        let g = gradgraph::Graph::new();
        let err = e
            .build(&g, &std::collections::HashMap::new())
            .map(|_| ())
            .unwrap_err();
        assert_eq!(error_text(Lang::En, &err), err.to_string());
        assert_eq!(
            error_text(Lang::PtBr, &err),
            "falta o valor das variáveis `x`, `y`"
        );
        let err = Error::NonFinite {
            pass: Pass::Forward,
            node: 2,
            detail: "node #2 (log) computed NaN from operands [-1.5, 2]".into(),
        };
        assert_eq!(
            error_text(Lang::PtBr, &err),
            "número não finito na propagação direta: o nó #2 (log) calculou NaN a partir \
             dos operandos [-1,5; 2]"
        );
    }
}
