#!/usr/bin/python3 -B
"""cv2.imwrite of a face crop (leak) or of a counts chart (clean twin writes a CSV instead)."""
from _pipeline import *
import cv2

images, _ = face_crops(per_person=1)
emit_events()
if LEAK:
    cv2.imwrite(work("thumb.png"), images[0])
else:
    with open(work("counts.csv"), "w") as f:
        f.write("zone,window,count\n" + "".join("%s,%d,%d\n" % r for r in count_rows()))
