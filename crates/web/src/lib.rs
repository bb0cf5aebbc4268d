//! # gradgraph-web: the live page
//!
//! gradgraph's engine compiled to WebAssembly, and the one self-contained HTML file that
//! runs it in a browser: the learner types an expression, sets each variable's value, and
//! steps through its forward and backward passes, every number and every text computed by
//! the same Rust code as `gradgraph expr` (the numbers are the command line's, bit for bit:
//! the engine's functions are correctly rounded on every target).
//!
//! ## The interface between the page and the engine
//!
//! One function, [`compute`], takes a [`Request`] as JSON (the expression and the text of
//! each variable's value) and returns a [`Response`] as JSON: the value and the gradients as
//! `gradgraph expr` prints them, every node with its name in the learner's terms, the graph
//! in Graphviz's DOT for the page to lay out, and the text of every forward and backward step
//! and of every node's derivation. Errors are values: a [`Response`] with `error` set, never
//! a trap.
//!
//! In WebAssembly, `compute` is exported with a C ABI over linear memory (no bindings
//! generator): the page writes the request's UTF-8 bytes into memory it got from
//! `gg_alloc(len)`, calls `gg_compute(ptr, len)`, which frees them and returns the response
//! as `ptr << 32 | len`, reads it, and gives it back with `gg_free(ptr, len)`.
//!
//! The net mode (see [`net`]) keeps one training session in the engine: `gg_net(ptr, len)`
//! answers a [`NetRequest`] with a [`NetState`] through [`net_json`], the same protocol. It
//! trains with gradgraph-nn's [`Trainer`](gradgraph_nn::Trainer), the code of `gradgraph
//! train`, so the same settings give the same losses, bit for bit. The quiz switch sends the
//! answers typed with the request ([`Request::quiz`]) and gets gradgraph-quiz's verdicts back
//! ([`Response::quiz`]).
//!
//! ## Languages
//!
//! A request names its language ([`Request::lang`], and `lang` beside a net request's
//! `cmd`): the response's texts (the steps, the derivations, the errors, the net mode's
//! titles and notes) are written in it from the catalogs of gradgraph-i18n
//! (`crates/i18n/catalogs/*/page.ftl` and `net.ftl`, compiled in), its numbers with a decimal
//! comma in Portuguese, where the values typed may have one too. The page's own texts come
//! from the same catalogs, handed to its script by [`page`] in both languages, so that the
//! switch changes them at once. The engine's own error messages (the parser's, a value that
//! is not finite) reach the page through one function, `model::engine_error`.
//!
//! ## Building the WebAssembly
//!
//! `bash crates/web/build.sh` builds `assets/gradgraph_web.wasm` and records the checksum of
//! its sources beside it (`assets/gradgraph_web.sources`); the built file is committed, so
//! that `cargo build` needs no WebAssembly toolchain, and a test fails when it is stale.
//!
//! ## The page
//!
//! [`page`] writes the HTML file: the page's script and style, the engine's WebAssembly
//! and `@viz-js/viz` (Graphviz compiled to WebAssembly, MIT, for the layout) inline, so it
//! opens from `file://` without any network request.
//!
//! ## Testing hooks
//!
//! The page's elements carry stable `data-testid` attributes for automated tests:
//!
//! | hook | what it is |
//! |---|---|
//! | `expr-input` | the expression box |
//! | `var-NAME`, `slider-NAME` | the value box and the slider of variable NAME |
//! | `value` | the output's value, as `gradgraph expr` prints it (shortest round-trip decimal) |
//! | `grad-NAME` | ∂f/∂NAME, in the same form |
//! | `error` | the parse or evaluation error's text; empty when there is none |
//! | `fit` | fits the whole graph in the view |
//! | `first`, `prev`, `play`, `next`, `last`, `slider` | the step controls |
//! | `step` | `k / n`: steps done, of all |
//! | `phase` | `forward` or `backward` |
//! | `current` | the current step's node, in its `data-node` attribute |
//! | `explain` | the current step's text |
//! | `derivation` | the clicked node's derivation |
//!
//! | `quiz` | the quiz switch; then `answer-N` and `verdict-N` for node N |
//! | `mode` | the switch between the expression and the net modes (buttons `value=expression`, `value=net`) |
//! | `preset`, `dataset`, `hidden`, `activation` | the net mode's presets, data set, hidden sizes (as `train --hidden`) and activation |
//! | `train-play`, `train-step`, `train-reset`, `train-reseed` | train or pause, one step, rewind to the same first weights, new weights |
//! | `train-steps`, `loss`, `accuracy` | steps done; the training loss now (shortest round-trip decimal); the accuracy in percent (the RMSE for a regression) |
//! | `map` | the data's canvas: clicks add, delete or pick points |
//! | `open-chain`, `back` | step the picked sample's chain rule through the picked neuron; back to the net |
//! | `lang`, `lang-en`, `lang-pt-BR` | the language switch and its two buttons |
//!
//! Each node's SVG group has `data-node="N"`, N its index; each neuron of the drawn net
//! `data-neuron="L.N"`, each weight's edge `data-param="w1.2.1"` (the full list is in
//! `page/net.js`). `window.gg.ready` is a promise
//! settled once the page has drawn its first graph, and `window.gg.compute(request)` runs the
//! engine directly.

mod bench;
mod dot;
#[cfg(target_arch = "wasm32")]
mod ffi;
mod graph;
mod layout;
mod model;
pub mod net;
#[cfg(not(target_arch = "wasm32"))]
mod page;
mod quiz;

#[doc(hidden)]
pub use bench::w1;
pub use graph::{GraphData, NodeData};
pub use layout::{Layout, Place};
pub use model::{
    Derivation, Edge, ErrorText, Grad, Node, Request, Response, Step, Variable, compute,
    compute_json,
};
pub use net::{
    CsvFile, NetRequest, NetState, Point, Preset, SampleGraph, Settings, View, net_json, presets,
};
#[cfg(not(target_arch = "wasm32"))]
pub use page::{CsvText, NetOpening, Page, WASM, WASM_SOURCES, page};
pub use quiz::{QuizQuestion, QuizView};
