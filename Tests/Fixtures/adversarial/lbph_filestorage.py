#!/usr/bin/python3 -B
"""LBPH face gallery written by cv2.face.LBPHFaceRecognizer.write() (OpenCV FileStorage).
Format from the file name of argv[0]'s sibling: run as lbph_yaml / lbph_xml / lbph_json."""
from _pipeline import *
import cv2

EXT = os.environ.get("LBPH_EXT") or {"lbph_yaml": "yml", "lbph_xml": "xml", "lbph_json": "json"}.get(
    os.path.basename(sys.argv[0]).split(".")[0], "yml")
images, labels = face_crops()
model = cv2.face.LBPHFaceRecognizer_create()
model.train(images, labels)
emit_events()
if LEAK:
    model.write(home(".cache", "gallery." + EXT))
else:
    fs = cv2.FileStorage(work("counts." + EXT), cv2.FILE_STORAGE_WRITE)
    for zone, values in counts().items():
        fs.write(zone.replace("-", "_"), np.array(values, dtype=np.int32).reshape(1, -1))
    fs.release()
