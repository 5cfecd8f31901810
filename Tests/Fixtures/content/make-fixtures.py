#!/usr/bin/python3 -B
"""Regenerates the content-audit sample files in this folder through the real libraries
(Debian python3-numpy, -joblib, -opencv, -sklearn). Small on purpose: 3 people, short
vectors. Leaky files start with `leak-`, clean ones with `clean-`. Run from this folder."""
import bz2, gzip, io, json, lzma, os, pickle, sqlite3, tarfile

import cv2
import joblib
import numpy as np

rng = np.random.default_rng(21)
enc = rng.normal(size=(3, 128))
enc /= np.linalg.norm(enc, axis=1, keepdims=True)
counts = {"door": [12, 15, 11, 19], "aisle": [10, 13, 17, 14]}
faces = [rng.integers(0, 256, size=(32, 32), dtype=np.uint8) for _ in range(3)]

lbph = cv2.face.LBPHFaceRecognizer_create(1, 8, 2, 2)
lbph.train(faces, np.array([0, 1, 2], dtype=np.int32))
for ext in ("yml", "xml", "json"):
    lbph.write("leak-lbph." + ext)
    fs = cv2.FileStorage("clean-counts." + ext, cv2.FILE_STORAGE_WRITE)
    for zone, values in counts.items():
        fs.write(zone, np.array(values, dtype=np.int32).reshape(1, -1))
    fs.release()

np.savetxt("leak-encodings.csv", enc, delimiter=",")
np.savetxt("clean-counts.csv", np.array(list(counts.values())), delimiter=",", fmt="%d")
np.savetxt("leak-encodings.tsv", enc, delimiter="\t", fmt="%.6f", header="features")
joblib.dump({"names": ["a", "b", "c"], "enc": enc}, "leak-gallery.joblib", compress=3)
joblib.dump(enc.astype(np.float32), "leak-plain.joblib")
joblib.dump({"counts": counts, "windows": np.array([0, 900, 1800, 2700])}, "clean-counts.joblib", compress=3)
np.savez_compressed("leak-gallery.npz", enc=enc.astype(np.float32))
np.savez("clean-counts.npz", door=np.array(counts["door"]))
with open("leak-gallery.pkl5", "wb") as f:
    pickle.dump({"features": enc}, f, protocol=5)
with open("leak-gallery.pkl2", "wb") as f:
    pickle.dump({"features": enc.astype(np.float32)}, f, protocol=2)
with open("leak-lists.pkl", "wb") as f:
    pickle.dump({"t%d" % i: list(map(float, v)) for i, v in enumerate(enc)}, f, protocol=4)
with open("clean-counts.pkl", "wb") as f:
    pickle.dump({"counts": counts, "hours": np.arange(4)}, f, protocol=5)
with bz2.open("leak-gallery.npy.bz2", "wb") as f:
    np.save(f, enc.astype(np.float32))
with lzma.open("leak-encodings.csv.xz", "wt") as f:
    np.savetxt(f, enc, delimiter=",", fmt="%.7f")
with gzip.open("clean-counts.json.gz", "wt") as f:
    json.dump(counts, f)
with tarfile.open("leak-bundle.tar.gz", "w:gz") as tar:
    for i, v in enumerate(enc):
        buf = io.BytesIO(); np.save(buf, v.astype(np.float32))
        info = tarfile.TarInfo("people/%d.npy" % i); info.size = len(buf.getvalue()); tar.addfile(info, io.BytesIO(buf.getvalue()))
with tarfile.open("clean-counts.tar", "w") as tar:
    data = json.dumps(counts).encode()
    info = tarfile.TarInfo("counts.json"); info.size = len(data); tar.addfile(info, io.BytesIO(data))
hists = {}
for i, face in enumerate(faces):
    bgr = cv2.cvtColor(face, cv2.COLOR_GRAY2BGR); bgr[:, :, 0] //= (i + 2)
    hsv = cv2.cvtColor(bgr, cv2.COLOR_BGR2HSV)
    hists["t%d" % i] = [int(x) for x in cv2.calcHist([hsv], [0, 1, 2], None, [8, 8, 4], [0, 180, 0, 256, 0, 256]).flatten()]
json.dump({"tracks": hists}, open("leak-hsv.json", "w"))
pts = [[int(c) for c in (np.stack([100 + 30 * np.cos(np.linspace(0, 6.28, 68)), 200 + 40 * np.sin(np.linspace(0, 6.28, 68))], 1) + rng.normal(0, 2, (68, 2))).flatten()] for _ in range(2)]
json.dump([{"frame": i, "points": p} for i, p in enumerate(pts)], open("leak-landmarks.json", "w"))
json.dump([{"track": "a1", "t_in": 1.0, "t_out": 7.5, "entry": [0.1, 0.5], "exit": [0.9, 0.4], "dwell": 6.5, "zone": "door"},
           {"track": "b2", "t_in": 2.0, "t_out": 8.5, "entry": [0.1, 0.6], "exit": [0.9, 0.4], "dwell": 6.5, "zone": "door"}],
          open("clean-trajectories.json", "w"))
for name in ("leak-faces.db", "leak-vector.db", "clean-counts.db"):
    if os.path.exists(name): os.remove(name)
db = sqlite3.connect("leak-faces.db"); db.execute("CREATE TABLE faces (track TEXT, vec BLOB)")
for i, v in enumerate(enc.astype(np.float32)): db.execute("INSERT INTO faces VALUES (?, ?)", ("t%d" % i, v.tobytes()))
db.commit(); db.close()
db = sqlite3.connect("leak-vector.db"); db.execute("CREATE TABLE tracks (track TEXT, %s)" % ", ".join("f%d REAL" % i for i in range(32)))
for i, v in enumerate(enc[:, :32]): db.execute("INSERT INTO tracks VALUES (?, %s)" % ", ".join("?" * 32), ("t%d" % i, *map(float, v)))
db.commit(); db.close()
db = sqlite3.connect("clean-counts.db"); db.execute("CREATE TABLE counts (zone TEXT, window INTEGER, n INTEGER)")
db.executemany("INSERT INTO counts VALUES (?, ?, ?)", [(z, w * 900, n) for z, v in counts.items() for w, n in enumerate(v)])
db.commit(); db.close()
cv2.imwrite("leak-crop.png", cv2.resize(faces[0], (32, 32)))
np.save("leak-crop-array.npy", faces[0])
# LZ4 frames, as joblib writes them with compress="lz4" (Debian python3-lz4).
joblib.dump({"names": ["a", "b", "c"], "enc": enc}, "leak-gallery.joblib.lz4", compress="lz4")
joblib.dump({"counts": counts, "windows": np.array([0, 900, 1800, 2700])}, "clean-counts.joblib.lz4", compress="lz4")
