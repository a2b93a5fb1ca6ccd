"""Saved progress: every answer a learner gives, kept in one JSON file, never lost.

The file lives at ``$LMCOURSE_PROGRESS`` or, by default, ``~/.lmcourse/progress.json``.
Its format is ``lmcourse/data/schemas/progress.schema.json``::

    {"format": "lmcourse-progress", "version": 2,
     "learner": {"name": "Ada", "id": "s123"},
     "answers": {"focus-sort": {"value": {...}, "status": "partly", "score": 4, "total": 6,
                                "missed": ["focus-sort/roadmap"],
                                "wrong": {"focus-sort/roadmap": ["management"]},
                                "updated": "2026-..."}},
     "reviewed": {"focus-sort/roadmap": "2026-..."},
     "updated": "2026-..."}

What keeps the answers safe:

- **Every save is one locked read-modify-write.** A save takes the lock of
  ``progress.json.lock`` (:mod:`lmcourse.core.locking`), reads the file as it is now, changes
  one entry and replaces the file atomically (:func:`lmcourse.core.files.atomic_write`),
  so any number of kernels of one learner lose nothing and a crash never leaves half a file.
- **A file that cannot be trusted is never written over.** One that cannot be read
  (permissions), parsed (damage, nesting, odd numbers: :mod:`lmcourse.core.jsonfile`) or
  that says another ``format`` or an unknown ``version`` is moved aside as
  ``progress.json.<reason>-<time>``, or left in place when it cannot be moved (then nothing
  is written there). Values of the wrong type (checked against the schema with
  :mod:`lmcourse.core.schemas`, and each answer against its exercise's kind, which a schema
  cannot know) are left out one by one, and the file as it was is copied
  aside first. Each time :attr:`Progress.notice` gets a sentence for the learner.
- **An answer that cannot be written is kept in memory** and :class:`NotSaved` says why in
  words; it is written with the next save that works, and every read and export includes
  it. :meth:`Progress.saving_problem` tells before the first save whether saving can work.
- **Reading never writes.** Only a learner's action (an answer, a name, an import) saves.

No widgets here.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import tempfile
import threading
import time
from dataclasses import dataclass, field
from json.encoder import encode_basestring
from pathlib import Path

from . import jsonfile, migrate, schemas
from .files import atomic_write
from .locking import locked
from .problems import show
from .times import now

__all__ = ["FORMAT", "VERSION", "Progress", "default_path", "shared", "ImportProblem",
           "ImportReport", "NotSaved", "answer_problem", "FIX"]

FORMAT = "lmcourse-progress"
VERSION = 2
#: The versions this code reads: 1 is carried over to 2 (:mod:`lmcourse.core.migrate`).
VERSIONS = (1, 2)
#: How many different wrong answers to one question a saved answer keeps (the latest).
WRONG_KEPT = 5
#: What a learner can do when answers cannot be saved where they are.
FIX = ("To save them, set the environment variable LMCOURSE_PROGRESS to a file in a folder "
       "you can write to (in a notebook: %env LMCOURSE_PROGRESS=/path/to/progress.json, then "
       "run the cells again), or export your answers before you leave (notebooks 00 and 10).")
_MAX_LISTED = 3


class ImportProblem(ValueError):
    """An answers file that cannot be imported; the message says why."""


class NotSaved(Exception):
    """An answer (or name) that could not be written; the message says why and what to do.
    The answer is kept in memory and written with the next save that works."""


@dataclass
class ImportReport:
    """What an import took and what it skipped, and why."""

    source: str = "the file"
    taken: list[str] = field(default_factory=list)
    older: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    again: int = 0  # self-assessment answers of an older format, to be asked again

    def sentence(self) -> str:
        """The report in words, for the learner."""
        n = len(self.taken)
        text = f"Imported {n} answer{'s' if n != 1 else ''} from {self.source}."
        if self.older:
            k = len(self.older)
            text += (f" {k} {'were' if k != 1 else 'was'} not newer than the answer saved "
                     "here, so the saved one was kept.")
        if self.again:
            text += (f" It is from an earlier version of the course: {self.again} "
                     "self-assessment answer" + ("s" if self.again != 1 else "") + " to "
                     "questions that changed will be asked again, with your earlier answer "
                     "shown beside each.")
        if self.skipped:
            text += (f" Skipped {len(self.skipped)}: " + "; ".join(self.skipped[:_MAX_LISTED])
                     + ("; and more" if len(self.skipped) > _MAX_LISTED else "") + ".")
        return text


def default_path() -> Path:
    """Where progress is saved: ``$LMCOURSE_PROGRESS`` or ``~/.lmcourse/progress.json``."""
    env = os.environ.get("LMCOURSE_PROGRESS")
    return Path(env).expanduser() if env else Path.home() / ".lmcourse" / "progress.json"


def _empty() -> dict:
    return {"format": FORMAT, "version": VERSION, "learner": {"name": "", "id": ""},
            "answers": {}, "reviewed": {}, "updated": now()}


def _copy(data: dict) -> dict:
    """A copy whose containers a caller may change; entries are replaced, never changed."""
    return {**data, "learner": dict(data["learner"]), "answers": dict(data["answers"]),
            "reviewed": dict(data["reviewed"])}


# checking ------------------------------------------------------------------------------
def _int_map(value) -> bool:
    return isinstance(value, dict) and all(
        isinstance(v, int) and not isinstance(v, bool) for v in value.values())


#: The type of an answer to each kind of exercise: (test, what belongs there).
_KIND = {
    "classify": (lambda v: isinstance(v, dict) and all(isinstance(x, str) for x in v.values()),
                 "an object of item id -> category"),
    "scenario": (lambda v: isinstance(v, str), "one option id"),
    "multi": (lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
              "a list of option ids"),
    "self": (_int_map, "an object of item id -> a point of the scale"),
    "reflection": (lambda v: isinstance(v, str), "text"),
    "place": (lambda v: isinstance(v, dict) and all(
        isinstance(x, dict) and all(isinstance(y, str) for y in x.values())
        for x in v.values()), 'an object of item id -> {"difference": ..., "side": ...}'),
    "example": (lambda v: isinstance(v, dict) and all(isinstance(x, str) for x in v.values()),
                "an object of step id -> option id"),
}


def answer_problem(kind: str, value) -> str | None:
    """Why ``value`` cannot be a saved answer to an exercise of ``kind`` (words), or None.
    Only the type is checked: an option that an exercise no longer has is the widget's to
    ignore, not a reason to drop the learner's answer.

    >>> answer_problem("scenario", ["a"]), answer_problem("multi", ["a"])
    ('a list of 1 where one option id belongs', None)
    """
    if value is None or kind not in _KIND:
        return None
    test, expected = _KIND[kind]
    return None if test(value) else f"{show(value)} where {expected} belongs"


def _drop(data: dict, path: tuple) -> str | None:
    """Remove the value at ``path`` (a whole answer when its value is wrong) and say what
    was removed; None when it is already gone."""
    head = path[0]
    if head == "answers" and len(path) >= 2:
        entries, ex_id = data.get("answers"), path[1]
        if not isinstance(entries, dict) or ex_id not in entries:
            return None
        if len(path) == 2 or path[2] == "value":
            del entries[ex_id]
            return f"your answer to {ex_id!r}"
        if not isinstance(entries[ex_id], dict):
            return None
        entries[ex_id] = {k: v for k, v in entries[ex_id].items() if k != path[2]}
        return f"the {path[2]!r} of your answer to {ex_id!r}"
    if head == "reviewed" and len(path) == 2:
        data.get("reviewed", {}).pop(path[1], None)
        return f"the review note for {path[1]!r}"
    if head == "learner" and len(path) == 2:
        if isinstance(data.get("learner"), dict):
            data["learner"][path[1]] = ""
        return "your " + ("name" if path[1] == "name" else "student id")
    defaults = {"learner": {"name": "", "id": ""}, "answers": {}, "reviewed": {},
                "updated": now()}
    data[head] = defaults.get(head)
    return {"learner": "your name and student id", "answers": "every answer (they were "
            "not a list of answers)", "reviewed": "the review notes"}.get(head, f"{head!r}")


def _refusal(data) -> str | None:
    """Why ``data`` is not a progress file this code may read (words), or None."""
    if not isinstance(data, dict):
        return f"it holds {show(data)}, not an lmcourse answers file"
    if data.get("format") != FORMAT:
        return f'it is not an lmcourse answers file (it has no "format": "{FORMAT}")'
    version = data.get("version")
    if not (isinstance(version, int) and not isinstance(version, bool)) \
            or version not in VERSIONS:
        return (f"it says version {show(version)}, which this version of the course cannot "
                f"read (it reads versions {' and '.join(map(str, VERSIONS))}); a newer "
                "lmcourse may")
    return None


def check(data, exercise_of=None) -> tuple[dict | None, str | None, list[str],
                                           migrate.Migrated | None]:
    """``(clean, refusal, notes, migrated)`` for parsed progress ``data``: ``refusal``
    says why the whole document cannot be used (then ``clean`` is None); otherwise every
    value of the wrong type is left out of ``clean`` and ``notes`` says which and why. A
    version-1 document is carried over to version 2 (``migrated`` says what was done; None
    for a current one). ``exercise_of`` maps an exercise id to its exercise (or None) for
    the per-kind check of each answer, which a schema cannot know."""
    refusal = _refusal(data)
    if refusal:
        return None, refusal, [], None
    clean, notes = data, []  # freshly parsed: ours to change
    if not schemas.is_valid("progress", clean):
        for path, message, expected in schemas.errors("progress", clean):
            what = _drop(clean, path)
            if what:
                bare = re.sub(r"^answer '[^']*': ", "", message)
                notes.append(f"{what} ({bare}; expected {expected})")
    migrated = None
    if clean["version"] == 1:
        clean, migrated = migrate.from_v1(clean, exercise_of)
    for ex_id, entry in list(clean.get("answers", {}).items()):
        ex = exercise_of(ex_id) if exercise_of else None
        why = answer_problem(ex["kind"], entry.get("value")) if ex else None
        if why:
            del clean["answers"][ex_id]
            notes.append(f"your answer to {ex_id!r} ({why})")
    clean.setdefault("learner", {"name": "", "id": ""})
    clean["learner"] = {"name": clean["learner"].get("name", ""),
                        "id": clean["learner"].get("id", "")}
    clean.setdefault("reviewed", {})
    clean.setdefault("updated", now())
    return clean, None, notes, migrated


def _real_text(value):
    """``value`` with every lone UTF-16 surrogate (which UTF-8 cannot hold, and which a
    browser can send) replaced by U+FFFD, so that saving it can never fail."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        return value
    if isinstance(value, list):
        return [_real_text(v) for v in value]
    if isinstance(value, dict):
        return {_real_text(k): _real_text(v) for k, v in value.items()}
    return value


_ENCODER = json.JSONEncoder(ensure_ascii=False)


def dumps(data: dict) -> str:
    """Progress as JSON text with one answer a line: readable like an indented file, but
    written by ``json``'s C encoder (``indent`` makes ``json`` fall back to its pure-Python
    encoder, several times slower on a file of 1,000 answers)."""
    key, one = encode_basestring, _ENCODER.encode
    head = ",\n ".join(f"{key(k)}: {one(v)}" for k, v in data.items()
                       if k not in ("answers", "reviewed"))
    parts = [head] if head else []
    for name in ("answers", "reviewed"):
        if name in data:
            rows = ",\n  ".join(f"{key(k)}: {one(v)}" for k, v in data[name].items())
            parts.append(f'"{name}": {{\n  {rows}\n }}' if rows else f'"{name}": {{}}')
    return "{" + ",\n ".join(parts) + "}\n"


def _why_not(e: OSError, path: Path) -> str:
    """An operating-system error on saving, in words."""
    folder = path.parent
    if isinstance(e, TimeoutError):
        return "another notebook kept the file busy for too long"
    code = e.errno
    if code in (errno.EACCES, errno.EPERM):
        return f"you do not have permission to write in {folder}"
    if code == errno.EROFS:
        return f"{folder} is on a read-only disk"
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return "the disk is full"
    if code == errno.EISDIR or path.is_dir():
        return f"{path} is a folder, not a file"
    if code in (errno.ENOENT, errno.ENOTDIR):
        return f"the folder {folder} does not exist and could not be made"
    return f"{e.strerror or e}"


# the store -----------------------------------------------------------------------------
class Progress:
    """One learner's saved answers, backed by a JSON file.

    ``notice`` gathers sentences for the learner about the file (set aside, values left
    out, cannot be written); :meth:`take_notice` hands them over once. ``exercise_of``
    (an exercise id -> exercise, or None) lets reading check each answer against its
    exercise's kind. ``listen(callback, key)`` registers a function called with the exercise
    id after each change; registering again under the same key replaces it."""

    def __init__(self, path: str | Path | None = None, exercise_of=None):
        self.path = Path(path) if path else default_path()
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.exercise_of = exercise_of
        self.notice = ""
        self._listeners: dict = {}
        self._pending: list = []  # edits not yet on disk, replayed on every read
        self._known: dict | None = None  # the last good data read or written here
        self._cache: tuple | None = None  # (file signature, checked data)
        self._blocked = ""  # why the file in place may not be written, if so
        self._said: set[str] = set()
        self._swept = False
        self._depth = 0  # how deeply the file lock is held (it is taken once)
        self._held = None  # the file lock's context, while it is held
        self._lock_fd: int | None = None  # the lock file, while the lock is held
        self._thread_lock = threading.RLock()  # one thread at a time holds the file lock
        self._generation: int | None = None  # the save (counted in the lock file) cached

    # notices -------------------------------------------------------------
    def _say(self, sentence: str) -> None:
        if sentence not in self._said:
            self._said.add(sentence)
            self.notice = f"{self.notice} {sentence}".strip()

    def take_notice(self) -> str:
        """The sentences for the learner gathered so far, once (then cleared)."""
        text, self.notice = self.notice, ""
        return text

    # reading -------------------------------------------------------------
    def load(self) -> dict:
        """The saved data, checked, with any answer not yet written included. Never
        raises for a bad file and never writes one (except to set it aside)."""
        data = self._disk()
        if self._pending:
            data = _copy(data)
            for edit in self._pending:
                edit(data)
        return data

    def _fallback(self) -> dict:
        return _copy(self._known) if self._known else _empty()

    def _disk(self, fresh: bool = False) -> dict:
        """What the file holds now, checked (a copy the caller may change)."""
        try:
            info = os.stat(self.path)
        except FileNotFoundError:
            self._blocked = ""
            return _empty()
        except OSError as e:  # the folder cannot be entered, or a file stands in its way
            self._blocked = f"{self.path} cannot be reached ({e.strerror})"
            self._say(f"Your answers cannot be saved: {self._blocked}. {FIX}")
            return self._fallback()
        if stat.S_ISDIR(info.st_mode):
            self._blocked = f"{self.path} is a folder, not a file"
            self._say(f"Your answers cannot be saved: {self._blocked}. {FIX}")
            return self._fallback()
        sig = _signature(info)
        if not fresh and self._cache and self._cache[0] == sig:
            return _copy(self._cache[1])
        try:
            raw = jsonfile.read_bytes(self.path)
        except OSError as e:
            return self._untrusted("unreadable", f"could not be read ({e.strerror or e})",
                                   None, sig)
        try:
            parsed = jsonfile.parse(raw.decode("utf-8"))
        except UnicodeDecodeError:
            return self._untrusted("damaged", "is not UTF-8 text", raw, sig)
        except jsonfile.JSONProblem as e:
            return self._untrusted("damaged", f"is damaged ({e})", raw, sig)
        data, refusal, notes, migrated = check(parsed, self.exercise_of)
        if refusal:
            kind = "damaged" if "version" not in refusal else "unknown-version"
            return self._untrusted(kind, f"cannot be used: {refusal}", raw, sig)
        if notes:
            self._left_out(notes, raw)
        if migrated:
            return self._carry_over(data, migrated, raw, sig)
        self._blocked = ""
        self._cache, self._known = (sig, data), data
        return _copy(data)

    def _carry_over(self, data: dict, migrated, raw: bytes, sig: tuple) -> dict:
        """A file of an earlier version: keep it aside under a versioned name and write it
        in today's version, once (under the lock, if it is still the same file); when that
        cannot be done, carry on from the converted copy in memory."""
        kept = ""
        try:
            with self._lock():
                try:
                    same = _signature(os.stat(self.path)) == sig
                except FileNotFoundError:
                    same = False
                if not same:
                    return self._disk(fresh=True)  # another kernel got there first
                aside = self._aside_name(f"v{json.loads(raw)['version']}")
                atomic_write(aside, raw, mode=0o600)
                self._write(data)
                kept = f" The file as it was is kept as {aside.name}."
        except OSError as e:
            kept = (f" It could not be rewritten ({_why_not(e, self.path)}), so the "
                    "conversion is redone each time until a save works.")
            self._cache, self._known = (sig, data), data
        self._blocked = ""
        self._say(f"Your saved answers at {self.path} are from an earlier version of the "
                  f"course: {migrated.sentence()}.{kept}")
        return _copy(data)

    def _left_out(self, notes: list[str], raw: bytes) -> None:
        """Copy the file as it was aside (once per content) and say what was left out."""
        try:
            with self._lock():
                aside = self._copy_aside(raw)
            kept = f" The file as it was is kept as {aside}."
        except OSError as e:
            kept = f" (A copy of the file as it was could not be kept: {e.strerror}.)"
        n = len(notes)
        listed = "; ".join(notes[:_MAX_LISTED]) + ("; and more" if n > _MAX_LISTED else "")
        self._say(f"{n} saved value{'s' if n != 1 else ''} in {self.path} could not be used "
                  f"and {'were' if n != 1 else 'was'} left out: {listed}.{kept}")

    def _aside_name(self, reason: str) -> Path:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.{reason}-{stamp}")
        n = 1
        while aside.exists():
            n += 1
            aside = self.path.with_name(f"{self.path.name}.{reason}-{stamp}-{n}")
        return aside

    def _copy_aside(self, raw: bytes) -> Path:
        for old in self.path.parent.glob(f"{self.path.name}.damaged-*"):
            try:
                if old.stat().st_size == len(raw) and old.read_bytes() == raw:
                    return old
            except OSError:
                continue
        aside = self._aside_name("damaged")
        atomic_write(aside, raw, mode=0o600, sync=False)
        return aside

    def _untrusted(self, reason: str, why: str, raw: bytes | None, sig: tuple) -> dict:
        """The file cannot be used: move it aside (under the lock, if it is still the same
        file), carry on from what this kernel knew, and tell the learner."""
        try:
            with self._lock():
                try:
                    info = os.stat(self.path)
                except FileNotFoundError:
                    return self._fallback()
                if _signature(info) != sig:
                    return self._disk(fresh=True)  # changed meanwhile: read it again
                aside = self._aside_name(reason)
                os.replace(self.path, aside)
                self._cache = None
                restored = self._restore()
        except OSError as e:
            self._blocked = (f"{self.path} {why} and could not be moved aside "
                             f"({e.strerror or e})")
            self._say(f"Your saved answers at {self.path} {why}, and the file could not be "
                      f"moved aside ({e.strerror or e}), so it is left exactly as it is and "
                      f"nothing is written there. Answers you give now are kept only while "
                      f"this notebook runs. {FIX}")
            return self._fallback()
        self._blocked = ""
        start = "you carry on from there" if restored else "you start with a clean record"
        self._say(f"Your saved answers at {self.path} {why}, so the file was kept as "
                  f"{aside.name} (in the same folder) and {start}.{restored}")
        return self._fallback()

    def _restore(self) -> str:
        """After a bad file was set aside: write again what this kernel had read, so those
        answers stay in view and on disk; a sentence saying so ("" when there was none)."""
        known = self._known
        if not known or not (known["answers"] or known["reviewed"]):
            return ""
        n = len(known["answers"])
        try:
            self._write(_copy(known))
        except OSError:
            self._pending.insert(0, lambda data: _merge_missing(data, known))
            return (f" The {n} answer{'s' if n != 1 else ''} this notebook had read before "
                    "are kept and will be saved with your next answer.")
        return (f" The {n} answer{'s' if n != 1 else ''} this notebook had read before "
                f"{'were' if n != 1 else 'was'} saved again.")

    def answer(self, exercise_id: str) -> dict | None:
        """The saved entry for one exercise, or None."""
        return self.load()["answers"].get(exercise_id)

    def value(self, exercise_id: str, default=None):
        entry = self.answer(exercise_id)
        return entry.get("value", default) if entry else default

    @property
    def learner(self) -> dict:
        return dict(self.load()["learner"])

    # writing -------------------------------------------------------------
    def _lock(self):
        return _Reentrant(self)

    def _write(self, data: dict) -> None:
        """Replace the file with ``data`` (the lock is held) and leave a mark in the lock
        file: a new generation and the new file's signature."""
        data["updated"] = now()
        atomic_write(self.path, dumps(data), mode=0o600)
        sig = _signature(os.stat(self.path))
        mark = _read_mark(self._lock_fd)
        self._generation = (mark[0] if mark else 0) + 1
        try:
            _write_mark(self._lock_fd, self._generation, sig)
        except OSError:  # without a mark the next save simply reads the file in full
            self._generation = None
        self._cache = (sig, _copy(data))
        self._known = self._cache[1]

    def _current(self) -> dict:
        """Under the lock, the file as it is now, for a save. When the lock file's mark
        shows the file is exactly as the last save of this package left it (same
        signature), the data kept here (same generation) or a plain parse is enough, since
        that save wrote only checked data; otherwise the file is read and checked in full."""
        mark = _read_mark(self._lock_fd)
        try:
            sig = _signature(os.stat(self.path))
        except OSError:
            sig = None
        if mark is None or sig is None or mark[1] != sig:
            self._generation = None
            return self._disk(fresh=True)
        if self._cache and self._cache[0] == sig and self._generation == mark[0]:
            self._blocked = ""
            return _copy(self._cache[1])
        try:
            data = json.loads(jsonfile.read_bytes(self.path))
        except (OSError, ValueError):
            data = None
        if not (isinstance(data, dict) and _refusal(data) is None
                and data["version"] == VERSION and all(
                isinstance(data.get(k), dict) for k in ("learner", "answers", "reviewed"))):
            self._generation = None
            return self._disk(fresh=True)
        self._blocked = ""
        self._cache, self._known, self._generation = (sig, data), data, mark[0]
        return _copy(data)

    def _sweep(self) -> None:
        """Remove temporary files that a killed kernel left mid-save (we hold the lock,
        so no save of ours is under way)."""
        self._swept = True
        for tmp in self.path.parent.glob(f".{self.path.name}.*.tmp"):
            try:
                tmp.unlink()
            except OSError:
                pass

    def _change(self, edit) -> None:
        """Apply ``edit`` to the saved data in one locked read-modify-write. On failure
        the edit is kept in memory (replayed by every read) and :class:`NotSaved` says why;
        the next save that works writes it. One thread at a time: the pending edits and
        the cache are this store's, shared by every widget of the kernel."""
        with self._thread_lock:
            self._pending.append(edit)
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                with self._lock():
                    if not self._swept:
                        self._sweep()
                    data = self._current()
                    if self._blocked:
                        raise NotSaved(self._blocked)
                    for pending in self._pending:
                        pending(data)
                    self._write(data)
            except NotSaved as e:
                raise NotSaved(f"Not saved: {e}. It is kept while this notebook runs. "
                               f"{FIX}") from None
            except OSError as e:
                why = _why_not(e, self.path)
                fix = ("Free some space and answer again: everything since the last save is "
                       "then written too." if why == "the disk is full" else FIX)
                raise NotSaved(f"Not saved: {why}. It is kept while this notebook runs. "
                               f"{fix}") from None
            self._pending.clear()

    def saving_problem(self) -> str:
        """Why answers cannot be saved at :attr:`path` (a sentence with the fix), or ""
        when a test file can be made in its folder."""
        if self.path.is_dir():
            return f"Your answers cannot be saved: {self.path} is a folder, not a file. {FIX}"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".check",
                                       dir=self.path.parent)
            os.close(fd)
            os.unlink(tmp)
            os.close(os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600))
        except OSError as e:
            return f"Your answers cannot be saved: {_why_not(e, self.path)}. {FIX}"
        return ""

    def record(self, exercise_id: str, value, result=None) -> dict:
        """Save ``value`` as the answer to ``exercise_id``; with a
        :class:`~lmcourse.core.scoring.Result`, also its score, the questions missed (which
        stay listed for the review round until answered right there) and the wrong answers
        given to them (``wrong``: the last :data:`WRONG_KEPT` different ones per question,
        for notebook 10's table of mix-ups). Raises
        :class:`NotSaved` when it cannot be written (the answer is kept in memory)."""
        value, stamp = _real_text(value), now()

        def edit(data):
            old = data["answers"].get(exercise_id) or {}
            if str(old.get("updated", "")) > stamp:  # a newer answer from another kernel
                return
            entry = dict(old)
            entry["value"] = value
            entry["updated"] = stamp
            if result is not None and result.status != "empty":
                entry["status"] = result.status
                if result.checked:
                    entry["score"], entry["total"] = result.score, result.total
                    entry["missed"] = sorted(set(entry.get("missed", [])) | set(result.missed))
                    _keep_wrong(entry, result.wrong_given)
            data["answers"][exercise_id] = entry

        try:
            self._change(edit)
        finally:
            self._tell(exercise_id)
        return self.answer(exercise_id)

    def note_wrong(self, exercise_id: str, result) -> None:
        """Keep the wrong answers of a check made in the review round (``result``: a
        :class:`~lmcourse.core.scoring.Result`) with ``exercise_id``'s saved answer, whose
        value, score and time stay as they are; a situation met only in the round gets an
        entry with no value. Notebook 10's table of mix-ups counts them with the rest."""
        given = result.wrong_given if result is not None and result.checked else {}
        if not given:
            return

        def edit(data):
            entry = dict(data["answers"].get(exercise_id) or {"value": None})
            _keep_wrong(entry, given)
            data["answers"][exercise_id] = entry

        try:
            self._change(edit)
        finally:
            self._tell(exercise_id)

    def mark_reviewed(self, question: str) -> None:
        """Note that ``question`` (a key such as ``focus-sort/roadmap``) was answered right
        in the review round."""
        stamp = now()
        try:
            self._change(lambda data: data["reviewed"].__setitem__(question, stamp))
        finally:
            self._tell(question)

    def set_learner(self, name: str, student_id: str) -> None:
        clean = {"name": _real_text(name.strip()[:200]),
                 "id": _real_text(student_id.strip()[:200])}
        self._change(lambda data: data.__setitem__("learner", dict(clean)))

    # export / import -----------------------------------------------------
    def export_bytes(self) -> bytes:
        """Every answer (those not yet written too) as one JSON document, to download."""
        return dumps(self.load()).encode("utf-8")

    def import_bytes(self, raw: bytes, source: str = "the file") -> ImportReport:
        """Merge an exported answers file into this record, checked as a saved file is: an
        imported answer replaces the saved one only when it is newer; a value of the wrong
        type is skipped. Returns an :class:`ImportReport`; raises :class:`ImportProblem`
        with a sentence when ``raw`` is not an answers file this course can read, and
        :class:`NotSaved` when the merged record cannot be written."""
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise ImportProblem("That file is not text; choose the .json file you exported "
                                "from this course.") from None
        try:
            incoming = jsonfile.parse(text)
        except jsonfile.JSONProblem as e:
            raise ImportProblem(f"That file is not valid JSON ({e}); choose the .json file "
                                "you exported from this course.") from None
        data, refusal, notes, migrated = check(incoming, self.exercise_of)
        if refusal:
            raise ImportProblem(f"That file cannot be imported: {refusal}.")
        report = ImportReport(source, skipped=notes, again=migrated.again if migrated else 0)

        def edit(mine):
            report.taken.clear()
            report.older.clear()
            for ex_id, entry in data["answers"].items():
                saved = mine["answers"].get(ex_id)
                if saved is None or str(entry.get("updated", "")) > str(saved.get("updated",
                                                                                    "")):
                    mine["answers"][ex_id] = entry
                    report.taken.append(ex_id)
                else:
                    report.older.append(ex_id)
            for key, when in data["reviewed"].items():
                mine["reviewed"].setdefault(key, when)
            if not any(mine["learner"].values()):
                mine["learner"] = dict(data["learner"])

        try:
            self._change(edit)
        finally:
            self._tell(None)
        return report

    # listeners -----------------------------------------------------------
    def listen(self, callback, key=None):
        """Call ``callback(what)`` after each change; ``key`` (default: the callback
        itself) names the listener, and listening again under one key replaces the earlier
        callback, so a cell run again does not pile up listeners. Returns the key."""
        key = callback if key is None else key
        self._listeners[key] = callback
        return key

    def forget(self, key) -> None:
        """Stop calling the listener registered under ``key``."""
        self._listeners.pop(key, None)

    @property
    def listeners(self) -> int:
        return len(self._listeners)

    def _tell(self, what) -> None:
        for callback in list(self._listeners.values()):
            try:
                callback(what)
            except Exception:  # noqa: BLE001 - one broken chart must not stop a save
                continue


def _merge_missing(data: dict, known: dict) -> None:
    for ex_id, entry in known["answers"].items():
        data["answers"].setdefault(ex_id, entry)
    for key, when in known["reviewed"].items():
        data["reviewed"].setdefault(key, when)


def _keep_wrong(entry: dict, given: dict[str, str]) -> None:
    """Add the wrong answers ``given`` (question key -> answer) to ``entry["wrong"]``: the
    last :data:`WRONG_KEPT` different ones per question."""
    wrong = {k: list(v) for k, v in (entry.get("wrong") or {}).items() if isinstance(v, list)}
    for key, answer in given.items():
        if answer not in wrong.setdefault(key, []):
            wrong[key] = (wrong[key] + [answer])[-WRONG_KEPT:]
    if wrong:
        entry["wrong"] = wrong


class _Reentrant:
    """The store's file lock, taken once however deeply saving code nests; while it is
    held, ``store._lock_fd`` is the sidecar's descriptor. What is held lives on the store,
    not on this object, so the blocks may end in any order; a thread lock comes first, so a
    second thread (a widget callback off the main thread) waits for the first to finish
    instead of nesting inside its save."""

    def __init__(self, store: Progress):
        self.store = store

    def __enter__(self):
        store = self.store
        store._thread_lock.acquire()
        try:
            if store._depth == 0:
                held = locked(store.lock_path)
                store._lock_fd = held.__enter__()
                store._held = held
            store._depth += 1
        except BaseException:
            store._thread_lock.release()
            raise
        return store._lock_fd

    def __exit__(self, *exc):
        store = self.store
        try:
            store._depth -= 1
            if store._depth == 0:
                held, store._held, store._lock_fd = store._held, None, None
                return held.__exit__(*exc)
            return False
        finally:
            store._thread_lock.release()


def _read_mark(fd: int) -> tuple[int, tuple] | None:
    """The mark the last save left in the lock file: ``(generation, file signature)``."""
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        fields = [int(x) for x in os.read(fd, 128).split()]
    except (OSError, ValueError):
        return None
    return (fields[0], tuple(fields[1:])) if len(fields) == 5 else None


def _write_mark(fd: int, generation: int, sig: tuple) -> None:
    text = " ".join(str(x) for x in (generation, *sig)).encode("ascii").ljust(100) + b"\n"
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, text)


def _signature(info: os.stat_result) -> tuple:
    """What changes whenever a file is replaced or edited (inode, size, times)."""
    return (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


_SHARED: dict[str, Progress] = {}


def _course_exercise(exercise_id: str) -> dict | None:
    """The course's exercise of that id (or the skills rating's shape), for checking the
    type of saved answers; None when unknown or when the course cannot be read."""
    from . import content, profile

    if exercise_id == profile.SKILLS_ID:
        return {"kind": "self"}
    try:
        return content.load_course().exercises.get(exercise_id)
    except (content.ContentError, OSError):
        return None


def shared() -> Progress:
    """The :class:`Progress` every widget in this kernel uses (one per file path), so a
    chart in one cell hears about an answer given in another."""
    path = default_path()
    key = str(path)
    if key not in _SHARED:
        _SHARED[key] = Progress(path, _course_exercise)
    return _SHARED[key]
