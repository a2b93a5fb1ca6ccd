"""Where each value of a JSON document starts, so a problem can name its line.

``json`` parses without positions; this module walks the same text once more and maps
every path (a tuple of keys and indexes) to the line its value starts on.

>>> lines = value_lines('{"a": [1,\\n 2]}')
>>> lines[("a", 1)]
2
"""

from __future__ import annotations

import json
import re

__all__ = ["value_lines", "line_of", "duplicate_keys"]

_WS = re.compile(r"[ \t\n\r]*")
_SCALAR = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?|true|false|null")


def value_lines(text: str) -> dict[tuple, int]:
    """Map each path in the JSON ``text`` to the 1-based line where its value starts.

    The text must already be valid JSON (parse it with
    :func:`lmcourse.core.jsonfile.parse` first, which also caps its nesting)."""
    return _walk(text)[0]


def duplicate_keys(text: str) -> list[tuple[int, str]]:
    """``(line, key)`` of every key that repeats within one object of the JSON ``text``.

    >>> duplicate_keys('{"a": 1, "b": {"c": 1, "c": 2}, "a": 3}')
    [(1, 'a'), (1, 'c')]
    """
    return _walk(text)[1]


def _walk(text: str) -> tuple[dict[tuple, int], list[tuple[int, str]]]:
    out: dict[tuple, int] = {}
    twice: list[tuple[int, str]] = []
    newlines = [m.start() for m in re.finditer("\n", text)]

    def line(pos: int) -> int:
        lo, hi = 0, len(newlines)
        while lo < hi:
            mid = (lo + hi) // 2
            if newlines[mid] < pos:
                lo = mid + 1
            else:
                hi = mid
        return lo + 1

    def skip(pos: int) -> int:
        return _WS.match(text, pos).end()

    def walk(pos: int, path: tuple) -> int:
        pos = skip(pos)
        out[path] = line(pos)
        ch = text[pos]
        if ch == "{":
            pos = skip(pos + 1)
            if text[pos] == "}":
                return pos + 1
            seen = set()
            while True:
                start = skip(pos)
                key, pos = json.decoder.scanstring(text, start + 1)
                if key in seen:
                    twice.append((line(start), key))
                seen.add(key)
                pos = skip(pos) + 1  # the colon
                pos = skip(walk(pos, path + (key,)))
                if text[pos] == "}":
                    return pos + 1
                pos += 1  # the comma
        if ch == "[":
            pos = skip(pos + 1)
            if text[pos] == "]":
                return pos + 1
            index = 0
            while True:
                pos = skip(walk(pos, path + (index,)))
                index += 1
                if text[pos] == "]":
                    return pos + 1
                pos += 1
        if ch == '"':
            return json.decoder.scanstring(text, pos + 1)[1]
        return _SCALAR.match(text, pos).end()

    walk(0, ())
    return out, sorted(twice)


def line_of(lines: dict[tuple, int], path: tuple) -> int:
    """The line of ``path``, or of its nearest ancestor that exists (1 for the document)."""
    while path and path not in lines:
        path = path[:-1]
    return lines.get(path, 1)
