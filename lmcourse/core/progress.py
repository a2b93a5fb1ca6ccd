"""Saved progress: every answer a learner gives, kept in one JSON file.

The file lives at ``$LMCOURSE_PROGRESS`` or, by default, ``~/.lmcourse/progress.json``.
Its layout (``"format": "lmcourse-progress"``, ``"version": 1``)::

    {"format": "lmcourse-progress", "version": 1,
     "learner": {"name": "Ada", "id": "s123"},
     "answers": {"focus-sort": {"value": {...}, "status": "partly", "score": 4, "total": 6,
                                "missed": ["focus-sort/roadmap"], "updated": "2026-..."}},
     "reviewed": {"focus-sort/roadmap": "2026-..."},
     "updated": "2026-..."}

Every write re-reads the file, changes one entry and replaces the file atomically (a
temporary file in the same folder, then a rename), so two notebooks open at once never
undo each other's answers and an interrupted write never leaves half a file. A file that
cannot be read as progress is moved aside (``progress.json.damaged-<time>``), a notice says
where it went, and the learner starts clean: nothing is overwritten. No widgets here.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from .files import atomic_write
from .times import now

__all__ = ["FORMAT", "Progress", "default_path", "shared", "ImportProblem"]

FORMAT = "lmcourse-progress"
VERSION = 1


class ImportProblem(ValueError):
    """An answers file that cannot be imported; the message says why."""


def default_path() -> Path:
    """Where progress is saved: ``$LMCOURSE_PROGRESS`` or ``~/.lmcourse/progress.json``."""
    env = os.environ.get("LMCOURSE_PROGRESS")
    return Path(env).expanduser() if env else Path.home() / ".lmcourse" / "progress.json"


def _empty() -> dict:
    return {"format": FORMAT, "version": VERSION, "learner": {"name": "", "id": ""},
            "answers": {}, "reviewed": {}, "updated": now()}


def _valid(data) -> bool:
    return (isinstance(data, dict) and data.get("format") == FORMAT
            and isinstance(data.get("answers"), dict)
            and all(isinstance(v, dict) for v in data["answers"].values()))


class Progress:
    """One learner's saved answers, backed by a JSON file.

    ``notice`` holds a sentence for the learner when the file had to be moved aside.
    ``listen(callback)`` registers a function called with the exercise id after each
    change, so charts in the same kernel can follow the answers."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path else default_path()
        self.notice = ""
        self._listeners: list = []

    # reading -------------------------------------------------------------
    def load(self) -> dict:
        """The saved data; a missing file is an empty record, a damaged one is moved aside."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return _empty()
        except OSError as e:
            self.notice = f"Your saved answers at {self.path} could not be read ({e.strerror})."
            return _empty()
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            data = None
        if not _valid(data):
            return self._set_aside()
        data.setdefault("learner", {"name": "", "id": ""})
        data.setdefault("reviewed", {})
        return data

    def _set_aside(self) -> dict:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        n = 1
        while aside.exists():
            n += 1
            aside = self.path.with_name(f"{self.path.name}.damaged-{stamp}-{n}")
        try:
            os.replace(self.path, aside)
        except OSError as e:
            self.notice = (f"Your saved answers at {self.path} are damaged and could not be "
                           f"moved aside ({e.strerror}); they are left as they are.")
            return _empty()
        self.notice = (f"Your saved answers at {self.path} could not be read, so the file was "
                       f"kept as {aside.name} and you are starting with a clean record.")
        return _empty()

    def answer(self, exercise_id: str) -> dict | None:
        """The saved entry for one exercise, or None."""
        return self.load()["answers"].get(exercise_id)

    def value(self, exercise_id: str, default=None):
        entry = self.answer(exercise_id)
        return entry.get("value", default) if entry else default

    @property
    def learner(self) -> dict:
        return dict(self.load().get("learner") or {})

    # writing -------------------------------------------------------------
    def _write(self, data: dict) -> None:
        data["updated"] = now()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(self.path, json.dumps(data, ensure_ascii=False, indent=1), mode=0o600)

    def _change(self, edit) -> dict:
        data = self.load()
        edit(data)
        self._write(data)
        return data

    def record(self, exercise_id: str, value, result=None) -> dict:
        """Save ``value`` as the answer to ``exercise_id``; with a
        :class:`~lmcourse.core.scoring.Result`, also its score and the questions missed (which
        stay listed for the review round until answered right there)."""

        def edit(data):
            entry = dict(data["answers"].get(exercise_id) or {})
            entry["value"] = value
            entry["updated"] = now()
            if result is not None and result.status != "empty":
                entry["status"] = result.status
                if result.checked:
                    entry["score"], entry["total"] = result.score, result.total
                    entry["missed"] = sorted(set(entry.get("missed", [])) | set(result.missed))
            data["answers"][exercise_id] = entry

        self._change(edit)
        self._tell(exercise_id)
        return self.answer(exercise_id)

    def mark_reviewed(self, question: str) -> None:
        """Note that ``question`` (a key such as ``focus-sort/roadmap``) was answered right
        in the review round."""
        self._change(lambda data: data["reviewed"].__setitem__(question, now()))
        self._tell(question)

    def set_learner(self, name: str, student_id: str) -> None:
        clean = {"name": name.strip()[:200], "id": student_id.strip()[:200]}
        self._change(lambda data: data.__setitem__("learner", clean))

    # export / import -----------------------------------------------------
    def export_bytes(self) -> bytes:
        """Every answer as one JSON document, ready to download."""
        return json.dumps(self.load(), ensure_ascii=False, indent=1).encode("utf-8")

    def import_bytes(self, raw: bytes) -> int:
        """Merge an exported answers file into this record: an imported answer replaces the
        saved one only when it is newer. Returns how many answers were taken. Raises
        :class:`ImportProblem` with a sentence for the learner when ``raw`` is not one."""
        try:
            incoming = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            raise ImportProblem("That file is not text; choose the .json file you exported "
                                "from this course.") from None
        except json.JSONDecodeError as e:
            raise ImportProblem(f"That file is not valid JSON (line {e.lineno}); choose the "
                                ".json file you exported from this course.") from None
        if not _valid(incoming):
            raise ImportProblem("That file is JSON but not an lmcourse answers file (it has no "
                                '"format": "lmcourse-progress").')
        taken = 0

        def edit(data):
            nonlocal taken
            for ex_id, entry in incoming["answers"].items():
                mine = data["answers"].get(ex_id)
                if mine is None or str(entry.get("updated", "")) > str(mine.get("updated", "")):
                    data["answers"][ex_id] = entry
                    taken += 1
            for key, when in (incoming.get("reviewed") or {}).items():
                data["reviewed"].setdefault(key, when)
            if not any((data.get("learner") or {}).values()):
                data["learner"] = incoming.get("learner") or {"name": "", "id": ""}

        self._change(edit)
        self._tell(None)
        return taken

    # listeners -----------------------------------------------------------
    def listen(self, callback) -> None:
        self._listeners.append(callback)

    def _tell(self, what) -> None:
        for callback in list(self._listeners):
            callback(what)


_SHARED: dict[str, Progress] = {}


def shared() -> Progress:
    """The :class:`Progress` every widget in this kernel uses (one per file path), so a
    chart in one cell hears about an answer given in another."""
    path = default_path()
    key = str(path)
    if key not in _SHARED:
        _SHARED[key] = Progress(path)
    return _SHARED[key]
