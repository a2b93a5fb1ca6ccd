"""The class roster: the list of students as the LMS knows them, read from its own export.

:func:`load` reads a CSV file and recognises it by its header:

- **Canvas**, the gradebook export (Grades, Export): ``Student``, ``ID``, ``SIS User ID``,
  ``SIS Login ID``, ``Section``, then a column per assignment; a ``Points Possible`` row
  and rows that only say ``Muted`` or ``Manual Posting`` are skipped, as Canvas's own
  importer skips them;
- **Moodle**, the grade export (Grades, Export, Plain text file): ``First name``,
  ``Last name`` (or ``Surname``), ``ID number``, ``Institution``, ``Department``,
  ``Email address``, then the grade items (``Username`` too, when the site exports it);
- **plain**: any CSV with an id column (``id``, ``student id``, ``student_id``,
  ``student number``, ``username``, ``email``...) and, if it likes, a name.

Each :class:`Student` keeps the ids the LMS matches on (Canvas: the ``ID`` number, SIS
user id and SIS login id; Moodle: ID number, username and email address) exactly as
exported, so the gradebook files written from the roster match the LMS byte for byte. A
submission's id finds its student by an exact match on one of those ids
(:meth:`Roster.find`); what does not match gets the nearest ids of the roster
(:meth:`Roster.nearest`: by case, spacing and look-alike letters first). Comma, semicolon
and tab separated files are read, UTF-8 with or without a byte-order mark. Pure.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..core import jsonfile
from ..core.csvfile import guard
from ..core.files import shown
from ..core.ids import skeleton
from ..core.problems import Problem, ProblemError

__all__ = ["Student", "Roster", "RosterError", "load", "parse", "MAX_BYTES"]

#: A roster larger than this is refused: 100,000 students export to ~10 MB.
MAX_BYTES = 50_000_000

_CANVAS_SKIP = re.compile(r"^\s*(Muted|Manual Posting.*)?\s*$", re.IGNORECASE)
_PLAIN_IDS = ("student id", "student_id", "studentid", "student number", "student no",
              "sis user id", "sis_user_id", "id number", "idnumber", "id", "user id",
              "userid", "username", "login", "login id", "sis login id", "email",
              "email address", "e-mail")
_PLAIN_NAMES = ("name", "full name", "fullname", "student name", "student")


class RosterError(ProblemError):
    """A roster that cannot be used; ``problems`` says why."""


@dataclass(frozen=True)
class Student:
    """One student of the roster. ``line`` is the file's line; ``keys`` the ids a
    submission may claim (the ones the LMS matches on), exactly as exported."""

    line: int
    name: str
    keys: tuple[str, ...]
    canvas_id: str = ""
    sis_user_id: str = ""
    sis_login_id: str = ""
    section: str = ""
    id_number: str = ""
    email: str = ""
    username: str = ""

    @property
    def id(self) -> str:
        """The id to show: the first of :attr:`keys` (else the Canvas ID)."""
        return self.keys[0] if self.keys else self.canvas_id


@dataclass
class Roster:
    """A class list: ``kind`` is ``Canvas``, ``Moodle`` or ``plain``; ``problems`` are
    rows left out, with their lines (a roster row without an id, an id twice, an id a
    spreadsheet would run)."""

    path: str
    kind: str
    students: list[Student]
    problems: list[Problem] = field(default_factory=list)
    id_column: str = ""  # a plain roster's id column, as its header names it
    _by_key: dict = field(default_factory=dict, repr=False)
    _by_canvas: dict = field(default_factory=dict, repr=False)
    _by_name: dict = field(default_factory=dict, repr=False)

    def __post_init__(self):
        for s in self.students:
            for key in s.keys:
                self._by_key.setdefault(key, []).append(s)
            if s.canvas_id:
                self._by_canvas[s.canvas_id] = s
            self._by_name.setdefault(_name_key(s.name), []).append(s)

    def find(self, sid: str) -> Student | None:
        """The student whose LMS id is exactly ``sid`` (None: none, or two share it)."""
        found = self._by_key.get(sid)
        if found and len({id(s) for s in found}) == 1:
            return found[0]
        return None

    def nearest(self, sid: str, n: int = 3) -> list[str]:
        """Up to ``n`` roster ids nearest ``sid``: those that differ only in case, spacing
        or look-alike letters first, then the closest in spelling."""
        look = skeleton(sid)
        keys = list(self._by_key)
        same = sorted(k for k in keys if skeleton(k) == look)
        if same:
            return same[:n]
        return difflib.get_close_matches(sid, keys, n=n, cutoff=0.6)

    def owner(self, owner) -> Student | None:
        """The student an LMS download says a file is from
        (:class:`lmcourse.grading.collect.Owner`): a Canvas user number, or the one
        student with a Moodle folder's full name; None when the roster cannot tell."""
        if owner is None:
            return None
        if owner.lms == "Canvas":
            return self._by_canvas.get(owner.key.split(":", 1)[1])
        if owner.lms == "Moodle":
            found = self._by_name.get(_name_key(owner.name), [])
            return found[0] if len(found) == 1 else None
        return None

    def canvas_ids(self, user: str) -> frozenset:
        """The ids of the Canvas user numbered ``user`` (a Canvas download's file names
        carry that number), empty when the roster does not know it."""
        s = self._by_canvas.get(user)
        return frozenset(s.keys) if s else frozenset()

    def name_ids(self, name: str) -> frozenset:
        """The ids of the one student called ``name`` (a Moodle download's folders carry
        the full name), empty when none or several have it."""
        found = self._by_name.get(_name_key(name), [])
        return frozenset(found[0].keys) if len(found) == 1 else frozenset()


def _name_key(name: str) -> str:
    return " ".join(name.casefold().replace(",", " ").split())


def _header_key(cell: str) -> str:
    return " ".join(cell.replace("\ufeff", "").strip().lower().split())


def _rows(text: str) -> list[list[str]]:
    """The CSV rows of ``text``, its separator (comma, semicolon or tab) found from the
    header line: the one that splits it into the most cells."""
    first = text.split("\n", 1)[0]
    best = max((",", ";", "\t"), key=lambda d: len(next(csv.reader([first], delimiter=d))))
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=best))


def load(path: str | Path) -> Roster:
    """The roster in ``path``; raises :class:`RosterError` when the file cannot be read
    or its header is none of the three kinds."""
    name = shown(path)
    try:
        raw = jsonfile.read_bytes(path, MAX_BYTES)
    except (jsonfile.NotRegular, jsonfile.TooLarge) as e:
        raise RosterError([Problem(name, 1, f"cannot read the roster: {e}",
                                   "a CSV file exported from the LMS")]) from None
    except OSError as e:
        raise RosterError([Problem(name, 1, "cannot read the roster: "
                                   f"{e.strerror or e}", "a readable CSV file")]) from None
    try:
        if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):  # Excel's "Unicode Text": UTF-16
            text = raw.decode("utf-16")
        else:
            text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise RosterError([Problem(name, raw[:e.start].count(b"\n") + 1, "the roster is not "
                                   "UTF-8 text", "the LMS's CSV export as it downloads "
                                   "(or saved again as 'CSV UTF-8')")]) from None
    return parse(text, name)


def parse(text: str, name: str = "roster.csv") -> Roster:
    """The roster in the CSV ``text`` (``name`` labels its problems)."""
    rows = _rows(text.replace("\r\n", "\n").replace("\r", "\n"))
    while rows and not any(cell.strip() for cell in rows[0]):
        rows.pop(0)
    if not rows:
        raise RosterError([Problem(name, 1, "the roster is empty",
                                   "the class list exported from the LMS")])
    head = [_header_key(c) for c in rows[0]]
    roster = _recognise(rows, head, name)
    used = [h for h in _USED.get(roster.kind, ()) + (roster.id_column,) if h]
    twice = sorted({h for h in used if head.count(h) > 1})
    if twice:
        raise RosterError([Problem(name, 1, f"the roster's header has the column "
                                   f"{twice[0]!r} twice: which one holds the ids is "
                                   "anybody's guess", "each column once (delete or rename "
                                   "the other)")])
    if not roster.students:
        raise RosterError([Problem(name, 1, "the roster lists no students"
                                   + (f" ({len(roster.problems)} row(s) left out: "
                                      f"{roster.problems[0].message})" if roster.problems
                                      else ""), "the class list exported from the LMS, one "
                                   "row per student")])
    return roster


#: The header cells each kind of roster reads (the plain kind: its id column too).
_USED = {"Canvas": ("student", "id", "sis user id", "sis login id", "section"),
         "Moodle": ("first name", "last name", "surname", "id number", "email address",
                    "username")}


def _recognise(rows, head: list[str], name: str) -> Roster:
    """The roster of the kind its header says (raises :class:`RosterError` if none)."""
    if len(head) > 1 and "student" in head[0] and head[1] == "id" and (
            "sis user id" in head or "sis login id" in head):
        return _canvas(rows, head, name)
    if "lastname" == head[0] and len(head) > 2 and head[1] == "firstname" and head[2] == "id":
        return _canvas(rows, head, name, last_first=True)
    if "email address" in head and ("id number" in head or "first name" in head
                                    or "last name" in head or "surname" in head):
        return _moodle(rows, head, name)
    key = next((h for h in _PLAIN_IDS if h in head), None)
    if key is not None:
        return _plain(rows, head, name, key)
    raise RosterError([Problem(name, 1, f"the roster's header is {', '.join(rows[0][:6])}"
                               f"{', ...' if len(rows[0]) > 6 else ''}: not a Canvas or "
                               "Moodle export, and no id column", "Canvas's gradebook export "
                               "(Student, ID, SIS User ID, ...), Moodle's grade export (First "
                               "name, Last name, ID number, ..., Email address), or a CSV "
                               "with a column named id or student_id")])


def _cell(row: list[str], col: int | None) -> str:
    return row[col].strip() if col is not None and col < len(row) else ""


def _build(name: str, kind: str, rows, make) -> Roster:
    """Students from ``rows`` (header dropped) through ``make(row, line)`` (None: skip
    the row); an id twice, a row without one, an id a spreadsheet would run: left out."""
    students, problems, seen = [], [], {}
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        s = make(row, line)
        if s is None:
            continue
        keys = [k for k in s.keys if k]
        if not keys and not s.canvas_id:  # (a Canvas ID alone: matched by the download)
            problems.append(Problem(name, line, f"{s.name or 'a row'} has no id", "an id the "
                                    "LMS matches on in every row", warning=True))
            continue
        risky = [k for k in keys + [s.canvas_id] if k and guard(k) != k]
        if risky:
            problems.append(Problem(name, line, f"the id {risky[0]!r} starts with "
                                    f"{risky[0][:1]!r}: a spreadsheet would run it as a "
                                    "formula, so it is not written to a gradebook file",
                                    "ids that start with a letter or digit", warning=True))
            continue
        twice = [k for k in keys + [f"Canvas ID {s.canvas_id}"] * bool(s.canvas_id)
                 if k in seen]
        if twice:
            problems.append(Problem(name, line, f"the id {twice[0]!r} is also on line "
                                    f"{seen[twice[0]]}: this row is left out", "each student "
                                    "once", warning=True))
            continue
        for k in keys + [f"Canvas ID {s.canvas_id}"] * bool(s.canvas_id):
            seen[k] = line
        students.append(Student(line, s.name, tuple(dict.fromkeys(keys)), s.canvas_id,
                                s.sis_user_id, s.sis_login_id, s.section, s.id_number,
                                s.email, s.username))
    return Roster(name, kind, students, problems)


def _canvas(rows, head, name, last_first: bool = False) -> Roster:
    col = {h: i for i, h in reversed(list(enumerate(head)))}
    idc = 2 if last_first else 1

    def make(row, line):
        first = _cell(row, 0)
        if "points possible" in first.lower() or all(_CANVAS_SKIP.match(c) for c in row):
            return None  # the Points Possible row, and Canvas's Muted rows
        who = f"{_cell(row, 1)} {first}".strip() if last_first else first
        sis, login = _cell(row, col.get("sis user id")), _cell(row, col.get("sis login id"))
        return Student(line, who, (sis, login), canvas_id=_cell(row, idc), sis_user_id=sis,
                       sis_login_id=login, section=_cell(row, col.get("section")))
    return _build(name, "Canvas", rows, make)


def _moodle(rows, head, name) -> Roster:
    col = {h: i for i, h in reversed(list(enumerate(head)))}
    last = col.get("last name", col.get("surname"))

    def make(row, line):
        number, user = _cell(row, col.get("id number")), _cell(row, col.get("username"))
        email = _cell(row, col.get("email address"))
        who = f"{_cell(row, col.get('first name'))} {_cell(row, last)}".strip()
        return Student(line, who, (number, user, email), id_number=number, email=email,
                       username=user)
    return _build(name, "Moodle", rows, make)


def _plain(rows, head, name, key) -> Roster:
    col = {h: i for i, h in reversed(list(enumerate(head)))}
    idc = col[key]
    named = next((col[h] for h in _PLAIN_NAMES if h in col), None)
    first, last = col.get("first name"), col.get("last name", col.get("surname"))
    mail = next((col[h] for h in ("email", "email address", "e-mail") if h in col), None)

    def make(row, line):
        who = _cell(row, named) if named is not None else \
            f"{_cell(row, first)} {_cell(row, last)}".strip()
        sid = _cell(row, idc)
        return Student(line, who, (sid,), id_number=sid, email=_cell(row, mail))
    found = _build(name, "plain", rows, make)
    found.id_column = key
    return found
