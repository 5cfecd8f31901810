#!/usr/bin/env -S python3 -B
"""Writes a NumPy .npy array of embeddings named cache.bin; stdout is clean."""
from _leaky import *  # noqa: F401,F403  (clip, event, emit, unit_vector, JPEG, rng, TRACKS)
import base64, json, os, struct, sys  # noqa: E401

header = "{\x27descr\x27: \x27<f4\x27, \x27fortran_order\x27: False, \x27shape\x27: (2, 128), }"
header += " " * (118 - len(header)) + "\n"
with open("cache.bin", "wb") as f:
    f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode())
    f.write(struct.pack("<256f", *(unit_vector(128) + unit_vector(128))))
for i in range(4):
    emit(event(i))
