//! The integration tests of this crate, as one test binary (one build, one link).

// The tests compute their expected values with the platform's math library: an oracle
// independent of the pxfm crate the libraries use.
#![allow(clippy::disallowed_methods)]

/// The root of the repository: its fixtures, pictures and guide.
#[allow(dead_code)]
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

mod common;

mod bad_input;
mod bench;
mod cli_draw;
mod cli_expr;
mod cli_help;
mod cli_hessian;
mod cli_predict;
mod cli_quiz;
mod cli_train;
mod dot;
mod examples;
mod experiments;
mod files;
mod fuzz;
mod graphs_fresh;
mod html_browser;
mod latex;
mod live_page;
mod micrograd_demo;
mod no_graphviz;
mod notebook;
mod plot;
mod readme;
mod render;
mod soak;
mod students_names;
