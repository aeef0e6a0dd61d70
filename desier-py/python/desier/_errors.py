"""The exceptions of desier. Structural problems raise; row-level problems never do: they
are the ``diagnostics`` of a result."""

from __future__ import annotations

from typing import Optional

from . import _native


class DesierError(Exception):
    """Base class of every error raised by desier.

    Attributes:
        code: the stable snake_case code of the core error (``missing_column``,
            ``unreadable_file``, ...); match on it, never on the message.
        file: the file (or DataFrame table name) the error is about, if any.
        column: the canonical column the error is about, if any.
    """

    code: str
    file: Optional[str]
    column: Optional[str]

    def __init__(
        self,
        message: str,
        *,
        code: str = "error",
        file: Optional[str] = None,
        column: Optional[str] = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.file = file
        self.column = column


class InputError(DesierError, ValueError):
    """A structural problem with an input table: a file that cannot be read, a missing or
    duplicated required column, a required table not given. Carries ``file`` and
    ``column`` when they apply."""


class OptionError(DesierError, ValueError):
    """An option outside its allowed set (e.g. ``rule="linear"``)."""


class OutputError(DesierError, OSError):
    """A result that cannot be written: a file or folder without permission, a full disk, or
    (a bug of desier, to be reported) a result that cannot be turned into its format."""


# Core error codes (desier_core::Error::code) to exception classes; unknown codes (added
# by a newer core) fall back to the base class.
_CLASSES = {
    "unreadable_file": InputError,
    "unwritable_file": OutputError,
    "serialization_error": OutputError,
    "missing_column": InputError,
    "wrong_table": InputError,
    "duplicate_column": InputError,
    "missing_table": InputError,
    "invalid_option": OptionError,
}


def from_native(error: _native.NativeError) -> DesierError:
    """The desier exception for a native error, chosen by its code."""
    code, message, file, column = error.args
    cls = _CLASSES.get(code, DesierError)
    return cls(message, code=code, file=file, column=column)
