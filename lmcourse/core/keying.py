"""Self-assessment items: each behaviour keyed to one side, and asked once in the course.

A self-assessment item asks about one behaviour and is keyed, by its ``pole``, to the
leadership side or to the management side; the item itself is the one place where that
key is written. For the two scores of every difference to mean what they say, a behaviour
must count for the same side everywhere and be asked once: a small trial keyed to the
leadership side in one notebook and to the management side in another would score the
same habit both ways. :func:`problems` finds, across every self-assessment given:

- an item text keyed to both sides (the same words under both keys);
- near-duplicate items in two different differences, or keyed to both sides: two items
  that share at least :data:`MIN_SHARED` content words, which are at least
  :data:`OVERLAP` of the shorter item's content words (a crude stem, stop words left out).

Pure: no files, no widgets.

>>> ex = lambda diff, pole, text: {"id": f"{diff}-self", "kind": "self", "difference": diff,
...     "items": [{"id": "a", "pole": pole, "text": text}]}
>>> found = problems([("a.json", {}, {"exercises": [ex("change", "leadership",
...     "How often do you set up a small trial to test an untried idea?")]}),
...     ("b.json", {}, {"exercises": [ex("decision-making", "management",
...     "How often do you test an idea on a small scale before rolling it out?")]})])
>>> len(found), found[0].message.split(": both")[0].split(", ")[-1]
(1, 'keyed to the other side')
"""

from __future__ import annotations

import itertools
import re

from .locate import line_of
from .problems import Problem

__all__ = ["problems", "content_words", "OVERLAP", "MIN_SHARED"]

#: Share of the shorter item's content words two items must have in common to count as
#: near-duplicates (with at least :data:`MIN_SHARED` of them).
OVERLAP = 0.5
MIN_SHARED = 3
_STOP = frozenset("""
a about after again also am an and any are as at be been before being by can could did do
does down each even every few for from how if in into is it its just may might more most
must not of often on one ones only or other others out over own should so some still such
than that the their them then there these they this those to under up very was what when
where which while who whom why will with within would you your yours yourself
""".split())


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def content_words(text: str) -> frozenset[str]:
    """The item's content words, crudely stemmed, stop words left out.

    >>> sorted(content_words("How often do you test an idea on a small scale?"))
    ['idea', 'scale', 'small', 'test']
    """
    words = re.findall(r"[a-z]+", text.lower().replace("'s", ""))
    return frozenset(_stem(w) for w in words if w not in _STOP)


def _items(files):
    """Every self-assessment item: ``(file, lines, path, exercise, item)``."""
    for name, lines, data in files:
        for i, ex in enumerate((data or {}).get("exercises") or []):
            if not isinstance(ex, dict) or ex.get("kind") != "self":
                continue
            for j, item in enumerate(ex.get("items") or []):
                if isinstance(item, dict) and isinstance(item.get("text"), str):
                    yield name, lines, ("exercises", i, "items", j), ex, item


def problems(files) -> list[Problem]:
    """The keying problems of the self-assessments in ``files``, an iterable of
    ``(file name, lines, parsed exercise file)`` (``lines`` from
    :func:`lmcourse.core.locate.value_lines`): each reported on the later item."""
    found = []
    items = [(*entry, content_words(entry[4]["text"])) for entry in _items(files)]
    for first, second in itertools.combinations(items, 2):
        (_, _, _, ex1, item1, words1), (name, lines, path, ex2, item2, words2) = first, second
        shared = words1 & words2
        smaller = min(len(words1), len(words2)) or 1
        both = item1.get("pole") != item2.get("pole")
        same_text = " ".join(item1["text"].lower().split()) == " ".join(
            item2["text"].lower().split())
        near = len(shared) >= MIN_SHARED and len(shared) / smaller >= OVERLAP
        other, this = f"{ex1['id']}/{item1['id']}", f"{ex2['id']}/{item2['id']}"
        where = line_of(lines, path + ("text",))
        if same_text and both:
            found.append(Problem(name, where, f"self-assessment item {this!r} is item "
                                 f"{other!r} keyed to the other side",
                                 "each behaviour keyed to one side only, everywhere"))
        elif near and (both or ex1.get("difference") != ex2.get("difference")):
            why = ("keyed to the other side" if both
                   else f"in another difference ({ex1.get('difference')})")
            found.append(Problem(name, where, f"self-assessment item {this!r} nearly repeats "
                                 f"item {other!r}, {why}: both ask about "
                                 f"{', '.join(sorted(shared))}",
                                 "one behaviour asked once in the course, for one side"))
    return found
