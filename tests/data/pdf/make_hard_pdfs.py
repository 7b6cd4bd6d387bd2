"""Write the small PDFs of the hard-page tests (run by hand; pure Python, no tools).

Each holds the same short report page: a title, a heading, a paragraph, a
ruled table (header row and two rows of numbers) and a closing paragraph,
drawn in Adobe's standard Chinese font (STSong-Light, UniGB-UCS2-H, not
embedded) with digits in Helvetica. The page is drawn so that it *looks*
the same in a viewer; only how the PDF says it differs:

- ``plain.pdf``: the reference, an A4 page;
- ``rotated-90.pdf``, ``rotated-180.pdf``, ``rotated-270.pdf``: the page
  stored turned and a /Rotate that turns it back;
- ``offset-mediabox.pdf``: a media box that does not start at (0, 0);
- ``cropped.pdf``: a larger media box cut down by a crop box, with a line
  of text outside the crop box (not shown, so not read);
- ``type3-digits.pdf``: the table's numbers in a Type3 font (glyphs drawn
  as boxes, with codes 1–10 that only the /Differences glyph names make
  digits);
- ``fake-bold.pdf``: every label drawn twice 0.3 pt apart (fake bold);
- ``cid-no-tounicode.pdf``: one more paragraph in a CID font with
  Identity-H encoding, no ToUnicode map and no embedded font program: its
  glyph codes say nothing about its characters.

    python tests/data/pdf/make_hard_pdfs.py
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
W, H = 595.0, 842.0

TITLE = "测试区2023年政府信息公开工作年度报告"
ROWS = [["信息内容", "本年新制作数量", "本年新公开数量"], ["规章", "5", "0"], ["规范性文件", "12", "3"]]
COLS = [72.0, 232.0, 382.0, 523.0]
ROW_TOPS = [690.0, 664.0, 638.0, 612.0]
HIDDEN = "此行在裁剪框外不应读出"
UNMAPPED_CODES = [0x4E00, 0x4E01, 0x4E03, 0x4E07]  # glyph codes that would pass for 一丁七万


def _hex_ucs2(text: str) -> str:
    return "<" + "".join(f"{ord(ch):04X}" for ch in text) + ">"


def _text(font: str, size: float, x: float, y: float, text: str, cjk: bool) -> str:
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    body = _hex_ucs2(text) if cjk else f"({escaped})"
    return f"BT /{font} {size} Tf 1 0 0 1 {x:.2f} {y:.2f} Tm {body} Tj ET\n"


def page_ops(digits_font: str = "F2", fake_bold: bool = False, hidden: bool = False,
             unmapped: bool = False) -> str:
    """The content of the report page in its own upright A4 frame."""
    ops = [_text("F1", 18, (W - 18 * len(TITLE)) / 2, 780, TITLE, True)]
    ops.append(_text("F1", 12, 72, 740, "一、总体情况", True))
    ops.append(_text("F1", 12, 96, 718, "本年度共收到政府信息公开申请十二件，均已按期答复。", True))
    ops.append("0.6 w 0 0 0 RG\n")
    for y in ROW_TOPS:
        ops.append(f"{COLS[0]:.2f} {y:.2f} m {COLS[-1]:.2f} {y:.2f} l S\n")
    for x in COLS:
        ops.append(f"{x:.2f} {ROW_TOPS[0]:.2f} m {x:.2f} {ROW_TOPS[-1]:.2f} l S\n")
    for r, row in enumerate(ROWS):
        base = ROW_TOPS[r] - 18
        for c, cell in enumerate(row):
            x = COLS[c] + 6
            if cell.isdigit() and digits_font == "F3":  # glyph codes 1–10, named by the encoding
                codes = "".join(f"{int(d) + 1:02X}" for d in cell)
                ops.append(f"BT /F3 12 Tf 1 0 0 1 {x:.2f} {base:.2f} Tm <{codes}> Tj ET\n")
                continue
            if cell.isdigit():
                ops.append(_text(digits_font, 12, x, base, cell, False))
                continue
            ops.append(_text("F1", 12, x, base, cell, True))
            if fake_bold:
                ops.append(_text("F1", 12, x + 0.3, base, cell, True))
    ops.append(_text("F1", 12, 72, 570, "二、其他需要报告的事项", True))
    ops.append(_text("F1", 12, 96, 548, "本机关无其他需要报告的事项，特此说明。", True))
    if unmapped:
        codes = "<" + "".join(f"{c:04X}" for c in UNMAPPED_CODES) + ">"
        ops.append(f"BT /F4 12 Tf 1 0 0 1 96 520 Tm {codes} Tj ET\n")
    if hidden:
        ops.append(_text("F1", 12, -12 * len(HIDDEN) - 20, 400, HIDDEN, True))
    return "".join(ops)


def _type3_digits() -> str:
    """A Type3 font whose digits are drawn as filled boxes of different heights."""
    procs = []
    names = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    for k, name in enumerate(names):
        procs.append(f"/{name} {{STREAM:600 0 50 0 550 700 d1 50 0 500 {300 + 40 * k} re f}}")
    return (
        "<< /Type /Font /Subtype /Type3 /FontBBox [0 0 600 700] /FontMatrix [0.001 0 0 0.001 0 0] "
        "/CharProcs << " + " ".join(procs) + " >> "
        "/Encoding << /Type /Encoding /Differences [1 " + " ".join(f"/{n}" for n in names) + "] >> "
        "/FirstChar 1 /LastChar 10 /Widths [" + " ".join(["600"] * 10) + "] /Resources << >> >>"
    )


FONTS = {
    "F1": "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
          "/DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
          "/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /DW 1000 "
          "/FontDescriptor << /Type /FontDescriptor /FontName /STSong-Light /Flags 6 "
          "/FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 "
          "/StemV 93 >> >>] >>",
    "F2": "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    "F4": "<< /Type /Font /Subtype /Type0 /BaseFont /NoMapSong /Encoding /Identity-H "
          "/DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /BaseFont /NoMapSong "
          "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 "
          "/FontDescriptor << /Type /FontDescriptor /FontName /NoMapSong /Flags 4 "
          "/FontBBox [0 -120 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 "
          "/StemV 80 >> >>] >>",
}


# A simple font whose ToUnicode map gives glyph 1 two characters (the two-em
# dash ``——`` that LibreOffice prints as one glyph) and glyph 2 one (``—``):
# PDFium lists both characters of glyph 1, one after the other, with one box.
DASH_FONT = (
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 1 /LastChar 2 "
    "/Widths [1000 500] /Encoding << /Type /Encoding /Differences [1 /emdash /endash] >> "
    "/ToUnicode {STREAM:/CIDInit /ProcSet findresource begin 12 dict begin begincmap "
    "/CMapName /Dashes def 1 begincodespacerange <00> <FF> endcodespacerange "
    "2 beginbfchar <01> <20142014> <02> <2014> endbfchar endcmap "
    "CMapName currentdict /CMap defineresource pop end end} >>"
)


def dash_ops() -> str:
    """Glyph 1 printed once, then again 0.3 pt on (fake bold, its own text
    object); further on, glyph 2 printed twice: ``——`` then ``——``."""
    return ("BT /F5 12 Tf 1 0 0 1 96 500 Tm (\\001) Tj ET\n"
            "BT /F5 12 Tf 1 0 0 1 96.3 500 Tm (\\001) Tj ET\n"
            "BT /F5 12 Tf 1 0 0 1 160 500 Tm (\\002\\002) Tj ET\n")


class _Writer:
    """Just enough of a PDF writer: numbered objects, streams, an xref table."""

    def __init__(self) -> None:
        self.objects: list[bytes] = []

    def add(self, body: str | bytes) -> int:
        self.objects.append(body.encode("latin-1") if isinstance(body, str) else body)
        return len(self.objects)

    def stream(self, data: str, extra: str = "") -> int:
        raw = data.encode("latin-1")
        return self.add(f"<< /Length {len(raw)}{extra} >>\nstream\n".encode() + raw + b"\nendstream")

    def expand_streams(self, body: str) -> str:
        """Inline ``{STREAM:...}`` markers become references to stream objects."""
        while "{STREAM:" in body:
            start = body.index("{STREAM:")
            end = body.index("}", start)
            ref = self.stream(body[start + 8 : end])
            body = body[:start] + f"{ref} 0 R" + body[end + 1 :]
        return body

    def write(self, path: Path, root: int) -> None:
        out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for i, body in enumerate(self.objects, 1):
            offsets.append(len(out))
            out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
        xref = len(out)
        out += f"xref\n0 {len(self.objects) + 1}\n0000000000 65535 f \n".encode()
        for off in offsets:
            out += f"{off:010d} 00000 n \n".encode()
        size = len(self.objects) + 1
        out += f"trailer\n<< /Size {size} /Root {root} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
        path.write_bytes(bytes(out))


def make_pdf(path: Path, ops: str, *, rotate: int = 0, media: tuple[float, ...] = (0, 0, W, H),
             crop: tuple[float, ...] | None = None, cm: str = "", type3: bool = False,
             fonts: dict[str, str] | None = None) -> None:
    w = _Writer()
    fonts = {**FONTS, **(fonts or {})}
    if type3:
        fonts["F3"] = _type3_digits()
    font_refs = {name: w.add(w.expand_streams(body)) for name, body in fonts.items()}
    content = w.stream((f"q {cm} cm\n" if cm else "q\n") + ops + "Q\n")
    resources = "<< /Font << " + " ".join(f"/{n} {r} 0 R" for n, r in font_refs.items()) + " >> >>"
    pages_ref = len(w.objects) + 2
    box = " ".join(f"{v:g}" for v in media)
    extra = f" /CropBox [{' '.join(f'{v:g}' for v in crop)}]" if crop else ""
    extra += f" /Rotate {rotate}" if rotate else ""
    page = w.add(f"<< /Type /Page /Parent {pages_ref} 0 R /MediaBox [{box}]{extra} "
                 f"/Resources {resources} /Contents {content} 0 R >>")
    w.add(f"<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>")
    root = w.add(f"<< /Type /Catalog /Pages {pages_ref} 0 R >>")
    w.write(path, root)


def main() -> None:
    ops = page_ops()
    make_pdf(HERE / "plain.pdf", ops)
    # the stored page is turned; the cm puts the upright A4 drawing onto it
    make_pdf(HERE / "rotated-90.pdf", ops, rotate=90, media=(0, 0, H, W), cm=f"0 1 -1 0 {H:g} 0")
    make_pdf(HERE / "rotated-180.pdf", ops, rotate=180, cm=f"-1 0 0 -1 {W:g} {H:g}")
    make_pdf(HERE / "rotated-270.pdf", ops, rotate=270, media=(0, 0, H, W), cm=f"0 -1 1 0 0 {W:g}")
    make_pdf(HERE / "offset-mediabox.pdf", ops, media=(100, 200, 100 + W, 200 + H), cm="1 0 0 1 100 200")
    make_pdf(HERE / "cropped.pdf", page_ops(hidden=True), media=(0, 0, W + 120, H + 100),
             crop=(50, 60, 50 + W, 60 + H), cm="1 0 0 1 50 60")
    make_pdf(HERE / "type3-digits.pdf", page_ops(digits_font="F3"), type3=True)
    make_pdf(HERE / "fake-bold.pdf", page_ops(fake_bold=True))
    make_pdf(HERE / "cid-no-tounicode.pdf", page_ops(unmapped=True))


if __name__ == "__main__":
    main()
