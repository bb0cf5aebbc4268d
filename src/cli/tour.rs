//! The tour: `cargo run --release` with no arguments.

use super::CliResult;

/// Runs the tour.
pub fn run() -> CliResult {
    Ok(())
}
