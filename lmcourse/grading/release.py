"""Release: what students receive for an assignment, with no answer key of a graded question.

:func:`release` writes two files into the release folder:

- ``<id>-questions.json``: the assignment's exercises as
  :func:`lmcourse.grading.assignment.student_copy` gives them: practice questions
  whole, graded questions without ``answer``, ``feedback``, ``correct`` or ``explanation``
  (those return with the feedback);
- ``<id>.ipynb``: a notebook in the course's style (prose, one-line hidden calls) that shows
  each exercise with the course's widgets and ends with a "Save my submission" button
  (:mod:`lmcourse.course.sheet`).

Pure: builds the notebook as plain JSON (nbformat 4), writes each file atomically, and
refuses to replace files unless ``force=True``.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..core.files import atomic_write
from ..core.points import points
from .assignment import Assignment, student_copy

__all__ = ["release", "notebook", "ReleaseError"]


class ReleaseError(RuntimeError):
    """The release folder already holds this assignment (and ``force`` is false)."""


def _md(text: str) -> dict:
    return {"cell_type": "markdown", "metadata": {}, "source": text}


def _code(text: str) -> dict:
    return {"cell_type": "code", "execution_count": None,
            "metadata": {"jupyter": {"source_hidden": True}}, "outputs": [], "source": text}


def notebook(assignment: Assignment, questions_file: str) -> dict:
    """The student notebook (nbformat 4 JSON) for ``assignment``."""
    due = (f"**Due:** {assignment.due.strftime('%A %d %B %Y, %H:%M %Z')}.\n\n"
           if assignment.due else "")
    graded = assignment.hidden
    intro = (f"# {assignment.title}\n\n{due}"
             + (f"{assignment.instructions}\n\n" if assignment.instructions else "")
             + f"This assignment is worth {points(assignment.max_points, unit=True)}.\n\n"
             "**How it works.** Questions marked *practice* have a **Check** button: you see "
             "the feedback at once, and may change your answer and check again. Questions "
             "marked *graded* have a **Save answer** button instead: your answer is kept, "
             "and its feedback reaches you after grading"
             + (f" ({len(graded)} of the {len(assignment.exercises)} exercises here)"
                if graded else "")
             + ". Every answer is saved the moment you give it, so you can close this "
             "notebook and come back.\n\nWhen you are done, go to **Hand in** at the end, "
             "type your name and student id, and press **Save my submission**. It writes one "
             "file next to this notebook (and offers it as a download); hand in that file "
             "as your instructor asks.")
    cells = [_md(intro),
             _code(f'from lmcourse import handin\nsheet = handin.sheet("{questions_file}")')]
    for n, (ex_id, ex) in enumerate(assignment.exercises.items(), 1):
        count = sum(1 for q in assignment.questions if q.exercise == ex_id)
        worth = (f"{points(assignment.points[ex_id], unit=True)} per question, {count} question"
                 f"{'s' if count != 1 else ''}" if count else "no points: there is no wrong "
                 "answer here")
        cells.append(_md(f"## Question {n}: {ex['title']}\n\n*{assignment.modes[ex_id]}; "
                         f"{worth}.*"))
        cells.append(_code(f'sheet.exercise("{ex_id}")'))
    cells.append(_md("## Hand in\n\nCheck your name and student id, then press **Save my "
                     "submission**. You may save again later: the newest file counts."))
    cells.append(_code("sheet.save_button()"))
    for n, cell in enumerate(cells):
        cell["id"] = f"{assignment.id}-{n:02d}"
    return {"cells": cells, "metadata": {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"}}, "nbformat": 4, "nbformat_minor": 5}


def release(assignment: Assignment, out: str | Path, *, force: bool = False) -> list[Path]:
    """Write the student copy of ``assignment`` into ``out``; returns the files written."""
    out = Path(out)
    questions = out / f"{assignment.id}-questions.json"
    nb = out / f"{assignment.id}.ipynb"
    existing = [p for p in (questions, nb) if p.exists()]
    if existing and not force:
        raise ReleaseError(f"{existing[0]} already exists; pass --force to replace it")
    out.mkdir(parents=True, exist_ok=True)
    data = student_copy(assignment)
    atomic_write(questions, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    for cell in (nbjson := notebook(assignment, questions.name))["cells"]:
        cell["source"] = cell["source"].splitlines(keepends=True)
    atomic_write(nb, json.dumps(nbjson, ensure_ascii=False, indent=1) + "\n")
    return [nb, questions]
