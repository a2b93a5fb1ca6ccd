"""Radar charts drawn on a matplotlib ``Axes``, and their words for people who cannot see them.

Plain functions in the spirit of matplotlib's own advice: :func:`draw` takes a polar
``Axes`` and returns the artists it drew; :func:`update` moves those artists to new values,
so a live chart redraws without a new figure. :func:`new_figure` uses the object API
(``matplotlib.figure.Figure``): no pyplot state, no backend switch, no global settings.
A value of ``None`` is *missing* (not answered yet): the line breaks there, the series is not
filled, and a hollow marker on the rim says so; it is never drawn as zero.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field

__all__ = ["PALETTE", "STYLES", "RadarArtists", "new_figure", "draw", "update", "png",
           "alt_text"]

#: Okabe-Ito colours: told apart with every common kind of colour blindness.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#000000")
#: Line style and marker per series, so series differ in more than colour.
STYLES = (("-", "o"), ("--", "s"), (":", "^"), ("-.", "D"), ("-", "v"), ("--", "P"))
MISSING_COLOR = "#666666"


@dataclass
class RadarArtists:
    """What :func:`draw` drew, to be moved by :func:`update`."""

    ax: object
    angles: list[float]
    limit: float
    lines: list = field(default_factory=list)
    fills: list = field(default_factory=list)
    missing: list = field(default_factory=list)  # one marker artist per series
    labels: list = field(default_factory=list)


def new_figure(size: float = 4.6, dpi: int = 90):
    """A ``Figure`` with one polar ``Axes``, outside pyplot: ``(fig, ax)``."""
    from .mplconfig import prepare

    prepare()  # before matplotlib's first import: a writable config folder, no warnings
    from matplotlib.figure import Figure

    fig = Figure(figsize=(size, size), dpi=dpi, layout="constrained")
    ax = fig.add_subplot(projection="polar")
    return fig, ax


def _closed(angles, values, limit):
    """Closed outline, NaN where a value is missing (so the line breaks there)."""
    rs = [math.nan if v is None else max(0.0, min(float(v), limit)) for v in values]
    return angles + angles[:1], rs + rs[:1]


def _area(angles, values, limit):
    """The filled area's points; empty when a value is missing, since an area drawn past a
    missing spoke would claim a value there."""
    if any(v is None for v in values):
        return [(0.0, 0.0)]
    return [(a, max(0.0, min(float(v), limit))) for a, v in zip(angles, values, strict=True)]


def draw(ax, labels, series, *, limit: float = 100, rings=(25, 50, 75, 100), highlight=None,
         fill: bool = True, missing_key: bool | None = None,
         missing_label: str = "not answered yet") -> RadarArtists:
    """Draw one closed polygon per series on the polar ``ax``.

    ``labels`` name the spokes (the first at the top, going clockwise); ``series`` is a list
    of ``(name, values)`` with one value per spoke, ``None`` for missing. ``highlight`` is
    the index of a spoke whose label is set in bold. The legend explains the missing-value
    marker when a value is missing, or always with ``missing_key=True`` (for a live chart
    whose values may go missing later), under ``missing_label``. Returns
    :class:`RadarArtists`."""
    n = len(labels)
    angles = [2 * math.pi * i / n for i in range(n)]
    ax.set_theta_zero_location("N")
    ax.set_theta_direction(-1)
    ax.set_ylim(0, limit)
    ax.set_yticks(list(rings))
    ax.set_yticklabels([str(r) for r in rings], fontsize=7, color="#555555")
    ax.set_rlabel_position(180 / n)
    _, texts = ax.set_thetagrids([math.degrees(a) for a in angles], list(labels), fontsize=9)
    for i, text in enumerate(texts):
        if i == highlight:
            text.set_fontweight("bold")
    ax.tick_params(axis="x", pad=13)
    ax.grid(color="#bbbbbb", linewidth=0.6)
    ax.spines["polar"].set_color("#999999")
    art = RadarArtists(ax, angles, limit, labels=list(texts))
    for k, (name, values) in enumerate(series):
        color = PALETTE[k % len(PALETTE)]
        style, marker = STYLES[k % len(STYLES)]
        xs, ys = _closed(angles, values, limit)
        (line,) = ax.plot(xs, ys, linestyle=style, marker=marker, markersize=4, linewidth=2,
                          color=color, label=name, zorder=3)
        art.lines.append(line)
        if fill:
            from matplotlib.patches import Polygon

            patch = Polygon(_area(angles, values, limit), closed=True, facecolor=color,
                            alpha=0.15, edgecolor="none", zorder=2)
            ax.add_patch(patch)
            art.fills.append(patch)
        gone = [a for a, v in zip(angles, values, strict=True) if v is None]
        (hole,) = ax.plot(gone, [limit] * len(gone), linestyle="none", marker="o",
                          markersize=9, markerfacecolor="white", markeredgecolor=MISSING_COLOR,
                          markeredgewidth=1.5, zorder=4, clip_on=False)
        # Kept out of the layout: an empty marker line measures as a point at the figure's
        # corner, and constrained layout then shrinks the axes a little on every redraw.
        hole.set_in_layout(False)
        art.missing.append(hole)
    if missing_key is None:
        missing_key = any(v is None for _, values in series for v in values)
    if missing_key:
        from matplotlib.lines import Line2D

        handles = art.lines + [Line2D([], [], linestyle="none", marker="o", markersize=8,
                                      markerfacecolor="white", markeredgecolor=MISSING_COLOR)]
        names = [name for name, _ in series] + [missing_label]
    else:
        handles, names = art.lines, [name for name, _ in series]
    if series:
        ax.legend(handles, names, loc="upper center", bbox_to_anchor=(0.5, -0.12),
                  ncol=min(2, len(names)), fontsize=8, frameon=False)
    return art


def update(art: RadarArtists, values_per_series) -> None:
    """Move the drawn series to new values (same order and length as drawn)."""
    for k, values in enumerate(values_per_series):
        xs, ys = _closed(art.angles, values, art.limit)
        art.lines[k].set_data(xs, ys)
        if art.fills:
            art.fills[k].set_xy(_area(art.angles, values, art.limit))
        gone = [a for a, v in zip(art.angles, values, strict=True) if v is None]
        art.missing[k].set_data(gone, [art.limit] * len(gone))


def png(fig) -> bytes:
    """The figure as PNG bytes; fast compression, since these images are redrawn often."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", pil_kwargs={"compress_level": 1})
    return buf.getvalue()


def alt_text(title: str, labels, series, *, unit: str = "of 100",
             missing_label: str = "not answered yet") -> str:
    """A sentence per series stating every value, for the image's ``alt`` attribute.

    >>> alt_text("Profile", ["Focus", "Change"], [("Leadership side", [80, None])])
    'Radar chart: Profile. Leadership side: Focus 80 of 100, Change not answered yet.'
    """
    parts = []
    for name, values in series:
        said = ", ".join(f"{label} {v:.0f} {unit}" if v is not None
                         else f"{label} {missing_label}"
                         for label, v in zip(labels, values, strict=True))
        parts.append(f"{name}: {said}.")
    return f"Radar chart: {title}. " + " ".join(parts)
