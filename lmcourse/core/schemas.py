"""The file formats, each defined by one JSON Schema, and that schema is the check.

The schemas ship in ``lmcourse/data/schemas/``: ``exercise`` (an exercise file),
``assignment``, ``submission`` and ``progress``. :func:`problems` validates a parsed file
with the ``jsonschema`` library and says every error as a
:class:`~lmcourse.core.problems.Problem`: ``file:line: what is wrong (what was expected)``,
in words rather than in schema jargon. :func:`is_valid` answers yes or no with the same
schema compiled to Python by ``fastjsonschema``, for the grader's hot path, where
``jsonschema`` would cost half a millisecond a file; a test holds the two to the same
verdicts. Dates and times are checked by :func:`lmcourse.core.times.parse_time`, the
same function the code uses, so schema and code cannot disagree about them.

Code adds only what a schema cannot say: cross-references (an exercise that exists, an
answer among the options, ids unique across files) and checks that need two fields.

>>> is_valid("assignment", {"format": "lmcourse-assignment", "version": 1, "id": "w1",
...                         "title": "Week 1", "questions": [{"exercise": "focus-sort"}]})
True
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from .locate import line_of
from .problems import Problem, show
from .times import parse_time

__all__ = ["KINDS", "schema", "errors", "problems", "is_valid"]

#: The formats: name -> schema file in lmcourse/data/schemas/.
KINDS = {"exercise": "exercise.schema.json", "assignment": "assignment.schema.json",
         "submission": "submission.schema.json", "progress": "progress.schema.json"}

_TYPES = {"string": "text", "integer": "a whole number", "number": "a number",
          "boolean": "true or false", "object": "an object", "array": "a list",
          "null": "null"}
_SINGULAR = {"exercises": "exercise", "options": "option", "items": "item",
             "questions": "question entry", "categories": "category", "answers": "answer",
             "scale": "point of the scale", "exercise_files": "exercise file",
             "steps": "step", "differences": "difference", "self_check": "self-check question"}


@cache
def schema(kind: str) -> dict:
    """The JSON Schema of ``kind`` (one of :data:`KINDS`), parsed."""
    if kind not in KINDS:
        raise ValueError(f"no schema {kind!r} (expected one of {', '.join(KINDS)})")
    path = resources.files("lmcourse").joinpath("data", "schemas", KINDS[kind])
    return json.loads(path.read_text(encoding="utf-8"))


def _is_time(value) -> bool:
    return not isinstance(value, str) or parse_time(value) is not None


def _is_date(value) -> bool:
    return not isinstance(value, str) or (len(value) == 10 and parse_time(value) is not None)


@cache
def _validator(kind: str):
    import jsonschema

    checker = jsonschema.FormatChecker(formats=())
    checker.checks("date-time")(_is_time)
    checker.checks("date")(_is_date)
    return jsonschema.Draft202012Validator(schema(kind), format_checker=checker)


@cache
def _compiled(kind: str):
    import fastjsonschema

    body = _as_draft_07(schema(kind))  # a new copy at every level: fastjsonschema may change it
    body["$schema"] = "http://json-schema.org/draft-07/schema#"
    return fastjsonschema.compile(body, formats={"date-time": _is_time, "date": _is_date})


def _as_draft_07(node):
    """``node`` with the one 2020-12 keyword the schemas use and draft-07 spells otherwise:
    ``dependentRequired`` is draft-07's ``dependencies`` with lists (fastjsonschema knows
    draft-07 only and skips a keyword it does not know, which would pass what it forbids)."""
    if isinstance(node, dict):
        node = {k: _as_draft_07(v) for k, v in node.items()}
        if "dependentRequired" in node:
            node["dependencies"] = node.pop("dependentRequired")
    elif isinstance(node, list):
        node = [_as_draft_07(v) for v in node]
    return node


def is_valid(kind: str, data) -> bool:
    """Whether ``data`` is a valid ``kind`` file: the fast yes-or-no check."""
    try:
        _compiled(kind)(data)
    except Exception:  # noqa: BLE001 - fastjsonschema raises its own error type
        return False
    return True


def errors(kind: str, data) -> list[tuple[tuple, str, str]]:
    """Every way ``data`` breaks the ``kind`` schema: ``(path, message, expected)``, the
    path a tuple of keys and indexes, the words as a person would put them.

    A file the fast check passes has none, and ``jsonschema`` (whose import costs ~1.8 s
    of CPU where ``rfc3987-syntax`` is installed, as JupyterLab installs it) is imported
    only to explain a file that fails."""
    if is_valid(kind, data):
        return []
    found = []
    for error in _validator(kind).iter_errors(data):
        for leaf in _leaves(error):
            found.append((tuple(leaf.absolute_path), *_words(leaf, data, kind)))
    return list(dict.fromkeys(found))


def problems(kind: str, data, name: str, lines: dict[tuple, int]) -> list[Problem]:
    """:func:`errors` as problems, each with its line (``lines`` from
    :func:`lmcourse.core.locate.value_lines`), in the order of the file."""
    found = [Problem(name, line_of(lines, path), message, expected)
             for path, message, expected in errors(kind, data)]
    return sorted(found, key=lambda p: p.line)


def _leaves(error):
    """The errors worth saying: for ``anyOf``/``oneOf``, the branch that came closest."""
    if error.validator in ("anyOf", "oneOf") and error.context:
        from jsonschema.exceptions import best_match

        yield from _leaves(best_match(error.context))
    else:
        yield error


def _where(path: tuple, data) -> str:
    """A JSON path in words: ``exercise 'focus-sort', option 'b'``."""
    words, node, parent_key = [], data, None
    for step in path:
        child = node[step] if isinstance(node, dict | list) else None
        if isinstance(step, int):
            noun = _SINGULAR.get(parent_key, "entry")
            ident = child.get("id") if isinstance(child, dict) else None
            words.append(f"{noun} {ident!r}" if isinstance(ident, str) and ident
                         else f"{noun} {step + 1}")
        elif isinstance(node, dict) and parent_key in ("answers", "feedback"):
            words.append(f"{_SINGULAR.get(parent_key, parent_key)} {step!r}")
        parent_key, node = step, child
    return ", ".join(words)


def _field(error) -> str:
    path = list(error.absolute_path)
    return repr(path[-1]) if path and isinstance(path[-1], str) else ""


def _words(error, data, kind: str) -> tuple[str, str]:
    """``(message, expected)`` for one schema error, as a person would put it."""
    where = _where(tuple(error.absolute_path), data)
    lead = f"{where}: " if where else ""
    v, arg, inst, sch = error.validator, error.validator_value, error.instance, error.schema
    hint = sch.get("x-expected", "") if isinstance(sch, dict) else ""
    field = _field(error)
    it = f"{field} is {show(inst)}" if field else f"the value is {show(inst)}"
    if v == "required":
        missing = [k for k in arg if isinstance(inst, dict) and k not in inst]
        what = where or "the file"
        return (f"{what} has no {', '.join(map(repr, missing))}",
                "; ".join(_describe(sch.get("properties", {}).get(k, {}), k, kind)
                          for k in missing))
    if v == "additionalProperties":
        extra = [k for k in inst if k not in sch.get("properties", {})]
        allowed = ", ".join(k for k in sch.get("properties", {}) if k != "$schema")
        return (f"{lead}unknown field{'s' if len(extra) > 1 else ''} "
                f"{', '.join(map(repr, extra))}", f"only {allowed}" if allowed else "no fields")
    if v == "type":
        kinds = arg if isinstance(arg, list) else [arg]
        return f"{lead}{it}", hint or " or ".join(_TYPES.get(k, k) for k in kinds)
    if v == "const":
        return f"{lead}{it}", json.dumps(arg)
    if v == "enum":
        return f"{lead}{it}", "one of " + ", ".join(json.dumps(x) for x in arg)
    if v in ("minLength", "pattern") and isinstance(inst, str) and not inst.strip():
        return f"{lead}{field or 'the text'} is empty", hint or "a non-empty string"
    if v == "pattern":
        return f"{lead}{it}", hint or f"text matching {arg}"
    if v == "format":
        return f"{lead}{it}", {"date-time": "an ISO 8601 date-time with its time zone, e.g. "
                               "2026-12-04T23:59:00+00:00", "date": "a date such as 2026-12-04"
                               }.get(arg, f"a {arg}")
    if v in ("minItems", "maxItems"):
        word = "at least" if v == "minItems" else "at most"
        key = error.absolute_path[-1] if error.absolute_path else ""
        noun = _SINGULAR.get(key)
        noun = (noun + "s" if arg != 1 else noun) if noun else ("entries" if arg != 1
                                                                 else "entry")
        count = f"{len(inst)} entr{'y' if len(inst) == 1 else 'ies'}"
        return f"{lead}{field or 'the list'} has {count}", hint or f"{word} {arg} {noun}"
    if v == "uniqueItems":
        return f"{lead}{field or 'the list'} repeats an entry", "each entry once"
    if v in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        sign = {"minimum": ">=", "exclusiveMinimum": ">", "maximum": "<=",
                "exclusiveMaximum": "<"}[v]
        return f"{lead}{it}", f"a number {sign} {arg}"
    if v in ("minProperties", "maxProperties"):
        return f"{lead}{it}", hint or f"{'at least' if v == 'minProperties' else 'at most'} " \
                                       f"{arg} entries"
    if v == "dependentRequired":
        have = next((k for k, need in arg.items() if isinstance(inst, dict) and k in inst
                     and any(n not in inst for n in need)), "")
        need = [n for n in arg.get(have, []) if n not in inst]
        return (f"{lead}has {have!r} but no {', '.join(map(repr, need))}",
                f"{' and '.join(map(repr, [have, *need]))} together, or neither")
    if v == "propertyNames":
        return f"{lead}{it}", hint or "keys of the allowed kind"
    return f"{lead}{error.message}", hint


def _describe(sub: dict, key: str, kind: str) -> str:
    """What a missing field should hold, from its schema (following a local ``$ref``)."""
    if isinstance(sub, dict) and str(sub.get("$ref", "")).startswith("#/"):
        sub = _resolve(kind, sub["$ref"])
    if not isinstance(sub, dict):
        return repr(key)
    if "x-expected" in sub:
        return f"{key!r}: {sub['x-expected']}"
    if "const" in sub:
        return f"{key!r}: {json.dumps(sub['const'])}"
    if "enum" in sub:
        return f"{key!r}: one of " + ", ".join(json.dumps(x) for x in sub["enum"])
    kind = sub.get("type")
    return f"{key!r}: {_TYPES.get(kind, kind)}" if isinstance(kind, str) else repr(key)


def _resolve(kind: str, ref: str):
    """The sub-schema at a local ``$ref`` such as ``#/$defs/text``."""
    node = schema(kind)
    for part in ref[2:].split("/"):
        node = node.get(part, {}) if isinstance(node, dict) else {}
    return node
