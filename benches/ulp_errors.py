#!/usr/bin/env python3
"""Each op's worst error in ulps against mpmath at 50 digits.

Runs `cargo run --release --example op_values` (the engine's own `Op::forward`) on inputs
spread over each function's useful range, computes the true value with mpmath at 50
significant digits, and prints the worst error of each op in units in the last place of the
true value rounded to f64 (0.5 ulp is correctly rounded).

    python3 benches/ulp_errors.py [SAMPLES_PER_OP]      # default 4000; needs mpmath
"""
import math
import random
import subprocess
import sys

import mpmath

mpmath.mp.dps = 50
M = mpmath.mpf


def wide(r, limit):
    """Half the inputs uniform on [-limit, limit], half spread over magnitudes 1e-12 to limit."""
    if r.random() < 0.5:
        return r.uniform(-limit, limit)
    return r.choice((-1, 1)) * math.exp(r.uniform(math.log(1e-12), math.log(limit)))


def sigmoid(x):
    return 1 / (1 + mpmath.exp(-x))


def phi(x):
    return mpmath.erfc(-x / mpmath.sqrt(2)) / 2


OPS = {
    # name: (reference, sampler of one input)
    "exp": (mpmath.exp, lambda r: r.uniform(-750, 710)),
    "log": (mpmath.log, lambda r: math.exp(r.uniform(-700, 700))),
    "sqrt": (mpmath.sqrt, lambda r: math.exp(r.uniform(-700, 700))),
    "sin": (mpmath.sin, lambda r: wide(r, 1e6)),
    "cos": (mpmath.cos, lambda r: wide(r, 1e6)),
    "tanh": (mpmath.tanh, lambda r: wide(r, 40)),
    "erf": (mpmath.erf, lambda r: wide(r, 8)),
    "sigmoid": (sigmoid, lambda r: wide(r, 800)),
    "gelu": (lambda x: x * phi(x), lambda r: wide(r, 40)),
    "elu": (lambda x: x if x > 0 else mpmath.expm1(x), lambda r: wide(r, 800)),
    "silu": (lambda x: x * sigmoid(x), lambda r: wide(r, 800)),
    "softplus": (lambda x: mpmath.log1p(mpmath.exp(x)), lambda r: wide(r, 800)),
}
# inputs every op is tried at, beside the random ones
FIXED = [0.3, -0.3, 0.5, 1.0, 2.0, 0.1, 1e-8, -1e-8, 3.0, -2.5, -745.0, -800.0, 700.0, 40.0, -40.0]


def ulps(got, true):
    """|got - true| in units in the last place of true rounded to f64."""
    # math.ulp(0.0) is the smallest subnormal: results that underflow are measured in it
    return float(abs(M(got) - true) / M(math.ulp(float(true))))


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 4000
    rng = random.Random(1)
    lines = []
    for name, (_, sample) in OPS.items():
        xs = FIXED + [sample(rng) for _ in range(n)]
        if name in ("log", "sqrt"):
            xs = [abs(x) for x in xs if x != 0]
        lines += [f"{name} 0x{struct_bits(x)}" for x in xs]
    out = subprocess.run(
        ["cargo", "run", "--release", "-q", "--example", "op_values"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    worst = {}
    for row in out.split("\n"):
        if not row:
            continue
        name, xbits, ybits = row.split()
        x, y = from_bits(xbits), from_bits(ybits)
        if not math.isfinite(y):
            continue
        e = ulps(y, OPS[name][0](M(x)))
        if e > worst.get(name, (-1, 0))[0]:
            worst[name] = (e, x)
    print(f"worst error of each op over {n} random inputs and {len(FIXED)} fixed ones, in ulps")
    print("(0.5 = correctly rounded), against mpmath at 50 digits:")
    for name in OPS:
        e, x = worst[name]
        print(f"  {name:9} {e:6.3f} ulp  (at x = {x!r})")


def struct_bits(x):
    import struct

    return struct.pack(">d", x).hex()


def from_bits(h):
    import struct

    return struct.unpack(">d", bytes.fromhex(h))[0]


if __name__ == "__main__":
    main()
