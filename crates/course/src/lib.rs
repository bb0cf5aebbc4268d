//! # gradgraph-course: the lecture's experiments on gradgraph
//!
//! The experiments of the lecture "Redes Neurais Artificiais, Parte II" (course T320 at
//! Inatel), run on the [`gradgraph`] engine and the [`gradgraph_nn`] nets: the chain rule,
//! the activations, XOR, concentric circles, regression, vanishing and exploding gradients
//! and a recurrent net ([`experiments`]); exercises that check a backward pass worked by hand,
//! with worksheets ([`quiz`]); SVG plots ([`plot`]); the example graphs the guide shows
//! ([`examples`]) and the gallery that draws them ([`gallery`]).

mod error;
pub mod examples;
pub mod experiments;
pub mod gallery;
pub mod plot;
pub mod quiz;

pub use error::Error;
