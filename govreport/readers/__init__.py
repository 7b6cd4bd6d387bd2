"""Readers turn one source into blocks: headings, paragraphs and raw tables.

Every reader is a function ``read(data: bytes, ctx: ReadContext) -> ReaderOutput``
registered in `govreport.formats`. Readers never build grids themselves: raw
tables go to the one table builder.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from govreport.model import Diagnostic, Heading, Location, Paragraph, Severity
from govreport.options import ReadOptions
from govreport.tables.raw import RawTable

RawBlock = Heading | Paragraph | RawTable


@dataclass(frozen=True, slots=True)
class ReadContext:
    """The name of the input (for messages) and the resolved options."""

    name: str
    options: ReadOptions = field(default_factory=ReadOptions)


@dataclass(frozen=True, slots=True)
class CellReading:
    """How sure an OCR is of a cell's text: `confidence` the lowest probability of
    its characters (0–1), `alternatives` other readings the model saw (one
    character changed each), for the identities to choose between."""

    confidence: float
    alternatives: tuple[str, ...] = ()


@dataclass(slots=True)
class ReaderOutput:
    """What a reader found. `readings` maps the source location of each raw cell
    that was read by OCR to that reading's confidence."""

    blocks: list[RawBlock] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    charset: str | None = None
    charset_confidence: float | None = None
    pages: int | None = None
    readings: dict[Location, CellReading] = field(default_factory=dict)

    def diag(
        self, code: str, severity: Severity, message: str, location: Location | None = None
    ) -> None:
        self.diagnostics.append(Diagnostic(code, severity, message, location))
