"""The optional compiled part of govreport (everything else is in pyproject.toml).

`govreport.readers.pdf._pdfium` reads a PDF page's characters, lines
and rectangles from PDFium without a ctypes crossing per character or per
path point; `govreport.readers.pdf._glyphs` turns the characters into glyphs,
cell texts and lines without a Python object per step. Both are optional:
where no C compiler is at hand the build goes on without them and the same
pure-Python code runs instead.
"""

from setuptools import Extension, setup

# the same floating-point operations as the Python code, in the same order
# (no fused multiply-add), so both give the same results to the last bit
EXACT_FLOATS = ["-ffp-contract=off"]

setup(
    ext_modules=[
        Extension("govreport._slots", ["govreport/_slots.c"], optional=True),
        Extension(
            "govreport.readers.pdf._pdfium",
            [f"govreport/readers/pdf/{name}.c" for name in ("_pdfium", "_pdfium_chars", "_pdfium_paths")],
            depends=["govreport/readers/pdf/_pdfium.h"],
            optional=True,
            extra_compile_args=EXACT_FLOATS,
        ),
        Extension(
            "govreport.readers.pdf._glyphs",
            [
                f"govreport/readers/pdf/{name}.c"
                for name in ("_glyphs", "_glyphs_text", "_glyphs_cells", "_glyphs_page")
            ],
            depends=["govreport/readers/pdf/_glyphs.h"],
            optional=True,
            extra_compile_args=EXACT_FLOATS,
        ),
    ]
)
