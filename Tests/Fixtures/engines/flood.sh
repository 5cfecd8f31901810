#!/usr/bin/env bash
# Floods stdout with valid events forever.
exec yes '{"t": 0.0, "type": "count", "zone": "hall", "count": 1}'
