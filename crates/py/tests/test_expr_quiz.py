"""gradgraph.expr against the command line's `expr --json`, the quiz, and their errors."""
import json

import pytest

import gradgraph


def test_expr_is_the_command_lines(cli):
    e = gradgraph.expr("tanh(x*w + b)", x=1, w=0.5, b=-0.2)
    done = cli("expr", "tanh(x*w + b)", "--at", "x=1", "--at", "w=0.5", "--at", "b=-0.2",
               "--json", "--trace")
    report = json.loads(done.stdout)
    assert e.value == report["value"]
    assert e.grads == report["grads"]
    assert e.trace == report["trace"]


def test_expr_values():
    e = gradgraph.expr("tanh(x*w + b)", x=1, w=0.5, b=-0.2)
    assert e.value == 0.2913126124515909
    assert e.grads == {"b": 0.9151369618266292, "w": 0.9151369618266292,
                       "x": 0.4575684809133146}
    assert e.trace[0]["op"] == "tanh" and e.trace[0]["upstream"] == 1.0
    assert "#0 x" in e.trace_text()
    assert "f = tanh(x*w + b)" in e.page()
    assert e._repr_html_().startswith("<iframe srcdoc=")


def test_expr_errors_are_the_command_lines(cli):
    with pytest.raises(gradgraph.ExprError) as caught:
        gradgraph.expr("tanh(x*w + ", x=1, w=2)
    done = cli("expr", "tanh(x*w + ", "--at", "x=1", "--at", "w=2", check=False)
    assert done.returncode == 2
    message = str(caught.value)
    assert message.splitlines()[-1].strip() == "^"
    assert message.splitlines()[0] in done.stderr


def test_expr_errors():
    with pytest.raises(gradgraph.ExprError, match="column 12"):
        gradgraph.expr("tanh(x*w + ", x=1)
    with pytest.raises(gradgraph.ExprError, match="no value for variable `b`"):
        gradgraph.expr("x + b", x=1)
    with pytest.raises(gradgraph.ExprError, match="did you mean `x`"):
        gradgraph.expr("x + 1", x=1, X=2)
    with pytest.raises(gradgraph.ExprError, match="log"):
        gradgraph.expr("log(x)", x=-1)
    with pytest.raises(ValueError, match="finite"):
        gradgraph.expr("x", x=float("nan"))
    with pytest.raises(TypeError, match="must be a str"):
        gradgraph.expr(3)
    with pytest.raises(TypeError, match="must be a number"):
        gradgraph.expr("x", x="1")
    assert issubclass(gradgraph.ExprError, ValueError)


def test_quiz_diagnoses():
    x, w, b = (gradgraph.Value(v, label=n) for v, n in [(1.0, "x"), (0.5, "w"), (-0.2, "b")])
    n = x * w + b
    n.label = "n"
    y = n.tanh()
    q = gradgraph.quiz(y)
    assert q.questions[0].startswith("∂f/∂n: n = ")
    wrong = q.check(0, 0.91)  # tanh' taken at the input, not the output
    assert not wrong["right"] and wrong["kind"] == "local_derivative"
    assert "1 - n² with n the input" in wrong["text"]
    right = q.check(0, "1 - 0.2913126124515909^2")
    assert right["right"] and right["text"].startswith("right")
    assert len(gradgraph.quiz(y, scope="leaves")) == 3
    with pytest.raises(IndexError):
        q.check(99, 1.0)
    with pytest.raises(ValueError, match="scope"):
        gradgraph.quiz(y, scope="all")
    with pytest.raises(ValueError, match="not a number"):
        q.check(0, "abc")
    e = gradgraph.quiz("tanh(x*w + b)", x=1, w=0.5, b=-0.2)
    assert len(e) == len(q)
