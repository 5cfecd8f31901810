#!/usr/bin/env -S python3 -B
"""Leaks a 128-d float32 template as base64 under meta."""
from _leaky import *  # noqa: F401,F403  (clip, event, emit, unit_vector, JPEG, rng, TRACKS)
import base64, json, os, struct, sys  # noqa: E401

import base64
for i in range(5):
    emit(event(i))
blob = base64.b64encode(struct.pack("<128f", *unit_vector(128))).decode()
emit(event(5, meta=blob))
