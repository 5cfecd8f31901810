#!/usr/bin/env bash
# Prints two events then fails.
printf '{"t": 0, "type": "count", "count": 0}\n{"t": 1, "type": "count", "count": 1}\n'
echo "model file /opt/engine/model.bin is corrupt" >&2
exit 3
