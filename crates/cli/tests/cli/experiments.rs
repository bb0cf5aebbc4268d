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
