"""Column-aligned text: ``pdftotext -layout`` run on the generated PDFs.

This is the text researchers hold when they extracted a PDF themselves:
columns set apart by runs of spaces, wrapped labels over several lines
(with the values on the middle line of a tall cell), header blocks repeated
after each page break, page numbers and form feeds between pages. The truth
is the PDF's, which is the docx's: the grid model the renderers print.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


def pdftotext_path() -> str | None:
    """The poppler ``pdftotext`` binary, or None when it is not installed."""
    return shutil.which("pdftotext")


def render_layout(pdf: Path, timeout: int = 120) -> bytes | None:
    """The PDF's text as ``pdftotext -layout`` prints it (UTF-8), or None without pdftotext."""
    binary = pdftotext_path()
    if binary is None or not pdf.exists():
        return None
    proc = subprocess.run([binary, "-layout", "-enc", "UTF-8", str(pdf), "-"], check=False,
                          timeout=timeout, capture_output=True)
    if proc.returncode != 0 or not proc.stdout.strip():
        return None
    return proc.stdout
