"""The package's shape: nothing at import, pure modules free of widgets, doctests true."""

import doctest
import importlib
import subprocess
import sys

import pytest

from .conftest import ROOT

PURE = ["content", "locate", "scoring", "progress", "radar", "profile", "feedback"]


def test_import_does_nothing_heavy():
    code = ("import sys, lmcourse; "
            "print(sorted(m for m in ('ipywidgets', 'matplotlib', 'IPython') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"


@pytest.mark.parametrize("name", PURE)
def test_pure_modules_import_no_widgets(name):
    code = (f"import sys, lmcourse.{name}; "
            "print('ipywidgets' in sys.modules, 'matplotlib.pyplot' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "False False"


def test_no_backend_switch_or_global_settings_anywhere():
    for path in (ROOT / "lmcourse").glob("*.py"):
        text = path.read_text()
        assert "matplotlib.use(" not in text and "rcParams[" not in text, path.name
        assert "import matplotlib.pyplot" not in text and "import pyplot" not in text, path.name


@pytest.mark.parametrize("name", PURE + ["account"])
def test_doctests(name):
    module = importlib.import_module(f"lmcourse.{name}")
    failed, _ = doctest.testmod(module)
    assert failed == 0


def test_public_names_are_listed():
    import lmcourse

    for name in lmcourse.__all__:
        assert callable(getattr(lmcourse, name))
