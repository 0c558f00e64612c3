#!/usr/bin/env bash
# Prints a PYTHONPATH entry holding pycose, an independent COSE
# implementation the envelope's interoperability test checks ours against,
# installing it from PyPI into .cache/pycose on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
version=1.1.0
target=".cache/pycose/pycose-$version"
if [ ! -f "$target/pycose/__init__.py" ]; then
  rm -rf "$target"
  # pycose 1.1 reads arrays as lists, which cbor2 6 no longer returns.
  python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore \
    --target "$target" "pycose==$version" "cbor2==5.6.5" >&2
fi
echo "$(pwd)/$target"
