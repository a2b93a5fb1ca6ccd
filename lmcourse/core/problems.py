"""Problems found in a person's file, each with its file, line and what was expected.

Every check in the package speaks this one language: a :class:`Problem` prints as
``file:line: what is wrong (what was expected)``, a :class:`Collector` gathers the problems
of one parsed file (finding each line through :mod:`lmcourse.core.locate`), and a
:class:`ProblemError` carries them all to whoever can show them.

>>> c = Collector("week-1.json", {("id",): 3})
>>> c.add(("id",), "'id' is " + show("Week 1"), "lowercase words joined by hyphens")
>>> print(c.problems[0])
week-1.json:3: 'id' is "Week 1" (lowercase words joined by hyphens)
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from .locate import line_of

__all__ = ["Problem", "ProblemError", "Collector", "show"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one file. ``warning`` problems are reported but do not fail a
    check (for instance an item-writing cue)."""

    file: str
    line: int
    message: str
    expected: str = ""
    warning: bool = False

    def __str__(self) -> str:
        tail = f" ({self.expected})" if self.expected else ""
        head = "warning: " if self.warning else ""
        return f"{self.file}:{self.line}: {head}{self.message}{tail}"


class ProblemError(ValueError):
    """A file (or files) that cannot be used; ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class Collector:
    """The problems of one parsed file; ``lines`` maps JSON paths to lines
    (:func:`lmcourse.core.locate.value_lines`)."""

    def __init__(self, name: str, lines: dict[tuple, int]):
        self.name, self.lines = name, lines
        self.problems: list[Problem] = []

    def add(self, path: tuple, message: str, expected: str = "", *,
            warning: bool = False) -> None:
        self.problems.append(Problem(self.name, line_of(self.lines, path), message, expected,
                                     warning))

    def extend(self, problems) -> None:
        self.problems.extend(problems)


def show(value) -> str:
    """A value as a person would quote it in a message, short.

    >>> show(None), show([1, 2]), show("x" * 50)[-5:]
    ('missing', 'a list of 2', 'xx...')
    """
    if value is None:
        return "missing"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    if isinstance(value, dict):
        return "an object" if value else "an empty object"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."
