"""The Python results equal the `desier` command's JSON on the same files."""

from __future__ import annotations

import json
import pathlib
import subprocess
from typing import Any, Dict, List

import pytest

import desier
from conftest import FIXTURES, INTERACTIVITY, desier_bin, run

BIN = desier_bin()
pytestmark = pytest.mark.skipif(BIN is None, reason="the desier command is not built")

# (computation, keyword options, the command's flags)
CASES = [
    ("interactivity", {}, []),
    ("interactivity", {"rule": "proportional", "weighting": "population", "year": 2019},
     ["--rule", "proportional", "--weighting", "population", "--year", "2019"]),
    ("usage", {}, []),
    ("usage", {"weighting": "population", "year": 2019},
     ["--weighting", "population", "--year", "2019"]),
    ("compare", {"from_year": 2018, "to_year": 2019}, ["--from-year", "2018", "--to-year", "2019"]),
    ("validate", {}, []),
]


def command_json(*args: str) -> Dict[str, Any]:
    assert BIN is not None
    out = subprocess.run([str(BIN), *args, "--format", "json"], capture_output=True, check=False)
    assert out.returncode in (0, 1), out.stderr.decode()
    data: Dict[str, Any] = json.loads(out.stdout)
    return data


@pytest.mark.parametrize("dataset", ["small", "messy"])
@pytest.mark.parametrize("computation,options,flags", CASES)
def test_equals_the_command(
    dataset: str, computation: str, options: Dict[str, Any], flags: List[str]
) -> None:
    want = command_json(computation, "--dir", str(FIXTURES / dataset), *flags)
    assert run(computation, dataset, **options).to_dict() == want


def test_sample_equals_the_command(tmp_path: pathlib.Path) -> None:
    assert BIN is not None
    subprocess.run([str(BIN), "sample", "--out", str(tmp_path)], check=True, capture_output=True)
    files = {p.stem: str(p) for p in tmp_path.glob("*.csv")}
    want = command_json("interactivity", "--dir", str(tmp_path))
    got = desier.interactivity(*(files[t] for t in INTERACTIVITY)).to_dict()
    assert got == want
    want_usage = command_json("usage", "--dir", str(tmp_path))
    usage = desier.usage(files["entities"], files["returns"], facilities=files["facilities"])
    assert usage.to_dict() == want_usage
    # The sample handed back as DataFrames: the same numbers, the same lines.
    s = desier.sample()
    frames = desier.interactivity(*(s[t] for t in INTERACTIVITY)).to_dict()
    assert frames["municipalities"] == want["municipalities"]
    assert frames["aggregates"] == want["aggregates"]
    assert [(d["line"], d["code"]) for d in frames["diagnostics"]] == [
        (d["line"], d["code"]) for d in want["diagnostics"]
    ]
    usage_frames = desier.usage(s["entities"], s["returns"], facilities=s["facilities"])
    assert usage_frames.to_dict()["services"] == want_usage["services"]
    assert usage_frames.to_dict()["aggregates"] == want_usage["aggregates"]
