//! The activation gallery: step, sigmoid, tanh, ReLU, leaky ReLU, PReLU, GELU, ELU, SiLU and
//! softplus, each with its derivative computed by the engine's backward pass.
//!
//! Prints each derivative's maximum over [-4, 4] (confirming the course: `σ'` is at most
//! 0.25, at 0; `tanh'` at most 1, at 0; the step's derivative is 0, so it cannot train) and
//! writes `graphs/activations.svg`.
//!
//! Run it with `cargo run --release --example 02_activations`.

use gradgraph_course::experiments::activations;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // 801 points: a step of 0.01, with x = 0 among them
    let gallery = activations::run(801);
    println!("{gallery}");
    std::fs::create_dir_all("graphs").map_err(|e| format!("graphs: {e}"))?;
    for (name, svg) in gallery.plots()? {
        let path = std::path::Path::new("graphs").join(name);
        std::fs::write(&path, svg).map_err(|e| format!("{}: {e}", path.display()))?;
        println!("wrote {}", path.display());
    }

    let get = |name: &str| {
        gallery
            .get(name)
            .expect("every activation is in the gallery")
    };
    // σ'(x) = σ(x)(1 − σ(x)) ≤ 1/4, with equality only at x = 0
    let sigmoid = get("sigmoid");
    assert_eq!((sigmoid.max_derivative, sigmoid.argmax), (0.25, 0.0));
    // tanh'(x) = 1 − tanh²(x) ≤ 1, with equality only at x = 0
    let tanh = get("tanh");
    assert_eq!((tanh.max_derivative, tanh.argmax), (1.0, 0.0));
    // the step is flat everywhere: gradient descent gets nothing from it
    let step = get("step");
    assert_eq!((step.max_derivative, step.min_derivative), (0.0, 0.0));
    // relu' is 0 or 1; leaky relu' and prelu' never vanish
    assert_eq!(
        (get("relu").min_derivative, get("relu").max_derivative),
        (0.0, 1.0)
    );
    assert_eq!(get("leaky_relu").min_derivative, activations::LEAKY_SLOPE);
    assert_eq!(get("prelu").min_derivative, activations::PRELU_SLOPE);
    // GELU' = Φ(x) + xφ(x) peaks above 1, at x = √2
    let gelu = get("gelu");
    assert!(gelu.max_derivative > 1.12 && (gelu.argmax - 2f64.sqrt()).abs() < 0.01);
    // softplus' = σ: below 1 everywhere
    assert!(get("softplus").max_derivative < 1.0);
    // and every derivative agrees with central finite differences away from the kink
    for a in &gallery.activations {
        assert!(
            a.finite_difference_error < 1e-6,
            "{}: {}",
            a.name,
            a.finite_difference_error
        );
    }
    Ok(())
}
