#!/usr/bin/env bash
# The project's W1 and W2 baselines (examples/baselines.rs, rows w1 and w2), W1 through
# gradgraph's nn::train (row nn) and W2 on the engine (row engine-w2) against the hand-written
# reference (../shared/reference-baseline), on the same data, run alternately, each run a fresh
# process; prints the medians and the ratios. W2's time is the region the reference times:
# build and backward (the drop after it is not timed, on either side).
#   bash benches/against_reference.sh [RUNS] [REFERENCE_DIR]
set -euo pipefail
runs=${1:-9}
ref=${2:-../shared/reference-baseline}
cargo build --release --quiet -p gradgraph-cli --example baselines
cargo build --release --quiet --manifest-path "$ref/Cargo.toml" --target-dir target/reference-baseline
ours=target/release/examples/baselines
theirs=target/reference-baseline/release/handrolled
data=(tests/fixtures/moons.csv tests/fixtures/micrograd_init.txt)
field() { sed -n "s/.* $1=\([0-9.e-]*\).*/\1/p"; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
: >/tmp/against_reference.$$
for _ in $(seq "$runs"); do
  echo "w1 ours $("$ours" w1 "${data[@]}" | field loop_s)" >>/tmp/against_reference.$$
  echo "w1 reference $("$theirs" w1 "${data[@]}" | field loop_s)" >>/tmp/against_reference.$$
  echo "nn ours $("$ours" w1-nn "${data[@]}" | field loop_s)" >>/tmp/against_reference.$$
  echo "nn reference $("$theirs" w1 "${data[@]}" | field loop_s)" >>/tmp/against_reference.$$
  echo "w2 ours $("$ours" w2 1000000 | field fwd_bwd_s)" >>/tmp/against_reference.$$
  echo "w2 reference $("$theirs" w2 1000000 | field fwd_bwd_s)" >>/tmp/against_reference.$$
  echo "engine-w2 ours $("$ours" w2-engine 1000000 | field fwd_bwd_s)" >>/tmp/against_reference.$$
  echo "engine-w2 reference $("$theirs" w2 1000000 | field fwd_bwd_s)" >>/tmp/against_reference.$$
done
for w in w1 nn w2 engine-w2; do
  o=$(awk -v w=$w '$1==w && $2=="ours" {print $3}' /tmp/against_reference.$$ | median)
  r=$(awk -v w=$w '$1==w && $2=="reference" {print $3}' /tmp/against_reference.$$ | median)
  awk -v w=$w -v o="$o" -v r="$r" -v n="$runs" \
    'BEGIN {printf "%s: ours %.3f ms, reference %.3f ms, ours/reference %.2f (medians of %d, alternated)\n", w, o*1e3, r*1e3, o/r, n}'
done
rm -f /tmp/against_reference.$$
