"""desier through its Python package, with the same signature as the baselines: the file
paths go to the package, which reads and computes in Rust; the result's DataFrames come
back to pandas."""

from pathlib import Path

import desier


def interactivity(d):
    d = Path(d)
    r = desier.interactivity(str(d / "entities.csv"), str(d / "procedures.csv"),
                             str(d / "offer.csv"), str(d / "facilities.csv"))
    return r.municipalities, r.aggregates


def usage(d):
    d = Path(d)
    r = desier.usage(str(d / "entities.csv"), str(d / "returns.csv"),
                     facilities=str(d / "facilities.csv"))
    return r.municipalities, r.aggregates


def write_csv(df, path):
    df.to_csv(path, index=False)
