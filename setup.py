"""The optional compiled part of govreport (everything else is in pyproject.toml).

`govreport.readers.pdf._pdfium` reads a PDF page's characters, lines
and rectangles from PDFium without a ctypes crossing per character or per
path point. It is optional: where no C compiler is at hand the build goes on
without it and the same pure-Python loops run instead.
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "govreport.readers.pdf._pdfium",
            [f"govreport/readers/pdf/{name}.c" for name in ("_pdfium", "_pdfium_chars", "_pdfium_paths")],
            depends=["govreport/readers/pdf/_pdfium.h"],
            optional=True,
            # the same floating-point operations as the Python loop, in the same order
            # (no fused multiply-add), so both give the same coordinates to the last bit
            extra_compile_args=["-ffp-contract=off"],
        )
    ]
)
