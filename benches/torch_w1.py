"""PyTorch eager on gradgraph's W1 and on the wide net of BENCHMARKS.md, for comparison.

Not part of the tests or CI (PyTorch is not a dependency). Run from the project's root:

    pip install torch numpy
    python3 benches/torch_w1.py [RUNS]

W1 is micrograd's demo on the project's fixtures: the 100 points of tests/fixtures/moons.csv,
an MLP 2-16-16-1 (relu, linear output) starting from tests/fixtures/micrograd_init.txt (337
numbers in micrograd's order: per neuron its weights then its bias), hinge loss
relu(1 - y*score) averaged plus 1e-4 * sum(p^2), 100 full-batch SGD steps with
lr = 1 - 0.9*k/100. `wide` is a 2-64-64-1 net of the same kind on 1,000 moons points
(numpy, seed 1, noise 0.1), 100 steps. Everything in float64 on one thread, batched tensors,
the training loop alone timed. Prints the median of RUNS runs (default 9) and W1's first and
last loss, which must match gradgraph's (loss0 = 1.185509894856 on the fixtures).
"""
import sys
import time

import numpy as np
import torch

torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)


def load_fixtures():
    rows = np.loadtxt("tests/fixtures/moons.csv", delimiter=",", skiprows=1)
    init = np.loadtxt("tests/fixtures/micrograd_init.txt")
    return rows[:, :2], rows[:, 2], init


def moons(n, noise, seed):
    """Two interleaving half circles, labels -1 (upper) and +1 (lower), as gradgraph's."""
    rng = np.random.default_rng(seed)
    up, low = n // 2, n - n // 2
    t_up, t_low = np.linspace(0, np.pi, up), np.linspace(0, np.pi, low)
    x = np.concatenate([np.c_[np.cos(t_up), np.sin(t_up)],
                        np.c_[1 - np.cos(t_low), 0.5 - np.sin(t_low)]])
    y = np.concatenate([-np.ones(up), np.ones(low)])
    return x + noise * rng.standard_normal(x.shape), y


def layers_from(sizes, flat):
    """Weight matrices and bias vectors from parameters in micrograd's order."""
    params, at = [], 0
    for n_in, n_out in zip(sizes, sizes[1:]):
        block = flat[at:at + (n_in + 1) * n_out].reshape(n_out, n_in + 1)
        at += (n_in + 1) * n_out
        params.append(torch.tensor(block[:, :n_in].copy(), requires_grad=True))
        params.append(torch.tensor(block[:, n_in].copy(), requires_grad=True))
    assert at == len(flat)
    return params


def train(params, x, y, steps=100, alpha=1e-4):
    x, y = torch.tensor(x), torch.tensor(y)
    losses = []
    start = time.perf_counter()
    for k in range(steps):
        h = x
        for i in range(0, len(params) - 2, 2):
            h = torch.relu(h @ params[i].T + params[i + 1])
        score = (h @ params[-2].T + params[-1]).squeeze(1)
        data_loss = torch.relu(1 - y * score).mean()
        reg = alpha * sum((p * p).sum() for p in params)
        loss = data_loss + reg
        for p in params:
            p.grad = None
        loss.backward()
        lr = 1.0 - 0.9 * k / steps
        with torch.no_grad():
            for p in params:
                p -= lr * p.grad
        losses.append(loss.item())
    return time.perf_counter() - start, losses


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    x, y, init = load_fixtures()
    times, losses = [], None
    for _ in range(runs):
        t, losses = train(layers_from([2, 16, 16, 1], init), x, y)
        times.append(t)
    print(f"RESULT impl=torch-w1 loop_s={np.median(times):.6f} loss0={losses[0]:.12f} "
          f"loss99={losses[-1]:.12f} runs={runs}")
    sizes = [2, 64, 64, 1]
    rng = np.random.default_rng(1)
    flat = np.concatenate([np.r_[rng.uniform(-1, 1, n_in * n_out), np.zeros(n_out)]
                           for n_in, n_out in zip(sizes, sizes[1:])])
    xw, yw = moons(1000, 0.1, 1)
    times = []
    for _ in range(runs):
        # micrograd's order is per neuron; any fixed init does for timing
        t, _ = train(layers_from(sizes, flat), xw, yw)
        times.append(t)
    print(f"RESULT impl=torch-wide loop_s={np.median(times):.6f} runs={runs}")


if __name__ == "__main__":
    main()
