#!/usr/bin/env bash
# Clean engine in bash: density and intrusion events, 4-hex random track ids.
set -eu
clip="$1"
[ -r "$clip" ] || { echo "cannot read $clip" >&2; exit 2; }
for i in $(seq 0 49); do
  track=$(printf '%04x' $((RANDOM)))
  printf '{"t": %d.25, "camera": "cam-3", "type": "intrusion", "class": "vehicle", "bbox": [%d, 40, 120, 80], "track": "%s", "zone": "yard"}\n' "$i" "$((i * 7))" "$track"
  printf '{"t": %d.5, "camera": "cam-3", "type": "density", "zone": "yard", "count": %d}\n' "$i" "$((i % 9))"
done
echo "processed $clip" >&2
