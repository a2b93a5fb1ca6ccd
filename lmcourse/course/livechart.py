"""A radar chart that lives in a widget and redraws in place.

One ``Figure`` is kept for the chart's life; :meth:`LiveChart.show` moves its artists
(:func:`lmcourse.core.radar.update`) and replaces the one image in an ``HTML`` widget, an
``<img>`` whose ``alt`` states every value. No new figure per change (so nothing leaks and
nothing stacks up), no flicker, no pyplot.

A redraw is cheap: the layout is worked out once, and everything that does not move
(spokes, labels, rings, title, legend) is drawn once and kept as a background; a change
restores that background and draws only the series on it, which gives the same pixels as
drawing the whole figure again.
"""

from __future__ import annotations

import base64
import html
import io
import textwrap
from operator import methodcaller

import ipywidgets as w

from ..core import radar, theme

__all__ = ["LiveChart", "image_html"]


def image_html(png: bytes, alt: str, size: tuple[int, int] | None = None) -> str:
    """An ``<img>`` holding ``png`` inline, on its card (:data:`lmcourse.core.theme.CARD`),
    with ``alt`` as its text alternative. ``size`` (pixels) lets the page keep the image's
    room, in proportion, before it is decoded and when a narrow page shrinks it."""
    data = base64.b64encode(png).decode("ascii")
    dims = f'width="{size[0]}" height="{size[1]}" ' if size else ""
    return (f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt, quote=True)}" '
            f'{dims}class="lmcourse-card" style="{theme.CARD}">')


class LiveChart:
    """A radar chart in ``self.widget`` (an ``HTML`` widget) that follows new values.

    ``series`` is a list of ``(name, values)`` as for :func:`lmcourse.core.radar.draw`. After
    changing ``self.fig`` by hand, call :meth:`redraw`."""

    def __init__(self, title: str, labels, series, *, highlight=None, size: float = 4.6,
                 limit: float = 100, unit: str = "of 100", rings=(25, 50, 75, 100),
                 missing_key: bool | None = None, alt_labels=None,
                 missing_label: str = "not answered yet"):
        from ..core.mplconfig import prepare

        prepare()  # before matplotlib's first import: a writable config folder, no warnings
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        self.title, self.labels, self.unit = title, list(labels), unit
        self.missing_label = missing_label
        self.alt_labels = list(alt_labels) if alt_labels else self.labels  # for the alt text
        self.names = [name for name, _ in series]
        self.fig, ax = radar.new_figure(size=size)
        self.artists = radar.draw(ax, self.labels, series, highlight=highlight, limit=limit,
                                  rings=rings, missing_key=missing_key,
                                  missing_label=missing_label)
        # a long title would run past the figure's edges: two lines instead
        ax.set_title(textwrap.fill(title, 50), fontsize=10, pad=14)
        self._canvas = FigureCanvasAgg(self.fig)
        self._layout = self.fig.get_layout_engine()
        art = self.artists
        # What a change moves, in the order the axes draws it (by zorder, stable); the rim
        # is drawn with them so that a filled area reaching it stays under it, as usual.
        self._moving = sorted([*art.lines, *art.fills, *art.missing, ax.spines["polar"]],
                              key=methodcaller("get_zorder"))
        self._background = None
        self._size = (round(self.fig.bbox.width), round(self.fig.bbox.height))  # pixels
        self.widget = w.HTML()
        self.widget.add_class("lmcourse-chart")
        self.values = [list(v) for _, v in series]
        self._render()

    @property
    def alt(self) -> str:
        return radar.alt_text(self.title, self.alt_labels,
                              list(zip(self.names, self.values, strict=True)), unit=self.unit,
                              missing_label=self.missing_label)

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
            self._background = None  # the legend changed: lay out and draw it again

    def redraw(self) -> None:
        """Lay out and draw the whole figure again, then replace the image."""
        self._background = None
        self._render()

    def _draw_background(self) -> None:
        fig = self.fig
        fig.set_layout_engine(self._layout)
        self._layout.execute(fig)  # with every artist in place, as a full draw would
        fig.set_layout_engine("none")  # then keep that layout: values never change it
        for artist in self._moving:
            artist.set_visible(False)
        try:
            self._canvas.draw()
            self._background = self._canvas.copy_from_bbox(fig.bbox)
        finally:
            for artist in self._moving:
                artist.set_visible(True)

    def _render(self) -> None:
        if self._background is None:
            self._draw_background()
        canvas, ax = self._canvas, self.artists.ax
        canvas.restore_region(self._background)
        for artist in self._moving:
            ax.draw_artist(artist)
        self.widget.value = image_html(self._png(), self.alt, self._size)

    def _png(self) -> bytes:
        """The canvas as PNG, encoded exactly as :func:`lmcourse.core.radar.png` would."""
        from matplotlib.image import imsave

        buf = io.BytesIO()
        imsave(buf, self._canvas.buffer_rgba(), format="png", origin="upper",
               dpi=self.fig.dpi, pil_kwargs={"compress_level": 1})
        return buf.getvalue()
