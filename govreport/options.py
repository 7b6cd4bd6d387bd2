"""Validated, frozen option objects; `resolve()` accepts None, a dict or an instance."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from govreport.errors import OptionsError

MB = 1024 * 1024
PDF_ENGINES = ("pypdfium2", "pdfplumber")


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How inputs are read.

    `max_input_bytes` refuses larger inputs outright; `strict` turns warning and
    error diagnostics into a `StrictModeError`; `format` forces a reader
    instead of sniffing. The zip limits guard docx against zip bombs; the
    soffice settings convert legacy .doc/.wps through LibreOffice.
    `max_table_cells` bounds the grid slots of a document's tables (a report's
    tables hold a few hundred; past it a table's rows are kept as paragraphs).
    `pdf_engine` chooses the library that parses PDFs: ``"pypdfium2"``
    (PDFium, the default and much faster) or ``"pdfplumber"`` (pdfminer);
    both give the same records.
    """

    format: str | None = None
    max_input_bytes: int = 200 * MB
    strict: bool = False
    max_zip_member_bytes: int = 100 * MB
    max_zip_ratio: float = 200.0
    soffice: str = "soffice"
    soffice_timeout: float = 120.0
    max_pdf_pages: int = 2000
    max_table_cells: int = 100_000
    pdf_engine: str = "pypdfium2"

    def __post_init__(self) -> None:
        if self.pdf_engine not in PDF_ENGINES:
            raise ValueError(f"pdf_engine must be one of {', '.join(PDF_ENGINES)}, not {self.pdf_engine!r}")
        if self.max_input_bytes <= 0:
            raise OptionsError("max_input_bytes must be positive")
        if self.max_zip_member_bytes <= 0 or self.max_zip_ratio <= 1:
            raise OptionsError("zip limits must be positive (ratio > 1)")

    @classmethod
    def resolve(cls, value: ReadOptions | Mapping[str, Any] | None = None) -> ReadOptions:
        """Options from None (the defaults), a mapping of option names, or an instance.

        An unknown name, or a value of the wrong kind, is an `OptionsError`.
        """
        if value is None:
            return cls()
        if isinstance(value, cls):
            return value
        if isinstance(value, Mapping):
            known = {f.name for f in fields(cls)}
            unknown = set(value) - known
            if unknown:
                raise OptionsError(
                    f"unknown read option(s) {', '.join(sorted(unknown))} (known: {', '.join(sorted(known))})"
                )
            try:
                return replace(cls(), **dict(value))
            except TypeError as exc:
                raise OptionsError(f"bad read options: {exc}") from exc
        raise OptionsError(f"read options must be None, a mapping or ReadOptions, not {type(value).__name__}")
