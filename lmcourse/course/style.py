"""The course's stylesheet as a widget: :func:`styled` adds it, last, to every box the course
shows and marks the box as the course's (the ``lmcourse`` class its rules are scoped to).
Exercises carry it in their heading instead (:mod:`lmcourse.course.exercises`).

The rules and colours themselves live in :mod:`lmcourse.core.theme` (headless, shared with
the instructor's pages). The widget is hidden (``display: none``): a ``<style>`` element
applies wherever it sits, and a hidden widget takes no room.
"""

from __future__ import annotations

import ipywidgets as w

from ..core import theme

__all__ = ["stylesheet", "styled"]


def stylesheet() -> w.HTML:
    """An invisible ``HTML`` widget holding the course's ``<style>`` element."""
    sheet = w.HTML(theme.STYLE, layout=w.Layout(display="none"))
    sheet.add_class("lmcourse-style")
    return sheet


def styled(box: w.Box, *names: str, sheet: bool = True) -> w.Box:
    """``box`` with the ``lmcourse`` class (and ``names``) added and, unless ``sheet`` is
    false (its contents carry the stylesheet already), the stylesheet put last."""
    if sheet:
        box.children = (*box.children, stylesheet())
    box.add_class("lmcourse")
    for name in names:
        box.add_class(name)
    return box
