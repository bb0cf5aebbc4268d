//! The pictures of `train` (`--dot`, `--svg`, `--html`, ...): the graph of one sample, the
//! first training sample through the model down to its loss, after backward.

use crate::cli::draw::{self, DrawArgs};
use crate::cli::{CliResult, Failure};
use gradgraph::{Graph, Value};
use gradgraph_cli::files::OutputSet;
use gradgraph_nn::data::Dataset;
use gradgraph_nn::{Loss, Mlp};

/// A library error on user input: exit code 2.
fn usage(e: impl std::fmt::Display) -> Failure {
    Failure::usage(e.to_string())
}

/// Builds the graph of the first training sample through `mlp`, down to its loss, runs
/// backward (so a picture shows every gradient), and hands it to `f`.
fn with_sample_graph<R>(
    mlp: &Mlp,
    data: &Dataset,
    loss: Loss,
    f: impl FnOnce(&Graph, Value<'_>) -> Result<R, Failure>,
) -> Result<R, Failure> {
    let g = Graph::new();
    let x: Vec<_> = data.inputs[0]
        .iter()
        .enumerate()
        .map(|(i, &v)| g.input(v).with_label(&format!("x{}", i + 1)))
        .collect();
    let mut bound = mlp.bind(&g);
    let z = bound.forward_logits(&x).map_err(usage)?;
    let mut target = vec![0.0; mlp.n_outputs()];
    gradgraph_nn::train::encode_target(loss, data.task, data.targets[0], &mut target);
    let t: Vec<_> = target
        .iter()
        .map(|&v| g.constant(v).with_label("y"))
        .collect();
    let l = g
        .group("loss", || loss.sample(&g, mlp.output, &z, &t))
        .map_err(usage)?
        .with_label("loss");
    g.backward(l);
    f(&g, l)
}

/// Checks, before training, that the pictures of one sample fit their limits (the trained
/// model draws the same graph): a net too big to draw is refused without building its
/// graph.
pub fn check(mlp: &Mlp, data: &Dataset, loss: Loss, args: &DrawArgs) -> CliResult {
    let parameters = mlp.parameter_count();
    draw::check_derivation(args, parameters)?;
    if args.collapse().is_none_or(|c| !c.is_collapsed()) && parameters > draw::MAX_DOT_NODES {
        let flag = args.files().first().map_or("--frames", |(flag, _)| *flag);
        return Err(Failure::usage(format!(
            "{flag}: the graph of one sample of a net with {parameters} parameters has more \
             than {} nodes, the limit for a picture; draw it collapsed (--collapse neurons or \
             --collapse layers; --frames cannot be) or use fewer hidden units",
            draw::MAX_DOT_NODES
        )));
    }
    with_sample_graph(mlp, data, loss, |g, l| draw::check_graph(g, l, args))
}

/// Draws the graph of the first training sample through `mlp`, down to its loss, after
/// backward (so the picture shows every gradient), into `outputs`.
pub fn draw(
    mlp: &Mlp,
    data: &Dataset,
    loss: Loss,
    args: &DrawArgs,
    outputs: &mut OutputSet,
) -> CliResult {
    with_sample_graph(mlp, data, loss, |g, l| draw::draw(g, l, args, outputs))
}
