//! The integration tests of this crate, as one test binary (one build, one link).

// The tests compute their expected values with the platform's math library: an oracle
// independent of the pxfm crate the libraries use.
#![allow(clippy::disallowed_methods)]

mod backward;
mod expr;
mod gradcheck_prop;
mod matrix;
mod micrograd;
mod ops;
