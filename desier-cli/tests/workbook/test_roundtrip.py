"""Point 2 of issue 14: a workbook written by desier, filled as an office would and read
back, gives exactly the numbers, diagnostics and accounting of the same data typed as a
CSV file (the workbook's own extra columns are recognised, never `unknown_column`)."""

from __future__ import annotations

from pathlib import Path

from conftest import SMALL, csv_text, fill, run, run_json

# (entity, service) -> active, regional, autonomous, national, extra, total.
FILLED: dict[tuple[str, str], list[object]] = {
    ("000001", "registry_certificates"): ["si", 40, "nd", None, 12, 100],
    ("000002", "registry_certificates"): ["si", 0, 25, "nd", 5, 250],
    ("000003", "registry_certificates"): ["no", None, None, None, 30, 400],
    ("000004", "registry_certificates"): ["si", 1200, 300, 0, 150, 3000],
    ("000001", "suap"): ["si", None, None, 35, None, 50],
    ("000002", "suap"): ["si", "nd", "nd", "nd", "nd", 80],
    ("000003", "municipal_fines"): ["si", 500, None, None, 120, 400],  # rejected: online > total
    ("000004", "municipal_fines"): ["nd", 10, None, None, None, 90],  # active not known
    ("U1", "school_meals_payment"): ["si", 70, 0, 0, 20, 300],
    ("PROV_AA", "provincial_fines"): ["si", 15, None, None, 4, 60],
    ("BUS", "bus_pass_renewal"): ["si", None, 800, None, 100, 2500],
}


def without_files(result: dict) -> dict:
    for d in result.get("diagnostics", []):
        d.pop("file")
    for t in result.get("tables", []):
        t.pop("file")
    return result


def test_a_filled_workbook_reads_back_as_the_same_data_typed_as_csv(tmp_path: Path) -> None:
    template = tmp_path / "rilevazione_2020.xlsx"
    run(
        "template", "--entities", str(SMALL / "entities.csv"), "--year", "2020",
        "--previous", str(SMALL / "returns.csv"), "--output", str(template),
    )
    filled = tmp_path / "compilato.xlsx"
    rows = fill(template, FILLED, filled)
    typed = tmp_path / "returns.csv"
    typed.write_text(csv_text(rows))
    common = ["--entities", str(SMALL / "entities.csv")]
    for command in (["usage", "--year", "2020"], ["validate"]):
        from_workbook = without_files(run_json(*command, *common, "--returns", str(filled)))
        from_csv = without_files(run_json(*command, *common, "--returns", str(typed)))
        assert from_workbook == from_csv, command
    result = run_json("validate", *common, "--returns", str(filled))
    codes = sorted({d["code"] for d in result["diagnostics"]})
    # Only the two rows filled wrong on purpose; no unknown_column, no formula_without_value.
    assert codes == ["missing_value", "online_exceeds_total"], result["diagnostics"]
    returns = result["tables"][1]
    assert (returns["rows"], returns["rejected"], returns["accepted_with_warnings"]) == (42, 1, 1)
    usage = run_json("usage", "--year", "2020", *common, "--returns", str(filled))
    certificates = next(s for s in usage["services"] if s["service_id"] == "registry_certificates")
    # Pooled over the useful data of the municipalities 000001, 000002, 000004 (000003 not
    # active): online (40+12) + (0+25+5) + (1200+300+0+150) = 1732, total 100+250+3000 = 3350.
    assert (certificates["online"], certificates["total"]) == (1732, 3350)
