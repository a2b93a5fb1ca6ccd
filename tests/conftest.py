import json
import shutil
from pathlib import Path

import pytest

from lmcourse.core import content, progress

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def progress_file(tmp_path, monkeypatch):
    """Every test saves progress into its own temporary file."""
    path = tmp_path / "progress.json"
    monkeypatch.setenv("LMCOURSE_PROGRESS", str(path))
    progress._SHARED.clear()
    yield path
    progress._SHARED.clear()


@pytest.fixture
def sample_dir(tmp_path, monkeypatch):
    """A course folder holding only the small sample exercise file of the tests."""
    folder = tmp_path / "exercises"
    folder.mkdir()
    shutil.copy(SAMPLE / "01-sample.json", folder / "01-sample.json")
    monkeypatch.setenv("LMCOURSE_EXERCISES", str(folder))
    return folder


@pytest.fixture
def sample(sample_dir):
    """The sample exercises by id."""
    return content.load_course(sample_dir).exercises


def write_json(path: Path, data) -> Path:
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return path
