#!/usr/bin/env -S python3 -B
"""Keeps a SQLite gallery with float32 BLOB templates in HOME; stdout is clean."""
from _leaky import *  # noqa: F401,F403  (clip, event, emit, unit_vector, JPEG, rng, TRACKS)
import base64, json, os, struct, sys  # noqa: E401

import sqlite3
db = sqlite3.connect(os.path.join(os.environ["HOME"], "index.db"))
db.execute("CREATE TABLE IF NOT EXISTS people (id TEXT, seen REAL, vec BLOB)")
for n in range(3):
    db.execute("INSERT INTO people VALUES (?, ?, ?)", ("p%d" % n, 1.5, struct.pack("<128f", *unit_vector(128))))
db.commit()
db.close()
for i in range(4):
    emit(event(i))
