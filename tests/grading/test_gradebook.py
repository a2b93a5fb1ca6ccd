"""Gradebook exports: the headers Canvas and Moodle expect."""

import csv
import io

from lmcourse.grading import gradebook


class Week:
    id, title, max_points = "week-1", "Week 1, focus", 14.0


BOOK = [("s1", "Ada Lovelace", 13.0, 92.9, "graded"), ("s2", "Grace", 7.5, 53.6, "graded, late")]


def read(text):
    return list(csv.reader(io.StringIO(text)))


def test_canvas_layout():
    table = read(gradebook.canvas(Week, BOOK))
    assert table[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section",
                        "Week 1, focus"]
    assert table[1] == ["Points Possible", "", "", "", "", "14"]
    assert table[2] == ["Ada Lovelace", "", "s1", "s1", "", "13"]
    assert read(gradebook.canvas(Week, BOOK, "Week 1 (123)"))[0][-1] == "Week 1 (123)"


def test_moodle_layout():
    table = read(gradebook.moodle(Week, BOOK))
    assert table[0] == ["ID number", "Full name", "Week 1, focus", "Feedback"]
    assert table[2] == ["s2", "Grace", "7.5", "7.5 of 14 points (53.6%); graded, late"]
