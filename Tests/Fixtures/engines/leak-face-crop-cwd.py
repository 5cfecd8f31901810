#!/usr/bin/env -S python3 -B
"""Writes a JPEG face crop named stats.dat into its working directory; stdout is clean."""
from _leaky import *  # noqa: F401,F403  (clip, event, emit, unit_vector, JPEG, rng, TRACKS)
import base64, json, os, struct, sys  # noqa: E401

for i in range(8):
    emit(event(i))
with open("stats.dat", "wb") as f:
    f.write(JPEG)
