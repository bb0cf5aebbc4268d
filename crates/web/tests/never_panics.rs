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
        let request = serde_json::json!({"expression": "", "graph": {"nodes": nodes, "output": output}});
        let out = gradgraph_web::compute_json(&request.to_string());
        prop_assert!(out.starts_with('{'), "{out}");
    }
}
