#!/usr/bin/env -S python3 -B
"""Leaks 5-point facial landmarks as nested arrays under pts."""
from _leaky import *  # noqa: F401,F403  (clip, event, emit, unit_vector, JPEG, rng, TRACKS)
import base64, json, os, struct, sys  # noqa: E401

emit(event(0))
emit(event(1, pts=[[31.5, 40.2], [58.1, 40.9], [45.0, 55.3], [35.2, 70.4], [55.7, 70.1]]))
