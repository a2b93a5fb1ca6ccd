"""The item analysis as part of ``report.html``: for people, flagged questions first.

:func:`section` turns an :class:`lmcourse.grading.analysis.Analysis` into HTML: the
questions to look at first, each flag in plain words with what to do; the test as a whole;
a table of every question, sortable from the keyboard (each column heading is a button;
the page's one small script, :data:`SCRIPT`, sorts and says so in a live region); and per
question a chart of the options chosen by the upper and the lower group, an SVG image
inside the page (``data:`` URL) with alt text that states every value, and a table of the
same numbers. Nothing is fetched: :func:`csp` allows images from ``data:`` and this one
script only. Pure string building; no matplotlib.
"""

from __future__ import annotations

import base64
import hashlib
from html import escape

from ..core.content import DIFFERENCE_IDS
from ..core.points import points
from ..core.profile import LABELS
from ..core.theme import CARD, PALETTES, scrollable
from .analysis import CATEGORICAL, FLAGS, SHORT, Analysis, ItemStats, OptionStats

__all__ = ["section", "csp", "SCRIPT", "STYLE", "chart_svg", "chart_alt"]

UPPER, LOWER = "#0072B2", "#D55E00"  # Okabe-Ito blue and vermillion

#: Sorts a table whose headings hold buttons: numbers by ``data-value``, blanks last.
SCRIPT = """document.querySelectorAll('table.sortable').forEach(function (t) {
  var say = document.getElementById(t.id + '-sorted');
  t.querySelectorAll('thead th button').forEach(function (b) {
    b.addEventListener('click', function () {
      var th = b.parentNode, col = Array.prototype.indexOf.call(th.parentNode.children, th);
      var up = th.getAttribute('aria-sort') !== 'ascending';
      t.querySelectorAll('thead th').forEach(function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', up ? 'ascending' : 'descending');
      var body = t.tBodies[0], rows = Array.prototype.slice.call(body.rows);
      function key(r) { var c = r.cells[col], v = c.getAttribute('data-value');
        return v === null ? c.textContent.trim() : (v === '' ? null : parseFloat(v)); }
      rows.sort(function (a, b) { var x = key(a), y = key(b);
        if (x === null || y === null) { return (x === null) - (y === null); }
        var d = typeof x === 'number' ? x - y : x.localeCompare(y);
        return up ? d : -d; });
      rows.forEach(function (r) { body.appendChild(r); });
      if (say) { say.textContent = 'Sorted by ' + b.textContent + ', ' +
        (up ? 'lowest first.' : 'highest first.'); }
    });
  });
});"""

STYLE = (f".lmcourse-items{{--lmcourse-flag:{PALETTES['light']['wrong-text']}}}"
         "body[data-jp-theme-light=false] .lmcourse-items"
         f"{{--lmcourse-flag:{PALETTES['dark']['wrong-text']}}}"
         ".lmcourse-items th,.lmcourse-items td{text-align:left}"
         ".lmcourse-items td.num{text-align:right}"
         "table.sortable th button{font:inherit;font-weight:bold;background:none;border:0;"
         "padding:0;cursor:pointer;text-align:left;color:inherit;text-decoration:underline}"
         "table.sortable th button:focus-visible{outline:3px solid #0072B2;outline-offset:2px}"
         "th[aria-sort=ascending] button::after{content:' ▲'}"
         "th[aria-sort=descending] button::after{content:' ▼'}"
         ".lmcourse-items .flag{color:var(--lmcourse-flag);font-weight:bold}"
         "details{margin:.4em 0}summary{cursor:pointer}figure{margin:.5em 0}"
         ".visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;"
         "clip:rect(0 0 0 0);white-space:nowrap}")


def csp() -> str:
    """The page's Content-Security-Policy: nothing from the network, ``data:`` images,
    inline styles, and :data:`SCRIPT` (by its hash) as the only script."""
    digest = base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
    return (f"default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
            f"script-src 'sha256-{digest}'")


def _pct(x: float | None) -> str:
    return "" if x is None else f"{100 * x:.0f}%"


def _dec(x: float | None) -> str:
    return "" if x is None else f"{x:.2f}"


def _cell(text: str, value: float | None, cls: str = "num") -> str:
    raw = "" if value is None else f"{value:.6g}"
    return f"<td class='{cls}' data-value='{raw}'>{escape(text) or '–'}</td>"


def _flag_words(item: ItemStats) -> list[str]:
    """Each flag of an item (and of its options) as a sentence and what to do."""
    out = []
    for f in item.flags:
        what, todo = FLAGS[f]
        out.append(f"<li><span class='flag'>{escape(what)}</span> {escape(todo)}</li>")
    for o in item.options:
        for f in o.flags:
            what, todo = FLAGS[f]
            out.append(f"<li>Option {escape(o.option)}, <q>{escape(o.text)}</q>: "
                       "<span class='flag'>"
                       f"{escape(what)}</span> {escape(todo)}</li>")
    return out


def _flagged(a: Analysis) -> str:
    marked = a.flagged
    if not marked:
        return "<p>No question is flagged.</p>"
    parts = []
    for item in marked:
        parts.append(f"<li><a href='#q-{escape(item.question)}'><code>"
                     f"{escape(item.question)}</code></a> {escape(item.title)}"
                     f"<ul>{''.join(_flag_words(item))}</ul></li>")
    return "<ol>" + "".join(parts) + "</ol>"


def _test(a: Analysis) -> str:
    t = a.test
    if not t.students:
        return "<p>No student was graded.</p>"
    head = (f"<p>{t.students} student{'s' if t.students != 1 else ''}, {t.items} scored "
            f"question{'s' if t.items != 1 else ''} worth {points(t.max_points)} points. "
            f"Mean {_dec(t.mean)} points, median {_dec(t.median)}")
    head += f", standard deviation {_dec(t.sd)}." if t.sd is not None else "."
    if t.reliability is None:
        rel = ("<p>Reliability cannot be computed here: it needs at least two questions "
               "and at least two students with different totals.</p>")
    else:
        rel = (f"<p>Reliability ({escape(t.method)}): <strong>{t.reliability:.2f}</strong>. "
               "The closer to 1, the more the questions agree about who knows the material;"
               " near 0 or below, the total mixes unrelated things.")
        if t.sem is not None:
            rel += (f" Standard error of measurement: {t.sem:.2f} points, the typical size "
                    "of the error in one student's total.")
        rel += "</p>"
    small = ("<p>With fewer than 30 students these figures move a lot from one class to the "
             "next: read the flags as hints.</p>" if t.students < 30 else "")
    if a.group_size == 0:
        small += ("<p>The upper and lower groups (27% of the class each) are empty with "
                  "one student, so no question has a discrimination index.</p>")
    return head + "</p>" + rel + small


_COLUMNS = [("Question", None), ("Answered", "answered"), ("Facility", "facility"),
            ("SD", "sd"), ("D (27% groups)", "discrimination_index"),
            ("D reads as", None), ("Corrected r", "point_biserial"),
            ("Discriminative efficiency", "discriminative_efficiency"),
            ("Random guess", "random_guess_score"), ("Flags", None)]


def _sortable(table_id: str, caption: str, columns, rows: list[str], label: str) -> str:
    """A table that :data:`SCRIPT` sorts: each column heading a button, and a live region
    (``<table_id>-sorted``) that says how it is sorted."""
    head = "".join(f"<th scope='col'><button type='button'>{escape(name)}</button></th>"
                   for name in columns)
    return (f"<p class='visually-hidden' role='status' id='{table_id}-sorted'></p>"
            + scrollable(f"<table class='sortable' id='{table_id}'><caption>"
                         f"{escape(caption)}; press a column heading to sort by it (again to "
                         "reverse)</caption><thead><tr>" + head + "</tr></thead><tbody>"
                         + "".join(rows) + "</tbody></table>", label))


def _table(a: Analysis) -> str:
    rows = []
    for i in a.items:
        flags = "; ".join(SHORT[f] for f in i.all_flags)
        rows.append(
            f"<tr><th scope='row'><a href='#q-{escape(i.question)}'><code>"
            f"{escape(i.question)}</code></a></th>"
            + _cell(str(i.answered), i.answered) + _cell(_pct(i.facility), i.facility)
            + _cell(_dec(i.sd), i.sd)
            + _cell(_dec(i.discrimination_index), i.discrimination_index)
            + f"<td>{escape(i.band) or '–'}</td>"
            + _cell(_dec(i.point_biserial), i.point_biserial)
            + _cell(_pct(i.discriminative_efficiency), i.discriminative_efficiency)
            + _cell(_pct(i.random_guess_score), i.random_guess_score)
            + f"<td>{escape(flags) or '–'}</td></tr>")
    return _sortable("items", "Every scored question", [name for name, _ in _COLUMNS], rows,
                     "All questions")


def _short(text: str, most: int = 46) -> str:
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def _label(o: OptionStats, kind: str) -> str:
    """An option as the chart names it: its id and text; a category (of a statement to
    sort, a situation to place) by its name alone."""
    if o.option == "-":
        return "no answer"
    mark = " (key)" if o.correct else ""
    if kind in CATEGORICAL:
        return f"{o.text}{mark}"
    return f"{o.option}{mark}: {_short(o.text)}"


def chart_alt(item: ItemStats) -> str:
    """Every value of :func:`chart_svg`, in words."""
    if item.options and item.options[0].upper_pct is None:
        return f"No chart for {item.question}: the class is too small for groups."
    said = "; ".join(f"{_label(o, item.kind)}: upper {o.upper_pct:.0f}%, lower {o.lower_pct:.0f}%"
                     for o in item.options)
    return (f"Bar chart: share of the upper and of the lower 27% group choosing each option "
            f"of {item.question}. {said}.")


def chart_svg(item: ItemStats) -> str:
    """Horizontal bars: per option, the upper group's share (blue) over the lower
    group's (vermillion, hatched), each with its value written at the end."""
    bar, gap, left, width = 12, 10, 250, 200
    rows = item.options
    height = 28 + len(rows) * (2 * bar + gap)
    out = [f"<svg xmlns='http://www.w3.org/2000/svg' width='{left + width + 60}' "
           f"height='{height}' font-family='sans-serif' font-size='11'>",
           "<defs><pattern id='h' width='4' height='4' patternUnits='userSpaceOnUse'>"
           f"<rect width='4' height='4' fill='{LOWER}'/><path d='M0 4L4 0' stroke='white' "
           "stroke-width='1'/></pattern></defs>",
           f"<rect x='{left}' y='4' width='10' height='10' fill='{UPPER}'/>"
           f"<text x='{left + 14}' y='13'>upper 27%</text>"
           f"<rect x='{left + 90}' y='4' width='10' height='10' fill='url(#h)'/>"
           f"<text x='{left + 104}' y='13'>lower 27%</text>"]
    y = 24
    for o in rows:
        label = escape(_short(_label(o, item.kind), 44))
        out.append(f"<text x='{left - 6}' y='{y + bar + 3}' text-anchor='end'>{label}</text>")
        for value, fill, dy in ((o.upper_pct or 0.0, UPPER, 0), (o.lower_pct or 0.0,
                                                                  "url(#h)", bar)):
            w = width * value / 100
            out.append(f"<rect x='{left}' y='{y + dy}' width='{w:.1f}' height='{bar - 1}' "
                       f"fill='{fill}'/><text x='{left + w + 4:.1f}' y='{y + dy + bar - 2}'>"
                       f"{value:.0f}%</text>")
        y += 2 * bar + gap
    out.append("</svg>")
    return "".join(out)


def _question(item: ItemStats) -> str:
    rows = "".join(
        f"<tr><th scope='row'>{escape(o.option)}{' ✓ key' if o.correct else ''}</th>"
        f"<td>{escape(o.text)}</td><td class='num'>{o.chosen}</td>"
        f"<td class='num'>{o.chosen_pct:.0f}%</td>"
        f"<td class='num'>{'' if o.upper_pct is None else f'{o.upper_pct:.0f}%'}</td>"
        f"<td class='num'>{'' if o.lower_pct is None else f'{o.lower_pct:.0f}%'}</td>"
        f"<td class='num'>{_dec(o.point_biserial) or '–'}</td>"
        f"<td>{escape('; '.join(SHORT[f] for f in o.flags)) or '–'}</td></tr>"
        for o in item.options)
    chosen = "Ticked" if item.kind == "multi" else "Chosen"
    table = scrollable("<table><caption>Options: who chose them</caption><thead><tr>"
             "<th scope='col'>Option</th><th scope='col'>Text</th>"
             f"<th scope='col'>{chosen}</th><th scope='col'>Share</th>"
             "<th scope='col'>Upper 27%</th><th scope='col'>Lower 27%</th>"
             "<th scope='col'>r with the rest</th><th scope='col'>Flags</th></tr></thead>"
             f"<tbody>{rows}</tbody></table>", f"Options of {item.question}")
    figure = ""
    if item.options and item.options[0].upper_pct is not None:
        data = base64.b64encode(chart_svg(item).encode()).decode()
        figure = (f"<figure><img src='data:image/svg+xml;base64,{data}' "
                  f"alt='{escape(chart_alt(item))}' class='lmcourse-card' style='{CARD}'>"
                  "<figcaption>Upper and lower groups' "
                  "choices</figcaption></figure>")
    flags = item.all_flags
    said = f" — flagged: {'; '.join(SHORT[f] for f in flags)}" if flags else ""
    return (f"<details id='q-{escape(item.question)}'{' open' if flags else ''}><summary>"
            f"<code>{escape(item.question)}</code> {escape(item.title)}{escape(said)}"
            f"</summary>{figure}{table}</details>")


def _scales(a: Analysis) -> str:
    if not a.scales:
        return ""
    names = dict(zip(DIFFERENCE_IDS, LABELS, strict=True))
    rows = [f"<tr><th scope='row'>{escape(names.get(s.difference, s.difference))}</th>"
            f"<td>{escape(s.side.capitalize())}</td>" + _cell(str(s.items), s.items)
            + _cell(str(s.students), s.students) + _cell(_dec(s.alpha), s.alpha) + "</tr>"
            for s in a.scales]
    return ("<h3>The self-assessment scales</h3><p>Cronbach's alpha of each side of each "
            "self-assessment, over the students who answered all of that side's questions: "
            "the closer to 1, the more those questions agree with each other. A dash: fewer "
            "than two such students, only one question on that side, or no spread.</p>"
            + _sortable("scales", "Self-assessment scales", ["Difference", "Side", "Questions",
                                                             "Students", "Alpha"], rows,
                        "Self-assessment scales"))


def section(a: Analysis) -> str:
    """The item analysis, as a part of the report page."""
    return ("<h2 id='item-analysis'>Item analysis</h2><div class='lmcourse-items'>"
            "<p>Which questions work and which to fix. Facility is the share of the credit "
            "earned. D compares the top and bottom 27% of the class by total: the larger, "
            "the better the question tells them apart (Ebel and Frisbie read 0.40 and up as "
            "very good, 0.30-0.39 good, 0.20-0.29 marginal, below 0.20 poor). Corrected r "
            "is the correlation of the question with the rest of the test. The same numbers "
            "are in <code>item_analysis.csv</code>, <code>option_analysis.csv</code> and "
            "<code>test_analysis.csv</code>.</p>"
            "<h3>Questions to look at first</h3>" + _flagged(a)
            + "<h3>The test as a whole</h3>" + _test(a)
            + "<h3>All questions</h3>" + _table(a)
            + "<h3>Each question's options</h3><p>Per question, the share of the upper and "
            "of the lower group who chose each option (ticked it, for a choose-all "
            "question). A wrong answer should draw more of the lower group.</p>"
            + "".join(_question(i) for i in a.items) + _scales(a) + "</div>")
