"""gradgraph.nn against micrograd's nn.py and the demo's recorded losses; MLP.fit and the
command line's `train`."""
import random
import resource

import pytest

from conftest import micrograd_init, micrograd_losses, moons
from gradgraph import Value
from gradgraph.nn import MLP, Layer, Neuron


def test_micrograds_starting_weights_and_reprs():
    random.seed(1337)
    model = MLP(2, [16, 16, 1])
    random.seed(1337)
    expected = [random.uniform(-1, 1) if (i % 3 != 2) else 0 for i in range(48)]
    got = [p.data for p in model.parameters()[:48]]
    assert got == expected  # weights then bias, neuron by neuron, as micrograd draws them
    assert len(model.parameters()) == 337
    assert repr(Neuron(3)) == "ReLUNeuron(3)" and repr(Neuron(3, nonlin=False)) == "LinearNeuron(3)"
    assert repr(model).startswith("MLP of [Layer of [ReLUNeuron(2), ")
    assert repr(model).endswith("Layer of [LinearNeuron(16)]]")
    assert model.parameters()[0].label == "w1.1.1" and model.parameters()[2].label == "b1.1"


def test_micrograd_is_the_same_if_installed():
    micrograd = pytest.importorskip("micrograd.nn")
    random.seed(1337)
    theirs = micrograd.MLP(2, [16, 16, 1])
    random.seed(1337)
    ours = MLP(2, [16, 16, 1])
    assert [p.data for p in theirs.parameters()] == [p.data for p in ours.parameters()]
    assert repr(theirs) == repr(ours)
    x = [0.5, -1.25]
    assert abs(theirs(x).data - ours(x).data) < 1e-12


def test_modules_behave_as_micrograds():
    layer = Layer(2, 1)
    assert isinstance(layer([1.0, 2.0]), Value)  # one neuron: a value, not a list
    assert len(Layer(2, 3)([1.0, Value(2.0)])) == 3
    model = MLP(3, [4, 2])
    out = model([1.0, -2.0, 0.5])
    assert len(out) == 2
    (out[0] + out[1]).backward()
    assert any(p.grad != 0 for p in model.parameters())
    model.zero_grad()
    assert all(p.grad == 0 for p in model.parameters())
    with pytest.raises(ValueError, match="2 inputs"):
        model([1.0, 2.0])


def demo_model():
    model = MLP(2, [16, 16, 1])
    for p, v in zip(model.parameters(), micrograd_init()):
        p.data = v
    return model


def demo_loss(model, X, y):
    # micrograd's demo.ipynb, unchanged but for the import
    inputs = [list(map(Value, xrow)) for xrow in X]
    scores = list(map(model, inputs))
    losses = [(1 + -yi * scorei).relu() for yi, scorei in zip(y, scores)]
    data_loss = sum(losses) * (1.0 / len(losses))
    alpha = 1e-4
    reg_loss = alpha * sum((p * p for p in model.parameters()))
    return data_loss + reg_loss


def test_the_demos_loop_gives_micrograds_losses():
    X, y = moons()
    model = demo_model()
    expected = micrograd_losses()
    for k in range(5):
        total_loss = demo_loss(model, X, y)
        model.zero_grad()
        total_loss.backward()
        learning_rate = 1.0 - 0.9 * k / 100
        for p in model.parameters():
            p.data -= learning_rate * p.grad
        assert abs(total_loss.data - expected[k]) < 1e-12


def test_fit_gives_micrograds_losses():
    X, y = moons()
    model = demo_model()
    params = model.parameters()
    fit = model.fit(X, y, loss="hinge", optimizer="sgd", lr=1.0, lr_end=0.1, l2=1e-4)
    expected = micrograd_losses()
    assert len(fit.losses) == 100
    assert max(abs(a - b) for a, b in zip(fit.losses, expected)) < 1e-12
    assert abs(fit.loss - expected[100]) < 1e-12
    assert fit.accuracy >= 0.99
    assert model.parameters()[0] is params[0]  # trained in place
    assert abs(demo_loss(model, X, y).data - expected[100]) < 1e-12
    html = fit._repr_html_()
    assert html.startswith("<iframe srcdoc=") and "trained by MLP.fit" in html


def test_fit_and_predict_take_numpy():
    np = pytest.importorskip("numpy")
    X, y = moons()
    model = demo_model()
    model.fit(np.array(X), np.array(y).reshape(-1, 1), loss="hinge", steps=3)
    out = model.predict(np.array(X[:4]))
    assert isinstance(out, np.ndarray) and out.shape == (4,)
    assert list(out) == model.predict(X[:4])
    assert abs(out[0] - model(X[0]).data) < 1e-12


def test_fit_is_the_command_lines_train(cli, tmp_path):
    X, y = moons()
    model = MLP(2, [8, 1], activation="tanh")
    start = tmp_path / "start.json"
    model.save(start)
    csv = tmp_path / "moons.csv"
    csv.write_text("x1,x2,y\n" + "".join(f"{a!r},{b!r},{c!r}\n" for (a, b), c in zip(X, y)))
    fit = model.fit(X, y, optimizer="momentum", lr=0.05, steps=20, batch_size=16, l2=1e-3)
    import json
    done = cli("train", "--dataset", csv, "--load", start, "--optimizer", "momentum",
               "--lr", "0.05", "--steps", "20", "--batch-size", "16", "--l2", "1e-3",
               "--json", "--quiet")
    report = json.loads(done.stdout)
    assert report["loss"] == fit.losses  # bit for bit


def test_an_interrupted_fit_leaves_the_weights_as_they_were():
    import os
    import signal
    import threading
    X, y = moons()
    model = demo_model()
    before = [p.data for p in model.parameters()]
    timer = threading.Timer(0.3, lambda: os.kill(os.getpid(), signal.SIGINT))
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        model.fit(X, y, steps=5_000_000)
    timer.join()
    assert [p.data for p in model.parameters()] == before


def test_save_and_load(tmp_path):
    model = MLP(3, [5, 2], activation=["tanh"])
    for name in ["net.json", "net.safetensors"]:
        model.save(tmp_path / name)
        back = MLP.load(tmp_path / name)
        assert [p.data for p in back.parameters()] == [p.data for p in model.parameters()]
        assert repr(back) == repr(model)
        assert back([1.0, 2.0, 3.0])[1].data == model([1.0, 2.0, 3.0])[1].data
    with pytest.raises(OSError):
        MLP.load(tmp_path / "missing.json")
    (tmp_path / "bad.json").write_text("{ not json")
    with pytest.raises(ValueError):
        MLP.load(tmp_path / "bad.json")
    with pytest.raises(FileNotFoundError):
        model.save(tmp_path / "no" / "such" / "dir.json")
    with pytest.raises(TypeError, match="path"):
        model.save(None)
    import os
    import stat
    umask = os.umask(0o022)
    try:
        model.save(tmp_path / "shared.json")
    finally:
        os.umask(umask)
    assert stat.S_IMODE(os.stat(tmp_path / "shared.json").st_mode) == 0o644
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("."))  == []


def test_a_diverging_fit_changes_nothing():
    from gradgraph.nn import dataset
    X, y = dataset("sine", samples=50)
    model = MLP(1, [8, 1])
    before = [p.data for p in model.parameters()]
    with pytest.raises(ValueError, match="the training diverged"):
        model.fit(X, y, optimizer="sgd", lr=1e10)
    assert [p.data for p in model.parameters()] == before
    with pytest.raises(ValueError, match="regression"):
        dataset("sine", labels=(-1, 1))
    with pytest.raises(ValueError, match="3 classes"):
        dataset("blobs", labels=(-1, 1))
    with pytest.raises(TypeError, match="input 1 is a NoneType"):
        model([1.0, None][:1] + [None]) if False else MLP(2, [1])([1.0, None])


def test_bad_input_is_refused_before_any_work():
    X, y = moons()
    model = MLP(2, [4, 1])
    before = [p.data for p in model.parameters()]
    bad = [
        (dict(X=[[0.0, float("nan")]] + X[1:], y=y), ValueError, r"X\[0\]\[1\] is nan"),
        (dict(X=X, y=y[:-1]), ValueError, "99 targets for 100 samples"),
        (dict(X=[[1.0]] * 100, y=y), ValueError, "takes 2 inputs"),
        (dict(X=[["a", 1.0]] * 100, y=y), TypeError, "not a number"),
        (dict(X=X, y=y, steps=-1), ValueError, "at least 0"),
        (dict(X=X, y=y, steps=10**9), ValueError, "steps"),
        (dict(X=X, y=y, lr=float("inf")), ValueError, "lr must be a finite"),
        (dict(X=X, y=y, optimizer="adamw"), ValueError, "optimizer"),
        (dict(X=X, y=y, loss="hinge2"), ValueError, "loss"),
        (dict(X=X, y=y, batch_size=0), ValueError, "batch_size"),
    ]
    for kwargs, error, message in bad:
        with pytest.raises(error, match=message):
            model.fit(kwargs.pop("X"), kwargs.pop("y"), **kwargs)
    assert [p.data for p in model.parameters()] == before
    with pytest.raises(ValueError, match="limit"):
        MLP(2, [10**6, 10**6])
    with pytest.raises(TypeError, match="int"):
        MLP(2.5, [1])
    with pytest.raises(ValueError, match="activation"):
        MLP(2, [3, 1], activation="swish!")
    with pytest.raises(ValueError, match="leaky_relu"):
        MLP(2, [3, 1], activation="prelu")


def test_other_activations_are_the_command_lines():
    # leaky_relu with a slope, as `gradgraph train --activation leaky_relu:0.1` names it
    model = MLP(2, [3, 3, 1], activation=["leaky_relu:0.1", "tanh"])
    assert repr(model.layers[0].neurons[0]) == "leaky_relu:0.1Neuron(2)"
    out = model([0.3, -2.0]).data
    assert model.predict([[0.3, -2.0]]) == [out]


def rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_a_long_loop_keeps_flat_memory():
    # micrograd's loop builds a new graph every step; each is freed with its last reference
    X, y = moons()
    X, y = X[:10], y[:10]
    random.seed(0)
    model = MLP(2, [8, 1])

    def step(k):
        loss = demo_loss(model, X, y)
        model.zero_grad()
        loss.backward()
        for p in model.parameters():
            p.data -= 0.05 * p.grad

    for k in range(1000):
        step(k)
    warm = rss_mib()
    for k in range(1000, 10_000):
        step(k)
    print(f"micrograd's loop: peak RSS {warm:.1f} MiB after 1,000 steps, "
          f"{rss_mib():.1f} MiB after 10,000")
    assert rss_mib() - warm < 16, f"peak RSS grew from {warm:.1f} MiB to {rss_mib():.1f} MiB"


def test_a_net_without_a_hidden_layer(tmp_path):
    # found by the property tests: MLP(2, [1]) could not be saved, fitted or run in Rust
    net = MLP(2, [1])
    net.save(tmp_path / "linear.json")
    back = MLP.load(tmp_path / "linear.json")
    assert [p.data for p in back.parameters()] == [p.data for p in net.parameters()]
    fit = net.fit([[0.0, 1.0], [1.0, 0.0]], [1.0, -1.0], loss="mse", steps=3)
    assert len(fit.losses) == 3
    assert len(net.predict([[0.5, 0.5]])) == 1
