#!/usr/bin/env bash
# Builds the page's engine, crates/web/assets/gradgraph_web.wasm, and records the checksum of
# its sources beside it (crates/web/assets/gradgraph_web.sources; a test fails when it no
# longer matches). Run from anywhere in the repository:
#
#   bash crates/web/build.sh
#
# With rustup's wasm32 target installed (`rustup target add wasm32-unknown-unknown`) it uses
# cargo. Where rustup cannot fetch that target, it takes a toolchain from the environment:
# WASM_CARGO (a cargo whose rustc can build the standard library for wasm32, with
# RUSTC_BOOTSTRAP=1 for -Z build-std), WASM_LINKER (rust-lld or wasm-ld), and RUSTC, as
# ../shared/wasm/toolchain.sh prints them on Debian:  eval "$(path/to/toolchain.sh)".
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
target=wasm32-unknown-unknown
extra=()
if command -v rustup >/dev/null && rustup target list --installed 2>/dev/null | grep -qx "$target"; then
  cargo=cargo
elif [[ -n "${WASM_CARGO:-}" && -n "${WASM_LINKER:-}" ]]; then
  cargo=$WASM_CARGO
  extra=(-Z build-std=std,panic_abort --config "target.$target.linker='$WASM_LINKER'")
else
  echo "build.sh: no Rust toolchain for $target. Run 'rustup target add $target', or set" >&2
  echo "WASM_CARGO, WASM_LINKER and RUSTC to a toolchain that can build it (see this file)." >&2
  exit 2
fi
"$cargo" rustc -p gradgraph-web --lib --crate-type cdylib --profile wasm --target "$target" \
  --target-dir target/wasm "${extra[@]}"
built=target/wasm/$target/wasm/gradgraph_web.wasm
install -m 644 "$built" crates/web/assets/gradgraph_web.wasm
python3 crates/web/sources.py > crates/web/assets/gradgraph_web.sources
echo "wrote crates/web/assets/gradgraph_web.wasm ($(wc -c < "$built") bytes) and its sources' checksum"
