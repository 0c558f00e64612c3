#!/usr/bin/env bash
# Benchmark of `cstackc check` on generated schemas of 500 and 2000 models:
# cold command-line wall time and peak memory (median of 11 runs), then the
# in-process cold check, the re-check after a one-line edit, and the time to
# format each schema.
#
#   bench/run.sh            # uses ../shared/bench/gen_schema.py
set -euo pipefail
cd "$(dirname "$0")/.."
generator="${GEN_SCHEMA:-../shared/bench/gen_schema.py}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cargo build --release -q -p cstackc
binary="${CARGO_TARGET_DIR:-target}/release/cstackc"

schemas=()
for models in 500 2000; do
  python3 "$generator" "$models" "$work/s$models.cstack" >/dev/null
  schemas+=("$work/s$models.cstack")
done

for schema in "${schemas[@]}"; do
  python3 - "$binary" "$schema" <<'PY'
import resource, subprocess, sys, time, statistics
binary, schema = sys.argv[1], sys.argv[2]
walls, peaks = [], []
for _ in range(11):
    start = time.perf_counter()
    proc = subprocess.run([binary, "check", schema], stdout=subprocess.DEVNULL)
    walls.append((time.perf_counter() - start) * 1000)
    assert proc.returncode == 0, f"check failed on {schema}"
    peaks.append(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
print(f"{schema}: cold `cstackc check` wall {statistics.median(walls):.1f} ms "
      f"(min {min(walls):.1f}), peak memory {max(peaks):.1f} MiB")
PY
done

cargo bench -q -p cstack-compiler --bench check -- "${schemas[@]}"
cargo bench -q -p cstack-fmt --bench format -- "${schemas[@]}"
