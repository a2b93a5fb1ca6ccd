"""Gradebook files, held to what Canvas's and Moodle's importers do with them.

``canvas_import`` and ``moodle_import`` below restate, as checks, the rules read in
canvas-lms ``app/models/gradebook_importer.rb`` and moodle
``grade/import/csv/classes/load_data.php`` (see :mod:`lmcourse.grading.gradebook`): what
each needs for every row to land on the right student without a manual match, and what
makes Moodle abort the whole import."""

import csv
import io
import re
from types import SimpleNamespace

import pytest

from lmcourse.grading import gradebook, roster
from tests.grading.test_roster import CANVAS, MOODLE, PLAIN


class Week:
    id, title, max_points = "week-1", "Week 1, focus", 14.0


def cand(sid, name="", when=1, owner=None):
    return SimpleNamespace(label=f"in/{sid}.json", name=name, when=when, owner=owner)


def book_of(best, totals):
    return [(sid, best[sid].name, totals[sid], 100 * totals[sid] / Week.max_points, "graded")
            for sid in best]


def read(text):
    return list(csv.reader(io.StringIO(text)))


def canvas_import(text, users):
    """Canvas's importer, as checks: ``users`` are the course's students (the roster).
    Returns ``{canvas user: grade}``; fails on anything that would need a manual match or
    lose a column."""
    rows = read(text)
    head = rows[0]
    assert len(head) > 3 and "Student" in head[0] and "ID" in head[1]
    assert re.search(r"SIS\s+User\s+ID", head[2]) and re.search(r"SIS\s+Login\s+ID", head[3])
    assert "Section" in head[4]
    titles = head[5:]
    assert not [t for t in titles if re.search("|".join(gradebook.CANVAS_TOTALS), t)]
    out = {}
    for row in rows[1:]:
        assert len(row) == len(head)
        if "Points Possible" in row[0]:
            assert row[5] == "14"
            continue
        student = next((u for u in users if u.canvas_id and u.canvas_id == row[1]), None)
        student = student or next((u for u in users if row[2] and u.sis_user_id == row[2]),
                                  None)
        student = student or next((u for u in users if row[3] and u.sis_login_id == row[3]),
                                  None)
        student = student or next((u for u in users if u.name == row[0]), None)
        assert student is not None, f"Canvas cannot match {row}: a manual match"
        assert row[5] == "" or 0 <= float(row[5]) <= 14
        out[student.canvas_id or student.sis_user_id] = row[5]
    return out


def moodle_import(text, users, field):
    """Moodle's load_data.php, as checks: ``field`` is the user field the identity column
    is mapped to. Returns ``{id: grade}``; fails where Moodle would abort the import."""
    rows = read(text)
    head = [h.strip() for h in rows[0]]
    assert len(set(head)) == len(head) and "Last downloaded from this course" not in head
    out = {}
    for row in rows[1:]:
        assert len(row) == len(head), "csvweirdcolumns: the import is refused"
        value = row[0].strip()
        assert value not in ("", "0"), "an empty id: the grade goes to the row before"
        found = [u for u in users if getattr(u, field) == value]
        assert len(found) == 1, f"usermappingerror: {value!r} aborts the whole import"
        grade = row[2].strip()
        assert grade == "-" or 0 <= float(grade) <= min(100, 14), grade
        out[value] = grade
    return out


def test_without_a_roster_the_graded_students_under_their_ids_byte_exact():
    best = {"s1": cand("s1", "Ada Lovelace"), "-5": cand("-5", "-Ana"), "0123": cand("0123")}
    p = gradebook.plan(Week, best)
    files = gradebook.files(Week, book_of(best, {"s1": 13.0, "-5": 7.5, "0123": 0.0}), p)
    table = read(files["canvas.csv"])
    assert table[0] == gradebook.CANVAS_HEADER + ["Week 1, focus"]
    assert table[1] == ["Points Possible", "", "", "", "", "14"]
    assert table[2:] == [["'-Ana", "", "-5", "-5", "", "7.5"],  # a name is guarded, an id
                         ["0123", "", "0123", "0123", "", "0"],  # never
                         ["Ada Lovelace", "", "s1", "s1", "", "13"]]
    moodle = read(files["moodle.csv"])
    assert moodle[0] == ["ID number", "Full name", "Week 1, focus", "Feedback"]
    assert [r[:3] for r in moodle[1:]] == [["-5", "'-Ana", "7.5"], ["0123", "", "0"],
                                          ["s1", "Ada Lovelace", "13"]]
    assert sum("No --roster" in s for s in p.said) == 1


@pytest.mark.parametrize("missing, blank", [("blank", ("", "-")), ("zero", ("0", "0"))])
def test_a_canvas_roster_gives_every_student_a_row_that_imports_unmatched_by_hand(
        missing, blank):
    r = roster.parse(CANVAS, "canvas-export.csv")
    best = {"s1001": cand("s1001", "Ada"), "S1002": cand("S1002", "Grace"),
            "s1099": cand("s1099"), "z7": cand("z7", owner=SimpleNamespace(
                lms="Canvas", key="canvas:103", name="turingalan"))}
    p = gradebook.plan(Week, best, r, missing)
    files = gradebook.files(Week, book_of(best, dict.fromkeys(best, 10.0)), p)
    grades = canvas_import(files["canvas.csv"], r.students)
    # Ada handed in; Grace typed S1002 (not on the roster); Alan's file came through his
    # own Canvas account; the test student handed in nothing
    # (Grace's row is blank either way: her file under S1002 waits for a check)
    assert grades == {"101": "10", "102": "", "103": "10", "999": blank[0]}
    rows = read(files["canvas.csv"])
    assert rows[2][:5] == ["Lovelace, Ada", "101", "s1001", "ada@uni.example", "Section A"]
    said = {i.student: i for i in p.issues}
    assert said["S1002"].outcome == "not in gradebook" and "did you mean 's1002'" in said[
        "S1002"].problem
    assert "s1099" in said and "not on the roster" in said["s1099"].problem
    assert "s1001" not in said and "z7" not in said
    text = " ".join(p.said)
    assert "2 did not" in text and "Canvas ID from the roster" in text
    # moodle.csv from a Canvas roster: SIS user ids; the test student has none
    assert p.moodle_field == ("ID number", "sis_user_id") or p.moodle_field[1] == "sis_login_id"


def test_a_moodle_roster_imports_without_an_abort_even_with_a_mistyped_id():
    r = roster.parse(MOODLE, "moodle-export.csv")
    best = {"s1001": cand("s1001"), "S1002": cand("S1002"), "s1 001": cand("s1 001"),
            "alan@uni.example": cand("alan@uni.example")}
    p = gradebook.plan(Week, best, r, "zero")
    files = gradebook.files(Week, book_of(best, dict.fromkeys(best, 14.0)), p)
    assert p.moodle_field == ("Email address", "email")  # Alan has no ID number
    grades = moodle_import(files["moodle.csv"], r.students, "email")
    assert grades == {"ada@uni.example": "14", "grace@uni.example": "-",  # S1002: waits
                      "alan@uni.example": "14"}
    head = read(files["moodle.csv"])[0]
    assert head == ["Email address", "Full name", "Week 1, focus", "Feedback"]
    said = " ".join(p.said)
    assert "map from 'Email address'" in said and "maximum grade 14" in said
    assert {i.student for i in p.issues} == {"S1002", "s1 001"}


def test_a_plain_roster_and_a_student_with_no_submission():
    r = roster.parse(PLAIN)
    best = {"s1002": cand("s1002", "G. Hopper")}
    p = gradebook.plan(Week, best, r)
    files = gradebook.files(Week, book_of(best, {"s1002": 20.0}), p)  # over the max: capped
    canvas = read(files["canvas.csv"])[2:]
    assert canvas == [["Ada Lovelace", "", "s1001", "s1001", "", ""],
                      ["Grace Hopper", "", "s1002", "s1002", "", "14"],
                      ["Edsger Dijkstra", "", "s1005", "s1005", "", ""]]
    grades = moodle_import(files["moodle.csv"], [SimpleNamespace(id=s.id) for s in r.students],
                           "id")
    assert grades == {"s1001": "-", "s1002": "14", "s1005": "-"}


def test_two_ids_of_one_student_put_the_later_submission_in_the_gradebook():
    r = roster.parse(CANVAS)
    best = {"s1001": cand("s1001", when=1), "ada@uni.example": cand("ada@uni.example", when=2)}
    p = gradebook.plan(Week, best, r)
    assert (r.students[0], "ada@uni.example") in p.rows
    assert [i.student for i in p.issues if i.file != r.path] == ["s1001"]


@pytest.mark.parametrize("title, column, words", [
    ("Week 1: Final Grade check", None, "Canvas drops an import column"),
    ("Week 1 (2026)", None, "as the id of an existing assignment (2026)"),
    ("Week 1", "Week 1 (1234)", "existing Canvas assignment 1234: it must be published with "
     "14 points possible"),
    ("Week 1", None, "titled exactly 'Week 1' (published, with 14 points possible), or "
     "creates it with the 14 points"),
])
def test_what_canvas_will_do_with_the_column_title_is_said(title, column, words):
    week = SimpleNamespace(id="w", title=title, max_points=14.0)
    p = gradebook.plan(week, {"s1": cand("s1")}, canvas_column=column)
    assert any(words in s for s in p.said), p.said


def test_a_maximum_over_100_is_flagged_for_moodle():
    week = SimpleNamespace(id="w", title="Final exam", max_points=120.0)
    p = gradebook.plan(week, {"s1": cand("s1")})
    assert any("120 points is over 100" in s for s in p.said)


def test_a_roster_row_without_the_chosen_moodle_field_is_left_out_and_listed():
    text = "id,name,email\ns1,Ada,a@x\n0,Zero,z@x\n"
    r = roster.parse(text, "r.csv")
    p = gradebook.plan(Week, {}, r)
    rows = read(gradebook.files(Week, [], p)["moodle.csv"])
    assert [row[0] for row in rows[1:]] == ["s1"]
    assert any(i.line == 3 and "left out of moodle.csv" in i.problem for i in p.issues)


def test_a_look_alike_of_a_roster_id_leaves_that_student_blank_never_zero():
    """With --missing zero, a student who handed in under a look-alike of their id (case,
    a space, a Cyrillic letter) is not given 0 for work missing: the row is blank until
    the instructor checks the file; a student who truly handed in nothing gets 0, and an
    id like nobody's changes nothing."""
    r = roster.parse("id,name\ns1001,Ada\ns1002,Grace\ns1003,Alan\ns1004,Edsger\n", "r.csv")
    best = {"s1001": cand("s1001"), "S1002": cand("S1002"), "\u04551003": cand("\u04551003"),
            "zz9": cand("zz9")}
    p = gradebook.plan(Week, best, r, "zero")
    files = gradebook.files(Week, book_of(best, dict.fromkeys(best, 14.0)), p)
    grades = moodle_import(files["moodle.csv"], [SimpleNamespace(id=s.id) for s in r.students],
                           "id")
    assert grades == {"s1001": "14", "s1002": "-", "s1003": "-", "s1004": "0"}
    canvas = read(files["canvas.csv"])
    assert [row[5] for row in canvas[2:]] == ["14", "", "", "0"]
    said = {i.student: i.problem for i in p.issues}
    assert "'s1002' is left blank in both" in said["S1002"]
    assert "'s1003' is left blank in both" in said["\u04551003"]
    assert "left blank" not in said["zz9"] and said["zz9"].endswith(
        "left out of canvas.csv and moodle.csv.")
    assert any("2 of those who did not are left blank" in s for s in p.said)
    # once the student's own id handed in too, nothing waits
    best["s1002"] = cand("s1002", when=2)
    p = gradebook.plan(Week, best, r, "zero")
    assert r.students[1].line not in p.held and r.students[2].line in p.held
