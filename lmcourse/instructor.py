"""One-line calls for the instructor notebook: validate, release, grade, and look at it all.

Each function does what the ``lmcourse`` command does and returns a :class:`Page`, which a
notebook shows as HTML (and a terminal as text). Paths that do not exist as given are
looked up in the course's exercise folder, so ``validate("assignments/")`` works from any
notebook. Pure string building: no widgets, no plotting here (the report's chart comes
from :mod:`lmcourse.grading.report`).
"""

from __future__ import annotations

import atexit
import csv
import json
import os
import shutil
import tempfile
from html import escape
from pathlib import Path

from .core import content
from .core.theme import scrollable
from .grading import assignment, validation
from .grading import release as _release
from .grading import run as grading

__all__ = ["Page", "workspace", "course_file", "show_file", "validate", "validate_example",
           "release", "show_release", "grade", "show_table", "show_feedback", "show_report",
           "show_item_analysis"]


class Page:
    """Something to show: ``html`` (or ``markdown``) in a notebook, ``text`` anywhere else."""

    def __init__(self, html: str | None, text: str, markdown: str | None = None):
        self.html, self.text, self.markdown = html, text, markdown

    def _repr_html_(self) -> str | None:
        return self.html

    def _repr_markdown_(self) -> str | None:
        return self.markdown

    def __repr__(self) -> str:
        return self.text


def _pre(text: str) -> str:
    return f"<pre style='white-space:pre-wrap'>{escape(text)}</pre>"


def workspace(keep: bool = False) -> Path:
    """A new temporary folder for a walk-through (nothing is written into the course).
    It is removed when the kernel (or Python) exits, unless ``keep=True``."""
    folder = Path(tempfile.mkdtemp(prefix="lmcourse-instructor-"))
    if not keep:
        atexit.register(shutil.rmtree, folder, True)
    return folder


def course_file(path: str | Path) -> Path:
    """``path`` as given if it exists, else inside the course's exercise folder."""
    return content.course_path(path)


def show_file(path: str | Path, limit: int = 60) -> Page:
    """The first ``limit`` lines of a file."""
    path = course_file(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    more = f"\n... ({len(lines) - limit} more lines)" if len(lines) > limit else ""
    text = "\n".join(lines[:limit]) + more
    return Page(f"<p><code>{escape(path.name)}</code></p>" + _pre(text), text)


def validate(*paths: str | Path) -> Page:
    """``lmcourse validate``: every problem as file:line, or what was checked; then the
    item-writing warnings, which do not fail the check."""
    found = validation.check([course_file(p) for p in paths])
    cues = "\n".join(str(p) for p in found.warnings)
    tail = f"\n{len(found.warnings)} item-writing warning(s):\n{cues}" if cues else ""
    more = (f"<p>{len(found.warnings)} item-writing warning(s) (they do not fail the "
            "check):</p>" + _pre(cues)) if cues else ""
    if found.public:
        public = "\n".join(str(p) for p in found.public)
        tail += f"\n{len(found.public)} graded question(s) with a public key:\n{public}"
        more += (f"<p>{len(found.public)} graded question(s) whose answer key students "
                 "already have (a warning, not a failure):</p>" + _pre(public))
    if not found.problems:
        text = f"OK: checked {found.checked}; no problems."
        return Page(f"<p role='status'>✓ {escape(text)}</p>" + more, text + tail)
    text = "\n".join(str(p) for p in found.problems)
    head = f"✗ {len(found.problems)} problem(s); checked {found.checked}."
    return Page(f"<p role='status'><strong>{escape(head)}</strong></p>" + _pre(text) + more,
                head + "\n" + text + tail)


def validate_example(folder: str | Path) -> Page:
    """Copy the sample assignment into ``folder`` with two typical mistakes, and validate
    it, to show what the messages look like."""
    source = course_file("assignments/week-1.json")
    data = json.loads(source.read_text(encoding="utf-8"))
    data["questions"][1]["exercise"] = "focus-sorting"  # a misspelt exercise id
    data["questions"][2]["mode"] = "exam"  # a mode that does not exist
    data["exercise_files"] = [str(source.parent / f) for f in data.get("exercise_files", [])]
    path = Path(folder) / "week-1-with-mistakes.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    problems, _ = validation.check_paths([path], exercises=content.exercises_dir())
    text = "\n".join(str(p).removeprefix(str(path.parent) + os.sep) for p in problems)
    return Page(_pre(text), text)


def release(assignment_file: str | Path, out: str | Path) -> Page:
    """``lmcourse release``: the student notebook and the questions without graded keys."""
    found = assignment.load(course_file(assignment_file))
    files = _release.release(found, out, force=True)
    text = (f"Released {found.id!r}: {', '.join(f.name for f in files)}. "
            f"{len(found.hidden)} of {len(found.exercises)} exercises are graded; their "
            "answer keys and explanations are not in the release.")
    return Page(f"<p role='status'>✓ {escape(text)}</p>", text)


def show_release(out: str | Path) -> Page:
    """What a student receives, and a check that no graded key is in it."""
    out = Path(out)
    files = sorted(p for p in out.iterdir() if p.is_file())
    data = json.loads(next(p for p in files if p.name.endswith("-questions.json")).read_text())
    rows = []
    for entry in data["exercises"]:
        ex = entry["exercise"]
        parts = ex.get("items", []) + ex.get("options", [])
        keys = sorted({k for part in parts for k in part
                       if k in ("answer", "feedback", "correct", "explanation")})
        rows.append((ex["id"], entry["mode"], ", ".join(keys) or "none"))
    body = "".join(f"<tr><td><code>{escape(i)}</code></td><td>{m}</td><td>{escape(k)}</td></tr>"
                   for i, m, k in rows)
    caption = "Which answer-key fields each exercise carries in the release"
    html = (f"<p>Files: {', '.join(f'<code>{escape(p.name)}</code>' for p in files)}</p>"
            + scrollable(f"<table><caption>{caption}</caption><thead><tr><th scope='col'>"
                         "Exercise</th><th scope='col'>Mode</th><th scope='col'>Key fields "
                         f"present</th></tr></thead><tbody>{body}</tbody></table>", caption))
    return Page(html, "\n".join(f"{i}\t{m}\t{k}" for i, m, k in rows))


def grade(assignment_file: str | Path, submissions, out: str | Path, *,
          roster: str | Path | None = None, missing: str = "blank") -> Page:
    """``lmcourse grade`` (replacing earlier results in ``out``); ``roster``: the class
    list exported from the LMS (``--roster``), ``missing``: ``blank`` or ``zero``."""
    from .grading import roster as rosters

    found = assignment.load(course_file(assignment_file))
    paths = [course_file(p) for p in ([submissions] if isinstance(submissions, str | Path)
                                      else submissions)]
    listed = rosters.load(course_file(roster)) if roster is not None else None
    summary = grading.grade(found, paths, out, force=True, roster=listed, missing=missing)
    text = str(summary).replace(str(Path(out)), "OUT").replace(
        str(content.exercises_dir()) + "/", "")
    return Page(_pre(text), text)


def show_table(path: str | Path, limit: int = 12, columns: list[str] | None = None) -> Page:
    """A CSV file as a table (the first ``limit`` rows; some ``columns`` only)."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    prefix = str(content.exercises_dir().resolve()) + "/"
    rows = [[cell.replace(prefix, "") for cell in row] for row in rows]
    head, body = rows[0], rows[1:]
    keep = [head.index(c) for c in columns] if columns else list(range(len(head)))
    cells = "".join("<tr>" + "".join(f"<td>{escape(row[i])}</td>" for i in keep) + "</tr>"
                    for row in body[:limit])
    more = f"<p>... and {len(body) - limit} more rows.</p>" if len(body) > limit else ""
    table = (f"<table><caption><code>{escape(Path(path).name)}</code>, {len(body)} rows"
             "</caption><thead><tr>" + "".join(f"<th scope='col'>{escape(head[i])}</th>"
                                               for i in keep)
             + f"</tr></thead><tbody>{cells}</tbody></table>")
    html = scrollable(table, f"{Path(path).name}, {len(body)} rows") + more
    text = "\n".join(",".join(row[i] for i in keep) for row in rows[: limit + 1])
    return Page(html, text)


def show_feedback(out: str | Path, student_id: str, limit: int = 40) -> Page:
    """The start of one student's feedback file."""
    from .core.ids import file_stems

    with open(Path(out) / "grades.csv", newline="", encoding="utf-8") as f:
        graded = [row["student_id"] for row in csv.DictReader(f)]
    path = Path(out) / "feedback" / f"{file_stems(graded)[student_id]}.md"
    lines = path.read_text(encoding="utf-8").splitlines()
    text = "\n".join(lines[:limit]) + ("\n\n..." if len(lines) > limit else "")
    return Page(None, text, markdown=text)  # the file is Markdown: show it rendered


_ITEMS = "<h2 id='item-analysis'>"


def _body(out: str | Path) -> str:
    page = (Path(out) / "report.html").read_text(encoding="utf-8")
    return page.split("<body>", 1)[-1].rsplit("</body>", 1)[0]


def show_report(out: str | Path) -> Page:
    """The class report (report.html), radar chart and all, inside the notebook; its item
    analysis is :func:`show_item_analysis`."""
    body = _body(out).split(_ITEMS, 1)[0]
    return Page(body, "class report: " + str(Path(out) / "report.html"))


def show_item_analysis(out: str | Path) -> Page:
    """The report's item analysis: the questions to look at first, the test as a whole,
    every question's statistics (a table sortable by its column headings) and options."""
    from .grading import itempage

    part = _body(out).split(_ITEMS, 1)
    if len(part) < 2:
        text = "This report has no item analysis (it was graded by an older version)."
        return Page(f"<p>{escape(text)}</p>", text)
    html = f"<style>{itempage.STYLE}</style>{_ITEMS}{part[1]}"
    return Page(html, "item analysis: " + str(Path(out) / "item_analysis.csv"))
