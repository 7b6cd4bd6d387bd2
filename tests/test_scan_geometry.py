"""The model-free stages of the scan reader: tilt, rulings, punctuation widths, images."""

from __future__ import annotations

import io

import numpy as np
import pytest

cv2 = pytest.importorskip("cv2")

from PIL import Image  # noqa: E402

from govreport.readers.scan.geometry import estimate_skew, find_rulings, ink_mask, rotate  # noqa: E402
from govreport.readers.scan.images import image_pages  # noqa: E402
from govreport.readers.scan.widths import cell_widths, decide_widths, line_widths  # noqa: E402

PX_PER_PT = 200 / 72


def _ruled_page(angle: float = 0.0) -> np.ndarray:
    """A white page with a 4 x 3 ruled grid, a line of bold 'text' blocks and specks."""
    page = np.full((1400, 1000), 240, np.uint8)
    for y in (200, 300, 400, 500):
        cv2.line(page, (100, y), (900, y), 0, 3)
    for x in (100, 400, 650, 900):
        cv2.line(page, (x, 200), (x, 500), 0, 3)
    for k in range(8):  # characters: dense blocks in a row, not lines
        cv2.rectangle(page, (150 + 30 * k, 230), (172 + 30 * k, 262), 20, -1)
    rng = np.random.default_rng(1)
    for y, x in rng.integers(600, 900, size=(60, 2)):
        page[y:y + 2, x:x + 2] = 30
    if angle:
        page = rotate(page, angle)
    return page


@pytest.mark.parametrize("angle", [0.0, 0.6, -0.9, 2.5])
def test_the_tilt_of_a_page_is_measured_to_a_tenth_of_a_degree(angle: float) -> None:
    page = _ruled_page(angle)
    assert abs(estimate_skew(ink_mask(page)) + angle) < 0.1


def test_rulings_are_the_grid_lines_not_the_text_nor_the_specks() -> None:
    page = _ruled_page()
    found = find_rulings(page, ink_mask(page), 1, PX_PER_PT)
    hs = sorted(round(s.pos * PX_PER_PT) for s in found.rulings.horizontal)
    vs = sorted(round(s.pos * PX_PER_PT) for s in found.rulings.vertical)
    assert [abs(a - b) <= 2 for a, b in zip(hs, (200, 300, 400, 500))] == [True] * 4 and len(hs) == 4
    assert [abs(a - b) <= 2 for a, b in zip(vs, (100, 400, 650, 900))] == [True] * 4 and len(vs) == 4
    assert found.erased[300, 500] == 255  # the line is erased for the OCR
    assert found.erased[245, 160] < 100  # the text is not


def test_the_crossing_strokes_of_a_large_bold_character_are_no_grid() -> None:
    page = _ruled_page()
    # a title's 井-like character, 36 points a side, strokes 3 px thick with paper around
    for y in (1000, 1060):
        cv2.line(page, (100, y), (200, y), 0, 3)
    for x in (120, 180):
        cv2.line(page, (x, 980), (x, 1080), 0, 3)
    found = find_rulings(page, ink_mask(page), 1, PX_PER_PT)
    assert all(s.pos * PX_PER_PT < 900 for s in found.rulings.horizontal)
    assert all(s.start * PX_PER_PT < 900 for s in found.rulings.vertical)
    assert len(found.rulings.horizontal) == 4 and len(found.rulings.vertical) == 4
    assert found.erased[1000, 150] < 100  # the character is left for the OCR


def _line(widths: list[tuple[int, int]], height: int = 30) -> np.ndarray:
    ink = np.zeros((height, max(b for _, b in widths) + 5), bool)
    for a, b in widths:
        ink[5:25, a:b] = True
    return ink


def test_a_bracket_followed_by_a_wide_blank_is_full_width() -> None:
    # （一）予: the closing bracket's em leaves half a character blank after it
    ink = _line([(10, 14), (20, 44), (48, 52), (70, 94)])
    texts, measured = decide_widths(["(", "一", ")", "予"], [12, 32, 50, 82], ink, 28.0)
    assert texts == ["（", "一", "）", "予"] and measured == [True]


def test_a_bracket_close_to_the_next_character_is_half_width() -> None:
    ink = _line([(10, 14), (18, 42), (45, 49), (52, 76)])
    texts, _ = decide_widths(["（", "一", "）", "予"], [12, 30, 47, 64], ink, 28.0)
    assert texts == ["(", "一", ")", "予"]


def test_a_bracket_that_cannot_be_measured_keeps_the_pages_usual_width_or_the_models() -> None:
    ink = _line([(10, 14), (20, 44)])
    assert decide_widths(["(", "一"], [12, 32], ink, 28.0, True)[0] == ["（", "一"]
    assert decide_widths(["(", "一"], [12, 32], ink, 28.0)[0] == ["(", "一"]


def test_the_brackets_no_gap_measured_are_named_as_guessed() -> None:
    # 卷（含 | 公开): the opening bracket is measured, the closing one ends its line
    opening = _line([(10, 34), (52, 56), (60, 84)])
    _, measured, guessed = line_widths(["卷", "(", "含"], [22, 54, 72], opening, 28.0)
    assert measured == [True] and guessed == set()
    closing = _line([(10, 34), (38, 62), (66, 70)])
    texts, measured, guessed = line_widths(["公", "开", ")"], [22, 50, 68], closing, 28.0)
    assert texts == ["公", "开", ")"] and measured == [] and guessed == {2}


def test_a_bracket_guessed_on_one_line_takes_the_width_of_its_partner_on_another() -> None:
    marks = [("卷", False), ("（", False), ("含", False), ("公", False), ("开", False), (")", True)]
    assert cell_widths(marks) == ["卷", "（", "含", "公", "开", "）"]
    half = [("(", False), ("含", False), ("）", True)]
    assert cell_widths(half) == ["(", "含", ")"]
    # measured on both sides (a report may print （四) so): each keeps its own width
    assert cell_widths([("（", False), ("四", False), (")", False)]) == ["（", "四", ")"]
    # guessed on both sides: nothing to go by
    assert cell_widths([("（", True), ("四", False), (")", True)]) == ["（", "四", ")"]


def test_quotes_open_towards_the_text_they_enclose() -> None:
    ink = _line([(10, 34), (52, 56), (58, 82), (84, 88), (106, 130)])
    texts, _ = decide_widths(["及", "”", "三", "”", "安"], [22, 54, 70, 86, 118], ink, 28.0)
    assert texts == ["及", "“", "三", "”", "安"]


def _image_bytes(fmt: str, frames: int = 1, dpi: int = 150) -> bytes:
    imgs = [Image.fromarray(np.full((300 + 10 * k, 200), 250, np.uint8)) for k in range(frames)]
    out = io.BytesIO()
    imgs[0].save(out, fmt, save_all=frames > 1, append_images=imgs[1:], dpi=(dpi, dpi))
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "TIFF"])
def test_image_files_become_grey_pages_at_the_ocr_resolution(fmt: str) -> None:
    pages = list(image_pages(_image_bytes(fmt), "x"))
    assert len(pages) == 1
    page = pages[0]
    assert page.dpi == 200 and page.pixels.dtype == np.uint8
    assert abs(page.pixels.shape[0] - 400) <= 1  # 300 px at 150 dpi is 400 px at 200 dpi
    assert abs(page.height_pt - 144) < 0.5  # 300 px at 150 dpi: two inches


def test_every_page_of_a_multi_page_tiff_is_read() -> None:
    pages = list(image_pages(_image_bytes("TIFF", frames=3), "x"))
    assert [p.number for p in pages] == [1, 2, 3]


def test_a_broken_image_is_a_read_error_naming_the_file() -> None:
    import govreport

    data = _image_bytes("PNG")[:60]
    with pytest.raises(govreport.ReadError) as err:
        list(image_pages(data, "scan.png"))
    assert "scan.png" in str(err.value)


def test_a_numbering_stop_takes_its_width_from_the_room_between_its_neighbours() -> None:
    # 3．要 with the full-width stop's dot printed mid-em and widened by a blot of the
    # scan, so that its own gap to 要 looks narrow: the room between 3 and 要 is an em
    full = _line([(5, 18), (30, 44), (46, 69)])
    assert decide_widths(["3", ".", "要"], [12, 31, 55], full, 23.0)[0] == ["3", "．", "要"]
    half = _line([(4, 17), (21, 25), (28, 51)])
    assert decide_widths(["3", "．", "危"], [8, 24, 40], half, 24.0)[0] == ["3", ".", "危"]
