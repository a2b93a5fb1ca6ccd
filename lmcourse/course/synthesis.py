"""Notebook 10's evidence panel: the learner's own answers, gathered before any conclusion.

Thin: :mod:`lmcourse.core.evidence` gathers the data; this module lays it out as four small
tables (two scores and what they cover; what was mixed up; questions missed by difference;
a partner from the cases) and a closing summary. It redraws when an answer is saved in this
kernel (the review round), and on its Update button for answers from other notebooks.
Every table has a caption and header cells, and every count is said in words as well.
"""

from __future__ import annotations

from html import escape

import ipywidgets as w

from ..core import content, feedback, progress, theme
from ..core import evidence as ev
from .charts import _cell_key, score_text
from .style import styled

__all__ = ["evidence"]

_COVERS = {"both": "both sides", "leadership": "the leadership side only",
           "management": "the management side only", "neither": "neither side yet",
           None: "not answered yet"}


def _table(caption: str, head: list[str], rows: list[list[str]]) -> str:
    th = "".join(f"<th scope='col' style='text-align:left;padding:2px 10px 2px 0'>"
                 f"{escape(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(
        (f"<th scope='row' style='text-align:left;font-weight:normal;white-space:nowrap;"
         f"padding:2px 10px 2px 0'>"
         f"{escape(c)}</th>" if i == 0 else
         f"<td style='padding:2px 10px 2px 0'>{escape(c)}</td>") for i, c in enumerate(r))
        + "</tr>" for r in rows)
    table = ("<table style='margin-bottom:14px'>"
             "<caption style='text-align:left;font-weight:bold;padding:4px 0'>"
             f"{escape(caption)}</caption><thead><tr>{th}</tr></thead><tbody>{body}"
             "</tbody></table>")
    return theme.scrollable(table, caption)


def _sides_html(sides: list[ev.Side]) -> str:
    rows = [[content.DIFFERENCE_LABELS[s.difference], score_text(s.leadership),
             score_text(s.management), _COVERS[s.covers]] for s in sides]
    counts = {k: sum(s.covers == k for s in sides) for k in _COVERS}
    if counts[None] == len(sides):
        return ("<p><strong>1. Your two scores.</strong> None of the seven self-assessments "
                "is answered yet, so there are no scores to read. Each difference notebook, "
                "01 to 07, has one near its start; answer any of them, then press Update "
                "below.</p>")
    said = (f"At {ev.COVERED} or more on a side (the line the pair-up tool draws), you cover both "
            f"sides on {counts['both']} of the seven differences, one side on "
            f"{counts['leadership'] + counts['management']}, and neither yet on "
            f"{counts['neither']}" + (f"; {counts[None]} not answered yet" if counts[None]
                                      else "") + ".")
    return (_table("1. Your two scores (0-100) and what they cover",
                   ["Difference", "Leadership side", "Management side", "You cover"], rows)
            + f"<p>{escape(said)}</p>")


_SIDE = {"leadership": "the leadership side", "management": "the management side",
         "both": "both sides"}


def _label(diff: str) -> str:
    return content.DIFFERENCE_LABELS[diff]


def _mixups_html(mix: ev.Mixups) -> str:
    if mix.empty:
        return ("<p><strong>2. What you mixed up.</strong> Nothing recorded yet: either you "
                "have not checked the sorting exercises of notebooks 01-07, the \"which "
                "difference is this?\" sets of 04 and 07 or the review round, or each "
                "answer you checked was right.</p>")
    out = ""
    if mix.places:
        rows = [[f"{_label(a)} and {_label(b)}", str(ab + ba),
                 "; ".join(part for part in (
                     f"{_label(a)} placed under {_label(b)}: {ab}" if ab else "",
                     f"{_label(b)} placed under {_label(a)}: {ba}" if ba else "") if part)]
                for a, b, ab, ba in mix.pairs()]
        out += _table("2a. Differences you mixed up when placing situations",
                      ["Differences", "Times", "Which way"], rows)
    if mix.sorting:
        rows = [[_SIDE[right], _SIDE[chosen], str(n),
                 ", ".join(f"{_label(d)} ({k})" if k > 1 else _label(d)
                           for d, k in sorted(diffs.items(), key=lambda dk: (
                               -dk[1], content.DIFFERENCE_IDS.index(dk[0]))))]
                for right, chosen, n, diffs in mix.sides()]
        out += _table("2b. Statements sorted onto another side (notebooks 01-07)",
                      ["It belongs on", "You chose", "Times", "In the sorting of"], rows)
    return out


def _missed_html(rows: list[ev.Missed]) -> str:
    if not rows:
        return ("<p><strong>3. Questions missed.</strong> You have not checked a question yet: "
                "press Check on any exercise in notebooks 00-09, then Update here.</p>")
    table = [[r.about, str(r.checked), str(r.missed), str(r.cleared)] for r in rows]
    return _table("3. Questions you missed, by difference",
                  ["About", "Questions checked", "Missed at some check",
                   "Since answered right in the review round"], table)


def _pairings_html(pairs: list[ev.Pairing], answered: int) -> str:
    if not pairs:
        return ("<p><strong>4. A partner from the cases.</strong> Answer at least one "
                "self-assessment in notebooks 01-07 to see what each person would add.</p>")
    rows = []
    for p in pairs:
        adds = "; ".join(f"{_label(d)}, {side} side" for d, side in p.adds)
        rows.append([p.person, f"{p.both} of {answered}",
                     adds or "nothing you do not already cover"])
    return (_table("4. You and a partner from the case studies (our readings of them)",
                   ["Partner", "Both sides covered together, of the differences you "
                    "answered", "What they would add"], rows)
            + "<p>Try any of these in the pair-up tool below: its Preset menu has \"Me, "
            "with ... as person B\" for each of the four.</p>")


def _summary_html(s: ev.Summary) -> str:
    """What the four tables add up to, in plain words about the answers, never the person."""
    if not s.answered:
        return ("<p><strong>What it adds up to.</strong> Nothing yet: the summary needs at "
                "least one self-assessment from notebooks 01-07. Each takes a few minutes; "
                "answer one or two, then press Update.</p>")
    parts = [f"Of the {s.answered} difference{'s' if s.answered > 1 else ''} you answered, "
             f"you cover both sides on {s.both}, one side on {s.one} and neither yet on "
             f"{s.neither}."]
    if s.both == s.answered:
        parts.append("On your own ratings you cover both sides everywhere you answered. In our "
                     "readings none of the four people from the cases did that on more than "
                     f"{s.cases_most} of the seven, so ask a colleague whether they would "
                     "draw you the same way.")
    elif s.partner and s.partner.both > s.both:
        parts.append(f"With {s.partner.person} beside you, in our reading of the case, the two of "
                     f"you would cover both sides on {s.partner.both}: a second person "
                     "fills sides that one person leaves thin.")
    elif s.partner:
        parts.append("None of the four people from the cases would add a difference on "
                     "which the two of you cover both sides: on your answers, the gaps are "
                     "ones a partner would have to be chosen for.")
    if s.blur:
        a, b, ab, ba = s.blur
        parts.append(f"The pair you mixed up most often is {_label(a)} and {_label(b)} "
                     f"({ab + ba} time{'s' if ab + ba > 1 else ''}); keep it in mind for the "
                     "section on the framework below.")
    return f"<p><strong>What it adds up to.</strong> {escape(' '.join(parts))}</p>"


def evidence() -> w.VBox:
    """The learner's evidence, from saved answers, with an Update button."""
    store = progress.shared()
    course = content.load_course()
    out = w.HTML(layout=w.Layout(width="100%"))
    button = w.Button(description="Update from my latest answers", icon="refresh",
                      tooltip="Read your saved answers again, including those from other "
                      "notebooks", layout=w.Layout(width="auto"))

    def show(_=None):
        try:
            data = store.load()
            found, pairs = ev.sides(course, data), ev.pairings(course, data)
            mixes = ev.mixups(course, data)
            summary = ev.summary_of(found, pairs, mixes)
            out.value = "".join([_sides_html(found), _mixups_html(mixes),
                                 _missed_html(ev.missed(course, data)),
                                 _pairings_html(pairs, summary.answered),
                                 _summary_html(summary)])
        except Exception as e:  # noqa: BLE001 - a sentence, never a traceback
            out.value = feedback.notice_html(
                f"Your evidence could not be gathered ({type(e).__name__}: {e}). Your answers "
                "are safe; press Update or re-run this cell.")

    button.on_click(show)
    # answers given in this notebook (the review round above) show at once; those from
    # other notebooks, which run in other kernels, on Update
    store.listen(lambda _what: show(), key=_cell_key("evidence"))
    show()
    return styled(w.VBox([out, w.HBox([button])]), "lmcourse-evidence")
