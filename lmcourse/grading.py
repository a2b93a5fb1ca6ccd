"""Grading: submission files in, grades, feedback and a class report out. No code runs.

:func:`grade` reads submission files (single files, folders of them, or zip archives such
as an LMS bulk download), recomputes every score from the answers and the key with
:func:`lmcourse.scoring.check` (a score a file claims is never read), and writes into the
output folder:

- ``grades.csv``: one row a student: id, name, points per question, total, percent, status;
- ``feedback/<student>.md``: every answer, right or wrong, with its explanation;
- ``problems.csv``: every file or answer it could not use, and why;
- ``report.html`` and ``radar.png``: the class report (:mod:`lmcourse.report`);
- ``canvas.csv`` and ``moodle.csv``: the gradebook in the layouts those LMSs import
  (:mod:`lmcourse.gradebook`).

Bad input never stops the run: each bad file or answer becomes a line in ``problems.csv``
and every other student is graded. Everything is written into a hidden staging folder
first and moved into place at the end, ``grades.csv`` last and by an atomic rename, so an
interrupted run never leaves a half-written ``grades.csv``. A folder that already holds
grades is refused unless ``force=True``. Student ids become file names only through
:func:`lmcourse.submission.safe_name`, so no id can write outside the output folder.

Scoring is memoised per exercise and answer (a class gives the same answers again and
again), so a class of 10,000 grades in about a second.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from itertools import repeat
from pathlib import Path

from . import gradebook, report, scoring
from . import submission as sub
from .assignment import Assignment
from .content import questions as keys_of
from .locate import line_of, value_lines

__all__ = ["Issue", "Summary", "GradingError", "grade", "MAX_BYTES", "OUTPUTS"]

#: Larger files are refused unread: a real submission is a few kilobytes.
MAX_BYTES = 1_000_000
#: What a run writes into the output folder (``grades.csv`` moves in last).
OUTPUTS = ("feedback", "problems.csv", "report.html", "radar.png", "canvas.csv",
           "moodle.csv", "grades.csv")
_STAGING = ".lmcourse-grading-"
_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


class GradingError(RuntimeError):
    """The run cannot start or could read nothing; the message says why."""


@dataclass(frozen=True)
class Issue:
    """One line of ``problems.csv``: ``outcome`` is ``not graded`` (the file),
    ``superseded`` (an older duplicate), ``answer ignored`` or ``note``."""

    file: str
    line: int
    student: str
    outcome: str
    problem: str
    expected: str = ""

    def __str__(self) -> str:
        tail = f" ({self.expected})" if self.expected else ""
        who = f" [{self.student}]" if self.student else ""
        return f"{self.file}:{self.line}:{who} {self.outcome}: {self.problem}{tail}"


@dataclass
class _Candidate:
    label: str
    order: int
    student_id: str
    name: str
    when: datetime
    answers: dict
    notes: list = field(default_factory=list)


@dataclass
class Summary:
    """What a run did."""

    out: Path
    graded: int
    not_graded: int
    issues: list[Issue]
    mean: float | None
    seconds: float
    files: int
    grades_only: bool = False

    def __str__(self) -> str:
        lines = [f"Graded {self.graded} student{'s' if self.graded != 1 else ''} from "
                 f"{self.files} file{'s' if self.files != 1 else ''} in {self.seconds:.2f} s"
                 + (f"; class mean {self.mean:.1f}%." if self.mean is not None else ".")]
        if self.issues:
            lines.append(f"{len(self.issues)} problem(s), {self.not_graded} file(s) not "
                         f"graded: see {self.out / 'problems.csv'}")
        lines.append(f"Wrote {self.out}/: grades.csv, problems.csv" if self.grades_only else
                     f"Wrote {self.out}/: grades.csv, feedback/ ({self.graded} files), "
                     "problems.csv, report.html, radar.png, canvas.csv, moodle.csv")
        return "\n".join(lines)


# --- finding files -------------------------------------------------------------------

def _sources(paths: Iterable[str | Path], issues: list[Issue], opened: list):
    """Yield ``(label, size, read)`` for every candidate file; ``read(limit)`` -> bytes."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = 0
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__MACOSX")))
                for name in sorted(files):
                    if name.startswith(".") or not name.endswith((".json", ".zip")):
                        continue
                    found += 1
                    yield from _file(os.path.join(root, name), issues, opened)
            if not found:
                issues.append(Issue(str(path), 1, "", "not graded",
                                    "the folder holds no .json or .zip files",
                                    "a folder of submission files"))
        elif path.is_file():
            yield from _file(str(path), issues, opened)
        else:
            issues.append(Issue(str(path), 1, "", "not graded", "no such file or folder",
                                "a submission file, a folder or a zip"))


def _read_file(name: str):
    def read(limit: int) -> bytes:
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        try:
            size = os.fstat(fd).st_size
            if size > limit:
                return b"\0" * (limit + 1)  # over the limit: never read
            data = os.read(fd, size + 1 if size else limit + 1)
            if len(data) <= size:  # the whole file: a regular file reads in one go
                return data
            parts, got = [data], len(data)  # it grew, or it is not a regular file
            while got <= limit:
                chunk = os.read(fd, limit + 1 - got)
                if not chunk:
                    break
                parts.append(chunk)
                got += len(chunk)
            return b"".join(parts)
        finally:
            os.close(fd)
    return read


def _file(name: str, issues: list[Issue], opened: list):
    if name.endswith(".zip"):
        yield from _zip(name, issues, opened)
        return
    yield name, 0, _read_file(name)  # the size shows when reading: at most the limit + 1


def _zip(name: str, issues: list[Issue], opened: list):
    try:
        archive = zipfile.ZipFile(name)
    except (OSError, zipfile.BadZipFile) as e:
        issues.append(Issue(name, 1, "", "not graded", f"not a readable zip archive ({e})",
                            "a .zip file such as an LMS bulk download"))
        return
    opened.append(archive)  # closed by grade() once every member is read
    members = [i for i in archive.infolist() if not i.is_dir()
               and i.filename.endswith(".json") and "__MACOSX" not in i.filename
               and not Path(i.filename).name.startswith(".")]
    if not members:
        issues.append(Issue(name, 1, "", "not graded", "the zip holds no .json files",
                            "submission files inside the zip"))
    for info in sorted(members, key=lambda i: i.filename):
        def read(limit: int, info=info) -> bytes:
            with archive.open(info) as f:
                return f.read(limit + 1)
        yield f"{name}:{info.filename}", info.file_size, read


# --- reading one submission ----------------------------------------------------------

def _parse(label: str, raw: bytes, assignment: Assignment, order: int, scorers: dict
           ) -> tuple[_Candidate | None, list[Issue]]:
    """One submission's bytes: a candidate to grade, and any issues."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        return None, [Issue(label, line, "", "not graded",
                            f"the file is not UTF-8 text (byte 0x{raw[e.start]:02x} at offset "
                            f"{e.start})", "UTF-8 encoded JSON, as the notebook saves it")]
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        if not text.strip():
            msg = "the file is empty"
        elif e.pos >= len(text.rstrip()) or not text.rstrip().endswith("}"):
            msg = (f"the file ends early, after {len(raw):,} bytes: it looks truncated "
                   f"({e.msg})")
        else:
            msg = f"not valid JSON: {e.msg} at column {e.colno}"
        return None, [Issue(label, e.lineno, "", "not graded", msg,
                            "a complete JSON submission file")]
    bad, sid, name, when = sub.check_structure(data, assignment.id)
    if bad:
        lines = value_lines(text)
        return None, [Issue(label, line_of(lines, p), sid, "not graded", m, x)
                      for p, m, x in bad]
    answers = data["answers"]
    cand = _Candidate(label, order, sid, name, when, {})
    lines = None
    for ex_id, value in answers.items():
        ex = assignment.exercises.get(ex_id)
        if ex is None:
            lines = lines or value_lines(text)
            cand.notes.append(Issue(label, line_of(lines, ("answers", ex_id)), sid,
                                    "answer ignored", f"no question {ex_id!r} in assignment "
                                    f"{assignment.id!r}", "answers to the assignment's "
                                    "exercises only"))
            continue
        sc = scorers.get(ex_id)
        if sc is not None and sc.known_valid(value):
            cand.answers[ex_id] = value
            continue
        why = sub.answer_problem(ex, value)
        if why:
            lines = lines or value_lines(text)
            cand.notes.append(Issue(label, line_of(lines, ("answers", ex_id)), sid,
                                    "answer ignored", f"answer to {ex_id!r} is {why}",
                                    "the answer as the notebook saves it; scored as not "
                                    "answered"))
            continue
        if sc is not None and value is not None:
            sc.note_valid(value)
        cand.answers[ex_id] = value
    if sid != sub.safe_name(sid):
        cand.notes.append(Issue(label, line_of(value_lines(text), ("student", "id")), sid,
                                "note", "the student id holds characters that cannot be "
                                f"part of a file name; feedback is in feedback/"
                                f"{sub.safe_name(sid)}.md", "letters, digits, - and _"))
    return cand, cand.notes


# --- scoring and feedback ------------------------------------------------------------

def _canon(kind: str, value):
    if value is None:
        return None
    if kind in ("classify", "self"):
        return tuple(sorted(value.items()))
    if kind == "multi":
        return tuple(sorted(set(value)))
    return value


_MARK = {True: "✓ Right", False: "✗ Not right", None: "○ Not answered"}


def _oneline(text: str) -> str:
    return " ".join(str(text).split())


def _unright(text: str) -> str:
    """An explanation written for a right pick ("Right. ..."), told as the reason."""
    return re.sub(r"^Right[.:!]\s*", "", _oneline(text))


_NOTHING = ((), "", None)


class _Scorer:
    """Scores and renders one exercise's answers, memoised by answer."""

    def __init__(self, number: int, ex: dict, mode: str, points: float, qindex: list[int],
                 render: bool = True):
        self.n, self.ex, self.mode, self.points, self.qindex = number, ex, mode, points, qindex
        self.cache: dict = {}
        self.max = points * len(qindex)
        self.render = render
        self.id = ex["id"]
        # answers already known to be of the right type (by type and canonical form);
        # self-assessments stay out: True == 1 would let a boolean pass as a scale point
        self.valid: set | None = set() if ex["kind"] in ("classify", "scenario",
                                                          "multi") else None

    def known_valid(self, value) -> bool:
        if self.valid is None:
            return self.ex["kind"] == "reflection" and isinstance(value, str)
        try:
            return (type(value), _canon(self.ex["kind"], value)) in self.valid
        except (TypeError, AttributeError):
            return False

    def note_valid(self, value) -> None:
        if self.valid is not None and len(self.valid) < 100_000:
            self.valid.add((type(value), _canon(self.ex["kind"], value)))

    def score(self, value):
        """``(contributions, feedback markdown, poles)``; a contribution is
        ``(question index, points, fraction of credit, wrong answer label or None)``."""
        kind = self.ex["kind"]
        if not self.render and kind in ("self", "reflection"):
            return _NOTHING  # no score, and nothing to say when only grades are wanted
        if kind == "reflection":  # free text: every answer differs, nothing to share
            return self._finish(*self._score(value))
        key = _canon(kind, value)
        found = self.cache.get(key)
        if found is None:
            found = self.cache[key] = self._finish(*self._score(value))
        return found

    def _finish(self, fractions, md, wrong, poles):
        contrib = tuple((qi, frac * self.points, frac, bad)
                        for qi, frac, bad in zip(self.qindex, fractions, wrong, strict=False))
        return contrib, md, poles

    def _self(self, value):
        """A self-assessment: no right answer, so no check; its pole scores, in words."""
        ex = self.ex
        poles = scoring.pole_scores(ex, value or {})
        if not value:
            said = "- Not answered."
        else:
            parts = [f"{scoring.LABELS[p]} side {v:.0f} of 100" if v is not None
                     else f"{scoring.LABELS[p]} side not answered" for p, v in poles.items()]
            left = len(ex["items"]) - len(value)
            said = ("- Your scores (no right or wrong here): " + "; ".join(parts) + "."
                    + (f" {left} question(s) left open." if left else ""))
        head = (f"## {self.n}. {_oneline(ex['title'])} ({self.mode}, not scored)\n\n"
                f"{_oneline(ex['prompt'])}\n\n")
        return [], head + said + "\n", [], poles

    def _score(self, value):
        ex, kind = self.ex, self.ex["kind"]
        if kind == "self":
            return self._self(value)
        result = scoring.check(ex, value)
        fractions: list[float] = []
        wrong: list[str | None] = []
        body: list[str] = []
        poles = None
        if kind == "classify":
            answer = value or {}
            said = result.lines if result.status != "empty" else [None] * len(ex["items"])
            for item, line in zip(ex["items"], said, strict=True):
                pick = answer.get(item["id"])
                ok = pick is not None and f"{ex['id']}/{item['id']}" not in result.missed
                fractions.append(1.0 if ok else 0.0)
                wrong.append(None if ok or pick is None else scoring.LABELS[pick])
                why = _unright(item["feedback"][item["answer"]])
                text = _oneline(line.text) if pick is not None else (
                    f"The answer: {scoring.LABELS[item['answer']]}. {why}")
                if pick is not None and not ok:
                    text += f" Why {scoring.LABELS[item['answer']]}: {why}"
                body.append(f"- {_MARK[ok if pick is not None else None]}: "
                            f"*{_oneline(item['text'])}* {text}")
        elif kind == "scenario":
            ok = result.status == "right"
            fractions.append(1.0 if ok else 0.0)
            options = {o["id"]: o for o in ex["options"]}
            best = next(o for o in ex["options"] if o["correct"])
            if result.status == "empty":
                wrong.append(None)
                body.append(f"- {_MARK[None]}.")
            else:
                pick = options[value]
                wrong.append(None if ok else _oneline(pick["text"]))
                body.append(f"- {_MARK[ok]}: you chose *{_oneline(pick['text'])}* "
                            f"{_oneline(pick['explanation'])}")
            if not ok:
                body.append(f"- The best answer: *{_oneline(best['text'])}* "
                            f"{_unright(best['explanation'])}")
        elif kind == "multi":
            fractions.append(result.score / result.total if result.checked else 0.0)
            picked = set(value or [])
            ticks = [o for o in ex["options"] if o["id"] in picked and not o["correct"]]
            wrong.append(_oneline(ticks[0]["text"]) if ticks else None)
            if result.status == "empty":
                body.append(f"- {_MARK[None]}.")
            for o in ex["options"]:
                mine = o["id"] in picked
                ok = mine == o["correct"]
                said = ("you ticked it" if mine else "you left it out")
                verdict = "applies" if o["correct"] else "does not apply"
                body.append(f"- {_MARK[ok]}: *{_oneline(o['text'])}* It {verdict}; {said}. "
                            f"{_oneline(o['explanation'])}")
        else:  # reflection
            text = (value or "").strip()
            if text:
                body.append(f"- {_oneline(result.summary)} Your text:")
                body.append("\n".join("  > " + ln for ln in text.splitlines()))
            else:
                body.append("- Not answered.")
        earned = sum(fractions) * self.points
        tag = (f"{_num(earned)} of {_num(self.max)} points" if self.qindex
               else "not scored")
        head = (f"## {self.n}. {_oneline(ex['title'])} ({self.mode}, {tag})\n\n"
                f"{_oneline(ex['prompt'])}\n\n")
        return fractions, head + "\n".join(body) + "\n", wrong, poles


_NUMS: dict[float, str] = {}


def _num(x: float) -> str:
    """A number of points as short text: 2, 1.5, 0.67."""
    text = _NUMS.get(x)
    if text is None:
        text = f"{x:.2f}".rstrip("0").rstrip(".")
        if len(_NUMS) < 10_000:
            _NUMS[x] = text
    return text


# --- writing -------------------------------------------------------------------------

def _csv(rows: list[list]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


def _write(path: Path, text: str | bytes, *, sync: bool = False) -> None:
    mode = "wb" if isinstance(text, bytes) else "w"
    with open(path, mode, **({} if mode == "wb" else {"encoding": "utf-8", "newline": ""})) as f:
        f.write(text)
        if sync:
            f.flush()
            os.fsync(f.fileno())


def _publish(staging: Path, out: Path) -> None:
    """Move the staged outputs into ``out``; ``grades.csv`` last, by an atomic rename."""
    for name in OUTPUTS:
        src, dst = staging / name, out / name
        if not src.exists():  # not made this time (e.g. no radar): drop a stale one
            if dst.is_dir():
                shutil.rmtree(dst, ignore_errors=True)
            elif dst.exists():
                dst.unlink()
            continue
        if src.is_dir() and dst.exists():
            old = out / f"{_STAGING}old-{os.getpid()}-{name}"
            os.replace(dst, old)
            os.replace(src, dst)
            # the old feedback is out of sight already; delete it alongside (unlink frees
            # the GIL), a leftover is swept by the next run
            threading.Thread(target=shutil.rmtree, args=(old, True)).start()
        else:
            os.replace(src, dst)
    shutil.rmtree(staging, ignore_errors=True)


def _feedback_md(assignment: Assignment, cand: _Candidate, total: float, pct: float,
                 late: bool, parts: list[str]) -> str:
    who = _oneline(cand.name) or cand.student_id
    head = [f"# Feedback: {_oneline(assignment.title)}", "",
            f"Student: {who} (id {_oneline(cand.student_id)})  ",
            f"Submitted: {cand.when.isoformat()}" + (" (after the due date)" if late else "")
            + "  ",
            f"Score: {_num(total)} of {_num(assignment.max_points)} points ({pct:.1f}%)", ""]
    if cand.notes:
        head.append("Notes from grading:")
        head += [f"- {n.problem}" for n in cand.notes if n.outcome != "note"]
        head.append("")
    return "\n".join(head) + "\n" + "\n".join(parts)


# --- the run -------------------------------------------------------------------------

def grade(assignment: Assignment, paths: Iterable[str | Path], out: str | Path, *,
          force: bool = False, max_bytes: int = MAX_BYTES, canvas_column: str | None = None,
          progress: Callable[[int, int], None] | None = None,
          chart_process: bool = True, grades_only: bool = False) -> Summary:
    """Grade every submission in ``paths`` into ``out`` (see the module docstring).

    Raises :class:`GradingError` when ``out`` already holds grades and ``force`` is false,
    or when no submission at all could be read (``problems.csv`` is still written).
    ``chart_process`` draws the class radar in a helper process that starts at once
    (:class:`lmcourse.report.ChartWorker`), so it costs no time on two cores.
    ``grades_only`` writes just ``grades.csv`` and ``problems.csv`` (the scoring core; any
    older feedback, report and exports in ``out`` are removed, as they would not match)."""
    start = time.perf_counter()
    out = Path(out)
    if (out / "grades.csv").exists() and not force:
        raise GradingError(f"{out} already holds grades.csv; pass --force to replace it "
                           "(or choose another --out folder)")
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob(f"{_STAGING}*"):
        shutil.rmtree(stale, ignore_errors=True)

    issues: list[Issue] = []
    opened: list[zipfile.ZipFile] = []
    has_self = any(ex["kind"] == "self" for ex in assignment.exercises.values())
    worker = (report.ChartWorker() if has_self and chart_process and not grades_only
              else None)
    try:
        return _run(assignment, paths, out, issues, opened, max_bytes, progress,
                    canvas_column, worker, start, grades_only)
    finally:
        for archive in opened:
            archive.close()
        if worker is not None:
            worker.close()


def _run(assignment, paths, out, issues, opened, max_bytes, progress, canvas_column, worker,
         start, grades_only=False) -> Summary:
    scorers = _make_scorers(assignment, not grades_only)
    best, superseded, total_files = _read_all(assignment, paths, issues, opened, max_bytes,
                                              progress, {sc.ex["id"]: sc for sc in scorers})
    if superseded:
        dropped = {old.label for old in superseded}
        issues[:] = [i for i in issues if i.file not in dropped]
    for old in superseded:
        keep = best[old.student_id]
        issues.append(Issue(old.label, 1, old.student_id, "superseded",
                            f"an older submission (saved {old.when.isoformat()}); graded "
                            f"the latest instead: {keep.label} (saved {keep.when.isoformat()})",
                            "one submission per student; the latest wins"))

    not_graded = len({i.file for i in issues if i.outcome == "not graded"})
    staging = Path(tempfile.mkdtemp(prefix=_STAGING, dir=out))
    try:
        if not best:
            _write(staging / "problems.csv", _problems_csv(issues))
            os.replace(staging / "problems.csv", out / "problems.csv")
            raise GradingError(f"no submission could be graded ({len(issues)} problem(s)); "
                               f"see {out / 'problems.csv'}")
        graded, mean = _grade_all(assignment, best, issues, staging, not_graded,
                                  canvas_column, worker, grades_only, scorers)
        _publish(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return Summary(out, graded, not_graded, issues, mean, time.perf_counter() - start,
                   total_files, grades_only)


def _read_all(assignment, paths, issues, opened, max_bytes, progress, scorers=None):
    """Read and check every file: ``(best per student, superseded, file count)``."""
    sources = list(_sources(paths, issues, opened))
    total_files = len(sources)
    best: dict[str, _Candidate] = {}
    superseded: list[_Candidate] = []
    step = max(1, total_files // 50)
    with ThreadPoolExecutor(max_workers=2) as pool:  # reading overlaps with parsing
        chunks = [sources[i:i + _CHUNK] for i in range(0, total_files, _CHUNK)]
        loaded = (item for chunk in pool.map(_load, chunks, repeat(max_bytes))
                  for item in chunk)
        for order, (label, size, raw) in enumerate(loaded):
            if progress and order % step == 0:
                progress(order, total_files)
            cand = _take(assignment, issues, max_bytes, scorers, order, label, size, raw)
            if cand is None:
                continue
            held = best.get(cand.student_id)
            if held is None:
                best[cand.student_id] = cand
            elif (cand.when, cand.order) > (held.when, held.order):
                best[cand.student_id] = cand
                superseded.append(held)
            else:
                superseded.append(cand)
    if progress:
        progress(total_files, total_files)
    return best, superseded, total_files


_CHUNK = 256


def _load(chunk, max_bytes):
    """Read a chunk of files (in a worker thread): ``(label, size, bytes or error)``."""
    out = []
    for label, size, read in chunk:
        if size > max_bytes:
            out.append((label, size, None))
            continue
        try:
            out.append((label, size, read(max_bytes)))
        except (OSError, zipfile.BadZipFile, RuntimeError) as e:
            out.append((label, size, e))
    return out


def _take(assignment, issues, max_bytes, scorers, order, label, size, raw):
    """One file's bytes to a candidate (or issues)."""
    if raw is None:
        issues.append(Issue(label, 1, "", "not graded",
                            f"the file is {size:,} bytes, over the limit of {max_bytes:,}",
                            "a submission of a few kilobytes (--max-bytes raises the limit)"))
        return None
    if isinstance(raw, Exception):
        why = getattr(raw, "strerror", None) or str(raw)
        issues.append(Issue(label, 1, "", "not graded", f"cannot read the file: {why}"))
        return None
    if len(raw) > max_bytes:
        try:
            size = f"{os.stat(label).st_size:,} bytes"
        except OSError:
            size = "larger than that"
        issues.append(Issue(label, 1, "", "not graded",
                            f"the file is {size}, over the limit of {max_bytes:,}",
                            "a submission of a few kilobytes (--max-bytes raises the limit)"))
        return None
    cand, found = _parse(label, raw, assignment, order, scorers or {})
    issues.extend(found)
    return cand


def _write_batch(batch: list[tuple[str, bytes]]) -> None:
    for path, data in batch:
        fd = os.open(path, _NEW, 0o644)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)


def _problems_csv(issues: list[Issue]) -> str:
    rows = [["file", "line", "student_id", "outcome", "problem", "expected"]]
    rows += [[i.file, i.line, i.student, i.outcome, i.problem, i.expected] for i in issues]
    return _csv(rows)


def _make_scorers(assignment: Assignment, render: bool) -> list[_Scorer]:
    qpos = {q.key: i for i, q in enumerate(assignment.questions)}
    return [_Scorer(n, ex, assignment.modes[ex_id], assignment.points[ex_id],
                    [qpos[k] for k in keys_of(ex)], render=render)
            for n, (ex_id, ex) in enumerate(assignment.exercises.items(), 1)]


def _grade_all(assignment: Assignment, best: dict[str, _Candidate], issues: list[Issue],
               staging: Path, not_graded: int, canvas_column: str | None,
               worker: report.ChartWorker | None = None, grades_only: bool = False,
               scorers: list[_Scorer] | None = None) -> tuple[int, float]:
    """Score every kept submission and write all outputs into ``staging``."""
    scorers = scorers or _make_scorers(assignment, not grades_only)
    questions = assignment.questions
    stats = report.ClassStats(assignment.id, assignment.title, assignment.max_points)
    stats.questions = [report.QuestionStats(
        q.key, _oneline(assignment.exercises[q.exercise]["title"]), q.points)
        for q in questions]
    maxp = assignment.max_points
    header = (["student_id", "name"] + [q.key for q in questions]
              + ["total", "max_points", "percent", "status", "submitted", "file"])
    rows = [header]
    book = []
    fb_dir = staging / "feedback"
    if not grades_only:
        fb_dir.mkdir()
    used: set[str] = set()
    qstats = stats.questions
    earned = [0.0] * len(questions)
    answered = [0] * len(questions)
    wrong = [qs.wrong for qs in qstats]
    render = not grades_only
    # feedback files are written by two threads while this one goes on scoring: creating
    # files is kernel work that runs outside the GIL
    pool = ThreadPoolExecutor(max_workers=2)
    writes, batch = [], []
    try:
        for sid in sorted(best):
            cand = best[sid]
            answers = cand.answers
            points = [0.0] * len(questions)
            parts = []
            for sc in scorers:
                value = answers.get(sc.id)
                contrib, md, poles = sc.score(value)
                if render:
                    parts.append(md)
                for qi, pts, frac, bad in contrib:
                    points[qi] = pts
                    earned[qi] += frac
                    if bad is not None:
                        wrong[qi][bad] += 1
                if value is not None:
                    for qi in sc.qindex:
                        answered[qi] += 1
                    if poles is not None:
                        stats.add_poles(sc.ex["difference"], poles)
            total = sum(points)
            pct = round(100 * total / maxp, 1) if maxp else 100.0
            late = assignment.is_late(cand.when)
            stats.percents.append(pct)
            stats.late += late
            ignored = sum(1 for n in cand.notes if n.outcome == "answer ignored")
            status = "graded" + (", late" if late else "") + (
                f", {ignored} answer{'s' if ignored != 1 else ''} ignored" if ignored else "")
            rows.append([sid, cand.name] + [_num(p) for p in points]
                        + [_num(total), _num(maxp), f"{pct:.1f}", status, cand.when.isoformat(),
                           cand.label])
            book.append((sid, cand.name, total, pct, status))
            stem = sub.safe_name(sid)
            if stem in used:  # two ids with the same safe name (cannot happen by design)
                stem = f"{stem}-{len(used)}"
            used.add(stem)
            if grades_only:
                continue
            batch.append((f"{fb_dir}/{stem}.md",
                          _feedback_md(assignment, cand, total, pct, late, parts).encode()))
            if len(batch) == _CHUNK:
                writes.append(pool.submit(_write_batch, batch))
                batch = []
        if batch:
            writes.append(pool.submit(_write_batch, batch))
        for done in writes:
            done.result()  # raises here if a write failed
    finally:  # on any error, stop queued writes before the staging folder goes
        pool.shutdown(wait=True, cancel_futures=True)
    for qs, e, a in zip(qstats, earned, answered, strict=True):
        qs.earned, qs.answered = e, a
    stats.not_graded = not_graded
    _write(staging / "problems.csv", _problems_csv(issues))
    if grades_only:
        _write(staging / "grades.csv", _csv(rows), sync=True)
        return len(best), round(sum(stats.percents) / len(stats.percents), 1)
    png = None
    if stats.has_profile():
        png = worker.png(stats) if worker is not None else report.radar_png(stats)
    if png is not None:
        _write(staging / "radar.png", png)
    _write(staging / "report.html", report.html(stats, png, problems=len(issues)))
    _write(staging / "canvas.csv", gradebook.canvas(assignment, book, canvas_column))
    _write(staging / "moodle.csv", gradebook.moodle(assignment, book))
    _write(staging / "grades.csv", _csv(rows), sync=True)
    return len(best), round(sum(stats.percents) / len(stats.percents), 1)
