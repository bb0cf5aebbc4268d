"""gradgraph.Value against micrograd's own tests, hand-derived values and the Rust engine."""
import math

import pytest

import gradgraph
from gradgraph import Value


def test_sanity_check():
    # micrograd's test_sanity_check; y = -20 and dy/dx = 46 derived by hand:
    # z = 3x + 2 = -10 < 0, q = zx = 40, h = z² = 100, y = h + q + qx
    x = Value(-4.0)
    z = 2 * x + 2 + x
    q = z.relu() + z * x
    h = (z * z).relu()
    y = h + q + q * x
    y.backward()
    assert y.data == -20.0
    assert x.grad == 46.0


def test_more_ops():
    # micrograd's test_more_ops and its README: 24.7041, dg/da = 138.8338, dg/db = 645.5773
    g, a_grad, b_grad = readme_example(Value)
    assert abs(g - 24.70408163265306) < 1e-12
    assert abs(a_grad - 138.83381924198252) < 1e-10
    assert abs(b_grad - 645.5772594752186) < 1e-10


def test_the_lectures_neuron():
    # nn-zero-to-hero's neuron: o = tanh(x1 w1 + x2 w2 + b), with its labels
    x1, x2 = Value(2.0, label="x1"), Value(0.0, label="x2")
    w1, w2 = Value(-3.0, label="w1"), Value(1.0, label="w2")
    b = Value(6.8813735870195432, label="b")
    n = x1 * w1 + x2 * w2 + b
    n.label = "n"
    o = n.tanh()
    o.label = "o"
    o.backward()
    assert abs(o.data - math.sqrt(0.5)) < 1e-12
    assert abs(x1.grad - (-1.5)) < 1e-12 and abs(w1.grad - 1.0) < 1e-12
    assert x2.grad == pytest.approx(0.5) and w2.grad == 0.0
    assert o._op == "tanh" and n._op == "+" and x1._op == ""
    assert (x1 * w1)._op == "*" and (x1 ** 2)._op == "**2" and x1.relu()._op == "ReLU"
    assert repr(o) == f"Value(data={o.data!r}, grad=1.0, label='o')"
    assert repr(Value(2.0)) == "Value(data=2.0, grad=0.0)"


def test_the_lectures_manual_backward():
    # stepping the chain rule by hand, as the lecture does before backward()
    a, b = Value(2.0), Value(-3.0)
    c = a * b
    d = c + Value(10.0)
    d.grad = 1.0
    d._backward()
    c._backward()
    assert (c.grad, a.grad, b.grad) == (1.0, -3.0, 2.0)


def draw_dot_nodes(root):
    """The lecture's trace(): _prev walked into sets, nodes keyed by id()."""
    nodes, edges = set(), set()

    def build(v):
        if v not in nodes:
            nodes.add(v)
            for child in v._prev:
                edges.add((child, v))
                build(child)

    build(root)
    return {id(n) for n in nodes}, edges


def test_prev_gives_the_same_objects():
    x = Value(3.0)
    y = x * x + x
    ids, edges = draw_dot_nodes(y)
    # x, x*x and the sum: x is one node however it is reached
    assert len(ids) == 3 and len(edges) == 3
    (square,) = [c for c in y._prev if c is not x]
    assert x in square._prev and len(square._prev) == 1
    # no __eq__ comparing numbers: two values of the same number stay two nodes
    assert Value(1.0) != Value(1.0) and len({Value(1.0), Value(1.0)}) == 2


def test_every_op_of_the_table_is_a_method():
    x = Value(0.3)
    for name in ["exp", "log", "sqrt", "sin", "cos", "abs", "erf", "relu", "tanh", "sigmoid",
                 "gelu", "elu", "silu", "softplus", "step", "leaky_relu"]:
        y = getattr(x, name)()
        assert y._op == ("ReLU" if name == "relu" else name)
        y.backward()
    assert x.prelu(Value(0.1)).data == 0.3
    assert (2 ** x)._op == "**" and (x ** Value(2.0)).data == pytest.approx(0.09)


def test_numbers_on_either_side():
    x = Value(2.0)
    assert [v.data for v in (x + 1, 1 + x, x - 1, 1 - x, x * 3, 3 * x, x / 4, 4 / x, -x)] == \
        [3.0, 3.0, 1.0, -1.0, 6.0, 6.0, 0.5, 2.0, -2.0]


def test_gradients_accumulate_as_in_pytorch():
    x = Value(3.0)
    y = x * x
    y.backward()
    y.backward()
    assert x.grad == 12.0  # twice 6
    assert y.grad == 1.0  # the output's own is set to 1, as micrograd's


def test_copies_and_pickles_keep_the_graph():
    import copy
    import pickle
    x = Value(3.0, label="x")
    c = 2 * x  # a constant leaf
    y = (c * x).tanh()
    y.backward()
    for twin in (copy.deepcopy(y), pickle.loads(pickle.dumps(y))):
        assert (twin.data, twin.grad, twin._op, twin.label) == (y.data, y.grad, "tanh", "")
        (product,) = twin._prev
        a, b = product.operands
        assert b in a._prev  # x reached twice is one object in the copy too
        b.grad = 0.0
        twin.backward()
        assert b.grad == x.grad
    assert copy.copy(x) is not x and copy.copy(x).data == 3.0


def test_quiz_answered_on_another_thread():
    import threading
    made = {}
    x = Value(0.5, label="x")
    y = (x * x).tanh()
    worker = threading.Thread(target=lambda: made.update(q=gradgraph.quiz(y)))
    worker.start()
    worker.join()
    assert made["q"].check(0, 1.0)["right"] in (True, False)
    assert "Quiz on" in repr(made["q"])


def test_the_engine_gives_the_same_bits():
    # the same expression through the engine's parser (the command line's expr): equal bits
    x, w, b = Value(0.7), Value(-1.3), Value(0.25)
    f = ((x * w + b).tanh() * x).exp() / (w * w + 1) - (b.sigmoid() + x).log()
    f.backward()
    e = gradgraph.expr("exp(tanh(x*w + b)*x) / (w*w + 1) - log(sigmoid(b) + x)",
                       x=0.7, w=-1.3, b=0.25)
    assert f.data == e.value
    assert (x.grad, w.grad, b.grad) == (e.grads["x"], e.grads["w"], e.grads["b"])


def test_a_deep_chain_is_built_differentiated_and_freed():
    x = Value(1.0)
    s = x
    for _ in range(200_000):
        s = s + x
    s.backward()
    assert x.grad == 200_001.0
    del s  # freed one node at a time, not by recursion


def test_bad_input_is_an_exception():
    with pytest.raises(ValueError, match="finite"):
        Value(float("nan"))
    with pytest.raises(ValueError, match="finite"):
        Value(1.0) + float("inf")
    with pytest.raises(TypeError, match="number, not str"):
        Value("1")
    with pytest.raises(TypeError):
        Value(1.0) + "a"
    with pytest.raises(TypeError, match="label must be a str"):
        Value(1.0).label = 3
    v = Value(1.0)
    with pytest.raises(ValueError):
        v.data = float("inf")
    assert v.data == 1.0
    with pytest.raises(ValueError, match="_op"):
        Value(1.0, (v,), "frobnicate")
    with pytest.raises(TypeError, match="child must be a Value"):
        Value(1.0, (1, 2), "+")
    with pytest.raises(ValueError, match="too large for a float"):
        Value(10**400)


def test_pictures_and_texts():
    x, w = Value(1.0, label="x"), Value(0.5, label="w")
    y = (x * w).tanh()
    y.label = "y"
    assert "digraph gradgraph" in y.to_dot()
    assert y.trace().startswith("backward pass, output first")
    assert "#0 x" in y.trace()
    assert r"\begin{document}" in y.to_latex()
    page = y.page()
    assert page.startswith("<!DOCTYPE html>") and '"label":"w"' in page
    html = y._repr_html_()
    assert html.startswith("<iframe srcdoc=") and "&lt;!DOCTYPE html&gt;" in html
    if gradgraph._engine.graphviz_installed():
        assert y.to_svg().lstrip().startswith("<?xml")
        assert "tikzpicture" in y.to_tikz()
    else:
        with pytest.raises(RuntimeError, match="Graphviz"):
            y.to_svg()


def readme_example(Value):
    # micrograd's README example, run as written
    a = Value(-4.0)
    b = Value(2.0)
    c = a + b
    d = a * b + b**3
    c += c + 1
    c += 1 + c + (-a)
    d += d * 2 + (b + a).relu()
    d += 3 * d + (b - a).relu()
    e = c - d
    f = e**2
    g = f / 2.0
    g += 10.0 / f
    g.backward()
    return g.data, a.grad, b.grad


def test_micrograds_readme_gives_micrograds_numbers_if_installed():
    engine = pytest.importorskip("micrograd.engine")
    theirs = readme_example(engine.Value)
    ours = readme_example(Value)
    assert all(abs(t - o) <= 1e-12 * max(1.0, abs(t)) for t, o in zip(theirs, ours)), (theirs, ours)


def test_display_modes(capsys):
    pytest.importorskip("IPython")
    x = Value(1.0, label="x")
    y = (x * 0.5).tanh()
    gradgraph.display(y, mode="trace")
    assert capsys.readouterr().out.startswith("backward pass, output first")
    gradgraph.display(gradgraph.expr("x*2", x=1), mode="trace")
    assert "#0 x" in capsys.readouterr().out
    gradgraph.display(y, height=400)
    with pytest.raises(ValueError, match="mode must be one of"):
        gradgraph.display(y, mode="png")
    with pytest.raises(ValueError, match="200 to 4000"):
        gradgraph.display(y, height=10)
    assert 'height:650px' in y._repr_html_()
    # the page's engine and Graphviz travel compressed, with both languages' texts: an
    # output is about 1.45 MB
    assert len(y._repr_html_()) < 1_550_000
