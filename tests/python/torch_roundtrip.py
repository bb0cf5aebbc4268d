#!/usr/bin/env python3
"""gradgraph's models in PyTorch and PyTorch's in gradgraph, number for number.

1. The README's Python lines (its ```python block that calls safetensors.torch.load_file),
   run on the model of the README's train command, print the numbers that
   `gradgraph predict --json` gives.
2. Models trained by gradgraph (per-layer activations, batch norm, PReLU, leaky relu, GELU,
   ELU, SiLU, softplus, softmax, regression) load with strict load_state_dict into the
   module their file's metadata names, and predict what `gradgraph predict --json` does.
3. torch.nn.Sequential models saved from PyTorch (float32 and float64, BatchNorm1d with
   running statistics, PReLU, Dropout), read by `gradgraph predict --activation ...
   --output ...`, predict what PyTorch does.

Not part of CI: it needs torch, numpy and safetensors (pip install torch safetensors numpy).
Without them it says so and exits 0. The binary is $GRADGRAPH, or target/debug/gradgraph
after `cargo build`.

    python3 tests/python/torch_roundtrip.py
"""

import json
import math
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

try:
    import numpy
    import safetensors.torch
    import torch
    from safetensors import safe_open
except ImportError as e:
    print(f"skipped: PyTorch, safetensors or numpy is not installed ({e})")
    sys.exit(0)

torch.set_grad_enabled(False)

# gradgraph's numbers and PyTorch's, computed in float64, differ by rounding alone
TOLERANCE = 1e-12
failures = []


def gradgraph_binary():
    if os.environ.get("GRADGRAPH"):
        return os.environ["GRADGRAPH"]
    subprocess.run(["cargo", "build", "--quiet", "--bin", "gradgraph"], cwd=ROOT, check=True)
    return os.path.join(ROOT, "target", "debug", "gradgraph")


GRADGRAPH = gradgraph_binary()


def run(args, cwd):
    out = subprocess.run([GRADGRAPH, *args], cwd=cwd, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"gradgraph {' '.join(args)} failed:\n{out.stderr}")
    return out.stdout


def predict(model, csv, cwd, extra=()):
    text = run(["predict", "--load", model, "--dataset", csv, "--json", *extra], cwd)
    return [p["outputs"] for p in json.loads(text)["predictions"]]


def compare(what, ours, theirs):
    """Records the largest relative difference and the decimal digits that agree."""
    worst = 0.0
    for a_row, b_row in zip(ours, theirs, strict=True):
        for a, b in zip(a_row, b_row, strict=True):
            worst = max(worst, abs(a - b) / max(abs(a), abs(b), 1e-300))
    digits = 17 if worst == 0 else min(17, -math.log10(worst))
    status = "ok" if worst <= TOLERANCE else "MISMATCH"
    print(f"{status:8} {what}: largest relative difference {worst:.1e} ({digits:.1f} digits agree)")
    if worst > TOLERANCE:
        failures.append(what)


def write_csv(path, rows):
    with open(path, "w") as f:
        f.write(",".join(f"x{i + 1}" for i in range(len(rows[0]))) + "\n")
        for r in rows:
            f.write(",".join(repr(float(v)) for v in r) + "\n")


def readme_lines(tmp):
    readme = open(os.path.join(ROOT, "README.md")).read()
    blocks = re.findall(r"```python\n(.*?)```", readme, re.S)
    code = next(b for b in blocks if "safetensors.torch.load_file" in b)
    console = re.findall(r"```console\n(.*?)```", readme, re.S)
    train = next(
        line[2:]
        for block in console
        for line in block.splitlines()
        if line.startswith("$ gradgraph train") and ".safetensors" in line
    )
    args = train.split()[1:]
    csv = next(
        line.split("--dataset ")[1].split()[0]
        for block in console
        for line in block.splitlines()
        if line.startswith("$ gradgraph predict")
    )
    # the README's paths are from the repository's root: run there, with the model in tmp
    model = os.path.join(tmp, "model.safetensors")
    args = [model if a == "model.safetensors" else a for a in args]
    run([*args, "--quiet"], ROOT)
    code = code.replace('"model.safetensors"', repr(model))
    printed = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    theirs = json.loads(printed.strip().splitlines()[-1])
    compare("the README's three lines", predict(model, csv, ROOT), theirs)


def gradgraph_to_torch(tmp):
    configs = [
        ("circles, tanh,relu, sigmoid", ["--dataset", "circles", "--hidden", "6,5", "--activation", "tanh,relu"]),
        ("moons, batch norm, PReLU", ["--dataset", "moons", "--hidden", "6,4", "--activation", "prelu", "--batch-norm", "--batch-size", "20"]),
        ("moons, leaky_relu:0.1,gelu", ["--dataset", "moons", "--hidden", "5,5", "--activation", "leaky_relu:0.1,gelu"]),
        ("blobs, elu,silu, softmax", ["--dataset", "blobs", "--hidden", "6,6", "--activation", "elu,silu"]),
        ("blobs, batch norm, softplus", ["--dataset", "blobs", "--hidden", "5", "--activation", "softplus", "--batch-norm"]),
        ("square, regression, tanh,linear", ["--dataset", "square", "--hidden", "8,4", "--activation", "tanh,linear"]),
        ("xor, no hidden layer", ["--dataset", "xor", "--hidden", "none"]),
    ]
    for k, (what, args) in enumerate(configs):
        model = os.path.join(tmp, f"g{k}.safetensors")
        run(["train", *args, "--steps", "60", "--seed", str(k), "--quiet", "--save", model], tmp)
        n_inputs = int(safe_open(model, "pt").metadata()["sizes"].split(",")[0])
        rows = numpy.random.default_rng(k).uniform(-2, 2, size=(25, n_inputs))
        csv = os.path.join(tmp, f"g{k}.csv")
        write_csv(csv, rows)
        net = eval(safe_open(model, "pt").metadata()["torch"])  # noqa: S307, our own file
        net.load_state_dict(safetensors.torch.load_file(model), strict=True)
        theirs = net(torch.from_numpy(numpy.loadtxt(csv, delimiter=",", skiprows=1, ndmin=2))).tolist()
        compare(f"gradgraph -> PyTorch: {what}", predict(model, csv, tmp), theirs)


def torch_to_gradgraph(tmp):
    nn = torch.nn
    torch.manual_seed(0)
    configs = [
        ("float32, tanh, sigmoid", nn.Sequential(nn.Linear(3, 6), nn.Tanh(), nn.Linear(6, 1)), "tanh", "sigmoid", nn.Sigmoid()),
        ("float64, relu,tanh, softmax", nn.Sequential(nn.Linear(2, 5), nn.ReLU(), nn.Linear(5, 4), nn.Tanh(), nn.Linear(4, 3)).double(), "relu,tanh", "softmax", nn.Softmax(dim=-1)),
        ("BatchNorm1d, PReLU(), Dropout", nn.Sequential(nn.Linear(2, 6), nn.BatchNorm1d(6), nn.PReLU(), nn.Dropout(0.5), nn.Linear(6, 2)), "relu", "linear", None),
        ("BatchNorm1d(affine=False), gelu, a layer without activation", nn.Sequential(nn.Linear(4, 5), nn.BatchNorm1d(5, affine=False), nn.GELU(), nn.Linear(5, 3), nn.BatchNorm1d(3), nn.Linear(3, 1)), "gelu", "linear", None),
    ]
    for k, (what, net, activation, output, last) in enumerate(configs):
        n_inputs = net[0].in_features
        # a few training-mode passes, so that batch norms have running statistics
        net.train()
        for _ in range(3):
            net(torch.randn(16, n_inputs, dtype=net[0].weight.dtype) * 2)
        net.eval()
        model = os.path.join(tmp, f"t{k}.safetensors")
        safetensors.torch.save_file(net.state_dict(), model)
        rows = numpy.random.default_rng(10 + k).uniform(-2, 2, size=(25, n_inputs))
        csv = os.path.join(tmp, f"t{k}.csv")
        write_csv(csv, rows)
        # gradgraph widens float32 exactly: compare with PyTorch computing in float64
        full = nn.Sequential(*net, *( [last] if last else [] )).double()
        theirs = full(torch.from_numpy(rows)).tolist()
        ours = predict(model, csv, tmp, ["--activation", activation, "--output", output])
        compare(f"PyTorch -> gradgraph: {what}", ours, theirs)


with tempfile.TemporaryDirectory() as tmp:
    readme_lines(tmp)
    gradgraph_to_torch(tmp)
    torch_to_gradgraph(tmp)

if failures:
    print(f"{len(failures)} of the comparisons differ by more than {TOLERANCE}")
    sys.exit(1)
print("every prediction agrees")
