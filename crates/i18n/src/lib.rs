//! # gradgraph-i18n: gradgraph's texts in English and Brazilian Portuguese
//!
//! The lecture gradgraph was written for is Brazilian. This crate holds the texts people
//! read, one [Project Fluent](https://projectfluent.org) catalog per language
//! (`catalogs/en/*.ftl`, `catalogs/pt-BR/*.ftl`, one file per part of the program, compiled
//! in), the choice of a language
//! ([`Lang::from_env`], [`Lang::parse`]) and numbers as each language writes them
//! ([`Lang::number`]: `0,2913` in Portuguese).
//!
//! Fluent, rather than a table of strings: its messages carry their own variables and
//! plural rules (Portuguese says "1 passo", "2 passos"), translators edit plain text files,
//! and the same catalogs compile into the command line, the page and the Python package.
//! The Portuguese follows the lecture's vocabulary, listed in the guide's glossary
//! (`book/src/glossary.md`).
//!
//! # Examples
//! ```
//! use gradgraph_i18n::Lang;
//! let pt = Lang::parse("pt-BR").unwrap();
//! assert_eq!(pt.text("trace-node", &[]), "nó");
//! assert_eq!(pt.number(0.2913126124515909), "0,2913126124515909");
//! assert_eq!(
//!     Lang::En.text("trace-variable", &[("name", "x".into()), ("gradient", "0.5".into())]),
//!     "variable: ∂f/∂x = 0.5"
//! );
//! ```

mod errors;
pub use errors::{
    error_text, explanation_text, non_finite_detail_text, parse_error_message, parse_error_text,
};
/// A value given to a message's variable: a number or a text (`3.into()`, `"x".into()`).
pub use fluent_bundle::FluentValue;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use std::sync::OnceLock;

// `CATALOGS`, written by build.rs from the files of `catalogs/en` and `catalogs/pt-BR`
include!(concat!(env!("OUT_DIR"), "/catalogs.rs"));

/// English words that a Portuguese text never contains (`english_words.txt`), for the tests
/// that read what gradgraph shows in Portuguese.
pub const ENGLISH_WORDS: &str = include_str!("../english_words.txt");

/// A language gradgraph speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English, the default.
    #[default]
    En,
    /// Brazilian Portuguese.
    PtBr,
}

impl Lang {
    /// Every language, in the order `--help` lists them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::PtBr];

    /// Its tag: `en`, `pt-BR`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::PtBr => "pt-BR",
        }
    }

    /// The language a tag names: `en` (or `en-US`, ...), `pt-BR` (or `pt`, `pt_BR`, any case).
    ///
    /// Returns what is wrong, naming the languages there are, for any other tag.
    pub fn parse(tag: &str) -> Result<Lang, String> {
        let t = tag.trim().to_ascii_lowercase().replace('_', "-");
        if t == "en" || t.starts_with("en-") {
            Ok(Lang::En)
        } else if t == "pt" || t.starts_with("pt-") {
            Ok(Lang::PtBr)
        } else {
            Err(format!(
                "unknown language {tag:?}: gradgraph speaks en (English) and pt-BR (português)"
            ))
        }
    }

    /// The language of the environment: `GRADGRAPH_LANG` if it is set, else the locale
    /// (`LC_ALL`, then `LC_MESSAGES`, then `LANG`, the first that is set and not empty):
    /// Portuguese for a locale starting with `pt`, English otherwise.
    pub fn from_env() -> Lang {
        Lang::from_vars(|name| std::env::var(name).ok())
    }

    /// [`Lang::from_env`] with the variables read by `var`.
    ///
    /// # Examples
    /// ```
    /// use gradgraph_i18n::Lang;
    /// let env = |vars: &'static [(&'static str, &'static str)]| {
    ///     move |name: &str| vars.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string())
    /// };
    /// assert_eq!(Lang::from_vars(env(&[("LANG", "pt_BR.UTF-8")])), Lang::PtBr);
    /// assert_eq!(Lang::from_vars(env(&[("LC_ALL", "C"), ("LANG", "pt_BR.UTF-8")])), Lang::En);
    /// assert_eq!(Lang::from_vars(env(&[("GRADGRAPH_LANG", "pt-BR"), ("LANG", "C")])), Lang::PtBr);
    /// assert_eq!(Lang::from_vars(env(&[])), Lang::En);
    /// ```
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Lang {
        if let Some(lang) = var("GRADGRAPH_LANG").and_then(|v| Lang::parse(&v).ok()) {
            return lang;
        }
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|name| var(name).filter(|v| !v.is_empty()));
        match locale {
            Some(l) if l.to_ascii_lowercase().starts_with("pt") => Lang::PtBr,
            _ => Lang::En,
        }
    }

    /// The message `id` of this language's catalog, its variables set from `args`.
    ///
    /// **Panics** if the catalog has no message `id` (a test checks that every message the
    /// crates ask for exists in both catalogs).
    pub fn text(self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let bundle = bundle(self);
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            panic!("the {} catalog has no message {id:?}", self.tag());
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        let mut errors = Vec::new();
        bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors)
            .into_owned()
    }

    /// `x` as a reader of this language writes it: the engine's shortest exact form
    /// (`0.2913126124515909`, `5.6e-17`), with a decimal comma in Portuguese.
    pub fn number(self, x: f64) -> String {
        self.decimal(&gradgraph::expr::format_number(x))
    }

    /// A number already written with a decimal point, in this language: the point becomes a
    /// comma in Portuguese (`0.5` → `0,5`); the text is otherwise unchanged.
    pub fn decimal(self, text: &str) -> String {
        match self {
            Lang::En => text.to_owned(),
            Lang::PtBr => text.replace('.', ","),
        }
    }

    /// A number typed by a reader of this language: in Portuguese a decimal comma (`0,5`) is
    /// read as a point; a point is read in both. `None` when it is not a number.
    ///
    /// # Examples
    /// ```
    /// use gradgraph_i18n::Lang;
    /// assert_eq!(Lang::PtBr.read_number("-0,25"), Some(-0.25));
    /// assert_eq!(Lang::PtBr.read_number("1e-3"), Some(0.001));
    /// assert_eq!(Lang::En.read_number("0,5"), None);
    /// ```
    pub fn read_number(self, text: &str) -> Option<f64> {
        let text = text.trim();
        match self {
            Lang::PtBr if text.matches(',').count() == 1 && !text.contains('.') => {
                text.replace(',', ".").parse().ok()
            }
            _ => text.parse().ok(),
        }
    }
}

/// The bundle of a language's catalog, parsed once.
fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static EN_BUNDLE: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    static PT_BUNDLE: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    let cell = match lang {
        Lang::En => &EN_BUNDLE,
        Lang::PtBr => &PT_BUNDLE,
    };
    cell.get_or_init(|| {
        let id: unic_langid::LanguageIdentifier = lang.tag().parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // no Unicode isolation marks around variables: the texts go to terminals and files
        bundle.set_use_isolating(false);
        for source in catalogs(lang) {
            let resource =
                FluentResource::try_new(source.to_owned()).unwrap_or_else(|(resource, _)| resource);
            let _ = bundle.add_resource(resource);
        }
        bundle
    })
}

/// The text of every catalog file of a language, in the order of their names.
pub fn catalogs(lang: Lang) -> impl Iterator<Item = &'static str> {
    CATALOGS.iter().map(move |(_, en, pt)| match lang {
        Lang::En => *en,
        Lang::PtBr => *pt,
    })
}

/// The English words left in `text`, a text shown in Portuguese: every whole word of it
/// (letters only, so `--at`, `x=1`, `tanh(x)` and the quoted `"every"` are not words) that is in
/// [`ENGLISH_WORDS`], in order, repeated as often as it occurs; a name that list marks with
/// `!` (`Value`, the Python class) is not a word in exactly that spelling. Empty for a text
/// all in Portuguese.
///
/// # Examples
/// ```
/// use gradgraph_i18n::english_left;
/// assert!(english_left("o gradiente que chega, --at x=0,5").is_empty());
/// assert_eq!(english_left("o gradient que chega"), ["gradient"]);
/// ```
pub fn english_left(text: &str) -> Vec<String> {
    type Words = std::collections::HashSet<&'static str>;
    static WORDS: OnceLock<(Words, Words)> = OnceLock::new();
    let (words, names) = WORDS.get_or_init(|| {
        let lines = || {
            ENGLISH_WORDS
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
        };
        let words = lines()
            .filter(|l| !l.starts_with('!'))
            .flat_map(str::split_whitespace)
            .collect();
        let names = lines()
            .filter_map(|l| l.strip_prefix('!'))
            .flat_map(str::split_whitespace)
            .collect();
        (words, names)
    });
    text.split_whitespace()
        .map(|token| token.trim_matches(|c: char| ",.:;!?()[]…*".contains(c)))
        .filter(|word| !word.is_empty() && word.chars().all(char::is_alphabetic))
        .filter(|word| !names.contains(word) && words.contains(word.to_lowercase().as_str()))
        .map(str::to_owned)
        .collect()
}

/// The ids and variables of every message of a catalog, for the tests that compare them.
pub fn messages(catalog: &str) -> Vec<(String, Vec<String>)> {
    let resource = FluentResource::try_new(catalog.to_owned()).unwrap_or_else(|(r, _)| r);
    resource
        .entries()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(m) => {
                let mut vars: Vec<String> = Vec::new();
                if let Some(pattern) = &m.value {
                    variables(pattern, &mut vars);
                }
                vars.sort();
                vars.dedup();
                Some((m.id.name.to_owned(), vars))
            }
            _ => None,
        })
        .collect()
}

fn variables(pattern: &fluent_syntax::ast::Pattern<&str>, out: &mut Vec<String>) {
    use fluent_syntax::ast::{Expression, InlineExpression, PatternElement};
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            let inline = match expression {
                Expression::Inline(i) => i,
                Expression::Select { selector, variants } => {
                    for v in variants {
                        variables(&v.value, out);
                    }
                    selector
                }
            };
            if let InlineExpression::VariableReference { id } = inline {
                out.push(id.name.to_owned());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_is_in_both_catalogs_with_the_same_variables() {
        let mut ids = std::collections::HashSet::new();
        for (name, en, pt) in CATALOGS {
            for (catalog, lang) in [(en, "en"), (pt, "pt-BR")] {
                if let Err((_, errors)) = FluentResource::try_new(catalog.to_string()) {
                    panic!("catalogs/{lang}/{name}.ftl does not parse: {errors:?}");
                }
            }
            let en_messages = messages(en);
            assert!(!en_messages.is_empty(), "catalogs/en/{name}.ftl is empty");
            assert_eq!(
                en_messages,
                messages(pt),
                "catalogs/en/{name}.ftl and catalogs/pt-BR/{name}.ftl: the same messages, \
                 in the same order, with the same variables"
            );
            for (id, _) in en_messages {
                assert!(ids.insert(id.clone()), "{id} is in two catalog files");
            }
        }
    }

    #[test]
    fn the_catalogs_have_no_english_word_in_portuguese() {
        for (name, _, pt) in CATALOGS {
            for (id, vars) in messages(pt) {
                let args: Vec<(&str, FluentValue<'_>)> =
                    vars.iter().map(|v| (v.as_str(), "1".into())).collect();
                let text = Lang::PtBr.text(&id, &args);
                let left = english_left(&text);
                assert!(
                    left.is_empty(),
                    "pt-BR/{name}.ftl, {id}: {left:?} in {text:?}"
                );
            }
        }
    }

    #[test]
    fn every_message_formats_in_both_languages() {
        for (id, vars) in CATALOGS.iter().flat_map(|(_, en, _)| messages(en)) {
            let args: Vec<(&str, FluentValue<'_>)> =
                vars.iter().map(|v| (v.as_str(), "1".into())).collect();
            for lang in Lang::ALL {
                let text = lang.text(&id, &args);
                assert!(
                    !text.is_empty() && !text.contains('{'),
                    "{id} in {lang:?}: {text}"
                );
            }
        }
    }

    #[test]
    fn languages_are_parsed_with_a_message_naming_the_choices() {
        assert_eq!(Lang::parse("pt_BR"), Ok(Lang::PtBr));
        assert_eq!(Lang::parse("EN-us"), Ok(Lang::En));
        let err = Lang::parse("fr").unwrap_err();
        assert!(err.contains("en (English) and pt-BR"), "{err}");
        assert_eq!(Lang::PtBr.number(-5.6e-17), "-5,6e-17");
        assert_eq!(Lang::En.number(0.5), "0.5");
    }
}
