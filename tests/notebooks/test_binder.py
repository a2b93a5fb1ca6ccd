"""Binder builds from environment.yml: it must name what pyproject.toml needs to run."""

import re
import tomllib

from tests.conftest import ROOT


def _name(spec: str) -> str:
    return re.split(r"[<>=!~ \[]", spec.strip(), maxsplit=1)[0].lower()


def env_lines():
    """The entries under ``dependencies:`` (pip's included)."""
    text = (ROOT / "environment.yml").read_text().split("dependencies:", 1)[1]
    return [line.strip()[2:].strip() for line in text.splitlines()
            if line.strip().startswith("- ")]


def test_environment_names_the_same_runtime_dependencies():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = {_name(d): d for d in project["dependencies"]}
    tests = {_name(d): d for d in project["optional-dependencies"]["test"]}
    listed = {_name(x): x for x in env_lines() if not x.startswith(("python", "pip", "-"))}
    assert set(runtime) <= set(listed)
    for name, spec in listed.items():
        assert name in runtime or name in tests, f"{name} is in no pyproject list"
        wanted = runtime.get(name) or tests[name]
        assert spec.replace(" ", "") == wanted.replace(" ", ""), name


def test_environment_can_run_the_notebook_checks():
    names = {_name(x) for x in env_lines()}
    assert {"pytest", "nbval"} <= names


def test_environment_pins_python_lists_pip_and_installs_the_package():
    lines = env_lines()
    assert any(re.fullmatch(r"python=3\.\d+", x) for x in lines)
    assert "pip" in lines and "-e ." in lines
    assert not (ROOT / "binder").exists() and not (ROOT / ".binder").exists()


def test_readme_badge_opens_the_start_notebook():
    readme = (ROOT / "README.md").read_text()
    assert "urlpath=lab/tree/notebooks/00-start-here.ipynb" in readme
    assert (ROOT / "notebooks" / "00-start-here.ipynb").exists()
