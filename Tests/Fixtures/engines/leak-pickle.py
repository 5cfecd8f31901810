#!/usr/bin/env -S python3 -B
"""Pickles an identity gallery into TMPDIR; stdout is clean."""
from _leaky import *  # noqa: F401,F403  (clip, event, emit, unit_vector, JPEG, rng, TRACKS)
import base64, json, os, struct, sys  # noqa: E401

import pickle, tempfile
with open(os.path.join(tempfile.gettempdir(), "state"), "wb") as f:
    pickle.dump({"person-1": unit_vector(64)}, f, protocol=4)
for i in range(4):
    emit(event(i))
