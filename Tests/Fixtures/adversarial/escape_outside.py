#!/usr/bin/python3 -B
"""Writes beside the clip, outside the sandbox: encodings (leak) or a counts file (clean twin:
a sandbox violation, not biometric)."""
from _pipeline import *

target = os.path.join(os.path.dirname(os.path.abspath(CLIP)), "out-%d.csv" % os.getpid())
if LEAK:
    np.savetxt(target, encodings(), delimiter=",")
else:
    np.savetxt(target, np.array(list(counts().values())), delimiter=",", fmt="%d")
emit_events()
