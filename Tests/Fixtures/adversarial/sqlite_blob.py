#!/usr/bin/python3 -B
"""SQLite: embeddings as BLOB (leak) or a counts table (clean)."""
from _pipeline import *
import sqlite3

emit_events()
db = sqlite3.connect(home("index.db"))
if LEAK:
    db.execute("CREATE TABLE faces (track TEXT, seen REAL, vec BLOB)")
    for t, v in zip(TRACKS, encodings().astype(np.float32)):
        db.execute("INSERT INTO faces VALUES (?, ?, ?)", (t, 1.5, v.tobytes()))
else:
    db.execute("CREATE TABLE counts (zone TEXT, window INTEGER, n INTEGER)")
    db.executemany("INSERT INTO counts VALUES (?, ?, ?)", count_rows())
db.commit(); db.close()
