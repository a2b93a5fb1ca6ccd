"""The class roster: Canvas's and Moodle's own exports and a plain CSV, each recognised by
its header, read into students with the ids the LMS matches on."""

import pytest

from lmcourse.grading import roster

CANVAS = """\ufeffStudent,ID,SIS User ID,SIS Login ID,Section,Week 1 (1234),Current Score,\
Final Score
    Points Possible,,,,,14,(read only),(read only)
,,,,,Manual Posting,,
"Lovelace, Ada",101,s1001,ada@uni.example,Section A,,,
"Hopper, Grace",102,s1002,grace@uni.example,Section A,,,
"Turing, Alan",103,s1003,alan@uni.example,Section B,,,
"Student, Test",999,,,Section A,,,
"""

MOODLE = """First name;Surname;ID number;Institution;Department;Email address;\
Assignment: Week 1 (Real);Last downloaded from this course
Ada;Lovelace;s1001;;;ada@uni.example;-;1733300000
Grace;Hopper;s1002;;;grace@uni.example;-;1733300000
Alan;Turing;;;;alan@uni.example;-;1733300000
"""

PLAIN = """Name\tStudent ID\tGroup
Ada Lovelace\ts1001\tA
Grace Hopper\ts1002\tA
\t\t
Edsger Dijkstra\ts1005\tB
"""


def test_a_canvas_export_is_read_as_canvas_skipping_its_own_rows():
    r = roster.parse(CANVAS, "canvas-export.csv")
    assert r.kind == "Canvas"
    assert [s.name for s in r.students] == ["Lovelace, Ada", "Hopper, Grace", "Turing, Alan",
                                            "Student, Test"]
    ada = r.students[0]
    assert (ada.canvas_id, ada.sis_user_id, ada.sis_login_id, ada.section, ada.line) == (
        "101", "s1001", "ada@uni.example", "Section A", 4)
    assert r.find("s1001") is ada and r.find("ada@uni.example") is ada
    assert r.find("S1001") is None and r.find("101") is None  # exact ids, not Canvas numbers
    assert r.canvas_ids("101") == {"s1001", "ada@uni.example"}
    assert r.students[3].id == "999" and r.problems == []  # the test student: Canvas ID only


def test_a_moodle_export_is_read_as_moodle_whatever_its_separator():
    r = roster.parse(MOODLE, "moodle-export.csv")
    assert r.kind == "Moodle"
    assert [(s.name, s.id_number, s.email) for s in r.students] == [
        ("Ada Lovelace", "s1001", "ada@uni.example"),
        ("Grace Hopper", "s1002", "grace@uni.example"),
        ("Alan Turing", "", "alan@uni.example")]
    assert r.find("alan@uni.example").name == "Alan Turing"
    assert r.name_ids("ada  LOVELACE") == {"s1001", "ada@uni.example"}


def test_a_plain_csv_with_an_id_column_is_a_roster():
    r = roster.parse(PLAIN, "class.tsv")
    assert r.kind == "plain" and [s.id for s in r.students] == ["s1001", "s1002", "s1005"]
    assert r.find("s1005").name == "Edsger Dijkstra"


def test_the_nearest_ids_come_by_case_spacing_and_look_alikes_first():
    r = roster.parse(PLAIN)
    assert r.nearest("S1001") == ["s1001"]
    assert r.nearest("ѕ1002") == ["s1002"]  # a Cyrillic s
    assert r.nearest("s1 005") == ["s1005"]
    assert r.nearest("s1009")[:1] == ["s1005"] and r.nearest("zzz") == []


def test_rows_that_cannot_be_used_are_named_with_their_line():
    text = "id,name\ns1,Ada\n,Nobody\ns1,Ada again\n=cmd|'/c calc'!A1,Eve\n"
    r = roster.parse(text, "r.csv")
    assert [s.id for s in r.students] == ["s1"]
    said = {p.line: p.message for p in r.problems}
    assert "has no id" in said[3] and "also on line 2" in said[4] and "formula" in said[5]


@pytest.mark.parametrize("text", ["", "a,b,c\n1,2,3\n"])
def test_a_file_that_is_no_roster_is_refused_in_words(text):
    with pytest.raises(roster.RosterError, match="roster"):
        roster.parse(text)


def test_load_reads_the_file_and_refuses_what_it_cannot(tmp_path):
    (tmp_path / "r.csv").write_bytes(CANVAS.encode("utf-8"))
    assert roster.load(tmp_path / "r.csv").kind == "Canvas"
    (tmp_path / "latin.csv").write_bytes("id,name\ns1,Ren\xe9e\n".encode("latin-1"))
    with pytest.raises(roster.RosterError, match="not UTF-8"):
        roster.load(tmp_path / "latin.csv")
    with pytest.raises(roster.RosterError, match="cannot read"):
        roster.load(tmp_path / "missing.csv")


def test_a_roster_saved_by_excel_as_unicode_text_is_read(tmp_path):
    """Excel's "Unicode Text" is UTF-16, tab separated, with a byte-order mark."""
    (tmp_path / "r.txt").write_bytes(PLAIN.replace("\n", "\r\n").encode("utf-16"))
    r = roster.load(tmp_path / "r.txt")
    assert r.kind == "plain" and [s.id for s in r.students] == ["s1001", "s1002", "s1005"]


@pytest.mark.parametrize("text, words", [
    ("id,name,id\ns1,Ada,s2\n", "the column 'id' twice"),
    ("Student,ID,SIS User ID,SIS Login ID,Section,SIS User ID\nAda,1,s1,a@x,A,s9\n",
     "the column 'sis user id' twice"),
    ("id,name\n", "lists no students"),
    ("id,name\n,Ada\n=1+1,Eve\n", "lists no students (2 row(s) left out: Ada has no id)"),
])
def test_a_roster_that_cannot_say_who_is_who_is_refused(text, words):
    """A column the roster is read by, twice (the duplicate key of a CSV), or a roster of
    nobody: refused in words, rather than a guess or a gradebook of no one."""
    with pytest.raises(roster.RosterError) as e:
        roster.parse(text, "r.csv")
    (p,) = e.value.problems
    assert words in p.message and p.line == 1, p


def test_ids_with_spaces_around_them_in_the_roster_match_exactly_trimmed():
    r = roster.parse('id;name\r\n"s1001 ";Ada\r\n', "r.csv")
    assert r.find("s1001").name == "Ada" and r.find("s1001 ") is None
