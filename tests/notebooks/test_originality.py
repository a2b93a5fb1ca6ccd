"""Every sentence of the course is ours: no run of 8 words from the seed article.

The course takes facts from the article in ``../shared/seed/`` but never its wording. This
test looks for any 8 consecutive words of the article (case, punctuation and curly quotes
ignored) in the text of every exercise file and in every notebook's Markdown. Titles are
excepted: the article's headings (its lines under 12 words) are left out of the search,
and so are the course's own Markdown headings, so the article can be cited by name.
"""

import hashlib
import json
import re

import pytest

from tests.conftest import ROOT

#: The article sits beside the repository (``../shared/seed``), not in it; from a git
#: worktree one level deeper, ``../../shared/seed``.
SEED = next((p for p in (base / "shared" / "seed" / "leadership-vs-management-article.txt"
                         for base in (ROOT.parent, ROOT.parent.parent)) if p.exists()),
            ROOT.parent / "shared" / "seed" / "leadership-vs-management-article.txt")
RUN = 8
#: Fingerprints of the article's runs (a short hash each, never its words), kept in the
#: repository so the check also runs where the shared folder is not (a clean CI clone).
FINGERPRINTS = ROOT / "tests" / "data" / "seed-runs.txt"
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def words(text: str) -> list[str]:
    """The words of ``text``, lower-cased, curly apostrophes made straight."""
    return _WORD.findall(text.lower().replace("\u2019", "'").replace("\u2018", "'"))


def runs(text: str) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i:i + RUN]) for i in range(len(w) - RUN + 1)}


def seed_runs(text: str) -> set[tuple[str, ...]]:
    """The 8-word runs of the article's body: each line under 12 words is a title."""
    return set().union(*(runs(line) for line in text.splitlines()
                         if len(words(line)) >= 12))


def strings(value):
    """Every string inside a JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


def course_texts():
    """``(where, text)`` for every string of every exercise file and every Markdown cell
    of every notebook, headings left out."""
    for path in sorted((ROOT / "exercises").rglob("*.json")):
        for text in strings(json.loads(path.read_text(encoding="utf-8"))):
            yield path.relative_to(ROOT), text
    for path in sorted((ROOT / "notebooks").rglob("*.ipynb")):
        if ".ipynb_checkpoints" in path.parts:
            continue
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "markdown":
                body = [line for line in "".join(cell["source"]).splitlines()
                        if not line.lstrip().startswith("#")]
                yield path.relative_to(ROOT), "\n".join(body)


def fingerprint(run: tuple[str, ...]) -> str:
    return hashlib.sha256(" ".join(run).encode("utf-8")).hexdigest()[:16]


def seed_fingerprints() -> set[str]:
    """The article's runs as fingerprints: from the article when it is beside the
    repository, else from the copy of the fingerprints kept in ``tests/data``."""
    if SEED.exists():
        return {fingerprint(r) for r in seed_runs(SEED.read_text(encoding="utf-8"))}
    return set(FINGERPRINTS.read_text(encoding="ascii").split())


def test_the_check_finds_a_copied_run_and_not_a_shared_phrase():
    seed = seed_runs("Leadership vs Management\nLeaders take a big-picture approach to the "
                     "whole organization and its future, every single day.\n")
    assert runs("As they say, LEADERS take a big-picture approach to the whole "
                "organization!") & seed
    assert not runs("Leaders take a big-picture approach to their own teams.") & seed
    assert not runs("Leadership vs Management") & seed


def test_no_eight_word_run_of_the_seed_article_in_the_course():
    seed = seed_fingerprints()
    assert len(seed) > 500  # the article was read
    copied = sorted({f"{where}: {' '.join(run)}" for where, text in course_texts()
                     for run in runs(text) if fingerprint(run) in seed})
    assert copied == [], "\n".join(copied)


def test_the_kept_fingerprints_match_the_article():
    """When the article is at hand, the fingerprints in tests/data are its own (else write
    them again: see the module's ``write_fingerprints``)."""
    if not SEED.exists():
        assert len(FINGERPRINTS.read_text(encoding="ascii").split()) > 500
        return
    assert set(FINGERPRINTS.read_text(encoding="ascii").split()) == seed_fingerprints()


def write_fingerprints() -> None:
    """``python -c "from tests.notebooks.test_originality import write_fingerprints as w;
    w()"`` after the article changes."""
    FINGERPRINTS.write_text("\n".join(sorted(seed_fingerprints())) + "\n", encoding="ascii")
