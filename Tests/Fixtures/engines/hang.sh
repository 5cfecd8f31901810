#!/usr/bin/env bash
# Prints one event, then hangs (with a child holding stdout open).
printf '{"t": 0, "type": "count", "count": 0}\n'
sleep 1000 &
sleep 1000
