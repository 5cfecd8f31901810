#!/usr/bin/env -S python3 -B
"""Leaks a 512-d unit-norm embedding under the innocent key stats."""
from _leaky import *  # noqa: F401,F403  (clip, event, emit, unit_vector, JPEG, rng, TRACKS)
import base64, json, os, struct, sys  # noqa: E401

for i in range(10):
    emit(event(i))
emit(event(10, stats=unit_vector(512)))
