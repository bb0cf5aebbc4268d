//! Optimisers, the learning-rate schedule and clipping, against hand computation.

use gradgraph_nn::{Clip, Optimizer, Schedule};

#[test]
fn linear_decay_is_micrograds_schedule() {
    // micrograd: learning_rate = 1.0 - 0.9*k/100, bit for bit
    let s = Schedule {
        lr: 1.0,
        lr_end: Some(0.1),
        steps: 100,
    };
    for k in 0..100 {
        assert_eq!(s.lr(k), 1.0 - 0.9 * k as f64 / 100.0, "k = {k}");
    }
    assert!((s.lr(100) - 0.1).abs() < 1e-15);
    let constant = Schedule {
        lr: 0.3,
        lr_end: None,
        steps: 10,
    };
    assert_eq!(constant.lr(7), 0.3);
}

#[test]
fn sgd_with_momentum_accumulates_velocity() {
    // v1 = g1 = 1, p = 1 − 0.1·1 = 0.9; v2 = 0.5·1 + 2 = 2.5, p = 0.9 − 0.1·2.5 = 0.65
    let mut p = [1.0];
    let mut state = Optimizer::Sgd { momentum: 0.5 }.state(1);
    state.step(&mut p, &[1.0], 0.1);
    assert!((p[0] - 0.9).abs() < 1e-15);
    state.step(&mut p, &[2.0], 0.1);
    assert!((p[0] - 0.65).abs() < 1e-15);
}

#[test]
fn adam_matches_its_formulas() {
    // first step: m̂ = g, v̂ = g², so p moves by lr · g/(|g| + ε) ≈ lr · sign(g)
    let mut p = [0.0, 0.0];
    let mut state = Optimizer::adam().state(2);
    state.step(&mut p, &[0.3, -40.0], 0.01);
    assert!((p[0] + 0.01 * 0.3 / (0.3 + 1e-8)).abs() < 1e-15);
    assert!((p[1] - 0.01 * 40.0 / (40.0 + 1e-8)).abs() < 1e-15);
    // second step by hand
    let (b1, b2, eps, lr) = (0.9f64, 0.999f64, 1e-8, 0.01);
    let (g1, g2) = (0.3, 0.1);
    let m = b1 * ((1.0 - b1) * g1) + (1.0 - b1) * g2;
    let v = b2 * ((1.0 - b2) * g1 * g1) + (1.0 - b2) * g2 * g2;
    let want = p[0] - lr * (m / (1.0 - b1 * b1)) / ((v / (1.0 - b2 * b2)).sqrt() + eps);
    state.step(&mut p, &[g2, 0.0], lr);
    assert!((p[0] - want).abs() < 1e-15);
}

#[test]
fn clipping_by_value_and_by_norm() {
    let mut g = [0.5, -7.0, 2.0];
    let norm = Clip {
        value: Some(1.0),
        norm: None,
    }
    .apply(&mut g);
    assert_eq!(g, [0.5, -1.0, 1.0]);
    assert!((norm - (0.25f64 + 49.0 + 4.0).sqrt()).abs() < 1e-15);
    // global norm: a gradient already short enough is left alone
    let mut g = [0.3, 0.4];
    Clip {
        value: None,
        norm: Some(1.0),
    }
    .apply(&mut g);
    assert_eq!(g, [0.3, 0.4]);
    let mut g = [30.0, 40.0];
    Clip {
        value: None,
        norm: Some(5.0),
    }
    .apply(&mut g);
    assert!((g[0] - 3.0).abs() < 1e-14 && (g[1] - 4.0).abs() < 1e-14);
}

#[test]
fn optimizer_names() {
    assert_eq!("sgd".parse::<Optimizer>().unwrap(), Optimizer::sgd());
    assert_eq!(
        "momentum".parse::<Optimizer>().unwrap(),
        Optimizer::Sgd { momentum: 0.9 }
    );
    assert!("momentum:1.5".parse::<Optimizer>().is_err());
    let err = "rmsprop".parse::<Optimizer>().unwrap_err().to_string();
    assert!(err.contains("known: sgd"), "{err}");
}

#[test]
fn optimizer_constructors_and_their_default_learning_rates() {
    assert_eq!(Optimizer::sgd(), Optimizer::Sgd { momentum: 0.0 });
    assert_eq!(Optimizer::momentum(0.5), Optimizer::Sgd { momentum: 0.5 });
    assert_eq!(
        Optimizer::adam(),
        Optimizer::Adam {
            beta1: 0.9,
            beta2: 0.999,
            eps: 1e-8
        }
    );
    assert_eq!(Optimizer::default(), Optimizer::adam());
    assert_eq!("adam".parse::<Optimizer>().unwrap(), Optimizer::adam());
    assert_eq!(
        "momentum".parse::<Optimizer>().unwrap(),
        Optimizer::momentum(0.9)
    );
    assert_eq!(Optimizer::adam().default_lr(), 0.01);
    assert_eq!(Optimizer::sgd().default_lr(), 0.1);
    assert_eq!(Optimizer::momentum(0.9).default_lr(), 0.1);
    let err = "adamw".parse::<Optimizer>().unwrap_err();
    assert!(
        matches!(
            err,
            gradgraph_nn::Error::Unknown {
                kind: "optimizer",
                ..
            }
        ),
        "{err}"
    );
    let err = "momentum:2".parse::<Optimizer>().unwrap_err();
    assert!(
        matches!(err, gradgraph_nn::Error::OutOfRange { .. }),
        "{err}"
    );
}
