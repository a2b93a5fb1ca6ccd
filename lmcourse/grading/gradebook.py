"""Gradebook files that Canvas and Moodle import on the first try.

What each importer does, read in its code (and checked by ``tests/grading/test_gradebook.py``):

**Canvas** (``app/models/gradebook_importer.rb``): the header must start ``Student``,
``ID``, then ``SIS User ID`` and ``SIS Login ID``, and the last student column must be
``Section``; every later column is an assignment. A student is found by ``ID`` (Canvas's
own number), else by SIS user id, else by SIS login id (both exact), else by exact name;
anyone else must be matched by hand. A row whose first cell contains ``Points Possible``
gives each assignment's points, and only for an assignment the import creates: an
existing one keeps its own. A title that ends in `` (digits)`` is read as the id of an
existing assignment; a title that contains ``Current Score``, ``Final Grade`` or another
of Canvas's total columns is dropped without a word.

**Moodle** (``grade/import/csv/classes/load_data.php``): the instructor maps one column to
a user field (ID number, username or email address), exactly; an id that matches no user
aborts the whole import, and a row with an empty id takes the grade of the row before.
Each other column maps to a grade item (or is ignored), the ``Feedback`` column only to an
existing item's feedback. A grade item the import creates has a maximum of 100, and a
grade above the maximum aborts the import unless the site allows unlimited grades; ``-``
means no grade.

So: :func:`plan` lays out one row per student. With a roster
(:mod:`lmcourse.grading.roster`) that is every student on it, whether they handed in or
not (missing work blank or 0), under the LMS's own ids and names, and a submission whose
id is not on the roster stays out of both files (listed in ``problems.csv`` with the
nearest roster ids), so neither import can trip on it. Without one, the students who
handed in, under the ids they typed. Ids are written byte for byte
(:class:`lmcourse.core.csvfile.Exact`; ids a spreadsheet would run were refused when
collected). :func:`files` writes both CSV files; :attr:`Plan.said` says in a few
sentences what the instructor must do in each LMS.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..core.csvfile import Exact, csv_text
from ..core.ids import skeleton
from ..core.points import points
from .collect import Issue

__all__ = ["CANVAS_HEADER", "MOODLE_HEADER", "CANVAS_TOTALS", "Plan", "plan", "files",
           "canvas", "moodle", "MISSING"]

CANVAS_HEADER = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
MOODLE_HEADER = ["ID number", "Full name"]
#: Canvas drops an import column whose title contains one of these (its own totals).
CANVAS_TOTALS = ("Current Score", "Current Points", "Current Grade", "Final Score",
                 "Final Points", "Final Grade", "Override Score", "Override Grade",
                 "Override Status")
#: What a student with no submission gets: nothing, or zero points.
MISSING = ("blank", "zero")
_CANVAS_ID = re.compile(r"\A(.*)\s\((\d+)\)\Z", re.DOTALL)
_MOODLE_EXPORTED = "Last downloaded from this course"  # Moodle's own export-time column


@dataclass
class Plan:
    """The gradebook rows, in order: ``(roster student or None, graded student id or
    None)``; the ``issues`` for ``problems.csv``; and ``said``, sentences for the run's
    summary."""

    rows: list[tuple] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    said: list[str] = field(default_factory=list)
    roster: object = None
    missing: str = "blank"
    canvas_column: str | None = None
    moodle_field: tuple[str, str] = ("ID number", "id_number")
    held: dict = field(default_factory=dict)  # roster line -> the look-alike id handed in


def plan(assignment, best: dict, roster=None, missing: str = "blank",
         canvas_column: str | None = None) -> Plan:
    """Who goes into the gradebook files: ``best`` maps each graded student id to its
    candidate (:class:`lmcourse.grading.collect.Candidate`)."""
    if missing not in MISSING:
        raise ValueError(f"missing is {missing!r}, expected one of {', '.join(MISSING)}")
    p = Plan(roster=roster, missing=missing, canvas_column=canvas_column)
    if roster is None:
        p.rows = [(None, sid) for sid in sorted(best)]
        p.said.append(f"No --roster: canvas.csv and moodle.csv list the {len(best)} "
                      "student(s) who handed in, under the ids they typed; an id the LMS "
                      "does not know leaves a Canvas row to match by hand and makes Moodle "
                      "refuse the whole import. With --roster (the class list exported from "
                      "Canvas or Moodle) every student gets a row, under the LMS's own ids, "
                      "and unknown ids are kept out and listed.")
    else:
        p.rows = _match(best, roster, p.issues, p.held)
        p.issues += [Issue(x.file, x.line, "", "note", x.message, x.expected)
                     for x in roster.problems]
        handed = sum(1 for _, sid in p.rows if sid is not None)
        left = len(p.rows) - handed
        p.said.append(f"Roster {roster.path} ({roster.kind}, {len(roster.students)} "
                      f"students): {handed} handed in; {left} did not "
                      f"({'blank' if missing == 'blank' else '0 points'} in canvas.csv and "
                      "moodle.csv)" + (f"; {len(best) - handed} graded id(s) not on the "
                                       "roster, left out of both (see problems.csv)"
                                       if len(best) > handed else "") + "."
                      + (f" {len(p.held)} of those who did not are left blank whatever "
                         "--missing says: a file under a look-alike of their id waits for "
                         "your check (see problems.csv)." if p.held and missing == "zero"
                         else ""))
    kind = roster.kind if roster is not None else None
    canvas_said, moodle_said = _canvas_words(assignment, p, best), _moodle_words(assignment, p)
    p.said += canvas_said if kind != "Moodle" else []  # each LMS's roster: its own words
    p.said += moodle_said if kind != "Canvas" else []
    label, attr = p.moodle_field
    for student, sid in p.rows:
        if student is not None and getattr(student, attr) in ("", "0"):
            p.issues.append(Issue(roster.path, student.line, sid or "", "not in gradebook",
                                  f"{student.name or student.id} has no {label} on the "
                                  "roster: left out of moodle.csv (Moodle would give the "
                                  "grade to the row before)", f"a {label} for every student "
                                  "(or enter this grade by hand)"))
    return p


def _match(best: dict, roster, issues: list[Issue], held: dict) -> list[tuple]:
    """Roster students with the graded id that is theirs: the student the LMS download
    says the file is from (Canvas user number, Moodle name), else the one with exactly
    that LMS id; the graded ids that are nobody's become issues, with the nearest
    roster ids. A roster student whose id differs from such an id only in case, spacing
    or look-alike letters may well have handed it in: ``held`` gets their roster line
    (then their grade is left blank, never 0 for work missing)."""
    taken: dict = {}
    for sid in sorted(best):
        c = best[sid]
        student = roster.owner(c.owner) or roster.find(sid)
        if student is None:
            near = roster.nearest(sid)
            hint = f"; did you mean {' or '.join(map(repr, near))}?" if near else ""
            alike = {roster.find(k) for k in near if skeleton(k) == skeleton(sid)} - {None}
            tail = ""
            if len(alike) == 1:
                (twin,) = alike
                held[twin.line] = sid
                tail = (f" {twin.id!r} is left blank in both (not counted as work missing) "
                        "until you check whose file this is.")
            issues.append(Issue(c.label, 1, sid, "not in gradebook", f"the id {sid!r} is not "
                                f"on the roster ({roster.path}){hint or '.'} Graded in "
                                "grades.csv, left out of canvas.csv and moodle.csv." + tail,
                                "the id exactly as the LMS knows the student (enter this "
                                "grade by hand)"))
            continue
        other = taken.get(student.line)
        if other is not None:  # two ids of one student (say SIS id and email): the latest
            old, new = sorted((other, sid), key=lambda s: (best[s].when, s))
            taken[student.line] = new
            issues.append(Issue(best[old].label, 1, old, "not in gradebook", f"{old!r} and "
                                f"{new!r} are both {student.name or student.id}'s ids on the "
                                f"roster; the later submission ({new!r}) is in the gradebook",
                                "one submission per student"))
            continue
        taken[student.line] = sid
    for line in taken:
        held.pop(line, None)  # (handed in under their own id too: nothing waits)
    return [(s, taken.get(s.line)) for s in roster.students]


def _canvas_words(assignment, p: Plan, best: dict) -> list[str]:
    """What Canvas will do with canvas.csv, and what it needs from the instructor."""
    said = []
    title = p.canvas_column or assignment.title
    total = next((t for t in CANVAS_TOTALS if t in title), None)
    if total:
        said.append(f"Warning: Canvas drops an import column whose title contains "
                    f"{total!r}, and {title!r} does: pass --canvas-column with another title.")
    m = _CANVAS_ID.match(title)
    most = points(assignment.max_points)
    if m and p.canvas_column:
        said.append(f"canvas.csv fills the existing Canvas assignment {m[2]}: it must be "
                    f"published with {most} points possible (Canvas ignores the Points "
                    "Possible row for an assignment that exists; on another scale every "
                    "grade lands wrong).")
    elif m:
        said.append(f"Warning: Canvas reads the title {title!r} as the id of an existing "
                    f"assignment ({m[2]}): pass --canvas-column to name the column.")
    else:
        said.append(f"canvas.csv: Canvas fills the assignment titled exactly {title!r} "
                    f"(published, with {most} points possible), or creates it with the "
                    f"{most} points of the Points Possible row.")
    names = [_canvas_name(s, sid, best) for s, sid in p.rows]
    odd = [n for n in names if "points possible" in n.lower()]
    if odd:
        said.append(f"Warning: Canvas reads a row whose name contains 'Points Possible' "
                    f"as the points row ({odd[0]!r}): enter that grade by hand.")
    if p.roster is not None and p.roster.kind == "Canvas":
        said.append("Canvas matches every student by the Canvas ID from the roster.")
    else:
        said.append("Canvas matches students by SIS User ID, then SIS Login ID, exactly; "
                    "any other row must be matched by hand (a Canvas roster, --roster, "
                    "gives Canvas's own ids).")
    return said


def _moodle_field(p: Plan) -> tuple[str, str]:
    """Which user field moodle.csv identifies students by: ``(column title, attribute)``,
    the first every roster student has (an id of ``0`` counts as none: Moodle skips it)."""
    roster = p.roster
    if roster is None or roster.kind == "plain":
        return ("ID number", "id")
    if roster.kind == "Canvas":
        options = [("ID number", "sis_user_id"), ("Username", "sis_login_id")]
    else:
        options = [("ID number", "id_number"), ("Username", "username"),
                   ("Email address", "email")]
    cover = [(sum(1 for s in roster.students if getattr(s, a) not in ("", "0")), (t, a))
             for t, a in options]
    full = [choice for n, choice in cover if n == len(roster.students)]
    return full[0] if full else max(cover, key=lambda c: c[0])[1]


def _moodle_words(assignment, p: Plan) -> list[str]:
    p.moodle_field = _moodle_field(p)
    label = p.moodle_field[0]
    column = _moodle_title(assignment)
    most = points(assignment.max_points)
    said = [f"moodle.csv: in Moodle, Grades > Import > CSV file; map from {label!r} to the "
            f"user field {label!r}; map {column!r} to a grade item with maximum grade "
            f"{most} (create it first: an item the import creates gets maximum 100) and "
            f"'Feedback' to that item's feedback. Grades are points out of {most}."]
    if assignment.max_points > 100:
        said.append(f"Warning: {most} points is over 100: Moodle refuses the whole import "
                    "unless the grade item exists with that maximum (or the site allows "
                    "unlimited grades).")
    return said


def _moodle_title(assignment) -> str:
    title = assignment.title
    return f"{title} (lmcourse)" if title.strip() == _MOODLE_EXPORTED else title


def _canvas_name(student, sid, best) -> str:
    if student is not None:
        return student.name or student.id
    return best[sid].name or sid if sid in best else sid


def files(assignment, book, p: Plan) -> dict[str, str]:
    """``canvas.csv`` and ``moodle.csv``; ``book`` rows are ``(id, name, total, percent,
    status)`` of the graded students."""
    graded = {row[0]: row for row in book}
    return {"canvas.csv": canvas(assignment, graded, p),
            "moodle.csv": moodle(assignment, graded, p)}


def _grade(assignment, row, p: Plan, blank: str, student=None) -> str:
    if row is None:  # Moodle's "no grade" is "-", written as it is (not as '-)
        waits = student is not None and student.line in p.held
        return Exact(blank) if p.missing == "blank" or waits else "0"
    return points(min(row[2], assignment.max_points))  # never over the stated maximum


def canvas(assignment, graded: dict, p: Plan) -> str:
    """Canvas gradebook CSV, one row per :attr:`Plan.rows` entry."""
    head = CANVAS_HEADER + [p.canvas_column or assignment.title]
    rows = [head, ["Points Possible", "", "", "", "", points(assignment.max_points)]]
    for student, sid in p.rows:
        row = graded.get(sid)
        grade = _grade(assignment, row, p, "", student)
        if student is not None and p.roster.kind == "Canvas":
            rows.append([student.name, Exact(student.canvas_id), Exact(student.sis_user_id),
                         Exact(student.sis_login_id), student.section, grade])
        else:
            ident = student.id if student is not None else sid
            name = (student.name if student is not None else "") or (row[1] if row else "")
            rows.append([name or ident, "", Exact(ident), Exact(ident), "", grade])
    return csv_text(rows)


def moodle(assignment, graded: dict, p: Plan) -> str:
    """Moodle grade-import CSV: the user field, the name, the grade, the feedback."""
    label, attr = p.moodle_field
    most = points(assignment.max_points)
    rows = [[label, "Full name", _moodle_title(assignment), "Feedback"]]
    for student, sid in p.rows:
        ident = getattr(student, attr) if student is not None else sid
        if ident in ("", "0"):  # Moodle would give this row's grade to the row before
            continue  # (listed by plan())
        row = graded.get(sid)
        name = (student.name if student is not None else "") or (row[1] if row else "")
        if row is None:
            note = ("" if p.missing == "blank" or student is not None and student.line in
                    p.held else "no submission received")
        else:
            got = min(row[2], assignment.max_points)
            note = f"{points(got)} of {most} points ({row[3]:.1f}%); {row[4]}"
        rows.append([Exact(ident), name, _grade(assignment, row, p, "-", student), note])
    return csv_text(rows)
