"""Gradebook exports in the CSV layouts Canvas and Moodle import.

Pure string building from the graded rows (text cells guarded against spreadsheet
formulas by :func:`lmcourse.core.csvfile.csv_text`); :func:`lmcourse.grading.grade` writes both.

**Canvas** (Grades, Import): the header must start with ``Student``, ``ID``,
``SIS User ID``, ``SIS Login ID``, ``Section``; each further column is an assignment,
headed ``Name (canvas id)`` to match an existing one or just ``Name`` to create one; an
optional second row ``Points Possible`` gives its maximum. Canvas finds each student by
``ID`` (its own number), else ``SIS User ID``, else ``SIS Login ID``; we fill both SIS
columns with the student id given in the notebook, so ask students to type the id Canvas
knows them by.

**Moodle** (Grades, Import, CSV file): any header; on import, map ``ID number`` to the user
field that holds your students' ids (ID number, email address or username) and the grade
column to the grade item; ``Feedback`` may be mapped to that item's feedback.

>>> class A: title, id, max_points = "Week 1", "week-1", 10
>>> print(canvas(A, [("s1", "Ada Lovelace", 7.5, 75.0, "graded")]), end="")
Student,ID,SIS User ID,SIS Login ID,Section,Week 1
Points Possible,,,,,10
Ada Lovelace,,s1,s1,,7.5
"""

from __future__ import annotations

from ..core.csvfile import csv_text
from ..core.points import points

__all__ = ["canvas", "moodle", "CANVAS_HEADER", "MOODLE_HEADER"]

CANVAS_HEADER = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
MOODLE_HEADER = ["ID number", "Full name"]


def canvas(assignment, book, column: str | None = None) -> str:
    """Canvas gradebook CSV; ``book`` rows are ``(id, name, total, percent, status)``;
    ``column`` heads the grade column (default: the assignment's title)."""
    head = CANVAS_HEADER + [column or assignment.title]
    rows = [head, ["Points Possible", "", "", "", "", points(assignment.max_points)]]
    rows += [[name or sid, "", sid, sid, "", points(total)]
             for sid, name, total, _, _ in book]
    return csv_text(rows)


def moodle(assignment, book) -> str:
    """Moodle grade-import CSV: id, name, grade, feedback."""
    rows = [MOODLE_HEADER + [assignment.title, "Feedback"]]
    most = points(assignment.max_points)
    rows += [[sid, name, points(total), f"{points(total)} of {most} points ({pct:.1f}%); "
              f"{status}"] for sid, name, total, pct, status in book]
    return csv_text(rows)
