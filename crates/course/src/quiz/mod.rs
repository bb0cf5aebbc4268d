//! Exercises that check a hand-worked backward pass: the library side of `gradgraph quiz`.
//!
//! The exercises themselves, their questions and the diagnosis of a wrong answer are the
//! crate [`gradgraph_quiz`], re-exported here whole ([`Quiz`], [`Check`], [`Level`],
//! [`Tolerance`], [`generate`], [`short`], [`parse_answer`], ...): it depends on the engine
//! alone, so it also builds for WebAssembly. This module adds [`worksheet`], the printable
//! sheet and its answer key, whose LaTeX comes from `gradgraph-draw`.
//!
//! # Examples
//!
//! ```
//! # fn main() -> Result<(), gradgraph_course::Error> {
//! use gradgraph_course::quiz::{MistakeKind, Quiz, Scope, Tolerance};
//! use std::collections::HashMap;
//!
//! let e = gradgraph::expr::parse("tanh(x*w + b)")?;
//! let at = HashMap::from([("x".to_string(), 1.0), ("w".into(), 0.5), ("b".into(), -0.2)]);
//! let quiz = Quiz::new(&e, &at, Scope::EveryNode)?;
//! assert_eq!(quiz.questions()[0].tag, "#4");
//! let wrong = quiz.check(0, 0.91, Tolerance::default());
//! assert_eq!(wrong.mistake.map(|m| m.kind), Some(MistakeKind::LocalDerivative));
//! # Ok(()) }
//! ```

pub use gradgraph_quiz::*;

pub mod worksheet;
