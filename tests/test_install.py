"""The course ships with the package: a plain (not editable) install works from anywhere.

The wheel is built from this checkout and installed into a fresh virtual environment,
which borrows the test environment's dependencies through a ``.pth`` file (so nothing is
downloaded but the build backend) and never sees this checkout: the commands run from an
empty folder, outside the repository."""

import csv
import json
import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("install")
    wheels = tmp / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--wheel-dir", str(wheels), str(ROOT)], check=True, capture_output=True)
    env_dir = tmp / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()"
                           "['purelib'])"], check=True, capture_output=True,
                          text=True).stdout.strip()
    (Path(site) / "borrowed-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    (wheel,) = wheels.glob("lmcourse-*.whl")
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
                    str(wheel)], check=True, capture_output=True)
    empty = tmp / "empty"
    empty.mkdir()
    return python, env_dir / "bin" / "lmcourse", empty


def _run(cmd, cwd, **kw):
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "LMCOURSE_EXERCISES", "VIRTUAL_ENV")}
    env["LMCOURSE_PROGRESS"] = str(Path(cwd) / "progress.json")
    return subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True,
                          text=True, **kw)


def test_the_installed_package_is_not_this_checkout(installed):
    python, _, empty = installed
    out = _run([python, "-c", "import lmcourse, lmcourse.core.content as c; "
                "print(lmcourse.__file__); print(c.exercises_dir())"], empty)
    package, exercises = out.stdout.split()
    assert str(ROOT) not in package and str(ROOT) not in exercises, out.stdout
    assert Path(exercises).name == "exercises" and (Path(exercises) / "01-focus.json").exists()


def test_validate_release_and_grade_the_bundled_week_1(installed):
    _, lmcourse, empty = installed
    checked = _run([lmcourse, "validate"], empty)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "no problems" in checked.stdout and "2 assignments" in checked.stdout
    released = _run([lmcourse, "release", "assignments/week-1.json", "--out", "release"], empty)
    assert released.returncode == 0, released.stderr
    assert sorted(p.name for p in (empty / "release").iterdir()) == [
        "week-1-questions.json", "week-1.ipynb"]
    graded = _run([lmcourse, "grade", "assignments/week-1.json", "assignments/samples/week-1",
                   "--out", "graded"], empty)
    assert graded.returncode == 0, graded.stderr
    with open(empty / "graded" / "grades.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    samples = list((ROOT / "exercises/assignments/samples/week-1").glob("*.json"))
    ids = {json.loads(p.read_text())["student"]["id"] for p in samples}
    assert {r["student_id"] for r in rows} == ids


def test_a_course_exercise_widget_finds_its_exercise(installed):
    python, _, empty = installed
    out = _run([python, "-c", "import lmcourse as lm; box = lm.exercise('focus-sort'); "
                "print(type(box).__name__, len(box.children))"], empty)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("VBox ")
