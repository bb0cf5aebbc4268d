"""Property tests (Hypothesis): whatever a notebook hands the package (expression text, values
of any kind, nets of any shape, training settings, files of any bytes, quiz answers, labels),
the answer is a result or an ``Exception`` with a message, never a crash of the interpreter
and never a Rust panic (``pyo3_runtime.PanicException`` derives from ``BaseException``, so
``except Exception`` does not catch it and these tests fail on it).

Each test runs ``GRADGRAPH_HYPOTHESIS_EXAMPLES`` examples: 100 by default, the same ones
every run (derandomized, so that CI is reproducible); more, drawn at random, for a longer
search (the guide's Correctness chapter gives the command)."""
import math
import operator
import os

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import gradgraph  # noqa: E402
from gradgraph.nn import MLP  # noqa: E402

EXAMPLES = int(os.environ.get("GRADGRAPH_HYPOTHESIS_EXAMPLES", "100"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 100,
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.function_scoped_fixture])

# numbers of every kind a notebook may hold: ordinary, huge, tiny, signed zeros, NaN, ±inf
NUMBERS = st.one_of(
    st.floats(min_value=-3, max_value=3),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.0, -0.0, 1.0, -1.0, 5e-324, 1e308, -1e308, 709.8, -745.2]),
)
# and things that are not numbers
ANYTHING = st.one_of(NUMBERS, st.integers(), st.text(max_size=8), st.none(),
                     st.booleans(), st.lists(st.integers(), max_size=2))

PIECES = ["x", "w", "b", "y1", "+", "-", "*", "/", "^", "(", ")", ",", " ", "1", "0", "2.5",
          "0,5", "1e308", "-1e-320", "tanh", "exp", "log", "sqrt", "sigmoid", "relu", "pow",
          "if_positive", "prelu", "leaky_relu", "gelu", "erf", "abs", "step", "sum", "nan",
          "inf", "é", "\u0000", "#", "x_1", "σ"]
EXPRESSIONS = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


def refused(error):
    """A refusal is an ordinary exception with a message."""
    assert isinstance(error, Exception), repr(error)
    assert str(error), repr(error)


@SETTINGS
@given(text=EXPRESSIONS, values=st.dictionaries(st.sampled_from(["x", "w", "b", "y1", "z"]),
                                                ANYTHING, max_size=4))
def test_any_expression_with_any_values(text, values):
    try:
        e = gradgraph.expr(text, **values)
    except Exception as error:
        refused(error)
        return
    assert math.isfinite(e.value)
    assert set(e.grads) == set(values)
    assert all(isinstance(g, float) for g in e.grads.values())
    assert e.trace_text()


# micrograd's arithmetic, which Python's floats compute exactly as the engine must
ARITHMETIC = [operator.add, operator.sub, operator.mul, operator.truediv]


@SETTINGS
@given(numbers=st.lists(st.floats(min_value=-1e3, max_value=1e3), min_size=2, max_size=8),
       ops=st.lists(st.sampled_from(range(len(ARITHMETIC))), min_size=1, max_size=12),
       picks=st.lists(st.integers(min_value=0, max_value=100), min_size=24, max_size=24))
def test_arithmetic_is_pythons_to_the_bit(numbers, ops, picks):
    leaves = [gradgraph.Value(v) for v in numbers]
    values, floats = list(leaves), list(numbers)
    for k, op in enumerate(ops):
        i, j = picks[2 * k] % len(values), picks[2 * k + 1] % len(values)
        try:
            expected = ARITHMETIC[op](floats[i], floats[j])
        except ZeroDivisionError:
            continue
        if not math.isfinite(expected):
            continue
        values.append(ARITHMETIC[op](values[i], values[j]))
        floats.append(expected)
    out = values[-1]
    assert out.data == floats[-1] or (math.isnan(out.data) and math.isnan(floats[-1]))
    try:
        out.backward()
    except Exception as error:
        refused(error)
        return
    for leaf in leaves:
        assert isinstance(leaf.grad, float)


UNARY = ["exp", "log", "sqrt", "sin", "cos", "abs", "erf", "relu", "tanh", "sigmoid", "gelu",
         "elu", "silu", "softplus", "step", "leaky_relu"]


@SETTINGS
@given(start=NUMBERS, chain=st.lists(st.one_of(st.sampled_from(UNARY),
                                               st.tuples(st.sampled_from(["**", "prelu"]),
                                                         ANYTHING)), max_size=8),
       label=st.text(max_size=20))
def test_any_chain_of_ops_on_any_number(start, chain, label):
    try:
        v = gradgraph.Value(start, label=label)
        for link in chain:
            if isinstance(link, str):
                v = getattr(v, link)()
            elif link[0] == "**":
                v = v ** link[1]
            else:
                v = v.prelu(link[1])
    except Exception as error:
        refused(error)
        return
    try:
        v.backward()
    except Exception as error:
        refused(error)
    assert isinstance(v.data, float)
    for show in (v.to_dot, v.trace, lambda: v.to_latex(standalone=False)):
        try:
            assert isinstance(show(), str)
        except Exception as error:
            refused(error)


@SETTINGS
@given(nin=st.one_of(st.integers(min_value=-2, max_value=4), ANYTHING),
       nouts=st.one_of(st.lists(st.integers(min_value=-1, max_value=4), max_size=3), ANYTHING),
       activation=st.sampled_from(["relu", "tanh", "sigmoid", "linear", "prelu", "nope", "",
                                   None, 3]),
       x=st.lists(NUMBERS, max_size=5))
def test_any_net_on_any_input(nin, nouts, activation, x):
    try:
        net = MLP(nin, nouts, activation=activation)
    except Exception as error:
        refused(error)
        return
    try:
        out = net(x)
    except Exception as error:
        refused(error)
        return
    outs = out if isinstance(out, list) else [out]
    assert all(isinstance(o, gradgraph.Value) for o in outs)


@SETTINGS
@given(rows=st.lists(st.lists(NUMBERS, min_size=2, max_size=2), min_size=0, max_size=6),
       targets=st.lists(st.one_of(st.sampled_from([0, 1, -1, 2]), NUMBERS), max_size=7),
       options=st.fixed_dictionaries({}, optional={
           "loss": st.sampled_from(["mse", "bce", "hinge", "cross_entropy", "nope", None]),
           "optimizer": st.sampled_from(["sgd", "adam", "momentum", "momentum:2", "x", 1]),
           "lr": st.one_of(NUMBERS, st.none()),
           "lr_end": st.one_of(NUMBERS, st.none()),
           "steps": st.one_of(st.integers(min_value=-1, max_value=20), ANYTHING),
           "batch_size": st.one_of(st.integers(min_value=-1, max_value=8), st.none()),
           "l2": NUMBERS,
           "clip_value": st.one_of(NUMBERS, st.none()),
           "clip_norm": st.one_of(NUMBERS, st.none()),
           "seed": st.one_of(st.integers(min_value=-1, max_value=2**70), ANYTHING),
       }))
def test_fit_with_any_data_and_settings(rows, targets, options):
    net = MLP(2, [3, 1])
    before = [p.data for p in net.parameters()]
    try:
        fit = net.fit(rows, targets, **options)
    except Exception as error:
        refused(error)
        # a refused fit leaves the weights as they were
        assert [p.data for p in net.parameters()] == before
        return
    assert all(isinstance(loss, float) for loss in fit.losses)
    assert repr(fit)


@SETTINGS
@given(data=st.one_of(st.binary(max_size=300),
                      st.text(max_size=300).map(str.encode),
                      st.sampled_from([b'{"sizes": [2, 1]}', b"{}", b"[]", b"null",
                                       b'{"layers": [{"weights": [[1e999]]}]}'])),
       safetensors=st.booleans())
def test_load_any_file(tmp_path_factory, data, safetensors):
    path = tmp_path_factory.mktemp("load") / ("m.safetensors" if safetensors else "m.json")
    path.write_bytes(data)
    try:
        net = MLP.load(path)
    except Exception as error:
        refused(error)
        return
    assert net.parameters()


@SETTINGS
@given(sizes=st.lists(st.integers(min_value=1, max_value=4), min_size=1, max_size=3),
       safetensors=st.booleans())
def test_save_and_load_round_trip(tmp_path_factory, sizes, safetensors):
    net = MLP(2, sizes, activation="tanh")
    path = tmp_path_factory.mktemp("save") / ("m.safetensors" if safetensors else "m.json")
    net.save(path)
    back = MLP.load(path)
    assert [p.data for p in back.parameters()] == [p.data for p in net.parameters()]


@SETTINGS
@given(node=st.one_of(st.integers(min_value=-2, max_value=8), ANYTHING),
       answer=st.one_of(st.text(alphabet="0123456789.,-+*/^() xe", max_size=12), ANYTHING))
def test_quiz_any_answer(node, answer):
    x, w, b = gradgraph.Value(1.0), gradgraph.Value(0.5), gradgraph.Value(-0.2)
    q = gradgraph.quiz((x * w + b).tanh())
    try:
        verdict = q.check(node, answer)
    except Exception as error:
        refused(error)
        return
    assert verdict is not None
