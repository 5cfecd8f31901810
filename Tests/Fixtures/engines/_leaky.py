"""Shared by the fixture engines: clean contract events plus helpers to build leaks.

Engines import it with `python3 -B` (no __pycache__ written beside it, which would be
a write outside the sandbox)."""
import json, math, os, random, struct, sys

clip = sys.argv[1]
rng = random.Random(7)
TRACKS = [os.urandom(4).hex() for _ in range(3)]


def event(i, **extra):
    e = {"t": round(i * 0.4, 2), "camera": "cam-1", "type": "line-crossing", "class": "person",
         "bbox": [10 + i, 20, 40, 110], "track": TRACKS[i % 3], "zone": "door", "direction": "in"}
    e.update(extra)
    return e


def unit_vector(n):
    v = [rng.gauss(0, 1) for _ in range(n)]
    norm = math.sqrt(sum(x * x for x in v))
    return [x / norm for x in v]


def emit(e):
    print(json.dumps(e))


# A 1x1 baseline JPEG (SOI, APP0/JFIF, … EOI) standing in for a face crop.
JPEG = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c140d0c0b0b0c1912130f141d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27393d38323c2e333432ffc0000b080001000101011100ffc4001f0000010501010101010100000000000000000102030405060708090a0bffc400b5100002010303020403050504040000017d01020300041105122131410613516107227114328191a1082342b1c11552d1f02433627282090a161718191a25262728292a3435363738393a434445464748494a535455565758595a636465666768696a737475767778797a838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9faffda0008010100003f00fbd3ffd9")
