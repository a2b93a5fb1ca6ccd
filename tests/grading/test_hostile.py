"""A class's worth of careless and hostile files in one submissions folder: each is listed
in problems.csv with its reason, everyone else is graded, nothing is written outside the
output folder, and ``lmcourse validate`` survives the same files."""

import csv
import json
import os
import socket
import struct
import zipfile

import pytest

from lmcourse.core import submission
from lmcourse.grading import collect, validation
from lmcourse.grading import run as grading
from tests import instructor_fixtures as fx
from tests.instructor_fixtures import RIGHT, hand_in

unit, unit_file = fx.unit, fx.unit_file  # fixtures, shared


def good(sid, **edit):
    data = submission.make("unit-1", sid, f"Student {sid}", RIGHT, fx.when(1))
    data.update(edit)
    return json.dumps(data, indent=1)


def patched_zip(path, name, text, *, flag=None, size=None):
    """A zip of one member whose headers then lie: ``flag`` set in the general-purpose
    bits (encryption), or ``size`` as its uncompressed size."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(name, text)
    raw = bytearray(path.read_bytes())
    for sig, flags_at, size_at in ((b"PK\x03\x04", 6, 22), (b"PK\x01\x02", 8, 24)):
        at = raw.find(sig)
        if flag is not None:
            raw[at + flags_at] |= flag
        if size is not None:
            struct.pack_into("<I", raw, at + size_at, size)
    path.write_bytes(bytes(raw))


#: name -> (how to make it in the inbox, words its problems.csv line must hold)
HOSTILE = {
    "nan.json": (lambda p: p.write_text(good("x").replace('"version": 1', '"version": NaN')),
                 "NaN is not a JSON number"),
    "infinity.json": (lambda p: p.write_text(good("x").replace('"version": 1',
                                                               '"version": -Infinity')),
                      "-Infinity is not a JSON number"),
    "deep.json": (lambda p: p.write_text('{"a":' * 100_000), "nests too deeply"),
    "digits.json": (lambda p: p.write_text(good("x").replace('"version": 1',
                                                             '"version": ' + "9" * 5000)),
                    "5,000 digits"),
    "surrogate.json": (lambda p: p.write_text(good("x").replace('"Student x"', '"\\ud800"')),
                       "lone UTF-16 surrogate"),
    "duplicate.json": (lambda p: p.write_text(good("x").replace(
        '"answers": {', '"answers": {\n  "sample-s1": "c",', 1)), "appears twice"),
    "page.json": (lambda p: p.write_text("<!DOCTYPE html><html><body>Login</body></html>"),
                  "looks like HTML"),
    "letter.json": (lambda p: p.write_text("Here are my answers: 1b 2c"), "looks like plain text"),
    "empty.json": (lambda p: p.write_bytes(b""), "the file is empty"),
    "binary.json": (lambda p: p.write_bytes(bytes(range(256)) * 4), "not UTF-8"),
    "nul.json": (lambda p: p.write_bytes(b'{"a": "\x00"}'), "binary, not text"),
    "utf16.json": (lambda p: p.write_bytes(good("x").encode("utf-16")), "UTF-16"),
    "list.json": (lambda p: p.write_text("[1, 2, 3]"), "not a JSON object"),
    "huge.json": (lambda p: os.truncate(p.touch() or p, 50 * 1024 * 1024), "over the limit"),
    "fifo.json": (lambda p: os.mkfifo(p), "a named pipe"),
    "socket.json": (lambda p: socket.socket(socket.AF_UNIX).bind(str(p)), "a socket"),
    "link.json": (lambda p: p.symlink_to(p.parent.parent / "secret.json"), "symbolic link"),
    "loop": (lambda p: p.symlink_to(p), "symbolic link"),
    "formula.json": (lambda p: p.write_text(good("=HYPERLINK(\"http://x\")")), "as a formula"),
    "longid.json": (lambda p: p.write_text(good("s" * 300)), "300 characters long"),
    "tampered.json": (lambda p: p.write_text(good("t1").replace('"sample-s1": "a"',
                                                                '"sample-s1": "b"')),
                      "checksum does not match"),
    "s8_1/impostor.json": (lambda p: p.write_text(good("g1")), "belongs to 's8'"),
    "notes.zip": (lambda p: p.write_bytes(b"PK\x03\x04 not really a zip"),
                  "not a readable zip"),
    "fifo.zip": (lambda p: os.mkfifo(p), "a named pipe"),
    "slip.zip": (lambda p: zipfile.ZipFile(p, "w").writestr("../../../escaped.json", "{"),
                 "the file ends early"),
    "bomb.zip": (lambda p: zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED).writestr(
        "bomb.json", b" " * (60 * 1024 * 1024)), "over the limit"),
    "liar.zip": (lambda p: patched_zip(p, "liar.json", good("liar") + " " * 5000, size=40),
                 "Bad CRC-32"),
    "locked.zip": (lambda p: patched_zip(p, "locked.json", good("locked"), flag=0x1),
                   "encrypted"),
    "nested.zip": (lambda p: zipfile.ZipFile(p, "w").writestr("inner.zip", b"PK"),
                   "a zip inside the zip"),
}


def make_class(inbox):
    inbox.mkdir()
    (inbox.parent / "secret.json").write_text(good("secret"))
    for n in range(1, 6):
        hand_in(inbox, f"g{n}", RIGHT)
    folder = inbox / "x.json"  # a folder named like a file: walked as a folder
    folder.mkdir()
    hand_in(folder, "g6", RIGHT)
    for name, (make, _) in HOSTILE.items():
        path = inbox / name
        path.parent.mkdir(parents=True, exist_ok=True)
        make(path)
    with zipfile.ZipFile(inbox / "windows.zip", "w") as z:  # a Windows zip: \ separators
        z.writestr("..\\..\\g7\\week-1-g7.json", good("g7"))


def lines(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def snapshot(root, skip):
    return {p: (p.lstat().st_size, p.lstat().st_mtime_ns) for p in root.rglob("*")
            if skip not in p.parents and p != skip}


def test_every_hostile_file_is_listed_and_everyone_else_is_graded(unit, tmp_path):
    inbox, out = tmp_path / "in", tmp_path / "out"
    make_class(inbox)
    before = snapshot(tmp_path, out)
    summary = grading.grade(unit, [inbox, "/dev/zero"], out)

    graded = {row["student_id"] for row in lines(out / "grades.csv")}
    assert graded == {f"g{n}" for n in range(1, 8)}
    found = lines(out / "problems.csv")
    for name, (_, words) in HOSTILE.items():
        mine = [p for p in found if p["file"].startswith(str(inbox / name))]
        assert mine, f"{name} is not listed: {[p['file'] for p in found]}"
        assert any(words in p["problem"] for p in mine), (name, mine)
    assert any(p["file"] == "/dev/zero" and "a device" in p["problem"] for p in found)
    assert not any("unexpected" in p["problem"] for p in found), found
    assert summary.graded == 7

    # nothing written outside the output folder; the zip slip went nowhere
    assert snapshot(tmp_path, out) == before
    assert not (tmp_path.parent / "escaped.json").exists()
    assert all(p.resolve().is_relative_to(out.resolve()) for p in out.rglob("*"))
    assert not (tmp_path / "secret.json").read_text().startswith("{\n \"graded")


def test_validate_survives_the_same_files(unit, tmp_path):
    inbox = tmp_path / "in"
    make_class(inbox)
    problems, checked = validation.check_paths([inbox])
    named = {p.file for p in problems}
    for name in HOSTILE:
        if not name.endswith(".json") or "/" in name:
            continue  # validate checks JSON files one by one; zips and folders are the grader's
        assert any(f.startswith(str(inbox / name)) for f in named), (name, sorted(named))
    assert "submission" in checked


def test_an_error_nobody_foresaw_stops_one_file_only(unit, tmp_path, monkeypatch):
    inbox = tmp_path / "in"
    hand_in(inbox, "g1", RIGHT)
    hand_in(inbox, "boom", RIGHT)
    real = submission.check_structure

    def flaky(data, assignment_id=None):
        if data.get("student", {}).get("id") == "boom":
            raise ZeroDivisionError("nobody saw this coming")
        return real(data, assignment_id)

    monkeypatch.setattr(collect.sub, "check_structure", flaky)
    grading.grade(unit, [inbox], tmp_path / "out")
    assert [r["student_id"] for r in lines(tmp_path / "out" / "grades.csv")] == ["g1"]
    (line,) = lines(tmp_path / "out" / "problems.csv")
    assert line["file"].endswith("boom-1.json") and "unexpected ZeroDivisionError" in line[
        "problem"]


@pytest.mark.parametrize("error", [PermissionError(13, "Permission denied"),
                                   OSError(5, "Input/output error")])
def test_a_file_that_cannot_be_read_is_a_line(unit, tmp_path, monkeypatch, error):
    """(Permissions cannot be tested as root, who reads everything: the error is made.)"""
    inbox = tmp_path / "in"
    hand_in(inbox, "g1", RIGHT)
    locked = hand_in(inbox, "locked", RIGHT)
    real = collect.jsonfile.read_bytes

    def read_bytes(path, *a, **k):
        if str(path) == str(locked):
            raise error
        return real(path, *a, **k)

    monkeypatch.setattr(collect.jsonfile, "read_bytes", read_bytes)
    grading.grade(unit, [inbox], tmp_path / "out")
    (line,) = lines(tmp_path / "out" / "problems.csv")
    assert line["file"] == str(locked) and error.strerror in line["problem"]


def test_file_and_folder_names_that_are_not_utf8_are_shown_and_graded(unit, tmp_path):
    """A Linux file name may be any bytes: a name that is not UTF-8 is shown with ``\\xNN``
    in every file the run writes, and the file in it is graded (this once stopped the
    whole class: problems.csv could not be written)."""
    inbox, out = tmp_path / "in", tmp_path / "out"
    hand_in(inbox, "g1", RIGHT)
    raw = os.fsencode(inbox)
    os.mkdir(raw + b"/caf\xe9_folder")
    with open(raw + b"/caf\xe9_folder/g2\xff.json", "wb") as f:
        f.write(good("g2").encode())
    with open(raw + b"/broken\xfe.json", "wb") as f:
        f.write(b"{")
    with open(raw + b"/d\xfcnn.zip", "wb") as f, zipfile.ZipFile(f, "w") as z:
        z.writestr("g3.json", good("g3"))
    roster = raw + b"/../r\xf6ster.csv"
    with open(roster, "wb") as f:
        f.write(b"id\ng1\ng2\ng1\n")
    from lmcourse.grading import roster as rosters
    summary = grading.grade(unit, [inbox], out, roster=rosters.load(os.fsdecode(roster)))
    assert summary.graded == 3
    rows = {r["student_id"]: r for r in lines(out / "grades.csv")}
    assert rows["g2"]["file"] == f"{inbox}/caf\\xe9_folder/g2\\xff.json"
    assert rows["g3"]["file"] == f"{inbox}/d\\xfcnn.zip:g3.json"
    found = lines(out / "problems.csv")
    assert any(p["file"] == f"{inbox}/broken\\xfe.json" and "ends early" in p["problem"]
               for p in found), found
    assert any(p["file"].endswith("r\\xf6ster.csv") for p in found), found
    str(summary)  # the summary prints


def test_a_file_of_many_unknown_answers_is_a_few_lines_not_forty_thousand(unit, tmp_path):
    """Answers to questions the assignment does not have: five named, the rest counted in
    one line (one file must not bury the class's problems.csv), each key cut short."""
    data = json.loads(good("flood"))
    data["answers"].update({f"x{i}": 1 for i in range(40_000)})
    data["answers"]["k" * 100_000] = 1
    data["checksum"] = submission.checksum(data["answers"])
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "flood.json").write_text(json.dumps(data, indent=1))
    grading.grade(unit, [tmp_path / "in"], tmp_path / "out", max_bytes=10**7)
    found = lines(tmp_path / "out" / "problems.csv")
    assert len(found) == 6 and all(p["outcome"] == "answer ignored" for p in found)
    assert "39,996 more answers to questions not in assignment 'unit-1' ('x5', 'x6', 'x7'" \
        in found[-1]["problem"]
    assert all(len(p["problem"]) < 300 for p in found)
    (row,) = lines(tmp_path / "out" / "grades.csv")
    assert row["status"] == "graded, 40001 answers ignored" and row["percent"] == "100.0"
    feedback = (tmp_path / "out" / "feedback" / "flood.md").read_text()
    assert len(feedback) < 20_000


def test_an_id_that_is_a_number_is_named_as_one(unit, tmp_path):
    data = json.loads(good("x"))
    data["student"]["id"] = 12345
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "n.json").write_text(json.dumps(data))
    (tmp_path / "in" / "ok.json").write_text(good("ok"))
    grading.grade(unit, [tmp_path / "in"], tmp_path / "out")
    (line,) = lines(tmp_path / "out" / "problems.csv")
    assert "the student id is 12345, not text" in line["problem"]


def test_files_saved_on_windows_with_a_bom_and_crlf_are_read_as_any_other(unit, unit_file,
                                                                          tmp_path):
    """A submission, an assignment and a roster saved by a Windows editor (a byte-order
    mark, CRLF line ends) read as the plain files do; a problem still gets its true line;
    an id typed with a space after it is the id without it, and matches the roster."""
    from lmcourse.grading import assignment, roster

    inbox = tmp_path / "in"
    inbox.mkdir()
    crlf = good("g1").replace("\n", "\r\n")
    (inbox / "g1.json").write_bytes(b"\xef\xbb\xbf" + crlf.encode())
    (inbox / "g2.json").write_bytes(b"\xef\xbb\xbf" + good("g2 ").replace("\n", "\r\n")
                                    .encode())
    broken = crlf.replace('"version": 1', '"version": 1,,')
    (inbox / "g3.json").write_bytes(b"\xef\xbb\xbf" + broken.encode())
    windows = tmp_path / "windows.json"
    windows.write_bytes(b"\xef\xbb\xbf" + unit_file.read_text().replace("\n", "\r\n").encode())
    week = assignment.load(windows, exercises=unit_file.parent.parent)
    assert week.id == unit.id and week.max_points == unit.max_points
    (tmp_path / "r.csv").write_bytes(b"\xef\xbb\xbfstudent_id;name\r\ng1;A\r\ng2;B\r\n")
    grading.grade(week, [inbox], tmp_path / "out", roster=roster.load(tmp_path / "r.csv"))
    assert [r["student_id"] for r in lines(tmp_path / "out" / "grades.csv")] == ["g1", "g2"]
    (line,) = lines(tmp_path / "out" / "problems.csv")
    where = broken.split("\r\n").index(next(x for x in broken.split("\r\n") if ",," in x)) + 1
    assert line["file"].endswith("g3.json") and int(line["line"]) == where, line
    canvas = list(csv.reader((tmp_path / "out" / "canvas.csv").read_text(encoding="utf-8")
                             .splitlines()))
    assert [r[2] for r in canvas[2:]] == ["g1", "g2"] and all(r[5] for r in canvas[2:])


def test_ids_windows_keeps_for_devices_get_feedback_files_of_their_own(unit, tmp_path):
    """On Windows a file named CON.md, nul.md or com1.md is a device, not a file: feedback
    written there is lost. Such ids are graded under their own id, with a file name of
    their own (a short hash added), and noted."""
    inbox = tmp_path / "in"
    for sid in ("con", "NUL", "com1", "Lpt9", "s1", "console"):
        hand_in(inbox, sid, RIGHT, file=f"{sid}-x.json")
    grading.grade(unit, [inbox], tmp_path / "out")
    names = sorted(p.stem for p in (tmp_path / "out" / "feedback").iterdir())
    assert "s1" in names and "console" in names
    for sid in ("con", "NUL", "com1", "Lpt9"):
        assert sid not in names and any(n.startswith(f"{sid}-") for n in names), names
    said = [p for p in lines(tmp_path / "out" / "problems.csv") if p["student_id"] == "con"]
    assert len(said) == 1 and "Windows keeps for a device" in said[0]["problem"]
    assert "feedback/con-" in said[0]["problem"]
    assert {r["student_id"] for r in lines(tmp_path / "out" / "grades.csv")} == {
        "con", "NUL", "com1", "Lpt9", "s1", "console"}
