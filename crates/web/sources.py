#!/usr/bin/env python3
"""Prints the SHA-256 of the sources the page's engine is built from, as `build.sh`
records it and `crates/web/tests/fresh.rs` recomputes it: every `.rs` file under `src/`,
`crates/nn/src/`, `crates/quiz/src/`, `crates/web/src/` and `crates/i18n/src/`, every catalog
(`.ftl`) under `crates/i18n/catalogs/`, `crates/i18n/build.rs` and `english_words.txt`, and the
five `Cargo.toml` files, in the order of their paths (as strings),
each as its path, a NUL,
its bytes and a NUL."""
import hashlib
import pathlib

root = pathlib.Path(__file__).resolve().parents[2]
files = sorted(
    [p for d in ("src", "crates/nn/src", "crates/quiz/src", "crates/web/src", "crates/i18n/src")
     for p in (root / d).rglob("*.rs")]
    + list((root / "crates/i18n/catalogs").rglob("*.ftl"))
    + [root / "Cargo.toml", root / "crates/nn/Cargo.toml",
       root / "crates/quiz/Cargo.toml", root / "crates/web/Cargo.toml",
       root / "crates/i18n/Cargo.toml", root / "crates/i18n/build.rs",
       root / "crates/i18n/english_words.txt"],
    key=lambda p: p.relative_to(root).as_posix(),
)
digest = hashlib.sha256()
for p in files:
    digest.update(p.relative_to(root).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
print(digest.hexdigest())
