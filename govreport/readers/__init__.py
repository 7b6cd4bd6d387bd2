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


@dataclass(slots=True)
class ReaderOutput:
    blocks: list[RawBlock] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    charset: str | None = None
    charset_confidence: float | None = None
    pages: int | None = None

    def diag(
        self, code: str, severity: Severity, message: str, location: Location | None = None
    ) -> None:
        self.diagnostics.append(Diagnostic(code, severity, message, location))
