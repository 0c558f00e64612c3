#!/usr/bin/env bash
# Benchmark of the language server on the generated 2000-model schema:
# p50/p95 of keystroke to published diagnostics, document symbols, hover,
# definition and completion over stdio, and resident memory across 10,000
# edits.
#
#   bench/lsp.sh            # uses ../shared/bench/gen_schema.py
set -euo pipefail
cd "$(dirname "$0")/.."
generator="${GEN_SCHEMA:-../shared/bench/gen_schema.py}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 "$generator" 2000 "$work/s2000.cstack" >/dev/null
cargo bench -q -p cstack-lsp --bench lsp -- "$work/s2000.cstack"
