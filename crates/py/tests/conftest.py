"""Shared fixtures: the repository's data, and the command line when the test script built it."""
import os
import pathlib
import shutil
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures"


def moons():
    """micrograd's demo data: 100 points of two moons, labels -1 and 1."""
    X, y = [], []
    for line in (FIXTURES / "moons.csv").read_text().splitlines()[1:]:
        if line.strip():
            *xs, label = map(float, line.split(","))
            X.append(xs)
            y.append(label)
    return X, y


def micrograd_init():
    return [float(v) for v in (FIXTURES / "micrograd_init.txt").read_text().split()]


def micrograd_losses():
    return [float(v) for v in (FIXTURES / "micrograd_losses.txt").read_text().split()]


@pytest.fixture
def cli():
    """The command line, `gradgraph`, as GRADGRAPH_CLI names it (crates/py/test.sh builds it)."""
    path = os.environ.get("GRADGRAPH_CLI") or shutil.which("gradgraph")
    if not path:
        pytest.skip("the command line is not built: set GRADGRAPH_CLI (crates/py/test.sh does)")

    def run(*args, check=True):
        done = subprocess.run([path, *map(str, args)], capture_output=True, text=True)
        if check and done.returncode != 0:
            raise AssertionError(f"gradgraph {' '.join(map(str, args))}: {done.stderr}")
        return done

    return run
