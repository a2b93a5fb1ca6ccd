import json
import os

import pytest

from lmcourse.core import progress, scoring


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
    a.record("x", 1)
    b.record("y", 2)
    assert set(progress.Progress(progress_file).load()["answers"]) == {"x", "y"}


def test_writes_are_atomic_and_leave_no_temp_files(progress_file, monkeypatch):
    store = progress.Progress(progress_file)
    store.record("x", 1)
    before = progress_file.read_bytes()

    def crash(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(progress.os, "replace", crash)
    with pytest.raises(OSError):
        store.record("x", 2)
    assert progress_file.read_bytes() == before
    assert [p.name for p in progress_file.parent.iterdir()] == [progress_file.name]


@pytest.mark.parametrize("damage", [b"{not json", b"\xff\xfe", b'{"format": "other"}', b"[]",
                                    b'{"format": "lmcourse-progress", "answers": {"a": 3}}'])
def test_a_damaged_file_is_kept_aside_and_the_learner_starts_clean(progress_file, damage):
    progress_file.write_bytes(damage)
    store = progress.Progress(progress_file)
    assert store.load()["answers"] == {}
    aside = [p for p in progress_file.parent.iterdir() if ".damaged-" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes() == damage
    assert "could not be read" in store.notice and aside[0].name in store.notice
    store.record("x", 1)  # the new record does not touch the damaged copy
    assert aside[0].read_bytes() == damage


def test_export_and_import_merge_newer_answers(tmp_path):
    home = progress.Progress(tmp_path / "home.json")
    home.set_learner("Ada", "s1")
    home.record("a", "old")
    binder = progress.Progress(tmp_path / "binder.json")
    binder.record("b", "from binder")
    taken = binder.import_bytes(home.export_bytes())
    assert taken == 1
    data = binder.load()
    assert data["answers"]["a"]["value"] == "old" and data["answers"]["b"]["value"] == "from binder"
    assert data["learner"] == {"name": "Ada", "id": "s1"}
    binder.record("a", "newer")
    assert binder.import_bytes(home.export_bytes()) == 0  # an older copy never wins
    assert binder.value("a") == "newer"


@pytest.mark.parametrize("raw, words", [(b"\xff", "not text"), (b"{", "not valid JSON"),
                                         (b'{"a": 1}', "not an lmcourse answers file")])
def test_import_refuses_what_is_not_an_export(tmp_path, raw, words):
    store = progress.Progress(tmp_path / "p.json")
    store.record("keep", 1)
    with pytest.raises(progress.ImportProblem, match=words):
        store.import_bytes(raw)
    assert store.value("keep") == 1


def test_path_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("LMCOURSE_PROGRESS", str(tmp_path / "elsewhere.json"))
    assert progress.default_path() == tmp_path / "elsewhere.json"
    monkeypatch.delenv("LMCOURSE_PROGRESS")
    assert progress.default_path().name == "progress.json"
    assert str(progress.default_path()).startswith(os.path.expanduser("~"))


def test_listeners_hear_each_change(progress_file):
    store = progress.Progress(progress_file)
    heard = []
    store.listen(heard.append)
    store.record("x", 1)
    store.mark_reviewed("x")
    assert heard == ["x", "x"]
    assert json.loads(progress_file.read_text())["reviewed"].keys() == {"x"}
