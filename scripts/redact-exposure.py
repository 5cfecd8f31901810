#!/usr/bin/python3
"""Ground-truth exposure of `silhouette redact` on synthetic clips.

  redact-exposure.py generate DIR [--only NAME,...]   clips DIR/NAME.y4m, masks DIR/NAME.npz,
                                                      empty-scene frames DIR/NAME-empty.png
  redact-exposure.py measure CLIP.y4m TRUTH.npz OUT.mp4 [--others-of ID --log LOG]   one JSON line
      --others-of ID: exposure of everyone but person ID (--keep-only), outside the overlaps
      that the redaction log LOG reports
  redact-exposure.py list                             the clip names and what each one tests

Every clip is 320x240 at 10 fps, 8-bit 4:2:0, lossless (Y4M), on a textured background, with
textured people (a body silhouette with a fine random pattern of their own) whose exact
per-frame masks are saved beside the clip (occlusion resolved: a pixel belongs to the person in
front). Stops are scaled: the "3 minute" stop lasts 90 s at 10 fps (900 frames), longer than the
500-frame history of silhouette's adaptive background model, so a model that forgets a
still person has forgotten it completely, as it would after 3 minutes.

Exposure: a person pixel is "recognisable" in the redacted output when, over the 7x7 window
around it, the Pearson correlation between the original and the output is above 0.5
(THRESHOLD) and the output keeps at least a quarter of the original's local contrast
(CONTRAST: standard deviation ratio >= 0.25). Why: the people's texture survives silhouette's
H.264 re-encode (crf 20) with r >= 0.9 and its full contrast on almost every pixel (a plain
re-encode scores 100 %), while a blur leaves a smooth field with a few % of the contrast whose
chance correlation with the texture passes 0.5 on about 1 % of the pixels of a 7x7 window —
correlation alone would count noise as exposure; contrast alone would count any busy
replacement. 0.5 and 0.25 sit well between the two cases. Over-redaction: a non-person pixel
farther than MARGIN (12 px, about the default box margin: 15 % of a 24x64 person + 4 px) from
every person is "redacted" when the same test fails for the background's own texture. Clips
start from a background textured everywhere, so both measures apply to every pixel.
"""
import json
import subprocess
import sys
import zlib
import struct

import numpy as np

W, H, FPS = 320, 240, 10
WINDOW = 7
THRESHOLD = 0.5
CONTRAST = 0.25
MARGIN = 12
PERSON_W, PERSON_H = 24, 64


def body_mask(phase):
    """A 24x64 silhouette: head, torso, two legs whose stride follows `phase`."""
    y, x = np.mgrid[0:PERSON_H, 0:PERSON_W]
    head = ((x - 11.5) / 5.5) ** 2 + ((y - 7) / 7) ** 2 <= 1
    torso = (y >= 13) & (y < 38) & (x >= 3) & (x < 21)
    swing = int(round(3 * np.sin(phase)))
    left = (y >= 38) & (x >= 4 + swing) & (x < 11 + swing)
    right = (y >= 38) & (x >= 13 - swing) & (x < 20 - swing)
    return head | torso | left | right


def texture(rng, h, w, scale, low, high):
    """A fine random pattern: blocks of `scale` px, values in [low, high]."""
    coarse = rng.integers(low, high + 1, size=((h + scale - 1) // scale, (w + scale - 1) // scale))
    return np.kron(coarse, np.ones((scale, scale), dtype=np.int64))[:h, :w].astype(np.float32)


def background(seed):
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:H, 0:W]
    base = 90 + 40 * (x / W) + 20 * np.sin(y / 23.0)
    return (base + texture(rng, H, W, 3, -22, 22)).astype(np.float32)


class Person:
    """A path: a list of (x, y) top-left positions per frame, None when absent."""

    def __init__(self, pid, seed, positions):
        rng = np.random.default_rng(seed)
        self.pid = pid
        self.tex = texture(rng, PERSON_H, PERSON_W, 2, 40, 230)
        self.positions = positions

    def at(self, n):
        return self.positions[n] if n < len(self.positions) else None


def path(frames, segments):
    """segments: (frames, (x0, y0), (x1, y1)) walked linearly; positions rounded to pixels."""
    out = []
    for count, a, b in segments:
        for i in range(count):
            t = i / max(count - 1, 1)
            out.append((a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t))
    out += [None] * (frames - len(out))
    return out[:frames]


def absent(count):
    return [None] * count


def scenario(name):
    """(frames, people, noise sigma, gain(n), description)."""
    unity = lambda n: 1.0
    if name == "walk":
        n = 200
        a = path(n, [(120, (-30, 100), (330, 110))])
        b = absent(40) + path(n - 40, [(140, (330, 150), (-30, 140))])
        return n, [Person(1, 11, a), Person(2, 12, b)], 0, unity, "two people walk across"
    if name == "stop-30s":
        n = 500
        a = path(n, [(50, (-30, 90), (140, 100)), (300, (140, 100), (140, 100)), (50, (140, 100), (330, 110))])
        b = absent(200) + path(n - 200, [(120, (330, 160), (-30, 150))])
        return n, [Person(1, 21, a), Person(2, 22, b)], 0, unity, "walks in, stops 30 s, walks out; a passer-by"
    if name == "stop-3min":
        n = 1100
        a = path(n, [(60, (-30, 90), (150, 95)), (900, (150, 95), (150, 95)), (60, (150, 95), (330, 100))])
        return n, [Person(1, 31, a)], 0, unity, "walks in, stops 90 s (3 min scaled), walks out"
    if name == "first-frame":
        n = 200
        a = path(n, [(140, (60, 100), (330, 110))])
        b = path(n, [(60, (200, 140), (200, 140)), (80, (200, 140), (-30, 150))])
        return n, [Person(1, 41, a), Person(2, 42, b)], 0, unity, "one walks from frame 0, one stands from frame 0 then leaves"
    if name == "static":
        n = 150
        a = path(n, [(n, (140, 90), (140, 90))])
        return n, [Person(1, 51, a)], 0, unity, "stands still from the first frame to the last"
    if name == "cross":
        n = 200
        a = absent(20) + path(n - 20, [(140, (-30, 100), (330, 104))])
        b = absent(20) + path(n - 20, [(140, (330, 96), (-30, 100))])
        c = path(n, [(80, (150, -70), (150, 80)), (60, (150, 80), (150, 80)), (60, (150, 80), (150, 250))])
        return n, [Person(1, 61, a), Person(2, 62, b), Person(3, 63, c)], 0, unity, "two cross and occlude each other, a third stops behind"
    if name == "slow":
        n = 400
        a = path(n, [(n, (100, 100), (180, 100))])
        return n, [Person(1, 71, a)], 0, unity, "moves 0.2 px per frame"
    if name == "noise-light":
        n = 300
        a = path(n, [(60, (-30, 90), (140, 100)), (150, (140, 100), (140, 100)), (60, (140, 100), (330, 110))])
        b = absent(100) + path(n - 100, [(150, (330, 150), (-30, 150))])
        gain = lambda n: 1.0 if n < 120 else (0.65 if n >= 140 else 1.0 - 0.35 * (n - 120) / 20)
        return n, [Person(1, 81, a), Person(2, 82, b)], 6, gain, "sensor noise sigma 6, light falls to 65 % over 2 s while one stands"
    # Short versions for the tests in `make test` (the same situations, fewer frames).
    if name == "t-stop":
        n = 80
        a = path(n, [(15, (-30, 90), (140, 100)), (50, (140, 100), (140, 100)), (15, (140, 100), (330, 110))])
        return n, [Person(1, 91, a)], 0, unity, "walks in, stands for 60 % of the clip, walks out"
    if name == "t-first-frame":
        n = 60
        a = path(n, [(60, (40, 100), (250, 110))])
        b = path(n, [(25, (200, 140), (200, 140)), (35, (200, 140), (-30, 150))])
        return n, [Person(1, 92, a), Person(2, 93, b)], 0, unity, "one walks from frame 0, one stands from frame 0 then leaves"
    if name == "t-static":
        n = 40
        a = path(n, [(n, (140, 90), (140, 90))])
        return n, [Person(1, 94, a)], 0, unity, "stands still from the first frame to the last"
    if name == "t-cross":
        n = 60
        a = path(n, [(60, (-10, 100), (300, 104))])
        b = path(n, [(60, (300, 96), (-10, 100))])
        return n, [Person(1, 95, a), Person(2, 96, b)], 0, unity, "two cross and occlude each other"
    if name == "t-slow":
        n = 100
        a = path(n, [(n, (100, 100), (150, 100))])
        return n, [Person(1, 98, a)], 0, unity, "moves 0.5 px per frame"
    if name == "t-light":
        n = 60
        a = path(n, [(15, (-30, 90), (140, 100)), (30, (140, 100), (140, 100)), (15, (140, 100), (330, 110))])
        gain = lambda n: 1.0 if n < 20 else (0.7 if n >= 30 else 1.0 - 0.3 * (n - 20) / 10)
        return n, [Person(1, 97, a)], 5, gain, "noise sigma 5, light falls to 70 % while the person stands"
    raise SystemExit(f"unknown clip {name}")


NAMES = ["walk", "stop-30s", "stop-3min", "first-frame", "static", "cross", "slow", "noise-light"]


def render(name, directory):
    frames, people, noise, gain, _ = scenario(name)
    bg = background(7)
    rng = np.random.default_rng(1234)
    masks = np.zeros((frames, H, W), dtype=np.uint8)  # 0 nobody, else person id
    with open(f"{directory}/{name}.y4m", "wb") as out:
        out.write(f"YUV4MPEG2 W{W} H{H} F{FPS}:1 Ip A1:1 C420jpeg\n".encode())
        chroma = np.full(2 * (W // 2) * (H // 2), 128, dtype=np.uint8).tobytes()
        for n in range(frames):
            image = bg.copy()
            label = masks[n]
            # Farther people (smaller y) first: whoever is lower in the picture is in front.
            present = [(p, p.at(n)) for p in people if p.at(n) is not None]
            for p, (px, py) in sorted(present, key=lambda e: e[1][1]):
                shape = body_mask(n * 0.6 + p.pid)
                x0, y0 = int(round(px)), int(round(py))
                xs, ys = max(x0, 0), max(y0, 0)
                xe, ye = min(x0 + PERSON_W, W), min(y0 + PERSON_H, H)
                if xe <= xs or ye <= ys:
                    continue
                sub = shape[ys - y0:ye - y0, xs - x0:xe - x0]
                image[ys:ye, xs:xe][sub] = p.tex[ys - y0:ye - y0, xs - x0:xe - x0][sub]
                label[ys:ye, xs:xe][sub] = p.pid
            image = image * gain(n)
            if noise:
                image = image + rng.normal(0, noise, size=image.shape)
            out.write(b"FRAME\n")
            out.write(np.clip(np.rint(image), 16, 235).astype(np.uint8).tobytes())
            out.write(chroma)
    np.savez_compressed(f"{directory}/{name}.npz", masks=masks)
    write_png(f"{directory}/{name}-empty.png", np.clip(np.rint(bg), 16, 235).astype(np.uint8))


def write_png(path, gray):
    """A grey 8-bit PNG (stdlib zlib, no imaging library)."""
    h, w = gray.shape
    raw = b"".join(b"\x00" + gray[r].tobytes() for r in range(h))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))


def read_y4m_luma(path):
    with open(path, "rb") as f:
        data = f.read()
    header_end = data.index(b"\n")
    frame = W * H + 2 * (W // 2) * (H // 2)
    lumas, i = [], header_end + 1
    while i < len(data):
        i = data.index(b"\n", i) + 1
        lumas.append(np.frombuffer(data, dtype=np.uint8, count=W * H, offset=i).reshape(H, W))
        i += frame
    return lumas


def decode_luma(path):
    raw = subprocess.run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-i", path, "-f", "rawvideo",
                          "-pix_fmt", "yuv420p", "-"], check=True, capture_output=True).stdout
    frame = W * H + 2 * (W // 2) * (H // 2)
    return [np.frombuffer(raw, dtype=np.uint8, count=W * H, offset=k).reshape(H, W) for k in range(0, len(raw) - frame + 1, frame)]


def box_sum(a, r):
    """Sum over the (2r+1)^2 window around each pixel (edges: window clipped)."""
    c = np.pad(a, ((1, 0), (1, 0))).cumsum(0).cumsum(1)
    y0 = np.clip(np.arange(H) - r, 0, H); y1 = np.clip(np.arange(H) + r + 1, 0, H)
    x0 = np.clip(np.arange(W) - r, 0, W); x1 = np.clip(np.arange(W) + r + 1, 0, W)
    return c[y1][:, x1] - c[y0][:, x1] - c[y1][:, x0] + c[y0][:, x0], (y1 - y0)[:, None] * (x1 - x0)[None, :]


def local_correlation(a, b):
    a = a.astype(np.float64); b = b.astype(np.float64)
    r = WINDOW // 2
    sa, n = box_sum(a, r); sb, _ = box_sum(b, r)
    saa, _ = box_sum(a * a, r); sbb, _ = box_sum(b * b, r); sab, _ = box_sum(a * b, r)
    cov = sab / n - (sa / n) * (sb / n)
    va = np.maximum(saa / n - (sa / n) ** 2, 0); vb = np.maximum(sbb / n - (sb / n) ** 2, 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        corr = np.nan_to_num(cov / np.sqrt(va * vb), nan=0.0)
    return corr, np.sqrt(vb) >= CONTRAST * np.sqrt(va)


def recognisable(a, b):
    """Per pixel: the 7x7 texture of `a` survives in `b` (correlation and contrast)."""
    corr, contrast = local_correlation(a, b)
    return (corr > THRESHOLD) & contrast


def dilate(mask, r):
    out = mask.copy()
    for dy in range(-r, r + 1):
        for dx in range(-r, r + 1):
            if dx * dx + dy * dy > r * r:
                continue
            out |= np.roll(np.roll(mask, dy, 0), dx, 1)
    return out


def overlap_masks(log_path, frames):
    """Per frame, the pixels inside the overlaps the redaction log reports (--keep-only)."""
    out = np.zeros((frames, H, W), dtype=bool)
    if log_path:
        for record in json.load(open(log_path))["frames"]:
            for r in record.get("overlaps", []):
                out[record["frame"], r["y"]:r["y"] + r["height"], r["x"]:r["x"] + r["width"]] = True
    return out


def measure(clip, truth, output, others_of=None, log_path=None):
    masks = np.load(truth)["masks"]
    overlaps = overlap_masks(log_path, len(masks))
    original = read_y4m_luma(clip)
    redacted = decode_luma(output)
    if len(redacted) != len(original):
        raise SystemExit(f"{output}: {len(redacted)} frames, the clip has {len(original)}")
    exposures, over, exposed_frames, person_frames = [], [], 0, 0
    worst = (0.0, -1)
    for n, (a, b) in enumerate(zip(original, redacted)):
        label = masks[n]
        person = label > 0 if others_of is None else (label > 0) & (label != others_of) & ~overlaps[n]
        kept = recognisable(a, b)
        if person.any():
            person_frames += 1
            exposed = int((kept & person).sum())
            share = exposed / int(person.sum())
            exposures.append(share)
            if exposed:
                exposed_frames += 1
            if share > worst[0]:
                worst = (share, n)
        far = ~dilate(label > 0, MARGIN)
        if far.any():
            over.append(float((~kept & far).sum()) / float(far.sum()))
    return {
        "frames": len(original),
        "frames_with_people": person_frames,
        "exposure_mean": float(np.mean(exposures)) if exposures else 0.0,
        "exposure_worst": worst[0],
        "worst_frame": worst[1],
        "frames_exposed_share": exposed_frames / person_frames if person_frames else 0.0,
        "over_redaction_mean": float(np.mean(over)) if over else 0.0,
    }


def main(argv):
    if len(argv) >= 2 and argv[1] == "list":
        for name in NAMES:
            print(f"{name}: {scenario(name)[4]}")
    elif len(argv) >= 3 and argv[1] == "generate":
        only = NAMES
        if len(argv) == 5 and argv[3] == "--only":
            only = argv[4].split(",")
        for name in only:
            render(name, argv[2])
    elif len(argv) >= 5 and argv[1] == "measure":
        options = dict(zip(argv[5::2], argv[6::2]))
        others = int(options["--others-of"]) if "--others-of" in options else None
        print(json.dumps(measure(argv[2], argv[3], argv[4], others, options.get("--log"))))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
