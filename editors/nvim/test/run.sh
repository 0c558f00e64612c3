#!/usr/bin/env bash
# Tests of the Neovim plugin: the query copies are in sync with
# tree-sitter-cstack/queries, then test/e2e.lua runs in a headless Neovim
# ($NVIM, default `nvim`) against a real cstack-lsp (built here unless
# CSTACK_LSP names one).
# A missing nvim, C compiler or server is a failure, never a skip.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
nvim="${NVIM:-nvim}"
if ! command -v "$nvim" >/dev/null 2>&1; then
  echo "Neovim not found: $nvim" >&2
  exit 1
fi
repo="$(cd "$here/../.." && pwd)"

echo "-- queries in sync with tree-sitter-cstack/queries"
"$here/scripts/sync-queries.sh" --check

if [ -z "${CSTACK_LSP:-}" ]; then
  echo "-- building cstack-lsp"
  (cd "$repo" && cargo build --quiet -p cstack-lsp)
  target_dir="$(cd "$repo" && cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')"
  CSTACK_LSP="$target_dir/debug/cstack-lsp"
fi
if [ ! -x "$CSTACK_LSP" ]; then
  echo "cstack-lsp not found at $CSTACK_LSP" >&2
  exit 1
fi

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cp -r "$here/test/fixtures/workspace" "$scratch/workspace"
# A root marker, so the workspace root is the fixture directory.
mkdir "$scratch/workspace/.git"
mkdir "$scratch/tmp"

echo "-- headless $("$nvim" --version | head -n 1) with $CSTACK_LSP"
# A Lua error outside a check would leave headless Neovim waiting: catch it
# and exit non-zero; `timeout` bounds everything else.
CSTACK_LSP="$CSTACK_LSP" CSTACK_WORKSPACE="$scratch/workspace" CSTACK_SCRATCH="$scratch/tmp" \
  timeout 300 "$nvim" --headless -i NONE -u "$here/test/minimal_init.lua" \
  -c "lua local ok, err = pcall(dofile, '$here/test/e2e.lua'); if not ok then io.stdout:write('not ok - e2e.lua stopped: ', tostring(err), '\n'); vim.cmd('cquit 2') end" \
  </dev/null
