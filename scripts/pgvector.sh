#!/usr/bin/env bash
# Prints the bin directory of a PostgreSQL build with the pgvector
# extension, installing it first if needed: the `pgserver` wheel from PyPI
# (PostgreSQL 16 with pgvector, relocatable), unpacked into .cache/pgvector.
# The vector tests start a private cluster from it; the machine's own
# PostgreSQL server has no pgvector.
set -euo pipefail
cd "$(dirname "$0")/.."
version=0.1.4
target=".cache/pgvector/pgserver-$version"
bindir="$target/pgserver/pginstall/bin"
if [ ! -x "$bindir/postgres" ]; then
  rm -rf "$target"
  python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --no-deps \
    --target "$target" "pgserver==$version" >&2
  chmod -R a+rX "$target"
fi
echo "$(pwd)/$bindir"
