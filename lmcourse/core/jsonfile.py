"""Reading a JSON file that a person made, strictly, with every refusal said in words.

Python's ``json`` accepts more than JSON does, and some of it breaks later code: ``NaN``
and ``Infinity``, numbers too large for ``float`` or with thousands of digits, the same key
twice (the last silently wins), lone UTF-16 surrogates (which cannot be written out as
UTF-8 again), and nesting so deep that walking it overflows the stack. :func:`parse`
refuses each of these with a :class:`JSONProblem` that names the line; :func:`read` opens
only regular files (never a pipe, a device or a socket, which could hang the reader),
accepts a UTF-8 byte-order mark, and turns every failure into one
:class:`~lmcourse.core.problems.Problem`. :func:`decode` turns bytes into text the same
way for callers that read bytes themselves (a zip member, for instance).

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

__all__ = ["JSONProblem", "parse", "read", "read_bytes", "decode", "MAX_DEPTH", "NotRegular",
           "TooLarge"]

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


class TooLarge(OSError):
    """A file over the size limit, refused unread; ``size`` and ``limit`` in bytes."""

    def __init__(self, size: int, limit: int):
        self.size, self.limit = size, limit
        super().__init__(f"the file is {size:,} bytes, over the limit of {limit:,}")


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
    if "\x00" in text:  # JSON text never holds NUL, not even in a string
        return JSONProblem(_line(text, text.index("\x00")), "the file holds NUL bytes: it is "
                           "binary, not text", "UTF-8 encoded JSON")
    start = len(text) - len(text.lstrip())
    if stripped[0] not in "{[" and (e.pos == start or e.msg.startswith("Extra data")):
        return JSONProblem(_line(text, start),
                           f"this is not JSON (it looks like {_looks_like(text)})",
                           "a JSON document, which starts with { or [")
    before = text[: e.pos].rstrip()
    if e.pos < len(text) and text[e.pos] in "]}" and before.endswith(","):
        comma = len(before) - 1
        return JSONProblem(_line(text, comma), f"a comma before '{text[e.pos]}' (JSON allows "
                           "no comma after the last item)", "no comma after the last item")
    if e.msg.startswith("Unterminated string"):  # a string that runs to the end
        return JSONProblem(e.lineno, "the file ends early, inside a text value that starts "
                           f"on line {e.lineno}: it looks cut off", "a complete JSON document")
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


def read_bytes(path: str | Path, limit: int | None = None, *, regular: bool = False) -> bytes:
    """The bytes of a regular file; :class:`NotRegular` for anything else, opened without
    blocking, so a named pipe can never hang the reader. With ``limit``, a file larger
    than that is refused (:class:`TooLarge`), unread when its size is known up front.

    ``regular=True``: the caller knows the path is a regular file (its directory entry
    said so), so the check is skipped and the file read until a short read, the end of a
    regular file (one read for a small file: what a class of thousands needs)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        size = -1
        if not regular:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                kind = ("a folder" if stat.S_ISDIR(info.st_mode) else "a named pipe"
                        if stat.S_ISFIFO(info.st_mode) else "a socket"
                        if stat.S_ISSOCK(info.st_mode) else "a device")
                raise NotRegular(f"it is {kind}, not a regular file")
            size = info.st_size
            if limit is not None and size > limit:
                raise TooLarge(size, limit)
        cap = None if limit is None else limit + 1
        chunks, got = [], 0
        while True:
            want = size - got if got < size else 65536  # size -1 or 0: not known
            if cap is not None:
                want = min(want, cap - got)
            chunk = os.read(fd, want) if want > 0 else b""
            if chunk:
                chunks.append(chunk)
                got += len(chunk)
            if len(chunk) < want or got == size or (cap is not None and got >= cap):
                break  # a short read is the end of a regular file
        if cap is not None and got >= cap:
            raise TooLarge(max(os.fstat(fd).st_size, got), limit)
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)
    finally:
        os.close(fd)


def decode(raw: bytes) -> str:
    """The text of a JSON file's bytes: UTF-8, a byte-order mark dropped; raises
    :class:`JSONProblem` saying what the bytes are instead.

    >>> decode(b"\\xef\\xbb\\xbf{}")
    '{}'
    >>> decode(b"\\xff\\xfe{\\x00}\\x00")
    Traceback (most recent call last):
    ...
    lmcourse.core.jsonfile.JSONProblem: line 1: the file is UTF-16 text, not UTF-8
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
            raise JSONProblem(1, "the file is UTF-16 text, not UTF-8",
                              "UTF-8 encoded JSON (save it again as UTF-8)") from None
        line = raw[: e.start].count(b"\n") + 1
        raise JSONProblem(line, f"the file is not UTF-8 text (byte 0x{raw[e.start]:02x} at "
                          f"offset {e.start:,})", "UTF-8 encoded JSON") from None
    return text[1:] if text.startswith(_BOM) else text


def read(path: str | Path, name: str | None = None, limit: int | None = None
         ) -> tuple[object, str, list[Problem]]:
    """Read a person's JSON file: ``(data, text, problems)``. When it cannot be read,
    decoded or parsed, ``data`` is None and the one problem says where and why. A file
    over ``limit`` bytes is refused unread."""
    name = name or str(path)
    try:
        raw = read_bytes(path, limit)
    except (NotRegular, TooLarge) as e:
        return None, "", [Problem(name, 1, f"cannot read the file: {e}", "a regular file"
                                  if isinstance(e, NotRegular) else "a smaller file")]
    except OSError as e:
        return None, "", [Problem(name, 1, f"cannot read the file: {e.strerror or e}",
                                  "a readable file")]
    text = ""
    try:
        text = decode(raw)
        return parse(text), text, []
    except JSONProblem as e:
        return None, text, [Problem(name, e.line, e.message, e.expected)]
