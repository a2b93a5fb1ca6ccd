"""The package's shape: nothing at import, the layering contracts, doctests true."""

import doctest
import importlib
import json
import pkgutil
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import lmcourse

from .conftest import ROOT

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
MODULES = sorted(m.name for m in pkgutil.walk_packages(lmcourse.__path__, "lmcourse."))


def test_import_does_nothing_heavy():
    code = ("import sys, lmcourse; "
            "print(sorted(m for m in ('ipywidgets', 'matplotlib', 'IPython') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"


def _lint(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=folder, capture_output=True,
                          text=True, env={"PYTHONPATH": str(folder), "PATH": ""})


def test_layering_contracts_are_kept():
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(("module", "added", "contract"), [
    ("core/scoring.py", "import ipywidgets", "core imports neither"),
    ("core/progress.py", "from ..course import exercises", "core imports neither"),
    ("grading/marking.py", "from IPython.display import HTML", "grading imports neither"),
    ("core/scoring.py", "import matplotlib.pyplot", "scoring imports no matplotlib"),
])
def test_a_contract_breaks_on_an_import_inside_a_function(tmp_path, module, added, contract):
    """The contracts see imports hidden in function bodies, where a lazy import would be."""
    shutil.copytree(ROOT / "lmcourse", tmp_path / "lmcourse")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    path = tmp_path / "lmcourse" / module
    path.write_text(path.read_text() + f"\n\ndef _sneaky():\n    {added}\n")
    result = _lint(tmp_path)
    assert result.returncode == 1
    assert re.search(rf"{contract}.* BROKEN", result.stdout), result.stdout


def test_no_backend_switch_or_global_settings_anywhere():
    for path in (ROOT / "lmcourse").rglob("*.py"):
        text = path.read_text()
        assert "matplotlib.use(" not in text and "rcParams[" not in text, path.name
        assert "import matplotlib.pyplot" not in text and "import pyplot" not in text, path.name


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    failed, _ = doctest.testmod(importlib.import_module(name))
    assert failed == 0


def test_public_names_are_what_the_notebooks_call():
    """Every ``lm.name(...)`` a notebook calls is exported, and every export is called by
    some notebook: the facade and the course agree."""
    called = set()
    for nb in (ROOT / "notebooks").glob("*.ipynb"):
        for cell in json.loads(nb.read_text())["cells"]:
            if cell["cell_type"] == "code":
                called |= set(re.findall(r"\blm\.([a-z_]+)\(", "".join(cell["source"])))
    assert called == set(lmcourse.__all__)
    for name in lmcourse.__all__:
        target = getattr(lmcourse, name)
        assert target.__module__.startswith("lmcourse.course."), name
        assert target.__doc__, f"{name} has no docstring"
    assert set(lmcourse.__all__) <= set(dir(lmcourse))
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        lmcourse.nope  # noqa: B018
