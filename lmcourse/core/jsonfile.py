"""Reading a JSON file that a person made, strictly, with every refusal said in words.

Python's ``json`` accepts more than JSON does, and some of it breaks later code: ``NaN``
and ``Infinity``, numbers too large for ``float`` or with thousands of digits, the same key
twice (the last silently wins), lone UTF-16 surrogates (which cannot be written out as
UTF-8 again), and nesting so deep that walking it overflows the stack. :func:`parse`
refuses each of these with a :class:`JSONProblem` that names the line; :func:`read` opens
only regular files (never a pipe, a device or a socket, which could hang the reader),
accepts a UTF-8 byte-order mark, and turns every failure into one
:class:`~lmcourse.core.problems.Problem`.

>>> parse('{"a": [1, 2]}')
{'a': [1, 2]}
>>> parse('{"a": 1, "a": 2}')
Traceback (most recent call last):
...
lmcourse.core.jsonfile.JSONProblem: line 1: the key "a" appears twice in one object
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
from pathlib import Path

from .locate import duplicate_keys
from .problems import Problem

__all__ = ["JSONProblem", "parse", "read", "read_bytes", "MAX_DEPTH", "NotRegular"]

#: Deeper nesting is refused: the course's files nest five or six levels.
MAX_DEPTH = 64
_MAX_DIGITS = 30
_SURROGATE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_PAIR = re.compile(r"\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}")
_BOM = "\ufeff"


class JSONProblem(ValueError):
    """Text that is not JSON we accept: ``line``, ``message`` and ``expected``."""

    def __init__(self, line: int, message: str, expected: str = "a JSON document"):
        self.line, self.message, self.expected = line, message, expected
        super().__init__(f"line {line}: {message}")


class NotRegular(OSError):
    """A path that is not a regular file (a folder, pipe, device or socket)."""


def _constant(name: str):
    raise ValueError(f"{name} is not a JSON number")


def _int(text: str) -> int:
    if len(text.lstrip("-")) > _MAX_DIGITS:
        raise ValueError(f"a number with {len(text.lstrip('-')):,} digits")
    return int(text)


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"the number {text[:20]} is too large")
    return value


class _Duplicate(ValueError):
    pass


def _pairs(pairs):
    out = dict(pairs)
    if len(out) != len(pairs):
        raise _Duplicate()
    return out


def _line(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _depth(data) -> int:
    """How deeply ``data`` nests (iteratively, a level at a time: no recursion to
    overflow, and each level's containers gathered by one comprehension, which is fast)."""
    level = [data] if isinstance(data, dict | list) else []
    depth = 0
    while level:
        depth += 1
        if depth > MAX_DEPTH:
            return depth
        deeper = []
        for value in level:
            deeper += [v for v in (value.values() if isinstance(value, dict) else value)
                       if isinstance(v, dict | list)]
        level = deeper
    return depth


def _has_lone_surrogate(data) -> bool:
    """Whether any key or string in ``data`` holds a lone surrogate (it cannot be UTF-8)."""
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            stack.extend(value)
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return True
    return False


def _looks_like(text: str) -> str:
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype", "<html", "<?xml", "<")):
        return "HTML or XML"
    return "plain text"


def _decode_error(text: str, e: json.JSONDecodeError) -> JSONProblem:
    stripped = text.strip()
    if not stripped:
        return JSONProblem(1, "the file is empty")
    if stripped[0] not in "{[\"-0123456789tfn":
        return JSONProblem(1, f"this is not JSON (it looks like {_looks_like(text)})")
    before = text[: e.pos].rstrip()
    if e.pos < len(text) and text[e.pos] in "]}" and before.endswith(","):
        comma = len(before) - 1
        return JSONProblem(_line(text, comma), f"a comma before '{text[e.pos]}' (JSON allows "
                           "no comma after the last item)", "no comma after the last item")
    if e.pos >= len(text.rstrip()):
        return JSONProblem(e.lineno, f"the file ends early: it looks cut off ({e.msg})",
                           "a complete JSON document")
    return JSONProblem(e.lineno, f"not valid JSON: {e.msg} at column {e.colno}")


def parse(text: str):
    """The JSON value in ``text``; raises :class:`JSONProblem` for anything we refuse."""
    if text.startswith(_BOM):
        text = text[1:]
    try:
        data = json.loads(text, object_pairs_hook=_pairs, parse_constant=_constant,
                          parse_int=_int, parse_float=_float)
    except _Duplicate:
        where = duplicate_keys(text)
        line, key = where[0] if where else (1, "?")
        raise JSONProblem(line, f"the key {json.dumps(key)} appears twice in one object",
                          "each key once") from None
    except json.JSONDecodeError as e:
        raise _decode_error(text, e) from None
    except RecursionError:
        raise JSONProblem(1, f"the JSON nests too deeply (more than {MAX_DEPTH} levels)",
                          f"at most {MAX_DEPTH} levels of nesting") from None
    except ValueError as e:  # from _constant, _int, _float
        raise JSONProblem(1, f"{e} (JSON allows only finite numbers of modest size)",
                          "plain numbers") from None
    if _depth(data) > MAX_DEPTH:
        raise JSONProblem(1, f"the JSON nests too deeply (more than {MAX_DEPTH} levels)",
                          f"at most {MAX_DEPTH} levels of nesting")
    if _SURROGATE.search(text) and _has_lone_surrogate(data):
        masked = _PAIR.sub(lambda m: " " * len(m.group()), text)
        found = _SURROGATE.search(masked)
        raise JSONProblem(_line(text, found.start()) if found else 1,
                          "a lone UTF-16 surrogate escape (\\ud800 to \\udfff without its "
                          "pair), which is not a character", "text made of real characters")
    return data


def read_bytes(path: str | Path, limit: int | None = None) -> bytes:
    """The bytes of a regular file; :class:`NotRegular` for anything else, opened without
    blocking, so a named pipe can never hang the reader. ``limit``: read at most that many
    bytes plus one (the caller compares)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = ("a folder" if stat.S_ISDIR(info.st_mode) else "a named pipe"
                    if stat.S_ISFIFO(info.st_mode) else "a socket"
                    if stat.S_ISSOCK(info.st_mode) else "a device")
            raise NotRegular(f"it is {kind}, not a regular file")
        want = info.st_size if limit is None else min(info.st_size, limit) + 1
        chunks, got = [], 0
        while True:
            chunk = os.read(fd, max(want - got, 65536))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
            if limit is not None and got > limit:
                break
        return b"".join(chunks)
    finally:
        os.close(fd)


def read(path: str | Path, name: str | None = None) -> tuple[object, str, list[Problem]]:
    """Read a person's JSON file: ``(data, text, problems)``. When it cannot be read,
    decoded or parsed, ``data`` is None and the one problem says where and why."""
    name = name or str(path)
    try:
        raw = read_bytes(path)
    except NotRegular as e:
        return None, "", [Problem(name, 1, f"cannot read the file: {e}", "a regular file")]
    except OSError as e:
        return None, "", [Problem(name, 1, f"cannot read the file: {e.strerror or e}",
                                  "a readable file")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        return None, "", [Problem(name, line, "the file is not UTF-8 text",
                                  "UTF-8 encoded JSON")]
    if text.startswith(_BOM):
        text = text[1:]
    try:
        return parse(text), text, []
    except JSONProblem as e:
        return None, text, [Problem(name, e.line, e.message, e.expected)]
