//! The course's experiments at reduced size where their claims allow it: each claim the
//! examples assert is checked here too, so the numbers the tour prints cannot rot.

use gradgraph_course::experiments::vanishing::Scheme;
use gradgraph_course::experiments::{
    activations, chain_rule, circles, exploding, regression, rnn, vanishing, xor,
};
use gradgraph_nn::Activation;

#[test]
fn chain_rule_factors_by_hand_are_the_engines() {
    let result = chain_rule::run().unwrap();
    for d in [&result.chain, &result.neurons] {
        assert!(!d.factors.is_empty());
        for f in &d.factors {
            assert!(f.agrees(), "{}: {} vs {}", f.name, f.hand, f.engine);
        }
    }
    // y = σ(tanh(σ(w x))) at w = 0.5, x = 1: dy/dw = f'(g) g'(h) h'(wx) x
    let dy_dw = result
        .chain
        .factors
        .iter()
        .find(|f| f.name == "dy/dw")
        .unwrap();
    assert!((dy_dw.engine - 0.03783001931668131).abs() < 1e-15);
    assert!(result.loss_after < result.loss_before);
    // the alternate form leaves the trace out
    assert!(result.to_string().contains("upstream="));
    assert!(!format!("{result:#}").contains("upstream="));
}

#[test]
fn activation_maxima_confirm_the_course() {
    let gallery = activations::run(81);
    assert_eq!(gallery.activations.len(), 10);
    let sigmoid = gallery.get("sigmoid").unwrap();
    assert_eq!((sigmoid.max_derivative, sigmoid.argmax), (0.25, 0.0));
    let tanh = gallery.get("tanh").unwrap();
    assert_eq!((tanh.max_derivative, tanh.argmax), (1.0, 0.0));
    assert_eq!(gallery.get("step").unwrap().max_derivative, 0.0);
    for a in &gallery.activations {
        assert!(a.finite_difference_error < 1e-6, "{}", a.name);
        assert_eq!(a.xs.len(), 81);
    }
}

#[test]
fn xor_is_solved_from_the_fixed_seed_and_some_starts_get_stuck() {
    let result = xor::run(&xor::Config {
        seeds: 10,
        ..xor::Config::default()
    })
    .unwrap();
    assert_eq!(result.accuracy, 1.0);
    let solved = result.seeds.iter().filter(|s| s.solved()).count();
    assert!((5..10).contains(&solved), "{solved} of 10 solved");
    // the graph handed to the pictures: neurons as groups, backward run
    let g = gradgraph::Graph::new();
    let y = result.sample_graph(&g, [0.0, 1.0]).unwrap();
    assert!(y.data() > 0.5);
    let names: Vec<String> = g.groups().into_iter().map(|group| group.name).collect();
    for name in ["layer 1", "neuron 1.1", "neuron 1.2", "neuron 2.1"] {
        assert!(names.iter().any(|n| n == name), "{name} in {names:?}");
    }
    assert!(g.parameters().iter().any(|p| p.grad() != 0.0));
}

#[test]
fn circles_are_separated_by_four_hidden_nodes() {
    let result = circles::run(&circles::Config::default()).unwrap();
    assert_eq!(result.net.layers[0].n_outputs(), 4);
    assert_eq!(result.net.layers.len(), 2);
    assert!(result.test_accuracy >= 0.97, "{}", result.test_accuracy);
    // the course's construction by hand separates them too
    assert!(result.construction_accuracy >= 0.95);
}

#[test]
fn one_hidden_layer_fits_the_three_functions() {
    let result = regression::run(&regression::Config::default()).unwrap();
    for fit in &result.fits {
        assert!(fit.test_rmse <= 0.02, "{}: {}", fit.name, fit.test_rmse);
    }
    // 1/x on [1, 100] spans two decades: its input goes on a log axis
    assert!(result.get("reciprocal").unwrap().log_input);
    assert!(!result.get("square").unwrap().log_input);
}

#[test]
fn unknown_regression_function_is_refused_by_name() {
    let err = regression::run(&regression::Config {
        functions: vec!["cube".into()],
        ..regression::Config::default()
    })
    .unwrap_err();
    assert!(err.to_string().contains("cube"), "{err}");
}

#[test]
fn sigmoid_gradients_vanish_and_relu_with_he_keeps_them() {
    let result = vanishing::run(&vanishing::Config::quick()).unwrap();
    let deep = 6;
    for scheme in [Scheme::Plain, Scheme::Glorot, Scheme::He] {
        let r = result
            .get(Activation::SIGMOID, scheme, deep)
            .unwrap()
            .ratio();
        assert!(r < 1e-2, "sigmoid {scheme}: {r:e}");
    }
    for depth in [2, 6] {
        let r = result
            .get(Activation::RELU, Scheme::He, depth)
            .unwrap()
            .ratio();
        assert!((0.1..=10.0).contains(&r), "relu He {depth}: {r:e}");
    }
    // batch norm brings the sigmoid's first layer back within two orders of magnitude
    let bn = result
        .get(Activation::SIGMOID, Scheme::BatchNorm, deep)
        .unwrap()
        .ratio();
    assert!(bn > 1e-2, "{bn:e}");
    let p = result.get(Activation::TANH, Scheme::Glorot, deep).unwrap();
    assert_eq!(p.norms.len(), deep + 1);
}

#[test]
fn during_training_sigmoid_first_layer_stays_starved_and_relu_he_learns() {
    // 10 hidden layers, 32 points, 30 steps of plain gradient descent
    let result = vanishing::run(&vanishing::Config::quick()).unwrap();
    let run = |a, s| result.training_run(a, s).unwrap();
    let sigmoid = run(Activation::SIGMOID, Scheme::Plain);
    let relu = run(Activation::RELU, Scheme::He);
    let bn = run(Activation::SIGMOID, Scheme::BatchNorm);
    for r in &result.training {
        assert_eq!((r.first.len(), r.last.len(), r.loss.len()), (30, 30, 30));
    }
    let worst = sigmoid.ratios().fold(0.0, f64::max);
    assert!(worst < 1e-2, "sigmoid + plain: first/last up to {worst:e}");
    assert!(sigmoid.first_moved < 1e-4, "{:e}", sigmoid.first_moved);
    for (k, r) in relu.ratios().enumerate() {
        assert!((0.05..=20.0).contains(&r), "relu + He, step {k}: {r:e}");
    }
    assert!(
        relu.first_moved > 1e-3 && relu.first_moved > 1e3 * sigmoid.first_moved,
        "{:e}",
        relu.first_moved
    );
    // batch norm lifts the sigmoid's first layer by orders of magnitude at every step
    for k in 0..30 {
        assert!(bn.ratio(k) > 100.0 * sigmoid.ratio(k), "step {k}");
    }
}

#[test]
fn large_relu_weights_explode_and_clipping_trains() {
    let result = exploding::run(&exploding::Config::quick()).unwrap();
    let first = result.first_layer_norms();
    assert!(first.windows(2).all(|w| w[1].1 > w[0].1), "{first:?}");
    assert!(first[first.len() - 1].1 > 1e3 * first[0].1);
    assert!(result.diverged());
    assert!(result.clipped_trains());
}

#[test]
fn the_rnn_learns_and_its_gradient_vanishes_back_through_time() {
    let result = rnn::run(&rnn::Config::quick()).unwrap();
    assert!(result.final_loss() < 0.2 * result.initial_loss());
    assert_eq!(result.input_gradients.len(), result.config.window);
    assert!(result.decay() < 0.1, "{}", result.decay());
}

#[test]
fn a_series_too_short_for_its_window_is_refused() {
    let err = rnn::run(&rnn::Config {
        length: 10,
        ..rnn::Config::quick()
    })
    .unwrap_err();
    assert!(err.to_string().contains("too short"), "{err}");
}

#[test]
fn every_experiment_draws_its_plots() {
    let mut plots = Vec::new();
    plots.extend(activations::run(41).plots().unwrap());
    let quick_xor = xor::Config {
        seeds: 3,
        steps: 200,
        ..xor::Config::default()
    };
    plots.extend(xor::run(&quick_xor).unwrap().plots().unwrap());
    let quick_circles = circles::Config {
        steps: 50,
        ..circles::Config::default()
    };
    plots.extend(circles::run(&quick_circles).unwrap().plots().unwrap());
    let quick_regression = regression::Config {
        steps: 50,
        grid: 100,
        ..regression::Config::default()
    };
    plots.extend(regression::run(&quick_regression).unwrap().plots().unwrap());
    let quick_vanishing = vanishing::Config {
        depths: vec![1, 3],
        seeds: 1,
        batch: 8,
        train_steps: 5,
        ..vanishing::Config::default()
    };
    plots.extend(vanishing::run(&quick_vanishing).unwrap().plots().unwrap());
    let quick_exploding = exploding::Config {
        depths: vec![1, 3],
        steps: 20,
        seeds: 1,
        ..exploding::Config::default()
    };
    plots.extend(exploding::run(&quick_exploding).unwrap().plots().unwrap());
    let quick_rnn = rnn::Config {
        steps: 10,
        probes: 2,
        ..rnn::Config::default()
    };
    plots.extend(rnn::run(&quick_rnn).unwrap().plots().unwrap());
    let names: Vec<&str> = plots.iter().map(|(name, _)| *name).collect();
    assert_eq!(
        names,
        [
            "activations.svg",
            "xor.svg",
            "xor_seeds.svg",
            "circles.svg",
            "circles_hidden.svg",
            "circles_construction.svg",
            "regression.svg",
            "vanishing_layers.svg",
            "vanishing_depth.svg",
            "vanishing_training.svg",
            "exploding.svg",
            "rnn.svg",
        ]
    );
    for (name, svg) in &plots {
        assert!(
            svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"),
            "{name}"
        );
        assert!(svg.contains("<text"), "{name} has no text");
    }
}

#[test]
fn plotting_into_a_missing_directory_is_an_io_error() {
    let dir = std::env::temp_dir().join("gradgraph-no-such-dir-for-plots/inner");
    let (name, svg) = activations::run(11).plots().unwrap().remove(0);
    let err = gradgraph_cli::files::write_atomic(&dir.join(name), svg.as_bytes()).unwrap_err();
    assert!(matches!(err, gradgraph_cli::Error::Io { .. }), "{err}");
    assert!(err.to_string().contains("activations.svg"));
}

// ---------------------------------------------------------------------------------------
// In Portuguese: the reports, conclusions and plots, and the tour.

use gradgraph_i18n::{Lang, english_left};

/// Checks a text shown in Portuguese: it holds every one of `words`, a decimal comma
/// (`0,5`), no decimal point between digits, and no English word (`He`, of He's
/// initialisation, is a name; `cargo run` a command).
fn portuguese(what: &str, text: &str, words: &[&str]) {
    let bytes = text.as_bytes();
    let comma = (1..bytes.len().saturating_sub(1)).any(|k| {
        bytes[k] == b',' && bytes[k - 1].is_ascii_digit() && bytes[k + 1].is_ascii_digit()
    });
    assert!(comma, "{what} has no decimal comma:\n{text}");
    portuguese_words(what, text, words);
}

/// [`portuguese`] for a text that may hold no number.
fn portuguese_words(what: &str, text: &str, words: &[&str]) {
    for word in words {
        assert!(text.contains(word), "{what} lacks {word:?}:\n{text}");
    }
    let bytes = text.as_bytes();
    let point = (1..bytes.len().saturating_sub(1)).find(|&k| {
        bytes[k] == b'.' && bytes[k - 1].is_ascii_digit() && bytes[k + 1].is_ascii_digit()
    });
    assert!(
        point.is_none(),
        "{what} has a decimal point at {:?}:\n{text}",
        point.map(|k| &text[k.saturating_sub(20)..(k + 20).min(text.len())])
    );
    let mut left = english_left(&text.replace("cargo run --release", "cargo"));
    left.retain(|word| word != "He");
    assert!(
        left.is_empty(),
        "{what} has English words {left:?}:\n{text}"
    );
}

/// Small runs of every experiment, for the checks of their texts.
struct Quick {
    xor: xor::Xor,
    circles: circles::Circles,
    regression: regression::Regression,
    vanishing: vanishing::Vanishing,
    exploding: exploding::Exploding,
    rnn: rnn::RnnStudy,
}

fn quick() -> Quick {
    Quick {
        xor: xor::run(&xor::Config {
            seeds: 6,
            steps: 400,
            ..xor::Config::default()
        })
        .expect("a quick run"),
        circles: circles::run(&circles::Config {
            steps: 60,
            ..circles::Config::default()
        })
        .expect("a quick run"),
        regression: regression::run(&regression::Config {
            steps: 60,
            grid: 100,
            ..regression::Config::default()
        })
        .expect("a quick run"),
        vanishing: vanishing::run(&vanishing::Config {
            depths: vec![1, 3],
            seeds: 1,
            batch: 8,
            train_steps: 5,
            ..vanishing::Config::default()
        })
        .expect("a quick run"),
        exploding: exploding::run(&exploding::Config {
            depths: vec![1, 3],
            steps: 20,
            seeds: 1,
            ..exploding::Config::default()
        })
        .expect("a quick run"),
        rnn: rnn::run(&rnn::Config {
            steps: 10,
            probes: 2,
            ..rnn::Config::default()
        })
        .expect("a quick run"),
    }
}

#[test]
fn every_report_and_conclusion_reads_in_portuguese_and_english_is_unchanged() {
    let pt = Lang::PtBr;
    let chain = chain_rule::run().unwrap();
    assert_eq!(chain.report(Lang::En), format!("{chain:#}"));
    assert_eq!(chain.conclusion_in(Lang::En), chain.conclusion());
    portuguese(
        "the chain rule's report",
        &format!("{}\n{}", chain.report(pt), chain.conclusion_in(pt)),
        &[
            "fator",
            "à mão",
            "dois neurônios sigmoides",
            "w = 0,5",
            "amostras (x; y) = (1; 1), (-0,5; 0)",
            "um passo w ← w − 0,5·dJ/dw",
            "a retropropagação é a regra da cadeia aplicada nó a nó",
        ],
    );
    let gallery = activations::run(81);
    assert_eq!(gallery.report(Lang::En), gallery.to_string());
    assert_eq!(gallery.conclusion_in(Lang::En), gallery.conclusion());
    portuguese(
        "the activations' report",
        &format!("{}\n{}", gallery.report(pt), gallery.conclusion_in(pt)),
        &[
            "funções de ativação em [-4; 4]",
            "degrau",
            "sigmoide",
            "1 se x > 0, senão 0,1",
            "no máximo 0,25",
            "gradiente descendente",
        ],
    );
    let q = quick();
    let texts: [(&str, String, String, String, &[&str]); 6] = [
        (
            "XOR",
            q.xor.to_string(),
            q.xor.report(pt),
            q.xor.conclusion_in(pt),
            &[
                "sigmoide na camada oculta",
                "taxa de aprendizagem 2",
                "saída",
                "neurônio oculto 1: sua reta é",
                "inícios",
                "semente",
            ],
        ),
        (
            "the circles",
            q.circles.to_string(),
            q.circles.report(pt),
            q.circles.conclusion_in(pt),
            &[
                "camada oculta",
                "taxa de aprendizagem 0,05",
                "treinamento",
                "peso na saída",
                "a construção à mão",
            ],
        ),
        (
            "the regression",
            q.regression.to_string(),
            q.regression.report(pt),
            q.regression.conclusion_in(pt),
            &["sen x", "[1; 6,283]", "função", "pontos de treinamento"],
        ),
        (
            "the vanishing gradients",
            q.vanishing.to_string(),
            q.vanishing.report(pt),
            q.vanishing.conclusion_in(pt),
            &[
                "desvanecimento do gradiente",
                "camadas ocultas",
                "normalização em lote",
                "inicialização",
                "durante o treinamento",
            ],
        ),
        (
            "the exploding gradients",
            q.exploding.to_string(),
            q.exploding.report(pt),
            q.exploding.conclusion_in(pt),
            &[
                "explosão do gradiente",
                "camada de saída",
                "com corte na norma 1",
                "gradiente descendente simples",
                "taxa de aprendizagem 0,01",
            ],
        ),
        (
            "the recurrent net",
            q.rnn.to_string(),
            q.rnn.report(pt),
            q.rnn.conclusion_in(pt),
            &[
                "rede neural recorrente",
                "sen(2πt/20) + ruído 0,05",
                "antes do treinamento",
                "taxa de aprendizagem 0,01",
            ],
        ),
    ];
    for (what, english, report, conclusion, words) in texts {
        assert!(!english.is_empty());
        portuguese(what, &format!("{report}\n{conclusion}"), words);
    }
    assert_eq!(q.xor.report(Lang::En), q.xor.to_string());
    assert_eq!(q.circles.report(Lang::En), q.circles.to_string());
    assert_eq!(q.regression.report(Lang::En), q.regression.to_string());
    assert_eq!(q.vanishing.report(Lang::En), q.vanishing.to_string());
    assert_eq!(q.exploding.report(Lang::En), q.exploding.to_string());
    assert_eq!(q.rnn.report(Lang::En), q.rnn.to_string());
    assert_eq!(q.rnn.conclusion_in(Lang::En), q.rnn.conclusion());
}

/// The texts of an SVG plot a person reads: the contents of its `<text>` elements, one a
/// line, XML entities decoded.
fn svg_texts(svg: &str) -> String {
    let mut texts = Vec::new();
    for piece in svg.split("<text").skip(1) {
        let Some(start) = piece.find('>') else {
            continue;
        };
        let Some(end) = piece.find("</text>") else {
            continue;
        };
        let text = piece[start + 1..end].trim();
        if !text.is_empty() {
            texts.push(
                text.replace("&apos;", "'")
                    .replace("&quot;", "\"")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&amp;", "&"),
            );
        }
    }
    texts.join("\n")
}

#[test]
fn every_plot_has_its_titles_axes_and_legends_in_portuguese() {
    let pt = Lang::PtBr;
    let q = quick();
    let gallery = activations::run(41);
    let mut plots = Vec::new();
    plots.extend(gallery.plots_in(pt).unwrap());
    plots.extend(q.xor.plots_in(pt).unwrap());
    plots.extend(q.circles.plots_in(pt).unwrap());
    plots.extend(q.regression.plots_in(pt).unwrap());
    plots.extend(q.vanishing.plots_in(pt).unwrap());
    plots.extend(q.exploding.plots_in(pt).unwrap());
    plots.extend(q.rnn.plots_in(pt).unwrap());
    let words: &[(&str, &[&str])] = &[
        (
            "activations.svg",
            &["Funções de ativação", "degrau", "sigmoide"],
        ),
        (
            "xor.svg",
            &["neurônio oculto 1", "saída: P(classe 1)", "classe 0"],
        ),
        ("xor_seeds.svg", &["passo", "erro", "sementes"]),
        ("circles.svg", &["acurácia no teste", "erro no treinamento"]),
        (
            "circles_hidden.svg",
            &["limiar suave", "crista", "elevação"],
        ),
        ("circles_construction.svg", &["A construção à mão da aula"]),
        ("regression.svg", &["sen x", "dados de treinamento", "rede"]),
        (
            "vanishing_layers.svg",
            &["Norma do gradiente", "camadas ocultas", "sigmoide"],
        ),
        (
            "vanishing_depth.svg",
            &["primeira camada", "razão entre normas"],
        ),
        (
            "vanishing_training.svg",
            &["Durante o treinamento", "camada de saída"],
        ),
        (
            "exploding.svg",
            &["A explosão do gradiente", "gradiente descendente simples"],
        ),
        (
            "rnn.svg",
            &["rede neural recorrente", "antes do treinamento", "previsão"],
        ),
    ];
    assert_eq!(plots.len(), words.len());
    for ((name, svg), (expected, words)) in plots.iter().zip(words) {
        assert_eq!(name, expected);
        // the pictures of the circles' hidden nodes have no axes: no number
        if name.starts_with("circles_") {
            portuguese_words(name, &svg_texts(svg), words);
        } else {
            portuguese(name, &svg_texts(svg), words);
        }
    }
    // English unchanged: the same pictures as before, through the default path
    assert_eq!(
        gallery.plots_in(Lang::En).unwrap(),
        gallery.plots().unwrap()
    );
    assert_eq!(q.rnn.plots_in(Lang::En).unwrap(), q.rnn.plots().unwrap());
}

#[test]
fn the_tour_in_portuguese_writes_its_pictures_apart_and_reads_in_portuguese() {
    use crate::common::{scratch, stderr, stdout};
    let dir = scratch("tour-pt");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gradgraph"))
        .args(["--lang", "pt-BR"])
        .env("GRADGRAPH_LANG", "en")
        .current_dir(&dir)
        .output()
        .expect("the gradgraph binary runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let printed = stdout(&out);
    // the English pictures are not touched: the Portuguese ones go into graphs/pt-BR/
    let english: Vec<_> = std::fs::read_dir(dir.join("graphs"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(english, ["pt-BR"], "{printed}");
    let pictures = dir.join("graphs/pt-BR");
    for name in ["chain.dot", "activations.svg", "xor_net.dot", "rnn.svg"] {
        assert!(pictures.join(name).is_file(), "{name}: {printed}");
    }
    let chain = std::fs::read_to_string(pictures.join("chain.dot")).unwrap();
    assert!(
        chain.contains("valor 0,5") && chain.contains("legenda"),
        "{chain}"
    );
    let net = std::fs::read_to_string(pictures.join("xor_net.dot")).unwrap();
    assert!(
        net.contains("camada") && net.contains("neurônio 1"),
        "{net}"
    );
    // without the paragraph naming what Graphviz would have drawn (its paths and the URL)
    let readable = match printed.find("\nO `dot` do Graphviz") {
        Some(start) => {
            let end = printed[start + 1..]
                .find("\n\n")
                .map_or(printed.len(), |e| start + 1 + e);
            format!("{}{}", &printed[..start], &printed[end..])
        }
        None => printed.clone(),
    };
    portuguese(
        "the tour",
        &readable,
        &[
            "um passeio pelos experimentos da disciplina",
            "== 1. A retropropagação é a regra da cadeia",
            "== 6. O desvanecimento do gradiente",
            "== 7. A explosão do gradiente",
            "== 8. Uma rede neural recorrente",
            "gravado: graphs/pt-BR/chain.svg",
            "conclusão:",
            "taxa de aprendizagem",
            "camada oculta",
            "O passeio levou",
        ],
    );
    // the same tour through the environment: GRADGRAPH_LANG and the locale
    for (name, value) in [("GRADGRAPH_LANG", "pt-BR"), ("LANG", "pt_BR.UTF-8")] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_gradgraph"))
            .env_remove("GRADGRAPH_LANG")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env(name, value)
            .current_dir(&dir)
            .output()
            .expect("the gradgraph binary runs");
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(
            stdout(&out).starts_with("gradgraph: um passeio"),
            "{name}={value}"
        );
    }
    std::fs::remove_dir_all(&dir).expect("the scratch folder removed");
}
