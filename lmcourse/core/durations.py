"""How long a notebook takes: reading at about 200 words a minute, plus time to answer.

The course map promises a time for every notebook; this module measures it instead of
guessing, so the map, the notebooks' own "About N minutes" lines and the README can be
checked against one number (``tests/notebooks/test_durations.py`` does). The model is
deliberately plain and is written out in :data:`ANSWER_SECONDS` and :data:`TOOL_SECONDS`:

- **reading**: every word of the notebook's prose, and every word a learner reads in its
  exercises before answering (titles, prompts, statements, situations, options, shown
  steps), at :data:`WORDS_PER_MINUTE`;
- **answering**: a fixed time per question by kind, which includes reading its feedback
  (for a worked example's step, the worked step too);
- **tools**: a fixed time for each interactive tool a notebook shows (the skills radar,
  the pair-up tool, the profile, the review round, the evidence panel, the answers
  panel).

The total is rounded to the nearest 5 minutes for the course map. Pure: notebook JSON and
course content in, numbers out.

>>> words("Two sides, one coin: lead & manage.")
6
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from .content import blanks

__all__ = ["WORDS_PER_MINUTE", "ANSWER_SECONDS", "TOOL_SECONDS", "Duration", "words",
           "exercise_words", "notebook", "rounded", "hours"]

WORDS_PER_MINUTE = 200

#: Seconds to answer one question of each kind and read its feedback.
ANSWER_SECONDS = {
    "classify": 15,  # per statement
    "scenario": 45,
    "multi": 60,
    "place": 30,  # per situation: a difference and a side
    "example": 45,  # per step to complete, with its worked step
    "self": 8,  # per item
    "reflection": 180,  # writing a few sentences, then the exemplar and self-check
}

#: Seconds for each interactive tool, by the call that shows it.
TOOL_SECONDS = {
    "learner": 30, "answers": 60, "skills_rating": 180, "case_chart": 60, "pair_up": 300,
    "my_profile": 180, "review": 300, "evidence": 180,
}

_CALL = re.compile(r"lm\.(\w+)\(\s*(?:\"([a-z0-9-]+)\")?")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.-]*")


def words(text: str) -> int:
    """Words in ``text``: runs of letters and digits (markup and symbols do not count)."""
    return len(_WORD.findall(text))


def exercise_words(ex: dict) -> int:
    """Words a learner reads in an exercise before answering it."""
    parts = [ex["title"], ex["prompt"]]
    parts += [i["text"] for i in ex.get("items", [])]
    parts += [o["text"] for o in ex.get("options", [])]
    for step in ex.get("steps", []):
        parts += [step["title"], step.get("question", step["text"])]
        parts += [o["text"] for o in step.get("options", [])]
    return sum(words(p) for p in parts)


def _questions(ex: dict) -> int:
    kind = ex["kind"]
    if kind in ("classify", "place", "self"):
        return len(ex["items"])
    if kind == "example":
        return len(blanks(ex))
    return 1


@dataclass(frozen=True)
class Duration:
    """A notebook's time: words read, seconds of answering and of tools, in minutes."""

    prose_words: int
    exercise_words: int
    answer_seconds: int
    tool_seconds: int

    @property
    def minutes(self) -> float:
        reading = (self.prose_words + self.exercise_words) / WORDS_PER_MINUTE
        return reading + (self.answer_seconds + self.tool_seconds) / 60


def notebook(path: str | Path, course) -> Duration:
    """The measured time of the notebook at ``path`` (``course`` from
    :func:`lmcourse.core.content.load_course`)."""
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    prose = ex_words = answer = tools = 0
    for cell in nb["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            prose += words(source)
            continue
        for name, ex_id in _CALL.findall(source):
            if name == "exercise" and ex_id:
                ex = course.get(ex_id)
                ex_words += exercise_words(ex)
                answer += ANSWER_SECONDS[ex["kind"]] * _questions(ex)
            elif name == "review":
                tools += TOOL_SECONDS["review"]
            elif name in TOOL_SECONDS:
                tools += TOOL_SECONDS[name]
    return Duration(prose, ex_words, answer, tools)


def rounded(minutes: float) -> int:
    """Minutes to the nearest 5 (at least 5), as the course map states them."""
    return max(5, int(5 * round(minutes / 5)))


def hours(minutes: float) -> str:
    """A course's length in words, to the nearest half hour.

    >>> hours(312), hours(331), hours(61)
    ('five hours', 'five and a half hours', 'one hour')
    """
    names = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    halves = round(minutes / 30)
    whole, half = divmod(halves, 2)
    if whole == 1 and not half:
        return "one hour"
    return f"{names[whole]}{' and a half' if half else ''} hours"
