"""Shared by the adversarial engines: a small real pipeline on the real libraries.

Each engine is run as `/usr/bin/python3 -B ENGINE.py leak|clean CLIP`. Both modes run the
same pipeline (frames from the clip through OpenCV when it decodes, synthetic frames seeded
by the clip's bytes otherwise; per-person face crops; features through OpenCV/NumPy) and
print the same contract events. Only what they keep differs: the leaky twin writes per-person
biometric data in the format the library writes; the clean twin writes only counts, through
the same library and format.

Imported with `python3 -B`: no __pycache__ is written beside this file."""
import hashlib, json, os, sys

import numpy as np

MODE = sys.argv[1] if len(sys.argv) > 1 else "leak"
CLIP = sys.argv[2] if len(sys.argv) > 2 else sys.argv[-1]
assert MODE in ("leak", "clean"), "usage: ENGINE leak|clean CLIP"
LEAK = MODE == "leak"

_seed = int.from_bytes(hashlib.sha256(open(CLIP, "rb").read(1 << 16)).digest()[:4], "little")
RNG = np.random.default_rng(_seed)
PEOPLE = 6
TRACKS = [os.urandom(4).hex() for _ in range(PEOPLE)]


def frames(count=8, size=(96, 96)):
    """Gray frames: decoded from the clip by OpenCV when possible, synthetic otherwise."""
    import cv2
    out = []
    cap = cv2.VideoCapture(CLIP)
    while len(out) < count and cap.isOpened():
        ok, frame = cap.read()
        if not ok:
            break
        out.append(cv2.resize(cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY), size))
    cap.release()
    while len(out) < count:
        out.append(RNG.integers(0, 256, size=size, dtype=np.uint8))
    return out


def face_crops(per_person=3, size=(64, 64)):
    """Per-person crops: (images, labels). A person is a region of the frames plus noise."""
    base = frames()
    images, labels = [], []
    for person in range(PEOPLE):
        for k in range(per_person):
            frame = base[(person + k) % len(base)].astype(np.int16)
            noise = RNG.integers(-12, 12, size=frame.shape)
            crop = np.clip(np.roll(frame, person * 11, axis=1) + noise, 0, 255).astype(np.uint8)
            import cv2
            images.append(cv2.resize(crop, size))
            labels.append(person)
    return images, np.array(labels, dtype=np.int32)


def color_crops(size=(48, 32)):
    """One BGR crop per person (appearance), for colour histograms."""
    gray = frames()
    crops = []
    for person in range(PEOPLE):
        g = gray[person % len(gray)][: size[1], : size[0]]
        tint = RNG.integers(0, 120, size=3)
        crops.append(np.dstack([np.clip(g.astype(np.int16) // 2 + t, 0, 255).astype(np.uint8) for t in tint]))
    return crops


def encodings(dim=128):
    """128-float unit vectors per person, as a face-encoding network outputs them."""
    v = RNG.normal(size=(PEOPLE, dim))
    return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float64)


def landmarks68():
    """68 (x, y) points per face, dlib's shape-predictor layout, in a 640x480 frame."""
    pts = []
    for person in range(PEOPLE):
        cx, cy = 100 + 80 * person, 200 + RNG.integers(-20, 20)
        angles = np.linspace(0, 2 * np.pi, 68, endpoint=False)
        pts.append(np.stack([cx + 30 * np.cos(angles) + RNG.normal(0, 2, 68),
                             cy + 40 * np.sin(angles) + RNG.normal(0, 2, 68)], axis=1).round().astype(int))
    return pts


def counts():
    """What a clean engine keeps: people counted per zone and 15-minute window."""
    return {"door": [12, 15, 11, 19], "aisle-2": [10, 13, 17, 14]}


def count_rows():
    return [(zone, w * 900, n) for zone, values in counts().items() for w, n in enumerate(values)]


def trajectories():
    """Per-track summaries the contract allows: id, times, entry/exit points, dwell."""
    rows = []
    for person, track in enumerate(TRACKS):
        t0 = 1.0 + person
        rows.append({"track": track, "t_in": t0, "t_out": t0 + 6.5, "entry": [0.1, 0.5 + person / 20],
                     "exit": [0.9, 0.4], "dwell": 6.5, "zone": "door"})
    return rows


def emit_events():
    for i in range(24):
        print(json.dumps({"t": round(i * 0.4, 2), "camera": "cam-1", "type": "line-crossing", "class": "person",
                          "bbox": [10 + i, 20, 40, 110], "track": TRACKS[i % PEOPLE], "zone": "door",
                          "direction": "in" if i % 2 else "out"}))
    print(json.dumps({"t": 10.0, "camera": "cam-1", "type": "count", "zone": "door", "count": 12}))
    sys.stdout.flush()


def work(*parts):
    """A path in the working directory (the sandbox's cwd)."""
    return os.path.join(os.getcwd(), *parts)


def home(*parts):
    path = os.path.join(os.environ["HOME"], *parts)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    return path
