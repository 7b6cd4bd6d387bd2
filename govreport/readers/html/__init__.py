"""The HTML reader: saved web pages, page fragments and single-file web archives.

Most agencies publish the annual report as a web page, and many "Word"
downloads are HTML. The reader decodes the page (`charset`), parses it with
nothing fetched, run or expanded, finds the report among the site's chrome
(`page`), and reads it as headings, paragraphs and raw tables with exact
spans (`flow`, `tables`, `text`). Word-exported HTML (``MsoNormal``,
``<o:p>``, conditional comments, ``mso-`` styles) needs nothing special:
Office's XML islands are skipped, its conditional comments are comments, and
its ``<o:p>`` elements hold only the spaces that keep empty paragraphs open.
"""

from __future__ import annotations

from govreport.errors import LimitExceededError
from govreport.readers import ReadContext, ReaderOutput
from govreport.readers.html.charset import decode_page, unpack_mht
from govreport.readers.html.flow import page_to_blocks
from govreport.readers.html.page import locate_report, parse_page
from govreport.tables.raw import RawTable

__all__ = ["MAX_PAGE_BYTES", "read_html", "read_mht"]

MAX_PAGE_BYTES = 64 * 1024 * 1024  # the decoded HTML of one page (a saved page is rarely over 10 MB)


def _read_page(data: bytes, ctx: ReadContext, hint: str | None, out: ReaderOutput) -> ReaderOutput:
    if len(data) > MAX_PAGE_BYTES:
        raise LimitExceededError(
            f"the page is {len(data) / 1048576:.0f} MB of HTML, over the "
            f"{MAX_PAGE_BYTES // 1048576} MB a report page can plausibly be"
        )
    decoded = decode_page(data, hint, ctx.name)
    out.charset, out.charset_confidence = decoded.charset, decoded.confidence
    out.diagnostics.extend(decoded.diagnostics)
    root, truncated = parse_page(decoded.text)
    if truncated:
        out.diag("html.nesting_cut", "warning",
                 "the page nests elements deeper than 256 levels; the parser cut the markup there")
    page = locate_report(root, truncated)
    if page.how == "largest_block":
        out.diag("html.no_sections", "info",
                 "the page has none of the report's section headings; read its largest block of text")
    page_to_blocks(page, out)
    if not out.blocks:
        out.diag("html.no_text", "warning", "the page prints no text")
    elif not any(isinstance(b, RawTable) for b in out.blocks):
        out.diag("html.no_tables", "info", "the page holds no data tables")
    return out


def read_html(data: bytes, ctx: ReadContext) -> ReaderOutput:
    """Read a saved web page or an HTML fragment."""
    return _read_page(data, ctx, None, ReaderOutput())


def read_mht(data: bytes, ctx: ReadContext) -> ReaderOutput:
    """Read a single-file web archive (.mht/.mhtml, or Word's single-file web page saved as .doc)."""
    html, charset = unpack_mht(data)
    out = ReaderOutput()
    out.diag("html.from_web_archive", "info", "read the HTML part of a single-file web archive")
    return _read_page(html, ctx, charset, out)
