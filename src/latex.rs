//! LaTeX text: escaping labels and numbers for the TikZ pictures, the derivations and the
//! worksheets that gradgraph writes.

/// `s` as LaTeX text that prints exactly `s`: the ten characters LaTeX treats specially
/// (`\ { } $ & # ^ _ % ~`) become commands or escapes, so a label such as `x_1^2 & 50%`
/// typesets as written instead of breaking the document.
///
/// ```
/// use gradgraph::latex::escape;
///
/// assert_eq!(escape("x_1"), r"x\_1");
/// assert_eq!(escape("50% & {a}"), r"50\% \& \{a\}");
/// assert_eq!(escape(r"a\b"), r"a\textbackslash{}b");
/// assert_eq!(escape("x^2~"), r"x\textasciicircum{}2\textasciitilde{}");
/// ```
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
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
/// use gradgraph::latex::number;
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
