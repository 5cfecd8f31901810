#!/usr/bin/python3 -B
"""HOG descriptors (cv2.HOGDescriptor, 1764 values per person) in a FileStorage YAML."""
from _pipeline import *
import cv2

images, _ = face_crops(per_person=1)
hog = cv2.HOGDescriptor((64, 64), (16, 16), (8, 8), (8, 8), 9)
emit_events()
fs = cv2.FileStorage(work("appearance.yml"), cv2.FILE_STORAGE_WRITE)
if LEAK:
    fs.write("descriptors", np.array([hog.compute(img).flatten() for img in images], dtype=np.float32))
else:
    fs.write("counts", np.array(list(counts().values()), dtype=np.int32))
fs.release()
