//! `gradgraph expr`: placeholder replaced by the expression command.

use super::CliResult;

/// Arguments of `gradgraph expr`.
#[derive(clap::Args)]
pub struct ExprArgs {
    /// The expression, for example "tanh(x*w + b)".
    pub expression: String,
}

/// Runs `gradgraph expr`.
pub fn run(_args: ExprArgs) -> CliResult {
    Ok(())
}
