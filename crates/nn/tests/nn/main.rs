//! The integration tests of this crate, as one test binary (one build, one link).

// The tests compute their expected values with the platform's math library: an oracle
// independent of the pxfm crate the libraries use.
#![allow(clippy::disallowed_methods)]

/// The root of the repository: its fixtures, pictures and guide.
#[allow(dead_code)]
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

mod adjoint;
mod data;
mod nn;
mod nn_batchnorm;
mod nn_loss;
mod nn_optim;
mod nn_rnn;
mod nn_torch;
mod nn_train;
mod recipes;
mod replay;
