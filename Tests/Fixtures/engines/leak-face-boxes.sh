#!/usr/bin/env bash
# Detects faces: boxes labelled "face" (within the contract's keys).
set -eu
for i in 1 2 3; do
  printf '{"t": %d.0, "camera": "cam-2", "type": "detection", "class": "person", "bbox": [100, 50, 60, 160], "track": "a%03x"}\n' "$i" "$RANDOM"
  printf '{"t": %d.1, "camera": "cam-2", "type": "detection", "class": "face", "bbox": [118, 55, 22, 28], "track": "b%03x"}\n' "$i" "$RANDOM"
done
