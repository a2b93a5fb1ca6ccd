"""The review round: the questions a learner missed earlier, asked again, mixed across the
differences with new "which difference is this?" situations.

Which questions, and in what order, is :mod:`lmcourse.core.review`'s job; this module only
shows them with the same widgets as the notebooks. A question answered right here leaves
the round for good; answers given here do not replace the learner's saved answers in the
notebooks, but a wrong one is kept beside them for notebook 10's table of mix-ups.
"""

from __future__ import annotations

from html import escape

import ipywidgets as w

from ..core import content, feedback, progress
from ..core import review as plan
from ..core.problems import show
from .exercises import build
from .style import styled

__all__ = ["review"]


def review(limit: int = 12) -> w.VBox:
    """Up to ``limit`` questions due (a whole number, 1 or more), dealt out across the
    differences."""
    if not isinstance(limit, int) or isinstance(limit, bool):
        raise TypeError(f"lm.review takes how many questions to ask, as a whole number such "
                        f"as 12; it was given {show(limit)} ({type(limit).__name__}).")
    if limit < 1:
        raise ValueError(f"lm.review takes how many questions to ask, 1 or more; it was "
                         f"given {limit}.")
    store = progress.shared()
    course = content.load_course()
    due, total = plan.plan(course, store.load(), limit)
    if not due:
        return styled(w.VBox([w.HTML(
            "<p role='status'><strong>Nothing to review yet.</strong> Questions you answer "
            "wrong at a Check in notebooks 00-09 come back here, mixed with new situations "
            "to place. Either you have cleared the round, or there is nothing left in it."
            "</p>")]), "lmcourse-review")
    status = w.HTML()
    left = {q.key for q in due}

    def done(key, exercise_id):
        def after(result):
            note = ""
            try:
                store.note_wrong(exercise_id, result)  # for notebook 10's mix-ups
                if result.status == "right" and key in left:
                    left.discard(key)
                    store.mark_reviewed(key)
            except progress.NotSaved as e:
                note = feedback.notice_html(str(e))
            status.value = (f"<p role='status'>{len(left)} question(s) of this round still to "
                            "get right.</p>" + note)
        return after

    parts = []
    for q in due:
        where = course.files[q.notebook]["title"] if q.notebook in course.files else ""
        about = content.DIFFERENCE_LABELS[q.difference] if q.difference else ""
        label = ("New situation to place" if q.fresh else f"From <em>{escape(where)}</em>"
                 + (f" · {escape(about)}" if about else ""))
        parts.append(w.HTML(f"<hr><p><small>{label}</small></p>"))
        parts.append(build(q.exercise, store, save=False,
                           on_result=done(q.key, q.exercise["id"])).box)
    fresh = sum(q.fresh for q in due)
    intro = w.HTML(f"<p role='status'>{total} question(s) to review"
                   + (f"; here are the first {limit}" if total > limit else "")
                   + (f", {fresh} of them new situations to place" if fresh else "")
                   + ". They are mixed across the differences on purpose. Answer each and "
                   "press Check.</p>")
    return styled(w.VBox([intro, *parts, status]), "lmcourse-review")
