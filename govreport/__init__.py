"""govreport: Chinese government information-disclosure annual reports as structured data.

    import govreport
    doc = govreport.read("report.pdf")
    for record in govreport.records(doc.tables[1]):
        print(record.row, record.col, record.text)
    govreport.write(doc, "report.xml")          # json, xml, csv, html: by name or suffix
    doc = govreport.load_json("report.json")

With the ``pandas`` extra, `table_to_pandas`, `records_to_pandas`,
`report_to_pandas` and `reports_to_pandas` (from `govreport.frames`) are
available here too; they are loaded on first use, so `import govreport`
never imports pandas.

The library never prints: it reports through `logging`, under the logger
``govreport`` (silent unless the application configures logging), and through
the diagnostics and errors it returns.
"""

import logging
from typing import Any

from govreport.api import assemble, read
from govreport.batch import BatchResult, convert_many
from govreport.errors import (
    EmptyInputError,
    EncryptedError,
    GovReportError,
    LimitExceededError,
    MissingToolError,
    ReadError,
    SchemaVersionError,
    StrictModeError,
    UnsupportedFormatError,
)
from govreport.model import (
    Block,
    Cell,
    CheckResult,
    Diagnostic,
    Document,
    Heading,
    Location,
    Metadata,
    Paragraph,
    Report,
    SourceInfo,
    Table,
    Value,
)
from govreport.options import ReadOptions
from govreport.tables.paths import Record, dense_grid, records
from govreport.writers import write
from govreport.writers.json import load_json

__version__ = "0.1.0"

logging.getLogger("govreport").addHandler(logging.NullHandler())

__all__ = [
    "BatchResult",
    "Block",
    "Cell",
    "CheckResult",
    "Diagnostic",
    "Document",
    "EmptyInputError",
    "EncryptedError",
    "GovReportError",
    "Heading",
    "LimitExceededError",
    "Location",
    "Metadata",
    "MissingToolError",
    "Paragraph",
    "ReadError",
    "ReadOptions",
    "Record",
    "Report",
    "SchemaVersionError",
    "SourceInfo",
    "StrictModeError",
    "Table",
    "UnsupportedFormatError",
    "Value",
    "assemble",
    "convert_many",
    "dense_grid",
    "load_json",
    "read",
    "records",
    "write",
]

_PANDAS_HELPERS = frozenset({"table_to_pandas", "records_to_pandas", "report_to_pandas", "reports_to_pandas"})


def __getattr__(name: str) -> Any:
    """The pandas helpers of `govreport.frames`, imported on first use."""
    if name in _PANDAS_HELPERS:
        from govreport import frames

        return getattr(frames, name)
    raise AttributeError(f"module 'govreport' has no attribute {name!r}")
