import math

import pytest

from lmcourse.core import radar

LABELS = ["A", "B", "C", "D"]


def drawn(series, **kw):
    fig, ax = radar.new_figure()
    return fig, ax, radar.draw(ax, LABELS, series, **kw)


def test_first_spoke_at_top_clockwise_and_polygons_closed():
    _, ax, art = drawn([("one", [10, 20, 30, 40])])
    assert ax.get_theta_offset() == pytest.approx(math.pi / 2)
    assert ax.get_theta_direction() == -1
    xs, ys = art.lines[0].get_data()
    assert list(ys) == [10, 20, 30, 40, 10] and xs[0] == xs[-1] == 0
    assert [t.get_text() for t in art.labels] == LABELS


def test_missing_values_break_the_line_and_get_a_marker():
    _, ax, art = drawn([("one", [10, None, 30, 40])])
    ys = art.lines[0].get_ydata()
    assert math.isnan(ys[1])
    assert list(art.missing[0].get_xdata()) == [pytest.approx(math.pi / 2)]
    assert len(art.fills[0].get_xy()) <= 2  # no area claims a value at the missing spoke
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["one", "not answered yet"]


def test_update_moves_the_same_artists():
    fig, ax, art = drawn([("one", [10, 20, 30, 40]), ("two", [1, 2, 3, 4])])
    lines = list(ax.lines)
    radar.update(art, [[50, 50, None, 50], [4, 3, 2, 1]])
    assert list(ax.lines) == lines
    assert list(art.lines[1].get_ydata()) == [4, 3, 2, 1, 4]
    assert len(art.missing[0].get_xdata()) == 1 and len(art.missing[1].get_xdata()) == 0
    assert len(art.fills[1].get_xy()) == 4 + 1


def test_series_differ_in_more_than_colour():
    _, _, art = drawn([("one", [1, 2, 3, 4]), ("two", [4, 3, 2, 1])])
    a, b = art.lines
    assert a.get_color() != b.get_color()
    assert a.get_linestyle() != b.get_linestyle() and a.get_marker() != b.get_marker()


def test_values_are_clipped_to_the_limit():
    _, _, art = drawn([("one", [-5, 150, 30, 40])])
    assert list(art.lines[0].get_ydata())[:2] == [0, 100]


def test_png_is_a_png_and_no_global_state_changes():
    import matplotlib

    before = dict(matplotlib.rcParams)
    fig, _, _ = drawn([("one", [1, 2, 3, 4])])
    assert radar.png(fig)[:8] == b"\x89PNG\r\n\x1a\n"
    assert dict(matplotlib.rcParams) == before


def test_alt_text_states_every_value():
    text = radar.alt_text("T", LABELS, [("one", [1, None, 3, 4])])
    assert text == ("Radar chart: T. one: A 1 of 100, B not answered yet, C 3 of 100, "
                    "D 4 of 100.")
