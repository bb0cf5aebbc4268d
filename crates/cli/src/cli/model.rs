//! Model files, for `train --save`/`--load` and `predict --load`: gradgraph's JSON, or
//! safetensors (which PyTorch loads), chosen by the file name's extension.

use super::{CliResult, Failure};
use gradgraph_nn::torch::{self, Assume, Origin};
use gradgraph_nn::{Activation, Mlp, Output};
use std::path::Path;

/// True when `path` names a safetensors file (`.safetensors`); every other name is
/// gradgraph's JSON.
pub fn is_safetensors(path: &Path) -> bool {
    torch::is_safetensors_path(path)
}

/// The bytes of `mlp` saved at `path`, in the format its extension names.
pub fn encode(mlp: &Mlp, path: &Path) -> Result<Vec<u8>, gradgraph_nn::Error> {
    if is_safetensors(path) {
        mlp.to_safetensors()
    } else {
        mlp.to_json().map(String::into_bytes)
    }
}

/// Refuses, before training, a model that the format of `path` cannot hold (a
/// `torch.nn.Sequential` has one activation per layer): training does not change it.
pub fn check_savable(flag: &str, mlp: &Mlp, path: &Path) -> CliResult {
    if is_safetensors(path) {
        torch::modules(mlp)
            .map_err(|e| Failure::usage(format!("{flag} {}: {e}", path.display())))?;
    }
    Ok(())
}

/// The line saying how to load a safetensors file in PyTorch, if `path` is one.
pub fn torch_line(mlp: &Mlp, path: &Path) -> Option<String> {
    if !is_safetensors(path) {
        return None;
    }
    Some(match torch::expression(mlp) {
        Ok(Some(module)) => super::t("train-torch", &[("module", module.into())]),
        _ => super::t("train-torch-none", &[]),
    })
}

/// `--activation` as written back: the names joined by commas (`relu,tanh`).
pub fn activations_text(activations: &[Activation]) -> String {
    let names: Vec<String> = activations.iter().map(Activation::to_string).collect();
    names.join(",")
}

/// What the flags say about a model file without gradgraph's metadata.
pub struct Unstated<'a> {
    /// `--activation`, as given.
    pub activation: Option<&'a [Activation]>,
    /// `--output`, as given.
    pub output: Option<Output>,
    /// The output function taken without `--output`, and why: the id of its message in the
    /// catalog (`"model-why-raw-scores"`).
    pub default_output: (Output, &'a str),
}

/// A model read from `path` (named by `flag` in errors): JSON, or safetensors when the name
/// ends in `.safetensors` (or, for a name of another extension than `.json`, when the
/// bytes are a safetensors file's). A file of no more than `limit` bytes.
///
/// `--activation` and `--output` apply to a safetensors file without gradgraph's metadata
/// (saved from PyTorch) only, whose layers say nothing about them; for it the second value
/// is a note saying what was taken by default. For any other model file they are refused.
pub fn load(
    flag: &str,
    path: &Path,
    limit: u64,
    flags: &Unstated<'_>,
) -> Result<(Mlp, Option<String>), Failure> {
    let bytes = gradgraph_cli::files::read_bytes_limited(path, limit, "a model file")
        .map_err(|e| super::reading(flag, e))?;
    let source = path.display().to_string();
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if is_safetensors(path) || (!is_json && torch::looks_like_safetensors(&bytes)) {
        let activations = match flags.activation {
            Some(given) => given.to_vec(),
            None => vec![Activation::RELU],
        };
        let output = flags.output.unwrap_or(flags.default_output.0);
        let assume = Assume {
            activations,
            output,
        };
        let loaded = torch::from_bytes(&bytes, &source, &assume).map_err(|e| match e {
            gradgraph_nn::Error::OutOfRange { detail, .. } => Failure::usage(format!(
                "--activation {}: {detail}",
                activations_text(flags.activation.unwrap_or_default())
            )),
            e => Failure::from(e).context(flag),
        })?;
        if loaded.origin == Origin::Gradgraph {
            refuse_flags(flags, &source, &loaded.mlp)?;
            return Ok((loaded.mlp, None));
        }
        let mut assumed = Vec::new();
        if flags.activation.is_none() && loaded.mlp.layers.len() > 1 {
            assumed.push(super::t("model-assumed-relu", &[]));
        }
        if flags.output.is_none() {
            assumed.push(super::t(
                "model-assumed-output",
                &[
                    ("output", output.to_string().into()),
                    ("why", super::t(flags.default_output.1, &[]).into()),
                ],
            ));
        }
        let note = (!assumed.is_empty()).then(|| {
            super::t(
                "model-no-metadata",
                &[
                    ("source", source.as_str().into()),
                    ("assumed", assumed.join("; ").into()),
                ],
            )
        });
        return Ok((loaded.mlp, note));
    }
    let text = gradgraph_cli::files::read_text(bytes.as_slice(), limit, "a model file", &source)
        .map_err(|e| Failure::from(e).context(flag))?;
    let mlp = Mlp::from_json(&text, &source).map_err(|e| Failure::from(e).context(flag))?;
    refuse_flags(flags, &source, &mlp)?;
    Ok((mlp, None))
}

/// `--activation` and `--output` for a model file that records them are refused.
fn refuse_flags(flags: &Unstated<'_>, source: &str, mlp: &Mlp) -> CliResult {
    if let Some(given) = flags.activation {
        let text = activations_text(given);
        let recorded: Vec<String> = mlp.activations().iter().map(|a| a.to_string()).collect();
        return Err(Failure::usage(super::t(
            "model-records-activations",
            &[
                ("flag", text.into()),
                ("source", source.into()),
                (
                    "recorded",
                    if recorded.is_empty() {
                        super::t("model-no-hidden-layer", &[])
                    } else {
                        recorded.join(",")
                    }
                    .into(),
                ),
            ],
        )));
    }
    if let Some(text) = flags.output {
        return Err(Failure::usage(super::t(
            "model-records-output",
            &[
                ("flag", text.to_string().into()),
                ("source", source.into()),
                ("recorded", mlp.output.to_string().into()),
            ],
        )));
    }
    Ok(())
}
