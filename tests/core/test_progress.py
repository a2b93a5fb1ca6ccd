"""The progress store: nothing a learner answers is ever lost, whatever the file or disk does.

Each case of issue 8 has a test here, with its class: two writers; a file that cannot be
read, parsed or trusted (kept aside, never written over); values of the wrong type (left
out one by one); nothing writable (the answer is kept and "not saved" is said); display
never saves; import checked like load."""

import errno
import json
import multiprocessing
import os
import subprocess
import sys
import threading

import pytest

from lmcourse.core import content, jsonfile, progress, schemas, scoring
from lmcourse.core.progress import NotSaved, Progress
from tests.conftest import ROOT


def aside(folder, reason="damaged"):
    return sorted(p for p in folder.iterdir() if f".{reason}-" in p.name)


def course_store(path, sample):
    return Progress(path, sample.get)


# saving and reading -----------------------------------------------------------------
def test_record_round_trip_and_missed_questions(progress_file, sample):
    store = progress.Progress(progress_file)
    ex = sample["sample-sort"]
    store.record(ex["id"], {"roadmap": "management"})  # saved as given, before any check
    assert store.value(ex["id"]) == {"roadmap": "management"}
    result = scoring.check(ex, {"roadmap": "management", "rota": "management"})
    store.record(ex["id"], {"roadmap": "management", "rota": "management"}, result)
    again = progress.Progress(progress_file).answer(ex["id"])  # a fresh kernel reads it back
    assert again["value"] == {"roadmap": "management", "rota": "management"}
    assert (again["status"], again["score"], again["total"]) == ("partly", 1, 2)
    assert again["missed"] == ["sample-sort/roadmap"]
    fixed = scoring.check(ex, {"roadmap": "leadership", "rota": "management"})
    store.record(ex["id"], {"roadmap": "leadership", "rota": "management"}, fixed)
    assert store.answer(ex["id"])["missed"] == ["sample-sort/roadmap"]  # kept for review


def test_two_kernels_do_not_undo_each_other(progress_file):
    a, b = progress.Progress(progress_file), progress.Progress(progress_file)
    a.record("x", "1")
    b.record("y", "2")
    a.record("z", "3")  # a's cached read is stale: the save reads the file again
    assert set(progress.Progress(progress_file).load()["answers"]) == {"x", "y", "z"}


def _writer(path, who, n, start):
    start.wait()
    store = progress.Progress(path)
    for i in range(n):
        store.record(f"{who}-{i}", f"answer {i} of {who}")


def test_two_processes_of_500_answers_each_lose_nothing(progress_file, monkeypatch):
    # What is tested is the lock; flushing each save to disk (bench_progress.py measures
    # it) only makes the test slower on a busy disk. The forked writers inherit this.
    monkeypatch.setattr(os, "fsync", lambda fd: None)
    ctx = multiprocessing.get_context("fork")
    start = ctx.Event()
    procs = [ctx.Process(target=_writer, args=(progress_file, who, 500, start))
             for who in ("a", "b")]
    for p in procs:
        p.start()
    start.set()
    for p in procs:
        p.join(240)
        assert p.exitcode == 0
    answers = progress.Progress(progress_file).load()["answers"]
    assert len(answers) == 1000
    assert answers["a-499"]["value"] == "answer 499 of a"
    assert answers["b-0"]["value"] == "answer 0 of b"
    assert (progress_file.parent / "progress.json.lock").exists()
    assert not list(progress_file.parent.glob(".progress.json.*.tmp"))


def test_two_threads_saving_through_one_store_lose_nothing(progress_file, monkeypatch):
    """Widget callbacks may run off the kernel's main thread: saves through the one shared
    store take turns, none nests inside another's, and none ends in an error."""
    monkeypatch.setattr(os, "fsync", lambda fd: None)
    store, errors, start = progress.Progress(progress_file), [], threading.Barrier(2)

    def write(who):
        start.wait()
        for i in range(150):
            try:
                store.record(f"{who}-{i}", str(i))
            except Exception as e:  # noqa: BLE001 - collected, asserted below
                errors.append(e)

    threads = [threading.Thread(target=write, args=(w,)) for w in "ab"]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    assert len(progress.Progress(progress_file).load()["answers"]) == 300
    assert store._depth == 0 and store._held is None  # the file lock is let go


def test_nested_lock_blocks_may_end_in_any_order(progress_file):
    store = progress.Progress(progress_file)
    outer, inner = store._lock(), store._lock()
    outer.__enter__()
    inner.__enter__()
    outer.__exit__(None, None, None)  # the first one opened ends first
    assert store._held is not None  # still held: one block is open
    inner.__exit__(None, None, None)
    assert store._held is None
    store.record("x", "1")  # and the lock can be taken again
    assert store.value("x") == "1"


def test_review_wrong_answers_are_kept_beside_the_saved_answer(progress_file, sample):
    store = progress.Progress(progress_file, sample.get)
    place = sample.get("sample-place")
    item = place["items"][0]
    wrong = next(d for d in ("focus", "change") if d != item["difference"])
    result = scoring.check(place, {item["id"]: {"difference": wrong, "side": "leadership"}})
    store.note_wrong("sample-place", result)  # met only in the round: no value yet
    again = progress.Progress(progress_file, sample.get)
    entry = again.answer("sample-place")
    assert entry == {"value": None,
                     "wrong": {f"sample-place/{item['id']}": [f"{wrong}/leadership"]}}
    assert again.take_notice() == ""  # a valid entry: nothing set aside
    assert schemas.errors("progress", json.loads(progress_file.read_text())) == []
    store.note_wrong("sample-place", scoring.check(place, {}))  # an empty check adds nothing
    assert again.answer("sample-place") == entry


def test_a_failed_write_keeps_the_file_and_the_answer(progress_file, monkeypatch):
    store = progress.Progress(progress_file)
    store.record("x", "1")
    before = progress_file.read_bytes()

    def crash(*a, **k):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(progress.os, "replace", crash)
    with pytest.raises(NotSaved, match="Not saved: Input/output error"):
        store.record("x", "2")
    assert progress_file.read_bytes() == before  # the old file, whole
    assert not list(progress_file.parent.glob(".progress.json.*.tmp"))
    assert store.value("x") == "2"  # kept in memory, in every read
    assert json.loads(store.export_bytes())["answers"]["x"]["value"] == "2"
    monkeypatch.undo()
    store.record("y", "3")  # the next save that works writes both
    saved = json.loads(progress_file.read_text())["answers"]
    assert saved["x"]["value"] == "2" and saved["y"]["value"] == "3"


def test_a_full_disk_says_not_saved_and_writes_later(progress_file, monkeypatch):
    store = progress.Progress(progress_file)
    store.record("a", "1")

    def full(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(progress, "atomic_write", full)
    with pytest.raises(NotSaved, match="Not saved: the disk is full.*Free some space"):
        store.record("b", "2")
    with pytest.raises(NotSaved):
        store.record("c", "3")
    assert {"a", "b", "c"} <= set(store.load()["answers"])
    monkeypatch.undo()
    store.record("d", "4")
    assert set(json.loads(progress_file.read_text())["answers"]) == {"a", "b", "c", "d"}


def test_temporary_files_of_a_killed_kernel_are_swept(progress_file):
    progress_file.parent.mkdir(exist_ok=True)
    left = progress_file.parent / ".progress.json.k1ll3d.tmp"
    left.write_text("half a fi")
    other = progress_file.parent / "notes.txt"
    other.write_text("mine")
    progress.Progress(progress_file).record("x", "1")
    assert not left.exists() and other.exists()


def test_reading_never_writes(progress_file, sample):
    store = course_store(progress_file, sample)
    store.record("sample-s1", "a")
    before = progress_file.stat()
    for _ in range(3):
        fresh = course_store(progress_file, sample)
        fresh.load(), fresh.answer("sample-s1"), fresh.learner, fresh.export_bytes()
        assert fresh.saving_problem() == ""
    after = progress_file.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


# a file that cannot be trusted ------------------------------------------------------
@pytest.mark.parametrize("damage", [
    b"{not json", b"\xff\xfe", b"", b"[]", b'{"format": "other", "version": 1}',
    b"[" * 200_000 + b"]" * 200_000,  # deep nesting: no RecursionError
    b'{"format": "lmcourse-progress", "version": 1, "answers": {}, "answers": {}}',
    b'{"format": "lmcourse-progress", "version": 1, "answers": {"a": {"value": NaN}}}',
    b'{"format": "lmcourse-progress", "version": 1, "answers": {"a": {"value": "\\ud800"}}}',
], ids=["syntax", "not-utf8", "empty", "a-list", "other-format", "deep", "duplicate-key",
        "nan", "lone-surrogate"])
def test_a_damaged_file_is_kept_aside_and_the_learner_starts_clean(progress_file, damage):
    progress_file.write_bytes(damage)
    store = progress.Progress(progress_file)
    assert store.load()["answers"] == {}
    (kept,) = aside(progress_file.parent)
    assert kept.read_bytes() == damage
    assert kept.name in store.notice and str(progress_file) in store.notice
    assert "you start with a clean record" in store.notice
    store.record("x", "1")  # the new record does not touch the damaged copy
    assert kept.read_bytes() == damage
    assert json.loads(progress_file.read_text())["answers"]["x"]["value"] == "1"


@pytest.mark.parametrize("version", ['"one"', "3", "0", "true", "null", "1.0"])
def test_an_unknown_version_is_refused_and_never_rewritten(progress_file, version):
    raw = ('{"format": "lmcourse-progress", "version": ' + version
           + ', "answers": {"a": {"value": "kept"}}}').encode()
    progress_file.write_bytes(raw)
    store = progress.Progress(progress_file)
    assert store.load()["answers"] == {}
    assert "which this version of the course cannot read" in store.notice
    (kept,) = aside(progress_file.parent, "unknown-version")
    store.record("b", "new")
    assert kept.read_bytes() == raw
    assert json.loads(progress_file.read_text())["version"] == progress.VERSION


def test_an_unreadable_file_is_moved_aside_not_overwritten(progress_file, monkeypatch):
    # Tests may run as root, who can read a mode 000 file: the read is made to fail.
    raw = b'{"format": "lmcourse-progress", "version": 1, "answers": {"a": {"value": "x"}}}'
    progress_file.write_bytes(raw)
    real = jsonfile.read_bytes

    def denied(path, *a, **k):
        if os.fspath(path) == os.fspath(progress_file):
            raise PermissionError(errno.EACCES, "Permission denied")
        return real(path, *a, **k)

    monkeypatch.setattr(progress.jsonfile, "read_bytes", denied)
    store = progress.Progress(progress_file)
    assert store.load()["answers"] == {}
    (kept,) = aside(progress_file.parent, "unreadable")
    assert "could not be read (Permission denied)" in store.notice and kept.name in store.notice
    store.record("b", "1")
    assert kept.read_bytes() == raw  # every earlier answer is still there


def test_an_unreadable_file_that_cannot_be_moved_is_left_alone(progress_file, monkeypatch):
    raw = b'{"format": "lmcourse-progress", "version": 1, "answers": {"a": {"value": "x"}}}'
    progress_file.write_bytes(raw)
    os.chmod(progress_file, 0)
    monkeypatch.setattr(progress.jsonfile, "read_bytes", lambda *a, **k: (_ for _ in ()).throw(
        PermissionError(errno.EACCES, "Permission denied")))

    def stuck(src, dst):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(progress.os, "replace", stuck)
    store = progress.Progress(progress_file)
    store.load()
    assert "left exactly as it is and nothing is written there" in store.notice
    assert "LMCOURSE_PROGRESS" in store.notice
    with pytest.raises(NotSaved, match="could not be moved aside"):
        store.record("b", "mine")
    assert store.value("b") == "mine"  # kept while the notebook runs
    os.chmod(progress_file, 0o600)
    assert progress_file.read_bytes() == raw


def test_a_file_damaged_while_open_keeps_what_the_notebook_knew(progress_file):
    store = progress.Progress(progress_file)
    store.record("a", "1")
    store.record("b", "2")
    progress_file.write_text('{"format": "lmcourse-progress", "ver')  # damaged meanwhile
    assert set(store.load()["answers"]) == {"a", "b"}  # nothing vanishes from view
    assert "were saved again" in store.notice and "damaged-" in store.notice
    assert set(json.loads(progress_file.read_text())["answers"]) == {"a", "b"}
    store.record("c", "3")
    assert set(progress.Progress(progress_file).load()["answers"]) == {"a", "b", "c"}


def test_values_of_the_wrong_type_are_left_out_one_by_one(progress_file, sample):
    data = {"format": "lmcourse-progress", "version": progress.VERSION, "learner": "Ada",
            "answers": {"sample-s1": {"value": ["a"]},  # a list where a letter belongs
                        "sample-m1": {"value": ["a"], "missed": 3, "score": "x"},
                        "sample-sort": {"value": {"roadmap": "leadership"}},
                        "sample-self": {"value": {"a": True}},
                        "sample-reflect": {"value": "kept"},
                        "other": 5},
            "reviewed": {"sample-s1": 7, "sample-m1": "2026-01-01T00:00:00+00:00"}}
    raw = json.dumps(data).encode()
    progress_file.write_bytes(raw)
    store = course_store(progress_file, sample)
    got = store.load()
    assert got["learner"] == {"name": "", "id": ""}
    assert set(got["answers"]) == {"sample-m1", "sample-sort", "sample-reflect"}
    assert got["answers"]["sample-m1"] == {"value": ["a"]}  # its bad fields only
    assert got["reviewed"] == {"sample-m1": "2026-01-01T00:00:00+00:00"}
    assert "7 saved values" in store.notice and "; and more" in store.notice
    _, _, notes, _ = progress.check(json.loads(raw), sample.get)
    assert len(notes) == 7
    assert "your answer to 'sample-s1' (a list of 1 where one option id belongs)" in notes
    assert "your student id" not in " ".join(notes)  # 'learner' is left out once, whole
    (kept,) = aside(progress_file.parent)
    assert kept.read_bytes() == raw and kept.name in store.notice
    course_store(progress_file, sample).load()  # another kernel: no second copy
    assert len(aside(progress_file.parent)) == 1
    assert progress_file.read_bytes() == raw  # reading changed nothing
    store.record("sample-s1", "b")
    saved = json.loads(progress_file.read_text())
    assert saved["answers"]["sample-s1"]["value"] == "b" and "other" not in saved["answers"]


def test_a_lone_surrogate_in_a_reflection_is_saved_as_a_real_character(progress_file):
    store = progress.Progress(progress_file)
    store.record("r", "half \ud83d of an emoji, and a whole \U0001f600")
    text = json.loads(progress_file.read_text(encoding="utf-8"))["answers"]["r"]["value"]
    assert text == "half \ufffd of an emoji, and a whole \U0001f600"
    store.set_learner("Ad\udc00a", "s1")
    assert store.learner["name"] == "Ad\ufffda"


# nothing can be written ------------------------------------------------------------
def test_a_folder_at_the_files_path_is_said_and_left_alone(progress_file):
    progress_file.mkdir()
    (progress_file / "inside.txt").write_text("not ours")
    store = progress.Progress(progress_file)
    assert "is a folder, not a file" in store.saving_problem()
    assert "LMCOURSE_PROGRESS" in store.saving_problem()
    assert store.load()["answers"] == {}
    with pytest.raises(NotSaved, match="Not saved: .* is a folder"):
        store.record("x", "1")
    assert store.value("x") == "1"
    assert (progress_file / "inside.txt").read_text() == "not ours"


def test_a_folder_that_cannot_be_made_is_said(tmp_path):
    (tmp_path / "afile").write_text("")
    store = progress.Progress(tmp_path / "afile" / "sub" / "progress.json")
    assert "Your answers cannot be saved" in store.saving_problem()
    with pytest.raises(NotSaved, match="does not exist and could not be made"):
        store.record("x", "1")


def test_a_read_only_folder_is_said_before_the_first_save(progress_file, monkeypatch):
    def denied(*a, **k):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(progress.tempfile, "mkstemp", denied)
    store = progress.Progress(progress_file)
    problem = store.saving_problem()
    assert f"you do not have permission to write in {progress_file.parent}" in problem
    assert "%env LMCOURSE_PROGRESS=" in problem
    monkeypatch.setattr("lmcourse.core.files.tempfile.mkstemp", denied)
    with pytest.raises(NotSaved, match="Not saved: you do not have permission"):
        store.record("x", "1")


def test_a_read_only_disk_is_said(progress_file, monkeypatch):
    def rofs(*a, **k):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr("lmcourse.core.files.tempfile.mkstemp", rofs)
    with pytest.raises(NotSaved, match="is on a read-only disk"):
        progress.Progress(progress_file).record("x", "1")


# export and import -----------------------------------------------------------------
def test_export_and_import_merge_newer_answers(tmp_path):
    home = progress.Progress(tmp_path / "home.json")
    home.set_learner("Ada", "s1")
    home.record("a", "old")
    binder = progress.Progress(tmp_path / "binder.json")
    binder.record("b", "from binder")
    report = binder.import_bytes(home.export_bytes(), "home.json")
    assert report.taken == ["a"] and report.sentence().startswith("Imported 1 answer from")
    data = binder.load()
    assert data["answers"]["a"]["value"] == "old" and data["answers"]["b"]["value"] == "from binder"
    assert data["learner"] == {"name": "Ada", "id": "s1"}
    binder.record("a", "newer")
    report = binder.import_bytes(home.export_bytes())
    assert report.taken == [] and report.older == ["a"]  # an older copy never wins
    assert "not newer than the answer saved here" in report.sentence()
    assert binder.value("a") == "newer"


def test_export_import_round_trips_every_kind_exactly(tmp_path, sample):
    mine = course_store(tmp_path / "a.json", sample)
    answers = {"sample-sort": {"roadmap": "leadership", "rota": "both"},
               "sample-s1": "b", "sample-m1": ["a", "c"], "sample-self": {"a": 4, "c": 0},
               "sample-reflect": "Ünïcode, \"quotes\", <tags> & a new\nline 😀",
               "skills-rating": {"vision": 7, "delegation": 2}}
    for ex_id, value in answers.items():
        mine.record(ex_id, value, scoring.check(sample[ex_id], value)
                    if ex_id in sample else None)
    mine.mark_reviewed("sample-s1")
    mine.set_learner("Zoë", "s-1")
    exported = mine.export_bytes()
    other = course_store(tmp_path / "b.json", sample)
    report = other.import_bytes(b"\xef\xbb\xbf" + exported)  # re-saved with a BOM: fine
    assert sorted(report.taken) == sorted(answers) and not report.skipped
    a, b = json.loads(exported), json.loads(other.export_bytes())
    assert {k: v for k, v in a.items() if k != "updated"} == \
           {k: v for k, v in b.items() if k != "updated"}


def test_import_checks_like_load_and_says_what_it_skipped(tmp_path, sample):
    store = course_store(tmp_path / "p.json", sample)
    raw = json.dumps({"format": "lmcourse-progress", "version": 1, "learner": "Ada",
                      "answers": {"sample-s1": {"value": ["a", "b"]},
                                  "sample-m1": {"value": ["a"], "missed": 3},
                                  "sample-reflect": {"value": "fine"}}}).encode()
    report = store.import_bytes(raw, "mine.json")
    assert sorted(report.taken) == ["sample-m1", "sample-reflect"]
    text = report.sentence()
    assert "Imported 2 answers from mine.json" in text and "Skipped 3" in text
    assert "your answer to 'sample-s1' (a list of 2 where one option id belongs)" in text
    assert store.answer("sample-m1") == {"value": ["a"]}


@pytest.mark.parametrize("raw, words", [
    (b"\xff", "not text"), (b"{", "not valid JSON"), (b'{"a": 1}', "not an lmcourse"),
    (b"[" * 100_000 + b"]" * 100_000, "nests too deeply"),
    (b'{"format": "lmcourse-progress", "version": "one", "answers": {}}', "version \"one\""),
    (b'{"format": "lmcourse-progress", "version": 3, "answers": {}}', "version 3"),
    (b'{"format": "lmcourse-progress", "version": 1, "answers": {"a": {"value": "\\udc00"}}}',
     "lone UTF-16 surrogate")])
def test_import_refuses_what_is_not_an_export(tmp_path, raw, words):
    store = progress.Progress(tmp_path / "p.json")
    store.record("keep", "1")
    before = (tmp_path / "p.json").read_bytes()
    with pytest.raises(progress.ImportProblem, match=words):
        store.import_bytes(raw)
    assert store.value("keep") == "1" and (tmp_path / "p.json").read_bytes() == before


# the rest ---------------------------------------------------------------------------
def test_path_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("LMCOURSE_PROGRESS", str(tmp_path / "elsewhere.json"))
    assert progress.default_path() == tmp_path / "elsewhere.json"
    monkeypatch.delenv("LMCOURSE_PROGRESS")
    assert progress.default_path().name == "progress.json"
    assert str(progress.default_path()).startswith(os.path.expanduser("~"))


def test_listeners_hear_each_change_and_a_key_replaces(progress_file):
    store = progress.Progress(progress_file)
    heard = []
    store.listen(heard.append)
    store.record("x", "1")
    store.mark_reviewed("x")
    assert heard == ["x", "x"]
    assert json.loads(progress_file.read_text())["reviewed"].keys() == {"x"}
    for n in range(30):
        store.listen(lambda what, n=n: heard.append(n), key="profile-cell")
    assert store.listeners == 2
    store.listen(lambda what: 1 / 0, key="broken")  # a broken listener never stops a save
    heard.clear()
    store.record("y", "2")
    assert heard == ["y", 29] and store.value("y") == "2"


def test_what_the_store_writes_is_valid_by_its_schema(progress_file, sample):
    store = course_store(progress_file, sample)
    store.set_learner("Ada", "s1")
    store.record("sample-sort", {"roadmap": "both"},
                 scoring.check(sample["sample-sort"], {"roadmap": "both"}))
    store.mark_reviewed("sample-sort/roadmap")
    written = json.loads(progress_file.read_text(encoding="utf-8"))
    assert schemas.is_valid("progress", written)
    assert schemas.errors("progress", written) == []
    assert schemas.schema("progress")["properties"]["format"]["const"] == progress.FORMAT


def test_the_course_answers_are_checked_against_their_kind(progress_file):
    store = progress.shared()
    assert store.exercise_of("focus-sort")["kind"] == "classify"
    assert store.exercise_of("skills-rating")["kind"] == "self"
    assert store.exercise_of("no-such-exercise") is None
    assert content.DIFFERENCE_IDS  # the course loaded


def test_matplotlib_prints_nothing_when_home_cannot_be_written(tmp_path):
    (tmp_path / "afile").write_text("")
    env = {k: v for k, v in os.environ.items() if k not in ("MPLCONFIGDIR", "XDG_CONFIG_HOME",
                                                             "XDG_CACHE_HOME")}
    env["HOME"] = str(tmp_path / "afile" / "home")  # no folder can be made under a file
    code = ("from lmcourse.core import radar\n"
            "fig, ax = radar.new_figure()\n"
            "radar.draw(ax, ['a', 'b', 'c'], [('x', [1, 2, 3])])\n"
            "radar.png(fig)\n"
            "import os; print(os.environ['MPLCONFIGDIR'])")
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert "lmcourse-matplotlib-" in done.stdout


def test_wrong_answers_given_at_a_check_are_kept_after_a_correction(progress_file, sample):
    store = course_store(progress_file, sample)
    ex = sample["sample-place"]
    first = {"rush": {"difference": "change", "side": "management"}}
    store.record("sample-place", first, scoring.check(ex, first))
    again = {"rush": {"difference": "focus", "side": "leadership"}}
    store.record("sample-place", again, scoring.check(ex, again))
    fixed = {"rush": {"difference": "focus", "side": "management"}}
    store.record("sample-place", fixed, scoring.check(ex, fixed))
    entry = store.answer("sample-place")
    assert entry["wrong"] == {"sample-place/rush": ["change/management", "focus/leadership"]}
    assert entry["status"] == "partly"  # brunch still open; rush now right

def test_only_the_latest_different_wrong_answers_are_kept(progress_file, sample, monkeypatch):
    store = course_store(progress_file, sample)
    monkeypatch.setattr(progress, "WRONG_KEPT", 1)
    for pick in ("management", "both", "both"):
        sort = {"roadmap": pick}
        store.record("sample-sort", sort, scoring.check(sample["sample-sort"], sort))
    assert store.answer("sample-sort")["wrong"] == {"sample-sort/roadmap": ["both"]}
