//! Printing helpers shared by the subcommands: padding, numbers in JSON, stdout.

use super::{CliResult, Failure};
use serde::{Serialize, Serializer};

/// `text` padded with spaces to `width` characters, as `{text:<width$}` would, for any
/// width (the formatter's own is limited to 65,535, and a variable name can be longer).
pub fn pad(text: &str, width: usize) -> String {
    let n = text.chars().count();
    let mut s = String::with_capacity(text.len() + width.saturating_sub(n));
    s.push_str(text);
    s.extend(std::iter::repeat_n(' ', width.saturating_sub(n)));
    s
}

/// A number in JSON: a JSON number when finite (shortest round-trip form, full precision);
/// NaN and infinities, which JSON cannot hold, as the strings "NaN", "inf" and "-inf".
pub struct Number(pub f64);

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let x = self.0;
        if x.is_finite() {
            s.serialize_f64(x)
        } else if x.is_nan() {
            s.serialize_str("NaN")
        } else if x > 0.0 {
            s.serialize_str("inf")
        } else {
            s.serialize_str("-inf")
        }
    }
}

/// Writes `text` to stdout; a closed pipe (`| head`) is not an error.
pub fn print_out(text: &str) -> CliResult {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Failure::failed(super::t(
            "error-writing-stdout",
            &[("reason", super::io_reason(&e).into())],
        ))),
        _ => Ok(()),
    }
}
