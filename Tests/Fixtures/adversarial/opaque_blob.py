#!/usr/bin/python3 -B
"""An encrypted-looking gallery (no known container): opaque, reported with its size."""
from _pipeline import *

emit_events()
if LEAK:
    key = RNG.integers(0, 256, size=4096, dtype=np.uint8)
    data = encodings().astype(np.float32).tobytes()
    body = bytes(b ^ int(key[i % 4096]) for i, b in enumerate(data))
    with open(home(".cache", "blob.bin"), "wb") as f:
        f.write(b"ACMEGAL1" + body)
else:
    with open(home(".cache", "counts.txt"), "w") as f:
        f.write("door 12 15 11 19\n")
