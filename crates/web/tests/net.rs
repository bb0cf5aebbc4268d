//! The page's net mode, natively: the same losses as the trainer of `gradgraph train`, a
//! history that survives being trained in pieces and rewound, edits of the data and of a
//! weight that take effect at once, the course's presets reaching what they promise, and a
//! sample's graph through one neuron that keeps the chain rule's numbers.

use gradgraph_nn::data::Dataset;
use gradgraph_nn::{Activation, Loss, Mlp, Output, TrainConfig, train};
use gradgraph_web::{Settings, net_json, presets};
use serde_json::{Value, json};

fn ask(request: Value) -> Value {
    let out = net_json(&request.to_string());
    serde_json::from_str(&out).expect("the answer is JSON")
}

fn numbers(v: &Value) -> Vec<f64> {
    v.as_array()
        .expect("an array")
        .iter()
        .map(|x| x.as_f64().unwrap_or(f64::NAN))
        .collect()
}

fn start(settings: &Settings) -> Value {
    let state = ask(json!({"cmd": "new", "settings": settings}));
    assert!(state["error"].is_null(), "{}", state["error"]);
    state
}

#[test]
fn the_page_trains_as_the_trainer_of_train_does_in_any_pieces() {
    let settings = Settings {
        hidden: vec![4],
        activation: vec!["tanh".into()],
        lr: Some(0.05),
        steps: 40,
        samples: Some(60),
        batch_size: Some(16),
        seed: 7,
        ..Settings::for_dataset("circles")
    };
    start(&settings);
    let mut losses = Vec::new();
    for steps in [1, 9, 30] {
        let s = ask(json!({"cmd": "train", "steps": steps, "view": {"since": losses.len()}}));
        losses.extend(numbers(&s["losses"]));
    }
    // the same run with the library, as `gradgraph train` plans it
    let data = Dataset::builtin("circles", Some(60), None, 7).expect("data");
    let mut mlp = Mlp::builder(&[2, 4, 1])
        .activation(Activation::TANH)
        .output(Output::Sigmoid)
        .seed(7)
        .build()
        .expect("a net");
    let config = TrainConfig {
        loss: Loss::Bce,
        lr: 0.05,
        steps: 40,
        batch_size: Some(16),
        seed: 7,
        ..TrainConfig::default()
    };
    let report = train(&mut mlp, &data, &config, |_| {}).expect("trained");
    let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
    assert_eq!(bits(&losses), bits(&report.loss));
    let state = ask(json!({"cmd": "state"}));
    assert_eq!(numbers(&state["params"]), mlp.parameters());
    assert_eq!(state["train"]["loss"].as_f64(), Some(report.final_loss));
}

#[test]
fn rewind_replays_the_same_history_and_a_new_seed_another() {
    start(&Settings {
        steps: 30,
        ..Settings::for_dataset("xor")
    });
    let first = numbers(&ask(json!({"cmd": "train", "steps": 30}))["losses"]);
    let rewound = ask(json!({"cmd": "rewind"}));
    assert_eq!(rewound["step"], 0);
    assert_eq!(rewound["since"], 0);
    let again = numbers(&ask(json!({"cmd": "train", "steps": 30}))["losses"]);
    assert_eq!(first, again);
    ask(json!({"cmd": "reseed", "seed": 1}));
    let other = numbers(&ask(json!({"cmd": "train", "steps": 30}))["losses"]);
    assert_ne!(first, other);
}

#[test]
fn points_added_and_deleted_change_the_data_and_its_loss() {
    let state = start(&Settings {
        samples: Some(20),
        test_fraction: 0.25,
        ..Settings::for_dataset("moons")
    });
    let points = state["points"].as_array().expect("points").clone();
    assert_eq!(points.len(), 20);
    assert_eq!(points.iter().filter(|p| p["test"] == true).count(), 5);
    let loss = state["train"]["loss"].as_f64();
    let added =
        ask(json!({"cmd": "add_point", "x": [0.3, -0.2], "y": 1, "view": {"data_version": 1}}));
    assert_eq!(added["points"].as_array().map(Vec::len), Some(21));
    assert_ne!(added["train"]["loss"].as_f64(), loss);
    // the new point is a training point, before the held-out ones
    assert_eq!(added["points"][15]["x"], json!([0.3, -0.2]));
    let deleted = ask(json!({"cmd": "delete_point", "index": 15, "view": {"data_version": 2}}));
    assert_eq!(deleted["points"].as_array().map(Vec::len), Some(20));
    assert_eq!(deleted["train"]["loss"].as_f64(), loss);
    // refused: a class the data does not have, a point with the wrong inputs
    for bad in [
        json!({"cmd": "add_point", "x": [0.3, -0.2], "y": 2}),
        json!({"cmd": "add_point", "x": [0.3], "y": 1}),
        json!({"cmd": "delete_point", "index": 99}),
    ] {
        let refused = ask(bad);
        assert!(refused["error"].is_string());
        assert!(refused["settings"].is_null());
    }
    assert_eq!(ask(json!({"cmd": "state"}))["data_version"], 3);
}

#[test]
fn a_weight_set_by_hand_moves_the_loss_and_its_gradient_is_the_slope() {
    let state = start(&Settings {
        hidden: vec![3],
        ..Settings::for_dataset("circles")
    });
    let names: Vec<String> = serde_json::from_value(state["names"].clone()).expect("names");
    assert_eq!(&names[..4], ["w1.1.1", "w1.1.2", "b1.1", "w1.2.1"]);
    let w = numbers(&state["params"])[0];
    let grad = numbers(&state["grads"])[0];
    let loss_at = |v: f64| {
        let s = ask(json!({"cmd": "set_parameter", "index": 0, "value": v.to_string()}));
        s["train"]["loss"].as_f64().expect("a loss")
    };
    let h = 1e-6;
    let slope = (loss_at(w + h) - loss_at(w - h)) / (2.0 * h);
    assert!(
        (slope - grad).abs() < 1e-6 * (1.0 + grad.abs()),
        "{slope} vs {grad}"
    );
    let refused = ask(json!({"cmd": "set_parameter", "index": 0, "value": "abc"}));
    assert_eq!(
        refused["error"],
        "w1.1.1: \"abc\" is not a number; type one like 0.5 or -1.2e-3"
    );
}

#[test]
fn a_bad_csv_file_gets_the_command_lines_message_and_the_session_stays() {
    start(&Settings::for_dataset("xor"));
    let refused = ask(
        json!({"cmd": "new", "settings": Settings::for_dataset("points.csv"),
        "csv": {"name": "points.csv", "text": "x1,x2,y\n0.5,abc,1\n"}}),
    );
    assert_eq!(
        refused["error"],
        "points.csv: line 2, column 2 (x2): \"abc\" is not a number"
    );
    assert_eq!(ask(json!({"cmd": "state"}))["settings"]["dataset"], "xor");
    let read = ask(
        json!({"cmd": "new", "settings": Settings::for_dataset("points.csv"),
        "csv": {"name": "points.csv", "text": "x1,x2,y\n0.5,1,0\n-1,2,1\n0,0,1\n"}}),
    );
    assert!(read["error"].is_null(), "{}", read["error"]);
    assert_eq!(read["task"], "binary classification");
    assert_eq!(read["points"].as_array().map(Vec::len), Some(3));
}

#[test]
fn every_preset_reaches_what_it_promises() {
    for preset in presets() {
        start(&preset.settings);
        let s = ask(json!({"cmd": "train", "steps": preset.settings.steps}));
        let m = &s["train"];
        match m["accuracy"].as_f64() {
            Some(accuracy) => assert!(accuracy >= preset.reaches, "{}: {accuracy}", preset.name),
            None => {
                let rmse = m["rmse"].as_f64().expect("an RMSE");
                assert!(rmse <= preset.reaches, "{}: RMSE {rmse}", preset.name);
            }
        }
    }
    // the vanishing study: the first layer's gradient is orders of magnitude below the
    // output's with sigmoid, not with relu
    let vanishing = presets()
        .into_iter()
        .find(|p| p.name == "vanishing")
        .expect("a preset");
    let ratio = |activation: &str| {
        start(&Settings {
            activation: vec![activation.to_owned()],
            ..vanishing.settings.clone()
        });
        let s = ask(json!({"cmd": "train", "steps": 1}));
        let norms = numbers(&s["layer_norms"][0]);
        norms[0] / norms[norms.len() - 1]
    };
    let (sigmoid, relu) = (ratio("sigmoid"), ratio("relu"));
    assert!(sigmoid < 1e-4, "sigmoid: {sigmoid}");
    assert!(relu > 1e-2, "relu: {relu}");
}

#[test]
fn a_samples_graph_through_a_neuron_keeps_its_gradients() {
    start(&Settings {
        hidden: vec![3, 2],
        samples: Some(10),
        ..Settings::for_dataset("circles")
    });
    ask(json!({"cmd": "train", "steps": 5}));
    let whole = ask(json!({"cmd": "sample", "index": 2}));
    let cut = ask(json!({"cmd": "sample", "index": 2, "neuron": "1.2"}));
    assert!(
        cut["title"]
            .as_str()
            .is_some_and(|t| t.contains("through neuron 1.2"))
    );
    let grads = |answer: &Value| -> std::collections::BTreeMap<String, f64> {
        let request = json!({"expression": "", "graph": answer["graph"]});
        let r: Value =
            serde_json::from_str(&gradgraph_web::compute_json(&request.to_string())).expect("JSON");
        assert!(r["error"].is_null(), "{}", r["error"]);
        r["grads"]
            .as_array()
            .expect("grads")
            .iter()
            .map(|g| {
                (
                    g["name"].as_str().unwrap_or("").to_owned(),
                    g["value"]
                        .as_str()
                        .unwrap_or("")
                        .parse()
                        .unwrap_or(f64::NAN),
                )
            })
            .collect()
    };
    let (all, through) = (grads(&whole), grads(&cut));
    // the picked neuron's own weights and the inputs keep their gradients; the other
    // neurons of its layer are cut away, held at their values
    for name in ["w1.2.1", "w1.2.2", "b1.2", "w2.1.2", "w2.2.2", "b3.1"] {
        assert_eq!(through.get(name), all.get(name), "{name}");
    }
    assert!(!through.contains_key("w1.1.1") && !through.contains_key("b1.3"));
    let nodes = cut["graph"]["nodes"].as_array().expect("nodes");
    assert!(
        nodes
            .iter()
            .any(|n| n["label"] == "h1.1" && n["op"] == "constant")
    );
    assert!(nodes.iter().any(|n| n["label"] == "z1.2"));
    let neuron = cut["neuron"].as_u64().expect("its node") as usize;
    assert_eq!(nodes[neuron]["label"], "h1.2");
    let refused = ask(json!({"cmd": "sample", "index": 2, "neuron": "3.4"}));
    assert!(
        refused["error"]
            .as_str()
            .is_some_and(|e| e.contains("layer 3 has neurons 3.1 to 3.1")),
        "{}",
        refused["error"]
    );
}

#[test]
fn the_quiz_works_on_a_picked_neurons_graph() {
    start(&Settings {
        hidden: vec![2],
        samples: Some(8),
        ..Settings::for_dataset("circles")
    });
    let cut = ask(json!({"cmd": "sample", "index": 1, "neuron": "1.1"}));
    let ask_quiz = |answers: Value| -> Value {
        let request = json!({"expression": "", "graph": cut["graph"], "quiz": answers});
        let r: Value =
            serde_json::from_str(&gradgraph_web::compute_json(&request.to_string())).expect("JSON");
        r["quiz"].clone()
    };
    let quiz = ask_quiz(json!({}));
    assert!(quiz["error"].is_null(), "{}", quiz["error"]);
    let questions = quiz["questions"].as_array().expect("questions").clone();
    // the learner's names: the neuron's weighted sum and output, its weights
    let heads: Vec<&str> = questions
        .iter()
        .filter_map(|q| q["asked"].as_str())
        .collect();
    for name in ["∂f/∂h1.1", "∂f/∂z1.1", "∂f/∂w1.1.1", "∂f/∂b1.1", "∂f/∂x1"] {
        assert!(heads.contains(&name), "{name} in {heads:?}");
    }
    // the first question answered right, then wrong by the local derivative alone
    let first = &questions[0];
    let node = first["node"].as_u64().expect("a node").to_string();
    let lines = |answer: &str| -> Vec<String> {
        let q = ask_quiz(json!({ node.clone(): answer }));
        serde_json::from_value(q["questions"][0]["lines"].clone()).expect("lines")
    };
    let right = ask_quiz(json!({}))["questions"][0].clone();
    assert!(right["answer"].is_null());
    let verdict = lines("1e9");
    assert!(verdict[0].starts_with("wrong: "), "{verdict:?}");
    let graph: gradgraph_web::GraphData =
        serde_json::from_value(cut["graph"].clone()).expect("a graph");
    let g = gradgraph::Graph::new();
    let out = graph.build(&g, &Default::default()).expect("it builds");
    g.backward(out);
    let exact = g
        .get(first["node"].as_u64().expect("a node") as usize)
        .expect("the node")
        .grad();
    let verdict = lines(&format!("{exact:e}"));
    assert!(verdict[0].starts_with("right: "), "{verdict:?}");
}

#[test]
fn a_run_that_diverges_says_so_and_rewinds() {
    start(&Settings {
        optimizer: "sgd".into(),
        lr: Some(1e300),
        loss: Some("mse".into()),
        output: Some("linear".into()),
        hidden: vec![4],
        activation: vec!["relu".into()],
        ..Settings::for_dataset("sine")
    });
    let s = ask(json!({"cmd": "train", "steps": 5}));
    assert!(
        s["error"]
            .as_str()
            .is_some_and(|e| e.starts_with("training diverged")),
        "{}",
        s["error"]
    );
    assert!(s["settings"].is_object(), "the state is still there");
    let back = ask(json!({"cmd": "rewind"}));
    assert!(back["error"].is_null(), "{}", back["error"]);
    assert!(back["train"]["loss"].as_f64().is_some_and(f64::is_finite));
}

#[test]
fn settings_the_engine_cannot_train_are_refused_and_change_nothing() {
    start(&Settings::for_dataset("xor"));
    for (settings, says) in [
        (
            Settings {
                batch_size: Some(0),
                ..Settings::for_dataset("xor")
            },
            "batch size: 0 is not a batch",
        ),
        (
            Settings {
                steps: 0,
                ..Settings::for_dataset("xor")
            },
            "steps: give at least 1",
        ),
        (
            Settings {
                hidden: vec![0],
                ..Settings::for_dataset("xor")
            },
            "a hidden layer needs at least 1 neuron",
        ),
        (
            Settings {
                lr: Some(-0.1),
                ..Settings::for_dataset("xor")
            },
            "learning rate -0.1 must be a finite non-negative number",
        ),
    ] {
        let refused = ask(json!({"cmd": "new", "settings": settings}));
        assert!(
            refused["error"].as_str().is_some_and(|e| e.contains(says)),
            "{}",
            refused["error"]
        );
        assert!(refused["settings"].is_null());
    }
    assert_eq!(
        ask(json!({"cmd": "state"}))["settings"]["hidden"],
        json!([16, 16])
    );
}

#[test]
fn a_loss_on_raw_scores_takes_a_linear_output() {
    // bce and cross-entropy apply the sigmoid and the softmax to the raw scores themselves:
    // a linear output (the raw scores) is what they take, as PyTorch's BCEWithLogitsLoss
    for (dataset, loss) in [("xor", "bce"), ("blobs", "cross_entropy")] {
        start(&Settings {
            loss: Some(loss.into()),
            output: Some("linear".into()),
            ..Settings::for_dataset(dataset)
        });
        let s = ask(json!({"cmd": "train", "steps": 2}));
        assert!(s["error"].is_null(), "{loss}: {}", s["error"]);
    }
    // another function than the loss's own is still refused
    let refused = ask(json!({"cmd": "new", "settings": Settings {
        loss: Some("cross_entropy".into()),
        output: Some("sigmoid".into()),
        ..Settings::for_dataset("blobs")
    }}));
    let error = refused["error"].as_str().unwrap_or_default();
    assert!(error.contains("applies softmax"), "{error}");
}

#[test]
fn the_net_mode_speaks_portuguese_when_asked() {
    let pt = |mut request: Value| {
        request["lang"] = json!("pt-BR");
        ask(request)
    };
    let state = pt(json!({"cmd": "new", "settings": Settings {
        hidden: vec![3],
        samples: Some(10),
        ..Settings::for_dataset("circles")
    }}));
    assert!(state["error"].is_null(), "{}", state["error"]);
    pt(json!({"cmd": "train", "steps": 3}));
    let sample = pt(json!({"cmd": "sample", "index": 1, "neuron": "1.2"}));
    let title = sample["title"].as_str().expect("a title");
    assert!(
        title.starts_with("ponto de treino 2 (x1 = ")
            && title.ends_with("pelo neurônio 1.2, até o seu erro"),
        "{title}"
    );
    assert!(title.contains(','), "a decimal comma: {title}");
    assert_eq!(gradgraph_i18n::english_left(title), Vec::<String>::new());
    // the loss node is named in Portuguese, the loss's note too
    let labels = sample["graph"]["nodes"].to_string();
    assert!(labels.contains("\"erro\""), "{labels}");
    let note = sample["note"].as_str().expect("the loss's note");
    assert!(
        note.starts_with("a função de erro é a entropia cruzada"),
        "{note}"
    );
    assert_eq!(gradgraph_i18n::english_left(note), Vec::<String>::new());
    // the engine's own refusals, and a weight typed with a decimal comma
    for (request, wanted) in [
        (
            json!({"cmd": "delete_point", "index": 99}),
            "não existe o ponto 99",
        ),
        (
            json!({"cmd": "sample", "index": 1, "neuron": "7.1"}),
            "indique-o como CAMADA.NEURÔNIO",
        ),
        (
            json!({"cmd": "set_parameter", "index": 0, "value": "abc"}),
            "não é um número; digite um como 0,5",
        ),
    ] {
        let error = pt(request)["error"].as_str().unwrap_or("").to_owned();
        assert!(error.contains(wanted), "{error}");
        assert_eq!(gradgraph_i18n::english_left(&error), Vec::<String>::new());
    }
    let set = pt(json!({"cmd": "set_parameter", "index": 0, "value": "0,25"}));
    assert!(set["error"].is_null(), "{}", set["error"]);
    assert_eq!(set["params"][0].as_f64(), Some(0.25));
    // without a language, English
    let error = ask(json!({"cmd": "delete_point", "index": 99}))["error"].clone();
    assert!(
        error
            .as_str()
            .is_some_and(|e| e.starts_with("there is no point 99")),
        "{error}"
    );
}

/// Weights that are finite but huge give an infinite loss: the page says training diverged,
/// in the learner's language, rather than plotting a gap.
#[test]
fn an_infinite_loss_from_finite_weights_is_reported() {
    let settings = json!({
        "dataset": "xor", "hidden": [3], "activation": ["tanh"], "optimizer": "sgd",
        "lr": 0.1, "seed": 0, "steps": 30, "test_fraction": 0.0, "l2": 0.0,
    });
    let fine = ask(json!({"cmd": "new", "settings": settings}));
    assert!(fine["error"].is_null(), "{fine}");
    // what the playground's fuzz target typed
    let weights = [
        0.5308, 0.5, -8.0, -1e308, 1e38, 30.0, -8.0, -1e308, 1e308, -8.0, -1e308, 1e38, 30.3,
    ];
    for (lang, words) in [
        ("en", "no longer a finite number"),
        ("pt-BR", "número finito"),
    ] {
        let start =
            ask(json!({"cmd": "new", "settings": settings, "weights": weights, "lang": lang}));
        assert!(start["error"].is_string(), "{start}");
        assert!(
            start["error"].as_str().is_some_and(|e| e.contains(words)),
            "{start}"
        );
        // and the session is there, to rewind or to edit
        assert_eq!(start["params"].as_array().map(Vec::len), Some(13));
    }
}
