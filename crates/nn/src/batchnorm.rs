//! [`BatchNorm`]: batch normalisation built from scalar ops.

use crate::Error;
use gradgraph::{Graph, Value};
use serde::{Deserialize, Serialize};

/// Batch normalisation (Ioffe and Szegedy, 2015), built from scalar ops.
///
/// For one unit and a batch of pre-activations `z_1 … z_B`, while training:
///
/// ```text
/// μ = (1/B) Σ z_i                    batch mean
/// σ² = (1/B) Σ (z_i − μ)²            batch variance (biased, as PyTorch normalises)
/// ẑ_i = (z_i − μ) / √(σ² + ε)        standardised, ε = 1e-5
/// y_i = γ ẑ_i + β                    learned scale γ and shift β
/// ```
///
/// Every sample's output depends on every other sample of the batch (through μ and σ²), so
/// the graph of a batch is one graph, and backward sends gradient through μ and σ² too.
/// After each training batch the running statistics move towards the batch's:
/// `running = (1 − m) running + m · batch` with momentum m = 0.1, using the unbiased variance
/// `σ² B/(B−1)` for the running variance (as PyTorch does). In evaluation the running
/// statistics replace the batch's: `y = γ (z − running_mean) / √(running_var + ε) + β`.
///
/// Batch normalisation of a layer of `n` units: per unit a learned scale γ (starting at 1)
/// and shift β (starting at 0), and running statistics for evaluation.
///
/// # Examples
/// ```
/// # fn main() -> Result<(), gradgraph_nn::Error> {
/// use gradgraph::Graph;
/// use gradgraph_nn::BatchNorm;
/// let bn = BatchNorm::new(1);
/// let g = Graph::new();
/// let params = bn.bind(&g, "1");
/// let batch: Vec<Vec<_>> = [1.0, 2.0, 3.0].iter().map(|&v| vec![g.input(v)]).collect();
/// let (y, stats) = bn.forward_train(&g, &params, &batch)?;
/// // μ = 2, σ² = 2/3: the batch comes out with mean 0 and variance σ²/(σ² + ε) ≈ 1
/// assert_eq!(stats[0].0.data(), 2.0);
/// assert!((y[2][0].data() - 1.0 / (2.0f64 / 3.0 + 1e-5).sqrt()).abs() < 1e-12);
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BatchNorm {
    /// The learned scales γ, one per unit.
    pub gamma: Vec<f64>,
    /// The learned shifts β, one per unit.
    pub beta: Vec<f64>,
    /// The running means, used in evaluation.
    pub running_mean: Vec<f64>,
    /// The running (unbiased) variances, used in evaluation.
    pub running_var: Vec<f64>,
    /// How far one batch moves the running statistics (0.1).
    pub momentum: f64,
    /// Added to the variance before the square root (1e-5).
    pub eps: f64,
}

impl BatchNorm {
    /// Normalisation of `n` units: γ = 1, β = 0, running mean 0, running variance 1.
    pub fn new(n: usize) -> BatchNorm {
        BatchNorm {
            gamma: vec![1.0; n],
            beta: vec![0.0; n],
            running_mean: vec![0.0; n],
            running_var: vec![1.0; n],
            momentum: 0.1,
            eps: 1e-5,
        }
    }

    /// The number of units.
    pub fn len(&self) -> usize {
        self.gamma.len()
    }

    /// True without units.
    pub fn is_empty(&self) -> bool {
        self.gamma.is_empty()
    }

    /// `2n`: γ and β of each unit.
    pub fn parameter_count(&self) -> usize {
        2 * self.gamma.len()
    }

    /// Appends the parameters in canonical order: `γ_1, β_1, γ_2, β_2, …`.
    pub fn parameters_into(&self, out: &mut Vec<f64>) {
        for (g, b) in self.gamma.iter().zip(&self.beta) {
            out.push(*g);
            out.push(*b);
        }
    }

    /// Takes the parameters from the front of `values` and returns the rest.
    pub(crate) fn take_parameters<'a>(&mut self, values: &'a [f64]) -> &'a [f64] {
        let n = self.gamma.len();
        for j in 0..n {
            self.gamma[j] = values[2 * j];
            self.beta[j] = values[2 * j + 1];
        }
        &values[2 * n..]
    }

    /// Creates the parameter leaves in `g`, canonical order, labelled `γ{name}.j`, `β{name}.j`.
    pub fn bind<'g>(&self, g: &'g Graph, name: &str) -> Vec<Value<'g>> {
        let mut params = Vec::with_capacity(self.parameter_count());
        for j in 0..self.gamma.len() {
            params.push(
                g.parameter(self.gamma[j])
                    .with_label(&format!("γ{name}.{}", j + 1)),
            );
            params.push(
                g.parameter(self.beta[j])
                    .with_label(&format!("β{name}.{}", j + 1)),
            );
        }
        params
    }

    fn check(&self, params: &[Value<'_>], units: usize) -> Result<(), Error> {
        if params.len() != self.parameter_count() {
            return Err(Error::Shape {
                what: "batch norm parameters".into(),
                expected: self.parameter_count(),
                got: params.len(),
            });
        }
        if units != self.len() {
            return Err(Error::Shape {
                what: "batch norm units".into(),
                expected: self.len(),
                got: units,
            });
        }
        Ok(())
    }

    /// Training mode: normalises `z` (one row per sample of the batch, one column per unit)
    /// with the batch's own mean and biased variance, and returns the outputs (same shape)
    /// with each unit's `(μ, σ²)` nodes, from which [`BatchNorm::update_running`] learns.
    ///
    /// Returns [`Error::OutOfRange`] for a batch of fewer than 2 samples (its variance is 0 and
    /// tells nothing) and [`Error::Shape`] for rows of the wrong width.
    #[allow(clippy::type_complexity)]
    pub fn forward_train<'g>(
        &self,
        g: &'g Graph,
        params: &[Value<'g>],
        z: &[Vec<Value<'g>>],
    ) -> Result<(Vec<Vec<Value<'g>>>, Vec<(Value<'g>, Value<'g>)>), Error> {
        let b = z.len();
        if b < 2 {
            return Err(Error::out_of_range(
                "batch size",
                format!(
                    "batch normalisation needs at least 2 samples per batch while training, got {b}"
                ),
            ));
        }
        self.forward_train_over(g, params, z, b)
    }

    /// [`BatchNorm::forward_train`] with the statistics' sums divided by `batch` rather than
    /// by the number of rows: with one row, the graph of one sample that batched replay
    /// compiles, its sums then summed over the batch's lanes
    /// ([`Program::compile_with_lane_sums`](crate::replay::Program::compile_with_lane_sums)).
    #[allow(clippy::type_complexity)]
    pub(crate) fn forward_train_over<'g>(
        &self,
        g: &'g Graph,
        params: &[Value<'g>],
        z: &[Vec<Value<'g>>],
        batch: usize,
    ) -> Result<(Vec<Vec<Value<'g>>>, Vec<(Value<'g>, Value<'g>)>), Error> {
        let b = z.len();
        for row in z {
            self.check(params, row.len())?;
        }
        let mut out = vec![Vec::with_capacity(self.len()); b];
        let mut stats = Vec::with_capacity(self.len());
        let mut column = Vec::with_capacity(b);
        let mut squares = Vec::with_capacity(b);
        for j in 0..self.len() {
            let (gamma, beta) = (params[2 * j], params[2 * j + 1]);
            column.clear();
            column.extend(z.iter().map(|row| row[j]));
            // μ = (1/B) Σ z_i
            let mean = g.sum(&column) / batch as f64;
            // σ² = (1/B) Σ (z_i − μ)²
            let centred: Vec<Value<'g>> = column.iter().map(|&zi| zi - mean).collect();
            squares.clear();
            squares.extend(centred.iter().map(|d| d.powf(2.0)));
            let var = g.sum(&squares) / batch as f64;
            // 1/√(σ² + ε)
            let inv_std = 1.0 / (var + self.eps).sqrt();
            for (i, d) in centred.iter().enumerate() {
                // y_i = γ ẑ_i + β
                out[i].push(*d * inv_std * gamma + beta);
            }
            stats.push((mean, var));
        }
        Ok((out, stats))
    }

    /// Evaluation mode: `y_j = γ_j (z_j − running_mean_j) / √(running_var_j + ε) + β_j`,
    /// for one sample.
    pub fn forward_eval<'g>(
        &self,
        params: &[Value<'g>],
        z: &[Value<'g>],
    ) -> Result<Vec<Value<'g>>, Error> {
        self.check(params, z.len())?;
        Ok(z.iter()
            .enumerate()
            .map(|(j, &zj)| {
                let std = (self.running_var[j] + self.eps).sqrt();
                (zj - self.running_mean[j]) / std * params[2 * j] + params[2 * j + 1]
            })
            .collect())
    }

    /// Moves the running statistics towards a batch's mean and biased variance (one per
    /// unit): `running = (1 − m) running + m · batch`, with the variance made unbiased by
    /// the factor `B/(B − 1)`.
    pub fn update_running(&mut self, means: &[f64], vars: &[f64], batch: usize) {
        let m = self.momentum;
        let unbias = if batch > 1 {
            batch as f64 / (batch - 1) as f64
        } else {
            1.0
        };
        for j in 0..self.len().min(means.len()).min(vars.len()) {
            self.running_mean[j] = (1.0 - m) * self.running_mean[j] + m * means[j];
            self.running_var[j] = (1.0 - m) * self.running_var[j] + m * vars[j] * unbias;
        }
    }
}
