"""Page images: PDF pages rendered with pypdfium2, image files read with Pillow.

Every page reaches the OCR as one grey image at `OCR_DPI`, the resolution
the models read best at: body text of a report (10.5–12 pt) is then 28–33
pixels high, inside the detector's comfortable range and close to the
recogniser's 48-pixel input, while an A4 page stays under four megapixels.
An image given directly is scaled from the resolution it declares (200 dpi
when it declares none or an implausible one).
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from govreport.errors import LimitExceededError, ReadError

OCR_DPI = 200.0
DEFAULT_DPI = 200.0
MAX_PIXELS = 12_000 * 12_000  # larger images are refused (decompression bombs)
POINTS_PER_INCH = 72.0


@dataclass(frozen=True, slots=True)
class PageImage:
    """A page as the OCR sees it: grey pixels (0 ink … 255 paper) at `dpi`, and the
    page size in points (what page coordinates are measured in)."""

    number: int
    pixels: np.ndarray
    dpi: float
    width_pt: float
    height_pt: float

    @property
    def px_per_pt(self) -> float:
        return self.dpi / POINTS_PER_INCH


def render_pdf_pages(data: bytes, numbers: list[int], dpi: float = OCR_DPI) -> Iterator[PageImage]:
    """Render the given 1-based pages of a PDF to grey images."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        for number in numbers:
            page = pdf[number - 1]
            try:
                width, height = page.get_size()
                bitmap = page.render(scale=dpi / POINTS_PER_INCH, grayscale=True)
                arr = np.array(bitmap.to_numpy(), dtype=np.uint8, copy=True)
                if arr.ndim == 3:
                    arr = arr[:, :, 0]
                yield PageImage(number, arr, dpi, float(width), float(height))
            finally:
                page.close()
    finally:
        pdf.close()


def _frame_dpi(info: Mapping[Any, Any]) -> float:
    dpi = info.get("dpi")
    if isinstance(dpi, tuple) and dpi:
        try:
            value = float(dpi[0])
        except (TypeError, ValueError):
            return DEFAULT_DPI
        if 70.0 <= value <= 1200.0:
            return value
    return DEFAULT_DPI


def image_pages(data: bytes, name: str, dpi: float = OCR_DPI) -> Iterator[PageImage]:
    """The frames of an image file (one for PNG and JPEG, every page of a TIFF)
    as grey page images at `dpi`."""
    from PIL import Image, UnidentifiedImageError

    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            img = Image.open(io.BytesIO(data))
            img.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise LimitExceededError(f"the image is too large to read ({exc})", source=name) from exc
        except UnidentifiedImageError as exc:
            raise ReadError("the image header is there but the image cannot be decoded "
                            "(corrupt, truncated or mislabelled)", source=name) from exc
        except (OSError, SyntaxError, ValueError) as exc:
            raise ReadError(f"not a readable image ({exc})", source=name) from exc
        n_frames = int(getattr(img, "n_frames", 1))
        for k in range(n_frames):
            try:
                img.seek(k)
                frame = img.copy()
            except (OSError, EOFError, ValueError) as exc:
                raise ReadError(f"image frame {k + 1} cannot be read ({exc})", source=name) from exc
            if frame.width * frame.height > MAX_PIXELS:
                raise LimitExceededError(
                    f"frame {k + 1} has {frame.width}×{frame.height} pixels, over the limit", source=name)
            source_dpi = _frame_dpi(frame.info)
            grey = frame.convert("L") if frame.mode != "L" else frame
            scale = dpi / source_dpi
            if abs(scale - 1.0) > 0.02:
                size = (max(1, round(grey.width * scale)), max(1, round(grey.height * scale)))
                grey = grey.resize(size, Image.Resampling.LANCZOS if scale < 1 else Image.Resampling.BICUBIC)
            arr = np.asarray(grey, dtype=np.uint8).copy()
            width_pt = frame.width / source_dpi * POINTS_PER_INCH
            height_pt = frame.height / source_dpi * POINTS_PER_INCH
            yield PageImage(k + 1, arr, dpi, width_pt, height_pt)
