#!/usr/bin/env -S python3 -B
"""Behaves for 1,000 lines, then leaks an embedding on line 1001."""
from _leaky import *  # noqa: F401,F403  (clip, event, emit, unit_vector, JPEG, rng, TRACKS)
import base64, json, os, struct, sys  # noqa: E401

for i in range(1000):
    emit(event(i))
emit(event(1000, embedding=unit_vector(256)))
for i in range(1001, 1010):
    emit(event(i))
