"""Gradebook exports in the CSV layouts Canvas and Moodle import.

Pure string building from the graded rows; :func:`lmcourse.grading.grade` writes both.

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

import csv
import io

__all__ = ["canvas", "moodle", "cell", "CANVAS_HEADER", "MOODLE_HEADER"]

CANVAS_HEADER = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
MOODLE_HEADER = ["ID number", "Full name"]


def _num(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def cell(text: str) -> str:
    """Text a spreadsheet will not run: a leading ``=``, ``+``, ``-`` or ``@`` gets a
    ``'`` in front (OWASP's advice for CSV files opened in Excel).

    >>> cell("=1+2"), cell("s1")
    ("'=1+2", 's1')
    """
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _rows(rows) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


def canvas(assignment, book, column: str | None = None) -> str:
    """Canvas gradebook CSV; ``book`` rows are ``(id, name, total, percent, status)``;
    ``column`` heads the grade column (default: the assignment's title)."""
    head = CANVAS_HEADER + [column or assignment.title]
    rows = [head, ["Points Possible", "", "", "", "", _num(assignment.max_points)]]
    rows += [[name or cell(sid), "", cell(sid), cell(sid), "", _num(total)]
             for sid, name, total, _, _ in book]
    return _rows(rows)


def moodle(assignment, book) -> str:
    """Moodle grade-import CSV: id, name, grade, feedback."""
    rows = [MOODLE_HEADER + [assignment.title, "Feedback"]]
    most = _num(assignment.max_points)
    rows += [[cell(sid), name, _num(total), f"{_num(total)} of {most} points ({pct:.1f}%); "
              f"{status}"] for sid, name, total, pct, status in book]
    return _rows(rows)
