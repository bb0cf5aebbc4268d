//! Neurons, layers and MLPs: shapes, parameter order, groups, binding and saving.

use gradgraph::{Graph, Op};
use gradgraph_nn::Error;
use gradgraph_nn::init::{format_numbers, parse_numbers};
use gradgraph_nn::{Activation, Init, Layer, Mlp, Neuron, Output};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

fn micrograd_net(seed: u64) -> Mlp {
    Mlp::builder(&[2, 16, 16, 1])
        .activation(Activation::RELU)
        .output(Output::Linear)
        .init(Init::Uniform(1.0))
        .seed(seed)
        .build()
        .expect("micrograd net")
}

#[test]
fn micrograd_mlp_has_337_parameters() {
    // 16·(2+1) + 16·(16+1) + 1·(16+1) = 48 + 272 + 17
    let net = micrograd_net(1);
    assert_eq!(net.parameter_count(), 337);
    assert_eq!(net.parameters().len(), 337);
    assert_eq!(net.layers[0].activation(), Activation::RELU);
    assert_eq!(net.layers[2].activation(), Activation::LINEAR);
    let ranges = net.layer_parameter_ranges();
    assert_eq!(ranges, vec![0..48, 48..320, 320..337]);
}

#[test]
fn canonical_order_is_layer_neuron_weights_then_bias() {
    let mut net = micrograd_net(2);
    let values: Vec<f64> = (0..337).map(f64::from).collect();
    net.set_parameters(&values).unwrap();
    // neuron 1.1: w = 0, 1; b = 2. neuron 1.2: w = 3, 4; b = 5.
    assert_eq!(net.layers[0].neurons[0].weights, vec![0.0, 1.0]);
    assert_eq!(net.layers[0].neurons[0].bias, 2.0);
    assert_eq!(net.layers[0].neurons[1].weights, vec![3.0, 4.0]);
    // layer 2 starts at 48; its first neuron has 16 weights then its bias at 64
    assert_eq!(net.layers[1].neurons[0].weights[0], 48.0);
    assert_eq!(net.layers[1].neurons[0].bias, 64.0);
    assert_eq!(net.layers[2].neurons[0].bias, 336.0);
    assert_eq!(net.parameters(), values);
    // the bound leaves follow the same order
    let g = Graph::new();
    let mut bound = net.bind(&g);
    bound.forward(&[g.input(0.0), g.input(0.0)]).unwrap();
    let data: Vec<f64> = bound.parameters().iter().map(|p| p.data()).collect();
    assert_eq!(data, values);
    assert_eq!(bound.parameters()[2].label().as_deref(), Some("b1.1"));
    assert_eq!(bound.parameters()[1].label().as_deref(), Some("w1.1.2"));
}

#[test]
fn wrong_parameter_count_is_a_shape_error() {
    let mut net = micrograd_net(3);
    let err = net.set_parameters(&[0.0; 336]).unwrap_err();
    assert!(
        matches!(
            err,
            Error::Shape {
                expected: 337,
                got: 336,
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn forward_matches_the_formula() {
    // y = w2 · tanh(w1 x + b1) + b2 with hand-picked numbers
    let hidden = Layer {
        neurons: vec![Neuron::with_weights(
            vec![0.5, -0.25],
            0.1,
            Activation::TANH,
        )],
    };
    let out = Layer {
        neurons: vec![Neuron::with_weights(vec![2.0], -0.3, Activation::LINEAR)],
    };
    let net = Mlp::from_layers(2, vec![hidden, out], Output::Sigmoid).unwrap();
    let g = Graph::new();
    let x = [g.input(1.0), g.input(2.0)];
    let y = net.forward(&g, &x).unwrap();
    let h = (0.1f64 + 0.5 * 1.0 + -0.25 * 2.0).tanh();
    let z = -0.3 + 2.0 * h;
    let expected = 1.0 / (1.0 + (-z).exp());
    assert_eq!(y.len(), 1);
    assert!((y[0].data() - expected).abs() < 1e-15);
    // the pre-activation of a neuron is ONE weighted-sum node
    let sums = g
        .values()
        .filter(|v| matches!(v.op(), Op::WeightedSum(_)))
        .count();
    assert_eq!(sums, 2);
}

#[test]
fn wrong_input_length_is_a_shape_error_not_a_panic() {
    let net = micrograd_net(4);
    let g = Graph::new();
    let err = net.forward(&g, &[g.input(1.0)]).unwrap_err();
    assert!(
        matches!(
            err,
            Error::Shape {
                expected: 2,
                got: 1,
                ..
            }
        ),
        "{err}"
    );
    let err = net.predict(&[vec![1.0, 2.0, 3.0]]).unwrap_err();
    assert!(
        matches!(
            err,
            Error::Shape {
                expected: 2,
                got: 3,
                ..
            }
        ),
        "{err}"
    );
    let n = Neuron::with_weights(vec![1.0, 2.0], 0.0, Activation::RELU);
    assert!(n.forward(&g, &[g.input(1.0)]).is_err());
}

#[test]
fn layers_and_neurons_are_named_groups() {
    let net = Mlp::builder(&[2, 3, 1])
        .activation(Activation::TANH)
        .output(Output::Linear)
        .init(Init::Lecun)
        .seed(5)
        .build()
        .unwrap();
    let g = Graph::new();
    net.forward(&g, &[g.input(1.0), g.input(-1.0)]).unwrap();
    let groups = g.groups();
    let names: Vec<&str> = groups.iter().map(|gr| gr.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "layer 1",
            "neuron 1.1",
            "neuron 1.2",
            "neuron 1.3",
            "layer 2",
            "neuron 2.1"
        ]
    );
    // neurons sit inside their layer, and each holds its weights, bias, sum and activation
    assert_eq!(groups[1].parent, Some(0));
    assert_eq!(groups[1].nodes.len(), 2 + 1 + 1 + 1);
    assert_eq!(groups[5].parent, Some(4));
}

#[test]
fn a_bound_model_shares_its_parameters_between_samples() {
    let net = micrograd_net(6);
    let g = Graph::new();
    let mut bound = net.bind(&g);
    let a = bound.forward(&[g.input(0.5), g.input(0.2)]).unwrap()[0];
    let b = bound.forward(&[g.input(-1.0), g.input(0.7)]).unwrap()[0];
    assert_eq!(g.parameters().len(), 337);
    // d(a + b)/dp = da/dp + db/dp: check against two separate graphs
    g.backward(a + b);
    let single = |x: [f64; 2]| {
        let h = Graph::new();
        let mut bd = net.bind(&h);
        let y = bd.forward(&[h.input(x[0]), h.input(x[1])]).unwrap()[0];
        h.backward(y);
        bd.parameters().iter().map(|p| p.grad()).collect::<Vec<_>>()
    };
    let (ga, gb) = (single([0.5, 0.2]), single([-1.0, 0.7]));
    for (i, p) in bound.parameters().iter().enumerate() {
        assert!((p.grad() - (ga[i] + gb[i])).abs() < 1e-12);
    }
}

#[test]
fn replaying_a_bound_graph_equals_rebuilding_it() {
    let net = Mlp::builder(&[2, 5, 3, 2])
        .activation(Activation::TANH)
        .output(Output::Softmax)
        .init(Init::GlorotNormal)
        .seed(8)
        .build()
        .unwrap();
    let g = Graph::new();
    let x = [g.input(0.0), g.input(0.0)];
    let y = net.bind(&g).forward(&x).unwrap();
    for point in [[0.3, -0.7], [1.5, 2.0], [-0.1, 0.0]] {
        x[0].set_data(point[0]);
        x[1].set_data(point[1]);
        g.forward();
        let fresh = net.predict(&[point.to_vec()]).unwrap();
        assert_eq!(y.iter().map(|v| v.data()).collect::<Vec<_>>(), fresh[0]);
        assert!((fresh[0].iter().sum::<f64>() - 1.0).abs() < 1e-15); // softmax
    }
}

#[test]
fn prelu_neurons_learn_their_slope() {
    let net = Mlp::builder(&[1, 2, 1])
        .activation(Activation::PRELU)
        .output(Output::Linear)
        .init(Init::HeNormal)
        .seed(1)
        .build()
        .unwrap();
    // 2 neurons · (1 weight + bias + slope) + output 2 weights + bias
    assert_eq!(net.parameter_count(), 2 * 3 + 3);
    assert_eq!(net.layers[0].neurons[0].slope, Some(0.25));
    let g = Graph::new();
    let mut bound = net.bind(&g);
    let y = bound.forward(&[g.input(-2.0)]).unwrap()[0];
    g.backward(y);
    let slope = bound.parameters()[2];
    assert_eq!(slope.label().as_deref(), Some("a1.1"));
    // d prelu/d a = min(0, g): nonzero where the pre-activation is negative
    let pre = -2.0 * net.layers[0].neurons[0].weights[0];
    let w_out = net.layers[1].neurons[0].weights[0];
    assert!((slope.grad() - w_out * pre.min(0.0)).abs() < 1e-15);
}

#[test]
fn init_schemes_are_seeded_and_scaled() {
    let draw = |init: Init, seed: u64| {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        (0..20000)
            .map(|_| init.draw(64, 32, &mut rng))
            .collect::<Vec<f64>>()
    };
    let variance = |v: &[f64]| v.iter().map(|x| x * x).sum::<f64>() / v.len() as f64;
    // same seed, same numbers; another seed, others
    assert_eq!(draw(Init::HeNormal, 1), draw(Init::HeNormal, 1));
    assert_ne!(draw(Init::HeNormal, 1), draw(Init::HeNormal, 2));
    // variances: U(−a, a) has a²/3; Glorot 2/(in+out); He 2/in; LeCun 1/in
    let cases = [
        (Init::Uniform(1.0), 1.0 / 3.0),
        (Init::GlorotUniform, 2.0 / 96.0),
        (Init::GlorotNormal, 2.0 / 96.0),
        (Init::HeUniform, 2.0 / 64.0),
        (Init::HeNormal, 2.0 / 64.0),
        (Init::Lecun, 1.0 / 64.0),
        (Init::Normal(3.0), 9.0),
    ];
    for (init, want) in cases {
        let v = variance(&draw(init, 3));
        assert!(
            (v / want - 1.0).abs() < 0.05,
            "{init}: variance {v}, expected {want}"
        );
    }
    let glorot = draw(Init::GlorotUniform, 4);
    let limit = (6.0f64 / 96.0).sqrt();
    assert!(glorot.iter().all(|w| w.abs() <= limit));
    assert!(draw(Init::Zeros, 5).iter().all(|&w| w == 0.0));
}

#[test]
fn zero_init_makes_every_hidden_neuron_identical() {
    // the symmetry problem: identical neurons get identical gradients and stay identical
    let net = Mlp::builder(&[2, 4, 1])
        .activation(Activation::TANH)
        .output(Output::Linear)
        .init(Init::Zeros)
        .seed(1)
        .build()
        .unwrap();
    let g = Graph::new();
    let mut bound = net.bind(&g);
    let y = bound.forward(&[g.input(0.3), g.input(-0.8)]).unwrap()[0];
    g.backward(y);
    let p = bound.parameters();
    let per_neuron: Vec<Vec<f64>> = (0..4)
        .map(|j| p[3 * j..3 * j + 3].iter().map(|v| v.grad()).collect())
        .collect();
    assert!(per_neuron.windows(2).all(|w| w[0] == w[1]));
}

#[test]
fn same_seed_same_model() {
    assert_eq!(micrograd_net(9), micrograd_net(9));
    assert_ne!(
        micrograd_net(9).parameters(),
        micrograd_net(10).parameters()
    );
}

#[test]
fn zero_sizes_are_refused() {
    let err = Mlp::builder(&[2, 0, 1])
        .activation(Activation::RELU)
        .output(Output::Linear)
        .init(Init::HeUniform)
        .seed(1)
        .build();
    assert!(err.unwrap_err().to_string().contains("hidden layer 1"));
    assert!(
        Mlp::builder(&[0, 1])
            .activation(Activation::RELU)
            .output(Output::Linear)
            .init(Init::HeUniform)
            .seed(1)
            .build()
            .is_err()
    );
    // softmax needs at least two scores
    assert!(
        Mlp::builder(&[2, 1])
            .activation(Activation::RELU)
            .output(Output::Softmax)
            .init(Init::HeUniform)
            .seed(1)
            .build()
            .is_err()
    );
}

#[test]
fn json_round_trip() {
    let net = Mlp::builder(&[2, 3, 2, 3])
        .activation(Activation::leaky_relu(0.1))
        .output(Output::Softmax)
        .init(Init::HeUniform)
        .seed(4)
        .batch_norm(true)
        .build()
        .unwrap();
    let back = Mlp::from_json(&net.to_json().unwrap(), "model.json").unwrap();
    assert_eq!(back, net); // every f64 bit for bit
    // a text that is not a model, and one whose shapes do not fit, are parse errors
    assert!(matches!(
        Mlp::from_json("{\"n_inputs\": 2}", "model.json"),
        Err(Error::Format { .. })
    ));
    let mut broken = net.clone();
    broken.layers[1].neurons[0].weights.pop();
    let err = Mlp::from_json(&broken.to_json().unwrap(), "model.json").unwrap_err();
    assert!(err.to_string().contains("neuron 2.1"), "{err}");
    assert!(err.to_string().starts_with("model.json: "), "{err}");
    // a diverged model has no JSON: it could not be read back
    let mut nan = net.clone();
    nan.layers[0].neurons[0].weights[0] = f64::NAN;
    assert!(matches!(
        nan.to_json(),
        Err(Error::Engine(gradgraph::Error::NonFinite { .. }))
    ));
}

#[test]
fn init_files_round_trip_and_name_bad_lines() {
    let net = micrograd_net(11);
    let text = format_numbers(&net.parameters());
    assert_eq!(parse_numbers(&text, "w").unwrap(), net.parameters());
    let err = parse_numbers("1.0\n2.0\n\nnope\n", "init.txt").unwrap_err();
    assert_eq!(
        err.to_string(),
        "init.txt: line 4: \"nope\" is not a number"
    );
    let err = parse_numbers("inf\n", "init.txt").unwrap_err();
    assert!(err.to_string().contains("line 1"), "{err}");
}

#[test]
fn names_parse_and_print_back() {
    for name in Activation::names() {
        let a: Activation = name.parse().unwrap();
        assert_eq!(a.to_string().split(':').next().unwrap(), name);
    }
    for name in [
        "uniform",
        "glorot",
        "glorot_normal",
        "he",
        "he_normal",
        "lecun",
        "zeros",
    ] {
        let i: Init = name.parse().unwrap();
        assert_eq!(i.to_string().parse::<Init>().unwrap(), i);
    }
    let err = "tanhh".parse::<Activation>().unwrap_err().to_string();
    assert!(err.contains("known: linear, relu"), "{err}");
    assert!("normal:-1".parse::<Init>().is_err());
    assert!("sigmoid".parse::<Output>().is_ok() && "soft".parse::<Output>().is_err());
}

#[test]
fn the_default_init_is_he_for_relu_like_activations_and_glorot_otherwise() {
    for name in Activation::names() {
        let a: Activation = name.parse().unwrap();
        let relu_like = matches!(
            name,
            "relu" | "leaky_relu" | "prelu" | "gelu" | "elu" | "silu" | "softplus"
        );
        assert_eq!(a.is_relu_like(), relu_like, "{name}");
        let want = if relu_like {
            Init::HeUniform
        } else {
            Init::GlorotUniform
        };
        assert_eq!(Init::default_for(&a), want, "{name}");
    }
    // the short constructor draws with that default and has a linear output
    let short = Mlp::new(&[2, 5, 1], Activation::ELU, 4).unwrap();
    let long = Mlp::builder(&[2, 5, 1])
        .activation(Activation::ELU)
        .output(Output::Linear)
        .init(Init::HeUniform)
        .seed(4)
        .build()
        .unwrap();
    assert_eq!(short, long);
    let tanh = Mlp::new(&[2, 5, 1], Activation::TANH, 4).unwrap();
    let glorot = Mlp::builder(&[2, 5, 1])
        .activation(Activation::TANH)
        .init(Init::GlorotUniform)
        .seed(4)
        .build()
        .unwrap();
    assert_eq!(tanh, glorot);
}

#[test]
fn the_builder_refuses_what_cannot_be_built() {
    let err = |b: gradgraph_nn::MlpBuilder| b.build().unwrap_err();
    assert!(matches!(err(Mlp::builder(&[3])), Error::OutOfRange { .. }));
    assert!(matches!(err(Mlp::builder(&[])), Error::OutOfRange { .. }));
    let e = err(Mlp::builder(&[2, 1]).batch_norm(true));
    assert!(e.to_string().contains("hidden layer"), "{e}");
    // batch norm from the builder is the same as added afterwards
    let a = Mlp::builder(&[2, 3, 1])
        .batch_norm(true)
        .seed(2)
        .build()
        .unwrap();
    let b = Mlp::builder(&[2, 3, 1])
        .seed(2)
        .build()
        .unwrap()
        .with_batch_norm();
    assert_eq!(a, b);
    assert!(a.has_batch_norm());
}

#[test]
fn a_net_without_a_hidden_layer_needs_no_activation() {
    // micrograd's MLP(2, [1]) as the Python package hands it over: sizes, no activation
    let net = Mlp::builder(&[2, 1])
        .activations(&[])
        .build()
        .expect("a linear net");
    assert_eq!(net.parameter_count(), 3);
    assert!(net.activations().is_empty());
    let json = net.to_json().expect("it saves");
    assert!(Mlp::from_json(&json, "net.json").is_ok());
    // with a hidden layer, an empty list is still refused, naming the counts
    let err = Mlp::builder(&[2, 3, 1]).activations(&[]).build();
    assert_eq!(
        err.expect_err("no activation for a hidden layer")
            .to_string(),
        "0 activations for 1 hidden layer: give one activation per hidden layer, or one for all"
    );
}
