//! The bodies of the fuzz targets under `fuzz/` (run with `cargo +nightly fuzz run TARGET`),
//! as plain functions so that `cargo test` runs them too, on stable Rust, over the committed
//! corpus and random inputs. Each takes arbitrary bytes and must return without panicking,
//! whatever they hold; each also checks a property of what it read (a round trip).

use gradgraph::Graph;
use std::collections::HashMap;

/// The longest input a target looks at: longer inputs teach the fuzzer nothing new and make
/// each run slow.
const MAX_INPUT: usize = 4096;

/// The most commands a playground run sends: longer sessions teach the fuzzer little more and
/// make each run slow.
const MAX_COMMANDS: usize = 5;

/// Parses an expression, builds it with a value for every variable, runs backward and the
/// step-by-step trace, and explains a non-finite result, as `gradgraph expr` does.
pub fn expr(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let Ok(e) = gradgraph::expr::parse(text) else {
        return;
    };
    let values: HashMap<String, f64> = e
        .variables()
        .iter()
        .enumerate()
        .map(|(k, name)| ((*name).to_owned(), 0.5 + k as f64))
        .collect();
    let g = Graph::with_capacity(e.node_count(), 2 * e.node_count());
    let Ok(built) = e.build_with_spans(&g, &values) else {
        return;
    };
    if let Err(err) = g.try_backward(built.output) {
        let _ = e.explain(&built, &err);
    }
    g.zero_grad();
    let trace = g.backward_trace(built.output);
    assert!(
        trace.steps.len() <= g.len(),
        "a trace step per value at most"
    );
}

/// Reads CSV text as a data set; a data set read writes back to CSV text that reads again
/// to the same numbers.
pub fn csv(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let Ok(d) = gradgraph_nn::data::Dataset::parse_csv(text, "fuzz.csv") else {
        return;
    };
    let back = gradgraph_nn::data::Dataset::parse_csv(&d.to_csv(), "again.csv")
        .expect("a data set's own CSV reads back");
    assert_eq!(back.inputs, d.inputs);
    assert_eq!(back.targets, d.targets);
}

/// Reads a model from JSON; a model read predicts (when small) and writes back to JSON that
/// reads again to the same parameters.
pub fn model_json(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let Ok(mlp) = gradgraph_nn::Mlp::from_json(text, "fuzz.json") else {
        return;
    };
    if mlp.parameter_count() <= 10_000 {
        let _ = mlp.predict(&[vec![0.5; mlp.n_inputs]]);
    }
    if mlp.check_finite().is_ok() {
        let json = mlp.to_json().expect("a model writes as JSON");
        let back = gradgraph_nn::Mlp::from_json(&json, "again.json").expect("its JSON reads back");
        let same = back
            .parameters()
            .iter()
            .zip(mlp.parameters())
            .all(|(a, b)| a.to_bits() == b.to_bits());
        assert!(same, "parameters survive a round trip");
    }
}

/// Reads `--init` text: a scheme name (`uniform:0.5`, `he`) or a file of numbers.
pub fn init(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let _ = text.parse::<gradgraph_nn::Init>();
    if let Ok(numbers) = gradgraph_nn::init::parse_numbers(text, "fuzz.txt") {
        assert!(numbers.iter().all(|x| x.is_finite()), "only finite numbers");
        let back =
            gradgraph_nn::init::parse_numbers(&gradgraph_nn::init::format_numbers(&numbers), "")
                .expect("numbers written read back");
        assert_eq!(back, numbers);
    }
}

/// Draws a small graph whose labels are pieces of the input after its first byte (any
/// characters: quotes, braces, backslashes, newlines, HTML): its DOT text must parse back as
/// DOT. The first byte chooses the drawing: plain, collapsed to the innermost or the
/// outermost group, in Portuguese, or one of the backward frames.
pub fn dot(data: &[u8]) {
    use gradgraph_draw::{self as dot, Collapse, DotOptions};
    let Some((&which, data)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(&data[..data.len().min(MAX_INPUT)]);
    let mut labels = text.split('\u{0}');
    let mut label = |fallback: &str| labels.next().unwrap_or(fallback).to_owned();
    let g = Graph::new();
    let (x, w) = (
        g.input(0.5).with_label(&label("x")),
        g.parameter(-1.5).with_label(&label("w")),
    );
    let group = label("neuron");
    let y = g.group(&group, || (x * w).tanh().with_label(&label("y")));
    let out = (y * y).with_label(&label("loss"));
    g.backward(out);
    // one drawing per run, chosen by the first byte, without the legend (fixed text): parsing
    // DOT is the slow part, and the frames (one in eight runs) cost the most to write
    let plain = DotOptions::new().legend(false);
    let text = match which % 8 {
        0 | 1 => dot::to_dot(&g, &plain),
        2 | 3 => dot::to_dot(&g, &plain.clone().collapse(Collapse::Innermost)),
        4 | 5 => dot::to_dot(&g, &plain.clone().collapse(Collapse::Outermost)),
        6 => dot::to_dot(&g, &plain.clone().lang(gradgraph_i18n::Lang::PtBr)),
        _ => {
            let frames = dot::backward_frames(&g, out, &plain);
            let k = usize::from(which / 8) % frames.len().max(1);
            frames.into_iter().nth(k).unwrap_or_default()
        }
    };
    if let Err(e) = graphviz_rust::parse(&text) {
        panic!("the DOT does not parse: {e}\n{text}");
    }
}

/// The live page's expression mode, as the page calls it: the requests that
/// [`page_requests`] reads from the input, each answered by the engine that the page runs
/// as WebAssembly ([`gradgraph_web::compute_json`]). Every answer is a JSON object, never a
/// panic (a trap in the page); one without an error has a finite value whose text is its
/// bits and a gradient per variable, one with an error says what is wrong.
pub fn page(data: &[u8]) {
    for request in page_requests(data) {
        let out = gradgraph_web::compute_json(&request);
        let answer: serde_json::Value = serde_json::from_str(&out).expect("an answer is JSON");
        assert!(answer.is_object(), "{out}");
        match answer["error"]["message"].as_str() {
            Some(message) => assert!(!message.is_empty(), "an empty error: {out}"),
            None => {
                // the value's text (with a decimal comma in Portuguese) is its bits
                let value = answer["value"].as_str().expect("a value without an error");
                let bits = answer["value_bits"].as_str().expect("the value's bits");
                let bits = f64::from_bits(u64::from_str_radix(bits, 16).expect("16 hex digits"));
                assert!(bits.is_finite(), "{out}");
                assert_eq!(value.replace(',', ".").parse::<f64>(), Ok(bits), "{out}");
                let grads = answer["grads"].as_array().expect("the gradients");
                let variables = answer["variables"].as_array().expect("the variables");
                assert_eq!(grads.len(), variables.len(), "{out}");
            }
        }
    }
}

/// The requests the page target sends, as JSON: an input starting with `{` is sent as it
/// is (any JSON, a graph handed as data); any other input is fields split at NUL bytes: the
/// expression, the language tag, then the text typed in each variable's value box, in the
/// order the variables appear, then quiz answers for nodes 0, 1, 2, … The same
/// expression is then asked again with the quiz on and no values, as the page does when the
/// quiz is switched on.
pub fn page_requests(data: &[u8]) -> Vec<String> {
    let Some(text) = text(data) else {
        return Vec::new();
    };
    if text.starts_with('{') {
        return vec![text.to_owned()];
    }
    let mut fields = text.split('\u{0}');
    let expression = fields.next().unwrap_or_default();
    let lang = fields.next().unwrap_or_default();
    let names: Vec<String> = match gradgraph::expr::parse(expression) {
        Ok(e) => e.variables().iter().map(|v| (*v).to_owned()).collect(),
        Err(_) => vec!["x".into(), "w".into(), "b".into()],
    };
    let mut values = serde_json::Map::new();
    for name in &names {
        match fields.next() {
            Some(typed) => values.insert(name.clone(), typed.into()),
            None => break,
        };
    }
    let quiz: serde_json::Map<String, serde_json::Value> = fields
        .enumerate()
        .map(|(k, answer)| (k.to_string(), answer.into()))
        .collect();
    let mut asked = serde_json::json!({
        "expression": expression, "values": values, "lang": lang,
    });
    let mut requests = vec![asked.to_string()];
    asked["quiz"] = quiz.into();
    requests.push(asked.to_string());
    requests
}

/// The live page's net mode (the training playground), as the page calls it: a session
/// driven by the commands that [`playground_requests`] reads from the input, each answered
/// by [`gradgraph_web::net_json`]. Every answer is a JSON object, never a panic; a refused
/// command (an error and no state) leaves the session exactly as it was; the parameters,
/// gradients, losses and decision map of a state are finite, unless it says why not (training
/// diverged).
pub fn playground(data: &[u8]) {
    /// The parts of an answer the target checks (reading the whole answer as a JSON value
    /// would cost more than the engine's work).
    #[derive(serde::Deserialize)]
    struct Answer {
        error: Option<String>,
        settings: Option<serde::de::IgnoredAny>,
        #[serde(default)]
        map_cells: usize,
        // JSON has no NaN: serde writes a non-finite number as null
        #[serde(default)]
        params: Vec<Option<f64>>,
        #[serde(default)]
        grads: Vec<Option<f64>>,
        #[serde(default)]
        losses: Vec<Option<f64>>,
        #[serde(default)]
        map: Vec<Option<f64>>,
    }
    // the session as `{"cmd":"state"}` shows it: the last answer that was a state without a
    // decision map (asking for the state again each time would halve the runs a second)
    let mut before = String::new();
    for request in playground_requests(data) {
        let out = gradgraph_web::net_json(&request);
        let answer: Answer = match serde_json::from_str(&out) {
            Ok(answer) => answer,
            Err(e) => panic!("{e} in the answer {out}"),
        };
        // every number finite, but in a state that says training diverged (the page plots
        // the last losses as NaN and shows the error)
        if answer.error.is_none() {
            let numbers = [&answer.params, &answer.grads, &answer.losses, &answer.map];
            let finite = |v: &&Vec<Option<f64>>| v.iter().all(|x| x.is_some_and(f64::is_finite));
            assert!(numbers.iter().all(finite), "{out}");
        }
        if answer.error.is_some() && answer.settings.is_none() {
            let after = gradgraph_web::net_json(r#"{"cmd":"state"}"#);
            assert_eq!(
                after, before,
                "a refused request changed the session: {request}"
            );
        } else if answer.settings.is_some() && answer.map_cells == 0 {
            before = out;
        }
    }
}

/// The commands the playground target sends, as JSON. The input is fields split at NUL
/// bytes, one command each, named by its first character, its arguments after it:
///
/// | field | command |
/// |---|---|
/// | `nDATASET,HIDDEN,ACTIVATION,LR,SEED,SAMPLES,OPTIMIZER,BATCH` | `new` (`HIDDEN` as `4 3`) |
/// | `cNAME` newline `TEXT` | `new` on a CSV file |
/// | `wNUMBERS` | `new` with these first weights (`keep_data`) |
/// | `tSTEPS`, `r`, `sSEED` | `train`, `rewind`, `reseed` |
/// | `aX1 X2 Y`, `dINDEX` | `add_point`, `delete_point` |
/// | `pINDEX VALUE` | `set_parameter`, the value as typed |
/// | `gINDEX NEURON` | `sample`: the chain rule of a point through a neuron |
/// | `vMAP`, `lLANG` | `state` with a decision map of `MAP` cells a side; the language |
/// | `{…}` | sent as it is |
///
/// At most 5 commands are read. The first command sent is always `new` on
/// xor with one hidden layer of 3, so that every run starts from the same session. Sizes
/// within the engine's limits are made small (4 units a layer, 30 samples, 5 steps a
/// command, a decision map of 6 cells a side) so that a run takes well under a millisecond;
/// sizes beyond the limits (a layer wider than the most parameters a net may have) are sent
/// as they are, to be refused.
pub fn playground_requests(data: &[u8]) -> Vec<String> {
    use gradgraph_web::net::{MAX_MAP_CELLS, MAX_PARAMETERS, MAX_SAMPLES, MAX_STEPS_PER_REQUEST};
    use serde_json::json;
    let Some(text) = text(data) else {
        return Vec::new();
    };
    // small within a limit, as it is beyond it
    let small = |n: usize, most: usize, limit: usize| if n > limit { n } else { n.min(most) };
    let number = |t: &str| t.trim().parse::<f64>().ok();
    let count = |t: &str| t.trim().parse::<usize>().ok();
    let mut lang = "en".to_owned();
    // every run starts from the same session, so that an input means the same each time
    let mut settings = json!({
        "dataset": "xor", "hidden": [3], "activation": ["tanh"], "optimizer": "sgd",
        "lr": 0.1, "seed": 0, "steps": 30, "test_fraction": 0.0, "l2": 0.0,
    });
    let mut requests = vec![json!({ "cmd": "new", "settings": settings }).to_string()];
    for field in text.split('\u{0}').take(MAX_COMMANDS) {
        let mut chars = field.chars();
        let Some(command) = chars.next() else {
            continue;
        };
        let args = chars.as_str();
        let words: Vec<&str> = args.split_whitespace().collect();
        let word = |k: usize| words.get(k).copied().unwrap_or_default();
        let view = json!({ "map": 0 });
        let request = match command {
            'n' | 'c' => {
                let (line, csv) = match command {
                    'c' => {
                        let (name, text) = args.split_once('\n').unwrap_or((args, ""));
                        (
                            format!("{name},3"),
                            Some(json!({ "name": name, "text": text })),
                        )
                    }
                    _ => (args.to_owned(), None),
                };
                let parts: Vec<&str> = line.split(',').collect();
                let part = |k: usize| parts.get(k).copied().unwrap_or_default();
                let hidden: Vec<usize> = part(1)
                    .split_whitespace()
                    .filter_map(count)
                    .map(|n| small(n, 4, MAX_PARAMETERS))
                    .take(4)
                    .collect();
                let activation: Vec<&str> = part(2).split_whitespace().collect();
                let optimizer = match part(6) {
                    "" => "sgd",
                    other => other,
                };
                settings = json!({
                    "dataset": part(0), "hidden": hidden, "activation": activation,
                    "lr": number(part(3)), "seed": count(part(4)).unwrap_or(0),
                    "samples": small(count(part(5)).unwrap_or(30), 30, MAX_SAMPLES),
                    "optimizer": optimizer, "batch_size": count(part(7)),
                    "steps": 30, "test_fraction": 0.25, "l2": 0.0,
                });
                json!({ "cmd": "new", "csv": csv, "settings": settings, "view": view })
            }
            'w' => {
                let weights: Vec<f64> = words.iter().filter_map(|w| number(w)).collect();
                json!({
                    "cmd": "new", "settings": settings, "keep_data": true,
                    "weights": weights, "view": view,
                })
            }
            't' => json!({
                "cmd": "train",
                "steps": small(count(args).unwrap_or(1), 5, MAX_STEPS_PER_REQUEST),
                "view": view,
            }),
            'r' => json!({ "cmd": "rewind", "view": view }),
            's' => json!({ "cmd": "reseed", "seed": count(args).unwrap_or(1), "view": view }),
            'a' => {
                let numbers: Vec<f64> = words.iter().filter_map(|w| number(w)).collect();
                let (y, x) = numbers.split_last().unwrap_or((&0.0, &[]));
                json!({ "cmd": "add_point", "x": x, "y": y, "view": view })
            }
            'd' => json!({ "cmd": "delete_point", "index": count(args).unwrap_or(0) }),
            'p' => json!({
                "cmd": "set_parameter", "index": count(word(0)).unwrap_or(0),
                "value": args.trim_start().split_once(' ').map_or("", |(_, v)| v),
            }),
            'g' => json!({
                "cmd": "sample", "index": count(word(0)).unwrap_or(0),
                "neuron": words.get(1),
            }),
            'v' => json!({
                "cmd": "state",
                "view": { "map": small(count(args).unwrap_or(4), 6, MAX_MAP_CELLS) },
            }),
            'l' => {
                args.clone_into(&mut lang);
                continue;
            }
            '{' => {
                requests.push(field.to_owned());
                continue;
            }
            _ => continue,
        };
        let mut request = request;
        request["lang"] = lang.clone().into();
        requests.push(request.to_string());
    }
    requests
}

/// The input as text, if it is UTF-8 and not too long.
fn text(data: &[u8]) -> Option<&str> {
    if data.len() > MAX_INPUT {
        return None;
    }
    std::str::from_utf8(data).ok()
}
