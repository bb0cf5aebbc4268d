"""micrograd's ``nn`` on gradgraph's engine: ``Neuron``, ``Layer``, ``MLP``.

The classes, their signatures and their behaviour are micrograd's: weights drawn with
``random.uniform(-1, 1)`` in micrograd's order (``random.seed(1337)`` gives micrograd's demo
its starting weights), a bias starting at 0, ReLU on every layer but the last, calling a
module on a list of numbers or values. A neuron's sum is built in one call into Rust (the
same nodes, in the same order, as micrograd's ``sum(...)``).

What gradgraph adds:

- each parameter is labelled (``w1.2.1``: layer 1, neuron 2, input 1; ``b1.2``), the names
  the live page and the drawings show;
- ``MLP.fit(X, y, ...)`` trains with the whole loop in Rust, with the options and defaults of
  ``gradgraph train``; ``MLP.predict(X)``;
- ``MLP.save(path)`` and ``MLP.load(path)``: the JSON and safetensors files of the command
  line;
- ``activation=`` chooses another activation than ReLU (any of gradgraph's).
"""
import errno
import os
import random
import tempfile

from . import _engine
from ._engine import text as _t
from ._engine import Value

__all__ = ["Module", "Neuron", "Layer", "MLP", "Fit", "dataset"]

# an MLP is one Python object per parameter: a net this large is a mistake, not a plan
MAX_PARAMETERS = 1_000_000


def _positive_int(name, n):
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(_t("py-must-be-int", name=name, type=type(n).__name__))
    if n < 1:
        raise ValueError(_t("py-at-least-one", name=name, value=str(n)))
    return n


class Module:
    """What every module has: its parameters, and ``zero_grad`` to clear their gradients."""

    def zero_grad(self):
        for p in self.parameters():
            p.grad = 0

    def parameters(self):
        return []


class Neuron(Module):
    """``act = b + Σ wi·xi``, then ReLU (or ``activation``) when ``nonlin``."""

    def __init__(self, nin, nonlin=True, activation="relu"):
        _positive_int("nin", nin)
        if nin > MAX_PARAMETERS:
            raise ValueError(_t("py-neuron-size", inputs=nin, limit=MAX_PARAMETERS))
        self.w = [Value(random.uniform(-1, 1)) for _ in range(nin)]
        self.b = Value(0)
        self.nonlin = nonlin
        self.activation, self._op, self._param = _engine.activation(_name(activation))
        self._label("")

    def _label(self, prefix):
        for k, w in enumerate(self.w, 1):
            w.label = f"w{prefix}{k}"
        self.b.label = f"b{prefix[:-1]}" if prefix else "b"

    def __call__(self, x):
        x = _inputs(x, len(self.w))
        if self._op == "relu" or not self.nonlin:
            return _engine.neuron(self.w, self.b, x, bool(self.nonlin))
        act = _engine.neuron(self.w, self.b, x, False)
        if self._op is None:
            return act
        f = getattr(act, self._op)
        return f() if self._param is None else f(self._param)

    def parameters(self):
        return self.w + [self.b]

    def __repr__(self):
        kind = ("ReLU" if self._op == "relu" else self.activation) if self.nonlin \
            else "Linear"
        return f"{kind}Neuron({len(self.w)})"


class Layer(Module):
    """``nout`` neurons of ``nin`` inputs; a layer of one neuron returns a value, not a list."""

    def __init__(self, nin, nout, **kwargs):
        _positive_int("nout", nout)
        _positive_int("nin", nin)
        if nin * nout > MAX_PARAMETERS:
            raise ValueError(_t("py-layer-size", inputs=nin, outputs=nout,
                                limit=MAX_PARAMETERS))
        self.neurons = [Neuron(nin, **kwargs) for _ in range(nout)]
        self._label("")

    def _label(self, prefix):
        for j, n in enumerate(self.neurons, 1):
            n._label(f"{prefix}{j}.")

    def __call__(self, x):
        out = [n(x) for n in self.neurons]
        return out[0] if len(out) == 1 else out

    def parameters(self):
        return [p for n in self.neurons for p in n.parameters()]

    def __repr__(self):
        return f"Layer of [{', '.join(str(n) for n in self.neurons)}]"


class MLP(Module):
    """A multi-layer perceptron: ``MLP(2, [16, 16, 1])`` is micrograd's demo net.

    ``activation`` is the hidden layers' activation, one name for all or one per hidden
    layer (default ``"relu"``, micrograd's); the last layer is linear.
    """

    def __init__(self, nin, nouts, activation="relu"):
        _positive_int("nin", nin)
        nouts = list(nouts)
        if not nouts:
            raise ValueError(_t("py-nouts-empty"))
        for n in nouts:
            _positive_int(_t("py-each-size"), n)
        sz = [nin] + nouts
        total = sum((sz[i] + 1) * sz[i + 1] for i in range(len(nouts)))
        if total > MAX_PARAMETERS:
            raise ValueError(_t("py-mlp-size", count=total, limit=MAX_PARAMETERS))
        hidden = len(nouts) - 1
        if isinstance(activation, str):
            acts = [activation] * hidden
        else:
            acts = list(activation)
            if len(acts) != hidden:
                raise ValueError(_t("py-activations-count", count=len(acts), hidden=hidden))
        acts = [_name(a) for a in acts] + ["relu"]
        self.layers = [Layer(sz[i], sz[i + 1], nonlin=i != len(nouts) - 1, activation=acts[i])
                       for i in range(len(nouts))]
        for i, layer in enumerate(self.layers, 1):
            layer._label(f"{i}.")
        self._fit = None

    def __call__(self, x):
        for layer in self.layers:
            x = layer(x)
        return x

    def parameters(self):
        return [p for layer in self.layers for p in layer.parameters()]

    def __repr__(self):
        return f"MLP of [{', '.join(str(layer) for layer in self.layers)}]"

    # -- gradgraph's additions ------------------------------------------------------------

    def _shape(self):
        sizes = [len(self.layers[0].neurons[0].w)] + [len(l.neurons) for l in self.layers]
        acts = [l.neurons[0].activation for l in self.layers[:-1]]
        return sizes, acts

    def _numbers(self):
        return [p.data for p in self.parameters()]

    def _set_numbers(self, numbers):
        # all at once, checked first: an interrupt cannot leave half of them set
        _engine.set_numbers(self.parameters(), list(numbers))

    def fit(self, X, y, *, loss=None, optimizer="adam", lr=None, lr_end=None, steps=100,
            batch_size=None, l2=0.0, clip_value=None, clip_norm=None, seed=0):
        """Trains the net on ``X`` (one row per sample) and ``y``, the whole loop in Rust.

        The options and their defaults are ``gradgraph train``'s: the loss by default is the
        task's (mse for a regression, bce for the classes 0/1 or -1/1, cross-entropy for more
        classes; ``"hinge"`` is micrograd's demo's), ``optimizer`` is ``"sgd"``,
        ``"momentum"``, ``"momentum:0.8"`` or ``"adam"``, ``lr`` its default rate when left
        out, ``lr_end`` a linear decay over ``steps``, ``batch_size`` the whole data when
        left out, ``l2`` the coefficient of ``Σ p²``. The weights are updated in place (the
        ``Value`` objects keep their identity); returns a ``Fit``: ``losses`` (before each
        update), ``loss`` (after the last), ``accuracy`` or ``rmse``.

        micrograd's demo, in one call::

            model.fit(X, y, loss="hinge", optimizer="sgd", lr=1.0, lr_end=0.1, l2=1e-4)
        """
        sizes, acts = self._shape()
        rows = _rows(X, "X")
        targets = _targets(y, len(rows))
        out = _engine.fit(sizes, acts, self._numbers(), rows, targets, loss=loss,
                          optimizer=str(optimizer), lr=_opt_float(lr, "lr"),
                          lr_end=_opt_float(lr_end, "lr_end"), steps=_count(steps, "steps"),
                          batch_size=None if batch_size is None else _count(batch_size,
                                                                             "batch_size"),
                          l2=_opt_float(l2, "l2"), clip_value=_opt_float(clip_value,
                                                                         "clip_value"),
                          clip_norm=_opt_float(clip_norm, "clip_norm"), seed=_count(seed, "seed"))
        self._set_numbers(out["params"])
        self._fit = Fit(out)
        return self._fit

    def predict(self, X):
        """The net's output for each row of ``X`` (a list, or a NumPy array): a list of
        floats when the net has one output, of lists otherwise; a NumPy array when ``X`` is
        one. Computed in Rust, as ``gradgraph predict``."""
        sizes, acts = self._shape()
        rows = _rows(X, "X")
        out = _engine.predict(sizes, acts, "linear", self._numbers(), rows)
        if sizes[-1] == 1:
            out = [o[0] for o in out]
        if _is_numpy(X):
            import numpy
            return numpy.asarray(out)
        return out

    def save(self, path):
        """Writes the net to ``path``: JSON, or safetensors when the name ends in
        ``.safetensors`` (PyTorch loads it), the files of ``gradgraph train --save``. The file
        is written whole or not at all."""
        path = _path(path)
        sizes, acts = self._shape()
        data = _engine.model_bytes(path.endswith(".safetensors"), sizes, acts, "linear",
                                   self._numbers())
        _write_atomically(path, data)

    @classmethod
    def load(cls, path):
        """A net read from a file of ``save`` or ``gradgraph train --save``."""
        path = _path(path)
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size > MAX_MODEL_BYTES:
                raise ValueError(_t("py-model-too-large", source=path, bytes=size,
                                    limit=MAX_MODEL_BYTES))
            data = f.read()
        sizes, acts, output, numbers = _engine.load(data, path)
        if output != "linear":
            raise ValueError(_t("py-model-output", source=path, output=output))
        # the weights are the file's: the random draws of the constructor are given back
        state = random.getstate()
        try:
            net = cls(sizes[0], sizes[1:], activation=acts)
        finally:
            random.setstate(state)
        net._set_numbers(numbers)
        return net

    def _repr_html_(self):
        if self._fit is None:
            return None
        from ._display import page_html
        return page_html(_engine.net_page(self._fit._page), _t("py-title-net"), zoom=False)


class Fit:
    """What ``MLP.fit`` reports: ``losses`` (before each update), ``loss`` (after the last),
    ``accuracy`` (classification) or ``rmse`` (regression)."""

    def __init__(self, out):
        self.losses = out["losses"]
        self.loss = out["loss"]
        self.accuracy = out["accuracy"]
        self.rmse = out["rmse"]
        self.loss_name = out["loss_name"]
        self._page = out["page"]

    def __repr__(self):
        number = _engine.decimal
        measure = (f"accuracy={number(f'{self.accuracy:.1%}')}" if self.accuracy is not None
                   else f"rmse={number(f'{self.rmse:.6g}')}")
        losses = " -> ".join(number(f"{x:.6g}") for x in (self.losses[:1] + [self.loss]))
        return _t("py-fit-repr", steps=len(self.losses), loss=self.loss_name,
                  losses=f"loss {losses}", measure=measure)

    def _repr_html_(self):
        from ._display import page_html
        return page_html(_engine.net_page(self._page), _t("py-title-net"), zoom=False)


def dataset(name, samples=None, noise=None, seed=0, labels=None):
    """A built-in data set of ``gradgraph train --dataset NAME``: ``xor``, ``circles``,
    ``moons``, ``spiral``, ``blobs``, ``square``, ``reciprocal``, ``sine``. Returns ``(X, y)``:
    the inputs, one list per sample, and the targets (the classes 0, 1, ..., or numbers).
    ``labels=(-1, 1)`` gives two classes as micrograd's demo writes them."""
    X, y = _engine.dataset(str(name), None if samples is None else _count(samples, "samples"),
                           _opt_float(noise, "noise"), _count(seed, "seed"))
    if labels is not None:
        labels = list(labels)
        classes = sorted(set(y))
        if any(t != int(t) for t in classes):
            raise ValueError(_t("py-labels-regression", name=name))
        if len(labels) != len(classes):
            raise ValueError(_t("py-labels-count", name=name, classes=len(classes),
                                labels=len(labels)))
        y = [labels[int(t)] for t in y]
    return X, y


# the largest model file `load` reads
MAX_MODEL_BYTES = 256 << 20


def _path(path):
    """A file's path as a str: a str, bytes or a path object (``pathlib.Path``)."""
    if isinstance(path, (str, bytes)) or hasattr(path, "__fspath__"):
        return os.fsdecode(os.fspath(path))
    raise TypeError(_t("py-path-type", type=type(path).__name__))


def _write_atomically(path, data):
    """Writes ``data`` to ``path`` through a temporary file in its folder, renamed over it
    once whole: a failed write leaves the file as it was. The file gets the permissions a new
    file gets (the umask's)."""
    folder = os.path.dirname(os.path.abspath(path))
    if os.path.isdir(path):
        raise IsADirectoryError(errno.EISDIR, _t("py-model-folder"), path)
    if not os.path.isdir(folder):
        raise FileNotFoundError(errno.ENOENT, _t("py-model-no-folder"), path)
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=".gradgraph-", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def _name(activation):
    if not isinstance(activation, str):
        raise TypeError(_t("py-activation-type", type=type(activation).__name__))
    return activation


def _is_numpy(x):
    return type(x).__module__ == "numpy"


def _inputs(x, n):
    if _is_numpy(x):
        x = x.tolist()
    try:
        x = list(x)
    except TypeError:
        raise TypeError(_t("py-call-type", count=n, type=type(x).__name__)) from None
    if len(x) != n:
        raise ValueError(_t("py-inputs-count", weights=n, inputs=len(x)))
    for i, v in enumerate(x):
        if not isinstance(v, Value) and (isinstance(v, (str, bytes)) or
                                         not hasattr(v, "__float__")):
            raise TypeError(_t("py-input-type", index=i, type=type(v).__name__))
    return x


def _rows(X, name):
    if _is_numpy(X):
        X = X.tolist()
    try:
        rows = [list(r.tolist() if _is_numpy(r) else r) for r in X]
    except TypeError:
        raise TypeError(_t("py-rows-type", name=name)) from None
    for i, r in enumerate(rows):
        for j, v in enumerate(r):
            if isinstance(v, (str, bytes)) or not hasattr(v, "__float__"):
                raise TypeError(_t("py-cell-type", name=name, row=i, column=j,
                                   type=type(v).__name__))
    return [[float(v) for v in r] for r in rows]


def _targets(y, n):
    if _is_numpy(y):
        y = y.reshape(-1).tolist() if y.ndim == 2 and y.shape[1] == 1 else y.tolist()
    try:
        y = list(y)
    except TypeError:
        raise TypeError(_t("py-targets-type")) from None
    out = []
    for i, v in enumerate(y):
        if isinstance(v, (list, tuple)) and len(v) == 1:
            v = v[0]
        if isinstance(v, (str, bytes)) or not hasattr(v, "__float__"):
            raise TypeError(_t("py-target-type", index=i, type=type(v).__name__))
        out.append(float(v))
    return out


def _opt_float(v, name):
    if v is None:
        return None
    if isinstance(v, (str, bytes)) or not hasattr(v, "__float__"):
        raise TypeError(_t("py-must-be-number", name=name, type=type(v).__name__))
    return float(v)


def _count(v, name):
    if isinstance(v, bool) or not isinstance(v, int):
        raise TypeError(_t("py-must-be-int", name=name, type=type(v).__name__))
    if v < 0:
        raise ValueError(_t("py-at-least-zero", name=name, value=str(v)))
    return v
