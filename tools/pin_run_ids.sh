#!/usr/bin/env bash
# Writes Tests/AWManifestTests/Fixtures/run-ids.txt: "<manifest> <run id>" for every run of every
# manifest under experiments/, in plan order, as `awd list` prints them. The pinned file was made
# with the awd of commit ca64aa7 (before the settings table); PinnedRunIDsTests checks that the
# current code plans exactly these ids, so archives written before still count as complete.
# Re-pinned once (issue 11) after three Fashion-MNIST manifests changed their epoch bound: the
# file then differed from ca64aa7's in exactly those manifests' 140 lines.
# Extended (issue 12) by the seven multi-learner manifests: 158 lines added, none changed.
#   tools/pin_run_ids.sh [AWD_BINARY]      (default .build/release/awd)
set -euo pipefail
cd "$(dirname "$0")/.."
awd="${1:-.build/release/awd}"
out=Tests/AWManifestTests/Fixtures/run-ids.txt
: > "$out.tmp"
for m in experiments/*.yaml; do
    name=$(basename "$m" .yaml)
    "$awd" list "$m" | awk -v n="$name" 'length($1) == 16 && $1 ~ /^[0-9a-f]+$/ {print n, $1}' >> "$out.tmp"
done
mv "$out.tmp" "$out"
echo "$(wc -l < "$out") run ids -> $out"
