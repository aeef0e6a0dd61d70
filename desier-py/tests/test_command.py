"""The Python results equal the `desier` command's JSON on the same files."""

from __future__ import annotations

import json
import pathlib
import subprocess
from typing import Any, Dict, List

import pytest

import desier
from conftest import FIXTURES, INTERACTIVITY, desier_bin

BIN = desier_bin()
pytestmark = pytest.mark.skipif(BIN is None, reason="the desier command is not built")


def command_json(*args: str) -> Dict[str, Any]:
    assert BIN is not None
    out = subprocess.run([str(BIN), *args, "--format", "json"], capture_output=True, check=False)
    assert out.returncode in (0, 1), out.stderr.decode()
    data: Dict[str, Any] = json.loads(out.stdout)
    return data


def files(folder: pathlib.Path) -> List[str]:
    return [str(folder / f"{t}.csv") for t in INTERACTIVITY]


@pytest.mark.parametrize("dataset", ["small", "messy"])
@pytest.mark.parametrize(
    "options,flags",
    [({}, []),
     ({"rule": "proportional", "weighting": "population", "year": 2019},
      ["--rule", "proportional", "--weighting", "population", "--year", "2019"])],
)
def test_interactivity_equals_the_command(
    dataset: str, options: Dict[str, Any], flags: List[str]
) -> None:
    folder = FIXTURES / dataset
    want = command_json("interactivity", "--dir", str(folder), *flags)
    assert desier.interactivity(*files(folder), **options).to_dict() == want


def test_sample_equals_the_command(tmp_path: pathlib.Path) -> None:
    assert BIN is not None
    subprocess.run([str(BIN), "sample", "--out", str(tmp_path)], check=True, capture_output=True)
    want = command_json("interactivity", "--dir", str(tmp_path))
    assert desier.interactivity(*files(tmp_path)).to_dict() == want
    # The sample handed back as DataFrames: the same numbers, the same lines.
    s = desier.sample()
    got = desier.interactivity(*(s[t] for t in INTERACTIVITY)).to_dict()
    assert got["municipalities"] == want["municipalities"]
    assert got["aggregates"] == want["aggregates"]
    assert [(d["line"], d["code"]) for d in got["diagnostics"]] == [
        (d["line"], d["code"]) for d in want["diagnostics"]
    ]
