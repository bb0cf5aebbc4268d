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


@pytest.fixture(autouse=True)
def english(monkeypatch):
    """Every test starts in English, whatever the locale of the machine running it (a test
    of Portuguese chooses it); the command line run by `cli` is English too."""
    import gradgraph

    monkeypatch.setenv("GRADGRAPH_LANG", "en")
    gradgraph.set_lang("en")
    yield
    gradgraph.set_lang("en")


def english_left(text):
    """The English words left in `text`, a text shown in Portuguese: its whole words (letters
    only, not quoted) listed in crates/i18n/english_words.txt, as the Rust tests read them."""
    words, names = set(), set()
    for line in (ROOT / "crates" / "i18n" / "english_words.txt").read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("!"):
            names.update(line[1:].split())
        else:
            words.update(line.split())
    left = []
    for token in text.split():
        word = token.strip(",.:;!?()[]…*")
        if word and word.isalpha() and word not in names and word.lower() in words:
            left.append(word)
    return left
