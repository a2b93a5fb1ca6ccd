"""The plain path and the fast path write the same bytes.

Every speed device of a grading run (:class:`lmcourse.grading.run.Speed`) may be switched
off; with all of them off (``PLAIN``) the run is serial and remembers nothing. A class of
varied answers, with odd files among them, is graded both ways, and each device alone, and
every file written must be byte-identical."""

import dataclasses
import json
import os
import random
import zipfile

import pytest

from lmcourse.grading import halves
from lmcourse.grading import run as grading
from tests import instructor_fixtures as fx
from tests.instructor_fixtures import hand_in

unit, unit_file = fx.unit, fx.unit_file  # fixtures, shared


def tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def class_folder(unit, tmp_path):
    """300 students (more than one write batch), seeded random answers, and odd files."""
    rng = random.Random(7)
    folder = tmp_path / "in"
    for i in range(300):
        answers = {}
        for ex_id, ex in unit.exercises.items():
            if rng.random() < 0.1:
                continue
            kind = ex["kind"]
            if kind == "classify":
                answers[ex_id] = {it["id"]: rng.choice(ex["categories"]) for it in ex["items"]
                                  if rng.random() < 0.9}
            elif kind == "scenario":
                answers[ex_id] = rng.choice([o["id"] for o in ex["options"]] + ["z"])
            elif kind == "multi":
                answers[ex_id] = [o["id"] for o in ex["options"] if rng.random() < 0.5]
            elif kind == "self":
                answers[ex_id] = {it["id"]: rng.randrange(len(ex["scale"]))
                                  for it in ex["items"]}
            else:
                answers[ex_id] = rng.choice(["", "I plan.", "<b>We</b> lead\non Mondays."])
        hand_in(folder, f"s{i:03d}", answers, day=1 + i % 3, name=f"Student {i}")
    hand_in(folder, "s001", {"sample-s1": "a"}, day=9)  # supersedes an older file
    hand_in(folder, "s400", {"sample-m1": "a, c"})  # a wrong type
    (folder / "broken.json").write_text("{", encoding="utf-8")
    (folder / "other.json").write_text(json.dumps({"format": "x"}), encoding="utf-8")
    (folder / "zz-nan.json").write_text('{"a": NaN}', encoding="utf-8")  # read last
    return folder


def test_plain_and_fast_paths_write_byte_identical_files(unit, tmp_path, class_folder):
    outputs = {}
    one_each = {f.name: dataclasses.replace(grading.PLAIN, **{f.name: True})
                for f in dataclasses.fields(grading.Speed)}
    for name, speed in {"fast": grading.Speed(), "plain": grading.PLAIN, **one_each}.items():
        out = tmp_path / name
        assert grading.grade(unit, [class_folder], out, speed=speed).graded == 301, name
        if name in ("fast", "plain"):  # and once more, replacing the files of the first run
            grading.grade(unit, [class_folder], out, speed=speed, force=True)
        outputs[name] = tree(out)
    fast = outputs.pop("fast")
    assert len([k for k in fast if k.startswith("feedback/")]) == 301
    assert "radar.svg" in fast and "report.html" in fast
    for name, files in outputs.items():
        assert files.keys() == fast.keys(), name
        for path in files:
            assert files[path] == fast[path], f"{name}: {path} differs"


@pytest.fixture
def forced_split(monkeypatch):
    """Splits every class in two processes, here too (a test runner's threads and a small
    class would keep it in one), and lists the children forked."""
    monkeypatch.setattr(halves, "available", lambda: True)
    monkeypatch.setattr(halves, "MIN_ITEMS", 10)
    forked, fork = [], os.fork

    def counting_fork():
        pid = fork()
        if pid:
            forked.append(pid)
        return pid
    monkeypatch.setattr(os, "fork", counting_fork)
    return forked


def test_a_class_split_in_two_processes_writes_the_same_bytes(
        unit, tmp_path, class_folder, forced_split):
    grading.grade(unit, [class_folder], tmp_path / "plain", speed=grading.PLAIN)
    assert forced_split == []
    summary = grading.grade(unit, [class_folder], tmp_path / "split", speed=grading.Speed())
    # read, marked, then the reports beside the gradebook files: three children
    assert len(forced_split) == 3, "the class was not split at every step"
    assert summary.graded == 301
    plain, split = tree(tmp_path / "plain"), tree(tmp_path / "split")
    assert split.keys() == plain.keys()
    assert [p for p in plain if split[p] != plain[p]] == []


def test_a_half_that_fails_in_its_process_is_marked_again_over_what_it_wrote(
        unit, tmp_path, class_folder, forced_split, monkeypatch):
    """The child writes some of its half's feedback files, then dies: the parent marks
    that half itself, writing over them."""
    grading.grade(unit, [class_folder], tmp_path / "plain", speed=grading.PLAIN)
    parent, mark = os.getpid(), grading._mark

    def dying(assignment, best, sids, *args, **kwargs):
        if os.getpid() != parent:
            mark(assignment, best, sids[:len(sids) // 2], *args, **kwargs)
            for sid in sids[len(sids) // 2:][:3]:  # and three cut short
                (args[2] / f"{best[sid].stem}.md").write_bytes(b"# Feedb")
            os._exit(3)
        return mark(assignment, best, sids, *args, **kwargs)
    monkeypatch.setattr(grading, "_mark", dying)
    assert grading.grade(unit, [class_folder], tmp_path / "split").graded == 301
    assert forced_split
    assert tree(tmp_path / "split") == tree(tmp_path / "plain")


def test_a_zip_download_is_read_here_and_marked_in_two_processes(unit, tmp_path, class_folder,
                                                                forced_split):
    """Members of a zip are read through the archive this process holds open (a child
    moving the same file offset would garble both), so the reading is not split."""
    archive = tmp_path / "download.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for path in sorted(class_folder.iterdir()):
            z.write(path, path.name)
    grading.grade(unit, [archive], tmp_path / "plain", speed=grading.PLAIN)
    grading.grade(unit, [archive], tmp_path / "split")
    assert len(forced_split) == 2  # marking, and the reports beside the gradebook files
    assert tree(tmp_path / "split") == tree(tmp_path / "plain")
