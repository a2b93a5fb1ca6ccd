"""A radar chart as SVG text, drawn by hand, for the class report.

The course draws its radars with matplotlib (:mod:`lmcourse.core.radar`); the grader's
report draws the same chart, with the same palette, line styles, markers, rings and
missing-value marks, as a few dozen SVG elements. Importing matplotlib and rendering one
PNG takes ~0.7 s of CPU, most of the time a small class takes to grade and a third of a
large one's on a two-core machine; this takes under a millisecond, and the chart stays
sharp at any zoom. Everything shown is ours (labels, numbers, colours); it is escaped all
the same.

>>> svg = radar_svg("Class", ["Focus", "Change", "Results"],
...                 [("Leadership side", [80, 40, None])], alt="Radar chart: ...")
>>> svg.startswith("<svg") and "Focus" in svg and "<title>Class</title>" in svg
True
"""

from __future__ import annotations

import math
from html import escape

from .radar import MISSING_COLOR, PALETTE, STYLES

__all__ = ["radar_svg"]

_DASH = {"-": "", "--": "7 4", ":": "2 3", "-.": "7 3 2 3"}
_WIDTH, _RADIUS = 560, 165
_TOP = 62  # room for the title and the top label
_KEY = 172  # the width of one legend entry
_CX, _CY = _WIDTH / 2, _TOP + 30 + _RADIUS


def _xy(angle: float, r: float) -> tuple[float, float]:
    """The point at ``angle`` (clockwise from the top) and radius ``r`` in pixels."""
    return _CX + r * math.sin(angle), _CY - r * math.cos(angle)


def _f(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _marker(kind: str, x: float, y: float, color: str) -> str:
    if kind == "s":
        return (f"<rect x='{_f(x - 3.5)}' y='{_f(y - 3.5)}' width='7' height='7' "
                f"fill='{color}'/>")
    if kind == "^":
        return (f"<polygon points='{_f(x)},{_f(y - 4.5)} {_f(x - 4)},{_f(y + 3)} "
                f"{_f(x + 4)},{_f(y + 3)}' fill='{color}'/>")
    if kind == "D":
        return (f"<polygon points='{_f(x)},{_f(y - 4.5)} {_f(x + 4.5)},{_f(y)} "
                f"{_f(x)},{_f(y + 4.5)} {_f(x - 4.5)},{_f(y)}' fill='{color}'/>")
    return f"<circle cx='{_f(x)}' cy='{_f(y)}' r='3.5' fill='{color}'/>"


def _hole(x: float, y: float) -> str:
    return (f"<circle cx='{_f(x)}' cy='{_f(y)}' r='5.5' fill='#FFFFFF' "
            f"stroke='{MISSING_COLOR}' stroke-width='1.5'/>")


def _outline(points: list) -> str:
    """Path data through ``points`` (None: missing), closed round the chart, broken at
    a missing value."""
    n = len(points)
    if all(p is not None for p in points):
        return "M" + " L".join(f"{_f(x)},{_f(y)}" for x, y in points) + " Z"
    runs, run = [], []
    start = next(i for i, p in enumerate(points) if p is None)  # begin after a gap
    for k in range(1, n + 1):
        p = points[(start + k) % n]
        if p is None:
            if run:
                runs.append(run)
            run = []
        else:
            run.append(p)
    if run:
        runs.append(run)
    return " ".join("M" + " L".join(f"{_f(x)},{_f(y)}" for x, y in r) for r in runs)


def radar_svg(title: str, labels, series, *, alt: str, limit: float = 100,
              rings=(25, 50, 75, 100), missing_label: str = "not answered") -> str:
    """The chart as one ``<svg>`` element (valid inline in HTML and as an ``.svg`` file):
    ``labels`` name the spokes (the first at the top, going clockwise), ``series`` is a
    list of ``(name, values)``, ``None`` for a missing value (the line breaks there, a
    hollow mark on the rim says so, and the series is not filled). ``alt`` is read out in
    place of the picture (``role='img'``)."""
    n = len(labels)
    angles = [2 * math.pi * i / n for i in range(n)]
    missing = any(v is None for _, values in series for v in values)
    rows = 1 if len(series) + missing <= 3 else 2
    height = int(_CY + _RADIUS + 48 + 22 * rows)
    out = [f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {_WIDTH} {height}' "
           f"width='{_WIDTH}' height='{height}' role='img' aria-label='{escape(alt)}' "
           "font-family='DejaVu Sans, Arial, sans-serif' "
           "style='max-width:100%;height:auto;display:block'>",  # narrows with its page
           f"<title>{escape(title)}</title>",
           f"<rect width='{_WIDTH}' height='{height}' fill='#FFFFFF'/>",
           f"<text x='{_f(_CX)}' y='24' text-anchor='middle' font-size='15' "
           f"fill='#222222'>{escape(title)}</text>"]
    for r in rings:  # the rings, the spokes, then the rim
        out.append(f"<circle cx='{_f(_CX)}' cy='{_f(_CY)}' r='{_f(_RADIUS * r / limit)}' "
                   "fill='none' stroke='#BBBBBB' stroke-width='0.8'/>")
    for a in angles:
        x, y = _xy(a, _RADIUS)
        out.append(f"<line x1='{_f(_CX)}' y1='{_f(_CY)}' x2='{_f(x)}' y2='{_f(y)}' "
                   "stroke='#BBBBBB' stroke-width='0.8'/>")
    out.append(f"<circle cx='{_f(_CX)}' cy='{_f(_CY)}' r='{_RADIUS}' fill='none' "
               "stroke='#999999' stroke-width='1'/>")
    between = math.pi / n  # ring values half-way between the first two spokes
    for r in rings:
        x, y = _xy(between, _RADIUS * r / limit)
        out.append(f"<text x='{_f(x + 3)}' y='{_f(y - 2)}' font-size='10' "
                   f"fill='#555555'>{r:g}</text>")
    for a, label in zip(angles, labels, strict=True):
        x, y = _xy(a, _RADIUS + 16)
        s, c = math.sin(a), math.cos(a)
        anchor = "middle" if abs(s) < 0.3 else ("start" if s > 0 else "end")
        y += 4 - 6 * c  # the label sits off the rim, above it at the top, below at the foot
        out.append(f"<text x='{_f(x)}' y='{_f(y)}' text-anchor='{anchor}' font-size='13' "
                   f"fill='#222222'>{escape(label)}</text>")
    legend = []
    for k, (name, values) in enumerate(series):
        color = PALETTE[k % len(PALETTE)]
        style, marker = STYLES[k % len(STYLES)]
        dash = f" stroke-dasharray='{_DASH.get(style, '')}'" if _DASH.get(style) else ""
        points = [None if v is None else _xy(a, _RADIUS * max(0.0, min(float(v), limit))
                                                / limit)
                  for a, v in zip(angles, values, strict=True)]
        if all(p is not None for p in points):
            out.append("<polygon points='" + " ".join(f"{_f(x)},{_f(y)}" for x, y in points)
                       + f"' fill='{color}' fill-opacity='0.15' stroke='none'/>")
        out.append(f"<path d='{_outline(points)}' fill='none' stroke='{color}' "
                   f"stroke-width='2.2' stroke-linejoin='round'{dash}/>")
        out += [_marker(marker, x, y, color) for x, y in filter(None, points)]
        out += [_hole(*_xy(a, _RADIUS)) for a, p in zip(angles, points, strict=True)
                if p is None]
        legend.append((name, color, dash, marker))
    keys = [*legend, (missing_label, None, "", "hole")] if missing else legend
    base = _CY + _RADIUS + 48
    per_row = math.ceil(len(keys) / rows)
    for i, (name, color, dash, marker) in enumerate(keys):
        row, col = divmod(i, per_row)
        x = _CX - _KEY * per_row / 2 + _KEY * col + 8
        y = base + 22 * row
        if color is None:
            out.append(_hole(x + 14, y - 4))
        else:
            out.append(f"<line x1='{_f(x)}' y1='{_f(y - 4)}' x2='{_f(x + 28)}' "
                       f"y2='{_f(y - 4)}' stroke='{color}' stroke-width='2.2'{dash}/>")
            out.append(_marker(marker, x + 14, y - 4, color))
        out.append(f"<text x='{_f(x + 36)}' y='{_f(y)}' font-size='12' "
                   f"fill='#222222'>{escape(name)}</text>")
    out.append("</svg>")
    return "\n".join(out)
