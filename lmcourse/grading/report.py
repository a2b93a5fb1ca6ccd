"""The class report: how the class did, question by question, and its average profile.

:class:`ClassStats` is filled in while grading (cheap counters, one pass); :func:`html`
turns it into one self-contained page: the score distribution as a table with bars in
words and numbers, each question's share right and its most-chosen wrong answer, and the
class's average self-assessment as a radar chart (SVG, drawn by
:mod:`lmcourse.core.svgradar`, with alt text stating every value). Pure: no matplotlib, no
widgets.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from html import escape

from ..core.content import DIFFERENCE_IDS, POLES
from ..core.points import points
from ..core.profile import LABELS
from ..core.radar import alt_text
from ..core.svgradar import radar_svg as draw_radar
from ..core.theme import CARD, scrollable

__all__ = ["ClassStats", "QuestionStats", "html", "radar_svg", "radar_alt", "bands", "BINS"]

#: Score bands of the distribution, in percent.
BINS = [(0, 10), (10, 20), (20, 30), (30, 40), (40, 50), (50, 60), (60, 70), (70, 80),
        (80, 90), (90, 101)]


@dataclass
class QuestionStats:
    key: str
    title: str
    points: float
    earned: float = 0.0  # fraction of the question's credit, summed over students
    answered: int = 0
    wrong: Counter = field(default_factory=Counter)  # wrong answer label -> count


@dataclass
class ClassStats:
    """Counters kept while grading."""

    assignment_id: str
    title: str
    max_points: float
    questions: list[QuestionStats] = field(default_factory=list)
    percents: list[float] = field(default_factory=list)
    late: int = 0
    not_graded: int = 0
    # difference -> pole -> [sum, count] of self-assessment pole scores
    poles: dict = field(default_factory=lambda: {d: {p: [0.0, 0] for p in POLES}
                                                   for d in DIFFERENCE_IDS})

    @property
    def graded(self) -> int:
        return len(self.percents)

    def add_poles(self, difference: str, scores: dict) -> None:
        for pole, value in scores.items():
            if value is not None:
                acc = self.poles[difference][pole]
                acc[0] += value
                acc[1] += 1

    def profile(self) -> dict[str, list[float | None]]:
        """The class's mean score on each pole of each difference (None: nobody answered)."""
        return {p: [round(self.poles[d][p][0] / self.poles[d][p][1], 1)
                    if self.poles[d][p][1] else None for d in DIFFERENCE_IDS] for p in POLES}

    def has_profile(self) -> bool:
        return any(acc[1] for d in self.poles.values() for acc in d.values())

    def distribution(self) -> list[int]:
        counts = [0] * len(BINS)
        for pct in self.percents:
            for i, (lo, hi) in enumerate(BINS):
                if lo <= pct < hi:
                    counts[i] += 1
                    break
        return counts


def bands(stats: ClassStats) -> list[tuple[str, int]]:
    """The score distribution: ``(band such as "30-39%", students)`` for each of
    :data:`BINS`."""
    return [(f"{lo}-{hi - 1}%" if hi <= 100 else f"{lo}-100%", count)
            for (lo, hi), count in zip(BINS, stats.distribution(), strict=True)]


def radar_alt(stats: ClassStats) -> str:
    prof = stats.profile()
    return alt_text(f"the class's average self-assessment ({stats.graded} students)", LABELS,
                    [("Leadership side", prof["leadership"]),
                     ("Management side", prof["management"])])


def radar_svg(stats: ClassStats) -> str:
    """The class's average self-assessment radar, as an ``<svg>`` element."""
    prof = stats.profile()
    return draw_radar("Class average self-assessment (0-100)", LABELS,
                [("Leadership side", prof["leadership"]),
                 ("Management side", prof["management"])], alt=radar_alt(stats))


def html(stats: ClassStats, svg: str | None = None, *, problems: int = 0,
         analysis: str = "") -> str:
    """The report as one HTML page; ``svg`` (from :func:`radar_svg`) is embedded;
    ``analysis`` is the item analysis section (:func:`lmcourse.grading.itempage.section`).
    A Content-Security-Policy lets the page load nothing and run only the item analysis's
    table sorter."""
    from . import itempage

    n = stats.graded
    parts = [f"<h1>Class report: {escape(stats.title)}</h1>",
             f"<p>Assignment <code>{escape(stats.assignment_id)}</code>. "
             f"{n} student{'s' if n != 1 else ''} graded"
             + (f", {stats.late} of them late" if stats.late else "")
             + (f"; {problems} line(s) in problems.csv" if problems else "")
             + f". Maximum {points(stats.max_points)} points.</p>"]
    if n:
        pcts = stats.percents
        parts.append(f"<p>Mean {statistics.fmean(pcts):.1f}%, median "
                     f"{statistics.median(pcts):.1f}%, lowest {min(pcts):.1f}%, highest "
                     f"{max(pcts):.1f}%.</p>")
    parts.append("<h2>Score distribution</h2>")
    counts = stats.distribution()
    top = max(counts) if counts and max(counts) else 1
    rows = []
    for band, count in bands(stats):
        width = round(200 * count / top)
        rows.append(f"<tr><th scope='row'>{band}</th><td>{count}</td><td aria-hidden='true'>"
                    f"<div style='background:#0072B2;height:12px;width:{width}px'></div></td>"
                    "</tr>")
    parts.append(scrollable("<table><caption>Students per score band</caption><thead><tr>"
                            "<th scope='col'>Score</th><th scope='col'>Students</th>"
                            "<th scope='col'>Bar</th></tr></thead><tbody>" + "".join(rows)
                            + "</tbody></table>", "Students per score band"))
    parts.append("<h2>Questions, hardest first</h2>")
    qrows = []
    ranked = sorted(stats.questions, key=lambda q: q.earned / n if n else 0)
    for q in ranked:
        share = 100 * q.earned / n if n else 0.0
        wrong = q.wrong.most_common(1)
        common = (f"{escape(wrong[0][0])} ({wrong[0][1]} student"
                  f"{'s' if wrong[0][1] != 1 else ''})" if wrong else "none")
        qrows.append(f"<tr><th scope='row'><code>{escape(q.key)}</code><br>"
                     f"{escape(q.title)}</th><td>{share:.0f}%</td><td>{q.answered}</td>"
                     f"<td>{common}</td></tr>")
    caption = "Share of the credit earned, and the wrong answer most often given"
    parts.append(scrollable(f"<table><caption>{caption}</caption><thead><tr>"
                            "<th scope='col'>Question</th><th scope='col'>Right</th>"
                            "<th scope='col'>Answered</th><th scope='col'>Most-chosen wrong "
                            "answer</th></tr></thead><tbody>" + "".join(qrows)
                            + "</tbody></table>", caption))
    parts.append("<h2>The class's average self-assessment</h2>")
    if svg is not None and stats.has_profile():
        parts.append(f"<div class='lmcourse-card' style='{CARD};display:inline-block'>"
                     f"{svg}</div>")
        prof = stats.profile()
        have = [label for label, lead, manage in zip(LABELS, prof["leadership"],
                                                     prof["management"], strict=True)
                if lead is not None or manage is not None]
        counts = ", ".join(f"{label} ({stats.poles[d]['leadership'][1]} students)"
                           for label, d in zip(LABELS, DIFFERENCE_IDS, strict=True)
                           if label in have)
        parts.append(f"<p>Each mean is over the students who answered: {escape(counts)}. "
                     + ("" if len(have) == len(LABELS) else "A spoke marked as not answered "
                        "is a difference this assignment does not ask about.") + "</p>")
    else:
        parts.append("<p>This assignment asks no self-assessment, so there is no class "
                     "profile.</p>")
    if analysis:
        parts.append(analysis)
    style = ("body{font-family:sans-serif;max-width:60em;margin:1em auto;padding:0 1em;"
             "line-height:1.4}"
             "table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #ccc;"
             "padding:2px 8px;text-align:left;vertical-align:top}caption{text-align:left;"
             "font-weight:bold}" + itempage.STYLE)
    script = f"<script>{itempage.SCRIPT}</script>" if analysis else ""
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            f"<meta http-equiv='Content-Security-Policy' content=\"{itempage.csp()}\">"
            f"<title>Class report: {escape(stats.title)}</title><style>{style}</style>"
            "</head><body>" + "\n".join(parts) + script + "</body></html>\n")
