//! The HTML file: the template, style and script of `page/`, the engine's WebAssembly (as
//! base64) and Graphviz's (`@viz-js/viz`) inline, and the expression the page opens on.

use crate::net::{Preset, Settings, presets};
use base64::Engine;
use gradgraph_i18n::Lang;
use serde::Serialize;
use std::collections::BTreeMap;

/// The engine, compiled to WebAssembly by `crates/web/build.sh`.
pub const WASM: &[u8] = include_bytes!("../assets/gradgraph_web.wasm");
/// The checksum of the sources [`WASM`] was built from (`crates/web/sources.py`).
pub const WASM_SOURCES: &str = include_str!("../assets/gradgraph_web.sources");
const VIZ: &str = include_str!("../assets/viz-global.js");
const TEMPLATE: &str = include_str!("../page/page.html");
const STYLE: &str = include_str!("../page/page.css");
const SCRIPT: &str = include_str!("../page/page.js");
const NET_SCRIPT: &str = include_str!("../page/net.js");

/// What the page opens on: an expression and the text of each variable's value, or a graph
/// handed to it as data.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Page {
    /// The expression, as `gradgraph expr` reads it.
    pub expression: String,
    /// Each variable's value, as typed; a variable without one starts at 1.
    pub values: BTreeMap<String, String>,
    /// A graph to open on instead of the expression (the learner may still type one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub graph: Option<crate::GraphData>,
    /// A net to open on, in the net mode, instead of the expression.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub net: Option<NetOpening>,
    /// The language the page opens in (the reader switches it on the page, and a `#lang=`
    /// in the page's address overrides it).
    #[serde(skip)]
    pub lang: Lang,
}

/// A net the page opens on (`gradgraph train --html`, `gradgraph page --preset`).
#[derive(Clone, Debug, Default, Serialize)]
pub struct NetOpening {
    /// The settings (see [`Settings`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub settings: Option<Settings>,
    /// A preset to open on instead (see [`crate::presets`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preset: Option<String>,
    /// The data, when it is a CSV file's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub csv: Option<CsvText>,
    /// The first weights, in canonical order, when they were not drawn from the seed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weights: Option<Vec<f64>>,
    /// Steps to train as the page opens.
    pub train: usize,
    /// A line for the page to show once it has trained them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A CSV file's name and text, handed to the page.
#[derive(Clone, Debug, Default, Serialize)]
pub struct CsvText {
    /// The file's name.
    pub name: String,
    /// Its text.
    pub text: String,
}

/// What the page's script starts from: the opening, and the lists of the net mode's menus.
#[derive(Serialize)]
struct Init<'a> {
    #[serde(flatten)]
    opening: &'a Page,
    presets: Vec<Preset>,
    datasets: Vec<DatasetChoice>,
    activations: Vec<&'static str>,
    /// The language the page opens in: `en`, `pt-BR`.
    lang: &'static str,
    /// The texts the page's script shows, by language and message id (see [`messages`]).
    messages: BTreeMap<&'static str, BTreeMap<String, String>>,
}

/// The catalogs' files whose messages the page's script shows itself.
const PAGE_CATALOGS: [&str; 2] = ["page", "net"];

/// The messages of the page's catalogs (`page.ftl`, `net.ftl`) in every language, each with
/// its variables left as `{$name}` for the script to fill: the page switches language at
/// once, before and without the engine.
fn messages() -> BTreeMap<&'static str, BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    for lang in Lang::ALL {
        let mut texts = BTreeMap::new();
        for (_, en, _) in gradgraph_i18n::CATALOGS
            .iter()
            .filter(|(name, _, _)| PAGE_CATALOGS.contains(name))
        {
            for (id, vars) in gradgraph_i18n::messages(en) {
                let marks: Vec<(String, String)> = vars
                    .iter()
                    .map(|v| (v.clone(), format!("{{${v}}}")))
                    .collect();
                let args: Vec<(&str, _)> = marks
                    .iter()
                    .map(|(v, mark)| (v.as_str(), mark.as_str().into()))
                    .collect();
                let text = lang.text(&id, &args);
                texts.insert(id, text);
            }
        }
        out.insert(lang.tag(), texts);
    }
    out
}

/// A built-in data set in the page's menu, with the settings `gradgraph train` gives it.
#[derive(Serialize)]
struct DatasetChoice {
    name: &'static str,
    settings: Settings,
}

/// The page, one self-contained HTML file: no network request, opens from `file://`.
///
/// # Examples
/// ```
/// let page = gradgraph_web::page(&gradgraph_web::Page {
///     expression: "tanh(x*w + b)".into(),
///     values: [("x", "1"), ("w", "0.5"), ("b", "-0.2")]
///         .map(|(k, v)| (k.to_owned(), v.to_owned()))
///         .into(),
///     ..Default::default()
/// });
/// assert!(page.starts_with("<!DOCTYPE html>"));
/// assert!(page.contains("<title>f = tanh(x*w + b)</title>"));
/// ```
pub fn page(opening: &Page) -> String {
    let init = Init {
        opening,
        presets: presets(),
        datasets: gradgraph_nn::data::BUILTIN
            .iter()
            .map(|&name| DatasetChoice {
                name,
                settings: Settings::for_dataset(name),
            })
            .collect(),
        activations: gradgraph_nn::Activation::names(),
        lang: opening.lang.tag(),
        messages: messages(),
    };
    let init = serde_json::to_string(&init)
        .unwrap_or_else(|_| r#"{"expression":"","values":{}}"#.to_owned())
        // inside <script>: no `</script>` can end it early
        .replace('<', "\\u003c");
    let (viz, wasm) = packed();
    let lang = opening.lang;
    let title = match &opening.net {
        Some(net) => lang.text(
            "net-page-title",
            &[(
                "name",
                net.settings
                    .as_ref()
                    .map_or(net.preset.as_deref().unwrap_or("gradgraph"), |s| {
                        s.dataset.as_str()
                    })
                    .into(),
            )],
        ),
        None => {
            crate::compute(&crate::Request {
                expression: opening.expression.clone(),
                values: opening.values.clone(),
                graph: opening.graph.clone(),
                quiz: None,
                lang: lang.tag().to_owned(),
            })
            .title
        }
    };
    let title = escape(&title);
    // each placeholder replaced once, in the template only (the inserted texts are not
    // searched again)
    let mut out = String::with_capacity(TEMPLATE.len() + viz.len() + wasm.len() + 65_536);
    let mut rest = TEMPLATE;
    while let Some(start) = rest.find("{{") {
        let Some(end) = rest[start..].find("}}") else {
            break;
        };
        out.push_str(&rest[..start]);
        match &rest[start + 2..start + end] {
            "TITLE" => out.push_str(&title),
            "LANG" => out.push_str(lang.tag()),
            "STYLE" => out.push_str(STYLE),
            "INIT" => out.push_str(&init),
            "VIZ" => out.push_str(viz),
            "WASM" => out.push_str(wasm),
            "SCRIPT" => {
                out.push_str(SCRIPT);
                out.push('\n');
                out.push_str(NET_SCRIPT);
            }
            other => {
                out.push_str("{{");
                out.push_str(other);
                out.push_str("}}");
            }
        }
        rest = &rest[start + end + 2..];
    }
    out.push_str(rest);
    out
}

/// Graphviz's script and the engine, each gzip-compressed (the page unpacks them with the
/// browser's `DecompressionStream`) and in base64, computed once: 1.1 MB instead of 2.5.
fn packed() -> (&'static str, &'static str) {
    static PACKED: std::sync::OnceLock<(String, String)> = std::sync::OnceLock::new();
    let (viz, wasm) = PACKED.get_or_init(|| (gzip_base64(VIZ.as_bytes()), gzip_base64(WASM)));
    (viz, wasm)
}

/// `bytes`, gzip-compressed at the best level (no time stamp: the same bytes every time),
/// in base64.
fn gzip_base64(bytes: &[u8]) -> String {
    use std::io::Write;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    // writing to a Vec cannot fail
    let packed = gz
        .write_all(bytes)
        .and_then(|()| gz.finish())
        .unwrap_or_default();
    base64::engine::general_purpose::STANDARD.encode(packed)
}

/// Text inside HTML: `&`, `<`, `>` and `"` escaped.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_holds_everything_and_nothing_escapes_its_place() {
        let page = page(&Page {
            expression: "x</script><b>".into(),
            ..Page::default()
        });
        assert!(page.contains("<title>f = x&lt;/script&gt;&lt;b&gt;</title>"));
        assert!(!page.contains("x</script><b>"));
        assert!(!page.contains("{{"), "a placeholder left");
        // no request leaves the file: no external script, style, font or fetch
        for external in ["src=\"http", "href=\"http://", "@import"] {
            assert!(!page.contains(external), "{external}");
        }
        assert!(page.len() < 1_500_000, "{} bytes", page.len());
        // the engine and Graphviz, gzip in base64 (`H4sI` is gzip's magic number)
        assert!(page.contains("const GG_WASM = \"H4sI"));
        assert!(page.contains("const GG_VIZ = \"H4sI"));
    }
}
