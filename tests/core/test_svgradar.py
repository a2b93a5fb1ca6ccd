"""The class report's radar as SVG: values where they belong, missing values said, two
series told apart by more than colour, well-formed and escaped."""

import math
import re
import xml.etree.ElementTree as ET

from lmcourse.core import svgradar
from lmcourse.core.radar import PALETTE

NS = {"s": "http://www.w3.org/2000/svg"}
LABELS = ["Focus", "Responsibility", "Change", "Decisions", "Orientation", "Time", "Results"]


def chart(series, labels=LABELS, alt="Radar chart: test."):
    return ET.fromstring(svgradar.radar_svg("Title", labels, series, alt=alt))


def radii(svg, color):
    """Each vertex's distance from the centre, in units of the chart's 0-100 scale."""
    rim = max(float(c.get("r")) for c in svg.findall("s:circle", NS) if c.get("fill") == "none")
    cx, cy = svgradar._CX, svgradar._CY
    (poly,) = [p for p in svg.findall("s:polygon", NS) if p.get("fill") == color]
    points = [tuple(map(float, xy.split(","))) for xy in poly.get("points").split()]
    return [round(100 * math.hypot(x - cx, y - cy) / rim, 1) for x, y in points]


def test_each_vertex_sits_at_its_value_and_both_series_are_drawn():
    values = [10, 25, 40, 55, 70, 85, 100]
    svg = chart([("Leadership side", values), ("Management side", [50] * 7)])
    assert radii(svg, PALETTE[0]) == values
    assert radii(svg, PALETTE[1]) == [50] * 7
    paths = svg.findall("s:path", NS)
    assert [p.get("stroke") for p in paths] == [PALETTE[0], PALETTE[1]]
    assert paths[0].get("stroke-dasharray") is None and paths[1].get("stroke-dasharray")
    # circles mark one series and squares the other: seven vertices and the legend's
    assert len(svg.findall("s:circle[@r='3.5']", NS)) == 8
    assert len(svg.findall("s:rect[@width='7']", NS)) == 8
    texts = [t.text for t in svg.findall("s:text", NS)]
    assert all(label in texts for label in LABELS)
    assert "Leadership side" in texts and "Management side" in texts


def test_values_outside_the_scale_are_held_to_it():
    svg = chart([("A", [-20, 150, 50, 50, 50, 50, 50])])
    assert radii(svg, PALETTE[0])[:2] == [0, 100]


def test_a_missing_value_breaks_the_line_leaves_the_area_unfilled_and_is_said():
    svg = chart([("A", [80, None, 60, 60, 60, 60, 60])])
    (path,) = svg.findall("s:path", NS)
    assert path.get("d").count("M") == 1 and "Z" not in path.get("d")  # one open run
    assert not [p for p in svg.findall("s:polygon", NS) if p.get("fill") == PALETTE[0]]
    holes = [c for c in svg.findall("s:circle", NS) if c.get("fill") == "#FFFFFF"]
    assert len(holes) == 2  # on the rim, and in the legend
    assert "not answered" in [t.text for t in svg.findall("s:text", NS)]
    two_gaps = chart([("A", [80, None, 60, None, 60, 60, 60])])
    assert two_gaps.find("s:path", NS).get("d").count("M") == 2


def test_it_is_an_image_with_words_and_everything_shown_is_escaped():
    raw = svgradar.radar_svg("<b>T</b>", ["A & B", "<C>", "D"], [("'x'", [1, 2, 3])],
                             alt="It's <alt>")
    svg = ET.fromstring(raw)  # well-formed
    assert svg.get("role") == "img" and svg.get("aria-label") == "It's <alt>"
    assert svg.find("s:title", NS).text == "<b>T</b>"
    assert "<C>" not in raw and "A &amp; B" in raw
    assert re.search(r"viewBox='0 0 \d+ \d+'", raw)
