//! LaTeX text: escaping labels and numbers for the TikZ pictures, the derivations and the
//! worksheets that gradgraph writes, and the document around them ([`Document`]).
//!
//! [`derivation`] writes the backward pass as an `align*` derivation; the TikZ picture of a
//! graph is `dot::tikz` (with the `dot` feature).

pub mod derivation;

use gradgraph_i18n::Lang;

/// `s` as LaTeX text that prints exactly `s`: the ten characters LaTeX treats specially
/// (`\ { } $ & # ^ _ % ~`) become commands or escapes, so a label such as `x_1^2 & 50%`
/// typesets as written instead of breaking the document.
///
/// The result compiles with `pdflatex` and its default setup: Greek letters and the
/// mathematical signs gradgraph draws (`Σ`, `−`, `∂`, `→`, `≤`, `√`, ...) are typeset in
/// math (`\ensuremath{\Sigma}`, also `·`, `×`, `±`), superscript and subscript digits as
/// `\textsuperscript` and `\textsubscript`; the Latin letters the default encoding has
/// (`é`, `ß`, `ŷ`) are kept as they are. Any other character, which `pdflatex` would refuse, is
/// written as its code point (`[U+2603]`); a line break or tab as a space, another
/// control character as its code point.
///
/// ```
/// use gradgraph_draw::latex::escape;
///
/// assert_eq!(escape("x_1"), r"x\_1");
/// assert_eq!(escape("50% & {a}"), r"50\% \& \{a\}");
/// assert_eq!(escape(r"a\b"), r"a\textbackslash{}b");
/// assert_eq!(escape("x^2~"), r"x\textasciicircum{}2\textasciitilde{}");
/// assert_eq!(escape("Σ w·x − b"), r"\ensuremath{\Sigma} w\ensuremath{\cdot}x \ensuremath{-} b");
/// assert_eq!(escape("tanh²"), r"tanh\textsuperscript{2}");
/// assert_eq!(escape("x⁴ ☃"), r"x\textsuperscript{4} [U+2603]");
/// ```
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if !c.is_ascii() || c.is_ascii_control() {
            push_unicode(&mut out, c);
            continue;
        }
        match c {
            '\\' => out.push_str(r"\textbackslash{}"),
            '^' => out.push_str(r"\textasciicircum{}"),
            '~' => out.push_str(r"\textasciitilde{}"),
            '{' | '}' | '$' | '&' | '#' | '_' | '%' => {
                out.push('\\');
                out.push(c);
            }
            // in text mode `<`, `>` and `|` print other glyphs under the default encoding
            '<' => out.push_str(r"\textless{}"),
            '>' => out.push_str(r"\textgreater{}"),
            '|' => out.push_str(r"\textbar{}"),
            _ => out.push(c),
        }
    }
    out
}

/// A number for math mode: `-1.5e-7` becomes `-1.5 \times 10^{-7}`, non-finite values
/// `\mathrm{NaN}` and `\pm\infty`; other numbers are printed as given by `text`
/// (so callers keep their own precision).
///
/// ```
/// use gradgraph_draw::latex::number;
///
/// assert_eq!(number("0.7616"), "0.7616");
/// assert_eq!(number("-1.5e-7"), r"-1.5 \times 10^{-7}");
/// assert_eq!(number("NaN"), r"\mathrm{NaN}");
/// assert_eq!(number("-inf"), r"-\infty");
/// ```
pub fn number(text: &str) -> String {
    match text {
        "NaN" | "nan" => r"\mathrm{NaN}".to_string(),
        "inf" | "+inf" => r"\infty".to_string(),
        "-inf" => r"-\infty".to_string(),
        _ => match text.split_once(['e', 'E']) {
            Some((mantissa, exponent)) => {
                let exponent = exponent.trim_start_matches('+');
                format!(r"{mantissa} \times 10^{{{exponent}}}")
            }
            None => text.to_string(),
        },
    }
}

/// [`number`] as a reader of `lang` writes it: with a decimal comma in Portuguese, braced
/// so that math mode sets no space after it (`0{,}2913`).
///
/// ```
/// use gradgraph_draw::latex::number_in;
/// use gradgraph_i18n::Lang;
///
/// assert_eq!(number_in("0.2913", Lang::PtBr), "0{,}2913");
/// assert_eq!(number_in("-1.5e-7", Lang::PtBr), r"-1{,}5 \times 10^{-7}");
/// assert_eq!(number_in("0.2913", Lang::En), "0.2913");
/// ```
pub fn number_in(text: &str, lang: Lang) -> String {
    decimal_comma(&number(text), lang)
}

/// `math`, LaTeX math, with each decimal point of its numbers a decimal comma (`{,}`) in
/// Portuguese: a point between two digits outside a subscript (`0.5` but not the index of
/// `w_{1.2}`); unchanged in English.
///
/// ```
/// use gradgraph_draw::latex::decimal_comma;
/// use gradgraph_i18n::Lang;
///
/// assert_eq!(decimal_comma(r"w_{1.2} \cdot 0.5", Lang::PtBr), r"w_{1.2} \cdot 0{,}5");
/// assert_eq!(decimal_comma("0.5", Lang::En), "0.5");
/// ```
pub fn decimal_comma(math: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return math.to_owned();
    }
    let chars: Vec<char> = math.chars().collect();
    let mut out = String::with_capacity(math.len() + 8);
    // the depth of braces at which each open subscript began
    let mut subscripts: Vec<usize> = Vec::new();
    let mut depth = 0usize;
    for (k, &c) in chars.iter().enumerate() {
        match c {
            '{' => {
                if k > 0 && chars[k - 1] == '_' {
                    subscripts.push(depth);
                }
                depth += 1;
            }
            '}' => {
                depth = depth.saturating_sub(1);
                if subscripts.last() == Some(&depth) {
                    subscripts.pop();
                }
            }
            _ => {}
        }
        let digit = |j: Option<&char>| j.is_some_and(char::is_ascii_digit);
        if c == '.'
            && subscripts.is_empty()
            && k > 0
            && digit(chars.get(k - 1))
            && digit(chars.get(k + 1))
        {
            out.push_str("{,}");
        } else {
            out.push(c);
        }
    }
    out
}

/// The significant digits of the numbers in a derivation or a worksheet, unless asked
/// otherwise (`--digits`).
pub const DEFAULT_DIGITS: usize = 4;

/// `x` rounded to `digits` significant digits (at least 1) for a slide, as math: trailing
/// zeros dropped, never `-0` (a value that rounds to zero is `0`), scientific notation
/// (as [`number`]) below `10^-4` and from `10^digits` on.
///
/// ```
/// use gradgraph_draw::latex::rounded;
///
/// assert_eq!(rounded(-1.2000000000000002, 4), "-1.2");
/// assert_eq!(rounded(0.4869173611483415, 4), "0.4869");
/// assert_eq!(rounded(-0.0, 4), "0");
/// assert_eq!(rounded(-1e-20, 4), r"-1 \times 10^{-20}");
/// assert_eq!(rounded(123456.0, 4), r"1.235 \times 10^{5}");
/// assert_eq!(rounded(2.945678379249707, 2), "2.9");
/// assert_eq!(rounded(f64::NAN, 4), r"\mathrm{NaN}");
/// ```
pub fn rounded(x: f64, digits: usize) -> String {
    number(&rounded_text(x, digits))
}

/// [`rounded`] as plain text: `-1.2`, `0`, `1.235e5`.
pub fn rounded_text(x: f64, digits: usize) -> String {
    let digits = digits.clamp(1, 17);
    if x.is_nan() {
        return "NaN".to_owned();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.to_owned();
    }
    if x == 0.0 {
        return "0".to_owned();
    }
    let sci = format!("{:.*e}", digits - 1, x);
    let (mantissa, exponent) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let trim = |t: &str| -> String {
        if t.contains('.') {
            t.trim_end_matches('0').trim_end_matches('.').to_owned()
        } else {
            t.to_owned()
        }
    };
    let text = if exponent < -4 || exponent >= digits as i32 {
        format!("{}e{exponent}", trim(mantissa))
    } else {
        let decimals = (digits as i32 - 1 - exponent).max(0) as usize;
        trim(&format!("{x:.decimals$}"))
    };
    if text == "-0" { "0".to_owned() } else { text }
}

/// A name as math: a name of letters with an index (`w1.1.1`, `x_1`, `b_{1.2}`) as the
/// letters with the index as a subscript (`w_{1.1.1}`, `x_{1}`, `b_{1.2}`), a name of one
/// letter as that letter, any other name as italic text ([`escape`]d).
///
/// ```
/// use gradgraph_draw::latex::name;
///
/// assert_eq!(name("w1.1.1"), "w_{1.1.1}");
/// assert_eq!(name("x_1"), "x_{1}");
/// assert_eq!(name("b_{1.2}"), "b_{1.2}");
/// assert_eq!(name("x"), "x");
/// assert_eq!(name("loss"), r"\mathit{loss}");
/// assert_eq!(name("a&b"), r"\textit{a\&b}");
/// ```
pub fn name(label: &str) -> String {
    let letters = label
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(label.len());
    let (base, rest) = label.split_at(letters);
    let index = rest.strip_prefix('_').unwrap_or(rest);
    let index = index
        .strip_prefix('{')
        .and_then(|i| i.strip_suffix('}'))
        .unwrap_or(index);
    let is_index = |i: &str| {
        i.starts_with(|c: char| c.is_ascii_digit())
            && i.chars().all(|c| c.is_ascii_digit() || c == '.')
            && !i.ends_with('.')
    };
    let base_math = |b: &str| {
        if b.len() == 1 {
            b.to_owned()
        } else {
            format!(r"\mathit{{{b}}}")
        }
    };
    if base.is_empty() {
        format!(r"\textit{{{}}}", escape(label))
    } else if rest.is_empty() {
        base_math(base)
    } else if is_index(index) {
        format!("{}_{{{index}}}", base_math(base))
    } else {
        format!(r"\textit{{{}}}", escape(label))
    }
}

/// Greek letters and mathematical signs, typeset in math by [`escape`].
const MATH: &[(char, &str)] = &[
    ('α', r"\alpha"),
    ('β', r"\beta"),
    ('γ', r"\gamma"),
    ('δ', r"\delta"),
    ('ε', r"\varepsilon"),
    ('ϵ', r"\epsilon"),
    ('ζ', r"\zeta"),
    ('η', r"\eta"),
    ('θ', r"\theta"),
    ('ι', r"\iota"),
    ('κ', r"\kappa"),
    ('λ', r"\lambda"),
    ('μ', r"\mu"),
    ('ν', r"\nu"),
    ('ξ', r"\xi"),
    ('ο', "o"),
    ('π', r"\pi"),
    ('ρ', r"\rho"),
    ('ς', r"\varsigma"),
    ('σ', r"\sigma"),
    ('τ', r"\tau"),
    ('υ', r"\upsilon"),
    ('φ', r"\varphi"),
    ('ϕ', r"\phi"),
    ('χ', r"\chi"),
    ('ψ', r"\psi"),
    ('ω', r"\omega"),
    ('Α', r"\mathrm{A}"),
    ('Β', r"\mathrm{B}"),
    ('Γ', r"\Gamma"),
    ('Δ', r"\Delta"),
    ('Ε', r"\mathrm{E}"),
    ('Ζ', r"\mathrm{Z}"),
    ('Η', r"\mathrm{H}"),
    ('Θ', r"\Theta"),
    ('Ι', r"\mathrm{I}"),
    ('Κ', r"\mathrm{K}"),
    ('Λ', r"\Lambda"),
    ('Μ', r"\mathrm{M}"),
    ('Ν', r"\mathrm{N}"),
    ('Ξ', r"\Xi"),
    ('Ο', r"\mathrm{O}"),
    ('Π', r"\Pi"),
    ('Ρ', r"\mathrm{P}"),
    ('Σ', r"\Sigma"),
    ('Τ', r"\mathrm{T}"),
    ('Υ', r"\Upsilon"),
    ('Φ', r"\Phi"),
    ('Χ', r"\mathrm{X}"),
    ('Ψ', r"\Psi"),
    ('Ω', r"\Omega"),
    ('−', "-"),
    ('∂', r"\partial"),
    ('∇', r"\nabla"),
    ('∑', r"\sum"),
    ('∏', r"\prod"),
    ('∫', r"\int"),
    ('√', r"\surd"),
    ('∞', r"\infty"),
    ('∆', r"\Delta"),
    ('⋅', r"\cdot"),
    ('∘', r"\circ"),
    ('⊙', r"\odot"),
    ('⊗', r"\otimes"),
    ('′', r"{}'"),
    ('ℓ', r"\ell"),
    ('→', r"\rightarrow"),
    ('←', r"\leftarrow"),
    ('↔', r"\leftrightarrow"),
    ('⇒', r"\Rightarrow"),
    ('↦', r"\mapsto"),
    ('≤', r"\leq"),
    ('≥', r"\geq"),
    ('≠', r"\neq"),
    ('≈', r"\approx"),
    ('≡', r"\equiv"),
    ('∈', r"\in"),
    ('∉', r"\notin"),
    ('∀', r"\forall"),
    ('∃', r"\exists"),
    ('∅', r"\emptyset"),
    ('∧', r"\wedge"),
    ('∨', r"\vee"),
    ('∓', r"\mp"),
    ('⊂', r"\subset"),
    ('∪', r"\cup"),
    ('∩', r"\cap"),
    // signs of Latin-1 that the default encoding takes from the text companion fonts,
    // which a small TeX installation only has as bitmaps made on the fly
    ('·', r"\cdot"),
    ('×', r"\times"),
    ('÷', r"\div"),
    ('±', r"\pm"),
    ('¬', r"\neg"),
    ('°', r"^\circ"),
    ('µ', r"\mu"),
    ('§', r"\S"),
    ('¶', r"\P"),
    ('•', r"\bullet"),
];

/// Letters of Latin-1 and Latin Extended-A that `pdflatex`'s default (OT1) encoding
/// cannot typeset (Ð ð Þ þ Đ đ Ŋ ŋ, the letters with an ogonek, a few more) or takes from
/// the text companion fonts (ª º), which a small TeX installation only has as bitmaps.
const NOT_IN_OT1: &str = "ÐðÞþĐđŊŋĄąĘęĮįŲųĦħĸĿŀŉŦŧſªº";

/// Appends a non-ASCII or control character as [`escape`] writes it.
fn push_unicode(out: &mut String, c: char) {
    if let Some((_, math)) = MATH.iter().find(|(m, _)| *m == c) {
        out.push_str(r"\ensuremath{");
        out.push_str(math);
        out.push('}');
        return;
    }
    const SUPERSCRIPTS: &str = "⁰¹²³⁴⁵⁶⁷⁸⁹";
    const SUBSCRIPTS: &str = "₀₁₂₃₄₅₆₇₈₉";
    let digit = |set: &str| set.chars().position(|d| d == c);
    if let Some(d) = digit(SUPERSCRIPTS) {
        out.push_str(&format!(r"\textsuperscript{{{d}}}"));
        return;
    }
    if let Some(d) = digit(SUBSCRIPTS) {
        out.push_str(&format!(r"\textsubscript{{{d}}}"));
        return;
    }
    match c {
        '\n' | '\r' | '\t' => out.push(' '),
        '⁺' => out.push_str(r"\textsuperscript{+}"),
        '⁻' => out.push_str(r"\textsuperscript{\ensuremath{-}}"),
        '\u{a0}' => out.push('~'),
        '\u{ad}' => out.push_str(r"\-"),
        '\u{c0}'..='\u{17f}' if c.is_alphabetic() && !NOT_IN_OT1.contains(c) => out.push(c),
        // signs the default encoding makes from its own fonts
        '¡' | '¿' | '–' | '—' | '‘' | '’' | '“' | '”' | '…' => out.push(c),
        '™' => out.push_str(r"\textsuperscript{TM}"),
        _ => out.push_str(&format!("[U+{:04X}]", c as u32)),
    }
}

/// Whether a LaTeX output is a whole document or a fragment for another document.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Document {
    /// A document of its own that `pdflatex` compiles to a PDF cropped to its content (the
    /// `article` class and the small `preview` package, so only `texlive-latex-base` and
    /// `preview-latex-style` are needed besides what the content uses).
    #[default]
    Standalone,
    /// Only the content (a `tikzpicture`, an `align*`), to `\input` into slides or a paper;
    /// a comment at its top names the packages its preamble needs.
    Bare,
}

/// `body` as the [`Document`] asked for. `title` opens the file as a comment, `packages`
/// are the `\usepackage` lines the body needs (also listed in the comment of a bare
/// fragment), and `preview` is the `preview` package's option that crops the page to the
/// body (`displaymath` for an `align*`; empty for a box such as a `tikzpicture`, which is
/// wrapped in a `preview` environment).
pub(crate) fn document(
    document: Document,
    title: &str,
    packages: &[&str],
    preview: &str,
    body: &str,
) -> String {
    document_in(document, title, packages, preview, body, Lang::En)
}

/// [`document`] with its own comments in `lang`.
pub(crate) fn document_in(
    document: Document,
    title: &str,
    packages: &[&str],
    preview: &str,
    body: &str,
    lang: Lang,
) -> String {
    let mut out = String::with_capacity(body.len() + 512);
    for line in title.lines() {
        out.push_str("% ");
        out.push_str(line);
        out.push('\n');
    }
    match document {
        Document::Bare => {
            out.push_str(&format!("% {}\n", lang.text("latex-fragment", &[])));
            for p in packages {
                out.push_str("%   ");
                out.push_str(p);
                out.push('\n');
            }
            out.push_str(body);
        }
        Document::Standalone => {
            out.push_str(&format!("% {}\n", lang.text("latex-compile", &[])));
            out.push_str("\\documentclass{article}\n");
            for p in packages {
                out.push_str(p);
                out.push('\n');
            }
            let options = if preview.is_empty() {
                "active,tightpage".to_owned()
            } else {
                format!("active,tightpage,{preview}")
            };
            out.push_str(&format!("\\usepackage[{options}]{{preview}}\n"));
            out.push_str("\\setlength\\PreviewBorder{4pt}\n");
            // wide rows of numbers: the cropped page grows to fit them, without a warning
            out.push_str("\\hfuzz=\\maxdimen\n");
            out.push_str("\\begin{document}\n");
            if preview.is_empty() {
                out.push_str("\\begin{preview}\n");
                out.push_str(body);
                out.push_str("\\end{preview}\n");
            } else {
                out.push_str(body);
            }
            out.push_str("\\end{document}\n");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_special_character_is_escaped() {
        let nasty = r"x_1 50% a&b {} $ # ^ ~ \ < > |";
        let text = escape(nasty);
        // no special character is left bare: each is preceded by a backslash or is part of
        // a command
        for (i, c) in text.char_indices() {
            if "_%&$#".contains(c) {
                assert_eq!(&text[i - 1..i], "\\", "{text}");
            }
        }
        assert!(!text.contains('~') && !text.contains('^'), "{text}");
    }

    #[test]
    fn unicode_is_typeset_or_named() {
        assert_eq!(escape("σ(x)"), r"\ensuremath{\sigma}(x)");
        assert_eq!(escape("é"), "é");
        assert_eq!(escape("ð"), "[U+00F0]");
        assert_eq!(escape("a\tb\nc"), "a b c");
        assert_eq!(escape("\u{7}"), "[U+0007]");
        assert_eq!(
            escape("x₁⁻"),
            r"x\textsubscript{1}\textsuperscript{\ensuremath{-}}"
        );
        assert_eq!(escape("ŷ → y"), r"ŷ \ensuremath{\rightarrow} y");
    }

    #[test]
    fn documents_wrap_their_body() {
        let packages = [r"\usepackage{amsmath}"];
        let bare = document(Document::Bare, "a derivation", &packages, "", "BODY\n");
        assert!(bare.starts_with("% a derivation\n"), "{bare}");
        assert!(bare.contains("%   \\usepackage{amsmath}\n"), "{bare}");
        assert!(!bare.contains("\\documentclass"), "{bare}");
        let full = document(
            Document::Standalone,
            "t",
            &packages,
            "displaymath",
            "BODY\n",
        );
        assert!(full.contains("\\usepackage[active,tightpage,displaymath]{preview}"));
        assert!(
            full.contains("\\begin{document}\nBODY\n\\end{document}\n"),
            "{full}"
        );
        let picture = document(Document::Standalone, "t", &packages, "", "BODY\n");
        assert!(
            picture.contains("\\begin{preview}\nBODY\n\\end{preview}\n"),
            "{picture}"
        );
    }
}
