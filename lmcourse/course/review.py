"""The review round: the questions a learner missed earlier, asked again.

Retrieval practice works best on what was not yet known, so the round collects every
question answered wrong at some check (:func:`lmcourse.core.profile.missed_questions`) and asks
it again with the same widgets. A question answered right here leaves the round for good;
answers given here do not replace the learner's saved answers in the notebooks.
"""

from __future__ import annotations

from html import escape

import ipywidgets as w

from ..core import content, feedback, profile, progress
from ..core.problems import show
from .exercises import build
from .style import styled

__all__ = ["review"]


def _question(ex: dict, item: dict | None) -> dict:
    """The exercise to ask again: a classify narrowed to one item, else the exercise."""
    if item is None:
        return ex
    return {**ex, "items": [item], "prompt": ex["prompt"]}


def review(limit: int = 12) -> w.VBox:
    """Up to ``limit`` missed questions (a whole number, 1 or more), oldest notebook
    first."""
    if not isinstance(limit, int) or isinstance(limit, bool):
        raise TypeError(f"lm.review takes how many questions to ask, as a whole number such "
                        f"as 12; it was given {show(limit)} ({type(limit).__name__}).")
    if limit < 1:
        raise ValueError(f"lm.review takes how many questions to ask, 1 or more; it was "
                         f"given {limit}.")
    store = progress.shared()
    course = content.load_course()
    pending = profile.missed_questions(course, store.load())
    if not pending:
        return styled(w.VBox([w.HTML(
            "<p role='status'><strong>Nothing to review yet.</strong> Questions you answer "
            "wrong at a Check in notebooks 00-09 come back here. Either you have not checked "
            "any answers yet, or you got everything right, or you have already cleared the "
            "round.</p>")]), "lmcourse-review")
    status = w.HTML()
    left = {key for key, _, _ in pending[:limit]}

    def done(key):
        def after(result):
            note = ""
            if result.status == "right" and key in left:
                left.discard(key)
                try:
                    store.mark_reviewed(key)
                except progress.NotSaved as e:
                    note = feedback.notice_html(str(e))
            status.value = (f"<p role='status'>{len(left)} question(s) of this round still to "
                            "get right.</p>" + note)
        return after

    parts = []
    for key, ex, item in pending[:limit]:
        where = course.files[ex["_notebook"]]["title"]
        parts.append(w.HTML(f"<hr><p><small>From <em>{escape(where)}</em></small></p>"))
        parts.append(build(_question(ex, item), store, save=False, on_result=done(key)).box)
    intro = w.HTML(f"<p role='status'>{len(pending)} question(s) to review"
                   + (f"; here are the first {limit}." if len(pending) > limit else ".")
                   + " Answer each again and press Check.</p>")
    return styled(w.VBox([intro, *parts, status]), "lmcourse-review")
