#!/usr/bin/env -S python3 -B
"""Leaks 128 floats as a comma-separated string under notes."""
from _leaky import *  # noqa: F401,F403  (clip, event, emit, unit_vector, JPEG, rng, TRACKS)
import base64, json, os, struct, sys  # noqa: E401

emit(event(0))
emit(event(1, notes=",".join("%.5f" % x for x in unit_vector(128))))
