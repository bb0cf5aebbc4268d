//! A printable exercise sheet and its answer key, in Markdown and LaTeX.
//!
//! The sheet gives the expression, its values, a picture of the graph (each node named as
//! the questions name it, with its value but no gradient), the forward pass as a table, and
//! the questions in the order backward processes them, with a blank to fill in. The answer
//! key fills the blanks and shows how each gradient is computed: each product
//! `local × upstream` with the rule of its local derivative, and their sum.
//!
//! Pictures are files beside the sheet ([`Picture`]): `gradgraph quiz --worksheet` renders
//! them with Graphviz (SVG for Markdown, PDF for LaTeX), or writes the DOT file and a note
//! when Graphviz is missing.
//!
//! # Examples
//! ```
//! # fn main() -> Result<(), gradgraph_course::Error> {
//! use gradgraph_course::quiz::{worksheet::{self, Picture, Sheet}, Quiz, Scope};
//! use std::collections::HashMap;
//! let e = gradgraph::expr::parse("x*x + x")?;
//! let quiz = Quiz::new(&e, &HashMap::from([("x".to_string(), 3.0)]), Scope::EveryNode)?;
//! let picture = Picture::Image("graph.svg".into());
//! let md = worksheet::markdown(&quiz, Sheet::Exercise, &picture);
//! assert!(md.contains("![The graph of f"));
//! assert!(md.contains("| 2 | x | 3 | #2, #1 (twice) |  |"));
//! let key = worksheet::markdown(&quiz, Sheet::Answers, &picture);
//! assert!(key.contains("| 2 | x | 3 | #2, #1 (twice) | 7 |"));
//! let tex = worksheet::latex(&quiz, Sheet::Answers, &Picture::Image("graph.pdf".into()));
//! assert!(tex.contains(r"\includegraphics"));
//! # Ok(()) }
//! ```

use super::{Question, Quiz, Scope, short_in};
use gradgraph_draw::latex;
use gradgraph_i18n::Lang;

/// Which of the two documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sheet {
    /// The exercise, with blanks.
    Exercise,
    /// The answer key.
    Answers,
}

/// The graph's picture in a sheet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Picture {
    /// An image file beside the sheet (`graph.svg`, `graph.pdf`).
    Image(String),
    /// Only a DOT file beside the sheet (Graphviz was missing): the sheet says how to
    /// render it.
    DotOnly(String),
}

/// The names of the files `gradgraph quiz --worksheet DIR` writes into DIR.
pub mod files {
    /// The exercise in Markdown.
    pub const EXERCISE_MD: &str = "worksheet.md";
    /// The answer key in Markdown.
    pub const ANSWERS_MD: &str = "answers.md";
    /// The exercise in LaTeX.
    pub const EXERCISE_TEX: &str = "worksheet.tex";
    /// The answer key in LaTeX.
    pub const ANSWERS_TEX: &str = "answers.tex";
    /// The exercise's picture, without gradients (`.dot`, `.svg`, `.pdf`).
    pub const EXERCISE_PICTURE: &str = "graph";
    /// The answer key's picture, with gradients (`.dot`, `.svg`, `.pdf`).
    pub const ANSWERS_PICTURE: &str = "graph-answers";
}

/// How to name the values: `b = -0.2, w = 0.5, x = 1`.
fn values(quiz: &Quiz, number: impl Fn(f64) -> String) -> String {
    quiz.variables()
        .iter()
        .map(|(name, x)| format!("{name} = {}", number(*x)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The instructions above the questions.
fn instructions(quiz: &Quiz, lang: Lang) -> String {
    let which = match quiz.scope() {
        Scope::EveryNode => lang.text("quiz-which-every", &[]),
        Scope::Leaves => lang.text("quiz-which-leaves", &[]),
    };
    lang.text(
        "sheet-instructions",
        &[
            ("output", quiz.tag(quiz.output()).into()),
            ("which", which.into()),
        ],
    )
}

/// `#2, #1 (twice)`: the users of a question's node.
fn used_by(q: &Question, lang: Lang) -> String {
    q.used_by
        .iter()
        .map(|tag| {
            let n = q
                .contributions
                .iter()
                .filter(|c| format!("#{}", c.from) == *tag)
                .count();
            match n {
                2 => lang.text("sheet-twice", &[("tag", tag.as_str().into())]),
                n if n > 2 => lang.text(
                    "sheet-times",
                    &[("tag", tag.as_str().into()), ("n", n.into())],
                ),
                _ => tag.clone(),
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// How the gradient of `q` is computed, for the answer keys: one line per product.
fn products(quiz: &Quiz, q: &Question, lang: Lang) -> Vec<String> {
    q.contributions
        .iter()
        .map(|c| quiz.product_where(c, lang))
        .collect()
}

/// The sheet's title in `lang`.
fn title(sheet: Sheet, lang: Lang) -> String {
    match sheet {
        Sheet::Exercise => lang.text("sheet-title", &[]),
        Sheet::Answers => lang.text("sheet-title-answers", &[]),
    }
}

/// The sheet in Markdown, in English.
pub fn markdown(quiz: &Quiz, sheet: Sheet, picture: &Picture) -> String {
    markdown_in(quiz, sheet, picture, Lang::En)
}

/// The sheet in Markdown, in `lang`: its headings, instructions, table headers and
/// explanations, and its numbers (`0,915137` in Portuguese).
///
/// # Examples
/// ```
/// # fn main() -> Result<(), gradgraph_course::Error> {
/// use gradgraph_course::quiz::{worksheet::{self, Picture, Sheet}, Quiz, Scope};
/// use gradgraph_i18n::Lang;
/// use std::collections::HashMap;
/// let e = gradgraph::expr::parse("x*x + x")?;
/// let quiz = Quiz::new(&e, &HashMap::from([("x".to_string(), 0.5)]), Scope::EveryNode)?;
/// let picture = Picture::Image("graph.svg".into());
/// let key = worksheet::markdown_in(&quiz, Sheet::Answers, &picture, Lang::PtBr);
/// assert!(key.contains("# Retropropagação à mão: gabarito"));
/// assert!(key.contains("| 2 | x | 0,5 | #2, #1 (duas vezes) | 2 |"));
/// # Ok(()) }
/// ```
pub fn markdown_in(quiz: &Quiz, sheet: Sheet, picture: &Picture, lang: Lang) -> String {
    let short = |x: f64| short_in(x, lang);
    let mut s = String::new();
    s.push_str(&format!("# {}\n\n", title(sheet, lang)));
    let at = lang.text(
        "sheet-at",
        &[
            (
                "expression",
                format!("f = `{}`", quiz.expression().replace('`', "'")).into(),
            ),
            ("values", values(quiz, short).into()),
        ],
    );
    s.push_str(&format!("{at}\n\n"));
    match picture {
        Picture::Image(file) => {
            let alt = match sheet {
                Sheet::Exercise => lang.text("sheet-picture", &[]),
                Sheet::Answers => lang.text("sheet-picture-answers", &[]),
            };
            s.push_str(&format!("![{alt}]({file})\n\n"));
        }
        Picture::DotOnly(file) => {
            let note = lang.text(
                "sheet-dot-only-md",
                &[
                    ("file", file.as_str().into()),
                    ("stem", file.trim_end_matches(".dot").into()),
                ],
            );
            s.push_str(&format!("{note}\n\n"));
        }
    }
    s.push_str(&format!(
        "## {}\n\n| {} | {} | {} | {} |\n|---|---|---|---|\n",
        lang.text("sheet-forward", &[]),
        lang.text("sheet-node", &[]),
        lang.text("sheet-formula", &[]),
        lang.text("sheet-part", &[("f", "f".into())]),
        lang.text("sheet-value", &[]),
    ));
    let forward = quiz.forward();
    for (k, (tag, formula, value)) in forward.iter().enumerate() {
        let name = if k + 1 == forward.len() {
            format!("{tag} = f")
        } else {
            tag.clone()
        };
        let text = part_of_f(quiz, tag, k + 1 == forward.len());
        s.push_str(&format!(
            "| {name} | {} | `{}` | {} |\n",
            md_cell(formula),
            text.replace('`', "'"),
            short(*value)
        ));
    }
    s.push_str(&format!("\n## {}\n\n", lang.text("sheet-backward", &[])));
    s.push_str(&instructions(quiz, lang));
    let node = lang.text("sheet-node", &[]);
    s.push_str(&format!(
        "\n\n| # | {node} | {} | {} | ∂f/∂{node} |\n|---|---|---|---|---|\n",
        lang.text("sheet-value", &[]),
        lang.text("sheet-used-by", &[]),
    ));
    for (k, q) in quiz.questions().iter().enumerate() {
        let node = if q.tag == q.formula {
            q.tag.clone()
        } else {
            format!("{} = {}", q.tag, q.formula)
        };
        let answer = match sheet {
            Sheet::Exercise => String::new(),
            Sheet::Answers => short(q.gradient),
        };
        s.push_str(&format!(
            "| {} | {} | {} | {} | {answer} |\n",
            k + 1,
            md_cell(&node),
            short(q.value),
            used_by(q, lang)
        ));
    }
    if sheet == Sheet::Answers {
        s.push_str(&format!("\n## {}\n\n", lang.text("sheet-how", &[])));
        for (k, q) in quiz.questions().iter().enumerate() {
            s.push_str(&format!(
                "{}. {} = {}\n",
                k + 1,
                q.asked(),
                short(q.gradient)
            ));
            for line in products(quiz, q, lang) {
                s.push_str(&format!("   - {}\n", md_cell(&line)));
            }
        }
    }
    s
}

/// The part of `f` the forward-pass row of `tag` computes, or the whole expression for the
/// output, `last`, as it was written.
fn part_of_f(quiz: &Quiz, tag: &str, last: bool) -> String {
    match quiz.part(tag) {
        Some(text) if !last => text.to_owned(),
        _ => quiz.expression().to_owned(),
    }
}

/// Text for a Markdown table cell or list item: `|` and `*` escaped.
fn md_cell(text: &str) -> String {
    text.replace('|', "\\|").replace('*', "\\*")
}

/// Text as LaTeX, by [`latex::escape`], which also sets the rules' symbols (∂ · × ² √ σ Φ φ
/// π ≤ …) in a way pdflatex's default fonts print.
fn tex(text: &str) -> String {
    latex::escape(text)
}

/// The message `id` as LaTeX text, its variable `f` set as math, `$f$`.
fn tex_f(lang: Lang, id: &str) -> String {
    const MARK: char = '\u{e000}';
    let text = lang.text(id, &[("f", MARK.to_string().into())]);
    text.split(MARK).map(tex).collect::<Vec<_>>().join("$f$")
}

/// A number in math mode: `$-0.2$`, `$1.5 \times 10^{-7}$` (`$-0{,}2$` in Portuguese).
fn num(x: f64, lang: Lang) -> String {
    format!("${}$", latex::number_in(&short_in(x, Lang::En), lang))
}

/// `text` cut to `n` characters, ending in ` ...` when cut.
fn clip(text: &str, n: usize) -> String {
    if text.chars().count() <= n {
        text.to_owned()
    } else {
        let head: String = text.chars().take(n.saturating_sub(4)).collect();
        format!("{} ...", head.trim_end())
    }
}

/// Code: `\texttt{x*w + b}`.
fn code(text: &str) -> String {
    format!(r"\texttt{{{}}}", latex::escape(text))
}

/// The sheet in LaTeX, in English: a standalone `article` that needs only packages of
/// `texlive-latex-base` (geometry, amsmath, graphicx, array, longtable).
pub fn latex(quiz: &Quiz, sheet: Sheet, picture: &Picture) -> String {
    latex_in(quiz, sheet, picture, Lang::En)
}

/// The sheet in LaTeX, in `lang`, with the same packages in every language: Portuguese's
/// accented letters come through `inputenc`'s `utf8`, and its numbers have a decimal comma
/// (`$0{,}3$`).
///
/// # Examples
/// ```
/// # fn main() -> Result<(), gradgraph_course::Error> {
/// use gradgraph_course::quiz::{worksheet::{self, Picture, Sheet}, Quiz, Scope};
/// use gradgraph_i18n::Lang;
/// use std::collections::HashMap;
/// let e = gradgraph::expr::parse("x*x + x")?;
/// let quiz = Quiz::new(&e, &HashMap::from([("x".to_string(), 0.5)]), Scope::EveryNode)?;
/// let picture = Picture::Image("graph.pdf".into());
/// let tex = worksheet::latex_in(&quiz, Sheet::Answers, &picture, Lang::PtBr);
/// assert!(tex.contains(r"\section*{Retropropagação à mão: gabarito}"));
/// assert!(tex.contains(r"\texttt{x} $= 0{,}5$"));
/// # Ok(()) }
/// ```
pub fn latex_in(quiz: &Quiz, sheet: Sheet, picture: &Picture, lang: Lang) -> String {
    let num = |x: f64| num(x, lang);
    let mut s = String::from(
        "\\documentclass[11pt]{article}\n\
         \\usepackage[utf8]{inputenc}\n\
         \\usepackage[margin=2cm]{geometry}\n\
         \\usepackage{amsmath}\n\
         \\usepackage{graphicx}\n\
         \\usepackage{array}\n\
         \\usepackage{longtable}\n\
         \\setlength{\\LTleft}{0pt}\n\
         \\setlength{\\LTright}{\\fill}\n\
         \\setlength{\\parindent}{0pt}\n\
         \\setlength{\\parskip}{0.6em}\n\
         \\renewcommand{\\arraystretch}{1.4}\n\
         \\newsavebox{\\gggraph}\n\
         \\newsavebox{\\ggdrawn}\n\
         \\newif\\ifggown\n\
         \\begin{document}\n",
    );
    s.push_str(&format!("\\section*{{{}}}\n\n", tex(&title(sheet, lang))));
    let at: Vec<String> = quiz
        .variables()
        .iter()
        .map(|(name, x)| {
            format!(
                "{} $= {}$",
                code(name),
                latex::number_in(&short_in(*x, Lang::En), lang)
            )
        })
        .collect();
    let at = lang.text(
        "sheet-at",
        &[
            (
                "expression",
                format!("$f =$ {}", code(quiz.expression())).into(),
            ),
            ("values", at.join(", ").into()),
        ],
    );
    s.push_str(&format!("{{\\raggedright {at}\\par}}\n\n"));
    match picture {
        Picture::Image(file) => s.push_str(&place_graph(file, lang)),
        Picture::DotOnly(file) => {
            let stem = file.trim_end_matches(".dot");
            let comment = lang.text(
                "sheet-dot-only-comment",
                &[("file", file.as_str().into()), ("stem", stem.into())],
            );
            let include = lang.text("sheet-dot-only-comment-include", &[]);
            let note = lang.text(
                "sheet-dot-only-tex",
                &[("f", "$f$".into()), ("file", code(file).into())],
            );
            s.push_str(&format!("% {comment}\n% {include}\n{note}\n\n"));
        }
    }
    s.push_str(&format!(
        "\\subsection*{{{}}}\n\n\
         \\begin{{longtable}}{{|l|l|>{{\\raggedright\\arraybackslash}}p{{6.5cm}}|r|}}\n\\hline\n\
         {} & {} & {} & {} \\\\\n\\hline\n\\endhead\n",
        tex(&lang.text("sheet-forward", &[])),
        tex(&lang.text("sheet-node", &[])),
        tex(&lang.text("sheet-formula", &[])),
        lang.text("sheet-part", &[("f", "$f$".into())]),
        tex(&lang.text("sheet-value", &[])),
    ));
    let forward = quiz.forward();
    for (k, (tag, formula, value)) in forward.iter().enumerate() {
        let name = if k + 1 == forward.len() {
            format!("{} $= f$", code(tag))
        } else {
            code(tag)
        };
        let text = part_of_f(quiz, tag, k + 1 == forward.len());
        s.push_str(&format!(
            "{name} & {} & {} & {} {}\n\\hline\n",
            code(formula),
            code(&clip(&text, 60)),
            num(*value),
            row_end(k, forward.len())
        ));
    }
    s.push_str(&format!(
        "\\end{{longtable}}\n\n\\subsection*{{{}}}\n\n",
        tex(&lang.text("sheet-backward", &[]))
    ));
    s.push_str(&tex(&instructions(quiz, lang)));
    let node = tex(&lang.text("sheet-node", &[]));
    s.push_str(&format!(
        "\n\n\\begin{{longtable}}{{|r|l|r|>{{\\raggedright\\arraybackslash}}p{{2.6cm}}|p{{3.5cm}}|}}\n\
         \\hline\n\
         & {node} & {} & {} & $\\partial f / \\partial\\,\\text{{{node}}}$ \\\\\n\\hline\n\\endhead\n",
        tex(&lang.text("sheet-value", &[])),
        tex(&lang.text("sheet-used-by", &[])),
    ));
    for (k, q) in quiz.questions().iter().enumerate() {
        let node = if q.tag == q.formula {
            code(&q.tag)
        } else {
            format!("{} $=$ {}", code(&q.tag), code(&q.formula))
        };
        let answer = match sheet {
            Sheet::Exercise => String::new(),
            Sheet::Answers => num(q.gradient),
        };
        s.push_str(&format!(
            "{} & {node} & {} & {} & {answer} {}\n\\hline\n",
            k + 1,
            num(q.value),
            code(&used_by(q, lang)),
            row_end(k, quiz.questions().len())
        ));
    }
    s.push_str("\\end{longtable}\n");
    if sheet == Sheet::Answers {
        s.push_str(&format!(
            "\n\\subsection*{{{}}}\n\n\\begin{{enumerate}}\n",
            tex(&lang.text("sheet-how", &[]))
        ));
        for q in quiz.questions() {
            s.push_str(&format!(
                "\\item $\\partial f / \\partial\\,${} $=$ {}\n\\begin{{itemize}}\n",
                code(&q.tag),
                num(q.gradient)
            ));
            for line in products(quiz, q, lang) {
                s.push_str(&format!("\\item {}\n", tex(&line)));
            }
            s.push_str("\\end{itemize}\n");
        }
        s.push_str("\\end{enumerate}\n");
    }
    if let Picture::Image(_) = picture {
        s.push_str(&format!(
            "\n\\ifggown\n\\clearpage\n\\subsection*{{{}}}\n\
             \\begin{{center}}\\usebox{{\\ggdrawn}}\\end{{center}}\n\\fi\n",
            tex_f(lang, "sheet-graph")
        ));
        // the line the tests read in the log, the same in every language
        s.push_str(&format!(
            "% {}\n\
             \\typeout{{gradgraph graph: \\the\\wd\\gggraph\\space x \\the\\ht\\gggraph, \
             drawn \\the\\wd\\ggdrawn\\space x \\the\\ht\\ggdrawn}}\n",
            lang.text("sheet-sizes-comment", &[])
        ));
    }
    s.push_str("\\end{document}\n");
    s
}

/// The smallest scale of the graph's picture on the sheet: its smallest text (10 pt in
/// Graphviz) stays at 8 pt.
const LEGIBLE_SCALE: &str = "0.8";

/// The graph's picture `file` on the sheet, at a legible size: under the expression when
/// it fits the width and half the height of the page at [`LEGIBLE_SCALE`] or more, else on
/// a page of its own after the tables, turned a quarter when it is wider than tall
/// (placed there by the end of [`latex`]).
fn place_graph(file: &str, lang: Lang) -> String {
    let later = tex_f(lang, "sheet-graph-later");
    format!(
        "\\sbox{{\\gggraph}}{{\\includegraphics{{{file}}}}}%\n\
         \\ggownfalse\n\
         \\ifdim{LEGIBLE_SCALE}\\wd\\gggraph>\\linewidth\\ggowntrue\\fi\n\
         \\ifdim{LEGIBLE_SCALE}\\ht\\gggraph>0.45\\textheight\\ggowntrue\\fi\n\
         \\ifggown\n\
         \\ifdim\\wd\\gggraph>\\ht\\gggraph\n\
         \\sbox{{\\ggdrawn}}{{\\includegraphics[angle=90,width=\\linewidth,height=0.88\\textheight,\
         keepaspectratio]{{{file}}}}}%\n\
         \\else\n\
         \\sbox{{\\ggdrawn}}{{\\includegraphics[width=\\linewidth,height=0.88\\textheight,\
         keepaspectratio]{{{file}}}}}%\n\
         \\fi\n\
         {later}\\par\n\
         \\else\n\
         \\sbox{{\\ggdrawn}}{{\\includegraphics[width=\\linewidth,height=0.45\\textheight,\
         keepaspectratio]{{{file}}}}}%\n\
         \\begin{{center}}\\usebox{{\\ggdrawn}}\\end{{center}}\n\
         \\fi\n\n"
    )
}

/// The end of row `k` of a table of `n` rows: a row a page may not end after
/// (`\\*`) in a table of at most 30 rows, which stays on one page, and among the first
/// and the last five rows of a longer one, so that no page holds fewer than five of them.
fn row_end(k: usize, n: usize) -> &'static str {
    if n <= 30 || k < 4 || k + 5 >= n {
        "\\\\*"
    } else {
        "\\\\"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn neuron() -> Quiz {
        neuron_asking(Scope::EveryNode)
    }

    fn neuron_asking(scope: Scope) -> Quiz {
        let e = gradgraph::expr::parse("tanh(x*w + b)").unwrap();
        let at = HashMap::from([
            ("x".to_string(), 1.0),
            ("w".into(), 0.5),
            ("b".into(), -0.2),
        ]);
        Quiz::new(&e, &at, scope).unwrap()
    }

    #[test]
    fn each_forward_row_names_its_own_part_of_f_whatever_is_asked() {
        let pic = Picture::Image("graph.svg".into());
        for scope in [Scope::EveryNode, Scope::Leaves] {
            let q = neuron_asking(scope);
            let md = markdown(&q, Sheet::Exercise, &pic);
            assert!(md.contains("| #3 | x \\* w | `x*w` | 0.5 |"), "{md}");
            assert!(md.contains("| #4 | #3 + b | `x*w + b` | 0.3 |"), "{md}");
            assert!(
                md.contains("| #5 = f | tanh(#4) | `tanh(x*w + b)` |"),
                "{md}"
            );
            let tex = latex(&q, Sheet::Exercise, &pic);
            assert!(tex.contains("& \\texttt{x*w + b} & $0.3$"), "{tex}");
        }
    }

    #[test]
    fn the_exercise_has_blanks_and_the_key_the_answers() {
        let q = neuron();
        let pic = Picture::Image("graph.svg".into());
        let sheet = markdown(&q, Sheet::Exercise, &pic);
        assert!(
            sheet.contains("f = `tanh(x*w + b)` at b = -0.2, w = 0.5, x = 1."),
            "{sheet}"
        );
        assert!(
            sheet.contains("| #5 = f | tanh(#4) | `tanh(x*w + b)` | 0.291313 |"),
            "{sheet}"
        );
        assert!(
            sheet.contains("| 1 | #4 = #3 + b | 0.3 | #5 |  |"),
            "{sheet}"
        );
        assert!(!sheet.contains("0.915137"), "{sheet}");
        let key = markdown(&q, Sheet::Answers, &pic);
        assert!(key.contains("| 5 | x | 1 | #3 | 0.457568 |"), "{key}");
        assert!(
            key.contains("from #3 = x \\* w: 0.5 × 0.915137 = 0.457568"),
            "{key}"
        );
    }

    #[test]
    fn latex_is_escaped() {
        let q = neuron();
        let tex_key = latex(
            &q,
            Sheet::Answers,
            &Picture::DotOnly("graph-answers.dot".into()),
        );
        assert!(tex_key.contains(r"\texttt{\#4}"), "{tex_key}");
        assert!(tex_key.contains(r"\texttt{b} $= -0.2$"), "{tex_key}");
        assert!(!tex_key.contains('∂') && !tex_key.contains('×') && !tex_key.contains('²'));
        assert!(tex_key.contains("dot -Tpdf graph-answers.dot -o graph-answers.pdf"));
        assert_eq!(tex("a·σ"), r"a\ensuremath{\cdot}\ensuremath{\sigma}");
    }
}
