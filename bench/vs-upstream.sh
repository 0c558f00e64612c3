#!/usr/bin/env bash
# `cstackc` side by side with upstream CrateStack 0.8.6 (binaries in
# ../shared/bench/upstream/): `check` and `migrate diff --backend both` on
# generated schemas of 500 and 2000 models, alternating the two commands,
# printing median wall time, peak memory and the median ratio ours/upstream
# (under 1: we are faster). Arguments go to the script (`--runs N`,
# `--models 500,2000`, `--only check|migrate`).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q -p cstackc
exec python3 ../shared/bench/vs-upstream.py "${CARGO_TARGET_DIR:-target}/release/cstackc" "$@"
