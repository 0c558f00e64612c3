#!/usr/bin/env bash
# Tests of the editor integrations: the VS Code extension (packaging, bundle,
# grammar, language configuration) and the Neovim plugin (queries in sync,
# parser build, a headless Neovim driving cstack-lsp as a real LSP client).
# Needs node/npm and nvim; a missing tool is an error, never a skip.
set -euo pipefail
cd "$(dirname "$0")"

need() {
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "editors/test.sh: '$1' is not installed (.ci/run installs it)" >&2
    exit 1
  fi
}

echo "== editors/vscode"
need node
need npm
(
  cd vscode
  # The lock file pins every package; install them once.
  [ -d node_modules ] || npm ci --no-audit --no-fund
  npm test
)

echo "== editors/nvim"
need nvim
need cc
./nvim/test/run.sh
