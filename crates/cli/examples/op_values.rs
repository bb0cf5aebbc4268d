//! Each op's value as the engine computes it, for measuring its error against a
//! high-precision reference (`benches/ulp_errors.py`, with mpmath at 50 digits).
//!
//! Reads lines `NAME X [Y]` on standard input (an op of the table, by name, and its operands
//! as exact decimal or `0x` bit patterns) and prints `NAME X [Y] RESULT`, each number as the
//! 16 hexadecimal digits of its bits:
//!
//! ```sh
//! printf 'tanh 0.3\n' | cargo run --release --example op_values
//! ```

use gradgraph::OPS;
use std::io::{BufRead, Write};
use std::process::ExitCode;

fn number(text: &str) -> Option<f64> {
    match text.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16).ok().map(f64::from_bits),
        None => text.parse().ok(),
    }
}

fn main() -> ExitCode {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for (k, line) in std::io::stdin().lock().lines().enumerate() {
        let Ok(line) = line else {
            eprintln!("op_values: cannot read standard input");
            return ExitCode::from(2);
        };
        let words: Vec<&str> = line.split_whitespace().collect();
        let Some((name, operands)) = words.split_first() else {
            continue;
        };
        let Some(info) = OPS.iter().find(|info| info.name == *name) else {
            eprintln!("op_values: line {}: no op named {name:?}", k + 1);
            return ExitCode::from(2);
        };
        let Some(x) = operands
            .iter()
            .map(|t| number(t))
            .collect::<Option<Vec<f64>>>()
        else {
            eprintln!("op_values: line {}: not a number in {line:?}", k + 1);
            return ExitCode::from(2);
        };
        if x.len() != info.op.arity() {
            eprintln!(
                "op_values: line {}: {name} takes {} operands",
                k + 1,
                info.op.arity()
            );
            return ExitCode::from(2);
        }
        let bits: Vec<String> = x.iter().map(|v| format!("{:016x}", v.to_bits())).collect();
        let y = info.op.forward(&x);
        if writeln!(out, "{name} {} {:016x}", bits.join(" "), y.to_bits()).is_err() {
            return ExitCode::from(1);
        }
    }
    ExitCode::SUCCESS
}
