"""Grading: submission files in, grades, feedback and a class report out. No code runs.

:func:`grade` reads submission files (single files, folders of them, or zip archives such
as an LMS bulk download), recomputes every score from the answers and the key with
:func:`lmcourse.core.scoring.check` (a score a file claims is never read), and writes into the
output folder:

- ``grades.csv``: one row a student: id, name, points per question, total, percent, status;
- ``feedback/<student>.md``: every answer, right or wrong, with its explanation;
- ``problems.csv``: every file or answer it could not use, and why;
- ``report.html`` and ``radar.svg``: the class report (:mod:`lmcourse.grading.report`),
  with the item analysis (:mod:`lmcourse.grading.itempage`);
- ``item_analysis.csv``, ``option_analysis.csv`` and ``test_analysis.csv``: how each
  question, each option and the test as a whole worked (:mod:`lmcourse.grading.analysis`);
- ``canvas.csv`` and ``moodle.csv``: the gradebook in the layouts those LMSs import
  (:mod:`lmcourse.grading.gradebook`).

Bad input never stops the run: each bad file or answer becomes a line in ``problems.csv``
and every other student is graded. Everything is written into a hidden staging folder
first and moved into place at the end, ``grades.csv`` last and by an atomic rename, so an
interrupted run never leaves a half-written ``grades.csv``. A folder that already holds
grades is refused unless ``force=True``. Student ids become file names only through
:func:`lmcourse.core.ids.file_stems`, so no id can write outside the output folder and no
two feedback files differ only in case.

Finding and reading the files is :mod:`lmcourse.grading.collect`; scoring and explaining each
answer, memoised per answer, is :mod:`lmcourse.grading.marking`; this module runs the two and
writes the results, in turn, on the plain path or with the speed devices of :class:`Speed`.
"""

from __future__ import annotations

import gc
import os
import shutil
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ..core.csvfile import csv_text
from ..core.points import points as points_text
from . import analysis, gradebook, halves, itempage, marking, report
from .assignment import Assignment
from .collect import Candidate, Issue, lateness_basis, read_all

__all__ = ["Issue", "Summary", "GradingError", "Speed", "PLAIN", "grade", "MAX_BYTES",
           "OUTPUTS"]

#: Larger files are refused unread: a real submission is a few kilobytes.
MAX_BYTES = 1_000_000
#: What a run writes into the output folder (``grades.csv`` moves in last).
OUTPUTS = ("feedback", "problems.csv", "report.html", "radar.svg", "item_analysis.csv",
           "option_analysis.csv", "test_analysis.csv", "canvas.csv", "moodle.csv",
           "grades.csv")
#: What older versions wrote and this one no longer does: removed, as it would not match.
RETIRED = ("radar.png",)
_STAGING = ".lmcourse-grading-"
_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


class GradingError(RuntimeError):
    """The run cannot start or could read nothing; the message says why."""


@dataclass(frozen=True)
class Speed:
    """The speed devices a run may use; :data:`PLAIN` (every one off) is the plain, serial
    path, which writes byte-identical files (``tests/grading/test_speed.py``).

    - ``gc_pause``: no cyclic garbage collection during the run;
    - ``memo``: each distinct answer scored and explained once per run (a class gives the
      same answers again and again), and its type check skipped when seen before;
    - ``halves``: a large class read and marked in two processes at once, half each, on a
      machine with two cores (:mod:`lmcourse.grading.halves` says when it applies).
    """

    gc_pause: bool = True
    memo: bool = True
    halves: bool = True


#: The plain path: serial, nothing remembered, nothing in the background.
PLAIN = Speed(gc_pause=False, memo=False, halves=False)


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
    written: tuple[str, ...] = ()
    said: tuple[str, ...] = ()  # what the gradebook files need, and lateness, in words
    analysis_seconds: float = 0.0  # of ``seconds``: the item analysis, computed and written
    analysis_cpu: float = 0.0  # the same, in CPU seconds of this process

    def __str__(self) -> str:
        lines = [f"Graded {self.graded} student{'s' if self.graded != 1 else ''} from "
                 f"{self.files} file{'s' if self.files != 1 else ''} in {self.seconds:.2f} s"
                 + (f"; class mean {self.mean:.1f}%." if self.mean is not None else ".")]
        if self.issues:
            lines.append(f"{len(self.issues)} problem(s), {self.not_graded} file(s) not "
                         f"graded: see {self.out / 'problems.csv'}")
        names = sorted(self.written, key=lambda n: n != "grades.csv")  # grades first
        said = [f"feedback/ ({self.graded} file{'s' if self.graded != 1 else ''})"
                if name == "feedback" else name for name in names]
        lines.append(f"Wrote {self.out}/: {', '.join(said)}")
        lines += self.said
        return "\n".join(lines)

# --- writing -------------------------------------------------------------------------

def _write(path: Path, text: str | bytes, *, sync: bool = False) -> None:
    mode = "wb" if isinstance(text, bytes) else "w"
    with open(path, mode, **({} if mode == "wb" else {"encoding": "utf-8", "newline": ""})) as f:
        f.write(text)
        if sync:
            f.flush()
            os.fsync(f.fileno())


def _publish(staging: Path, out: Path) -> None:
    """Move the staged outputs into ``out``; ``grades.csv`` last, by an atomic rename."""
    for name in RETIRED:
        if (out / name).is_file():
            (out / name).unlink()
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
            shutil.rmtree(old, ignore_errors=True)  # a leftover is swept by the next run
        else:
            os.replace(src, dst)
    shutil.rmtree(staging, ignore_errors=True)


# --- the run -------------------------------------------------------------------------

def grade(assignment: Assignment, paths: Iterable[str | Path], out: str | Path, *,
          force: bool = False, max_bytes: int = MAX_BYTES, canvas_column: str | None = None,
          progress: Callable[[int, int], None] | None = None,
          grades_only: bool = False, roster=None, missing: str = "blank",
          speed: Speed = Speed()) -> Summary:
    """Grade every submission in ``paths`` into ``out`` (see the module docstring).

    Raises :class:`GradingError` when ``out`` already holds grades and ``force`` is false,
    or when no submission at all could be read (``problems.csv`` is still written).
    ``speed`` says which speed devices to use (:class:`Speed`; :data:`PLAIN`: none).
    ``grades_only`` writes just ``grades.csv`` and ``problems.csv`` (the scoring core; any
    older feedback, report and exports in ``out`` are removed, as they would not match).
    ``roster`` (:class:`lmcourse.grading.roster.Roster`) lays out the gradebook files:
    every student on it, ``missing`` work ``"blank"`` or ``"zero"``
    (:func:`lmcourse.grading.gradebook.plan`)."""
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
    collecting = gc.isenabled()
    if speed.gc_pause:  # a run makes ~10 objects a submission and no cycles: the
        gc.disable()    # collector's repeated passes over them are wasted work
    try:
        return _run(assignment, paths, out, issues, opened, max_bytes, progress,
                    canvas_column, start, grades_only, speed, roster, missing)
    finally:
        if collecting:
            gc.enable()
        for archive in opened:
            archive.close()


def _run(assignment, paths, out, issues, opened, max_bytes, progress, canvas_column, start,
         grades_only, speed, roster=None, missing="blank") -> Summary:
    scorers = marking.markers(assignment, not grades_only, memo=speed.memo)
    best, total_files = read_all(assignment, paths, issues, opened, max_bytes, progress,
                                 {sc.ex["id"]: sc for sc in scorers}, roster,
                                 split=speed.halves)
    plan = None if grades_only else gradebook.plan(assignment, best, roster, missing,
                                                   canvas_column)
    said = _lateness_words(assignment, best) + (plan.said if plan else [])
    if plan:
        issues += plan.issues

    not_graded = len({i.file for i in issues if i.outcome == "not graded"})
    staging = Path(tempfile.mkdtemp(prefix=_STAGING, dir=out))
    try:
        if not best:
            _write(staging / "problems.csv", _problemscsv_text(issues))
            os.replace(staging / "problems.csv", out / "problems.csv")
            raise GradingError(f"no submission could be graded ({len(issues)} problem(s)); "
                               f"see {out / 'problems.csv'}")
        graded, mean, spent = _grade_all(assignment, best, issues, staging, not_graded,
                                         canvas_column, grades_only, scorers, plan,
                                         split=speed.halves)
        _publish(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return Summary(out, graded, not_graded, issues, mean, time.perf_counter() - start,
                   total_files, tuple(n for n in OUTPUTS if (out / n).exists()), tuple(said),
                   *spent)


def _lateness_words(assignment: Assignment, best: dict[str, Candidate]) -> list[str]:
    """One sentence on what lateness was judged from, when a file's own claim was used."""
    basis = lateness_basis(best)
    if assignment.due is None or not basis["claim"]:
        return []
    lms = basis["lms"] + basis["zip"]
    return [f"Lateness: {basis['claim']} submission(s) judged by the time the file states, "
            "which a student can edit" + (f"; {lms} by the LMS download's own marks"
                                          if lms else "") + "."]


def _write_new(path: str, data: bytes) -> None:
    """A new file (never one that exists) holding ``data``."""
    fd = os.open(path, _NEW, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def _problemscsv_text(issues: list[Issue]) -> str:
    rows = [["file", "line", "student_id", "outcome", "problem", "expected"]]
    rows += [[i.file, i.line, i.student, i.outcome, i.problem, i.expected]
             for i in issues]
    return csv_text(rows)


@dataclass
class _Marked:
    """What marking a run of students gives, in their order. Two runs merge by
    concatenation (:meth:`add`), so halves marked apart add up to the bytes of one pass:
    sums are taken only once everything is in (floats added in another order could
    differ in the last bit)."""

    grades: str         # these students' lines of grades.csv
    book: list          # (id, name, total, percent, status) for the gradebook files
    percents: list      # and the rest for the class report and the item analysis:
    late: int
    answered: list      # per question, students who answered it
    wrong: list         # per question, a Counter of wrong answers given
    credits: list       # per question, each student's fraction of the credit
    givens: list        # per question, each student's answer
    totals: list        # each student's points
    poles: list         # (difference, pole scores) of each self-assessment answered
    scales: dict        # (difference, pole) -> rows of self-assessment answers

    def add(self, other: _Marked) -> None:
        self.grades += other.grades
        self.book += other.book
        self.percents += other.percents
        self.late += other.late
        self.totals += other.totals
        self.poles += other.poles
        for qi, counts in enumerate(other.wrong):
            self.answered[qi] += other.answered[qi]
            self.wrong[qi].update(counts)  # new labels after ours, as one pass meets them
            self.credits[qi] += other.credits[qi]
            self.givens[qi] += other.givens[qi]
        for key, rows in other.scales.items():
            self.scales[key] += rows


def _grade_all(assignment: Assignment, best: dict[str, Candidate], issues: list[Issue],
               staging: Path, not_graded: int, canvas_column: str | None,
               grades_only: bool = False, scorers: list[marking.Marker] | None = None,
               plan=None, split: bool = False) -> tuple[int, float, tuple[float, float]]:
    """Score every kept submission and write all outputs into ``staging``: ``(graded,
    class mean, (wall, CPU) seconds spent on the item analysis)``. With ``split``, two
    processes mark half the class each (:mod:`lmcourse.grading.halves`)."""
    scorers = scorers or marking.markers(assignment, not grades_only)
    questions = assignment.questions
    stats = report.ClassStats(assignment.id, assignment.title, assignment.max_points)
    stats.questions = [report.QuestionStats(
        q.key, marking.oneline(assignment.exercises[q.exercise]["title"]), q.points)
        for q in questions]
    header = (["student_id", "name"] + [q.key for q in questions]
              + ["total", "max_points", "percent", "status", "submitted", "file"])
    fb_dir = staging / "feedback"
    if not grades_only:
        fb_dir.mkdir()
    self_exercises = [ex for ex in assignment.exercises.values() if ex["kind"] == "self"]
    items = analysis.Collector(analysis.questions_of(assignment), self_exercises)

    def mark(sids, replace: bool = False) -> _Marked:
        return _mark(assignment, best, sids, scorers, grades_only, fb_dir, self_exercises,
                     replace)

    sids = sorted(best)
    parts = (halves.run(mark, sids, again=lambda rest: mark(rest, replace=True)) if split
             else [mark(sids)])
    done = parts[0]
    for more in parts[1:]:
        done.add(more)
    grades = csv_text([header]) + done.grades  # CSV rows stand alone: text joins as rows do
    book = done.book
    stats.percents, stats.late = done.percents, done.late
    for difference, poles in done.poles:
        stats.add_poles(difference, poles)
    for qi, qs in enumerate(stats.questions):
        qs.earned = sum(done.credits[qi])
        qs.answered = done.answered[qi]
        qs.wrong = done.wrong[qi]
    items.credits, items.given, items.totals = done.credits, done.givens, done.totals
    for key, found in done.scales.items():
        items.scales[key][1].extend(found)
    stats.not_graded = not_graded
    _write(staging / "problems.csv", _problemscsv_text(issues))
    mean = round(sum(stats.percents) / len(stats.percents), 1)
    if grades_only:
        _write(staging / "grades.csv", grades, sync=True)
        return len(best), mean, (0.0, 0.0)

    def reports() -> tuple[float, float]:
        """The item analysis and the class report; the seconds the analysis took."""
        began, began_cpu = time.perf_counter(), time.process_time()
        found = analysis.analyse(items)
        _write(staging / "item_analysis.csv", analysis.item_csv(found))
        _write(staging / "option_analysis.csv", analysis.option_csv(found))
        _write(staging / "test_analysis.csv",
               analysis.whole_test_csv(found, report.bands(stats)))
        section = itempage.section(found)
        spent = time.perf_counter() - began, time.process_time() - began_cpu
        svg = report.radar_svg(stats) if stats.has_profile() else None
        if svg is not None:
            _write(staging / "radar.svg", svg)
        _write(staging / "report.html", report.html(stats, svg, problems=len(issues),
                                                    analysis=section))
        return spent

    def books() -> None:
        """The gradebook files, then grades.csv: from the marks alone."""
        for name, text in gradebook.files(assignment, book, plan or gradebook.plan(
                assignment, best, canvas_column=canvas_column)).items():
            _write(staging / name, text)
        _write(staging / "grades.csv", grades, sync=True)

    if split:  # the two at once, in two processes, for a large class
        return len(best), mean, halves.both(reports, books, size=len(best))
    spent = reports()
    books()
    return len(best), mean, spent


def _mark(assignment: Assignment, best: dict[str, Candidate], sids: list[str],
          scorers: list[marking.Marker], grades_only: bool, fb_dir: Path,
          self_exercises: list[dict], replace: bool = False) -> _Marked:
    """Score the students ``sids`` and write their feedback files (over any already there
    with ``replace``). Each student's marks are kept per exercise, and the class report's
    counters are taken from them question by question once all are in."""
    k = len(assignment.questions)
    render = not grades_only
    done = _Marked("", [], [], 0, [0] * k, [Counter() for _ in range(k)],
                   [[] for _ in range(k)], [[] for _ in range(k)], [], [], {})
    items = analysis.Collector([], self_exercises)
    rows: list[list] = []
    book, percents, totals, poles_seen = done.book, done.percents, done.totals, done.poles
    maxp = assignment.max_points
    num = points_text
    maxp_text = num(maxp)
    late_count = 0
    write = _write if replace else _write_new
    active = scorers if render else [sc for sc in scorers if sc.qindex]  # only the scored
    # per exercise: its marker, id, memo (or a dict that stays empty), questions, marks
    plan = [(sc, sc.id, {} if sc.cache is None else sc.cache, sc.lo, sc.hi, [])
            for sc in active]
    for sid in sids:
        cand = best[sid]
        answers, keys = cand.answers, cand.keys
        points = [0.0] * k
        cells = ["0"] * k
        parts = []
        for sc, ex_id, memo, lo, hi, marks in plan:
            value = answers.get(ex_id)
            key = keys.get(ex_id)
            mark = memo.get(key) if key is not None else None
            if mark is None:
                mark = sc.score(value, key)
            if hi > lo:
                points[lo:hi] = mark.points
                cells[lo:hi] = mark.cells
            if render:
                marks.append(mark)
                parts.append(mark.data)
                if mark.poles is not None and value is not None:
                    poles_seen.append((sc.ex["difference"], mark.poles))
                    items.scale(ex_id, value)
        total = sum(points)
        pct = round(100 * total / maxp, 1) if maxp else 100.0
        late = cand.late
        percents.append(pct)
        late_count += late
        ignored = (sum(1 for n in cand.notes if n.outcome == "answer ignored")
                   + cand.ignored_more if cand.notes else 0)
        status = "graded" + (", late" if late else "") + (
            f", {ignored} answer{'s' if ignored != 1 else ''} ignored" if ignored else "")
        rows.append([sid, cand.name, *cells, num(total), maxp_text, f"{pct:.1f}",
                     status, cand.when.isoformat(), cand.label])
        if grades_only:
            continue
        totals.append(total)
        book.append((sid, cand.name, total, pct, status))
        write(f"{fb_dir}/{cand.stem}.md",
              marking.student_feedback(assignment, cand, total, pct, late, parts))
    for _, _, _, lo, hi, marks in plan:  # the class report's counters, question by question
        for j, qi in enumerate(range(lo, hi)):
            done.credits[qi] = [m.credit[j] for m in marks]
            done.givens[qi] = [m.given[j] for m in marks]
            done.answered[qi] = sum([m.said[j] for m in marks])
            done.wrong[qi].update(label for m in marks for label in m.wrong[j])
    done.grades = csv_text(rows)
    done.late = late_count
    done.scales = {key: answered for key, (_, answered) in items.scales.items()}
    return done
