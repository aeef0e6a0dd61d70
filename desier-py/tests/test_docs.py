"""The README's Python quickstart and the example notebook run top to bottom; every
public name is documented; the sources parse as Python 3.9."""

from __future__ import annotations

import ast
import inspect
import pathlib
import re

import nbclient
import nbformat
import pytest

import desier
from conftest import ROOT

PACKAGE = pathlib.Path(desier.__file__).parent


def test_readme_python_quickstart_runs(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("## Quickstart: Python", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert blocks, "the README has no Python quickstart"
    monkeypatch.chdir(tmp_path)
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})


def test_quickstart_notebook_runs_top_to_bottom(tmp_path: pathlib.Path) -> None:
    path = ROOT / "examples" / "notebooks" / "quickstart.ipynb"
    notebook = nbformat.read(str(path), as_version=4)  # type: ignore[no-untyped-call]  # untyped library
    client = nbclient.NotebookClient(
        notebook, timeout=300, kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    )
    client.execute()  # raises CellExecutionError on the first failing cell
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert any("image/png" in o.get("data", {}) for o in outputs), "no plot was drawn"
    assert any("text/html" in o.get("data", {}) for o in outputs), "no result summary"


def test_every_public_name_has_a_docstring() -> None:
    missing = []
    for name in desier.__all__:
        obj = getattr(desier, name)
        # Functions and classes; type aliases are documented by `#:` comments.
        if not (inspect.isfunction(obj) or inspect.isclass(obj)):
            continue
        if not (obj.__doc__ or "").strip():
            missing.append(name)
        if isinstance(obj, type):
            for attr, member in vars(obj).items():
                if not attr.startswith("_") and not (getattr(member, "__doc__", "") or "").strip():
                    missing.append(f"{name}.{attr}")
    assert not missing


@pytest.mark.parametrize("source", sorted(PACKAGE.glob("*.py*")), ids=lambda p: p.name)
def test_sources_parse_as_python_3_9(source: pathlib.Path) -> None:
    ast.parse(source.read_text("utf-8"), feature_version=(3, 9))


def test_module_docstring_examples_run() -> None:
    import doctest

    assert doctest.testmod(desier, raise_on_error=True).attempted >= 4
