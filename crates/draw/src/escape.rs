//! Escaping text for DOT. graphviz-rust prints every identifier exactly as it is given, so
//! each string we put between quotes is escaped here, once, by two functions.
//!
//! What Graphviz does with a quoted label, in order:
//! 1. the DOT reader turns `\"` into `"` (and nothing else);
//! 2. in a record label, `{ } | < >` are structure unless written `\{ \} \| \< \>`, and
//!    spaces at either end of a field are dropped, runs of spaces shrink to one (and
//!    Graphviz 2.43 drops the spaces that follow a leading non-ASCII character);
//! 3. the label text then turns `\\` into `\`, `\n` into a line break, `\N`, `\G`, `\E`
//!    into the node, graph and edge names, and HTML entities such as `&amp;` into characters.
//!
//! So: every `\` becomes `\\`, `"` becomes `\"`, `&` becomes `&amp;`, a newline becomes `\n`;
//! in record fields `{ } | < >` get a backslash, and the spaces Graphviz would drop become
//! `&#32;` (an entity: the record parser does not see a space, the label text then does).
//! Other control characters cannot be drawn (Graphviz drops them silently); they are shown
//! as their Unicode control pictures: tab as `␉`, NUL as `␀`.

/// A control character Graphviz cannot draw, as its visible Unicode control picture
/// (U+2400 block): `\0` → `␀`, tab → `␉`, DEL → `␡`. Newlines are kept (they break lines).
fn control_picture(c: char) -> Option<char> {
    match c {
        '\n' => None,
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32),
        '\u{7f}' => Some('\u{2421}'),
        _ => None,
    }
}

/// Appends `c` escaped for any quoted label; returns false if `c` needs no escape.
fn push_escaped(out: &mut String, c: char) -> bool {
    match c {
        '\\' => out.push_str(r"\\"),
        '"' => out.push_str("\\\""),
        '\n' => out.push_str(r"\n"),
        '&' => out.push_str("&amp;"),
        _ => match control_picture(c) {
            Some(p) => out.push(p),
            None => return false,
        },
    }
    true
}

/// `text` as a quoted DOT string for an ordinary label (op nodes, edges, clusters, titles),
/// quotes included. Graphviz draws exactly `text`, line breaks included; control characters
/// other than newline are drawn as control pictures (`␉`).
///
/// # Examples
/// ```
/// use gradgraph_draw::quote;
/// assert_eq!(quote(r#"say "hi" \o/"#), r#""say \"hi\" \\o/""#);
/// assert_eq!(quote("a & b\nc"), r#""a &amp; b\nc""#);
/// ```
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        if !push_escaped(&mut out, c) {
            out.push(c);
        }
    }
    out.push('"');
    out
}

/// `text` escaped as one field of a record label (not quoted: fields are joined with ` | `
/// inside `{ }` and the whole label is put between quotes as it is). On top of [`quote`]'s
/// escapes, the record characters `{ } | < >` are escaped, and the spaces Graphviz would
/// drop are written `&#32;`: those at either end of the field, every space after the first
/// of a run, and those before the field's first ASCII character other than a space
/// (Graphviz 2.43 loses a space that follows a leading non-ASCII character: `ŷ − y` would
/// be drawn `ŷ− y`).
///
/// # Examples
/// ```
/// use gradgraph_draw::record_field;
/// assert_eq!(record_field("{x | y}"), r"\{x \| y\}");
/// assert_eq!(record_field("<w>"), r"\<w\>");
/// assert_eq!(record_field(" a  b "), "&#32;a &#32;b&#32;");
/// assert_eq!(record_field("ŷ − y"), "ŷ&#32;−&#32;y");
/// ```
pub fn record_field(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text.chars().collect();
    let first_ascii = chars
        .iter()
        .position(|c| c.is_ascii() && *c != ' ')
        .unwrap_or(chars.len());
    let last_kept = chars.iter().rposition(|&c| c != ' ');
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '{' | '}' | '|' | '<' | '>' => {
                out.push('\\');
                out.push(c);
            }
            ' ' if i < first_ascii || last_kept.is_none_or(|k| i > k) || chars[i - 1] == ' ' => {
                out.push_str("&#32;")
            }
            _ => {
                if !push_escaped(&mut out, c) {
                    out.push(c);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_become_pictures() {
        assert_eq!(quote("a\tb\u{0}\u{7f}"), "\"a␉b␀␡\"");
        assert_eq!(record_field("\r"), "␍");
    }

    #[test]
    fn single_inner_spaces_stay_plain() {
        assert_eq!(record_field("a b"), "a b");
        assert_eq!(record_field("a   b"), "a &#32;&#32;b");
        assert_eq!(record_field("  "), "&#32;&#32;");
        assert_eq!(record_field("é x é y"), "é&#32;x é y");
    }
}
