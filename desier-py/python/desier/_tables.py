"""Turning the tables a user passes (file paths, pandas or polars DataFrames) into the
inputs of the native module. The column rules are the core's (docs/FORMATS.md); nothing here
looks at column names."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Union

import pandas as pd

if TYPE_CHECKING:
    import polars as pl

    from . import _native

#: A table argument: a file path (CSV or XLSX), a pandas DataFrame or a polars DataFrame
#: (or LazyFrame, collected first).
Table = Union[str, "os.PathLike[str]", pd.DataFrame, "pl.DataFrame", "pl.LazyFrame"]


def native_tables(tables: Mapping[str, Optional[Table]]) -> Dict[str, _native._Table]:
    """The tables given (not ``None``), by canonical table name, as native inputs."""
    return {name: native_table(name, t) for name, t in tables.items() if t is not None}


def native_table(name: str, table: Table) -> _native._Table:
    """One table as a native input: a path, or ``(name, headers, columns)`` for a
    DataFrame, whose diagnostics then name the table (``offer``) and give row position + 2
    as the line, as if the header were line 1."""
    if isinstance(table, (str, os.PathLike)):
        return os.fsdecode(table)
    if isinstance(table, pd.DataFrame):
        columns = [_pandas_cells(table.iloc[:, i]) for i in range(table.shape[1])]
        return (name, [str(c) for c in table.columns], columns)
    pl = sys.modules.get("polars")
    if pl is not None and isinstance(table, pl.LazyFrame):
        table = table.collect()
    if pl is not None and isinstance(table, pl.DataFrame):
        return (name, list(table.columns), [s.to_list() for s in table.get_columns()])
    raise TypeError(
        f"the {name} table must be a file path (CSV or XLSX), a pandas DataFrame or a "
        f"polars DataFrame, not {type(table).__name__}"
    )


def _pandas_cells(column: pd.Series[Any]) -> List[Any]:
    """The cells of a pandas column as Python values, missing ones (NaN, NA, NaT) as None."""
    values: List[Any] = column.astype(object).where(column.notna(), None).tolist()
    return values
