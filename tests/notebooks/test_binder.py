"""Binder builds from environment.yml (and runs postBuild): it must name what pyproject.toml
needs to run, and install the course's JupyterLab settings."""

import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from tests.conftest import ROOT


#: conda-forge names that differ from PyPI's.
CONDA = {"python-fastjsonschema": "fastjsonschema"}


def _name(spec: str) -> str:
    name = re.split(r"[<>=!~ \[]", spec.strip(), maxsplit=1)[0].lower()
    return CONDA.get(name, name)


def _version(spec: str) -> str:
    """The version part of a requirement, ``>=3.8`` of ``matplotlib>=3.8``."""
    return re.sub(r"^[A-Za-z0-9_.-]+", "", spec.replace(" ", ""))


def env_lines():
    """The entries under ``dependencies:`` (pip's included)."""
    text = (ROOT / "environment.yml").read_text().split("dependencies:", 1)[1]
    return [line.strip()[2:].strip() for line in text.splitlines()
            if line.strip().startswith("- ")]


def test_environment_names_the_same_runtime_dependencies():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = {_name(d): d for d in project["dependencies"]}
    tests = {_name(d): d for d in project["optional-dependencies"]["test"]}
    listed = {_name(x): x for x in env_lines()
              if not x.startswith(("python=", "-")) and x not in ("pip", "pip:")}
    assert set(runtime) <= set(listed)
    for name, spec in listed.items():
        assert name in runtime or name in tests, f"{name} is in no pyproject list"
        wanted = runtime.get(name) or tests[name]
        assert _version(spec) == _version(wanted), name


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


def test_postbuild_installs_the_course_jupyterlab_settings(tmp_path):
    """Binder runs postBuild after environment.yml (and `make lab` runs it for the venv): it
    must stop at the first error and put overrides.json where JupyterLab reads it."""
    script = ROOT / "postBuild"
    commands = [line for line in script.read_text().splitlines()
                if line.strip() and not line.startswith("#")]
    assert script.read_text().startswith("#!/bin/bash") and os.access(script, os.X_OK)
    assert commands[0].startswith("set -e")
    subprocess.run([str(script)], env={**os.environ, "NB_PYTHON_PREFIX": str(tmp_path)},
                   check=True, timeout=60)
    installed = tmp_path / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    assert installed.read_bytes() == (ROOT / "jupyterlab-settings" / "overrides.json").read_bytes()


def test_jupyterlab_settings_turn_the_news_prompt_off():
    """No "get notified about official Jupyter news?" box: the setting is answered (No),
    under the names the installed JupyterLab's own schema uses."""
    overrides = json.loads((ROOT / "jupyterlab-settings" / "overrides.json").read_text())
    notification = overrides["@jupyterlab/apputils-extension:notification"]
    assert notification == {"fetchNews": "false", "checkForUpdates": False}
    schema = json.loads((Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas"
                         / "@jupyterlab" / "apputils-extension" / "notification.json")
                        .read_text())["properties"]
    assert "false" in [choice["const"] for choice in schema["fetchNews"]["oneOf"]]
    assert schema["checkForUpdates"]["type"] == "boolean"
