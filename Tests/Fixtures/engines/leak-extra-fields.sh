#!/usr/bin/env bash
# Adds demographic attributes outside the contract.
set -eu
printf '{"t": 1.0, "type": "count", "zone": "shop", "count": 4}\n'
printf '{"t": 2.0, "type": "line-crossing", "class": "person", "direction": "in", "gender": "f", "age_estimate": 34}\n'
