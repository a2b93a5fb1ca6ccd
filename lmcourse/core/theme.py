"""The course's look in every JupyterLab theme: one stylesheet and a few CSS classes.

Everything the course draws in HTML takes its colours from here, through classes, never
from colours written inline. Text colours are CSS custom properties set twice: for light
pages (JupyterLab Light, and any page outside JupyterLab), and for pages JupyterLab marks
as dark (``<body data-jp-theme-light="false">``: JupyterLab Dark, JupyterLab Dark High
Contrast, and any third-party dark theme). Plain text keeps the theme's own colour.

Right and wrong keep the Okabe-Ito hues (blue, vermillion) in both palettes, a shade
darker on light pages and lighter on dark ones, so that every text colour keeps a contrast
of at least 4.5:1 on the theme's background (:data:`PALETTES`; ``tests/core/test_theme.py``
checks the ratios against the backgrounds of the installed JupyterLab themes, and the
browser tests check them with axe-core in each theme). Where the stylesheet is missing
(a notebook saved with outputs and opened untrusted), the classes do nothing: text stays in
the theme's colour and right and wrong are still said in words and symbols.

The stylesheet is one ``<style>`` element (:data:`STYLE`); each widget the course shows
carries it once, at its top. Rules are scoped to ``.lmcourse`` so they touch nothing else.
"""

from __future__ import annotations

__all__ = ["PALETTES", "BACKGROUNDS", "CSS", "STYLE", "CARD", "scrollable", "contrast",
           "luminance"]

#: Text and line colours by palette. ``*-text`` is text (>= 4.5:1 on the background);
#: ``*-line`` is a feedback box's left border, a graphic (>= 3:1).
PALETTES = {
    "light": {
        "right-text": "#0072B2",  # Okabe-Ito blue
        "right-line": "#0072B2",
        "wrong-text": "#A94400",  # Okabe-Ito vermillion, darkened: 3.9:1 is too light for text
        "wrong-line": "#D55E00",  # Okabe-Ito vermillion
        "open-text": "#555555",
        "open-line": "#767676",
    },
    "dark": {
        "right-text": "#56B4E9",  # Okabe-Ito sky blue
        "right-line": "#56B4E9",
        "wrong-text": "#F5793A",  # vermillion, lightened for a dark page
        "wrong-line": "#E66A1F",
        "open-text": "#AAAAAA",
        "open-line": "#8C8C8C",
    },
}

#: The notebook background of each JupyterLab 4 theme (``--jp-layout-color0``), which is
#: what the course's outputs sit on.
BACKGROUNDS = {"JupyterLab Light": "#FFFFFF", "JupyterLab Dark": "#111111",
               "JupyterLab Dark High Contrast": "#111111"}


def _props(palette: dict) -> str:
    return ";".join(f"--lmcourse-{name}:{value}" for name, value in palette.items())


CSS = f"""
:root {{{_props(PALETTES["light"])}}}
body[data-jp-theme-light="false"] {{{_props(PALETTES["dark"])}}}

.lmcourse-fb {{border-left:4px solid; padding:4px 10px; margin:6px 0; line-height:1.45;
  overflow-wrap:anywhere}}
.lmcourse-fb-line {{border-left:4px solid; padding:2px 8px; margin:4px 0;
  overflow-wrap:anywhere}}
.lmcourse-fb.lmcourse-right, .lmcourse-fb-line.lmcourse-right {{
  border-left-color:var(--lmcourse-right-line)}}
.lmcourse-fb.lmcourse-wrong, .lmcourse-fb-line.lmcourse-wrong {{
  border-left-color:var(--lmcourse-wrong-line)}}
.lmcourse-fb.lmcourse-open, .lmcourse-fb-line.lmcourse-open {{
  border-left-color:var(--lmcourse-open-line)}}
.lmcourse .widget-html-content {{line-height:1.45}}
.lmcourse p, .lmcourse li {{overflow-wrap:anywhere}}
.lmcourse-mark {{font-weight:bold}}
.lmcourse-mark.lmcourse-right {{color:var(--lmcourse-right-text)}}
.lmcourse-mark.lmcourse-wrong {{color:var(--lmcourse-wrong-text)}}
.lmcourse-mark.lmcourse-open {{color:var(--lmcourse-open-text)}}

.lmcourse .widget-radio-box label {{display:flex; align-items:flex-start; height:auto;
  min-height:var(--jp-widgets-radio-item-height); line-height:1.4; padding:2px 0;
  white-space:normal}}
.lmcourse .widget-radio-box input {{order:-1; flex:none; float:none; height:auto;
  line-height:inherit; margin-top:0.2em}}
.lmcourse .widget-radio-box-horizontal {{flex-wrap:wrap; column-gap:12px}}
.lmcourse .widget-radio-box-horizontal label {{flex:none}}
.lmcourse .lmcourse-step {{margin:6px 0; padding-left:10px;
  border-left:3px solid var(--jp-border-color1, #BDBDBD)}}
.lmcourse .widget-checkbox {{height:auto}}
.lmcourse .widget-checkbox .widget-label-basic {{display:flex; align-items:flex-start;
  white-space:normal; overflow:visible; line-height:1.4; padding:2px 0}}
.lmcourse .widget-checkbox input[type='checkbox'] {{flex:none; align-self:flex-start;
  margin-top:0.2em}}
.lmcourse .jupyter-button {{width:auto; max-width:100%; height:auto;
  min-height:var(--jp-widgets-inline-height); white-space:normal; overflow:visible;
  overflow-wrap:anywhere; line-height:1.3; padding-top:4px; padding-bottom:4px}}
.lmcourse .widget-hbox {{flex-wrap:wrap}}
.lmcourse .widget-label {{overflow:visible; white-space:normal; line-height:1.3;
  height:auto; min-height:var(--jp-widgets-inline-height); display:flex;
  align-items:center}}
""".strip()

#: The stylesheet as the one element a widget puts at its top.
STYLE = f"<style>{CSS}</style>"

#: A chart image's ``style``: a light card of its own, framed and padded, white whatever the
#: theme, so a chart drawn for white reads the same on a light or a dark page. Inline, so a
#: chart needs no stylesheet; the frame takes the theme's border colour.
CARD = ("max-width:100%;height:auto;box-sizing:border-box;background:#FFFFFF;padding:6px;"
        "border:1px solid var(--jp-border-color1,#BDBDBD);border-radius:6px")


def scrollable(html: str, label: str) -> str:
    """``html`` (a table) in a region of its own that scrolls sideways when the page is too
    narrow for it (a small window, or zoomed in), rather than widening the page; the region
    takes the keyboard focus, so it scrolls with the arrow keys too, and ``label`` names it.
    Inline styles: instructor pages and reports carry no stylesheet."""
    from html import escape

    return (f'<div role="region" tabindex="0" aria-label="{escape(label, quote=True)}" '
            f'style="overflow-x:auto;max-width:100%">{html}</div>')


def luminance(color: str) -> float:
    """The relative luminance of ``#RRGGBB`` (WCAG 2)."""
    h = color.lstrip("#")
    channels = [int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground: str, background: str) -> float:
    """The WCAG 2 contrast ratio of two ``#RRGGBB`` colours, from 1 to 21.

    >>> round(contrast("#000000", "#FFFFFF"), 1)
    21.0
    """
    hi, lo = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
