"""Saved progress of an earlier format, carried over to the current one with nothing lost.

**Version 1 -> 2** (the self-assessments rewritten for two independent scales): a version-1
self-assessment answer is ``{item id: index}`` into the old five-point scale (Rarely,
Sometimes, About half the time, Often, Almost always), and some of its items have since been
rewritten or replaced. :func:`from_v1` carries an answer over when its item is asked today
in the same words and its label is still on today's scale (the index is moved to where that
label now stands). Every other answer is kept in the entry's ``"earlier"`` list, as the
question and the label the learner chose, under the item that asks about that behaviour
today: the widget shows it there as "asked again; your earlier answer was ...". Answers to
every other kind of exercise are carried over unchanged, but one: version 1 saved the skill
ratings of notebook 08 as soon as their sliders were shown, every one at its starting 5, so
a rating of all nine skills at exactly 5 is what an untouched set of sliders looked like.
It is carried over as "not rated" (today an untouched slider is never saved), with the old
values kept in ``"earlier"`` and shown beside the sliders. What version 1 looked like is
kept in ``lmcourse/data/self-v1.json``. Pure: the caller keeps the old file aside.

>>> old = {"format": "lmcourse-progress", "version": 1, "answers": {"focus-self": {
...     "value": {"values": 3, "direction": 2}, "updated": "2026-01-01T00:00:00+00:00"}}}
>>> values = "How often do you test a decision against the values your organization says it holds?"
>>> today = {"scale": ["Never", "Rarely", "Sometimes", "Often", "Almost always"],
...          "items": [{"id": "values", "text": values}, {"id": "big-picture", "text": "?"}]}
>>> new, report = from_v1(old, {"focus-self": today}.get)
>>> new["version"], new["answers"]["focus-self"]["value"], report.carried, report.again
(2, {'values': 3}, 1, 1)
>>> new["answers"]["focus-self"]["earlier"][0]["answer"]
'About half the time'
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["from_v1", "Migrated", "V1_SCALE"]

#: The five options of every version-1 self-assessment.
V1_SCALE = ("Rarely", "Sometimes", "About half the time", "Often", "Almost always")
#: Today's scale, for an exercise this code cannot look up.
_SCALE = ("Never", "Rarely", "Sometimes", "Often", "Almost always",
          "I have not had the chance")


@dataclass
class Migrated:
    """What :func:`from_v1` did: answers ``carried`` over as they were, self-assessment
    answers to be asked ``again`` (each kept with its question and label)."""

    carried: int = 0
    again: int = 0

    def sentence(self) -> str:
        text = (f"{self.carried} answer{'s' if self.carried != 1 else ''} carried over "
                "as they were")
        if self.again:
            text += (f"; {self.again} self-assessment answer{'s' if self.again != 1 else ''} "
                     "to questions that changed will be asked again, with your earlier "
                     "answer shown beside each")
        return text


@lru_cache(maxsize=1)
def _v1() -> dict:
    text = resources.files("lmcourse").joinpath("data", "self-v1.json").read_text("utf-8")
    return json.loads(text)


def _self_entry(entry: dict, old: dict, current: dict | None, report: Migrated) -> dict:
    scale = current["scale"] if current else list(_SCALE)
    today = {item["id"]: item["text"] for item in current["items"]} if current else {}
    value, earlier = {}, list(entry.get("earlier") or [])
    by_id = {item["id"]: item for item in old["items"]}
    for item_id, index in (entry.get("value") or {}).items():
        item = by_id.get(item_id)
        if not isinstance(index, int) or isinstance(index, bool) or item is None \
                or not 0 <= index < len(V1_SCALE):
            continue  # never a version-1 answer: the checks before would have left it out
        label = V1_SCALE[index]
        same = today.get(item["now"]) == item["text"]
        if same and label in scale:
            value[item["now"]] = scale.index(label)
            report.carried += 1
        else:
            earlier.append({"question": item["text"], "answer": label,
                            "item": item["now"] if not current or item["now"] in today
                            else None})
            report.again += 1
    out = {k: v for k, v in entry.items() if k not in ("value", "status", "earlier")}
    out["value"] = value
    if value:
        out["status"] = "saved"
    if earlier:
        out["earlier"] = earlier
    return out


#: The saved skill ratings (``lmcourse.core.profile.SKILLS_ID``) and version 1's untouched
#: slider position.
_SKILLS, _UNTOUCHED, _NINE = "skills-rating", 5, 9


def _skills_entry(entry: dict, report: Migrated) -> dict:
    value = entry.get("value")
    if not (isinstance(value, dict) and len(value) >= _NINE
            and all(v == _UNTOUCHED and not isinstance(v, bool) for v in value.values())):
        report.carried += 1
        return entry
    report.again += 1
    return {**entry, "value": {}, "earlier": [{
        "question": "all nine skills", "item": None,
        "answer": f"{_UNTOUCHED} for every skill, the sliders' starting position"}]}


def from_v1(data: dict, exercise_of) -> tuple[dict, Migrated]:
    """Version-1 progress ``data`` (checked) as version 2, and what was done.
    ``exercise_of`` maps an exercise id to today's exercise (or None)."""
    report = Migrated()
    v1 = _v1()["exercises"]
    answers = {}
    for ex_id, entry in data.get("answers", {}).items():
        if ex_id in v1 and isinstance(entry.get("value"), dict):
            current = exercise_of(ex_id) if exercise_of else None
            answers[ex_id] = _self_entry(entry, v1[ex_id], current, report)
        elif ex_id == _SKILLS:
            answers[ex_id] = _skills_entry(entry, report)
        else:
            answers[ex_id] = entry
            report.carried += 1
    return {**data, "version": 2, "answers": answers}, report
