"""govreport: Chinese government information-disclosure annual reports as structured data.

    import govreport
    doc = govreport.read("report.pdf")
    for record in govreport.records(doc.tables[1]):
        print(record.row, record.col, record.text)
"""

from govreport.api import assemble, convert_many, read
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

__version__ = "0.1.0"

__all__ = [
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
    "read",
    "records",
]
