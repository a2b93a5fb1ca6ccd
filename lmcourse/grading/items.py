"""Item-writing cues: what lets a student answer a scored question without reading it.

A test-wise student (Millman, Bishop & Ebel 1965) picks the longest option, avoids options
that say "always" or "only", and learns how many boxes a choose-all question usually wants.
When the keys follow such cues, a score measures test-wiseness, not understanding. This
module finds the cues (Haladyna, Downing & Rodriguez 2002) in any exercise file, the
course's or an instructor's, and simulates the test-wise student over a set of files. Pure:
no widgets, no files written.

**The cues** (:func:`cues`), each a warning ``file:line: warning: ...``; none is an error:

- *key longest*: in a one-best-answer question (``scenario``), the key is the longest option
  and at least :data:`LENGTH_MARGIN` (1.25) times the mean length of the others; in a
  choose-all question (``multi``), the correct options are on average at least 1.25 times
  as long as the wrong ones. Lengths are counted in characters.
- *absolutes only in distractors*: a wrong option uses a word of :data:`ABSOLUTES` (whole
  words, any case: "only", "always", "never", ...) and no correct option does.
- *all/none of the above*: an option that points at the other options (:data:`ABOVE`).
- *every option correct*: a choose-all question whose options are all correct.
- *same number correct*: every choose-all question of a file (two or more) has the same
  number of correct options.
- *key positions unbalanced*: in a file with three or more one-best-answer questions, one
  position (first, second, ...) holds the key at least 3 times and more than 1.5 times as
  often as an even spread would put it there.
- *answers piled up* (``place``, four or more situations): one side is the answer for more
  than :data:`PILE_SHARE` (75%) of them, or one difference for at least 3 and more than
  twice an even share.

The steps a learner completes in a worked example (``example``) are one-best-answer
questions, and get every cue a ``scenario`` gets.

**The test-wise simulation** (:func:`simulate`) answers every scored question with cues
only, and reports its expected score beside the expected score of blind guessing:

- ``scenario``: set aside options with absolutes (unless all have them), pick the longest of
  the rest (a tie is split evenly). Chance: one over the number of options.
- ``multi``: rank the options, those without absolutes first, longest first; tick as many
  as the *usual count* (the most common number of correct options in the set simulated,
  the smaller on a tie). The score is the course's own: the share of options judged right.
  Chance: ticking each option with probability 1/2, which judges half the options right.
- ``classify``: count the words of :data:`KEYWORDS` in the statement; more leadership
  words -> leadership, more management words -> management, as many of each (at least
  one) -> both (when it is a category), no keyword -> a blind guess. Chance: one over the
  number of categories.
- ``place``: the side as for ``classify`` (between the two sides), the difference by the
  most words of :data:`DIFFERENCE_KEYWORDS` among those listed (ties split, none a blind
  guess); the score is the course's own, half for each part. Chance: the mean of one over
  the number of differences and one half.
- ``example``: each step to complete as a ``scenario``.

Scores are expectations (ties and guesses are split as probabilities), so the simulation is
exact and repeatable. The course's own exercises keep the cue-only score within
:data:`MAX_GAP` (10) points of chance on every kind.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..core.locate import line_of
from ..core.problems import Problem

__all__ = [
    "ABSOLUTES",
    "ABOVE",
    "KEYWORDS",
    "LENGTH_MARGIN",
    "MAX_GAP",
    "SCORED",
    "Tally",
    "absolutes",
    "cues",
    "keyword_side",
    "keyword_difference",
    "DIFFERENCE_KEYWORDS",
    "PILE_SHARE",
    "guesses",
    "usual_count",
    "simulate",
    "describe",
]

#: Specific determiners and other absolute words, matched as whole words in any case.
ABSOLUTES = (
    "all", "always", "never", "none", "nothing", "nobody", "no one", "only", "every",
    "everyone", "everything", "entirely", "completely", "totally", "purely", "pure",
    "solely", "wholly", "absolutely", "forever", "impossible", "guaranteed",
)
_ABSOLUTE = re.compile(r"\b(" + "|".join(w.replace(" ", r"\s+") for w in ABSOLUTES) + r")\b",
                       re.IGNORECASE)

#: Options that point at the other options instead of saying something.
ABOVE = re.compile(r"\b(all|none|both|neither)\s+(of\s+)?(the\s+)?(above|of\s+these|"
                   r"options|answers)\b", re.IGNORECASE)

#: How much longer than the others a key may be before it is a cue.
LENGTH_MARGIN = 1.25

#: How many points above chance the course's own exercises may let the cue-only strategy go.
MAX_GAP = 10.0

#: The kinds with a right answer, in the order the simulation reports them.
SCORED = ("scenario", "multi", "classify", "place", "example")

#: In a place exercise, the share of situations one side may be the answer for before
#: the pile is a cue.
PILE_SHARE = 0.75

#: Surface words a test-wise student takes for each side (regex stems, whole-word starts).
KEYWORDS = {
    "leadership": (
        "vision", "inspir", "future", "strateg", "direction", "long-term", "innovat",
        "new", "change", "transform", "people", "value", "purpose", "mission", "risk",
        "motivat", "opportunit", "grow", "idea", "imagin", "creat", "bold", "experiment",
        "empower", "culture", "trust", "dream", "disrupt", "reinvent", "why", "story",
        "believ", "passion", "years",
    ),
    "management": (
        "plan", "budget", "schedul", "process", "procedure", "routine", "control", "track",
        "monitor", "efficien", "cost", "deadline", "rule", "checklist", "rota", "shift",
        "target", "metric", "report", "assign", "organi[sz]", "staff", "allocat", "resource",
        "measur", "audit", "complian", "standard", "polic", "workflow", "timeline", "quarter",
        "weekly", "daily", "kpi", "spreadsheet", "invoice", "roster", "operation", "execut",
        "stab", "continu", "mitigat", "safe", "short-term", "order", "due", "task", "ticket",
        "backlog", "sprint", "week",
    ),
}
_KEYWORD = {side: re.compile(r"\b(" + "|".join(stems) + r")", re.IGNORECASE)
            for side, stems in KEYWORDS.items()}

#: Surface words a test-wise student takes for each difference (regex stems).
DIFFERENCE_KEYWORDS = {
    "focus": ("strateg", "operation", "big picture", "market", "position", "daily",
              "day-to-day", "workflow", "whole organi[sz]ation", "attention"),
    "responsibility": ("vision", "purpose", "mission", "execut", "owner", "accountab",
                       "goal", "answerable", "responsib"),
    "change": ("innovat", "new", "change", "idea", "routine", "procedure", "continu",
               "steady", "stabl", "tradition"),
    "decision-making": ("risk", "bet", "gambl", "safe", "fallback", "pilot", "trial",
                        "uncertain", "caution", "bold", "decid", "decision"),
    "orientation": ("people", "team", "trust", "relationship", "mentor", "morale",
                    "process", "system", "checklist", "form"),
    "time-focus": ("year", "future", "long-term", "decade", "quarter", "week", "month",
                   "deadline", "short-term", "today", "tomorrow"),
    "results": ("efficien", "cost", "transform", "faster", "waste", "saving", "productiv",
                "output", "result"),
}
_DIFF_KEYWORD = {d: re.compile(r"\b(" + "|".join(stems) + r")", re.IGNORECASE)
                 for d, stems in DIFFERENCE_KEYWORDS.items()}


def absolutes(text: str) -> list[str]:
    """The absolute words in ``text``, lower-cased, in order."""
    return [" ".join(m.group(1).lower().split()) for m in _ABSOLUTE.finditer(text)]


def keyword_side(text: str, categories) -> dict[str, float]:
    """The test-wise student's sort of a statement: ``{category: probability}``."""
    counts = {side: len(rx.findall(text)) for side, rx in _KEYWORD.items()}
    lead, manage = counts["leadership"], counts["management"]
    if lead > manage and "leadership" in categories:
        return {"leadership": 1.0}
    if manage > lead and "management" in categories:
        return {"management": 1.0}
    if lead and lead == manage and "both" in categories:
        return {"both": 1.0}
    return {c: 1 / len(categories) for c in categories}


def keyword_difference(text: str, differences) -> dict[str, float]:
    """The test-wise student's difference for a situation: ``{difference: probability}``
    among ``differences``, by the most keywords (a tie split evenly, none a blind guess)."""
    counts = {d: len(_DIFF_KEYWORD[d].findall(text)) for d in differences}
    top = max(counts.values())
    best = [d for d, n in counts.items() if n == top] if top else list(differences)
    return {d: 1 / len(best) for d in best}


# ---- cues: per question and per file -------------------------------------------------

def _mean(values) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def _where(lines: dict, *path) -> int:
    return line_of(lines, ("exercises",) + path)


def _questions_with_options(ex: dict, i: int):
    """The option questions of exercise ``i``: ``(kind, label, options, path)`` for a
    scenario or multi, and for each step to complete of a worked example (judged as a
    one-best-answer question, like a scenario)."""
    if ex.get("kind") in ("scenario", "multi"):
        yield ex["kind"], f"{ex['kind']} {ex['id']!r}", ex["options"], (i,)
    elif ex.get("kind") == "example":
        for j, step in enumerate(ex["steps"]):
            if "options" in step:
                yield ("scenario", f"example {ex['id']!r}, step {step['id']!r}",
                       step["options"], (i, "steps", j))


def cues(data: dict, name: str, lines: dict[tuple, int]) -> list[Problem]:
    """The item-writing cues in one checked exercise file, each as a warning with its line.

    ``lines`` maps JSON paths to lines (:func:`lmcourse.core.locate.value_lines`)."""
    found: list[Problem] = []

    def warn(line: int, message: str, expected: str) -> None:
        found.append(Problem(name, line, message, expected, warning=True))

    keys: list[tuple[tuple, int, int]] = []  # (path, key position, option count)
    counts: list[tuple[tuple, int]] = []  # (path, number correct) of choose-all
    for i, ex in enumerate(data.get("exercises", [])):
        if ex.get("kind") == "place":
            _place_cues(ex, i, lines, warn)
        for kind, label, options, path in _questions_with_options(ex, i):
            right = [o for o in options if o["correct"]]
            wrong = [o for o in options if not o["correct"]]
            for j, o in enumerate(options):
                if ABOVE.search(o["text"]):
                    warn(_where(lines, *path, "options", j, "text"), f"{label}: option "
                         f"{o['id']!r} says {ABOVE.search(o['text']).group(0)!r}",
                         "options that each say something on their own")
            if kind == "scenario" and right and wrong:
                key = right[0]
                others = _mean(len(o["text"]) for o in wrong)
                if len(key["text"]) >= max(len(o["text"]) for o in wrong) and \
                        len(key["text"]) >= LENGTH_MARGIN * others:
                    warn(_where(lines, *path, "options", options.index(key), "text"),
                         f"{label}: the key {key['id']!r} is the longest option, "
                         f"{len(key['text']) / others:.2f}x the mean length of the others",
                         f"options of about equal length, the key under {LENGTH_MARGIN}x")
                keys.append((path, options.index(key), len(options)))
            if kind == "multi" and wrong:
                ratio = (_mean(len(o["text"]) for o in right)
                         / _mean(len(o["text"]) for o in wrong))
                if ratio >= LENGTH_MARGIN:
                    warn(_where(lines, *path, "options"), f"{label}: the correct options "
                         f"are {ratio:.2f}x as long as the wrong ones on average",
                         f"options of about equal length, under {LENGTH_MARGIN}x")
                counts.append((path, len(right)))
            if kind == "multi" and not wrong:
                warn(_where(lines, *path, "options"), f"{label}: every option is correct",
                     "from 1 correct option to all but one")
            in_wrong = [(j, absolutes(o["text"])) for j, o in enumerate(options)
                        if not o["correct"] and absolutes(o["text"])]
            if in_wrong and not any(absolutes(o["text"]) for o in right):
                j, words = in_wrong[0]
                shown = ", ".join(sorted({w for _, ws in in_wrong for w in ws}))
                warn(_where(lines, *path, "options", j, "text"), f"{label}: absolutes "
                     f"({shown}) appear only in wrong options ({len(in_wrong)} of "
                     f"{len(wrong)})", "absolutes in correct options as often as in wrong "
                     "ones, or in neither")
    if len(counts) >= 2 and len({n for _, n in counts}) == 1:
        warn(_where(lines, *counts[0][0]), f"all {len(counts)} choose-all questions of the "
             f"file have {counts[0][1]} correct options", "a number that varies, from 1 to "
             "all but one")
    if len(keys) >= 3:
        spread = Counter(pos for _, pos, _ in keys)
        pos, most = spread.most_common(1)[0]
        even = len(keys) / _mean(n for _, _, n in keys)
        if most >= 3 and most > 1.5 * even:
            warn(_where(lines), f"the key is option {pos + 1} in {most} of the file's "
                 f"{len(keys)} one-best-answer questions", f"about {even:.1f} in each "
                 "position")
    return sorted(found, key=lambda p: p.line)


def _place_cues(ex: dict, i: int, lines: dict, warn) -> None:
    """A place exercise whose answers pile up: one side, or one difference, the answer
    far more often than an even spread would make it (a student learns the usual answer)."""
    items_ = ex["items"]
    if len(items_) < 4:
        return
    label = f"place {ex['id']!r}"
    side, most = Counter(item["side"] for item in items_).most_common(1)[0]
    if most > PILE_SHARE * len(items_):
        warn(_where(lines, i, "items"), f"{label}: the {side} side is the answer for {most} "
             f"of its {len(items_)} situations", "both sides about equally often")
    diff, most = Counter(item["difference"] for item in items_).most_common(1)[0]
    even = len(items_) / len(ex["differences"])
    if most >= 3 and most > 2 * even:
        warn(_where(lines, i, "items"), f"{label}: {diff!r} is the answer for {most} of its "
             f"{len(items_)} situations", f"about {even:.1f} situations for each difference")


# ---- the test-wise simulation ---------------------------------------------------------

def _longest(options) -> dict[str, float]:
    """Probability of picking each option by length among the options without absolutes."""
    pool = [o for o in options if not absolutes(o["text"])] or list(options)
    top = max(len(o["text"]) for o in pool)
    best = [o for o in pool if len(o["text"]) == top]
    return {o["id"]: 1 / len(best) for o in best}


def _ticks(options, count: int) -> dict[str, float]:
    """Probability of ticking each option: the ``count`` best ranked, ties split."""
    def rank(o):
        return (bool(absolutes(o["text"])), -len(o["text"]))

    ordered = sorted(options, key=rank)
    count = min(count, len(ordered))
    if count == 0:
        return {o["id"]: 0.0 for o in ordered}
    edge = rank(ordered[count - 1])
    above = [o for o in ordered if rank(o) < edge]
    tied = [o for o in ordered if rank(o) == edge]
    share = (count - len(above)) / len(tied)
    return {o["id"]: 1.0 if rank(o) < edge else share if rank(o) == edge else 0.0
            for o in ordered}


def usual_count(exercises) -> int:
    """The most common number of correct options among the choose-all questions (the
    smaller on a tie); 1 when there is none."""
    spread = Counter(sum(o["correct"] for o in ex["options"]) for ex in exercises
                     if ex.get("kind") == "multi")
    if not spread:
        return 1
    most = max(spread.values())
    return min(n for n, c in spread.items() if c == most)


def guesses(exercise: dict, usual: int) -> list[tuple[str, float, float]]:
    """The test-wise student on one exercise: ``(question key, expected score 0-1, chance
    0-1)`` for each question it asks (none for self-assessments and reflections)."""
    kind = exercise.get("kind")
    if kind == "scenario":
        picks = _longest(exercise["options"])
        score = sum(p for o in exercise["options"] if o["correct"]
                    for p in [picks.get(o["id"], 0.0)])
        return [(exercise["id"], score, 1 / len(exercise["options"]))]
    if kind == "multi":
        ticks = _ticks(exercise["options"], usual)
        right = [ticks[o["id"]] if o["correct"] else 1 - ticks[o["id"]]
                 for o in exercise["options"]]
        return [(exercise["id"], _mean(right), 0.5)]
    if kind == "classify":
        cats = exercise["categories"]
        return [(f"{exercise['id']}/{item['id']}",
                 keyword_side(item["text"], cats).get(item["answer"], 0.0), 1 / len(cats))
                for item in exercise["items"]]
    if kind == "place":
        diffs, sides = exercise["differences"], ("leadership", "management")
        chance = (1 / len(diffs) + 1 / len(sides)) / 2
        return [(f"{exercise['id']}/{item['id']}",
                 (keyword_difference(item["text"], diffs).get(item["difference"], 0.0)
                  + keyword_side(item["text"], sides).get(item["side"], 0.0)) / 2, chance)
                for item in exercise["items"]]
    if kind == "example":
        out = []
        for step in exercise["steps"]:
            if "options" in step:
                picks = _longest(step["options"])
                score = sum(picks.get(o["id"], 0.0) for o in step["options"] if o["correct"])
                out.append((f"{exercise['id']}/{step['id']}", score, 1 / len(step["options"])))
        return out
    return []


@dataclass
class Tally:
    """The simulation's result for one kind of question."""

    kind: str
    questions: int = 0
    cue: float = 0.0  # sum of expected scores, 0-1 each
    chance: float = 0.0

    @property
    def cue_pct(self) -> float:
        return 100 * self.cue / self.questions if self.questions else 0.0

    @property
    def chance_pct(self) -> float:
        return 100 * self.chance / self.questions if self.questions else 0.0

    @property
    def gap(self) -> float:
        """Points the cue-only strategy scores above chance."""
        return self.cue_pct - self.chance_pct


def simulate(files: list[dict], usual: int | None = None) -> dict[str, Tally]:
    """The test-wise student over the exercise files ``files`` (checked data): a
    :class:`Tally` for each scored kind present. ``usual`` is the number of ticks in a
    choose-all question (default: :func:`usual_count` over ``files``)."""
    exercises = [ex for data in files for ex in data.get("exercises", [])]
    usual = usual_count(exercises) if usual is None else usual
    tallies: dict[str, Tally] = {}
    for ex in exercises:
        for _, score, chance in guesses(ex, usual):
            t = tallies.setdefault(ex["kind"], Tally(ex["kind"]))
            t.questions += 1
            t.cue += score
            t.chance += chance
    return {k: tallies[k] for k in SCORED if k in tallies}


def describe(files: dict[str, dict]) -> str:
    """The simulation as text for ``lmcourse validate --test-wise``: the whole set, kind by
    kind, then each file. ``files`` maps a file's name to its checked data."""
    every = list(files.values())
    usual = usual_count(ex for data in every for ex in data.get("exercises", []))
    total = simulate(every, usual)
    out = [f"Test-wise simulation over {len(files)} exercise file(s), answering by cues alone: "
           "the longest option",
           "without absolutes (and so for the steps of a worked example); in choose-all "
           f"questions the {usual}",
           "longest; statements sorted and situations placed by keywords. Expected score:",
           f"  {'kind':<10}{'questions':>10}{'cue-only':>10}{'chance':>9}{'above chance':>15}"]
    for t in total.values():
        flag = f"  more than {MAX_GAP:g} points above chance" if t.gap > MAX_GAP else ""
        out.append(f"  {t.kind:<10}{t.questions:>10}{t.cue_pct:>9.1f}%{t.chance_pct:>8.1f}%"
                   f"{t.gap:>+10.1f} pts{flag}")
    if not total:
        out.append("  (no scored questions)")
    if len(files) > 1:
        out.append("By file (cue-only / chance):")
        for name, data in files.items():
            parts = [f"{t.kind} {t.cue_pct:.0f}%/{t.chance_pct:.0f}%"
                     for t in simulate([data], usual).values()]
            if parts:
                out.append(f"  {name}: " + ", ".join(parts))
    return "\n".join(out)
