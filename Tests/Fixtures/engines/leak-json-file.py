#!/usr/bin/env -S python3 -B
"""Writes a JSON file of per-track embeddings into its working directory; stdout is clean."""
from _leaky import *  # noqa: F401,F403  (clip, event, emit, unit_vector, JPEG, rng, TRACKS)
import base64, json, os, struct, sys  # noqa: E401

with open("tracks.json", "w") as f:
    json.dump({"tracks": [{"id": t, "embedding": unit_vector(128)} for t in TRACKS]}, f)
for i in range(4):
    emit(event(i))
