"""The course's stylesheet as a widget: :func:`stylesheet` goes first in every box the course
shows, and :func:`styled` marks a box as the course's (the ``lmcourse`` class its rules are
scoped to).

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


def styled(box: w.Box, *names: str) -> w.Box:
    """``box`` with the stylesheet put first and the ``lmcourse`` class (and ``names``) added."""
    box.children = (stylesheet(), *box.children)
    box.add_class("lmcourse")
    for name in names:
        box.add_class(name)
    return box
