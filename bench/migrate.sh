#!/usr/bin/env bash
# Benchmark of migrations: `cstackc migrate diff` on a generated 2000-model
# schema (cold command-line wall time, median of 11, writing the migration
# into a fresh folder each run), then the in-process figures of
# `cargo bench -p cstack-migrate --bench migrate` (diff phases, re-diff
# against a snapshot) and of `cargo bench -p cstack-migrate-live --bench
# verify` (`migrate verify` on 100 tables including the scratch database
# spawn, per scratch provider).
#
#   bench/migrate.sh            # uses ../shared/bench/gen_schema.py
set -euo pipefail
cd "$(dirname "$0")/.."
generator="${GEN_SCHEMA:-../shared/bench/gen_schema.py}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cargo build --release -q -p cstackc
binary="${CARGO_TARGET_DIR:-target}/release/cstackc"
python3 "$generator" 2000 "$work/s2000.cstack" >/dev/null

python3 - "$binary" "$work" <<'PY'
import shutil, subprocess, sys, time, statistics, os
binary, work = sys.argv[1], sys.argv[2]
schema = os.path.join(work, "s2000.cstack")
walls = []
for i in range(11):
    out = os.path.join(work, f"m{i}")
    start = time.perf_counter()
    proc = subprocess.run([binary, "migrate", "diff", "--schema", schema, "--dir", out,
                           "--backend", "postgres"], stdout=subprocess.DEVNULL)
    walls.append((time.perf_counter() - start) * 1000)
    assert proc.returncode == 0, "migrate diff failed"
    shutil.rmtree(out)
print(f"2000 models: cold `cstackc migrate diff` (postgres, writes the migration) "
      f"wall {statistics.median(walls):.1f} ms (min {min(walls):.1f}, median of 11)")
PY

cargo bench -q -p cstack-migrate --bench migrate -- "$work/s2000.cstack"
cargo bench -q -p cstack-migrate-live --bench verify -- --full
