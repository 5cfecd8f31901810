#!/usr/bin/env -S python3 -B
"""Writes raw float32 embeddings (no header) into HOME/.cache; stdout is clean."""
from _leaky import *  # noqa: F401,F403  (clip, event, emit, unit_vector, JPEG, rng, TRACKS)
import base64, json, os, struct, sys  # noqa: E401

os.makedirs(os.path.join(os.environ["HOME"], ".cache"), exist_ok=True)
with open(os.path.join(os.environ["HOME"], ".cache", "v"), "wb") as f:
    f.write(struct.pack("<256f", *(unit_vector(128) + unit_vector(128))))
for i in range(4):
    emit(event(i))
