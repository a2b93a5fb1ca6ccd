"""LiveChart redraws one figure in place: same pixels as a full draw, a layout that holds."""

import re

import pytest

from lmcourse.core import radar
from lmcourse.course.livechart import LiveChart

LABELS = ["A", "B", "C", "D", "E"]


def chart():
    return LiveChart("T", LABELS, [("one", [10, 20, 30, 40, 50]), ("two", [50, 40, 30, 20, 10])],
                     missing_key=True)


def test_partial_redraw_gives_the_pixels_of_a_full_draw():
    live = chart()
    live.show([[90, None, 10, 60, 5], [0, 100, 50, 50, 50]])
    assert live._png() == radar.png(live.fig)


def test_the_chart_keeps_its_size_over_many_updates():
    live = chart()
    box = live.artists.ax.get_position().bounds
    for k in range(25):
        live.show([[k * 4, 50, None if k % 2 else 10, 60, 5], [50] * 5])
        if k % 5 == 0:
            live.redraw()  # a full layout again, as after a rename
    # a full layout may move the axes by a hair, never shrink it step by step
    assert live.artists.ax.get_position().bounds == pytest.approx(box, abs=0.01)


def test_one_image_replaced_per_change_with_alt_text():
    live = chart()
    before = live.widget.value
    live.show([[1, 2, 3, 4, 5], [5, 4, 3, 2, 1]])
    after = live.widget.value
    assert after != before and after.count("<img") == 1
    alt = re.search(r'alt="([^"]+)"', after).group(1)
    assert alt == "Radar chart: T. one: A 1 of 100, B 2 of 100, C 3 of 100, D 4 of 100, " \
                  "E 5 of 100. two: A 5 of 100, B 4 of 100, C 3 of 100, D 2 of 100, E 1 of 100."


def test_rename_changes_legend_and_alt():
    live = chart()
    live.rename(1, "Tim Cook")
    live.show([[1, 2, 3, 4, 5], [5, 4, 3, 2, 1]])
    assert "Tim Cook: A 5 of 100" in live.alt
    legend = [t.get_text() for t in live.artists.ax.get_legend().get_texts()]
    assert legend[1] == "Tim Cook"
    assert live._png() == radar.png(live.fig)
