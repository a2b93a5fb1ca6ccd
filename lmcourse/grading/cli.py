"""The ``lmcourse`` command: validate, release and grade, for instructors.

::

    lmcourse validate exercises/
    lmcourse release exercises/assignments/week-1.json --out release/
    lmcourse grade exercises/assignments/week-1.json submissions/ class.zip --out graded/

``python -m lmcourse`` is the same command. Each verb has ``--help``. Exit status: 0 when
all went well (``grade``: when it graded what it could), 1 when ``validate`` found
problems or ``grade`` could read no submission at all, 2 for a usage error or a refusal
(an output that exists and no ``--force``).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

__all__ = ["main"]


def _course_for(path: Path) -> Path | None:
    from .assignment import course_for

    return course_for(path)


def validate(args) -> int:
    from . import items
    from .validation import check

    found = check(args.paths, exercises=args.exercises)
    for p in found.problems + found.warnings + found.public:
        print(p)
    if args.test_wise:
        print(items.describe(found.files))
    cues = len(found.warnings)
    warned = f"; {cues} item-writing warning(s)" if cues else ""
    if found.public:
        warned += (f"; {len(found.public)} graded question(s) whose answer key students "
                   "already have")
    if found.problems:
        files = len({p.file for p in found.problems})
        print(f"{len(found.problems)} problem(s) in {files} file(s){warned}; checked "
              f"{found.checked}.", file=sys.stderr)
        return 1
    hint = " (--test-wise simulates a student who answers by cues alone)" \
        if cues and not args.test_wise else ""
    print(f"OK: checked {found.checked}; no problems{warned}.{hint}")
    return 0


def release(args) -> int:
    from . import assignment
    from .release import ReleaseError
    from .release import release as write

    try:
        found = assignment.load(args.assignment, exercises=args.exercises
                                or _course_for(Path(args.assignment)))
        files = write(found, args.out, force=args.force)
    except assignment.AssignmentError as e:
        print(e, file=sys.stderr)
        return 1
    except ReleaseError as e:
        print(f"lmcourse release: {e}", file=sys.stderr)
        return 2
    except OSError as e:
        print(f"lmcourse release: cannot write to {args.out}: {e.strerror or e}",
              file=sys.stderr)
        return 2
    print(f"Released {found.id!r} ({len(found.exercises)} exercises, {len(found.hidden)} "
          "graded: their answer keys and explanations are left out).")
    for f in files:
        print(f"  {f}")
    print("Give students both files; they open the notebook and press 'Save my submission'.")
    return 0


class _Bar:
    """A progress bar on stderr, only when stderr is a terminal and the class is large."""

    def __init__(self, enabled: bool):
        self.enabled, self.start = enabled, time.perf_counter()

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total < 200:
            return
        width = 30
        filled = width * done // total
        rate = done / max(time.perf_counter() - self.start, 1e-6)
        sys.stderr.write(f"\rReading {done:>7,}/{total:,} [{'#' * filled}{'.' * (width - filled)}]"
                         f" {rate:,.0f} files/s")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def grade(args) -> int:
    from . import assignment
    from . import roster as rosters
    from . import run as grading

    try:
        found = assignment.load(args.assignment, exercises=args.exercises
                                or _course_for(Path(args.assignment)))
    except assignment.AssignmentError as e:
        print(e, file=sys.stderr)
        return 2
    roster = None
    if args.roster:
        try:
            roster = rosters.load(args.roster)
        except rosters.RosterError as e:
            print(e, file=sys.stderr)
            return 2
    bar = _Bar(not args.quiet and sys.stderr.isatty())
    try:
        summary = grading.grade(found, args.submissions, args.out, force=args.force,
                                max_bytes=args.max_bytes, canvas_column=args.canvas_column,
                                progress=bar, grades_only=args.grades_only, roster=roster,
                                missing=args.missing)
    except grading.GradingError as e:
        print(f"lmcourse grade: {e}", file=sys.stderr)
        return 2 if "--force" in str(e) else 1
    except OSError as e:
        print(f"lmcourse grade: cannot write to {args.out}: {e.strerror or e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"\nlmcourse grade: interrupted; {args.out}/grades.csv is as it was (it is "
              "replaced only at the very end)", file=sys.stderr)
        return 130
    print(summary)
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="lmcourse", description="Instructor tools for the lmcourse course: check "
        "exercise and assignment files, release an assignment to students, grade what they "
        "hand in. No student code is ever run. A path that does not exist as given is "
        "looked up in the course's own exercise folder, so 'assignments/week-1.json' names "
        "the bundled sample assignment from anywhere.")
    verbs = top.add_subparsers(dest="verb", metavar="{validate,release,grade}")
    verbs.required = True

    v = verbs.add_parser("validate", help="check exercise, assignment and submission files",
                         description="Check exercise, assignment and submission files "
                         "(folders recursively). Prints every problem as 'file:line: what is "
                         "wrong (what was expected)' and exits 1; on success prints what it "
                         "checked. Scored questions are also read for item-writing cues (key "
                         "the longest option, absolutes only in wrong options, the same number "
                         "correct in every choose-all question, key positions unbalanced, "
                         "'all/none of the above'): each is a 'file:line: warning: ...' "
                         "line, counted in the summary, and does not fail the check.")
    v.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to check "
                   "(default: the course's own exercise folder)")
    v.add_argument("--exercises", metavar="DIR", help="the course's exercise folder, to "
                   "resolve the exercises an assignment names (default: found above the "
                   "assignment, else the course's own)")
    v.add_argument("--test-wise", action="store_true", help="also simulate a student who "
                   "answers by cues alone (longest option, no absolutes, the usual number of "
                   "ticks, keywords for sorting) over every exercise file checked, and print "
                   "the expected score of each question kind beside chance")
    v.set_defaults(run=validate)

    r = verbs.add_parser("release", help="write the student copy of an assignment",
                         description="Write what students receive: a notebook that shows the "
                         "assignment with the course's widgets and a 'Save my submission' "
                         "button, and the assignment's questions without the answer keys and "
                         "explanations of graded questions.")
    r.add_argument("assignment", metavar="ASSIGNMENT", help="the assignment file")
    r.add_argument("--out", required=True, metavar="DIR", help="the release folder")
    r.add_argument("--force", action="store_true", help="replace a release already in DIR")
    r.add_argument("--exercises", metavar="DIR", help="the course's exercise folder")
    r.set_defaults(run=release)

    g = verbs.add_parser("grade", help="grade submission files into grades, feedback and a "
                         "report", description="Grade submission files (files, folders of "
                         "them, or zip archives such as an LMS bulk download). Writes "
                         "grades.csv, feedback/<student>.md, problems.csv, report.html, "
                         "radar.svg, canvas.csv and moodle.csv into DIR. Bad files are listed "
                         "in problems.csv and everyone else is graded.")
    g.add_argument("assignment", metavar="ASSIGNMENT", help="the assignment file")
    g.add_argument("submissions", nargs="+", metavar="SUBMISSIONS",
                   help="submission files, folders or .zip archives")
    g.add_argument("--out", required=True, metavar="DIR", help="where to write the results")
    g.add_argument("--force", action="store_true", help="replace grades already in DIR")
    g.add_argument("--max-bytes", type=int, default=1_000_000, metavar="N",
                   help="refuse files larger than this, unread (default: 1,000,000)")
    g.add_argument("--canvas-column", metavar="NAME", help="heading of the grade column in "
                   "canvas.csv, e.g. 'Week 1 (12345)' to match an existing Canvas assignment "
                   "(default: the assignment's title)")
    g.add_argument("--roster", metavar="FILE", help="the class list as the LMS exports it "
                   "(Canvas's gradebook export, Moodle's grade export, or a CSV with an id "
                   "column): canvas.csv and moodle.csv then hold every student on it, under "
                   "the LMS's own ids and names, and an id not on it is left out and listed "
                   "with the nearest roster ids")
    g.add_argument("--missing", choices=("blank", "zero"), default="blank",
                   help="with --roster, what a student who handed in nothing gets in the "
                   "gradebook files (default: blank)")
    g.add_argument("--grades-only", action="store_true", help="write grades.csv and "
                   "problems.csv only: no feedback, report or LMS exports")
    g.add_argument("--quiet", action="store_true", help="no progress bar")
    g.add_argument("--exercises", metavar="DIR", help="the course's exercise folder")
    g.set_defaults(run=grade)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    _find_course_files(args)
    return args.run(args)


def _find_course_files(args) -> None:
    """Paths that do not exist as given are looked up in the course's exercise folder, so
    ``lmcourse release assignments/week-1.json`` works from any folder, an installed
    course included; ``lmcourse validate`` with no path checks the course itself."""
    from ..core.content import course_path, exercises_dir

    if hasattr(args, "paths"):
        args.paths = [course_path(p) for p in args.paths] or [exercises_dir()]
    if hasattr(args, "assignment"):
        args.assignment = str(course_path(args.assignment))
    if hasattr(args, "submissions"):
        args.submissions = [str(course_path(p)) for p in args.submissions]


if __name__ == "__main__":
    sys.exit(main())
