"""The learner's own evidence, gathered for the synthesis in notebook 10.

The course's closing argument, that leadership and management are two sides of one coin,
is built from what this learner did before it is stated: their two scores on each
difference and which sides they cover; which differences and sides they mixed up in the
sorting and "which difference is this?" exercises; which questions they missed, by
difference; and what a partner from the case studies would add. Each function returns
plain data; :mod:`lmcourse.course.synthesis` shows it. Nothing here judges the person:
the words describe answers, never the learner.

Pure: course content and saved progress data in, plain data out.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .content import CATEGORIES, DIFFERENCE_IDS, DIFFERENCE_LABELS, POLES, questions
from .profile import WELL, case_profile, cases, coverage, pole_profile
from .review import difference_of

__all__ = ["COVERED", "Side", "Mixups", "Missed", "Pairing", "Summary", "covered", "sides",
           "mixups", "missed", "pairings", "summary", "summary_of", "OTHER"]

#: A side counts as covered at this score or more: the line the pair-up tool and the profile
#: table draw too (:data:`lmcourse.core.profile.WELL`).
COVERED = WELL
#: How questions about no single difference (the skills and case notebooks) are grouped.
OTHER = "Skills and cases"


def covered(leadership: float | None, management: float | None) -> str | None:
    """Which sides a pair of scores covers: ``both``, ``leadership``, ``management`` or
    ``neither``; None when a score is missing.

    >>> covered(80, 65), covered(80, 20), covered(10, 30), covered(None, 70)
    ('both', 'leadership', 'neither', None)
    """
    if leadership is None or management is None:
        return None
    lead, manage = leadership >= COVERED, management >= COVERED
    return "both" if lead and manage else "leadership" if lead else (
        "management" if manage else "neither")


@dataclass(frozen=True)
class Side:
    """One difference of the learner's profile: the two scores and what they cover."""

    difference: str
    leadership: float | None
    management: float | None

    @property
    def covers(self) -> str | None:
        return covered(self.leadership, self.management)


def sides(course, data: dict) -> list[Side]:
    """The learner's two scores on each of the seven differences, in course order."""
    poles = pole_profile(course, data)
    return [Side(d, poles["leadership"][i], poles["management"][i])
            for i, d in enumerate(DIFFERENCE_IDS)]


@dataclass(frozen=True)
class Mixups:
    """Wrong answers given at a check, counted: ``places`` by (difference it was about,
    difference chosen) for the situations placed under the wrong difference; ``sorting``
    by (difference, side it belongs to, side chosen) for the statements sorted onto the
    wrong side in notebooks 01-07."""

    places: Counter
    sorting: Counter

    @property
    def empty(self) -> bool:
        return not self.places and not self.sorting

    def pairs(self) -> list[tuple[str, str, int, int]]:
        """The differences mixed up, each pair once whichever way round:
        ``(a, b, a placed under b, b placed under a)``, most often first, ties in course
        order. A pair mixed both ways is one blur, not two mistakes.

        >>> Mixups(Counter({("focus", "time-focus"): 2, ("time-focus", "focus"): 1,
        ...                 ("results", "change"): 1}), Counter()).pairs()
        [('focus', 'time-focus', 2, 1), ('change', 'results', 0, 1)]
        """
        rank = {d: i for i, d in enumerate(DIFFERENCE_IDS)}
        seen = {tuple(sorted(k, key=rank.__getitem__)) for k in self.places}
        rows = [(a, b, self.places[(a, b)], self.places[(b, a)]) for a, b in seen]
        return sorted(rows, key=lambda r: (-(r[2] + r[3]), rank[r[0]], rank[r[1]]))

    def sides(self) -> list[tuple[str, str, int, Counter]]:
        """The statements sorted onto another side, by which way they went:
        ``(side it belongs on, side chosen, times, Counter of differences)``, most often
        first. At most six rows, whatever the number of differences."""
        grouped: dict[tuple[str, str], Counter] = {}
        for (diff, right, chosen), n in self.sorting.items():
            grouped.setdefault((right, chosen), Counter())[diff] += n
        rows = [(right, chosen, sum(c.values()), c) for (right, chosen), c in grouped.items()]
        order = {c: i for i, c in enumerate(CATEGORIES)}
        return sorted(rows, key=lambda r: (-r[2], order[r[0]], order[r[1]]))


def _picks(entry: dict, key: str) -> list:
    """Every wrong answer given to question ``key`` at a check (kept by
    :meth:`lmcourse.core.progress.Progress.record`)."""
    return list((entry.get("wrong") or {}).get(key) or [])


def mixups(course, data: dict) -> Mixups:
    """What the learner mixed up, from the wrong answers kept with each saved answer."""
    places, sorting = Counter(), Counter()
    answers = data.get("answers", {})
    for ex_id, ex in course.exercises.items():
        entry = answers.get(ex_id) or {}
        if ex["kind"] == "place":
            for item in ex["items"]:
                for pick in _picks(entry, f"{ex_id}/{item['id']}"):
                    chosen = str(pick).split("/", 1)[0]
                    if chosen != item["difference"] and chosen in DIFFERENCE_LABELS:
                        places[(item["difference"], chosen)] += 1
        elif ex["kind"] == "classify":
            diff = difference_of(ex, ex_id)
            if diff is None:
                continue
            for item in ex["items"]:
                for pick in _picks(entry, f"{ex_id}/{item['id']}"):
                    if pick != item["answer"] and pick in ex["categories"]:
                        sorting[(diff, item["answer"], pick)] += 1
    return Mixups(places, sorting)


@dataclass(frozen=True)
class Missed:
    """The scored questions about one difference (or :data:`OTHER`): how many the learner
    has checked, how many of those were wrong at some check, and how many of the missed
    ones were since answered right in the review round."""

    about: str
    checked: int
    missed: int
    cleared: int


def missed(course, data: dict) -> list[Missed]:
    """Questions missed, by difference (course order, then :data:`OTHER`); only
    differences with a checked question appear."""
    answers, reviewed = data.get("answers", {}), data.get("reviewed", {})
    tally: dict[str, list[int]] = {}
    for ex_id, ex in course.exercises.items():
        entry = answers.get(ex_id) or {}
        if entry.get("status") not in ("right", "partly", "wrong"):
            continue  # never checked
        wrong = set(entry.get("missed") or [])
        for key in questions(ex):
            diff = difference_of(ex, key)
            row = tally.setdefault(DIFFERENCE_LABELS[diff] if diff else OTHER, [0, 0, 0])
            row[0] += 1
            if key in wrong:
                row[1] += 1
                row[2] += key in reviewed
    order = [DIFFERENCE_LABELS[d] for d in DIFFERENCE_IDS] + [OTHER]
    return [Missed(about, *tally[about]) for about in order if about in tally]


@dataclass(frozen=True)
class Pairing:
    """The learner paired with one person from the case studies: on how many of the
    differences the learner has answered the two together cover both sides, and which sides
    the partner would add (sides the learner is below :data:`COVERED` on and the partner
    is not)."""

    person: str
    pair: str
    both: int
    adds: tuple[tuple[str, str], ...]


def pairings(course, data: dict) -> list[Pairing]:
    """The learner beside each of the four people from notebook 09, in case order; empty
    while no difference has both scores."""
    me = pole_profile(course, data)
    if not any(covered(a, b) for a, b in zip(me["leadership"], me["management"],
                                                strict=True)):
        return []
    out = []
    for pair in cases()["pairs"].values():
        for person in pair["people"]:
            them = case_profile(person)
            both = coverage(me, them)
            count = sum(covered(a, b) == "both" and covered(x, y) is not None
                        for a, b, x, y in zip(both["leadership"], both["management"],
                                              me["leadership"], me["management"], strict=True))
            adds = tuple((d, side) for i, d in enumerate(DIFFERENCE_IDS) for side in POLES
                         if me[side][i] is not None and me[side][i] < COVERED
                         and them[side][i] >= COVERED)
            out.append(Pairing(person["name"], pair["title"], count, adds))
    return out


@dataclass(frozen=True)
class Summary:
    """What the evidence adds up to, as counts: of the differences the learner has
    answered, on how many they cover both sides, one, or neither; the partner from the
    cases who would bring most of those to both sides (None before any answer); the
    pair of differences mixed up most often (None if none); and, for comparison, the most
    differences one person from the cases covers on both sides alone."""

    answered: int
    both: int
    one: int
    neither: int
    partner: Pairing | None
    blur: tuple[str, str, int, int] | None
    #: The most differences any one person from the cases covers on both sides alone.
    cases_most: int = 0


def summary(course, data: dict) -> Summary:
    """The evidence in a few numbers, for the sentence that leads into the synthesis."""
    return summary_of(sides(course, data), pairings(course, data), mixups(course, data))


def summary_of(found: list[Side], pairs: list[Pairing], mixes: Mixups) -> Summary:
    """:func:`summary` from evidence already gathered (a panel that shows the parts too
    gathers them once)."""
    covers = [s.covers for s in found]
    mixed = mixes.pairs()
    return Summary(
        answered=sum(c is not None for c in covers), both=covers.count("both"),
        one=covers.count("leadership") + covers.count("management"),
        neither=covers.count("neither"),
        partner=max(pairs, key=lambda p: p.both) if pairs else None,
        blur=mixed[0] if mixed else None,
        cases_most=max(sum(covered(a, b) == "both" for a, b in zip(
            them["leadership"], them["management"], strict=True))
            for them in (case_profile(p) for pair in cases()["pairs"].values()
                         for p in pair["people"])))
