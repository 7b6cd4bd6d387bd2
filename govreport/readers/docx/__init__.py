"""The DOCX reader: a Word document's body as headings, paragraphs and raw tables.

Two layers (house pattern 9): the XML facts of each table (`facts`), then a
merge walk that keeps the open vertical merges per grid column (`walk`), so
every cell comes out once, as an anchor with its exact grid column and spans.
The package is opened defensively (`package`): zip-bomb limits, no DTDs or
entities, no external relationships. Of the styles part only the styles the
body uses are parsed (`styles`). A legacy .doc renamed to .docx is handed to
the LibreOffice conversion (`govreport.readers.legacy`).
"""

from __future__ import annotations

from govreport.errors import EncryptedError
from govreport.readers import ReadContext, ReaderOutput
from govreport.readers.docx.body import read_body
from govreport.readers.docx.headings import heading_level
from govreport.readers.docx.package import open_package
from govreport.sniff import is_encrypted_office

__all__ = ["heading_level", "read_docx"]


def read_docx(data: bytes, ctx: ReadContext) -> ReaderOutput:
    """Read a .docx (or .docm/.dotx) into blocks; raw tables carry exact spans."""
    if is_encrypted_office(data):
        raise EncryptedError("the document is password-protected; remove the password and try again")
    package = open_package(data, ctx.options)
    out = ReaderOutput()
    read_body(package, out)
    return out
