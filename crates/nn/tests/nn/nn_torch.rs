//! Models as safetensors files: gradgraph's own round trip (bit for bit), files laid out as
//! PyTorch writes them (no metadata), and bad files (an error, never a panic).

use gradgraph_nn::Error;
use gradgraph_nn::torch::{self, Assume, Origin};
use gradgraph_nn::{Activation, Layer, Mlp, Neuron, Output};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use safetensors::Dtype;
use safetensors::tensor::TensorView;

/// Every parameter and running statistic set to a distinct random number, so that a tensor
/// put in the wrong place shows.
fn scrambled(mut net: Mlp, seed: u64) -> Mlp {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let values: Vec<f64> = (0..net.parameter_count())
        .map(|_| rng.random_range(-1.5..1.5))
        .collect();
    net.set_parameters(&values)
        .expect("one value per parameter");
    for bn in &mut net.batch_norm {
        for m in &mut bn.running_mean {
            *m = rng.random_range(-1.0..1.0);
        }
        for v in &mut bn.running_var {
            *v = rng.random_range(0.1..3.0);
        }
    }
    net
}

fn inputs(n: usize, k: usize) -> Vec<Vec<f64>> {
    let mut rng = ChaCha8Rng::seed_from_u64(99);
    (0..k)
        .map(|_| (0..n).map(|_| rng.random_range(-2.0..2.0)).collect())
        .collect()
}

fn models() -> Vec<(&'static str, Mlp)> {
    let build = |sizes: &[usize], acts: &[Activation], output: Output, bn: bool| {
        Mlp::builder(sizes)
            .activations(acts)
            .output(output)
            .batch_norm(bn)
            .seed(3)
            .build()
            .expect("a model")
    };
    vec![
        (
            "per-layer activations, sigmoid",
            build(
                &[2, 5, 4, 1],
                &[Activation::TANH, Activation::RELU],
                Output::Sigmoid,
                false,
            ),
        ),
        (
            "batch norm, softmax",
            build(
                &[3, 4, 3, 3],
                &[Activation::leaky_relu(0.1), Activation::GELU],
                Output::Softmax,
                true,
            ),
        ),
        (
            "PReLU with batch norm",
            build(&[2, 6, 1], &[Activation::PRELU], Output::Linear, true),
        ),
        (
            "PReLU, linear and silu layers",
            build(
                &[1, 3, 3, 2, 1],
                &[Activation::PRELU, Activation::LINEAR, Activation::SILU],
                Output::Linear,
                false,
            ),
        ),
        (
            "no hidden layer",
            build(&[4, 2], &[Activation::RELU], Output::Softmax, false),
        ),
        (
            "step (no PyTorch module)",
            build(&[2, 3, 1], &[Activation::STEP], Output::Sigmoid, false),
        ),
    ]
}

#[test]
fn round_trip_is_bit_for_bit() {
    for (seed, (what, net)) in models().into_iter().enumerate() {
        let net = scrambled(net, seed as u64);
        let bytes = net.to_safetensors().unwrap();
        assert_eq!(bytes, net.to_safetensors().unwrap(), "{what}: same bytes");
        let loaded = torch::from_bytes(&bytes, "m.safetensors", &Assume::default()).unwrap();
        assert_eq!(loaded.origin, Origin::Gradgraph, "{what}");
        assert_eq!(loaded.mlp, net, "{what}");
        let xs = inputs(net.n_inputs, 7);
        let before = net.predict(&xs).unwrap();
        let after = loaded.mlp.predict(&xs).unwrap();
        for (a, b) in before.iter().flatten().zip(after.iter().flatten()) {
            assert_eq!(a.to_bits(), b.to_bits(), "{what}");
        }
        // the file's bytes as a model file reads them
        assert_eq!(
            Mlp::from_safetensors(&bytes, "m.safetensors").unwrap(),
            net,
            "{what}"
        );
    }
}

#[test]
fn the_file_is_a_torch_sequential_state_dict() {
    let net = Mlp::builder(&[2, 4, 3, 1])
        .activations(&[Activation::PRELU, Activation::TANH])
        .batch_norm(true)
        .output(Output::Sigmoid)
        .build()
        .unwrap();
    let bytes = net.to_safetensors().unwrap();
    let st = safetensors::SafeTensors::deserialize(&bytes).unwrap();
    let mut names: Vec<(String, Dtype, Vec<usize>)> = st
        .iter()
        .map(|(n, t)| (n.to_owned(), t.dtype(), t.shape().to_vec()))
        .collect();
    names.sort();
    let f = |n: &str, shape: &[usize]| (n.to_owned(), Dtype::F64, shape.to_vec());
    let count = |n: &str| (n.to_owned(), Dtype::I64, vec![]);
    // Linear, BatchNorm1d, PReLU, Linear, BatchNorm1d, Tanh, Linear
    assert_eq!(
        names,
        [
            f("0.bias", &[4]),
            f("0.weight", &[4, 2]),
            f("1.bias", &[4]),
            count("1.num_batches_tracked"),
            f("1.running_mean", &[4]),
            f("1.running_var", &[4]),
            f("1.weight", &[4]),
            f("2.weight", &[4]),
            f("3.bias", &[3]),
            f("3.weight", &[3, 4]),
            f("4.bias", &[3]),
            count("4.num_batches_tracked"),
            f("4.running_mean", &[3]),
            f("4.running_var", &[3]),
            f("4.weight", &[3]),
            f("6.bias", &[1]),
            f("6.weight", &[1, 3]),
        ]
    );
    let (_, header) = safetensors::SafeTensors::read_metadata(&bytes).unwrap();
    let meta = header.metadata().clone().unwrap();
    assert_eq!(meta["format"], "gradgraph.mlp");
    assert_eq!(meta["sizes"], "2,4,3,1");
    assert_eq!(meta["activations"], "prelu,tanh");
    assert_eq!(meta["output"], "sigmoid");
    assert_eq!(meta["batch_norm"], "true");
    assert_eq!(
        meta["torch"],
        "torch.nn.Sequential(torch.nn.Linear(2, 4), torch.nn.BatchNorm1d(4), torch.nn.PReLU(4), \
         torch.nn.Linear(4, 3), torch.nn.BatchNorm1d(3), torch.nn.Tanh(), torch.nn.Linear(3, 1), \
         torch.nn.Sigmoid()).double().eval()"
    );
    // row j of a Linear's weight is neuron j's weights
    let w = st.tensor("3.weight").unwrap();
    let first = f64::from_le_bytes(w.data()[..8].try_into().unwrap());
    assert_eq!(first, net.layers[1].neurons[0].weights[0]);
    let second_row = f64::from_le_bytes(w.data()[32..40].try_into().unwrap());
    assert_eq!(second_row, net.layers[1].neurons[1].weights[0]);
}

/// A tensor owned for writing a test file.
struct Owned {
    dtype: Dtype,
    shape: Vec<usize>,
    bytes: Vec<u8>,
}

fn f32s(shape: &[usize], values: &[f32]) -> Owned {
    Owned {
        dtype: Dtype::F32,
        shape: shape.to_vec(),
        bytes: values.iter().flat_map(|v| v.to_le_bytes()).collect(),
    }
}

fn f64s(shape: &[usize], values: &[f64]) -> Owned {
    Owned {
        dtype: Dtype::F64,
        shape: shape.to_vec(),
        bytes: values.iter().flat_map(|v| v.to_le_bytes()).collect(),
    }
}

/// A file as `safetensors.torch.save_file(model.state_dict(), ...)` writes it: no metadata.
fn file(tensors: &[(&str, &Owned)], metadata: Option<&[(&str, &str)]>) -> Vec<u8> {
    let views: Vec<(String, TensorView<'_>)> = tensors
        .iter()
        .map(|(n, t)| {
            (
                (*n).to_owned(),
                TensorView::new(t.dtype, t.shape.clone(), &t.bytes).expect("a tensor"),
            )
        })
        .collect();
    let metadata = metadata.map(|m| {
        m.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    });
    safetensors::serialize(views, metadata).expect("a file")
}

fn assume(acts: &[Activation], output: Output) -> Assume {
    Assume {
        activations: acts.to_vec(),
        output,
    }
}

#[test]
fn reads_a_file_written_by_pytorch() {
    // Sequential(Linear(2, 3), Tanh(), Linear(3, 1)) in float32, PyTorch's default
    let w0 = f32s(&[3, 2], &[0.5, -1.0, 0.25, 0.75, -0.5, 2.0]);
    let b0 = f32s(&[3], &[0.1, -0.2, 0.3]);
    let w2 = f32s(&[1, 3], &[1.0, -1.5, 0.5]);
    let b2 = f32s(&[1], &[0.05]);
    let bytes = file(
        &[
            ("0.weight", &w0),
            ("0.bias", &b0),
            ("2.weight", &w2),
            ("2.bias", &b2),
        ],
        None,
    );
    let loaded = torch::from_bytes(
        &bytes,
        "torch.safetensors",
        &assume(&[Activation::TANH], Output::Sigmoid),
    )
    .unwrap();
    assert_eq!(loaded.origin, Origin::Foreign);
    let net = &loaded.mlp;
    assert_eq!((net.n_inputs, net.n_outputs()), (2, 1));
    assert_eq!(net.activations(), [Activation::TANH]);
    assert_eq!(net.output, Output::Sigmoid);
    // widened exactly: 0.1f32 as f64
    assert_eq!(net.layers[0].neurons[0].bias, f64::from(0.1f32));
    let x = [0.3, -0.7];
    let h: Vec<f64> = (0..3)
        .map(|j| {
            let w = &net.layers[0].neurons[j].weights;
            (w[0] * x[0] + w[1] * x[1] + net.layers[0].neurons[j].bias).tanh()
        })
        .collect();
    let out = &net.layers[1].neurons[0];
    let z = out.weights.iter().zip(&h).map(|(w, h)| w * h).sum::<f64>() + out.bias;
    let p = net.predict(&[x.to_vec()]).unwrap()[0][0];
    assert!((p - 1.0 / (1.0 + (-z).exp())).abs() < 1e-15, "{p}");
    // the default assumption: relu, raw scores
    let plain = Mlp::from_safetensors(&bytes, "torch.safetensors").unwrap();
    assert_eq!(
        (plain.activations(), plain.output),
        (vec![Activation::RELU], Output::Linear)
    );
}

#[test]
fn reads_pytorch_batch_norm_prelu_dropout_and_linear_layers() {
    // Sequential(Linear(2, 3), BatchNorm1d(3), PReLU(), Dropout(), Linear(3, 2),
    // BatchNorm1d(2, affine=False), Linear(2, 2))
    let w0 = f64s(&[3, 2], &[0.5, -1.0, 0.25, 0.75, -0.5, 2.0]);
    let b0 = f64s(&[3], &[0.1, -0.2, 0.3]);
    let gamma = f64s(&[3], &[1.5, 0.5, 1.0]);
    let beta = f64s(&[3], &[0.0, 0.1, -0.1]);
    let mean = f64s(&[3], &[0.2, -0.3, 0.4]);
    let var = f64s(&[3], &[1.2, 0.8, 2.0]);
    let tracked = Owned {
        dtype: Dtype::I64,
        shape: vec![],
        bytes: 17i64.to_le_bytes().to_vec(),
    };
    let slope = f64s(&[1], &[0.2]);
    let w4 = f64s(&[2, 3], &[1.0, -1.5, 0.5, 0.3, 0.2, 0.1]);
    let b4 = f64s(&[2], &[0.05, 0.0]);
    let mean5 = f64s(&[2], &[0.1, -0.1]);
    let var5 = f64s(&[2], &[0.5, 2.0]);
    let w6 = f64s(&[2, 2], &[1.0, 0.0, 0.5, 2.0]);
    let b6 = f64s(&[2], &[0.0, 1.0]);
    let bytes = file(
        &[
            ("0.weight", &w0),
            ("0.bias", &b0),
            ("1.weight", &gamma),
            ("1.bias", &beta),
            ("1.running_mean", &mean),
            ("1.running_var", &var),
            ("1.num_batches_tracked", &tracked),
            ("2.weight", &slope),
            ("4.weight", &w4),
            ("4.bias", &b4),
            ("5.running_mean", &mean5),
            ("5.running_var", &var5),
            ("5.num_batches_tracked", &tracked),
            ("6.weight", &w6),
            ("6.bias", &b6),
        ],
        Some(&[("format", "pt")]),
    );
    let net = torch::from_bytes(&bytes, "pt", &assume(&[Activation::TANH], Output::Softmax))
        .unwrap()
        .mlp;
    // the PReLU module wins over the assumed tanh; the layer straight into a Linear is linear
    assert_eq!(net.activations(), [Activation::PRELU, Activation::LINEAR]);
    assert!(net.layers[0].neurons.iter().all(|n| n.slope == Some(0.2)));
    assert_eq!(net.batch_norm[0].running_var, [1.2, 0.8, 2.0]);
    assert_eq!(net.batch_norm[0].gamma, [1.5, 0.5, 1.0]);
    // by hand
    let x = [0.3, -0.7];
    let mut h = [0.0; 3];
    for (j, hj) in h.iter_mut().enumerate() {
        let n = &net.layers[0].neurons[j];
        let z = n.weights[0] * x[0] + n.weights[1] * x[1] + n.bias;
        let bn = &net.batch_norm[0];
        let y =
            (z - bn.running_mean[j]) / (bn.running_var[j] + 1e-5).sqrt() * bn.gamma[j] + bn.beta[j];
        *hj = if y > 0.0 { y } else { 0.2 * y };
    }
    let bn = &net.batch_norm[1];
    assert_eq!(
        (bn.gamma.clone(), bn.beta.clone()),
        (vec![1.0; 2], vec![0.0; 2])
    );
    let mid: Vec<f64> = net.layers[1]
        .neurons
        .iter()
        .enumerate()
        .map(|(j, n)| {
            let z = n.weights.iter().zip(&h).map(|(w, h)| w * h).sum::<f64>() + n.bias;
            (z - bn.running_mean[j]) / (bn.running_var[j] + 1e-5).sqrt()
        })
        .collect();
    let out: Vec<f64> = net.layers[2]
        .neurons
        .iter()
        .map(|n| n.weights.iter().zip(&mid).map(|(w, h)| w * h).sum::<f64>() + n.bias)
        .collect();
    let m = out[0].max(out[1]);
    let e: Vec<f64> = out.iter().map(|o| (o - m).exp()).collect();
    let p = net.predict(&[x.to_vec()]).unwrap();
    for k in 0..2 {
        assert!((p[0][k] - e[k] / (e[0] + e[1])).abs() < 1e-14);
    }
}

#[test]
fn assumed_activations_per_layer_are_counted() {
    let w = f64s(&[2, 2], &[1.0, 0.0, 0.0, 1.0]);
    let b = f64s(&[2], &[0.0, 0.0]);
    let bytes = file(
        &[
            ("0.weight", &w),
            ("0.bias", &b),
            ("2.weight", &w),
            ("2.bias", &b),
            ("4.weight", &w),
            ("4.bias", &b),
        ],
        None,
    );
    let net = torch::from_bytes(
        &bytes,
        "f",
        &assume(&[Activation::TANH, Activation::SIGMOID], Output::Linear),
    )
    .unwrap()
    .mlp;
    assert_eq!(net.activations(), [Activation::TANH, Activation::SIGMOID]);
    let err = torch::from_bytes(&bytes, "f", &assume(&[Activation::TANH; 3], Output::Linear))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "3 activations for 2 hidden layers: give one activation per hidden layer, or one for all"
    );
}

/// A valid gradgraph file to break.
fn valid() -> Vec<u8> {
    Mlp::builder(&[2, 3, 1])
        .activation(Activation::PRELU)
        .batch_norm(true)
        .build()
        .expect("a model")
        .to_safetensors()
        .expect("a file")
}

fn fails(bytes: &[u8], needle: &str) {
    match torch::from_bytes(bytes, "bad.safetensors", &Assume::default()) {
        Ok(_) => panic!("read: {needle}"),
        Err(e) => {
            let text = e.to_string();
            assert!(matches!(e, Error::Format { .. }), "{text}");
            assert!(text.starts_with("bad.safetensors: "), "{text}");
            assert!(text.contains(needle), "{needle:?} not in {text}");
        }
    }
}

#[test]
fn bad_files_are_errors_naming_what_is_wrong() {
    let w = f64s(&[2, 2], &[1.0, 0.0, 0.0, 1.0]);
    let b = f64s(&[2], &[0.0, 0.0]);
    let b3 = f64s(&[3], &[0.0, 0.0, 0.0]);
    let w23 = f64s(&[2, 3], &[0.0; 6]);
    let ints = Owned {
        dtype: Dtype::I32,
        shape: vec![2, 2],
        bytes: vec![0; 16],
    };
    let nan = f64s(&[2], &[0.0, f64::NAN]);
    let empty = f64s(&[0, 2], &[]);
    fails(b"", "not a safetensors file");
    fails(b"{\"0.weight\": 1}", "not a safetensors file");
    fails(&valid()[..valid().len() - 3], "not a safetensors file");
    fails(&file(&[], None), "no tensors");
    fails(
        &file(&[("layer.weight", &w), ("0.bias", &b)], None),
        "\"layer.weight\" is not a parameter",
    );
    fails(
        &file(&[("0.kernel", &w)], None),
        "\"0.kernel\" is not a parameter",
    );
    fails(
        &file(&[("0.weight", &ints), ("0.bias", &b)], None),
        "0.weight is I32: gradgraph reads F64",
    );
    fails(
        &file(&[("0.weight", &w), ("0.bias", &nan)], None),
        "0.bias holds NaN",
    );
    fails(
        &file(&[("0.weight", &empty), ("0.bias", &b)], None),
        "dimension 0 is 0",
    );
    fails(
        &file(&[("0.weight", &w), ("0.bias", &b3)], None),
        "expected [2], one per neuron",
    );
    fails(
        &file(
            &[
                ("0.weight", &w),
                ("0.bias", &b),
                ("2.weight", &w23),
                ("2.bias", &b),
            ],
            None,
        ),
        "2.weight has shape [2, 3]: the Linear reads 3 inputs, but the layer before gives 2",
    );
    fails(
        &file(&[("1.weight", &w), ("1.bias", &b)], None),
        "the first Linear is module 1",
    );
    // BatchNorm1d after the activation
    fails(
        &file(
            &[
                ("0.weight", &w),
                ("0.bias", &b),
                ("2.running_mean", &b),
                ("2.running_var", &b),
                ("3.weight", &w),
                ("3.bias", &b),
            ],
            None,
        ),
        "does not follow its Linear",
    );
    fails(
        &file(
            &[("0.weight", &w), ("0.bias", &b), ("1.running_mean", &b)],
            None,
        ),
        "incomplete BatchNorm1d",
    );
    fails(
        &file(
            &[
                ("0.weight", &w),
                ("0.bias", &b),
                ("1.weight", &b),
                ("1.bias", &b),
            ],
            None,
        ),
        "track_running_stats=False",
    );
    fails(
        &file(&[("0.weight", &w), ("0.bias", &b), ("1.weight", &b)], None),
        "PReLU after the output Linear",
    );
    // a gradgraph file whose metadata and tensors disagree
    let good = valid();
    let st = safetensors::SafeTensors::deserialize(&good)
        .unwrap()
        .tensors();
    let (_, header) = safetensors::SafeTensors::read_metadata(&good).unwrap();
    let meta = header.metadata().clone().unwrap();
    let with = |key: &str, value: &str| {
        let mut m = meta.clone();
        m.insert(key.to_owned(), value.to_owned());
        safetensors::serialize(st.clone(), Some(m)).unwrap()
    };
    fails(&with("sizes", "2,4,1"), "the metadata says sizes 2-4-1");
    fails(
        &with("activations", "tanh"),
        "metadata says hidden layer 1 is tanh",
    );
    fails(&with("activations", "tahn"), "unknown activation");
    fails(&with("batch_norm", "false"), "batch_norm false");
    fails(&with("format_version", "9"), "format_version \"9\"");
    fails(&with("output", "soft"), "metadata output");
    let without: Vec<_> = st
        .iter()
        .filter(|(n, _)| n != "1.running_var" && n != "1.num_batches_tracked")
        .cloned()
        .collect();
    fails(
        &safetensors::serialize(without, Some(meta.clone())).unwrap(),
        "incomplete BatchNorm1d",
    );
    let without: Vec<_> = st
        .iter()
        .filter(|(n, _)| n != "1.num_batches_tracked")
        .cloned()
        .collect();
    fails(
        &safetensors::serialize(without, Some(meta)).unwrap(),
        "tensor 1.num_batches_tracked is missing",
    );
}

#[test]
fn mangled_files_never_panic() {
    let good = valid();
    let mut rng = ChaCha8Rng::seed_from_u64(5);
    for _ in 0..3000 {
        let mut bytes = good.clone();
        for _ in 0..rng.random_range(1..4) {
            let i = rng.random_range(0..bytes.len());
            bytes[i] = rng.random();
        }
        if rng.random_bool(0.2) {
            bytes.truncate(rng.random_range(0..bytes.len()));
        }
        // an error or a model, never a panic; a model read is a valid one
        if let Ok(loaded) = torch::from_bytes(&bytes, "m", &Assume::default()) {
            loaded.mlp.validate().unwrap();
        }
    }
}

#[test]
fn models_a_sequential_cannot_hold_are_refused() {
    let hidden = Layer {
        neurons: vec![
            Neuron::with_weights(vec![1.0], 0.0, Activation::TANH),
            Neuron::with_weights(vec![1.0], 0.0, Activation::RELU),
        ],
    };
    let out = Layer {
        neurons: vec![Neuron::with_weights(
            vec![1.0, 1.0],
            0.0,
            Activation::LINEAR,
        )],
    };
    let mixed = Mlp::from_layers(1, vec![hidden, out], Output::Linear).unwrap();
    let err = mixed.to_safetensors().unwrap_err().to_string();
    assert!(
        err.contains("layer 1 mixes activations (tanh and relu)"),
        "{err}"
    );
    let tanh_out = Layer {
        neurons: vec![Neuron::with_weights(vec![1.0], 0.0, Activation::TANH)],
    };
    let err = Mlp::from_layers(1, vec![tanh_out], Output::Linear)
        .unwrap()
        .to_safetensors()
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("the output layer has the activation tanh"),
        "{err}"
    );
    // a diverged model is not saved
    let mut net = Mlp::new(&[1, 1], Activation::TANH, 0).unwrap();
    net.set_parameters(&[f64::NAN, 0.0]).unwrap();
    assert!(matches!(
        net.to_safetensors(),
        Err(Error::Engine(gradgraph::Error::NonFinite { .. }))
    ));
}
