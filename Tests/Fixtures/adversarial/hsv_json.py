#!/usr/bin/python3 -B
"""Sparse HSV appearance histograms (cv2.calcHist, 8x8x4 bins, mostly zeros) per track, in JSON."""
from _pipeline import *
import cv2

hists = {}
for track, crop in zip(TRACKS, color_crops()):
    hsv = cv2.cvtColor(crop, cv2.COLOR_BGR2HSV)
    h = cv2.calcHist([hsv], [0, 1, 2], None, [8, 8, 4], [0, 180, 0, 256, 0, 256]).flatten()
    hists[track] = [int(x) for x in h]
emit_events()
with open(work("appearance.json"), "w") as f:
    if LEAK:
        json.dump({"tracks": hists}, f)
    else:
        json.dump({"zones": counts()}, f)
