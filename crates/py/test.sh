#!/usr/bin/env bash
# The Python package's tests: builds the wheel (manylinux2014, abi3, as a release is built),
# installs it into a fresh virtual environment with the test tools, and runs pytest on
# crates/py/tests, with the command line built for the comparisons. Run from anywhere:
#
#   bash crates/py/test.sh
#
# Without python3 (with venv and pip) it prints why and exits 0, unless GRADGRAPH_REQUIRE_PYTHON=1
# (CI), where that is an error. GRADGRAPH_PY_VENV chooses the environment's folder.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
skip() {
  if [[ "${GRADGRAPH_REQUIRE_PYTHON:-}" == 1 ]]; then
    echo "error: $1" >&2
    exit 1
  fi
  echo "skipped the Python tests: $1" >&2
  exit 0
}
command -v python3 >/dev/null || skip "python3 is not installed"
python3 -c 'import venv, ensurepip' 2>/dev/null || skip "python3 has no venv or pip (Debian: apt-get install python3-venv)"
venv=${GRADGRAPH_PY_VENV:-$root/target/py-venv}
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/pip" install -q --disable-pip-version-check \
  'maturin>=1.9.4,<2' ziglang pytest hypothesis nbclient nbformat ipykernel numpy micrograd==0.1.0
cargo build -q --release -p gradgraph-cli
rm -rf target/wheels
# maturin finds zig through the environment's python (`python -m ziglang`)
PATH="$venv/bin:$PATH" VIRTUAL_ENV="$venv" "$venv/bin/maturin" build -q --release --zig --compatibility manylinux2014 \
  -m crates/py/Cargo.toml -i "$venv/bin/python" -o target/wheels
"$venv/bin/pip" install -q --disable-pip-version-check target/wheels/gradgraph_live-*.whl
echo "wheel: $(ls target/wheels) ($(wc -c < target/wheels/gradgraph_live-*.whl) bytes)"
"$venv/bin/python" -m ipykernel install --prefix "$venv" --name python3 >/dev/null
cd crates/py
JUPYTER_PATH="$venv/share/jupyter" GRADGRAPH_CLI="$root/target/release/gradgraph" \
  "$venv/bin/python" -m pytest -q tests
