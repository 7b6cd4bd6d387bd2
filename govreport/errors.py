"""The error hierarchy: raised only when no document can be produced.

Everything short of that is a `Diagnostic` on the document. Every error names
the file it concerns (`source`) so that a batch can report it and go on.
"""

from __future__ import annotations


class GovReportError(Exception):
    """Base of every error govreport raises on purpose."""

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:
        return f"{self.source}: {self.message}" if self.source else self.message


class ReadError(GovReportError):
    """The input cannot be read as a report: corrupt, binary, truncated, undecodable."""


class EmptyInputError(ReadError):
    """The input holds no bytes (or only whitespace)."""


class UnsupportedFormatError(ReadError):
    """The input's format is not one govreport reads (or could not be recognised)."""


class EncryptedError(ReadError):
    """The input is password-protected and cannot be opened without the password."""


class LimitExceededError(ReadError):
    """The input exceeds a safety limit (size, zip ratio, page count)."""


class MissingToolError(GovReportError):
    """An external program needed for this input (LibreOffice for .doc) is not installed."""


class SchemaVersionError(GovReportError):
    """A serialized document has a schema version this release cannot decode."""


class StrictModeError(GovReportError):
    """`strict=True` and the document raised a warning or error diagnostic."""


class OptionsError(GovReportError, ValueError):
    """An option is unknown or has a value it cannot take (`ReadOptions`, writer options)."""


class MissingExtraError(GovReportError, ImportError):
    """A feature needs an optional extra that is not installed (``pip install govreport[NAME]``)."""

    def __init__(self, extra: str, feature: str) -> None:
        super().__init__(f"{feature} needs the {extra} extra: pip install 'govreport[{extra}]'")
        self.extra = extra


class UnknownKeyError(GovReportError, KeyError):
    """A canonical key that no edition of the format has, with the closest known keys.

    Raised by `govreport.report.spec.check_key` and by lookups of canonical
    values; as a `KeyError` it is caught where a missing key is expected.
    """

    def __init__(self, key: str, suggestions: tuple[str, ...] = ()) -> None:
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown canonical key {key!r}{hint}")
        self.key = key
        self.suggestions = suggestions

    def __str__(self) -> str:  # KeyError would print the repr of its argument
        return GovReportError.__str__(self)
