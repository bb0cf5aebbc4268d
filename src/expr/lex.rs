//! The lexer: the text cut into tokens (numbers, names, operators, parentheses, commas),
//! each with its span; a character that belongs to no token is an error that says what to
//! write instead.

use super::{ParseError, Span};

#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Tok<'s> {
    Number(f64),
    Name(&'s str),
    Plus,
    Minus,
    Star,
    Slash,
    Caret,
    Open,
    Close,
    Comma,
    End,
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Token<'s> {
    pub(super) tok: Tok<'s>,
    pub(super) span: Span,
}

pub(super) fn lex(src: &str) -> Result<Vec<Token<'_>>, ParseError> {
    let bytes = src.as_bytes();
    let digits = |mut i: usize| {
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        i
    };
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let b = bytes[i];
        let simple = match b {
            b'+' => Some(Tok::Plus),
            b'-' => Some(Tok::Minus),
            b'*' => Some(Tok::Star),
            b'/' => Some(Tok::Slash),
            b'^' => Some(Tok::Caret),
            b'(' => Some(Tok::Open),
            b')' => Some(Tok::Close),
            b',' => Some(Tok::Comma),
            _ => None,
        };
        let tok = if let Some(tok) = simple {
            i += 1;
            tok
        } else if b.is_ascii_digit()
            || (b == b'.' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
        {
            // digits [. digits] [e [+-] digits]
            i = digits(i);
            if bytes.get(i) == Some(&b'.') {
                i = digits(i + 1);
            }
            if matches!(bytes.get(i), Some(b'e' | b'E')) {
                let mut j = i + 1;
                if matches!(bytes.get(j), Some(b'+' | b'-')) {
                    j += 1;
                }
                if !bytes.get(j).is_some_and(u8::is_ascii_digit) {
                    let text = &src[start..j];
                    return Err(ParseError::new(
                        src,
                        start,
                        format!(
                            "malformed number `{text}`: the exponent needs digits, as in 1e-3 \
                             or 2.5E+2"
                        ),
                        "parse-exponent-digits",
                        &[("text", text)],
                    ));
                }
                i = digits(j);
            }
            let text = &src[start..i];
            let x: f64 = text.parse().map_err(|_| {
                ParseError::new(
                    src,
                    start,
                    format!("malformed number `{text}`"),
                    "parse-malformed-number",
                    &[("text", text)],
                )
            })?;
            if !x.is_finite() {
                return Err(ParseError::new(
                    src,
                    start,
                    format!("the number `{text}` is too large for a 64-bit float"),
                    "parse-number-too-large",
                    &[("text", text)],
                ));
            }
            Tok::Number(x)
        } else if b.is_ascii_alphabetic() || b == b'_' {
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            Tok::Name(&src[start..i])
        } else {
            let c = src[i..].chars().next().unwrap_or(' ');
            if c.is_whitespace() {
                i += c.len_utf8();
                continue;
            }
            let hint = match c {
                '.' => Some((
                    ": a number needs a digit after its point, as in 0.5",
                    "parse-hint-point",
                )),
                '[' | ']' | '{' | '}' => Some((": group with ( and )", "parse-hint-brackets")),
                '×' | '·' => Some((": multiply with *", "parse-hint-times")),
                '÷' => Some((": divide with /", "parse-hint-divide")),
                '=' => Some((
                    ": write only the expression; variables get their values separately",
                    "parse-hint-equals",
                )),
                _ => None,
            };
            let character = c.escape_debug().to_string();
            let error = ParseError::new(
                src,
                start,
                format!("unexpected character `{character}`"),
                "parse-unexpected-character",
                &[("character", &character)],
            );
            return Err(match hint {
                Some((english, kind)) => error.with_hint(english, kind, &[]),
                None => error,
            });
        };
        tokens.push(Token {
            tok,
            span: Span { start, end: i },
        });
    }
    tokens.push(Token {
        tok: Tok::End,
        span: Span {
            start: src.len(),
            end: src.len(),
        },
    });
    Ok(tokens)
}
