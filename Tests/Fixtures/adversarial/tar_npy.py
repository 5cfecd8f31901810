#!/usr/bin/python3 -B
"""A tar.gz bundle: one .npy per person (leak) or a counts.json (clean)."""
from _pipeline import *
import io, tarfile

emit_events()
with tarfile.open(work("bundle.tar.gz"), "w:gz") as tar:
    def add(name, data):
        info = tarfile.TarInfo(name); info.size = len(data); tar.addfile(info, io.BytesIO(data))
    if LEAK:
        for i, v in enumerate(encodings()):
            buf = io.BytesIO(); np.save(buf, v.astype(np.float32)); add("people/%d.npy" % i, buf.getvalue())
    else:
        add("counts.json", json.dumps(counts()).encode())
