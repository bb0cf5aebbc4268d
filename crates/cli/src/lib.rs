//! # gradgraph-cli: the `gradgraph` command
//!
//! The binary is the command; this library holds what its benchmarks and fuzz targets share
//! with the tests: the benchmark workloads with their hand-written baselines ([`bench`](mod@bench)),
//! and the bodies of the fuzz targets.

pub mod bench;
mod error;
pub mod files;

pub use error::Error;
#[doc(hidden)]
pub mod fuzz;
