//! Whatever the page sends, the engine answers with a response, never a panic (which in
//! WebAssembly would be a trap): random text, random JSON requests, random graphs as data.

use proptest::prelude::*;

/// An expression-like string: the language's characters and names, in any order.
fn expressionish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "x",
        "w",
        "b",
        "y1",
        "+",
        "-",
        "*",
        "/",
        "^",
        "(",
        ")",
        ",",
        " ",
        "1",
        "0",
        "2.5",
        "1e308",
        "-1e-320",
        "tanh",
        "exp",
        "log",
        "sqrt",
        "sigmoid",
        "relu",
        "pow",
        "if_positive",
        "prelu",
        "leaky_relu",
        "gelu",
        "erf",
        "abs",
        "step",
        "sum",
        "nan",
        "inf",
        "é",
        "\u{0}",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_text_is_answered(text in ".{0,200}") {
        let out = gradgraph_web::compute_json(&text);
        prop_assert!(out.starts_with('{'), "{out}");
    }

    #[test]
    fn any_expression_and_values_are_answered(
        expression in expressionish(),
        x in prop::sample::select(vec!["1", "-0.5", "0", "1e300", "-1e300", "abc", "", "inf", "NaN", "5e-324"]),
    ) {
        let request = serde_json::json!({
            "expression": expression,
            "values": {"x": x, "w": x, "b": "0.5", "y1": "2"},
        });
        let out = gradgraph_web::compute_json(&request.to_string());
        let response: serde_json::Value = serde_json::from_str(&out).expect("JSON");
        prop_assert!(response.is_object());
    }

    #[test]
    fn any_graph_as_data_is_answered(
        nodes in prop::collection::vec(
            (
                prop::sample::select(vec!["input", "parameter", "constant", "add", "mul", "tanh",
                    "sum", "weighted_sum", "pow", "if_positive", "div", "log", "nothing"]),
                prop::option::of(-3.0f64..3.0),
                prop::collection::vec(0usize..12, 0..5),
                prop::option::of(prop::sample::select(vec!["x", "w", "b"])),
            ),
            0..12,
        ),
        output in 0usize..14,
    ) {
        let nodes: Vec<serde_json::Value> = nodes
            .into_iter()
            .map(|(op, param, operands, label)| serde_json::json!({
                "op": op, "param": param, "operands": operands, "value": param, "label": label,
            }))
            .collect();
        let request = serde_json::json!({"expression": "", "graph": {"nodes": nodes, "output": output}, "quiz": {"0": "1"}});
        let out = gradgraph_web::compute_json(&request.to_string());
        prop_assert!(out.starts_with('{'), "{out}");
    }

    #[test]
    fn any_quiz_answer_is_answered(
        expression in expressionish(),
        answer in prop::sample::select(vec!["1", "-0.5", "0", "1e300", "abc", "", "1 - 0.3^2", "(", "nan", "1/0"]),
        node in 0usize..20,
    ) {
        let request = serde_json::json!({
            "expression": expression,
            "values": {"x": "0.5", "w": "-1", "b": "0.5", "y1": "2"},
            "quiz": {node.to_string(): answer},
        });
        let out = gradgraph_web::compute_json(&request.to_string());
        let response: serde_json::Value = serde_json::from_str(&out).expect("JSON");
        prop_assert!(response["quiz"].is_object(), "{out}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(60))]

    /// The net mode's requests, in any order with any numbers: always a JSON answer, and a
    /// refused request leaves the session as it was.
    #[test]
    fn any_net_request_is_answered(
        requests in prop::collection::vec(
            prop_oneof![
                (prop::sample::select(vec!["xor", "circles", "sine", "moons", "nope", ""]),
                 prop::collection::vec(0usize..6, 0..3),
                 prop::sample::select(vec!["tanh", "relu", "linear", "prelu", "nope"]),
                 prop::option::of(prop::sample::select(vec![-1.0, 0.0, 0.5, 1e300, f64::MAX])),
                 0u64..3)
                    .prop_map(|(dataset, hidden, activation, lr, seed)| serde_json::json!({
                        "cmd": "new", "settings": {"dataset": dataset, "hidden": hidden,
                        "activation": [activation], "lr": lr, "seed": seed, "steps": 20,
                        "samples": 20, "test_fraction": 0.25}})),
                (0usize..30).prop_map(|steps| serde_json::json!({"cmd": "train", "steps": steps, "view": {"map": 7}})),
                Just(serde_json::json!({"cmd": "rewind"})),
                (0u64..5).prop_map(|seed| serde_json::json!({"cmd": "reseed", "seed": seed})),
                (prop::collection::vec(-3.0f64..3.0, 0..4), prop::sample::select(vec![0.0, 1.0, 2.0, 0.5, -1.0]))
                    .prop_map(|(x, y)| serde_json::json!({"cmd": "add_point", "x": x, "y": y})),
                (0usize..40).prop_map(|index| serde_json::json!({"cmd": "delete_point", "index": index})),
                (0usize..40, prop::sample::select(vec!["1", "-0.5", "abc", "1e309", "", "nan"]))
                    .prop_map(|(index, value)| serde_json::json!({"cmd": "set_parameter", "index": index, "value": value})),
                (0usize..40, prop::option::of(prop::sample::select(vec!["1.1", "2.1", "9.9", "x", "0.0", "1."])))
                    .prop_map(|(index, neuron)| serde_json::json!({"cmd": "sample", "index": index, "neuron": neuron})),
                Just(serde_json::json!({"cmd": "state", "view": {"map": 3}})),
                ".{0,40}".prop_map(serde_json::Value::String),
            ],
            1..12,
        ),
    ) {
        for request in requests {
            let text = match &request {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            let before = gradgraph_web::net_json(r#"{"cmd":"state"}"#);
            let out = gradgraph_web::net_json(&text);
            let answer: serde_json::Value = serde_json::from_str(&out).expect("JSON");
            prop_assert!(answer.is_object(), "{out}");
            // a refusal (an error without a state) changes nothing
            if answer["error"].is_string() && answer["settings"].is_null() {
                prop_assert_eq!(gradgraph_web::net_json(r#"{"cmd":"state"}"#), before);
            }
        }
    }
}
