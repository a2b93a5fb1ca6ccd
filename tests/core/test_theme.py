"""The course's colours against every JupyterLab theme, and feedback that colours by class."""

import re
import sys
from pathlib import Path

import pytest

from lmcourse.core import feedback, scoring, theme

THEMES = Path(sys.prefix) / "share" / "jupyter" / "lab" / "themes" / "@jupyterlab"
# the palette each installed theme gets: JupyterLab marks Dark and Dark High Contrast as dark
PALETTE_OF = {"JupyterLab Light": "light", "JupyterLab Dark": "dark",
              "JupyterLab Dark High Contrast": "dark"}
FOLDER = {"JupyterLab Light": "theme-light-extension",
          "JupyterLab Dark": "theme-dark-extension",
          "JupyterLab Dark High Contrast": "theme-dark-high-contrast-extension"}
NAMED = {"white": "#FFFFFF", "black": "#000000"}


def installed_background(name: str) -> str:
    """``--jp-layout-color0`` (the notebook's background) from the installed theme's CSS."""
    css = (THEMES / FOLDER[name] / "index.css").read_text(encoding="utf-8")
    value = re.search(r"--jp-layout-color0:\s*([^;}]+)", css).group(1).strip()
    value = NAMED.get(value, value).upper()
    if re.fullmatch(r"#[0-9A-F]{3}", value):
        value = "#" + "".join(c * 2 for c in value[1:])
    return value


@pytest.mark.parametrize("name", list(FOLDER))
def test_backgrounds_are_those_of_the_installed_themes(name):
    assert installed_background(name) == theme.BACKGROUNDS[name]


@pytest.mark.parametrize("name", list(FOLDER))
def test_text_colours_reach_aa_contrast_in_every_theme(name):
    background = installed_background(name)
    palette = theme.PALETTES[PALETTE_OF[name]]
    for role, color in palette.items():
        ratio = theme.contrast(color, background)
        need = 4.5 if role.endswith("-text") else 3.0  # text; a box's border line
        assert ratio >= need, f"{role} {color} on {background} in {name}: {ratio:.2f}:1"


def test_contrast_matches_known_ratios():
    assert round(theme.contrast("#FFFFFF", "#000000"), 2) == 21.0
    assert round(theme.contrast("#767676", "#FFFFFF"), 2) == 4.54  # WCAG's grey on white
    assert theme.contrast("#A94400", "#FFFFFF") == theme.contrast("#FFFFFF", "#A94400")


def test_every_palette_colour_is_in_the_stylesheet_for_its_pages():
    light, dark = theme.CSS.split('body[data-jp-theme-light="false"]', 1)
    for role, color in theme.PALETTES["light"].items():
        assert f"--lmcourse-{role}:{color}" in light
    for role, color in theme.PALETTES["dark"].items():
        assert f"--lmcourse-{role}:{color}" in dark.split("}", 1)[0]
    assert theme.STYLE.startswith("<style>") and theme.STYLE.endswith("</style>")


def test_feedback_colours_by_class_never_inline_and_says_it_in_words(sample):
    partly = feedback.result_html(scoring.check(sample["sample-sort"],
                                                {"roadmap": "management", "rota": "management"}))
    ticked = feedback.result_html(scoring.check(sample["sample-m1"], ["a"]))
    shown = [partly, ticked, feedback.result_html(scoring.check(sample["sample-s1"], None)),
             feedback.line_html(None, "Open."), feedback.notice_html("Careful."),
             feedback.box(feedback.OPEN, "Saved.")]
    for html in shown:
        assert "color" not in html and not re.search(r"#[0-9A-Fa-f]{3,6}\b", html), html
        for kind in re.findall(r"lmcourse-(right|wrong|open)\b", html):
            assert f".lmcourse-mark.lmcourse-{kind}" in theme.CSS
            assert f".lmcourse-fb.lmcourse-{kind}" in theme.CSS
    for words in ("Partly right.", "✓ Right.", "✗ Not right."):
        assert words in partly
    assert 'class="lmcourse-mark lmcourse-wrong">Partly right.' in partly
    assert 'class="lmcourse-fb-line lmcourse-right"' in partly
    assert "Nothing to check yet." in shown[2] and "lmcourse-open" in shown[2]
    assert "○ Open." in shown[3]
    assert "Please note" in shown[4] and 'role="status"' in shown[4]
