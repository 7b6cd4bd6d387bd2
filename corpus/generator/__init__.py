"""Seeded generator of govreport's ground-truth corpus.

Independent of the `govreport` package on purpose: the truth must not be
derived from the library whose accuracy it measures.  `report` draws a
report (numbers, knobs, blocks) on the grid model of `model`; `render_text`,
`render_docx` and `render_pdf` print it; `model.report_truth` writes what
every file must be read back as.
"""

from .model import Report, report_truth
from .report import build_report

__all__ = ["Report", "build_report", "report_truth"]
