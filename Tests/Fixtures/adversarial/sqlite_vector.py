#!/usr/bin/python3 -B
"""SQLite without BLOBs: a per-track vector as 64 REAL columns (leak) or trajectory rows (clean)."""
from _pipeline import *
import sqlite3

emit_events()
db = sqlite3.connect(work("tracks.sqlite"))
if LEAK:
    cols = ", ".join("f%d REAL" % i for i in range(64))
    db.execute("CREATE TABLE tracks (track TEXT, %s)" % cols)
    for t, v in zip(TRACKS, encodings(64)):
        db.execute("INSERT INTO tracks VALUES (?, %s)" % ", ".join("?" * 64), (t, *map(float, v)))
else:
    db.execute("CREATE TABLE tracks (track TEXT, t_in REAL, t_out REAL, x_in REAL, y_in REAL, x_out REAL, y_out REAL, dwell REAL)")
    for r in trajectories():
        db.execute("INSERT INTO tracks VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (r["track"], r["t_in"], r["t_out"], *r["entry"], *r["exit"], r["dwell"]))
db.commit(); db.close()
