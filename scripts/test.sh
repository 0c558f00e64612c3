#!/usr/bin/env bash
# The test command: every test of the workspace, with the upstream
# conformance corpus from ../shared (or CSTACK_CONFORMANCE_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
export CSTACK_CONFORMANCE_DIR="${CSTACK_CONFORMANCE_DIR:-$(cd .. && pwd)/shared/conformance/upstream}"
if [ ! -f "$CSTACK_CONFORMANCE_DIR/MANIFEST.tsv" ]; then
  echo "conformance corpus not found at $CSTACK_CONFORMANCE_DIR (set CSTACK_CONFORMANCE_DIR)" >&2
  exit 2
fi
# The pgvector tests start a private cluster from a PostgreSQL build with the
# extension (the machine's server has none); installed on first use.
export CSTACK_PGVECTOR_BINDIR="${CSTACK_PGVECTOR_BINDIR:-$(scripts/pgvector.sh)}"
# The COSE envelope is checked against pycose; installed on first use.
export CSTACK_PYCOSE_PATH="${CSTACK_PYCOSE_PATH:-$(scripts/pycose.sh)}"
cargo test --workspace --all-targets "$@"
cargo test --workspace --doc
# The editor integrations: VS Code extension and Neovim plugin (node, nvim).
./editors/test.sh
