"""Submissions: one JSON file per student, what the grader reads.

The released notebook's "Save my submission" button writes one (so does :func:`write`,
for any other tool). Format (``lmcourse/data/schemas/submission.schema.json``;
``exercises/README.md`` has a full example)::

    {"format": "lmcourse-submission", "version": 1,
     "assignment": "week-1",
     "student": {"id": "s1024", "name": "Ada Lovelace"},
     "submitted": "2026-12-03T18:21:07+00:00",
     "answers": {"focus-sort": {"growth-map": "leadership"}, "focus-scenario-1": "b",
                 "focus-multi": ["a", "c"], "focus-self": {"horizon": 3},
                 "focus-reflect": "I plan ..."},
     "checksum": "sha256:..."}

``answers`` holds one entry per exercise in the shapes :mod:`lmcourse.core.scoring` takes.
The checksum is the SHA-256 of the answers in canonical JSON (:func:`checksum`). It guards
against damage (a file cut short, a stray edit, a sync conflict), not against tampering:
the format is documented and no secret goes into the sum, so anyone who edits an answer,
or moves ``submitted`` back, can compute a matching checksum. Nothing in the file proves
when it was saved; the grader judges lateness from what the student cannot edit where it
has it (an LMS download's own marks), else from ``submitted``, and says which. A score a
file claims is never read: the grader recomputes every score from the answers and the
key. Pure: no widgets.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

from .content import POLES
from .csvfile import guard
from .files import atomic_write
from .ids import safe_name
from .problems import show
from .scoring import unknown_options
from .times import parse_time

__all__ = ["FORMAT", "VERSION", "checksum", "canonical", "make", "write", "answer_problem",
           "file_name", "from_progress", "check_structure", "Envelope", "plain_text"]

FORMAT = "lmcourse-submission"
VERSION = 1


def canonical(answers: dict) -> str:
    """``answers`` as canonical JSON: sorted keys, no spaces, non-ASCII kept.

    >>> canonical({"b": [1], "a": "é"})
    '{"a":"é","b":[1]}'
    """
    return _CANONICAL(answers)


def checksum(answers: dict, text: str | None = None) -> str:
    """``sha256:`` and the hex digest of ``answers`` as canonical JSON, UTF-8 (``text``:
    that JSON, when the caller has it already). A guard against damage, not a seal: see
    the module docstring.

    >>> checksum({"q": "a"})[:20]
    'sha256:29a9829b3c039'
    """
    text = _CANONICAL(answers) if text is None else text
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def _not_json(value):
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _canonical_encoder():
    """``json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)``,
    through the C encoder made once (``JSONEncoder.encode`` makes one per call, with a
    guard against circular data that parsed JSON never needs): 20% less time a file."""
    try:
        from json.encoder import c_make_encoder, encode_basestring

        encode = c_make_encoder(None, _not_json, encode_basestring, None, ":", ",", True,
                                False, True)
        return lambda value: "".join(encode(value, 0))
    except (ImportError, TypeError):  # no C accelerator: the plain encoder, same text
        return json.JSONEncoder(sort_keys=True, separators=(",", ":"),
                                ensure_ascii=False).encode


_CANONICAL = _canonical_encoder()


def make(assignment_id: str, student_id: str, name: str, answers: dict,
         when: datetime | None = None) -> dict:
    """A submission dict, time-stamped and with its checksum."""
    when = when or datetime.now(UTC)
    return {"format": FORMAT, "version": VERSION, "assignment": assignment_id,
            "student": {"id": student_id.strip(), "name": name.strip()},
            "submitted": when.isoformat(timespec="seconds"), "answers": answers,
            "checksum": checksum(answers)}


def from_progress(assignment_id: str, exercise_ids, data: dict, student_id: str, name: str,
                  when: datetime | None = None) -> dict:
    """A submission from saved progress ``data`` (what
    :meth:`lmcourse.core.progress.Progress.load` returns, or a course answers export): the
    saved answer of each exercise in ``exercise_ids``; unanswered ones are left out.

    >>> data = {"answers": {"q1": {"value": "b", "score": 99}, "q9": {"value": "x"}}}
    >>> from_progress("week-1", ["q1", "q2"], data, "s1", "Ada")["answers"]
    {'q1': 'b'}
    """
    saved = data.get("answers") or {}
    answers = {}
    for ex_id in exercise_ids:
        value = (saved.get(ex_id) or {}).get("value")
        if value not in (None, "", [], {}):
            answers[ex_id] = value
    return make(assignment_id, student_id, name, answers, when)


def file_name(submission: dict) -> str:
    """``<assignment>-<student>.json``, safe in any folder."""
    return f"{safe_name(submission['assignment'])}-{safe_name(submission['student']['id'])}" \
           ".json"


def write(submission: dict, folder: str | Path = ".") -> Path:
    """Write ``submission`` into ``folder`` atomically (a temporary file, then a rename);
    returns the path. The file is readable by others: a hand-in is meant to be shared."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    text = json.dumps(submission, ensure_ascii=False, indent=1)
    return atomic_write(folder / file_name(submission), text, mode=0o644, sync=False)


class Envelope(NamedTuple):
    """What :func:`check_structure` found: ``problems`` as ``(path, message, expected)``
    triples, and what the file says (``canonical`` is its answers as canonical JSON, the
    text the checksum covers; empty when the answers could not be read)."""

    problems: list
    student_id: str
    name: str
    submitted: datetime | None
    canonical: str = ""


def check_structure(data, assignment_id: str | None = None) -> Envelope:
    """The problems of a parsed submission's fields and what it says (an
    :class:`Envelope`).

    The verdict on the fields is the submission schema's
    (``lmcourse/data/schemas/submission.schema.json``, all but the shape of each answer),
    in friendlier words; a test holds the two to the same verdict. They are checked by
    hand because the compiled schema costs ~80 us a file, eight times this check, and a
    class of 10,000 is graded in about a second. On top of the schema: with
    ``assignment_id``, a submission for another assignment is a problem; the checksum
    must match the answers; and a student id that a spreadsheet would run as a formula
    (it starts with ``=``, ``+``, ``-`` or ``@``) is refused, since gradebook files keep
    ids exactly as given. Each answer is checked against the assignment by the grader
    (:func:`answer_problem`), so one answer of a wrong shape does not sink the file."""
    bad: list[tuple[tuple, str, str]] = []
    if not isinstance(data, dict):
        return Envelope([((), "the file is not a JSON object",
                          f'an object with "format": "{FORMAT}"')], "", "", None)
    fmt = data.get("format")
    if fmt != FORMAT:
        hint = (" (a course answers export, not an assignment submission)"
                if fmt == "lmcourse-progress" else "")
        bad.append((("format",), f"'format' is {_said(data, 'format')}{hint}", repr(FORMAT)))
    elif data.get("version") != VERSION or isinstance(data.get("version"), bool):
        bad.append((("version",), f"'version' is {_said(data, 'version')}", str(VERSION)))
    student = data.get("student")
    sid = name = ""
    if not isinstance(student, dict) or not isinstance(student.get("id"), str) \
            or not student["id"].strip():
        given = student.get("id") if isinstance(student, dict) else None
        bad.append((("student",), "no student id" if given is None or isinstance(given, str)
                    else f"the student id is {show(given)}, not text",
                    'a "student" object with a non-empty "id"'))
    else:
        sid = student["id"].strip()
        name = student.get("name", "")
        if not isinstance(name, str):
            bad.append((("student", "name"), f"the student's name is {show(name)}", "text"))
            name = ""
        if len(student["id"]) > 200:
            bad.append((("student", "id"), f"the student id is {len(student['id'])} "
                        "characters long", "at most 200 characters"))
        elif guard(sid) != sid:
            bad.append((("student", "id"), f"the student id {show(sid)} starts with "
                        f"{sid[:1]!r}, so a spreadsheet would run it as a formula; it is "
                        "not written to any file", "an id that starts with a letter or digit, "
                        "as the LMS knows the student"))
    if assignment_id is not None and not bad and data.get("assignment") != assignment_id:
        bad.append((("assignment",), "this submission is for assignment "
                    f"{_said(data, 'assignment')}", repr(assignment_id)))
    elif not isinstance(data.get("assignment"), str) or not data["assignment"]:
        bad.append((("assignment",), f"'assignment' is {_said(data, 'assignment')}",
                    "the assignment's id"))
    answers = data.get("answers")
    if not isinstance(answers, dict):
        bad.append((("answers",), f"'answers' is {_said(data, 'answers')}",
                    "an object with one answer per exercise"))
    when = parse_time(data.get("submitted"))
    if when is None:
        bad.append((("submitted",), f"'submitted' is {_said(data, 'submitted')}",
                    "an ISO 8601 date-time"))
    text = ""
    if not bad:
        text = _CANONICAL(answers)
        if data.get("checksum") != checksum(answers, text):
            bad.append((("checksum",), "the checksum does not match the answers: the file "
                        "was changed or damaged after it was saved", "the file as the "
                        "notebook saved it (ask the student to save it again)"))
    return tuple.__new__(Envelope, (bad, sid, plain_text(name), when, text))  # made in C


def _said(data: dict, key: str) -> str:
    """How field ``key`` reads in a message: ``missing`` when the file has no such field,
    ``null`` when it holds null, else its value (:func:`~lmcourse.core.problems.show`)."""
    if key not in data:
        return "missing"
    return "null" if data[key] is None else show(data[key])


def plain_text(name: str) -> str:
    """A name on one line, at most 200 characters, exactly as typed otherwise (the CSV
    writer, :mod:`lmcourse.core.csvfile`, guards it against spreadsheet formulas).

    >>> plain_text("-Ana"), plain_text("  Ada   Lovelace ")
    ('-Ana', 'Ada Lovelace')
    """
    return " ".join(name.split())[:200]


def _str_map(value, allowed=None) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str) and (allowed is None or v in allowed)
        for k, v in value.items())


def answer_problem(exercise: dict, value) -> str | None:
    """Why ``value`` cannot be an answer to ``exercise`` (a sentence), or None when it
    fits: its type, and (when the exercise lists its options) every option id it names.
    ``None`` (not answered) always fits.

    >>> answer_problem({"kind": "scenario", "options": [{"id": "a"}]}, ["a"])
    'a list where one option id (a string) was expected'
    >>> answer_problem({"kind": "multi", "options": [{"id": "a"}]}, ["a", "a", "z"])
    "a list naming option 'z', which the question does not have (its options: a)"
    """
    if value is None:
        return None
    kind = exercise["kind"]
    if kind == "classify":
        if not _str_map(value, set(exercise["categories"])):
            return (f"{_what(value)} where an object mapping item ids to one of "
                    f"{', '.join(exercise['categories'])} was expected")
        return None
    if kind == "example":
        if not _str_map(value):
            return f"{_what(value)} where an object mapping step ids to option ids was expected"
        steps = {step["id"]: step for step in exercise["steps"] if "options" in step}
        for step_id, choice in value.items():
            have = [o["id"] for o in steps[step_id]["options"]] if step_id in steps else []
            if step_id in steps and choice not in have:
                return (f"option {choice!r} for step {step_id!r}, which that step does not "
                        f"have (its options: {', '.join(have)})")
        return _unknown_parts(value, list(steps), "step")
    if kind == "place":
        if not isinstance(value, dict) or not all(
                isinstance(k, str) and _str_map(v) and set(v) <= {"difference", "side"}
                for k, v in value.items()):
            return (f"{_what(value)} where an object mapping item ids to "
                    '{"difference": ..., "side": ...} was expected')
        allowed = {"difference": exercise.get("differences"), "side": POLES}
        for item, pick in value.items():
            for part, chosen in pick.items():
                if allowed[part] is not None and chosen not in allowed[part]:
                    return (f"the {part} {chosen!r} for item {item!r}, which the question "
                            f"does not offer (its choices: {', '.join(allowed[part])})")
        return None
    if kind == "scenario":
        if not isinstance(value, str):
            return f"{_what(value)} where one option id (a string) was expected"
        return _unknown(exercise, value)
    if kind == "multi":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return f"{_what(value)} where a list of option ids was expected"
        return _unknown(exercise, value)
    if kind == "self":
        top = len(exercise["scale"]) - 1
        if not isinstance(value, dict) or not all(
                isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool)
                and 0 <= v <= top for k, v in value.items()):
            return (f"{_what(value)} where an object mapping item ids to a point of the "
                    f"scale (0 to {top}) was expected")
        return _unknown_parts(value, [item["id"] for item in exercise["items"]], "item")
    if kind == "reflection" and not isinstance(value, str):
        return f"{_what(value)} where text was expected"
    return None


def _unknown(exercise: dict, value) -> str | None:
    """An answer naming an option the question does not have is no answer at all (it
    could otherwise earn credit for the options it does name); repeats are harmless."""
    if "options" not in exercise:
        return None
    bad = unknown_options(exercise, value)
    if not bad:
        return None
    named = f"option{'s' if len(bad) > 1 else ''} {', '.join(repr(b) for b in bad)}"
    return (("a list naming " if isinstance(value, list) else "") + named + ", which the "
            f"question does not have (its options: "
            f"{', '.join(o['id'] for o in exercise['options'])})")


def _unknown_parts(value: dict, ids: list[str], part: str) -> str | None:
    """An answer to items (or steps) the exercise does not have, for example one saved
    before the exercise was rewritten, is refused as a whole: its scale or choices may not
    mean what they meant. (A classify or place answer may name items an assignment left
    out of the exercise, from the course's own notebook: those are harmless and ignored.)"""
    bad = [k for k in value if k not in ids]
    if not bad:
        return None
    named = f"{part}{'s' if len(bad) > 1 else ''} {', '.join(repr(b) for b in bad[:5])}"
    more = f" and {len(bad) - 5} more" if len(bad) > 5 else ""
    return (f"an answer to {named}{more}, which the exercise does not have (its {part}s: "
            f"{', '.join(ids)})")


def _what(value) -> str:
    names = {dict: "an object", list: "a list", str: "text", bool: "true/false",
             int: "a number", float: "a number"}
    if isinstance(value, dict) and value:
        return "an object with other values"
    return names.get(type(value), type(value).__name__)
