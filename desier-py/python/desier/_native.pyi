"""Stub of the private native module (Rust, PyO3). Use the `desier` package instead."""

from typing import Any, Dict, List, Sequence, Tuple, Union

__all__ = [
    "__version__",
    "NativeError",
    "interactivity",
    "usage",
    "compare",
    "validate",
    "sample_files",
    "to_excel",
    "SAMPLE_ATTRIBUTION",
    "ERROR_CODES",
]

__version__: str
SAMPLE_ATTRIBUTION: str
#: Every code of the core's errors (``desier_core::Error::CODES``).
ERROR_CODES: List[str]

class NativeError(Exception):
    """A core error: ``args`` are ``(code, message, file, column)``."""

# A file path, or a DataFrame as ``(name, headers, columns)``.
_Table = Union[str, Tuple[str, Sequence[str], Sequence[Sequence[Any]]]]
# The JSON text of the result and the names of the bodies by entity_id.
_Computed = Tuple[str, Dict[str, str]]

def interactivity(tables: Dict[str, _Table], options: str) -> _Computed:
    """The interactivity index: ``(result JSON, names)``."""

def usage(tables: Dict[str, _Table], options: str) -> _Computed:
    """The usage index and per-service figures: ``(result JSON, names)``."""

def compare(tables: Dict[str, _Table], options: str) -> _Computed:
    """The comparison of two years over comparable cases: ``(result JSON, {})``."""

def validate(tables: Dict[str, _Table]) -> _Computed:
    """The diagnostics of every table given: ``(result JSON, {})``."""

def sample_files() -> List[Tuple[str, str]]:
    """The built-in sample as ``(table name, CSV text)`` pairs."""

def to_excel(result: str, names: Dict[str, str]) -> bytes:
    """A result's JSON as the bytes of an Excel workbook (a sheet per table)."""
