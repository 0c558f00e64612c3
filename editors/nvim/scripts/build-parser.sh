#!/usr/bin/env bash
# Builds parser/cstack.so for this plugin from tree-sitter-cstack/src, the
# same way :CstackBuildParser does, for the Neovim found on PATH (which
# decides the tree-sitter ABI). Extra argument: another grammar directory.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
grammar="${1:-}"
exec nvim --headless -u NONE -i NONE --cmd "set rtp^=$here" \
  -c "lua local ok, msg = require('cstack.parser').build({ grammar_dir = '$grammar' ~= '' and '$grammar' or nil }); io.stdout:write(msg, '\n'); vim.cmd(ok and 'qall!' or 'cquit 1')"
