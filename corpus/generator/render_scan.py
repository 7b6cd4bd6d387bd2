"""Scans: a generated PDF printed and scanned back, as an image-only PDF.

Each page is rendered grey at a scanner resolution (150–300 dpi), tilted by
less than a degree, given a paper tone, sensor noise and specks, sometimes a
red seal stamped over the last lines of text (grey in the scan), and stored
as a JPEG with its artefacts. The pages are put together as a PDF with no
text layer, the way scanners hand them back. The truth is the case's truth:
the scan shows exactly what the PDF printed.

Everything random comes from a generator seeded by the case name, so a rerun
gives the same pages (the same bytes with the same libjpeg).
"""

from __future__ import annotations

import io
import math
import random
from pathlib import Path
from typing import Any

import numpy as np

DPIS = (150, 150, 200, 200, 240, 300)
STAMP_SHARE = 0.3  # share of scans with a seal stamped over text


def scan_variant(case: str) -> dict[str, Any]:
    """The scanner settings of a case: resolution, tilt, JPEG quality, specks, stamp."""
    rng = random.Random(f"scan:{case}")
    return {
        "dpi": rng.choice(DPIS),
        "tilt": round(rng.uniform(0.15, 0.95) * rng.choice((-1, 1)), 2),
        "quality": rng.randint(55, 85),
        "specks": rng.randint(40, 400),
        "paper": rng.randint(225, 248),
        "stamp": rng.random() < STAMP_SHARE,
    }


def _stamp(img: Any, cx: float, cy: float, r: float, rng: random.Random) -> None:
    """A round seal (ring, star, ring of marks standing for its text) drawn in the
    grey a red stamp scans to, darkening what is under it."""
    from PIL import Image, ImageDraw

    layer = Image.new("L", img.size, 0)
    d = ImageDraw.Draw(layer)
    w = max(2, int(r * 0.06))
    d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=255, width=w)
    star = []
    for k in range(10):
        rad = r * (0.32 if k % 2 == 0 else 0.13)
        a = -math.pi / 2 + k * math.pi / 5
        star.append((cx + rad * math.cos(a), cy + rad * math.sin(a)))
    d.polygon(star, fill=255)
    for k in range(14):  # the seal's text: short strokes around the inside of the ring
        a = math.pi * (0.85 + 1.3 * k / 13)
        x, y = cx + 0.72 * r * math.cos(a), cy + 0.72 * r * math.sin(a)
        s = r * 0.08
        d.rectangle((x - s, y - s, x + s, y + s), outline=255, width=max(1, w // 2))
    d.line((cx - 0.45 * r, cy + 0.5 * r, cx + 0.45 * r, cy + 0.5 * r), fill=255, width=w)
    tone = rng.randint(95, 140)  # red ink in a grey scan
    mask = np.asarray(layer, dtype=np.float32) / 255.0 * rng.uniform(0.75, 0.95)
    base = np.asarray(img, dtype=np.float32)
    out = base * (1 - mask) + np.minimum(base, tone) * mask
    img.paste(Image.fromarray(out.clip(0, 255).astype(np.uint8)))


def _scan_page(pixels: np.ndarray, variant: dict[str, Any], rng: random.Random,
               stamp: bool) -> Any:
    from PIL import Image, ImageFilter

    nprng = np.random.default_rng(rng.randrange(2**32))
    img = Image.fromarray(pixels)
    if stamp:
        ink_rows = np.flatnonzero((pixels < 128).sum(axis=1) > 3)
        h, w = pixels.shape
        body = ink_rows[ink_rows < 0.9 * h]
        bottom = int(body[-1]) if body.size else h // 2
        r = variant["dpi"] / 72 * rng.uniform(38, 48)
        _stamp(img, w * rng.uniform(0.55, 0.75), bottom - r * rng.uniform(0.2, 0.8), r, rng)
    img = img.rotate(variant["tilt"], resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    img = img.filter(ImageFilter.GaussianBlur(radius=0.45))
    arr = np.asarray(img, dtype=np.float32)
    paper = variant["paper"]
    arr = arr * (paper / 255.0) + nprng.normal(0, 2.0, arr.shape)
    h, w = arr.shape
    for _ in range(variant["specks"]):
        y, x = int(nprng.integers(0, h)), int(nprng.integers(0, w))
        size = int(nprng.integers(1, 4))
        arr[y:y + size, x:x + size] = nprng.uniform(20, 120)
    return Image.fromarray(arr.clip(0, 255).astype(np.uint8))


def render_scan(pdf_path: Path, case: str) -> tuple[bytes, dict[str, Any]]:
    """The image-only PDF scanned from `pdf_path`, and the scanner settings used."""
    import pypdfium2 as pdfium
    from PIL import Image

    variant = scan_variant(case)
    rng = random.Random(f"pages:{case}")
    pdf = pdfium.PdfDocument(str(pdf_path))
    pages: list[Any] = []
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            bitmap = page.render(scale=variant["dpi"] / 72, grayscale=True)
            pixels = np.array(bitmap.to_numpy(), dtype=np.uint8)
            if pixels.ndim == 3:
                pixels = pixels[:, :, 0]
            stamp = variant["stamp"] and i == len(pdf) - 1
            scanned = _scan_page(pixels, variant, rng, stamp)
            jpeg = io.BytesIO()
            scanned.save(jpeg, "JPEG", quality=variant["quality"])
            pages.append(Image.open(io.BytesIO(jpeg.getvalue())))
            page.close()
    finally:
        pdf.close()
    out = io.BytesIO()
    pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=float(variant["dpi"]))
    return out.getvalue(), variant
