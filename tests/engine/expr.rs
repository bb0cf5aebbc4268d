//! The expression language: grammar, what each construct builds, values and gradients
//! against hand-derived calculus, every parse error with its column, and inputs deep or long
//! enough to break a recursive parser.

use gradgraph::expr::{self, Expr, ParseError, Span, format_number, parse};
use gradgraph::{Error, Graph, Op, Value, gradcheck};
use std::collections::{BTreeMap, HashMap};
use std::time::Instant;

fn vars(at: &[(&str, f64)]) -> HashMap<String, f64> {
    at.iter().map(|&(n, x)| (n.to_string(), x)).collect()
}

/// Parses `src`, builds it at `at`, runs backward: the value and every gradient by name.
fn eval(src: &str, at: &[(&str, f64)]) -> (f64, BTreeMap<String, f64>) {
    let e = parse(src).unwrap_or_else(|err| panic!("{src}: {err}"));
    let g = Graph::new();
    let (y, leaves) = e.build(&g, &vars(at)).expect("builds");
    g.try_backward(y).expect("finite");
    let grads = leaves.iter().map(|(n, v)| (n.clone(), v.grad())).collect();
    (y.data(), grads)
}

fn value(src: &str) -> f64 {
    eval(src, &[]).0
}

fn parse_err(src: &str) -> ParseError {
    match parse(src) {
        Ok(_) => panic!("`{src}` should not parse"),
        Err(e) => e,
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-14 * (1.0 + b.abs())
}

// ---------------------------------------------------------------------------------------
// grammar

#[test]
fn precedence_and_associativity() {
    // * and / bind tighter than + and -
    assert_eq!(value("1 + 2*3"), 7.0);
    assert_eq!(value("(1 + 2)*3"), 9.0);
    assert_eq!(value("2*3^2"), 18.0);
    // + - * / are left-associative
    assert_eq!(value("10 - 4 - 3"), 3.0);
    assert_eq!(value("1 - 2 + 3"), 2.0);
    assert_eq!(value("64 / 4 / 2"), 8.0);
    assert_eq!(value("8 / 2 * 4"), 16.0);
    // ^ is right-associative: 2^3^2 = 2^(3^2) = 2^9
    assert_eq!(value("2^3^2"), 512.0);
    assert_eq!(value("(2^3)^2"), 64.0);
    // ^ binds tighter than unary minus, on both of its sides
    assert_eq!(value("-2^2"), -4.0);
    assert_eq!(value("(-2)^2"), 4.0);
    assert_eq!(value("2^-1"), 0.5);
    assert_eq!(value("2^-1^2"), 0.5); // 2^(-(1^2))
    assert_eq!(value("-2^-2"), -0.25); // -(2^(-2))
    // unary minus: repeated, after an operator, before a product
    assert_eq!(value("--3"), 3.0);
    assert_eq!(value("2*-3"), -6.0);
    assert_eq!(value("2 - -3"), 5.0);
    assert_eq!(value("-3*2 + 1"), -5.0);
    assert_eq!(value("-(1 + 2)"), -3.0);
}

#[test]
fn unary_minus_applies_after_the_power() {
    // -x^2 = -(x^2): the node on top is the negation, below it x^2
    let e = parse("-x^2").unwrap();
    let g = Graph::new();
    let (y, leaves) = e.build(&g, &vars(&[("x", 3.0)])).unwrap();
    assert_eq!(y.op(), Op::Neg);
    assert_eq!(g.operands(y)[0].op(), Op::PowConst(2.0));
    g.backward(y);
    // d(-x²)/dx = -2x
    assert_eq!((y.data(), leaves["x"].grad()), (-9.0, -6.0));
}

#[test]
fn numbers() {
    for (src, want) in [
        ("2", 2.0),
        ("0.5", 0.5),
        (".5", 0.5),
        ("2.", 2.0),
        ("1e-3", 1e-3),
        ("2.5E+2", 250.0),
        ("1E3", 1000.0),
        ("12.5e-1", 1.25),
        ("0.1", 0.1),
        ("1e-400", 0.0), // below the smallest f64: rounds to 0, as Rust's parser does
        ("007", 7.0),
    ] {
        assert_eq!(value(src), want, "{src}");
    }
}

#[test]
fn whitespace_anywhere() {
    let (y, grads) = eval(
        " \t\n tanh ( x\t*\n w +b ) \n",
        &[("x", 1.0), ("w", 0.5), ("b", -0.2)],
    );
    let (y2, grads2) = eval("tanh(x*w+b)", &[("x", 1.0), ("w", 0.5), ("b", -0.2)]);
    assert_eq!((y, grads), (y2, grads2));
    assert_eq!(value("  2 ^ 3 ^ 2  "), 512.0);
    assert_eq!(value("pow( 2 ,\t3 )"), 8.0);
}

#[test]
fn variables_are_sorted_distinct_and_one_leaf_each() {
    let e = parse("x*x + exp(b) - a_1 + x").unwrap();
    assert_eq!(e.variables(), ["a_1", "b", "x"]);
    let g = Graph::new();
    let (y, leaves) = e
        .build(&g, &vars(&[("x", 2.0), ("b", 0.0), ("a_1", 1.0)]))
        .unwrap();
    assert_eq!(leaves.keys().collect::<Vec<_>>(), ["a_1", "b", "x"]);
    // x is one leaf, labelled; the three uses are three edges out of it
    let x = leaves["x"];
    assert_eq!(x.op(), Op::Input);
    assert_eq!(x.label().as_deref(), Some("x"));
    let uses = g.values().filter(|v| g.operands(*v).contains(&x)).count();
    assert_eq!(uses, 2); // x*x and (..) + x
    let edges_from_x: usize = g
        .values()
        .map(|v| g.operands(v).iter().filter(|o| **o == x).count())
        .sum();
    assert_eq!(edges_from_x, 3);
    g.backward(y);
    // y = x² + e^b - a + x: dy/dx = 2x + 1 (the gradients of three uses accumulate)
    assert_eq!(x.grad(), 5.0);
    assert_eq!(leaves["b"].grad(), 1.0);
    assert_eq!(leaves["a_1"].grad(), -1.0);
}

#[test]
fn x_times_x_is_one_leaf_with_two_edges() {
    let e = parse("x*x").unwrap();
    assert_eq!(e.node_count(), 2);
    let g = Graph::new();
    let (y, leaves) = e.build(&g, &vars(&[("x", 3.0)])).unwrap();
    assert_eq!((g.len(), g.edge_count()), (2, 2));
    g.backward(y);
    // d(x·x)/dx = x + x = 2x
    assert_eq!(leaves["x"].grad(), 6.0);
}

#[test]
fn numbers_are_constant_nodes() {
    let e = parse("2*x").unwrap();
    let g = Graph::new();
    let (y, leaves) = e.build(&g, &vars(&[("x", 3.0)])).unwrap();
    let ops: Vec<Op> = g.operands(y).iter().map(|v| v.op()).collect();
    assert_eq!(ops, [Op::Const, Op::Input]);
    assert_eq!(y.op(), Op::Mul);
    g.backward(y);
    assert_eq!(leaves["x"].grad(), 2.0);
    // a constant keeps no gradient
    assert_eq!(g.operands(y)[0].grad(), 0.0);
}

#[test]
fn leaves_come_first_in_order_of_first_use() {
    let g = Graph::new();
    let (y, leaves) = parse("tanh(x*w + b)")
        .unwrap()
        .build(&g, &vars(&[("x", 1.0), ("w", 0.5), ("b", -0.2)]))
        .unwrap();
    assert_eq!(
        [leaves["x"], leaves["w"], leaves["b"]].map(Value::index),
        [0, 1, 2]
    );
    assert_eq!(y.index(), 5);
    assert_eq!(g.len(), 6);
}

#[test]
fn every_function_by_name() {
    type Build = for<'g> fn(Value<'g>) -> Value<'g>;
    let table: [(&str, Op, Build); 15] = [
        ("exp", Op::Exp, |x| x.exp()),
        ("log", Op::Log, |x| x.log()),
        ("sqrt", Op::Sqrt, |x| x.sqrt()),
        ("sin", Op::Sin, |x| x.sin()),
        ("cos", Op::Cos, |x| x.cos()),
        ("abs", Op::Abs, |x| x.abs()),
        ("erf", Op::Erf, |x| x.erf()),
        ("step", Op::Step, |x| x.step()),
        ("sigmoid", Op::Sigmoid, |x| x.sigmoid()),
        ("tanh", Op::Tanh, |x| x.tanh()),
        ("relu", Op::Relu, |x| x.relu()),
        ("gelu", Op::Gelu, |x| x.gelu()),
        ("elu", Op::Elu, |x| x.elu()),
        ("silu", Op::Silu, |x| x.silu()),
        ("softplus", Op::Softplus, |x| x.softplus()),
    ];
    for x0 in [0.7, -0.4] {
        for (name, op, by_hand) in table {
            let src = format!("{name}(x)");
            if (name == "log" || name == "sqrt") && x0 < 0.0 {
                continue;
            }
            let g = Graph::new();
            let (y, leaves) = parse(&src).unwrap().build(&g, &vars(&[("x", x0)])).unwrap();
            assert_eq!(y.op(), op, "{src}");
            g.backward(y);
            // the same op written with the library's methods, to the last bit
            let h = Graph::new();
            let x = h.input(x0);
            let z = by_hand(x);
            h.backward(z);
            assert_eq!(y.data().to_bits(), z.data().to_bits(), "{src}");
            assert_eq!(leaves["x"].grad().to_bits(), x.grad().to_bits(), "{src}");
        }
    }
    // every documented name is a function of the language, and nothing else is
    let mut names: Vec<&str> = table.iter().map(|t| t.0).collect();
    names.extend(["leaky_relu", "prelu", "if_positive", "pow"]);
    let mut listed: Vec<&str> = expr::function_names().collect();
    names.sort_unstable();
    listed.sort_unstable();
    assert_eq!(names, listed);
}

#[test]
fn functions_against_their_calculus() {
    use std::f64::consts::PI;
    let x = 0.7f64;
    let s = 1.0 / (1.0 + (-x).exp());
    let phi = (-x * x / 2.0).exp() / (2.0 * PI).sqrt(); // standard normal density
    let cdf = 0.5 * (1.0 + libm::erf(x / 2f64.sqrt()));
    let cases: [(&str, f64, f64); 15] = [
        // (f, f(x), f'(x))
        ("exp(x)", x.exp(), x.exp()),          // (e^x)' = e^x
        ("log(x)", x.ln(), 1.0 / x),           // (ln x)' = 1/x
        ("sqrt(x)", x.sqrt(), 0.5 / x.sqrt()), // (√x)' = 1/(2√x)
        ("sin(x)", x.sin(), x.cos()),          // sin' = cos
        ("cos(x)", x.cos(), -x.sin()),         // cos' = -sin
        ("abs(x)", x, 1.0),                    // |x|' = sign x
        ("erf(x)", libm::erf(x), 2.0 / PI.sqrt() * (-x * x).exp()), // erf' = 2/√π e^-x²
        ("step(x)", 1.0, 0.0),                 // flat on both sides
        ("sigmoid(x)", s, s * (1.0 - s)),      // σ' = σ(1 - σ)
        ("tanh(x)", x.tanh(), 1.0 - x.tanh().powi(2)), // tanh' = 1 - tanh²
        ("relu(x)", x, 1.0),                   // 1 for x > 0
        ("gelu(x)", x * cdf, cdf + x * phi),   // (xΦ)' = Φ + xφ
        ("elu(x)", x, 1.0),                    // x for x > 0
        ("silu(x)", x * s, s + x * s * (1.0 - s)), // (xσ)' = σ + xσ(1 - σ)
        ("softplus(x)", (1.0 + x.exp()).ln(), s), // ln(1 + e^x)' = σ
    ];
    for (src, f, df) in cases {
        let (y, grads) = eval(src, &[("x", x)]);
        assert!(close(y, f), "{src}: {y} vs {f}");
        assert!(close(grads["x"], df), "{src}: {} vs {df}", grads["x"]);
    }
    // the negative side of the piecewise ones: elu(x) = e^x - 1, elu' = e^x; relu' = 0
    let (y, grads) = eval("elu(x) + relu(x) + abs(x)", &[("x", -0.5)]);
    assert!(close(y, (-0.5f64).exp_m1() + 0.5));
    assert!(close(grads["x"], (-0.5f64).exp() - 1.0));
}

#[test]
fn leaky_relu_with_default_and_given_slope() {
    let g = Graph::new();
    let (y, _) = parse("leaky_relu(x)")
        .unwrap()
        .build(&g, &vars(&[("x", -2.0)]))
        .unwrap();
    assert_eq!(y.op(), Op::LeakyRelu(0.01));
    assert_eq!(expr::DEFAULT_LEAKY_SLOPE, 0.01);
    // x < 0: leaky_relu(x) = 0.01 x, derivative 0.01
    let (y, grads) = eval("leaky_relu(x)", &[("x", -2.0)]);
    assert_eq!((y, grads["x"]), (-0.02, 0.01));
    let (y, grads) = eval("leaky_relu(x)", &[("x", 3.0)]);
    assert_eq!((y, grads["x"]), (3.0, 1.0));

    // a slope given as a constant expression is folded into the op: no nodes of its own
    for (src, slope) in [
        ("leaky_relu(x, 0.2)", 0.2),
        ("leaky_relu(x, 1/10)", 0.1),
        ("leaky_relu(x, -0.5)", -0.5),
        ("leaky_relu(x, 2^-2)", 0.25),
    ] {
        let e = parse(src).unwrap();
        assert_eq!(e.node_count(), 2, "{src}");
        let g = Graph::new();
        let (y, leaves) = e.build(&g, &vars(&[("x", -2.0)])).unwrap();
        assert_eq!(y.op(), Op::LeakyRelu(slope), "{src}");
        assert_eq!(g.len(), 2);
        g.backward(y);
        assert_eq!((y.data(), leaves["x"].grad()), (-2.0 * slope, slope));
    }

    let err = parse_err("leaky_relu(x, a)");
    assert_eq!(err.column(), 15);
    assert!(
        err.message()
            .contains("slope of leaky_relu must be a constant")
    );
    assert!(err.message().contains("variable `a`"));
    assert!(err.message().contains("prelu(x, a)"));
    let err = parse_err("leaky_relu(x, 0.1*(y+1))");
    assert_eq!(err.column(), 15);
    assert!(err.message().contains("variable `y`"));
}

#[test]
fn prelu_learns_its_slope() {
    // x < 0: prelu = a x, ∂/∂x = a, ∂/∂a = min(0, x) = x
    let (y, grads) = eval("prelu(x, a)", &[("x", -2.0), ("a", 0.25)]);
    assert_eq!((y, grads["x"], grads["a"]), (-0.5, 0.25, -2.0));
    // x > 0: prelu = x, ∂/∂x = 1, ∂/∂a = 0
    let (y, grads) = eval("prelu(x, a)", &[("x", 3.0), ("a", 0.25)]);
    assert_eq!((y, grads["x"], grads["a"]), (3.0, 1.0, 0.0));
}

/// The op of the output, and the number of nodes built.
fn output_op(src: &str, at: &[(&str, f64)]) -> (Op, usize) {
    let g = Graph::new();
    let (y, _) = parse(src)
        .expect("parses")
        .build(&g, &vars(at))
        .expect("builds");
    (y.op(), g.len())
}

#[test]
fn power_with_a_constant_exponent_is_powconst() {
    let at = [("x", 2.0), ("y", 3.0)];
    // exponent without a variable: the constant-exponent op, the exponent folded in
    assert_eq!(output_op("x^2", &at), (Op::PowConst(2.0), 2));
    assert_eq!(output_op("x^(1+1)", &at), (Op::PowConst(2.0), 2));
    assert_eq!(output_op("x^-1", &at), (Op::PowConst(-1.0), 2));
    assert_eq!(output_op("x^0.5", &at), (Op::PowConst(0.5), 2));
    assert_eq!(output_op("x^3^2", &at), (Op::PowConst(9.0), 2));
    assert_eq!(output_op("pow(x, 3)", &at), (Op::PowConst(3.0), 2));
    assert_eq!(output_op("pow(x, exp(0))", &at), (Op::PowConst(1.0), 2));
    // a constant base is a constant node
    assert_eq!(output_op("2^3", &at), (Op::PowConst(3.0), 2));
    // an exponent with a variable: the general op, even if its value is constant
    assert_eq!(output_op("x^y", &at), (Op::Pow, 3));
    assert_eq!(output_op("2^x", &at), (Op::Pow, 3));
    assert_eq!(output_op("pow(x, y)", &at), (Op::Pow, 3));
    assert_eq!(output_op("x^(y - y)", &at), (Op::Pow, 4));
    // the folded exponent leaves the rest of the expression intact
    assert_eq!(output_op("(x + 1)^(2*3) * y", &at), (Op::Mul, 6));
    assert_eq!(value("(1 + 1)^(2*3) * 2"), 128.0);
}

#[test]
fn power_gradients() {
    // x^3: d/dx = 3x²
    let (y, grads) = eval("x^3", &[("x", -2.0)]);
    assert_eq!((y, grads["x"]), (-8.0, 12.0));
    // x^y: ∂/∂x = y x^(y-1), ∂/∂y = ln(x) x^y
    let (y, grads) = eval("x^y", &[("x", 2.0), ("y", 3.0)]);
    assert_eq!((y, grads["x"]), (8.0, 12.0));
    assert!(close(grads["y"], 2f64.ln() * 8.0));
    // pow(x, y) is the same
    assert_eq!(eval("pow(x, y)", &[("x", 2.0), ("y", 3.0)]), (y, grads));
    // 2^x: d/dx = ln 2 · 2^x
    let (y, grads) = eval("2^x", &[("x", 3.0)]);
    assert_eq!(y, 8.0);
    assert!(close(grads["x"], 2f64.ln() * 8.0));
}

// ---------------------------------------------------------------------------------------
// values and gradients against hand-derived formulas

#[test]
fn a_neuron() {
    // y = tanh(xw + b); with t = tanh(0.3): ∂y/∂w = (1 - t²)·x, ∂y/∂b = 1 - t², ∂y/∂x = (1 - t²)·w
    let (y, grads) = eval("tanh(x*w + b)", &[("x", 1.0), ("w", 0.5), ("b", -0.2)]);
    let t = (1.0f64 * 0.5 - 0.2).tanh();
    assert_eq!(y, t);
    assert!(close(grads["w"], 1.0 - t * t));
    assert!(close(grads["b"], 1.0 - t * t));
    assert!(close(grads["x"], (1.0 - t * t) * 0.5));
}

#[test]
fn the_lectures_chain() {
    // y = f(g(h(w x))) with h = sigmoid, g = tanh, f = exp, at x = 1:
    // dy/dw = f'(g(h)) · g'(h) · h'(w x) · x
    let (w, x) = (0.8f64, 1.0f64);
    let h = 1.0 / (1.0 + (-w * x).exp());
    let g = h.tanh();
    let f = g.exp();
    let dy_dw = f * (1.0 - g * g) * h * (1.0 - h) * x;
    let (y, grads) = eval("exp(tanh(sigmoid(w*x)))", &[("w", w), ("x", x)]);
    assert!(close(y, f));
    assert!(close(grads["w"], dy_dw));
}

#[test]
fn more_hand_derived_gradients() {
    // y = exp(-x²): dy/dx = -2x e^(-x²)
    let x = 0.6f64;
    let (y, grads) = eval("exp(-x^2)", &[("x", x)]);
    assert!(close(y, (-x * x).exp()));
    assert!(close(grads["x"], -2.0 * x * (-x * x).exp()));
    // y = sin(x)/x: dy/dx = (x cos x - sin x)/x²
    let (_, grads) = eval("sin(x)/x", &[("x", x)]);
    assert!(close(grads["x"], (x * x.cos() - x.sin()) / (x * x)));
    // y = (a - b)^2 / 2: ∂/∂a = a - b, ∂/∂b = b - a
    let (y, grads) = eval("(a - b)^2 / 2", &[("a", 3.0), ("b", 1.0)]);
    assert_eq!((y, grads["a"], grads["b"]), (2.0, 2.0, -2.0));
    // micrograd's reuse case: b = a + a, c = b + b gives dc/da = 4
    let (_, grads) = eval("(a + a) + (a + a)", &[("a", 3.0)]);
    assert_eq!(grads["a"], 4.0);
}

#[test]
fn gradients_agree_with_finite_differences() {
    for src in [
        "tanh(x*y + 0.5) * sigmoid(x - y)",
        "log(1 + x^2) / (2 + sin(y))",
        "x^y + pow(y, 3) - sqrt(x*x + y*y)",
        "gelu(x) * silu(y) + softplus(x - y) + erf(x*y)",
        "prelu(x, y) + leaky_relu(x - 2, 0.2) + elu(y - 3)",
        "-x^2 / -(y - 4) ^ 2",
    ] {
        let e = parse(src).unwrap();
        let check = gradcheck(
            |g, v| {
                e.apply(g, |name| match name {
                    "x" => Some(v[0]),
                    "y" => Some(v[1]),
                    _ => None,
                })
                .unwrap()
            },
            &[0.7, 1.3],
        );
        assert!(check.passed(), "{src}: {check}");
    }
}

#[test]
fn apply_builds_on_existing_values() {
    let g = Graph::new();
    let p = g.parameter(3.0);
    let t = g.input(1.0);
    let e = parse("(p - t)^2").unwrap();
    let loss = e
        .apply(&g, |n| match n {
            "p" => Some(p),
            "t" => Some(t),
            _ => None,
        })
        .unwrap();
    g.backward(loss);
    // d(p - t)²/dp = 2(p - t)
    assert_eq!((loss.data(), p.grad()), (4.0, 4.0));
    // a variable without a value: an error, and nothing built
    let before = g.len();
    let err = e.apply(&g, |n| (n == "p").then_some(p)).unwrap_err();
    assert_eq!(err.to_string(), "no value for variable `t`");
    assert_eq!(g.len(), before);
}

#[test]
fn build_names_missing_variables_and_ignores_extra_ones() {
    let e = parse("x*w + b").unwrap();
    let g = Graph::new();
    let err = e.build(&g, &vars(&[("x", 1.0)])).unwrap_err();
    assert!(matches!(err, Error::OutOfRange { .. }));
    assert_eq!(err.to_string(), "no value for variables `b`, `w`");
    assert!(g.is_empty());
    let (y, leaves) = e
        .build(
            &g,
            &vars(&[("x", 1.0), ("w", 2.0), ("b", 3.0), ("unused", 9.0)]),
        )
        .unwrap();
    assert_eq!(y.data(), 5.0);
    assert_eq!(leaves.len(), 3);
}

#[test]
fn constants_are_evaluated_by_the_engine() {
    assert_eq!(parse("2^3^2").unwrap().eval_constant(), Some(512.0));
    assert_eq!(parse("x + 1").unwrap().eval_constant(), None);
    // the folded value and the built graph agree to the last bit
    let src = "tanh(0.3) * exp(1.7) / 3 + gelu(-0.2)";
    assert_eq!(
        parse(src).unwrap().eval_constant().unwrap().to_bits(),
        value(src).to_bits()
    );
}

// ---------------------------------------------------------------------------------------
// errors

#[test]
fn parse_errors_name_the_problem_and_the_column() {
    let cases: &[(&str, usize, &str)] = &[
        ("", 1, "the expression is empty"),
        ("   ", 4, "the expression is empty"),
        ("x +", 4, "after `+`, found the end of the expression"),
        ("x + * y", 5, "after `+`, found `*`"),
        ("* x", 1, "at the start, found `*`"),
        ("tanh(x", 5, "the `(` of `tanh(` is never closed"),
        ("((x)", 1, "this `(` is never closed"),
        ("x)", 2, "unmatched `)`"),
        ("()", 2, "after `(`, found `)`"),
        (
            "tahn(x)",
            1,
            "unknown function `tahn`; did you mean `tanh`?",
        ),
        ("sigmod(x)", 1, "did you mean `sigmoid`?"),
        ("ln(x)", 1, "unknown function `ln`; did you mean `log`?"),
        (
            "foo(x)",
            1,
            "unknown function `foo`; the functions are exp, log",
        ),
        ("x(y + 1)", 1, "to multiply, write `x*(…)`"),
        (
            "tanh(x, y)",
            1,
            "`tanh` takes 1 argument, got 2: write tanh(x)",
        ),
        ("tanh()", 1, "`tanh` takes 1 argument, got none"),
        (
            "pow(x)",
            1,
            "`pow` takes 2 arguments, got 1: write pow(x, y)",
        ),
        (
            "prelu(x)",
            1,
            "`prelu` takes 2 arguments, got 1: write prelu(x, a)",
        ),
        (
            "1 + leaky_relu(x, 1, 2)",
            5,
            "`leaky_relu` takes 1 or 2 arguments, got 3",
        ),
        ("pow(x,)", 7, "after `,`, found `)`"),
        ("x, y", 2, "unexpected `,`"),
        ("(x, y)", 3, "unexpected `,`"),
        ("2x", 2, "found `x`; to multiply, write `2*x`"),
        ("x y", 3, "found `y`; to multiply, write `x*y`"),
        ("2(x)", 2, "to multiply, write `2*(…)`"),
        ("x $ y", 3, "unexpected character `$`"),
        ("x = 1", 3, "unexpected character `=`"),
        ("[x]", 1, "unexpected character `[`: group with ( and )"),
        ("x . 5", 3, "unexpected character `.`"),
        ("1e", 1, "malformed number `1e`"),
        ("2 * 3e+", 5, "malformed number `3e+`"),
        ("1e999", 1, "the number `1e999` is too large"),
        ("tanh", 1, "`tanh` is a function: call it with parentheses"),
        ("x + exp", 5, "`exp` is a function"),
        ("x**2", 3, "powers are written with ^"),
        ("é + x", 1, "unexpected character `é`"),
        ("x + é", 5, "unexpected character `é`"),
        ("x\u{7}", 2, "unexpected character `\\u{7}`"),
    ];
    for &(src, column, message) in cases {
        let err = parse_err(src);
        assert!(
            err.message().contains(message),
            "`{src}`: got {:?}, want {message:?}",
            err.message()
        );
        assert_eq!(err.column(), column, "`{src}`: {err}");
        // the rendered error names the column and puts a caret under it
        let text = err.to_string();
        assert!(text.contains(&format!("(column {column})")), "{text}");
        let marker = text.lines().last().unwrap();
        assert_eq!(marker.chars().count(), 2 + column, "`{src}`:\n{text}");
        assert!(marker.ends_with('^'));
    }
}

#[test]
fn parse_error_display_draws_a_caret() {
    let err = parse_err("tanh(x*w + b))");
    assert_eq!(
        err.to_string(),
        "unmatched `)`: there is no `(` before it for it to close (column 14)\n  \
         tanh(x*w + b))\n               ^"
    );
    // whitespace such as tabs and newlines is drawn as spaces so the caret lines up
    let err = parse_err("x\t+\n*");
    assert_eq!(err.column(), 5);
    assert!(err.to_string().ends_with("\n  x + *\n      ^"));
}

#[test]
fn a_long_expression_is_shown_as_a_window_around_the_error() {
    let src = format!("{}x + $ + {}y", "x + ".repeat(50), "y + ".repeat(50));
    let err = parse_err(&src);
    assert_eq!(err.column(), 205);
    let text = err.to_string();
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[1].starts_with("  …") && lines[1].ends_with('…'),
        "{text}"
    );
    assert!(lines[1].chars().count() < 80);
    // the caret is under the `$`
    let at = lines[2].chars().count() - 1;
    assert_eq!(lines[1].chars().nth(at), Some('$'), "{text}");
}

#[test]
fn parse_errors_convert_into_the_crate_error() {
    let err: Error = parse_err("1 +").into();
    match err {
        Error::Expr(e) => {
            assert_eq!(e.column(), 4);
            let text = e.to_string();
            assert!(text.contains("(column 4)"));
            assert!(text.ends_with('^'));
        }
        other => panic!("expected Error::Expr, got {other:?}"),
    }
    // and `?` does it
    fn run() -> Result<Expr, Error> {
        Ok(parse("1 +")?)
    }
    assert!(matches!(run(), Err(Error::Expr(_))));
}

#[test]
fn names() {
    assert!(expr::is_variable_name("x"));
    assert!(expr::is_variable_name("_w1"));
    assert!(!expr::is_variable_name(""));
    assert!(!expr::is_variable_name("1x"));
    assert!(!expr::is_variable_name("x-y"));
    assert!(!expr::is_variable_name("relu"));
    assert!(expr::is_function_name("leaky_relu"));
    assert_eq!(expr::did_you_mean("X", ["b", "w", "x"]), Some("x"));
    // one letter off a one-letter name is not a typo worth suggesting
    assert_eq!(expr::did_you_mean("q", ["b", "w", "x"]), None);
    assert_eq!(
        expr::did_you_mean("wieght", ["weight", "bias"]),
        Some("weight")
    );
    assert_eq!(expr::did_you_mean("softmax", expr::function_names()), None);
}

#[test]
fn numbers_are_printed_shortest_round_trip() {
    for x in [
        0.1 + 0.2,
        1.0 / 3.0,
        -2.0,
        0.0,
        1e-7,
        -4.5287425868419583e-7,
        1e21,
        123456789.125,
        f64::MIN_POSITIVE,
        f64::MAX,
    ] {
        let text = format_number(x);
        assert_eq!(
            text.parse::<f64>().unwrap().to_bits(),
            x.to_bits(),
            "{text}"
        );
    }
    assert_eq!(format_number(0.5), "0.5");
    assert_eq!(format_number(1e21), "1e21");
    assert_eq!(format_number(f64::INFINITY), "inf");
    assert_eq!(format_number(f64::NEG_INFINITY), "-inf");
}

// ---------------------------------------------------------------------------------------
// non-finite results

/// Builds `src` at `at` and returns the explanation of `try_backward`'s error.
fn explain(src: &str, at: &[(&str, f64)]) -> (String, Error) {
    let e = parse(src).expect("parses");
    let g = Graph::new();
    let built = e.build_with_spans(&g, &vars(at)).expect("builds");
    let err = g.try_backward(built.output).expect_err("not finite");
    (e.explain(&built, &err), err)
}

#[test]
fn non_finite_values_are_traced_to_their_node() {
    let (text, err) = explain("1 + 2*log(x)", &[("x", -1.0)]);
    // nodes: x #0, 1 #1, 2 #2, log #3
    assert!(matches!(
        err,
        Error::NonFinite {
            pass: gradgraph::Pass::Forward,
            node: 3,
            ..
        }
    ));
    assert_eq!(
        text,
        "the forward pass produced NaN at node #3 (log): `log(x)` computes log(-1) = NaN\n  \
         1 + 2*log(x)\n        ^^^^^^"
    );
    let (text, _) = explain("y / (x - x)", &[("x", 2.0), ("y", 1.0)]);
    assert!(
        text.contains("at node #3 (/): `y / (x - x)` computes 1/0 = inf"),
        "{text}"
    );
    let (text, _) = explain("exp(x) * 0", &[("x", 1000.0)]);
    assert!(text.contains("`exp(x)` computes exp(1000) = inf"), "{text}");
    // a negative base in parentheses: -8 ^ (1/3) would read as -(8^(1/3))
    let (text, _) = explain("x^y", &[("x", -8.0), ("y", 1.0 / 3.0)]);
    assert!(
        text.contains("computes (-8)^0.3333333333333333 = NaN"),
        "{text}"
    );
    let (text, _) = explain("x^0.5", &[("x", -4.0)]);
    assert!(text.contains("`x^0.5` computes (-4)^0.5 = NaN"), "{text}");
}

#[test]
fn non_finite_gradients_are_traced_to_their_node() {
    // sqrt(0) = 0 is fine, but its derivative 1/(2√0) is not
    let (text, err) = explain("sqrt(x)", &[("x", 0.0)]);
    assert!(matches!(
        err,
        Error::NonFinite {
            pass: gradgraph::Pass::Backward,
            node: 1,
            ..
        }
    ));
    assert!(
        text.starts_with(
            "the backward pass produced a non-finite gradient at node #1 (sqrt): the local \
             derivative of `sqrt(x)` with respect to `x` is inf at sqrt(0)"
        ),
        "{text}"
    );
    assert!(text.ends_with("\n  sqrt(x)\n  ^^^^^^^"), "{text}");
}

#[test]
fn spans_point_at_the_source_of_each_node() {
    let e = parse("2 * (x + 1)").unwrap();
    let g = Graph::new();
    let built = e.build_with_spans(&g, &vars(&[("x", 0.5)])).unwrap();
    let texts: Vec<&str> = g.values().map(|v| e.text(built.span(v).unwrap())).collect();
    // x first (a leaf), then 2, 1, +, *
    assert_eq!(texts, ["x", "2", "1", "(x + 1)", "2 * (x + 1)"]);
    assert_eq!(
        e.point_at(Span { start: 4, end: 11 }),
        "  2 * (x + 1)\n      ^^^^^^^"
    );
}

// ---------------------------------------------------------------------------------------
// deep and long input: no recursion anywhere

const N: usize = 100_000;

/// Parses, builds at x = 0.5, runs backward and drops everything, reporting the time.
fn deep(name: &str, src: &str) -> (f64, f64) {
    let start = Instant::now();
    let e = parse(src).expect("parses");
    let g = Graph::new();
    let (y, leaves) = e.build(&g, &vars(&[("x", 0.5)])).expect("builds");
    g.try_backward(y).expect("finite");
    let out = (y.data(), leaves["x"].grad());
    drop(e);
    drop(g);
    eprintln!("{name}: {} bytes in {:?}", src.len(), start.elapsed());
    out
}

#[test]
fn a_hundred_thousand_nested_parentheses() {
    let src = format!("{}x{}", "(".repeat(N), ")".repeat(N));
    assert_eq!(deep("nested parentheses", &src), (0.5, 1.0));
}

#[test]
fn a_sum_of_a_hundred_thousand_terms() {
    let src = vec!["x"; N].join(" + ");
    // d(Nx)/dx = N
    assert_eq!(deep("sum", &src), (N as f64 * 0.5, N as f64));
}

#[test]
fn a_hundred_thousand_unary_minuses() {
    let src = format!("{}x", "-".repeat(N));
    // an even number of negations: the identity
    assert_eq!(deep("unary minus", &src), (0.5, 1.0));
    let src = format!("{}x", "-".repeat(N + 1));
    assert_eq!(deep("unary minus", &src), (-0.5, -1.0));
}

#[test]
fn a_hundred_thousand_nested_calls_and_powers() {
    let src = format!("{}x{}", "relu(".repeat(N), ")".repeat(N));
    assert_eq!(deep("nested calls", &src), (0.5, 1.0));
    // x^1^1^…^1 is right-associative: the exponent 1^1^… folds to 1, so x^1
    let src = format!("x{}", "^1".repeat(N));
    assert_eq!(deep("power tower", &src), (0.5, 1.0));
    // x^x^…^x keeps every exponent: N - 1 pending powers on the parser's stack
    let src = vec!["x"; N].join("^");
    let (y, _) = deep("power tower of x", &src);
    assert!(y > 0.0 && y < 1.0);
}

#[test]
fn deep_input_with_a_mistake_is_refused_cleanly() {
    let src = "(".repeat(N) + "x";
    let err = parse_err(&src);
    assert_eq!(err.column(), N);
    assert!(err.message().contains("never closed"));
    assert!(err.to_string().lines().all(|l| l.chars().count() < 80));
    let src = format!("{}x +{}", "tanh(".repeat(N), ")".repeat(N));
    let err = parse_err(&src);
    assert_eq!(err.column(), 5 * N + 4);
}
