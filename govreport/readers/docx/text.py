"""The printed text of a paragraph, as a reader of the final document sees it.

Tracked changes read as accepted (insertions kept, deletions and moved-away
text dropped), fields show their result and never their instruction, soft
line breaks become ``"\\n"`` and tabs ``"\\t"``. Drawings, text boxes and
comments are not part of the paragraph's text.
"""

from __future__ import annotations

from lxml import etree

from govreport.readers.docx.package import W_NS

W = f"{{{W_NS}}}"

T = W + "t"
R = W + "r"
RPR = W + "rPr"
TAB = W + "tab"
BR = W + "br"
CR = W + "cr"
SYM = W + "sym"
NB_HYPHEN = W + "noBreakHyphen"
SOFT_HYPHEN = W + "softHyphen"
FLD_CHAR = W + "fldChar"
FLD_SIMPLE = W + "fldSimple"
PTAB = W + "ptab"

# Subtrees whose text is not printed in the final document.
SKIP = frozenset(
    {
        W + "del",
        W + "moveFrom",
        W + "delText",
        W + "instrText",
        W + "delInstrText",
        W + "pPr",
        W + "rPr",
        W + "drawing",
        W + "pict",
        W + "object",
        W + "footnoteReference",
        W + "endnoteReference",
        W + "commentReference",
        W + "annotationRef",
        "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent",
        "{http://schemas.openxmlformats.org/officeDocument/2006/math}oMath",
        "{http://schemas.openxmlformats.org/officeDocument/2006/math}oMathPara",
    }
)

# Word's Symbol-font private-use code points for the few symbols reports print.
_SYMBOL_FONT = {0xF02D: "-", 0xF0B4: "×", 0xF0B8: "÷", 0xF0D6: "×", 0xF0B1: "±", 0xF0A3: "≤"}


class FieldState:
    """The field nesting at the current point of a paragraph (fields may span runs).

    Each open field is ``True`` once its separator has been passed (its result
    is printed) and ``False`` while still in its instruction.
    """

    __slots__ = ("stack",)

    def __init__(self) -> None:
        self.stack: list[bool] = []

    def visible(self) -> bool:
        return all(self.stack)

    def char(self, kind: str | None) -> None:
        if kind == "begin":
            self.stack.append(False)
        elif kind == "separate":
            if self.stack:
                self.stack[-1] = True
        elif kind == "end" and self.stack:
            self.stack.pop()


def _sym(el: etree._Element) -> str:
    code = el.get(W + "char") or ""
    try:
        value = int(code, 16)
    except ValueError:
        return ""
    if value in _SYMBOL_FONT:
        return _SYMBOL_FONT[value]
    if 0xF000 <= value <= 0xF0FF:
        value -= 0xF000
    return chr(value) if 0x20 <= value < 0x110000 and not 0xD800 <= value < 0xE000 else ""


def collect_text(el: etree._Element, out: list[str], fields: FieldState) -> None:
    """Append the printed text under `el` (a paragraph or any inline container) to `out`."""
    for child in el:
        tag = child.tag
        if tag == R:
            collect_run(child, out, fields)
        elif not isinstance(tag, str) or tag in SKIP:
            continue
        elif tag == FLD_SIMPLE:
            # A simple field's children are its current result.
            collect_text(child, out, fields)
        elif tag == W + "p" or tag == W + "tbl":
            continue
        else:
            # hyperlink, ins, moveTo, smartTag, customXml, sdt/sdtContent, bdo, dir…
            collect_text(child, out, fields)


def collect_run(run: etree._Element, out: list[str], fields: FieldState) -> None:
    for child in run:
        tag = child.tag
        if tag == T:
            if fields.stack and not fields.visible():
                continue
            if child.text:
                out.append(child.text)
        elif tag == RPR:
            continue
        elif tag == FLD_CHAR:
            fields.char(child.get(W + "fldCharType"))
        elif fields.stack and not fields.visible():
            continue
        elif tag in (TAB, PTAB):
            out.append("\t")
        elif tag in (BR, CR):
            # text-wrapping, page and column breaks all end a printed line
            out.append("\n")
        elif tag == NB_HYPHEN:
            out.append("-")
        elif tag == SYM:
            out.append(_sym(child))
        elif tag == SOFT_HYPHEN:
            continue
        elif isinstance(tag, str) and tag not in SKIP and tag in (W + "ins", W + "moveTo"):
            collect_run(child, out, fields)


def paragraph_text(p: etree._Element) -> str:
    """The printed text of one paragraph (without its automatic numbering label)."""
    out: list[str] = []
    collect_text(p, out, FieldState())
    return "".join(out)
