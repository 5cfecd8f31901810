#!/usr/bin/env -S python3 -B
"""Keeps one track id alive for 15 minutes of clip time."""
from _leaky import *  # noqa: F401,F403  (clip, event, emit, unit_vector, JPEG, rng, TRACKS)
import base64, json, os, struct, sys  # noqa: E401

for i in range(10):
    emit(event(i))
for minute in range(16):
    e = event(minute)
    e["t"] = minute * 60.0
    e["track"] = "f00dfeed"
    emit(e)
