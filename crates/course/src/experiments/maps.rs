//! What a trained two-input net computes over the input plane: its output and every hidden
//! node's output on a grid, for heatmaps (as TensorFlow Playground and the course draw them).

use crate::Error;
use crate::plot::{Field, LabelledPoint};
use gradgraph::{Graph, Value};
use gradgraph_nn::Mlp;
use gradgraph_nn::data::Dataset;

/// The outputs of every node of a two-input MLP at the centres of an `n × n` grid.
pub(crate) struct NetFields {
    /// `hidden[l][j]`: unit `j` of hidden layer `l` (after its activation), one value per
    /// grid cell.
    pub hidden: Vec<Vec<Field>>,
    /// The output layer's raw scores (before the output function), one field per output.
    pub scores: Vec<Field>,
    /// The model's outputs (after the output function), one field per output.
    pub outputs: Vec<Field>,
}

/// Evaluates `mlp` (two inputs) at the centres of an `n × n` grid over the rectangle, by
/// replaying one graph.
///
/// Returns [`Error::Shape`] if the model does not take two inputs.
pub(crate) fn net_fields(
    mlp: &Mlp,
    x_range: (f64, f64),
    y_range: (f64, f64),
    n: usize,
) -> Result<NetFields, Error> {
    if mlp.n_inputs != 2 {
        return Err(Error::Shape {
            what: "inputs of a model drawn over the plane".into(),
            expected: 2,
            got: mlp.n_inputs,
        });
    }
    let g = Graph::new();
    let x: Vec<Value<'_>> = vec![g.input(0.0), g.input(0.0)];
    let mut bound = mlp.bind(&g);
    let layers = bound.forward_layers(&x)?;
    let (scores, hidden) = match layers.split_last() {
        Some((scores, hidden)) => (scores.clone(), hidden.to_vec()),
        None => return Err(Error::out_of_range("model", "the model has no layer")),
    };
    let outputs = mlp.output.apply(&scores);
    let centres = Field::centres(x_range, y_range, n);
    // one column of values per node, in grid order
    let columns = |nodes: &[Value<'_>]| -> Vec<Vec<f64>> {
        nodes.iter().map(|_| Vec::with_capacity(n * n)).collect()
    };
    let mut hidden_values: Vec<Vec<Vec<f64>>> = hidden.iter().map(|l| columns(l)).collect();
    let mut score_values = columns(&scores);
    let mut output_values = columns(&outputs);
    for &(a, b) in &centres {
        x[0].set_data(a);
        x[1].set_data(b);
        g.forward();
        for (layer, values) in hidden.iter().zip(hidden_values.iter_mut()) {
            for (node, column) in layer.iter().zip(values.iter_mut()) {
                column.push(node.data());
            }
        }
        for (node, column) in scores.iter().zip(score_values.iter_mut()) {
            column.push(node.data());
        }
        for (node, column) in outputs.iter().zip(output_values.iter_mut()) {
            column.push(node.data());
        }
    }
    let field = |values: Vec<f64>| Field::from_values(x_range, y_range, n, values);
    Ok(NetFields {
        hidden: hidden_values
            .into_iter()
            .map(|layer| layer.into_iter().map(field).collect())
            .collect::<Result<_, _>>()?,
        scores: score_values
            .into_iter()
            .map(field)
            .collect::<Result<_, _>>()?,
        outputs: output_values
            .into_iter()
            .map(field)
            .collect::<Result<_, _>>()?,
    })
}

/// The samples of a two-input classification set as labelled points.
pub(crate) fn points(data: &Dataset) -> Vec<LabelledPoint> {
    data.inputs
        .iter()
        .zip(&data.targets)
        .filter(|(x, _)| x.len() >= 2)
        .map(|(x, &y)| LabelledPoint {
            x: x[0],
            y: x[1],
            class: y.max(0.0) as usize,
        })
        .collect()
}

/// The smallest square around the data, padded by `pad` (a fraction of its size).
pub(crate) fn extent(data: &Dataset, pad: f64) -> ((f64, f64), (f64, f64)) {
    let mut lo = [f64::INFINITY; 2];
    let mut hi = [f64::NEG_INFINITY; 2];
    for x in &data.inputs {
        for k in 0..2.min(x.len()) {
            lo[k] = lo[k].min(x[k]);
            hi[k] = hi[k].max(x[k]);
        }
    }
    let size = (hi[0] - lo[0]).max(hi[1] - lo[1]).max(1e-9);
    let centre = [(lo[0] + hi[0]) / 2.0, (lo[1] + hi[1]) / 2.0];
    let half = size * (0.5 + pad);
    (
        (centre[0] - half, centre[0] + half),
        (centre[1] - half, centre[1] + half),
    )
}
