"""Collecting submissions: files, folders and zips read, checked, one file kept per student
(whose it is, which is latest, when it was handed in), every problem a line."""

import json
import zipfile
from datetime import UTC, datetime

import pytest

from lmcourse.core import jsonfile, submission
from lmcourse.grading import collect, marking
from tests import instructor_fixtures as fx
from tests.instructor_fixtures import RIGHT, hand_in

unit, unit_file = fx.unit, fx.unit_file  # fixtures, shared


def read(unit, *paths, max_bytes=1_000_000, roster=None):
    issues, opened = [], []
    valid = {m.id: m for m in marking.markers(unit, False)}
    try:
        best, n = collect.read_all(unit, [str(p) for p in paths], issues, opened, max_bytes,
                                   None, valid, roster)
    finally:
        for z in opened:
            z.close()
    return best, n, issues


@pytest.fixture
def inbox(tmp_path):
    """A folder for submissions only (``tmp_path`` holds the course's exercises too)."""
    folder = tmp_path / "in"
    folder.mkdir()
    return folder


def text_of(sid, answers, day=1, **edit):
    data = submission.make("unit-1", sid, f"Student {sid}", answers, fx.when(day))
    data.update(edit)
    return json.dumps(data, indent=1)


def test_folders_are_walked_and_hidden_files_skipped(unit, tmp_path):
    hand_in(tmp_path / "a" / "b", "s1", RIGHT)
    (tmp_path / "a" / ".hidden.json").write_text("{")
    (tmp_path / "a" / "notes.txt").write_text("not a submission")
    best, n, issues = read(unit, tmp_path / "a")
    assert list(best) == ["s1"] and n == 1 and issues == []


def test_a_path_given_twice_or_inside_a_folder_given_is_read_once(unit, tmp_path):
    path = hand_in(tmp_path / "in", "s1", RIGHT)
    best, n, issues = read(unit, tmp_path / "in", path, tmp_path / "in")
    assert n == 1 and list(best) == ["s1"] and issues == []


def test_the_latest_of_a_students_files_is_kept(unit, inbox):
    hand_in(inbox, "s1", {"sample-s1": "b"}, day=2)
    hand_in(inbox, "s1", {"sample-s1": "a"}, day=1)
    best, _, issues = read(unit, inbox)
    assert best["s1"].answers == {"sample-s1": "b"}
    assert [i.outcome for i in issues] == ["superseded"]


def test_a_file_over_the_limit_is_never_parsed(unit, tmp_path):
    path = hand_in(tmp_path, "s1", RIGHT)
    best, _, issues = read(unit, path, max_bytes=100)
    assert not best and "over the limit of 100" in issues[0].problem


def test_zip_members_are_read_in_place(unit, tmp_path):
    path = hand_in(tmp_path / "in", "z1", RIGHT)
    with zipfile.ZipFile(tmp_path / "c.zip", "w") as z:
        z.write(path, "z1_99/unit-1-z1.json")
    best, _, issues = read(unit, tmp_path / "c.zip")
    assert best["z1"].label == f"{tmp_path / 'c.zip'}:z1_99/unit-1-z1.json" and not issues


def test_a_windows_zip_entry_is_read_under_its_base_name_never_dropped(unit, tmp_path):
    with zipfile.ZipFile(tmp_path / "c.zip", "w") as z:
        z.writestr("..\\..\\hv-week-s3109.json", text_of("s3109", RIGHT))
        z.writestr("sub\\dir\\.hidden.json", "{")
    best, n, issues = read(unit, tmp_path / "c.zip")
    assert n == 1 and list(best) == ["s3109"] and issues == []


def test_answers_of_a_wrong_type_are_left_out_with_an_issue(unit, inbox):
    hand_in(inbox, "s1", {"sample-s1": 3, "sample-m1": ["a"]})
    best, _, issues = read(unit, inbox)
    assert best["s1"].answers == {"sample-m1": ["a"]}
    assert issues[0].outcome == "answer ignored" and issues[0].line > 1


# --- the strict reader, through the fast path ----------------------------------------

@pytest.mark.parametrize(("spoil", "said", "line"), [
    (lambda t: t.replace('"name":', '"id": "s9",\n  "name":', 1), 'the key "id" appears twice', 7),
    (lambda t: t.replace('"answers": {', '"answers": {\n  "sample-s1": "c",', 1),
     'the key "sample-s1" appears twice', 12),
    (lambda t: t.replace('"version": 1', '"version": NaN'), "NaN is not a JSON number", 1),
    (lambda t: t.replace('"answers": {', '"answers": {\n  "x": 1e999,', 1), "too large", 1),
    (lambda t: t.replace('"answers": {', '"answers": {\n  "x": ' + "7" * 5000 + ",", 1),
     "5,000 digits", 1),
    (lambda t: t.replace('"Student s1"', '"\\ud800"'), "lone UTF-16 surrogate", 7),
    (lambda t: t.replace('"answers": {', '"answers": {\n  "x": ' + "[" * 70 + "]" * 70 + ",", 1),
     "nests too deeply", 1),
    (lambda t: "[" * 100_000, "nests too deeply", 1),
    (lambda t: "<!DOCTYPE html>\n<html><body>My answers</body></html>", "looks like HTML", 1),
    (lambda t: "Dear professor,\nhere are my answers: b, c, a", "looks like plain text", 1),
    (lambda t: t[: len(t) // 2], "the file ends early", None),
    (lambda t: t.replace('"sample-s1": "a"\n', '"sample-s1": "a",\n'),
     "a comma before '}'", None),
])
def test_what_json_does_not_allow_is_refused_with_its_line(unit, inbox, spoil, said, line):
    text = spoil(text_of("s1", {"sample-s1": "a"}))
    (inbox / "s1.json").write_text(text, encoding="utf-8")
    best, _, issues = read(unit, inbox)
    assert not best
    (issue,) = issues
    assert issue.outcome == "not graded" and said in issue.problem, issue
    if line is not None:
        assert issue.line == line, issue
    # the fast path and the strict reader agree
    with pytest.raises(jsonfile.JSONProblem, match=said.replace("(", r"\(")):
        jsonfile.parse(text)


def test_colons_and_escapes_in_text_are_not_taken_for_duplicate_keys(unit, inbox):
    answers = {"sample-s1": "a", "sample-reflect": 'He said: "lead: then manage"\n\u00e9 \\'}
    (inbox / "a.json").write_text(text_of("s:1", answers), encoding="utf-8")
    data = json.loads(text_of("s2", answers))
    (inbox / "b.json").write_text(json.dumps(data, indent=1, ensure_ascii=True))
    best, _, issues = read(unit, inbox)
    assert sorted(best) == ["s2", "s:1"], issues
    assert best["s2"].answers["sample-reflect"] == answers["sample-reflect"]


def test_a_duplicate_key_hidden_behind_an_escaped_colon_is_still_found(unit, inbox):
    text = text_of("s1", {"sample-s1": "a", "sample-reflect": ":"})
    text = text.replace('"answers": {', '"answers": {\n  "sample-s1": "b",', 1)
    (inbox / "s1.json").write_text(text.replace('": ":"', '": "\\u003a"'))
    best, _, issues = read(unit, inbox)
    assert not best and 'the key "sample-s1" appears twice' in issues[0].problem


def test_an_unknown_field_is_read_strictly(unit, inbox):
    text = text_of("s1", {"sample-s1": "a"}).replace('"version": 1,', '"version": 1,\n '
                                                    '"extra": {"k": 1, "k": 2},', 1)
    (inbox / "s1.json").write_text(text)
    best, _, issues = read(unit, inbox)
    assert not best and 'the key "k" appears twice' in issues[0].problem


@pytest.mark.parametrize("sid", ["=HYPERLINK(\"x\")", "+1", "-s1", "@SUM(A1)"])
def test_an_id_a_spreadsheet_would_run_is_refused(unit, inbox, sid):
    hand_in(inbox, sid, RIGHT, file="x.json")
    best, _, issues = read(unit, inbox)
    assert not best
    assert "a spreadsheet would run it as a formula" in issues[0].problem


# --- whose file it is ----------------------------------------------------------------

def test_lms_layouts_name_the_owner():
    canvas = collect.owner_of(("lovelaceada_late_12345_678_week-1-s1.json",))
    assert (canvas.lms, canvas.key, canvas.late, canvas.ids) == ("Canvas", "canvas:12345",
                                                                  True, frozenset())
    on_time = collect.owner_of(("lovelaceada_12345_678_week-1-s1.json",))
    assert on_time.late is False
    moodle = collect.owner_of(("Ada Lovelace_4321_assignsubmission_file_", "week-1.json"))
    assert (moodle.lms, moodle.key, moodle.name) == ("Moodle", "moodle:4321", "Ada Lovelace")
    flat = collect.owner_of(("Ada Lovelace_4321_assignsubmission_file_week-1.json",))
    assert flat.key == "moodle:4321"
    folder = collect.owner_of(("s3107_55555", "x.json"))
    assert folder.ids == {"s3107"} and folder.late is None
    assert collect.owner_of(("s3107_late_55555", "x.json")).late is True
    assert collect.owner_of(("week-1-s1.json",)) is None
    assert collect.owner_of(("s3107_55555.json",)) is None  # a file name is no folder


def test_a_file_in_another_students_folder_displaces_nobody(unit, tmp_path):
    real = hand_in(tmp_path / "in" / "s3107_55555", "s3107", RIGHT, day=1)
    hand_in(tmp_path / "in" / "s3108_55556", "s3107", {"sample-s1": "c"}, day=3)
    best, _, issues = read(unit, tmp_path / "in")
    assert best["s3107"].label == str(real)
    (issue,) = issues
    assert issue.outcome == "not graded" and "s3108_55556" in issue.problem
    assert "belongs to 's3108'" in issue.problem and "claims the id 's3107'" in issue.problem


def test_the_folder_decides_between_look_alikes_of_its_own_id(unit, inbox):
    hand_in(inbox / "s3107_1", "S3107", RIGHT)
    best, _, issues = read(unit, inbox)
    assert list(best) == ["s3107"] and "graded as 's3107'" in issues[0].problem


def test_files_claiming_one_id_from_two_canvas_accounts_are_all_listed(unit, tmp_path):
    inbox = tmp_path / "in"
    hand_in(inbox, "s5", RIGHT, file="adaa_111_1_week-1.json", day=1)
    hand_in(inbox, "s5", {"sample-s1": "c"}, file="bobb_222_2_week-1.json", day=2)
    hand_in(inbox, "s6", RIGHT, file="cecc_333_3_week-1.json")
    best, _, issues = read(unit, inbox)
    assert list(best) == ["s6"]
    assert [i.outcome for i in issues] == ["not graded", "not graded"]
    assert all("2 LMS accounts" in i.problem for i in issues)


def test_a_roster_resolves_canvas_accounts(unit, tmp_path):
    class Roster:
        def canvas_ids(self, user):
            return frozenset({"111": {"s5"}, "222": {"s6"}}.get(user, ()))

        def name_ids(self, name):
            return frozenset()

    inbox = tmp_path / "in"
    hand_in(inbox, "s5", RIGHT, file="adaa_111_1_week-1.json")
    hand_in(inbox, "s5", {"sample-s1": "c"}, file="bobb_222_2_week-1.json", day=2)
    best, _, issues = read(unit, inbox, roster=Roster())
    assert best["s5"].label.endswith("adaa_111_1_week-1.json")
    assert "belongs to 's6'" in issues[0].problem


# --- which file is latest ------------------------------------------------------------

@pytest.mark.parametrize("order", [["a", "b"], ["b", "a"]])
def test_two_latest_files_with_different_answers_are_ambiguous_in_any_order(
        unit, tmp_path, order):
    hand_in(tmp_path / "a", "s1", RIGHT, day=2)
    hand_in(tmp_path / "b", "s1", {"sample-s1": "c"}, day=2)
    hand_in(tmp_path / "c", "s1", RIGHT, day=1)
    best, _, issues = read(unit, *(tmp_path / o for o in order), tmp_path / "c")
    assert "s1" not in best
    assert sorted(i.outcome for i in issues) == ["not graded", "not graded", "superseded"]
    assert all("same time" in i.problem for i in issues if i.outcome == "not graded")


def test_two_latest_files_with_the_same_answers_keep_one(unit, tmp_path):
    a = hand_in(tmp_path / "a", "s1", RIGHT, day=2)
    hand_in(tmp_path / "b", "s1", RIGHT, day=2)
    for paths in ([tmp_path / "b", tmp_path / "a"], [tmp_path / "a", tmp_path / "b"]):
        best, _, issues = read(unit, *paths)
        assert best["s1"].label == str(a)
        assert [i.outcome for i in issues] == ["superseded"]


# --- lateness ------------------------------------------------------------------------

def test_canvas_late_mark_outweighs_the_files_claim(unit, inbox):
    hand_in(inbox, "s1", RIGHT, day=1, file="adaa_late_111_1_week-1.json")
    hand_in(inbox, "s2", RIGHT, day=9, file="bobb_222_2_week-1.json")
    hand_in(inbox, "s3", RIGHT, day=9)
    best, _, issues = read(unit, inbox)
    assert (best["s1"].late, best["s1"].late_basis) == (True, "lms")
    assert (best["s2"].late, best["s2"].late_basis) == (False, "lms")
    assert (best["s3"].late, best["s3"].late_basis) == (True, "claim")
    said = {i.student: i.problem for i in issues}
    assert "marks it late" in said["s1"] and "marks it on time" in said["s2"]


def _zip_at(tmp_path, members):
    path = tmp_path / "class.zip"
    with zipfile.ZipFile(path, "w") as z:
        for name, text, when in members:
            z.writestr(zipfile.ZipInfo(name, date_time=when), text)
    return path


def test_a_zips_own_times_judge_lateness_when_they_are_real(unit, tmp_path):
    # due 2026-12-04 23:59 UTC; s1 claims day 1, but the zip holds it from the 7th
    path = _zip_at(tmp_path, [("s1.json", text_of("s1", RIGHT, day=1), (2026, 12, 7, 9, 0, 0)),
                              ("s2.json", text_of("s2", RIGHT, day=1), (2026, 12, 2, 9, 0, 0)),
                              ("s3.json", text_of("s3", RIGHT, day=1), (2026, 12, 5, 8, 0, 0))])
    best, _, issues = read(unit, path)
    assert (best["s1"].late, best["s1"].late_basis) == (True, "zip")
    assert (best["s2"].late, best["s2"].late_basis) == (False, "zip")
    # 8:00 local on the 5th may be before 23:59 UTC on the 4th somewhere: the claim stands
    assert (best["s3"].late, best["s3"].late_basis) == (False, "claim")
    assert any("the zip holds it" in i.problem for i in issues if i.student == "s1")


def test_a_zip_made_at_download_time_says_nothing_of_lateness(unit, tmp_path):
    same = (2026, 12, 20, 9, 0, 0)
    path = _zip_at(tmp_path, [("s1.json", text_of("s1", RIGHT, day=1), same),
                              ("s2.json", text_of("s2", RIGHT, day=9), same)])
    best, _, _ = read(unit, path)
    assert [(c.late, c.late_basis) for c in best.values()] == [(False, "claim"),
                                                               (True, "claim")]


# --- ids a reader could confuse ------------------------------------------------------

def test_look_alike_ids_are_flagged_and_get_feedback_files_apart(unit, inbox):
    for n, sid in enumerate(["s9004", "S9004", "ѕ9001", "ｓ9002", "s90\u200b03", "s1", "s2"]):
        hand_in(inbox, sid, RIGHT, file=f"{n}.json")
    best, _, issues = read(unit, inbox)
    assert len(best) == 7
    said = {}
    for i in issues:
        said.setdefault(i.student, []).append(i.problem)
    assert any("looks like 'S9004'" in p for p in said["s9004"])
    assert any("Cyrillic" in p for p in said["ѕ9001"])
    assert any("FULLWIDTH" in p for p in said["ｓ9002"])
    assert any("ZERO WIDTH SPACE" in p for p in said["s90\u200b03"])
    assert "s1" not in said
    stems = {c.stem.casefold() for c in best.values()}
    assert len(stems) == 7  # no two feedback files alike, even ignoring case


def test_the_order_of_the_paths_changes_nothing(unit, tmp_path):
    hand_in(tmp_path / "a", "s1", RIGHT, day=1)
    hand_in(tmp_path / "b", "s1", {"sample-s1": "c"}, day=2)
    (tmp_path / "b" / "bad.json").write_text("{")
    one = read(unit, tmp_path / "a", tmp_path / "b")
    two = read(unit, tmp_path / "b", tmp_path / "a")
    assert one[2] == two[2] and one[0]["s1"].label == two[0]["s1"].label


def test_times_are_compared_as_instants(unit, inbox):
    hand_in(inbox, "s1", {"sample-s1": "b"}, edit=lambda d: d.update(
        submitted="2026-12-02T10:00:00+02:00"), file="a.json")
    hand_in(inbox, "s1", {"sample-s1": "a"}, edit=lambda d: d.update(
        submitted="2026-12-02T09:00:00Z"), file="b.json")
    best, _, _ = read(unit, inbox)
    assert best["s1"].answers == {"sample-s1": "a"}
    assert best["s1"].when == datetime(2026, 12, 2, 9, tzinfo=UTC)


def test_the_summary_says_what_lateness_was_judged_from(unit, inbox, tmp_path):
    """The checksum guards against damage only, so the run says how many files were
    judged by a time the student could have edited, and how many by the LMS's marks."""
    from lmcourse.grading import run as grading

    hand_in(inbox, "s1", RIGHT, day=1, file="adaa_late_111_1_week-1.json")
    hand_in(inbox, "s2", RIGHT, day=9)
    hand_in(inbox, "s3", RIGHT, day=2)
    summary = grading.grade(unit, [inbox], tmp_path / "out")
    assert ("Lateness: 2 submission(s) judged by the time the file states, which a student "
            "can edit; 1 by the LMS download's own marks.") in summary.said
    assert "Lateness" in str(summary)


@pytest.mark.parametrize("saved", ["2026-12-01T09:30:00", "2026-12-01"])
def test_a_time_without_a_zone_is_read_as_utc_and_said(unit, inbox, saved):
    (inbox / "s1.json").write_text(text_of("s1", RIGHT, submitted=saved), encoding="utf-8")
    hand_in(inbox, "s2", RIGHT)  # the notebook's own, zoned time: nothing to say
    best, _, issues = read(unit, inbox)
    assert best["s1"].when.tzinfo is not None and best["s1"].when.utcoffset().seconds == 0
    (note,) = [i for i in issues if "time zone" in i.problem]
    assert note.outcome == "note" and note.student == "s1" and note.line > 1
    assert saved in note.problem and "read as UTC" in note.problem
