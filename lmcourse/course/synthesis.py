"""Notebook 10's evidence panel: the learner's own answers, gathered before any conclusion.

Thin: :mod:`lmcourse.core.evidence` gathers the data; this module lays it out as four small
tables (two scores and what they cover; what was mixed up; questions missed by difference;
a partner from the cases) with an **Update** button, since the learner may answer more in
other notebooks while this one is open. Every table has a caption and header cells, and
every count is said in words as well as in the table.
"""

from __future__ import annotations

from html import escape

import ipywidgets as w

from ..core import content, feedback, progress, scoring, theme
from ..core import evidence as ev
from .style import styled

__all__ = ["evidence"]

_COVERS = {"both": "both sides", "leadership": "the leadership side only",
           "management": "the management side only", "neither": "neither side yet",
           None: "not answered yet"}


def _score(value: float | None) -> str:
    return "not answered" if value is None else f"{value:.0f}"


def _table(caption: str, head: list[str], rows: list[list[str]]) -> str:
    th = "".join(f"<th scope='col' style='text-align:left;padding:2px 10px 2px 0'>"
                 f"{escape(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(
        (f"<th scope='row' style='text-align:left;font-weight:normal;padding:2px 10px 2px 0'>"
         f"{escape(c)}</th>" if i == 0 else
         f"<td style='padding:2px 10px 2px 0'>{escape(c)}</td>") for i, c in enumerate(r))
        + "</tr>" for r in rows)
    table = (f"<table><caption style='text-align:left;font-weight:bold;padding:4px 0'>"
             f"{escape(caption)}</caption><thead><tr>{th}</tr></thead><tbody>{body}"
             "</tbody></table>")
    return theme.scrollable(table, caption)


def _sides_html(sides: list[ev.Side]) -> str:
    rows = [[content.DIFFERENCE_LABELS[s.difference], _score(s.leadership),
             _score(s.management), _COVERS[s.covers]] for s in sides]
    counts = {k: sum(s.covers == k for s in sides) for k in _COVERS}
    said = (f"At {ev.COVERED} or more on a side (the line the pair-up tool draws), you cover both "
            f"sides on {counts['both']} of the seven differences, one side on "
            f"{counts['leadership'] + counts['management']}, and neither yet on "
            f"{counts['neither']}" + (f"; {counts[None]} not answered yet" if counts[None]
                                      else "") + ".")
    return (_table("1. Your two scores (0-100) and what they cover",
                   ["Difference", "Leadership side", "Management side", "You cover"], rows)
            + f"<p>{escape(said)}</p>")


def _mixups_html(mix: ev.Mixups) -> str:
    if mix.empty:
        return ("<p><strong>2. What you mixed up.</strong> Nothing recorded yet: either you "
                "have not checked the sorting exercises of notebooks 01-07 and the \"which "
                "difference is this?\" sets of 04 and 07, or each answer you checked was "
                "right.</p>")
    out = ""
    if mix.places:
        rows = [[content.DIFFERENCE_LABELS[a], content.DIFFERENCE_LABELS[b], str(n)]
                for (a, b), n in mix.places.most_common()]
        out += _table("2a. Situations placed under another difference",
                      ["It was about", "You placed it under", "Times"], rows)
    if mix.sorting:
        rows = [[content.DIFFERENCE_LABELS[d], f"{right} side", scoring.LABELS[chosen], str(n)]
                for (d, right, chosen), n in mix.sorting.most_common()]
        out += _table("2b. Statements sorted onto another side (notebooks 01-07)",
                      ["Difference", "It belongs on the", "You chose", "Times"], rows)
    return out


def _missed_html(rows: list[ev.Missed]) -> str:
    if not rows:
        return "<p><strong>3. Questions missed.</strong> You have not checked a question yet.</p>"
    table = [[r.about, str(r.checked), str(r.missed), str(r.cleared)] for r in rows]
    return _table("3. Questions you missed, by difference",
                  ["About", "Questions checked", "Missed at some check",
                   "Since answered right in the review round"], table)


def _pairings_html(pairs: list[ev.Pairing]) -> str:
    if not pairs:
        return ("<p><strong>4. A partner from the cases.</strong> Answer at least one "
                "self-assessment in notebooks 01-07 to see what each person would add.</p>")
    rows = []
    for p in pairs:
        adds = "; ".join(f"{content.DIFFERENCE_LABELS[d]}, {side} side" for d, side in p.adds)
        rows.append([p.person, f"{p.both} of 7", adds or "nothing you do not already cover"])
    return (_table("4. You and a partner from the case studies (our readings of them)",
                   ["Partner", "Both sides covered together", "What they would add"], rows)
            + "<p>Try any of these in the pair-up tool of notebook 09, with yourself as one "
            "of the two people.</p>")


def evidence() -> w.VBox:
    """The learner's evidence, from saved answers, with an Update button."""
    store = progress.shared()
    course = content.load_course()
    out = w.HTML(layout=w.Layout(width="100%"))
    button = w.Button(description="Update", tooltip="Read your saved answers again",
                      layout=w.Layout(width="auto"))

    def show(_=None):
        try:
            data = store.load()
            out.value = "".join([
                _sides_html(ev.sides(course, data)),
                _mixups_html(ev.mixups(course, data)),
                _missed_html(ev.missed(course, data)),
                _pairings_html(ev.pairings(course, data))])
        except Exception as e:  # noqa: BLE001 - a sentence, never a traceback
            out.value = feedback.notice_html(
                f"Your evidence could not be gathered ({type(e).__name__}: {e}). Your answers "
                "are safe; press Update or re-run this cell.")

    button.on_click(show)
    show()
    return styled(w.VBox([out, button]), "lmcourse-evidence")
