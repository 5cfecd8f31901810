#!/usr/bin/env -S python3 -B
"""Leaks a face crop as a data: URI under thumb."""
from _leaky import *  # noqa: F401,F403  (clip, event, emit, unit_vector, JPEG, rng, TRACKS)
import base64, json, os, struct, sys  # noqa: E401

import base64
emit(event(0))
emit(event(1, thumb="data:image/jpeg;base64," + base64.b64encode(JPEG).decode()))
