#!/usr/bin/env -S python3 -B
"""Leaks a 64-d float32 template as hex under sig."""
from _leaky import *  # noqa: F401,F403  (clip, event, emit, unit_vector, JPEG, rng, TRACKS)
import base64, json, os, struct, sys  # noqa: E401

for i in range(5):
    emit(event(i))
emit(event(5, sig=struct.pack("<64f", *unit_vector(64)).hex()))
