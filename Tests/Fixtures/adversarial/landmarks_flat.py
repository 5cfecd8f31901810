#!/usr/bin/python3 -B
"""dlib-style 68 landmarks as a flat [x0, y0, x1, y1, ...] list per face, in a sidecar JSON.
The clean twin writes per-track trajectory summaries (id, times, entry/exit, dwell)."""
from _pipeline import *

emit_events()
with open(work("sidecar.json"), "w") as f:
    if LEAK:
        json.dump([{"frame": i * 10, "points": [int(c) for c in p.flatten()]} for i, p in enumerate(landmarks68())], f)
    else:
        json.dump(trajectories(), f)
