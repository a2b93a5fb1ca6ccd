"""Points as people read them: ``2``, ``1.5``, ``0.67``; never ``2.0`` or ``0.6666``.

>>> points(2.0), points(1.5), points(2 / 3), points(1, unit=True), points(2, unit=True)
('2', '1.5', '0.67', '1 point', '2 points')
"""

from __future__ import annotations

__all__ = ["points"]

_TEXT: dict[float, str] = {}


def points(x: float, *, unit: bool = False) -> str:
    """``x`` with at most two decimals and no trailing zeros; with ``unit``, followed by
    "point" or "points". Memoised: a grading run formats the same few values again and
    again."""
    text = _TEXT.get(x)
    if text is None:
        text = f"{x:.2f}".rstrip("0").rstrip(".")
        if text == "-0":
            text = "0"
        if len(_TEXT) < 10_000:
            _TEXT[x] = text
    if unit:
        return f"{text} point{'' if text == '1' else 's'}"
    return text
