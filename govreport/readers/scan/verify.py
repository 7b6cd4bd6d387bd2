"""Numbers read by OCR are verified by the format's identities, never guessed.

Once the report layer has run the identities on a document with scanned
pages, each failing identity that involves cells read by OCR is looked at:

* where the model saw an alternative reading for one of those cells (a
  runner-up character), and exactly one such alternative makes failing
  identities hold without breaking any other, that reading is used, and a
  warning names the cell, both readings and the identities (never silently);
* every cell read by OCR that a still-failing identity involves, and every
  data cell read by OCR that is not a number where the format has one, is
  marked ``uncertain``, with a warning per identity. Its text is kept as
  read: the failure may be printed in the report as well as misread.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from govreport.model import Block, Cell, CheckResult, Diagnostic, Document, Location, Table
from govreport.readers import CellReading
from govreport.report.values import parse_value

Slot = tuple[int, int, int]  # table index, row, column
MAX_CHOICES = 6  # alternative readings used at most per document
MAX_TRIALS = 80  # alternative readings tried at most per choice (each runs the identities again)


def _tables(doc: Document) -> list[tuple[int, Table]]:
    """(block position, table) for every table, in document order."""
    return [(pos, b) for pos, b in enumerate(doc.blocks) if isinstance(b, Table)]


def _cell(doc: Document, slot: Slot) -> Cell | None:
    tables = _tables(doc)
    if not 0 <= slot[0] < len(tables):
        return None
    for c in tables[slot[0]][1].cells:
        if (c.row, c.col) == slot[1:]:
            return c
    return None


def _failing(doc: Document) -> list[CheckResult]:
    return [c for c in (doc.report.checks if doc.report else ()) if c.status == "fail"]


def _slots(checks: Iterable[CheckResult]) -> set[Slot]:
    return {(w.table, w.row, w.col) for c in checks for w in c.where
            if w.table is not None and w.row is not None and w.col is not None}


def _with_text(doc: Document, slot: Slot, text: str) -> Document:
    blocks: list[Block] = list(doc.blocks)
    pos, table = _tables(doc)[slot[0]]
    cells = tuple(replace(c, text=text) if (c.row, c.col) == slot[1:] else c for c in table.cells)
    blocks[pos] = replace(table, cells=cells)
    return replace(doc, blocks=tuple(blocks))


def _names(checks: Iterable[CheckResult]) -> str:
    return ", ".join(sorted({f"{c.rule} ({c.scope})" if c.scope else c.rule for c in checks}))


def _choose(built: Document, doc: Document, readings: Mapping[Location, CellReading],
            ocr: set[Slot], notes: list[Diagnostic]) -> tuple[Document, Document]:
    """Use alternative readings that identities single out, one at a time."""
    from govreport.report import analyse

    for _ in range(MAX_CHOICES):
        fails = _failing(doc)
        failed = {(c.rule, c.scope) for c in fails}
        trials: list[tuple[int, Slot, str, Document, Document]] = []
        tried = 0
        for slot in sorted(_slots(fails) & ocr):
            cell = _cell(doc, slot)
            if cell is None or cell.source is None or cell.source not in readings:
                continue
            for alt in readings[cell.source].alternatives:
                if parse_value(alt).kind != "number" or tried >= MAX_TRIALS:
                    continue
                tried += 1
                trial_built = _with_text(built, slot, alt)
                trial = analyse(trial_built)
                now = {(c.rule, c.scope) for c in _failing(trial)}
                if now < failed:
                    trials.append((len(failed - now), slot, alt, trial_built, trial))
        if not trials:
            break
        trials.sort(key=lambda t: -t[0])
        best = trials[0]
        if len(trials) > 1 and trials[1][0] == best[0]:
            ties = ", ".join(f"{t[2]!r} at table {t[1][0] + 1} ({t[1][1]}, {t[1][2]})"
                             for t in trials if t[0] == best[0])
            notes.append(Diagnostic("scan.alternatives_ambiguous", "info",
                                    f"several OCR alternatives would make the same identities hold "
                                    f"({ties}); none is used", None))
            break
        _, slot, alt, trial_built, trial = best
        cell = _cell(doc, slot)
        assert cell is not None
        fixed = [c for c in fails if (c.rule, c.scope) not in
                 {(t.rule, t.scope) for t in _failing(trial)}]
        notes.append(Diagnostic(
            "scan.alternative_chosen", "warning",
            f"table {slot[0] + 1}, cell ({slot[1]}, {slot[2]}): the OCR read {cell.text!r} "
            f"(confidence {cell.confidence if cell.confidence is not None else 0:.2f}) and also saw "
            f"{alt!r}, which makes {_names(fixed)} hold; {alt!r} is used",
            Location(table=slot[0], row=slot[1], col=slot[2])))
        built, doc = trial_built, trial
    return built, doc


def verify_ocr(built: Document, doc: Document, readings: Mapping[Location, CellReading]) -> Document:
    """`doc` (the analysed `built`) with OCR alternatives chosen where identities
    single them out and the OCR cells of failing identities marked uncertain."""
    if doc.report is None:
        return doc
    ocr = {(ti, c.row, c.col) for ti, (_, t) in enumerate(_tables(doc)) for c in t.cells
           if c.source is not None and c.source in readings}
    if not ocr:
        return doc
    notes: list[Diagnostic] = []
    built, doc = _choose(built, doc, readings, ocr, notes)
    marks: dict[Slot, str] = {}
    for check in _failing(doc):
        mine = sorted(_slots([check]) & ocr)
        if not mine:
            continue
        for slot in mine:
            marks.setdefault(slot, check.rule)
        notes.append(Diagnostic(
            "scan.uncertain", "warning",
            f"{_names([check])} fails on cells read by OCR: {len(mine)} cell(s) marked uncertain, "
            f"their text kept as read ({check.message})",
            Location(table=mine[0][0], row=mine[0][1], col=mine[0][2])))
    for ti, (_, table) in enumerate(_tables(doc)):
        if table.kind is None:
            continue
        for c in table.cells:
            slot = (ti, c.row, c.col)
            if c.role == "data" and c.key and slot in ocr and parse_value(c.text).kind == "text":
                if slot not in marks:
                    notes.append(Diagnostic(
                        "scan.uncertain", "warning",
                        f"table {ti + 1}, cell ({c.row}, {c.col}) read by OCR as {c.text!r}, not a "
                        "number; marked uncertain", Location(table=ti, row=c.row, col=c.col)))
                marks.setdefault(slot, "text")
    blocks: list[Block] = list(doc.blocks)
    for ti, (pos, table) in enumerate(_tables(doc)):
        if any(s[0] == ti for s in marks):
            cells = tuple(replace(c, uncertain=True) if (ti, c.row, c.col) in marks else c
                          for c in table.cells)
            blocks[pos] = replace(table, cells=cells)
    return replace(doc, blocks=tuple(blocks), diagnostics=doc.diagnostics + tuple(notes))
