"""Helpers of the survey-workbook tests: the desier command, and LibreOffice headless to
recalculate a workbook's formulas as a spreadsheet program would."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SMALL = ROOT / "fixtures" / "small"

HEADER = (
    "year,entity_id,service_id,active,regional_platform,autonomous_platform,"
    "national_platform,extra_platform,total"
)

# LibreOffice keeps the values cached in an .xlsx unless told to recalculate on load.
RECALC_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def desier_bin() -> str:
    path = os.environ.get("DESIER_BIN") or str(ROOT / "target" / "debug" / "desier")
    if not Path(path).exists():
        pytest.fail(f"desier not built: {path} (run cargo build -p desier-cli)")
    return path


def run(*args: str, check_status: tuple[int, ...] = (0, 1)) -> subprocess.CompletedProcess[str]:
    """Runs desier; exit status 0 or 1 (input errors) is expected."""
    p = subprocess.run([desier_bin(), *args], capture_output=True, text=True, timeout=120)
    assert p.returncode in check_status, (args, p.returncode, p.stderr)
    return p


def run_json(*args: str) -> dict:
    return json.loads(run(*args, "--format", "json").stdout)


def recalculate(files: list[Path], out: Path, tmp: Path) -> list[Path]:
    """Opens every workbook in LibreOffice headless, recalculates every formula and saves
    it again as .xlsx into `out` (one LibreOffice start for all)."""
    soffice = os.environ.get("SOFFICE") or shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("LibreOffice is not installed (make test-workbook installs libreoffice-calc)")
    profile = tmp / "lo-profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(RECALC_ALWAYS)
    out.mkdir(parents=True, exist_ok=True)
    p = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(out),
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    results = [out / f.name for f in files]
    missing = [r for r in results if not r.exists()]
    assert not missing, (missing, p.stdout, p.stderr)
    return results


# The data sheet of the workbook: the cells an office fills, 1-based columns F..K.
DATA_SHEET = "Rilevazione"
FIRST_FILL = 6


def fill(template: Path, values: dict[tuple[str, str], list[object]], out: Path) -> list[list[object]]:
    """Fills the template as an office would (openpyxl, which does not touch the locked
    cells) and saves it as `out`; returns every data row as a returns CSV row would hold
    it: year, entity_id, service_id, active and the five counts, in sheet order."""
    import openpyxl

    wb = openpyxl.load_workbook(template)
    ws = wb[DATA_SHEET]
    rows: list[list[object]] = []
    for r in range(2, ws.max_row + 1):
        year, entity, service = ws.cell(r, 1).value, ws.cell(r, 2).value, ws.cell(r, 4).value
        cells = values.get((entity, service), [None] * 6)
        for k, v in enumerate(cells):
            ws.cell(r, FIRST_FILL + k).value = v
        rows.append([year, entity, service, *cells])
    wb.save(out)
    return rows


def csv_text(rows: list[list[object]]) -> str:
    """The rows as a returns CSV: an empty cell for None, numbers as typed."""

    def cell(v: object) -> str:
        if v is None:
            return ""
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        return str(v)

    return HEADER + "\n" + "".join(",".join(cell(v) for v in r) + "\n" for r in rows)
