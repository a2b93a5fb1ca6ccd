"""A radar chart that lives in a widget and redraws in place.

One ``Figure`` is kept for the chart's life; :meth:`LiveChart.show` moves its artists
(:func:`lmcourse.radar.update`) and replaces the one image in an ``HTML`` widget, an
``<img>`` whose ``alt`` states every value. No new figure per change (so nothing leaks and
nothing stacks up), no flicker, no pyplot.
"""

from __future__ import annotations

import base64
import html

import ipywidgets as w

from . import radar

__all__ = ["LiveChart", "image_html"]


def image_html(png: bytes, alt: str) -> str:
    """An ``<img>`` holding ``png`` inline, with ``alt`` as its text alternative."""
    data = base64.b64encode(png).decode("ascii")
    return (f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt, quote=True)}" '
            f'style="max-width:100%;height:auto">')


class LiveChart:
    """A radar chart in ``self.widget`` (an ``HTML`` widget) that follows new values.

    ``series`` is a list of ``(name, values)`` as for :func:`lmcourse.radar.draw`."""

    def __init__(self, title: str, labels, series, *, highlight=None, size: float = 4.6,
                 limit: float = 100, unit: str = "of 100", rings=(25, 50, 75, 100),
                 missing_key: bool | None = None):
        self.title, self.labels, self.unit = title, list(labels), unit
        self.names = [name for name, _ in series]
        self.fig, ax = radar.new_figure(size=size)
        self.artists = radar.draw(ax, self.labels, series, highlight=highlight, limit=limit,
                                  rings=rings, missing_key=missing_key)
        ax.set_title(title, fontsize=10, pad=14)
        self.widget = w.HTML(layout=w.Layout(min_height=f"{int(size * 90)}px"))
        self.widget.add_class("lmcourse-chart")
        self.values = [list(v) for _, v in series]
        self._render()

    @property
    def alt(self) -> str:
        return radar.alt_text(self.title, self.labels, list(zip(self.names, self.values,
                                                                strict=True)), unit=self.unit)

    def show(self, values_per_series) -> None:
        """Redraw with new values (one list per series) and replace the image."""
        self.values = [list(v) for v in values_per_series]
        radar.update(self.artists, self.values)
        self._render()

    def rename(self, k: int, name: str) -> None:
        """Give series ``k`` a new name, in the legend and in the alt text."""
        self.names[k] = name
        legend = self.artists.ax.get_legend()
        if legend is not None:
            legend.get_texts()[k].set_text(name)

    def _render(self) -> None:
        self.widget.value = image_html(radar.png(self.fig), self.alt)
