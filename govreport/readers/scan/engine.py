"""The OCR model: PP-OCRv4 text detection and recognition, shipped inside the
``rapidocr-onnxruntime`` wheel and run by onnxruntime on the CPU.

Nothing is fetched: the model files are read from the installed package and
their presence is checked before a session opens. Detection comes from the
package's own pipeline; recognition runs the model directly so that every
character keeps what a caller needs to verify it: its position along the
line (from the CTC time step that emitted it), its probability, and the
runner-up the model saw there (an alternative reading an identity may choose
between, never silently).
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from govreport.errors import MissingToolError

INSTALL_HINT = "pip install govreport[ocr]"
REC_HEIGHT = 48  # the recognition model's input height (pixels)
REC_STRIDE = 8  # input pixels per CTC time step
BATCH = 8
ALT_MIN = 0.05  # a runner-up below this probability is no alternative reading
# A line of digits may come out with letters of the same shape (0/O/Q/o, 1/l/I); such a
# line (specks read beside it aside) is decoded again over the characters a printed value uses.
DIGIT_LIKE = frozenset("0123456789oOQDIl|SsBZzgq.,+-—－/%")
VALUE_CHARS = "0123456789.,+-/%"
SPECK_MARKS = frozenset("·•°˙`´¨")  # what a speck beside a value is read as: no reason to doubt it is one
LOOKALIKES = {"丶": "、"}  # a radical never printed alone, read for the enumeration comma


class OcrUnavailable(MissingToolError):
    """The OCR extra is not installed (or its native libraries cannot load)."""


@dataclass(frozen=True, slots=True)
class CharReading:
    """One recognised character: `x` its centre in line-image pixels, `prob` the
    model's probability for it, `alt` the runner-up character (or None) and
    `alt_prob` that one's probability."""

    text: str
    x: float
    prob: float
    alt: str | None = None
    alt_prob: float = 0.0


@dataclass(frozen=True, slots=True)
class LineReading:
    """A recognised text line: its characters, left to right."""

    chars: tuple[CharReading, ...]

    @property
    def text(self) -> str:
        return "".join(c.text for c in self.chars)

    @property
    def confidence(self) -> float:
        return min((c.prob for c in self.chars), default=0.0)


_lock = threading.Lock()
_engine: OcrEngine | None = None


def get_engine() -> OcrEngine:
    """The shared engine (models load once per process, about a quarter of a second)."""
    global _engine
    with _lock:
        if _engine is None:
            _engine = OcrEngine()
        return _engine


def import_problem() -> str | None:
    """Why OCR cannot run here, or None when it can (the modules import)."""
    try:
        import cv2  # noqa: F401
        import onnxruntime  # noqa: F401
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError as exc:
        text = str(exc)
        if "libGL" in text or "libgthread" in text:
            return (f"OpenCV cannot load ({text}); install the headless build: "
                    "pip uninstall -y opencv-python && pip install --force-reinstall "
                    "opencv-python-headless")
        return f"the OCR extra is not installed ({exc.name or text}); {INSTALL_HINT}"
    return None


class OcrEngine:
    """Detection and recognition sessions over the packaged model files."""

    def __init__(self) -> None:
        problem = import_problem()
        if problem:
            raise OcrUnavailable(problem)
        import rapidocr_onnxruntime
        from rapidocr_onnxruntime import RapidOCR

        models = Path(rapidocr_onnxruntime.__file__).parent / "models"
        needed = ("ch_PP-OCRv4_det_infer.onnx", "ch_PP-OCRv4_rec_infer.onnx",
                  "ch_ppocr_mobile_v2.0_cls_infer.onnx")
        missing = [m for m in needed if not (models / m).is_file()]
        if missing:
            raise OcrUnavailable(f"the OCR package lacks its model files ({', '.join(missing)}); "
                                 f"reinstall it: {INSTALL_HINT}")
        ocr: Any = RapidOCR(det_model_path=str(models / needed[0]),
                            rec_model_path=str(models / needed[1]),
                            cls_model_path=str(models / needed[2]))
        self._det = ocr.text_det
        self._rec = ocr.text_rec
        self._chars: list[str] = list(ocr.text_rec.postprocess_op.character)
        index = {c: i for i, c in enumerate(self._chars)}
        self._value_idx = np.array(sorted({0, *(index[c] for c in VALUE_CHARS if c in index)}))

    def detect(self, image: np.ndarray) -> list[tuple[float, float, float, float]]:
        """Text-line boxes (x0, top, x1, bottom, pixels) found in a grey page image."""
        rgb = np.repeat(image[:, :, None], 3, axis=2)
        boxes, _ = self._det(rgb)
        if boxes is None or len(boxes) == 0:
            return []
        out = []
        for quad in boxes:
            xs, ys = quad[:, 0], quad[:, 1]
            out.append((float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max())))
        return out

    def recognise(self, crops: list[np.ndarray]) -> list[LineReading]:
        """Read grey line images (one text line each), in the order given."""
        results: list[LineReading | None] = [None] * len(crops)
        order = sorted(range(len(crops)), key=lambda i: crops[i].shape[1] / max(1, crops[i].shape[0]))
        for start in range(0, len(order), BATCH):
            batch = order[start:start + BATCH]
            ratio = max(320 / REC_HEIGHT,
                        *(crops[i].shape[1] / max(1, crops[i].shape[0]) for i in batch))
            inputs = []
            widths = []
            for i in batch:
                rgb = np.repeat(crops[i][:, :, None], 3, axis=2)
                inputs.append(self._rec.resize_norm_img(rgb, ratio)[np.newaxis, :])
                h, w = crops[i].shape[:2]
                widths.append(min(int(REC_HEIGHT * ratio), math.ceil(REC_HEIGHT * w / max(1, h))))
            preds = self._rec.session(np.concatenate(inputs).astype(np.float32))[0]
            padded = int(REC_HEIGHT * ratio)
            for k, i in enumerate(batch):
                scale = crops[i].shape[1] / max(1, widths[k])
                step = padded / preds.shape[1]
                reading = self._decode(preds[k], step * scale)
                text = "".join(c for c in reading.text if c not in SPECK_MARKS)
                if text and len(text) <= 16 and all(c in DIGIT_LIKE for c in text):
                    reading = self._decode(preds[k], step * scale, self._value_idx)
                results[i] = reading
        return [r if r is not None else LineReading(()) for r in results]

    def _decode(self, probs: np.ndarray, px_per_step: float,
                allowed: np.ndarray | None = None) -> LineReading:
        """Greedy CTC decoding that keeps each character's time steps, probability
        and runner-up; with `allowed`, over those character indices only."""
        if allowed is not None:
            masked = np.full_like(probs, -1.0)
            masked[:, allowed] = probs[:, allowed]
            probs = masked
        best = probs.argmax(axis=1)
        chars: list[CharReading] = []
        t = 0
        n = len(best)
        while t < n:
            idx = int(best[t])
            end = t + 1
            while end < n and int(best[end]) == idx:
                end += 1
            if idx != 0 and idx < len(self._chars):
                run = probs[t:end, :]
                peak = t + int(run[:, idx].argmax())
                p = float(probs[peak, idx])
                row = probs[peak].copy()
                row[idx] = -1.0
                row[0] = -1.0
                alt_idx = int(row.argmax())
                alt_p = float(row[alt_idx])
                alt = self._chars[alt_idx] if alt_p >= ALT_MIN and alt_idx < len(self._chars) else None
                x = ((t + end) / 2) * px_per_step
                text = LOOKALIKES.get(self._chars[idx], self._chars[idx])
                chars.append(CharReading(text, x, p, alt, alt_p if alt else 0.0))
            t = end
        return LineReading(tuple(chars))
