#!/usr/bin/env -S python3 -B
"""Hides biometric keys in a nested object, in camelCase and odd case."""
from _leaky import *  # noqa: F401,F403  (clip, event, emit, unit_vector, JPEG, rng, TRACKS)
import base64, json, os, struct, sys  # noqa: E401

emit(event(0))
emit(event(1, meta={"quality": 0.9, "reIdFeat": "n/a", "Face_Descriptor": None}))
