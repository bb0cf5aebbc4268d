"""gradgraph-live against micrograd 0.1.0: micrograd's demo, timed in one run.

    python crates/py/bench.py [--steps N] [--repeats R] [--memory-steps M]

Needs the two packages in the running Python (``pip install micrograd==0.1.0`` and the
gradgraph-live wheel) and nothing else. The data are the repository's: the 100 moons of
tests/fixtures/moons.csv (labels -1/1), the starting weights of micrograd_init.txt (set as
``p.data`` in ``parameters()`` order) and the losses of micrograd_losses.txt, which every
loop below must reproduce to 1e-12 or the script stops with an error (exit status 1).

What it measures:

1. **micrograd-style**: micrograd's demo loop (tests/fixtures/micrograd_reference.py: the
   hinge loss ``relu(1 - y*score)`` averaged plus ``1e-4 * sum(p*p)``, ``zero_grad``,
   ``backward``, SGD with ``lr = 1.0 - 0.9*k/100``) on ``MLP(2, [16, 16, 1])``, run once with
   micrograd's ``Value`` and ``MLP`` and once with gradgraph's: the same function, only the
   import differs. Each step (forward, backward, update) is timed on its own; steps 0..N-1
   (``--steps``, 10 by default) from the starting weights, R times (``--repeats``, 5 by
   default), the two implementations in blocks of N steps that alternate, the first of each
   repeat rotating, each block after a garbage collection. Reported: the median seconds per
   step of each and the ratio micrograd / gradgraph.
2. **fit**: ``MLP.fit(X, y, loss="hinge", optimizer="sgd", lr=1.0, lr_end=0.1, l2=1e-4,
   steps=100)``, the whole 100-step training in Rust, 5 whole runs per repeat (between the
   blocks above), each from the starting weights. Reported: the median time of a run, against
   micrograd's 100 steps estimated as its median seconds per step x 100.
3. **memory**: the micrograd-style gradgraph loop (a new graph every step) for M steps
   (``--memory-steps``, 10,000 by default; 0 skips it) in a child process, started before any
   timing (Linux carries a parent's peak RSS into its child through ``exec``). Reported: the
   peak resident set size (``resource.getrusage(RUSAGE_SELF).ru_maxrss``) before the loop
   and after 1, 10, 100, 1,000, 10,000 ... steps, and beside it the child's own peak
   (``VmHWM`` of /proc/self/status, where there is one). The demo's learning rate is kept for
   the first 100 steps, then held at 0.1 (the demo's schedule turns negative at step 112).

The machine this runs on may be shared: the figures are medians, and the two implementations
see the same load because they alternate.
"""
import argparse
import gc
import os
import resource
import statistics
import subprocess
import sys
import time

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests",
                        "fixtures")
TOLERANCE = 1e-12
FIT_RUNS_PER_REPEAT = 5


def fail(message):
    sys.exit(f"bench.py: error: {message}")


def read_fixtures():
    X, y = [], []
    with open(os.path.join(FIXTURES, "moons.csv")) as f:
        next(f)  # header x1,x2,y
        for line in f:
            if line.strip():
                *xs, label = (float(v) for v in line.split(","))
                X.append(xs)
                y.append(label)  # -1 or 1
    with open(os.path.join(FIXTURES, "micrograd_init.txt")) as f:
        init = [float(line) for line in f if line.strip()]
    with open(os.path.join(FIXTURES, "micrograd_losses.txt")) as f:
        losses = [float(line) for line in f if line.strip()]
    if len(X) != 100 or len(init) != 337 or len(losses) != 101:
        fail(f"unexpected fixtures in {FIXTURES}: {len(X)} points, {len(init)} weights, "
             f"{len(losses)} losses")
    return X, y, init, losses


def implementations():
    from micrograd.engine import Value as MicrogradValue
    from micrograd.nn import MLP as MicrogradMLP
    from gradgraph import Value as GradgraphValue
    from gradgraph.nn import MLP as GradgraphMLP
    return {"micrograd": (MicrogradValue, MicrogradMLP),
            "gradgraph": (GradgraphValue, GradgraphMLP)}


def demo_model(MLP, init):
    model = MLP(2, [16, 16, 1])  # 2-layer neural network
    params = model.parameters()
    if len(params) != len(init):
        fail(f"the model has {len(params)} parameters, the fixture {len(init)}")
    for p, v in zip(params, init):
        p.data = v
    return model


def demo_step(Value, model, X, y, k, learning_rate=None):
    """One step of micrograd's demo (demo.ipynb, full batch), as micrograd_reference.py
    writes it; returns the loss before the update."""
    # loss function
    inputs = [list(map(Value, xrow)) for xrow in X]
    # forward the model to get scores
    scores = list(map(model, inputs))
    # svm "max-margin" loss
    losses = [(1 + -yi * scorei).relu() for yi, scorei in zip(y, scores)]
    data_loss = sum(losses) * (1.0 / len(losses))
    # L2 regularization
    alpha = 1e-4
    reg_loss = alpha * sum((p * p for p in model.parameters()))
    total_loss = data_loss + reg_loss
    # also get accuracy
    accuracy = [(yi > 0) == (scorei.data > 0) for yi, scorei in zip(y, scores)]
    acc = sum(accuracy) / len(accuracy)

    # backward
    model.zero_grad()
    total_loss.backward()

    # update (sgd)
    if learning_rate is None:
        learning_rate = 1.0 - 0.9 * k / 100
    for p in model.parameters():
        p.data -= learning_rate * p.grad
    return total_loss.data, acc


def check_loss(name, k, got, expected):
    if not abs(got - expected) <= TOLERANCE:
        fail(f"{name}: the loss of step {k} is {got!r}, micrograd_losses.txt says "
             f"{expected!r} (difference {abs(got - expected):.3g} > {TOLERANCE:g})")


def time_steps(name, Value, MLP, data, steps):
    """Steps 0..steps-1 from the starting weights: the seconds of each step, and the losses."""
    X, y, init, expected = data
    model = demo_model(MLP, init)
    seconds, losses = [], []
    for k in range(steps):
        t0 = time.perf_counter()
        loss, _ = demo_step(Value, model, X, y, k)
        seconds.append(time.perf_counter() - t0)
        check_loss(name, k, loss, expected[k])
        losses.append(loss)
    return seconds, losses


def time_fit(MLP, data):
    X, y, init, expected = data
    model = demo_model(MLP, init)
    t0 = time.perf_counter()
    fit = model.fit(X, y, loss="hinge", optimizer="sgd", lr=1.0, lr_end=0.1, l2=1e-4,
                    steps=100)
    seconds = time.perf_counter() - t0
    if len(fit.losses) != 100:
        fail(f"fit: {len(fit.losses)} losses for 100 steps")
    for k, loss in enumerate(fit.losses):
        check_loss("fit", k, loss, expected[k])
    check_loss("fit (after the last step)", 100, fit.loss, expected[100])
    return seconds, max(abs(a - b) for a, b in zip(fit.losses + [fit.loss], expected))


def peak_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def own_peak_mib():
    """The process's own peak RSS (Linux's VmHWM, not inherited through exec), or None."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return None


def memory_child(steps):
    """The child process of part 3: one line per checkpoint, `steps ru_maxrss_mib vmhwm_mib`."""
    data = read_fixtures()
    X, y, init, expected = data
    Value, MLP = implementations()["gradgraph"]
    model = demo_model(MLP, init)
    checkpoints = {10 ** e for e in range(9) if 10 ** e <= steps} | {steps}
    print(f"0 {peak_rss_mib():.1f} {own_peak_mib()}", flush=True)
    t0 = time.perf_counter()
    for k in range(steps):
        lr = max(1.0 - 0.9 * k / 100, 0.1)  # the demo's schedule, then held at 0.1
        loss, _ = demo_step(Value, model, X, y, k, learning_rate=lr)
        if k < 100:
            check_loss("memory run", k, loss, expected[k])
        elif loss != loss or loss in (float("inf"), float("-inf")):
            fail(f"memory run: the loss of step {k} is {loss}")
        if k + 1 in checkpoints:
            print(f"{k + 1} {peak_rss_mib():.1f} {own_peak_mib()}", flush=True)
    print(f"seconds {time.perf_counter() - t0:.3f} loss {loss!r}", flush=True)


def run_memory(steps):
    print(f"memory: the micrograd-style gradgraph loop for {steps:,} steps in a child process "
          f"(this process's peak RSS now: {peak_rss_mib():.1f} MiB)", flush=True)
    child = subprocess.run([sys.executable, os.path.abspath(__file__), "--memory-child",
                            str(steps)], capture_output=True, text=True)
    if child.returncode != 0:
        fail(f"the memory run failed (exit status {child.returncode}):\n{child.stderr}")
    rows, tail = [], ""
    for line in child.stdout.splitlines():
        if line.startswith("seconds"):
            tail = line
        else:
            n, mib, own = line.split()
            rows.append((int(n), float(mib), None if own == "None" else float(own)))
    print(f"  {'steps':>8}  {'peak RSS (ru_maxrss)':>20}  {'own peak (VmHWM)':>16}")
    for n, mib, own in rows:
        label = "before" if n == 0 else f"{n:,}"
        own = "-" if own is None else f"{own:.1f} MiB"
        print(f"  {label:>8}  {mib:16.1f} MiB  {own:>16}")
    _, secs, _, loss = tail.split()
    secs = float(secs)
    print(f"  {secs:.1f} s in all, {secs / steps * 1e3:.1f} ms a step; final loss {loss}")
    print()


def fmt_seconds(s):
    return f"{s:.3f} s" if s >= 1 else f"{s * 1e3:.2f} ms"


def main():
    parser = argparse.ArgumentParser(
        description="gradgraph-live against micrograd 0.1.0 on micrograd's demo")
    parser.add_argument("--steps", type=int, default=10,
                        help="steps timed per block, from step 0 (1-100; default 10)")
    parser.add_argument("--repeats", type=int, default=5,
                        help="blocks of each implementation, alternated (default 5)")
    parser.add_argument("--memory-steps", type=int, default=10_000,
                        help="steps of the memory run (default 10000; 0 skips it)")
    parser.add_argument("--memory-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child is not None:
        memory_child(args.memory_child)
        return
    if not 1 <= args.steps <= 100:
        parser.error("--steps must be between 1 and 100 (the fixture's 100 steps)")
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")
    if args.memory_steps < 0:
        parser.error("--memory-steps must be at least 0")

    import gradgraph
    import micrograd
    impls = implementations()
    data = read_fixtures()
    expected = data[3]
    print(f"Python {sys.version.split()[0]}; micrograd from {os.path.dirname(micrograd.__file__)}"
          f"; gradgraph from {os.path.dirname(gradgraph.__file__)}")
    print()

    # 3 first: the child would otherwise start from this process's grown memory
    if args.memory_steps:
        run_memory(args.memory_steps)

    steps, repeats = args.steps, args.repeats
    per_step = {"micrograd": [], "gradgraph": []}
    block_medians = {"micrograd": [], "gradgraph": []}
    first_losses = {}
    worst = {"micrograd": 0.0, "gradgraph": 0.0, "fit": 0.0}  # largest |loss - fixture|
    runs_differ = {"micrograd": False, "gradgraph": False}
    fit_seconds = []
    blocks = ["micrograd", "gradgraph", "fit"]
    print(f"timing: {repeats} repeats of {steps} steps of each implementation and "
          f"{FIT_RUNS_PER_REPEAT} runs of fit, alternated", flush=True)
    for r in range(repeats):
        order = blocks[r % 3:] + blocks[:r % 3]
        for block in order:
            gc.collect()  # the other block's garbage is not this one's cost
            if block == "fit":
                for _ in range(FIT_RUNS_PER_REPEAT):
                    seconds, difference = time_fit(impls["gradgraph"][1], data)
                    fit_seconds.append(seconds)
                    worst["fit"] = max(worst["fit"], difference)
                print(f"  repeat {r + 1}: fit         median "
                      f"{fmt_seconds(statistics.median(fit_seconds[-FIT_RUNS_PER_REPEAT:]))} "
                      "a run of 100 steps", flush=True)
                continue
            Value, MLP = impls[block]
            seconds, losses = time_steps(block, Value, MLP, data, steps)
            per_step[block] += seconds
            block_medians[block].append(statistics.median(seconds))
            first_losses.setdefault(block, losses)
            worst[block] = max([worst[block]] + [abs(a - b) for a, b in zip(losses, expected)])
            runs_differ[block] |= losses != first_losses[block]
            print(f"  repeat {r + 1}: {block:<11} median {fmt_seconds(block_medians[block][-1])}"
                  " a step", flush=True)
    print()

    print(f"losses of steps 0-{steps - 1} (each checked against micrograd_losses.txt "
          f"to {TOLERANCE:g}; fit checked on all 100 steps and the final loss):")
    print(f"  {'step':>4}  {'micrograd':>22}  {'gradgraph':>22}  {'|difference|':>12}")
    for k in range(steps):
        a, b = first_losses["micrograd"][k], first_losses["gradgraph"][k]
        print(f"  {k:>4}  {a!r:>22}  {b!r:>22}  {abs(a - b):>12.3g}")
    print(f"  largest |loss - micrograd_losses.txt| over every run: micrograd "
          f"{worst['micrograd']:.3g}, gradgraph {worst['gradgraph']:.3g}, fit {worst['fit']:.3g}")
    for name, differ in runs_differ.items():
        print(f"  {name}'s {repeats} runs of steps 0-{steps - 1}: "
              f"{'not all the same bits' if differ else 'the same bits'}")
    print()

    mg = statistics.median(per_step["micrograd"])
    gg = statistics.median(per_step["gradgraph"])
    fit = statistics.median(fit_seconds)
    n_mg, n_gg = len(per_step["micrograd"]), len(per_step["gradgraph"])

    def met(ratio, target):
        return "met" if ratio >= target else "NOT met"

    print("results (medians):")
    print(f"  micrograd-style, micrograd:  {fmt_seconds(mg)} a step (median of {n_mg} steps; "
          f"repeats' medians {', '.join(fmt_seconds(s) for s in block_medians['micrograd'])})")
    print(f"  micrograd-style, gradgraph:  {fmt_seconds(gg)} a step (median of {n_gg} steps; "
          f"repeats' medians {', '.join(fmt_seconds(s) for s in block_medians['gradgraph'])})")
    print(f"  ratio micrograd / gradgraph: {mg / gg:.1f}x (target >= 3x: {met(mg / gg, 3)})")
    print(f"  fit, 100 steps:              {fmt_seconds(fit)} a run (median of "
          f"{len(fit_seconds)} runs; {fmt_seconds(min(fit_seconds))} to "
          f"{fmt_seconds(max(fit_seconds))})")
    print(f"  micrograd, 100 steps:        {fmt_seconds(mg * 100)} (its median step x 100, "
          "not run)")
    print(f"  ratio micrograd / fit:       {mg * 100 / fit:.0f}x (target >= 100x: "
          f"{met(mg * 100 / fit, 100)})")
    print(f"  gradgraph micrograd-style x 100 / fit: {gg * 100 / fit:.1f}x")


if __name__ == "__main__":
    main()
