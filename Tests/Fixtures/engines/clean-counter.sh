#!/usr/bin/env bash
# Clean engine that keeps a plain-text log in its working directory and numbers tracks
# 1, 2, 3… afresh for every clip (a counter, not an identity).
set -eu
clip="$1"
echo "start $(date -u +%FT%TZ) $clip" > engine.log
for i in 1 2 3 4 5 6 7 8; do
  printf '{"t": %d, "type": "line-crossing", "class": "person", "track": %d, "direction": "in", "bbox": [10, 20, 30, 90]}\n' "$((i * 3))" "$i"
done
printf '{"t": 30, "type": "count", "count": 8}\n'
echo "done" >> engine.log
