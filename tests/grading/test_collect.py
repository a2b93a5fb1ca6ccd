"""Collecting submissions: files, folders and zips read, checked, the latest kept."""

import zipfile

from lmcourse.core.ids import safe_name
from lmcourse.grading import collect, marking
from tests import instructor_fixtures as fx
from tests.instructor_fixtures import RIGHT, hand_in

unit, unit_file = fx.unit, fx.unit_file  # fixtures, shared


def read(unit, *paths, max_bytes=1_000_000):
    issues, opened = [], []
    valid = {m.id: m for m in marking.markers(unit, False)}
    try:
        best, old, n = collect.read_all(unit, [str(p) for p in paths], issues, opened,
                                        max_bytes, None, valid)
    finally:
        for z in opened:
            z.close()
    return best, old, n, issues


def test_folders_are_walked_and_hidden_files_skipped(unit, tmp_path):
    hand_in(tmp_path / "a" / "b", "s1", RIGHT)
    (tmp_path / "a" / ".hidden.json").write_text("{")
    (tmp_path / "a" / "notes.txt").write_text("not a submission")
    best, _, n, issues = read(unit, tmp_path / "a")
    assert list(best) == ["s1"] and n == 1 and issues == []


def test_the_latest_of_a_students_files_is_kept(unit, tmp_path):
    hand_in(tmp_path, "s1", {"sample-s1": "b"}, day=2)
    hand_in(tmp_path, "s1", {"sample-s1": "a"}, day=1)
    best, old, _, _ = read(unit, tmp_path)
    assert best["s1"].answers == {"sample-s1": "b"} and len(old) == 1


def test_a_file_over_the_limit_is_never_parsed(unit, tmp_path):
    path = hand_in(tmp_path, "s1", RIGHT)
    best, _, _, issues = read(unit, path, max_bytes=100)
    assert not best and "over the limit of 100" in issues[0].problem


def test_zip_members_are_read_in_place(unit, tmp_path):
    path = hand_in(tmp_path / "in", "z1", RIGHT)
    with zipfile.ZipFile(tmp_path / "c.zip", "w") as z:
        z.write(path, "z1_99/unit-1-z1.json")
    best, _, _, issues = read(unit, tmp_path / "c.zip")
    assert best["z1"].label == f"{tmp_path / 'c.zip'}:z1_99/unit-1-z1.json" and not issues


def test_answers_of_a_wrong_type_are_left_out_with_an_issue(unit, tmp_path):
    hand_in(tmp_path, "s1", {"sample-s1": 3, "sample-m1": ["a"]})
    best, _, _, issues = read(unit, tmp_path)
    assert best["s1"].answers == {"sample-m1": ["a"]}
    assert issues[0].outcome == "answer ignored" and issues[0].line > 1
    assert safe_name("s1") == "s1"
