#!/usr/bin/env python3
"""Clean engine: contract events only, random per-run track ids, nothing written."""
import json, os, random, sys

clip = sys.argv[1]
size = os.path.getsize(clip)
rng = random.Random()
tracks = [os.urandom(4).hex() for _ in range(6)]
for i in range(200):
    track = tracks[i % len(tracks)]
    event = {"t": round(i * 0.5, 2), "camera": "cam-012", "type": "line-crossing", "class": "person",
             "bbox": [rng.randint(0, 600), rng.randint(0, 400), rng.randint(20, 80), rng.randint(60, 200)],
             "track": track, "zone": "entrance", "direction": rng.choice(["in", "out"]), "count": 1 + i % 3}
    print(json.dumps(event))
print(json.dumps({"t": 100.0, "camera": "cam-012", "type": "count", "zone": "entrance", "count": size % 50}))
