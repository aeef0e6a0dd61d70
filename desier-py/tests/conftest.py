"""Shared helpers: the cross-language fixtures of ``fixtures/`` at the repository root,
which the Rust and JavaScript tests check too, loaded as paths, pandas or polars."""

from __future__ import annotations

import inspect
import json
import os
import pathlib
from typing import Any, Callable, Dict, List, Mapping, Optional

import matplotlib
import pandas as pd
import polars as pl

import desier

matplotlib.use("Agg")

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
#: The interactivity tables, in the order of desier.interactivity's arguments.
INTERACTIVITY = ("entities", "procedures", "offer", "facilities")
#: Every table, under its canonical name.
TABLES = ("entities", "facilities", "procedures", "offer", "services", "returns")
#: The computations of fixtures/expected/manifest.json.
COMPUTATIONS: Dict[str, Callable[..., desier.Result]] = {
    "interactivity": desier.interactivity,
    "usage": desier.usage,
    "compare": desier.compare,
    "validate": desier.validate,
}

Loader = Callable[[str, str], desier.Table]


def path(dataset: str, table: str) -> str:
    """A fixture table as a file path."""
    return str(FIXTURES / dataset / f"{table}.csv")


def pandas_text(dataset: str, table: str) -> pd.DataFrame:
    """A fixture table as a pandas DataFrame of text cells, as the file has them."""
    frame: pd.DataFrame = pd.read_csv(_file(dataset, table), dtype=str, keep_default_na=False)
    return frame


def pandas_typed(dataset: str, table: str) -> pd.DataFrame:
    """A fixture table as pandas reads it by default: numbers, booleans, NaN, and ISTAT
    codes that lose their leading zeros."""
    frame: pd.DataFrame = pd.read_csv(_file(dataset, table))
    return frame


def polars_text(dataset: str, table: str) -> pl.DataFrame:
    """A fixture table as a polars DataFrame of text cells."""
    return pl.read_csv(_file(dataset, table), infer_schema=False)


def polars_typed(dataset: str, table: str) -> pl.DataFrame:
    """A fixture table as polars reads it by default (typed columns, nulls)."""
    return pl.read_csv(_file(dataset, table))


LOADERS: Dict[str, Loader] = {
    "path": path,
    "pandas": pandas_text,
    "pandas_typed": pandas_typed,
    "polars": polars_text,
    "polars_typed": polars_typed,
}


def _file(dataset: str, table: str) -> pathlib.Path:
    return FIXTURES / dataset / f"{table}.csv"


def run(computation: str, dataset: str, load: Loader = path, **options: Any) -> desier.Result:
    """A computation on the tables of a fixture dataset that it takes, loaded with
    ``load`` (as the command's ``--dir`` reads a folder)."""
    function = COMPUTATIONS[computation]
    takes = inspect.signature(function).parameters
    tables = {
        t: load(dataset, t) for t in TABLES if t in takes and _file(dataset, t).exists()
    }
    return function(**tables, **options)


def interactivity(dataset: str, load: Loader = path, **options: Any) -> desier.InteractivityResult:
    """desier.interactivity on a fixture dataset, its tables loaded with ``load``."""
    return run_interactivity({t: load(dataset, t) for t in INTERACTIVITY}, **options)


def manifest() -> List[Dict[str, Any]]:
    """The cases of fixtures/expected/manifest.json, which every language iterates."""
    cases: List[Dict[str, Any]] = json.loads(
        (FIXTURES / "expected" / "manifest.json").read_text("utf-8")
    )
    return cases


def keywords(options: Dict[str, Any]) -> Dict[str, Any]:
    """A manifest case's options as the package's keyword arguments: the core's names are
    the package's (``from_year`` and ``to_year`` in every interface)."""
    return dict(options)


def run_interactivity(
    tables: Mapping[str, desier.Table], **options: Any
) -> desier.InteractivityResult:
    """desier.interactivity on tables by name."""
    return desier.interactivity(*(tables[t] for t in INTERACTIVITY), **options)


def expected(name: str) -> Dict[str, Any]:
    """``fixtures/expected/<name>.json``."""
    data: Dict[str, Any] = json.loads((FIXTURES / "expected" / f"{name}.json").read_text("utf-8"))
    return data


def basenames(result: Dict[str, Any]) -> Dict[str, Any]:
    """The result with the file of each diagnostic and of each table's accounting reduced
    to its last path component, as the Rust fixture tests compare it."""
    for key in ("diagnostics", "tables"):
        for d in result.get(key, []):
            d["file"] = os.path.basename(d["file"])
    return result


def without_diagnostics(result: Dict[str, Any]) -> Dict[str, Any]:
    """The numbers of a result, without its diagnostics and accounting."""
    return {k: v for k, v in result.items() if k not in ("diagnostics", "tables")}


def desier_bin() -> Optional[pathlib.Path]:
    """The `desier` command to compare with: $DESIER_BIN, or a cargo build of it."""
    if os.environ.get("DESIER_BIN"):
        return pathlib.Path(os.environ["DESIER_BIN"])
    for profile in ("debug", "release"):
        candidate = ROOT / "target" / profile / "desier"
        if candidate.exists():
            return candidate
    return None
