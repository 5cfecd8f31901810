#!/usr/bin/env -S python3 -B
"""Re-identifies people across clips: ids come from a gallery kept in HOME."""
from _leaky import *  # noqa: F401,F403  (clip, event, emit, unit_vector, JPEG, rng, TRACKS)
import base64, json, os, struct, sys  # noqa: E401

path = os.path.join(os.environ["HOME"], ".known_ids")
if os.path.exists(path):
    ids = open(path).read().split()
else:
    ids = [os.urandom(4).hex() for _ in range(5)]
    open(path, "w").write(" ".join(ids))
for i in range(20):
    e = event(i)
    e["track"] = ids[i % 5]
    emit(e)
