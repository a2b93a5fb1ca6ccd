"""CSV files for spreadsheets and gradebooks, safe to open in Excel.

:func:`csv_text` is the one CSV writer of the package. It guards every text cell as it
writes it: a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and is not a plain number)
would run as a formula in a spreadsheet, so it gets a ``'`` in front, as OWASP advises.
The guard belongs to writing CSV only: names and ids stay exactly as given everywhere
else (feedback, reports, the notebook).

>>> print(csv_text([["name", "points"], ["=1+2", "-1.5"], ["Ada", 2]]), end="")
name,points
'=1+2,-1.5
Ada,2
"""

from __future__ import annotations

import csv
import io
import re

__all__ = ["csv_text", "guard"]

_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def guard(cell: str) -> str:
    """``cell`` as a spreadsheet will show it, never run it.

    >>> guard("@SUM(A1)"), guard("-Ana"), guard("-2"), guard("s1")
    ("'@SUM(A1)", "'-Ana", '-2', 's1')
    """
    if cell[:1] in ("=", "+", "-", "@", "\t", "\r") and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def csv_text(rows) -> str:
    """``rows`` (lists of cells) as CSV text, one ``\\n`` per row, text cells guarded."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerows([guard(c) if isinstance(c, str) else c for c in row] for row in rows)
    return buf.getvalue()
