//! The integration tests of this crate, as one test binary (one build, one link).

mod backward;
mod expr;
mod gradcheck_prop;
mod micrograd;
mod ops;
