"""The released assignment notebook's widgets: the exercises and a "save my submission" button.

Thin wiring over :mod:`lmcourse.course.exercises` (the course's exercise widgets),
:mod:`lmcourse.core.progress` (answers saved as they are given) and :mod:`lmcourse.core.submission`
(the file handed in). A released notebook calls::

    from lmcourse import handin
    sheet = handin.sheet("week-1-questions.json")
    sheet.exercise("focus-sort")
    sheet.save_button()

Practice questions behave as in the course (Check, feedback at once). Graded questions
arrive without their keys, so their button is **Save answer**: the answer is kept and the
feedback comes after grading. Answers are kept in their own progress file,
``assignment-<id>.json`` beside the course's (``$LMCOURSE_PROGRESS``), so the course's own
notebooks and the assignment never mix.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import ipywidgets as w

from ..core import content, feedback, jsonfile, progress, submission
from . import exercises
from .style import styled

__all__ = ["sheet", "Sheet"]


def _graded(cls):
    """The course widget ``cls`` with Check replaced by Save answer (no key, no score)."""

    class Graded(cls):
        check_label = "Save answer"

        def on_check(self, _button=None):
            if not self.keep(self.value()):
                self.feedback.value = ""
                return
            self.feedback.value = feedback.box(
                feedback.OPEN, "<strong>Saved.</strong> This question is graded: its feedback "
                "reaches you after grading.")

    Graded.__name__ = f"Graded{cls.__name__}"
    return Graded


class Sheet:
    """One released assignment in a notebook."""

    def __init__(self, path: str | Path):
        if not isinstance(path, str | Path):
            raise TypeError(f"handin.sheet takes the path of a released assignment's "
                            f"-questions.json file; it was given {type(path).__name__}.")
        self.path = Path(path)
        data, _, problems = jsonfile.read(self.path)
        if problems:
            raise ValueError(f"{problems[0]}")
        if not isinstance(data, dict) or data.get("format") != "lmcourse-release":
            raise ValueError(f"{self.path} is not a released assignment (it has no "
                             '"format": "lmcourse-release")')
        self.data = data
        self.id = data["assignment"]
        self.entries = {e["exercise"]["id"]: e for e in data["exercises"]}
        base = progress.default_path()
        self.store = progress.Progress(base.with_name(f"assignment-{self.id}.json"),
                                       lambda ex_id: (self.entries.get(ex_id) or {}).get(
                                           "exercise"))

    def exercise(self, exercise_id: str) -> w.VBox:
        """The widget of one exercise of the assignment, with any saved answer restored."""
        if not isinstance(exercise_id, str) or exercise_id not in self.entries:
            raise ValueError(f"There is no exercise {exercise_id!r} in assignment {self.id!r}; "
                             f"it has {', '.join(map(repr, self.entries))}.")
        entry = self.entries[exercise_id]
        ex = entry["exercise"]
        cls = exercises.KINDS[ex["kind"]]
        if entry["mode"] == "graded" and ex["kind"] in content.SCORED_KINDS:
            cls = _graded(cls)
        return cls(ex, self.store).box

    def submission(self, student_id: str, name: str) -> dict:
        """The submission this sheet would save now."""
        return submission.from_progress(self.id, list(self.entries), self.store.load(),
                                        student_id, name)

    def save_button(self, folder: str | Path = ".") -> w.VBox:
        """Name, student id and a **Save my submission** button that writes the file."""
        known = self.store.learner
        if not any(known.values()):
            known = progress.shared().learner
        field = w.Layout(width="100%", max_width="420px")
        name = w.Text(value=known.get("name", ""), description="Name",
                      placeholder="Your full name", layout=field)
        sid = w.Text(value=known.get("id", ""), description="Student id",
                     placeholder="As your instructor asks", layout=field)
        button = w.Button(description="Save my submission", button_style="primary",
                          icon="save", tooltip="Write your answers to one file to hand in",
                          layout=w.Layout(width="auto", align_self="flex-start"))
        status = w.HTML()

        def save(_=None):
            try:
                if not sid.value.strip():
                    status.value = feedback.notice_html("Type your student id first, then "
                                                        "press Save my submission.")
                    return
                try:
                    self.store.set_learner(name.value, sid.value)
                except progress.NotSaved:
                    pass  # the submission below carries the name and id itself
                sub = self.submission(sid.value, name.value)
                path = submission.write(sub, folder)
                raw = path.read_bytes()
                n = len(sub["answers"])
                open_ = len(self.entries) - n
                link = feedback.download_link(raw, path.name, "download it")
                status.value = (
                    f"<p role='status'>✓ Saved <code>{escape(str(path))}</code> with {n} "
                    f"answer{'s' if n != 1 else ''}"
                    + (f" ({open_} question set{'s' if open_ != 1 else ''} left unanswered)"
                       if open_ else "")
                    + f" at {escape(sub['submitted'])}. Hand in this file, or {link} first "
                    "(on Binder, files vanish when the session ends).</p>")
            except Exception as e:  # noqa: BLE001 - a sentence, never a traceback
                status.value = feedback.notice_html(
                    f"Your submission could not be saved ({type(e).__name__}: {e}). Your "
                    "answers are still kept; try again.")

        button.on_click(save)
        box = styled(w.VBox([name, sid, button, status]), "lmcourse-handin")
        self.button, self.name_box, self.id_box, self.status = button, name, sid, status
        return box


def sheet(path: str | Path) -> Sheet:
    """The released assignment in ``path`` (its ``-questions.json`` file)."""
    return Sheet(path)
