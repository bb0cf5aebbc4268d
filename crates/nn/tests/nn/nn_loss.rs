//! Losses: values against their formulas, gradients against finite differences.

use gradgraph::{Graph, gradcheck};
use gradgraph_nn::loss::{
    bce_with_logits, hinge, l2, log_sum_exp, mean, mse, softmax, softmax_cross_entropy,
};
use gradgraph_nn::{Loss, Output};

#[test]
fn mse_is_the_squared_error() {
    // (ŷ − y)² summed over outputs: (0.5 − 1)² + (2 − 0)² = 4.25
    let g = Graph::new();
    let yhat = [g.input(0.5), g.input(2.0)];
    let y = [g.constant(1.0), g.constant(0.0)];
    let l = mse(&g, &yhat, &y);
    g.backward(l);
    assert_eq!(l.data(), 4.25);
    // d/dŷ = 2(ŷ − y)
    assert_eq!((yhat[0].grad(), yhat[1].grad()), (-1.0, 4.0));
    let check = gradcheck(
        |g, v| mse(g, &[v[0], v[1]], &[v[2], v[3]]),
        &[0.3, -1.2, 0.9, 0.4],
    );
    assert!(check.passed(), "{check}");
}

#[test]
fn bce_on_logits_is_stable_and_right() {
    // −y ln σ(z) − (1−y) ln(1 − σ(z)) at z = 0.7, y = 0 and y = 1
    for (z, y) in [(0.7f64, 0.0), (0.7, 1.0), (-3.0, 1.0)] {
        let g = Graph::new();
        let l = bce_with_logits(g.input(z), g.constant(y));
        let s = 1.0 / (1.0 + (-z).exp());
        let want = -y * s.ln() - (1.0 - y) * (1.0 - s).ln();
        assert!((l.data() - want).abs() < 1e-14, "z {z} y {y}");
    }
    // no overflow at huge logits: loss ≈ |z| when wrong, 0 when right
    let g = Graph::new();
    let z = g.input(-800.0);
    let l = bce_with_logits(z, g.constant(1.0));
    g.backward(l);
    assert_eq!(l.data(), 800.0);
    assert_eq!(z.grad(), -1.0); // σ(z) − y
    let g = Graph::new();
    assert_eq!(bce_with_logits(g.input(800.0), g.constant(1.0)).data(), 0.0);
    let check = gradcheck(|_, v| bce_with_logits(v[0], v[1]), &[1.3, 0.25]);
    assert!(check.passed(), "{check}");
}

#[test]
fn hinge_is_micrograds_max_margin() {
    let g = Graph::new();
    // relu(1 − y z): y = 1, z = 0.3 → 0.7; y = −1, z = −2 → 0 (right with margin)
    let (z1, z2) = (g.input(0.3), g.input(-2.0));
    let l1 = hinge(z1, g.constant(1.0));
    let l2v = hinge(z2, g.constant(-1.0));
    g.backward(l1 + l2v);
    assert_eq!((l1.data(), l2v.data()), (0.7, 0.0));
    assert_eq!((z1.grad(), z2.grad()), (-1.0, 0.0));
    // the same float as micrograd's (1 + (−y)·z).relu()
    for (y, z) in [(1.0f64, 0.123456789), (-1.0, 0.987654321), (1.0, -0.3333)] {
        let g = Graph::new();
        let want = (1.0 + (-y) * z).max(0.0);
        assert_eq!(hinge(g.input(z), g.constant(y)).data(), want);
    }
    let check = gradcheck(|_, v| hinge(v[0], v[1]), &[0.2, 0.9]);
    assert!(check.passed(), "{check}");
}

#[test]
fn softmax_cross_entropy_and_log_sum_exp() {
    let z = [1.0f64, -0.5, 2.5];
    let total: f64 = z.iter().map(|v| v.exp()).sum();
    let g = Graph::new();
    let zs: Vec<_> = z.iter().map(|&v| g.input(v)).collect();
    let t = [g.constant(0.0), g.constant(0.0), g.constant(1.0)];
    let l = softmax_cross_entropy(&g, &zs, &t);
    g.backward(l);
    // −ln softmax(z)_c and d/dz_k = softmax_k − t_k
    assert!((l.data() - (total.ln() - 2.5)).abs() < 1e-14);
    for k in 0..3 {
        let want = z[k].exp() / total - if k == 2 { 1.0 } else { 0.0 };
        assert!((zs[k].grad() - want).abs() < 1e-15, "k = {k}");
    }
    // the max shift keeps huge scores finite
    let g = Graph::new();
    let big = [g.input(1000.0), g.input(999.0)];
    let lse = log_sum_exp(&g, &big);
    assert!((lse.data() - (1000.0 + (1.0 + (-1f64).exp()).ln())).abs() < 1e-12);
    let p = softmax(&big);
    assert!((p[0].data() + p[1].data() - 1.0).abs() < 1e-15);
    let check = gradcheck(
        |g, v| {
            softmax_cross_entropy(
                g,
                &v[..3],
                &[g.constant(0.0), g.constant(1.0), g.constant(0.0)],
            )
        },
        &[0.3, -1.1, 2.0],
    );
    assert!(check.passed(), "{check}");
    let check = gradcheck(log_sum_exp, &[0.5, 0.5001, -2.0, 3.0]);
    assert!(check.passed(), "{check}");
}

#[test]
fn mean_and_l2_are_written_as_micrograd_writes_them() {
    let g = Graph::new();
    let ls: Vec<_> = [0.1, 0.2, 0.7].iter().map(|&v| g.input(v)).collect();
    // sum(losses) * (1.0 / len(losses))
    assert_eq!(mean(&g, &ls).data(), (0.1 + 0.2 + 0.7) * (1.0 / 3.0));
    let ps: Vec<_> = [0.5, -2.0, 3.0].iter().map(|&v| g.parameter(v)).collect();
    // alpha * sum(p*p)
    assert_eq!(l2(&g, &ps, 1e-4).data(), (0.5 * 0.5 + 4.0 + 9.0) * 1e-4);
    let check = gradcheck(|g, v| l2(g, v, 0.3), &[0.5, -2.0, 3.0]);
    assert!(check.passed(), "{check}");
}

#[test]
fn loss_sample_checks_shapes() {
    let g = Graph::new();
    let z = [g.input(0.1), g.input(0.2)];
    let t = [g.constant(1.0)];
    assert!(Loss::Hinge.sample(&g, Output::Linear, &z, &t).is_err());
    assert!(Loss::Bce.sample(&g, Output::Sigmoid, &z, &t).is_err());
    assert!(
        Loss::CrossEntropy
            .sample(&g, Output::Softmax, &z, &t)
            .is_err()
    );
    assert!(Loss::Mse.sample(&g, Output::Linear, &z, &t).is_err());
    // MSE after the output function: (σ(0.1) − 1)²
    let l = Loss::Mse.sample(&g, Output::Sigmoid, &z[..1], &t).unwrap();
    let s = 1.0 / (1.0 + (-0.1f64).exp());
    assert!((l.data() - (s - 1.0).powi(2)).abs() < 1e-15);
    assert!("squared".parse::<Loss>().is_err());
    assert_eq!("max-margin".parse::<Loss>().unwrap(), Loss::Hinge);
}
