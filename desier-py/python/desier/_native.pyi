"""Stub of the private native module (Rust, PyO3). Use the `desier` package instead."""

from typing import Any, Dict, List, Optional, Sequence, Tuple, Union, final

__all__ = [
    "__version__",
    "NativeError",
    "Dataset",
    "load",
    "sample_files",
    "registry_entities",
    "to_excel",
    "SAMPLE_ATTRIBUTION",
    "REGISTRY_ATTRIBUTION",
    "REGISTRY_YEARS",
    "ERROR_CODES",
]

__version__: str
SAMPLE_ATTRIBUTION: str
REGISTRY_ATTRIBUTION: str
#: The years of the built-in national registry, ascending.
REGISTRY_YEARS: List[int]
#: Every code of the core's errors (``desier_core::Error::CODES``).
ERROR_CODES: List[str]

class NativeError(Exception):
    """A core error: ``args`` are ``(code, message, file, column)``."""

# A file path, or a DataFrame as ``(name, headers, columns)``.
_Table = Union[str, Tuple[str, Sequence[str], Sequence[Sequence[Any]]]]
# The JSON text of the result and the names of the bodies by entity_id.
_Computed = Tuple[str, Dict[str, str]]

@final
class Dataset:
    """The tables read once (``desier_core::Dataset``); made by :func:`load`."""

    def interactivity(self, options: str) -> _Computed:
        """The interactivity index: ``(result JSON, names)``."""

    def usage(self, options: str) -> _Computed:
        """The usage index and per-service figures: ``(result JSON, names)``."""

    def compare(self, options: str) -> _Computed:
        """The comparison of two years over comparable cases: ``(result JSON, {})``."""

    def validate(self) -> _Computed:
        """The diagnostics and accounting of every table read: ``(result JSON, {})``."""

def load(tables: Dict[str, _Table], folder: Optional[str] = None) -> Dataset:
    """Reads the tables of ``folder`` (canonical names), then ``tables``, once."""

def sample_files() -> List[Tuple[str, str]]:
    """The built-in sample as ``(table name, CSV text)`` pairs."""

def registry_entities(year: Optional[int] = None, region: Optional[str] = None) -> str:
    """The entities table (CSV) of the built-in national registry."""

def to_excel(result: str, names: Dict[str, str]) -> bytes:
    """A result's JSON as the bytes of an Excel workbook (a sheet per table)."""
