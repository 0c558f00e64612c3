#!/usr/bin/env bash
# Copies the editor queries of tree-sitter-cstack into this plugin's
# queries/cstack/, where Neovim looks for them on the runtimepath.
# tree-sitter-cstack/queries is the source; run this after changing it.
# `--check` changes nothing and exits 1 when the copies differ.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
source_dir="$here/../../tree-sitter-cstack/queries"
target_dir="$here/queries/cstack"
# tags.scm serves code navigation tools, not Neovim.
queries=(highlights injections folds indents locals)

if [ "${1:-}" = "--check" ]; then
  status=0
  for q in "${queries[@]}"; do
    if ! cmp -s "$source_dir/$q.scm" "$target_dir/$q.scm"; then
      echo "editors/nvim/queries/cstack/$q.scm differs from tree-sitter-cstack/queries/$q.scm (run editors/nvim/scripts/sync-queries.sh)" >&2
      status=1
    fi
  done
  for f in "$target_dir"/*.scm; do
    name="$(basename "$f" .scm)"
    if [[ ! " ${queries[*]} " =~ " $name " ]]; then
      echo "editors/nvim/queries/cstack/$name.scm has no source in tree-sitter-cstack/queries" >&2
      status=1
    fi
  done
  exit $status
fi

mkdir -p "$target_dir"
for q in "${queries[@]}"; do
  cp "$source_dir/$q.scm" "$target_dir/$q.scm"
done
echo "copied ${#queries[@]} queries into $target_dir"
