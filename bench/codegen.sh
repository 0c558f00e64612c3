#!/usr/bin/env bash
# Benchmark of code generation:
#   1. `cstackc build` wall time on a generated 500-model schema (median of
#      5; with rustfmt, and with RUSTFMT=true to time generation alone);
#   2. `cargo build` time of the crate generated from a 50-model schema,
#      its dependencies already built (the crate alone, median of 3);
#   3. generated find_many/create against hand-written rusqlite and sqlx;
#   4. a policy-filtered find_many against the same query without policies
#      (3 and 4 need PostgreSQL on 127.0.0.1:5432).
#
#   bench/codegen.sh            # uses ../shared/bench/gen_schema.py
set -euo pipefail
cd "$(dirname "$0")/.."
generator="${GEN_SCHEMA:-../shared/bench/gen_schema.py}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
target="${CARGO_TARGET_DIR:-$PWD/target}"

cargo build --release -q -p cstackc
binary="$target/release/cstackc"
python3 "$generator" 500 "$work/s500.cstack" >/dev/null
python3 "$generator" 50 "$work/s50.cstack" >/dev/null

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
seconds() { python3 -c 'import time; print(time.perf_counter())'; }

for formatter in rustfmt true; do
  times=()
  for _ in 1 2 3 4 5; do
    rm -rf "$work/out500"
    start=$(seconds)
    RUSTFMT=$formatter "$binary" build "$work/s500.cstack" --out "$work/out500" --runtime-path runtime >/dev/null 2>&1
    end=$(seconds)
    times+=("$(python3 -c "print(round(($end - $start) * 1000))")")
  done
  label=$([ "$formatter" = rustfmt ] && echo "with rustfmt" || echo "without rustfmt")
  echo "cstackc build, 500 models ($label): $(printf '%s\n' "${times[@]}" | median) ms median of 5"
done

mkdir -p "$work/ws"
"$binary" build "$work/s50.cstack" --out "$work/ws/gen50" --runtime-path runtime >/dev/null
printf '[workspace]\nresolver = "3"\nmembers = ["gen50"]\n' > "$work/ws/Cargo.toml"
cp Cargo.lock "$work/ws/"
export CARGO_TARGET_DIR="$target/codegen-bench"
(cd "$work/ws" && cargo build --offline -q)   # dependencies, not timed
times=()
for _ in 1 2 3; do
  touch "$work/ws/gen50/src/lib.rs"
  start=$(seconds)
  (cd "$work/ws" && cargo build --offline -q)
  end=$(seconds)
  times+=("$(python3 -c "print(round(($end - $start) * 1000))")")
done
echo "cargo build of the generated 50-model crate (dependencies built): $(printf '%s\n' "${times[@]}" | median) ms median of 3"
echo "generated files for 50 models: $(find "$work/ws/gen50/src" -name '*.rs' | wc -l), $(cat "$work/ws/gen50/src"/*.rs | wc -l) lines"
unset CARGO_TARGET_DIR

cargo run --release -q -p cstack-codegen-suite --bin codegen-bench
# Policies: a policy-filtered find_many against the same query on a model
# without policies (same columns and rows).
cargo run --release -q -p cstack-codegen-suite --bin policy-bench
