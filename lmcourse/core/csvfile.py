"""CSV files for spreadsheets and gradebooks, safe to open in Excel.

:func:`csv_text` is the one CSV writer of the package. It guards every text cell as it
writes it: a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and is not a plain number)
would run as a formula in a spreadsheet, so it gets a ``'`` in front, as OWASP advises.
The guard belongs to writing CSV only: names and ids stay exactly as given everywhere
else (feedback, reports, the notebook).

A cell that another system must match byte for byte (a student id in a gradebook file:
Canvas and Moodle look ids up exactly) is marked :class:`Exact`. It is written as it is,
never with a ``'`` in front; whoever makes one refuses formula-like text first (the grader
refuses such ids when it collects submissions), and :func:`csv_text` raises
``ValueError`` if one slips through rather than alter it.

>>> print(csv_text([["name", "points"], ["=1+2", "-1.5"], ["Ada", 2]]), end="")
name,points
'=1+2,-1.5
Ada,2
"""

from __future__ import annotations

import csv
import io
import re

__all__ = ["csv_text", "guard", "Exact"]

_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def guard(cell: str) -> str:
    """``cell`` as a spreadsheet will show it, never run it. A lone ``-`` (Moodle's "no
    grade") holds nothing to run and stays as it is.

    >>> guard("@SUM(A1)"), guard("-Ana"), guard("-2"), guard("s1"), guard("-")
    ("'@SUM(A1)", "'-Ana", '-2', 's1', '-')
    """
    if cell[:1] in ("=", "+", "-", "@", "\t", "\r") and len(cell) > 1 \
            and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


class Exact(str):
    """A text cell written exactly as it is (an id another system matches byte for byte).

    >>> print(csv_text([[Exact("s-1"), "-s"]]), end="")
    s-1,'-s
    >>> csv_text([[Exact("=1+2")]])
    Traceback (most recent call last):
    ...
    ValueError: the exact cell '=1+2' would run as a spreadsheet formula; refuse it before writing
    """


def _other(cell):
    """A cell that is not plain ``str``: an :class:`Exact` one, or a number."""
    if isinstance(cell, Exact):
        if guard(cell) != cell:
            raise ValueError(f"the exact cell {str(cell)!r} would run as a spreadsheet "
                             "formula; refuse it before writing")
        return str(cell)
    return cell


def csv_text(rows) -> str:
    """``rows`` (lists of cells) as CSV text, one ``\\n`` per row, text cells guarded
    (:class:`Exact` cells written as they are)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerows([guard(c) if type(c) is str else _other(c) for c in row] for row in rows)
    return buf.getvalue()
