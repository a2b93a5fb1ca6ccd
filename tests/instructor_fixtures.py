"""Shared set-up for the instructor tools' tests: a small assignment over the sample
exercises, and a way to write submissions for it. Imported by the test modules that use
it (pytest finds fixtures in a test module's namespace)."""

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from lmcourse.core import submission
from lmcourse.core.ids import safe_name
from lmcourse.grading import assignment

from .conftest import write_json

ASSIGNMENT = {
    "format": "lmcourse-assignment", "version": 1, "id": "unit-1", "title": "Unit 1",
    "due": "2026-12-04T23:59:00+00:00",
    "questions": [
        {"exercise": "sample-sort", "points": 1, "mode": "graded"},
        {"exercise": "sample-s1", "points": 2, "mode": "graded"},
        {"exercise": "sample-m1", "points": 3, "mode": "practice"},
        {"exercise": "sample-self", "mode": "practice"},
        {"exercise": "sample-reflect", "mode": "graded"},
    ],
}
#: A student who gets everything right.
RIGHT = {"sample-sort": {"roadmap": "leadership", "rota": "management"}, "sample-s1": "a",
         "sample-m1": ["a", "c"], "sample-self": {"a": 4, "b": 0, "c": 3, "d": 1},
         "sample-reflect": "I lead on Mondays."}


def when(day: int = 1, hour: int = 12) -> datetime:
    return datetime(2026, 12, day, hour, tzinfo=UTC)


@pytest.fixture
def unit_file(sample_dir, tmp_path) -> Path:
    """The assignment file, next to the sample course."""
    folder = sample_dir / "assignments"
    folder.mkdir()
    return write_json(folder / "unit-1.json", ASSIGNMENT)


@pytest.fixture
def unit(unit_file, sample_dir) -> assignment.Assignment:
    return assignment.load(unit_file, exercises=sample_dir)


def hand_in(folder: Path, sid: str, answers: dict, *, day: int = 1, name: str = "",
            assignment_id: str = "unit-1", edit=None, file: str | None = None) -> Path:
    """Write one submission into ``folder``; ``edit(data)`` may spoil it afterwards."""
    folder.mkdir(parents=True, exist_ok=True)
    data = submission.make(assignment_id, sid, name or f"Student {sid}", answers, when(day))
    if edit:
        edit(data)
    path = folder / (file or f"{safe_name(sid)}-{day}.json")
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return path
