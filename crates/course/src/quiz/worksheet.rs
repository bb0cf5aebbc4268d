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

use super::{Question, Quiz, Scope, short};
use gradgraph_draw::latex;

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
fn instructions(quiz: &Quiz) -> String {
    let out = quiz.tag(quiz.output());
    let which = match quiz.scope() {
        Scope::EveryNode => "each node below",
        Scope::Leaves => "each variable below",
    };
    format!(
        "Backward starts at the output with ∂f/∂{out} = 1. Work out the gradient ∂f/∂node of \
         {which}, in this order (the order backward processes them). Each use of a node sends \
         it local derivative × upstream gradient; a node used several times adds them up."
    )
}

/// `#2, #1 (twice)`: the users of a question's node.
fn used_by(q: &Question) -> String {
    q.used_by
        .iter()
        .map(|tag| {
            let n = q
                .contributions
                .iter()
                .filter(|c| format!("#{}", c.from) == *tag)
                .count();
            match n {
                2 => format!("{tag} (twice)"),
                n if n > 2 => format!("{tag} ({n} times)"),
                _ => tag.clone(),
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// How the gradient of `q` is computed, for the answer keys: one line per product.
fn products(quiz: &Quiz, q: &Question) -> Vec<String> {
    q.contributions
        .iter()
        .map(|c| {
            format!(
                "from {}: {} × {} = {}, where {}",
                quiz.use_name(c),
                short(c.local),
                short(c.upstream),
                short(c.product),
                c.rule
            )
        })
        .collect()
}

/// The sheet in Markdown.
pub fn markdown(quiz: &Quiz, sheet: Sheet, picture: &Picture) -> String {
    let mut s = String::new();
    let title = match sheet {
        Sheet::Exercise => "Backpropagation by hand",
        Sheet::Answers => "Backpropagation by hand: answer key",
    };
    s.push_str(&format!("# {title}\n\n"));
    s.push_str(&format!(
        "f = `{}` at {}.\n\n",
        quiz.expression().replace('`', "'"),
        values(quiz, short)
    ));
    match picture {
        Picture::Image(file) => s.push_str(&format!(
            "![The graph of f: each box is a node with its name, value{}]({file})\n\n",
            if sheet == Sheet::Answers {
                " and gradient"
            } else {
                ""
            }
        )),
        Picture::DotOnly(file) => s.push_str(&format!(
            "The graph of f is in `{file}`; render it with Graphviz: `dot -Tsvg {file} -o {}.svg`.\n\n",
            file.trim_end_matches(".dot")
        )),
    }
    s.push_str(
        "## The forward pass\n\n| node | formula | part of f | value |\n|---|---|---|---|\n",
    );
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
    s.push_str("\n## The backward pass\n\n");
    s.push_str(&instructions(quiz));
    s.push_str("\n\n| # | node | value | used by | ∂f/∂node |\n|---|---|---|---|---|\n");
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
            used_by(q)
        ));
    }
    if sheet == Sheet::Answers {
        s.push_str("\n## How each gradient is computed\n\n");
        for (k, q) in quiz.questions().iter().enumerate() {
            s.push_str(&format!(
                "{}. {} = {}\n",
                k + 1,
                q.asked(),
                short(q.gradient)
            ));
            for line in products(quiz, q) {
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

/// A number in math mode: `$-0.2$`, `$1.5 \times 10^{-7}$`.
fn num(x: f64) -> String {
    format!("${}$", latex::number(&short(x)))
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

/// The sheet in LaTeX: a standalone `article` that needs only packages of
/// `texlive-latex-base` (geometry, amsmath, graphicx, array, longtable).
pub fn latex(quiz: &Quiz, sheet: Sheet, picture: &Picture) -> String {
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
    let title = match sheet {
        Sheet::Exercise => "Backpropagation by hand",
        Sheet::Answers => "Backpropagation by hand: answer key",
    };
    s.push_str(&format!("\\section*{{{title}}}\n\n"));
    let at: Vec<String> = quiz
        .variables()
        .iter()
        .map(|(name, x)| format!("{} $= {}$", code(name), latex::number(&short(*x))))
        .collect();
    s.push_str(&format!(
        "{{\\raggedright $f =$ {} at {}.\\par}}\n\n",
        code(quiz.expression()),
        at.join(", ")
    ));
    match picture {
        Picture::Image(file) => s.push_str(&place_graph(file)),
        Picture::DotOnly(file) => s.push_str(&format!(
            "% The picture of the graph: render {file} with Graphviz, `dot -Tpdf {file} -o {}.pdf`,\n\
             % and include it here with \\includegraphics.\n\
             The graph of $f$ is in {}; render it with Graphviz.\n\n",
            file.trim_end_matches(".dot"),
            code(file)
        )),
    }
    s.push_str(
        "\\subsection*{The forward pass}\n\n\
         \\begin{longtable}{|l|l|>{\\raggedright\\arraybackslash}p{6.5cm}|r|}\n\\hline\n\
         node & formula & part of $f$ & value \\\\\n\\hline\n\\endhead\n",
    );
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
    s.push_str("\\end{longtable}\n\n\\subsection*{The backward pass}\n\n");
    s.push_str(&tex(&instructions(quiz)));
    s.push_str(
        "\n\n\\begin{longtable}{|r|l|r|>{\\raggedright\\arraybackslash}p{2.6cm}|p{3.5cm}|}\n\
         \\hline\n\
         & node & value & used by & $\\partial f / \\partial\\,\\text{node}$ \\\\\n\\hline\n\\endhead\n",
    );
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
            code(&used_by(q)),
            row_end(k, quiz.questions().len())
        ));
    }
    s.push_str("\\end{longtable}\n");
    if sheet == Sheet::Answers {
        s.push_str("\n\\subsection*{How each gradient is computed}\n\n\\begin{enumerate}\n");
        for q in quiz.questions() {
            s.push_str(&format!(
                "\\item $\\partial f / \\partial\\,${} $=$ {}\n\\begin{{itemize}}\n",
                code(&q.tag),
                num(q.gradient)
            ));
            for line in products(quiz, q) {
                s.push_str(&format!("\\item {}\n", tex(&line)));
            }
            s.push_str("\\end{itemize}\n");
        }
        s.push_str("\\end{enumerate}\n");
    }
    if let Picture::Image(_) = picture {
        s.push_str(
            "\n\\ifggown\n\\clearpage\n\\subsection*{The graph of $f$}\n\
             \\begin{center}\\usebox{\\ggdrawn}\\end{center}\n\\fi\n\
             % the sizes, for checks: the graph's own, then as drawn\n\
             \\typeout{gradgraph graph: \\the\\wd\\gggraph\\space x \\the\\ht\\gggraph, \
             drawn \\the\\wd\\ggdrawn\\space x \\the\\ht\\ggdrawn}\n",
        );
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
fn place_graph(file: &str) -> String {
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
         (The graph of $f$ is on a page of its own, after the tables.)\\par\n\
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
