"""Grading: scores recomputed from answers and key, every bad input a line in problems.csv
while everyone else is graded, nothing written outside the output folder, atomic results."""

import csv
import json
import subprocess
import sys
import zipfile

import pytest

from lmcourse.core import submission
from lmcourse.core.ids import safe_name
from lmcourse.grading import run as grading
from tests import instructor_fixtures as fx
from tests.conftest import ROOT
from tests.instructor_fixtures import RIGHT, hand_in

unit, unit_file = fx.unit, fx.unit_file  # fixtures, shared


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def problems(out):
    return rows(out / "problems.csv")


def run(unit, tmp_path, *paths, **kw):
    return grading.grade(unit, [str(p) for p in paths], tmp_path / "out", **kw)


def test_a_right_answer_sheet_scores_full_marks_and_explains_everything(unit, tmp_path):
    hand_in(tmp_path / "in", "s1", RIGHT, name="Ada Lovelace")
    summary = run(unit, tmp_path, tmp_path / "in")
    out = tmp_path / "out"
    (row,) = rows(out / "grades.csv")
    assert row["student_id"] == "s1" and row["name"] == "Ada Lovelace"
    assert (row["total"], row["max_points"], row["percent"], row["status"]) == (
        "7", "7", "100.0", "graded")
    assert row["sample-s1"] == "2" and row["sample-sort/rota"] == "1"
    assert summary.graded == 1 and summary.mean == 100.0 and problems(out) == []
    text = (out / "feedback" / "s1.md").read_text()
    for ex in unit.exercises.values():
        assert ex["title"] in text
    assert unit.exercises["sample-s1"]["options"][0]["explanation"] in text
    assert "I lead on Mondays." in text
    assert {p.name for p in out.iterdir()} == set(grading.OUTPUTS)


def test_wrong_answers_get_the_reason_and_the_right_answer(unit, tmp_path):
    hand_in(tmp_path / "in", "s2", {"sample-s1": "b", "sample-sort": {"roadmap": "both"},
                                    "sample-m1": ["a", "b"]})
    run(unit, tmp_path, tmp_path / "in")
    (row,) = rows(tmp_path / "out" / "grades.csv")
    # multi: 1 of 3 options judged right (a ticked, b wrongly ticked, c missed) -> 1 of 3 pts
    assert (row["sample-s1"], row["sample-sort/roadmap"], row["sample-m1"]) == ("0", "0", "1")
    text = (tmp_path / "out" / "feedback" / "s2.md").read_text()
    s1 = unit.exercises["sample-s1"]["options"]
    assert s1[1]["explanation"] in text  # why their pick falls short
    assert "The best answer" in text and s1[0]["text"] in text
    rota = unit.exercises["sample-sort"]["items"][1]
    assert "Not answered" in text and rota["feedback"]["management"] in text


def test_claimed_scores_are_ignored(unit, tmp_path):
    def claim(d):
        d.update(score=100, total=100, percent=100)
    hand_in(tmp_path / "in", "s3", {"sample-s1": "c"}, edit=claim)
    run(unit, tmp_path, tmp_path / "in")
    (row,) = rows(tmp_path / "out" / "grades.csv")
    assert row["total"] == "0" and row["percent"] == "0.0"


def test_student_text_is_never_run(unit, tmp_path):
    marker = tmp_path / "ran"
    code = f"__import__('pathlib').Path({str(marker)!r}).write_text('x')"
    hand_in(tmp_path / "in", "s4", {"sample-reflect": code, "sample-s1": code})
    run(unit, tmp_path, tmp_path / "in")
    assert not marker.exists()
    assert "answer to 'sample-s1'" not in str(problems(tmp_path / "out"))  # a string id is fine
    (row,) = rows(tmp_path / "out" / "grades.csv")
    assert row["sample-s1"] == "0"


BAD = {
    "invalid.json": b'{"format": "lmcourse-submission",\n "student": {"id": "x"},, }',
    "non-utf8.json": b'{"student": {"name": "Ren\xe9e"}}',
    "empty.json": b"",
}


def test_every_bad_input_is_a_line_and_everyone_else_is_graded(unit, tmp_path):
    inbox = tmp_path / "in"
    hand_in(inbox, "good", RIGHT)
    for name, raw in BAD.items():
        (inbox / name).write_bytes(raw)
    full = json.dumps(submission.make("unit-1", "cut", "Cut", RIGHT), indent=1)
    (inbox / "truncated.json").write_text(full[: len(full) // 2])
    hand_in(inbox, "other", RIGHT, assignment_id="unit-9")
    hand_in(inbox, "tamper", {"sample-s1": "b"},
            edit=lambda d: d["answers"].update({"sample-s1": "a"}))
    hand_in(inbox, "unknown", {"sample-s1": "a", "bonus-question": "yes"})
    hand_in(inbox, "types", {"sample-s1": ["a"], "sample-m1": "a, c",
                             "sample-sort": {"roadmap": 1}, "sample-self": {"a": 9}})
    with open(inbox / "huge.json", "wb") as f:  # 50 MB, sparse: never read
        f.truncate(50 * 1024 * 1024)
    (tmp_path / "nothing").mkdir()
    summary = run(unit, tmp_path, inbox, tmp_path / "nothing", tmp_path / "missing.json")

    graded = {r["student_id"]: r for r in rows(tmp_path / "out" / "grades.csv")}
    assert set(graded) == {"good", "unknown", "types"}
    assert graded["good"]["percent"] == "100.0"
    assert graded["unknown"]["sample-s1"] == "2"
    assert graded["unknown"]["status"] == "graded, 1 answer ignored"
    assert graded["types"]["status"] == "graded, 4 answers ignored"
    assert graded["types"]["total"] == "0"

    found = {(p["file"].rsplit("/", 1)[-1], p["outcome"]): p for p in problems(tmp_path / "out")}
    expect = {
        ("invalid.json", "not graded"): "not valid JSON",
        ("non-utf8.json", "not graded"): "not UTF-8",
        ("empty.json", "not graded"): "the file is empty",
        ("truncated.json", "not graded"): "the file ends early",
        ("other-1.json", "not graded"): 'for assignment "unit-9"',
        ("tamper-1.json", "not graded"): "checksum does not match",
        ("unknown-1.json", "answer ignored"): "no question 'bonus-question'",
        ("types-1.json", "answer ignored"): "where",
        ("huge.json", "not graded"): "52,428,800 bytes, over the limit",
        ("nothing", "not graded"): "holds no .json or .zip files",
        ("missing.json", "not graded"): "no such file or folder",
    }
    for key, words in expect.items():
        assert key in found, f"no line for {key}: {sorted(found)}"
        assert words in found[key]["problem"], (key, found[key])
    assert found[("invalid.json", "not graded")]["line"] == "2"
    assert summary.graded == 3 and summary.not_graded == 9


def test_wrong_types_are_each_named(unit, tmp_path):
    hand_in(tmp_path / "in", "t", {"sample-s1": ["a"], "sample-self": {"a": 9}})
    run(unit, tmp_path, tmp_path / "in")
    lines = [p["problem"] for p in problems(tmp_path / "out")]
    assert any("'sample-s1' is a list where one option id" in x for x in lines)
    assert any("'sample-self' is an object with other values where" in x for x in lines)


def test_duplicates_keep_the_latest_and_list_the_others(unit, tmp_path):
    hand_in(tmp_path / "in", "s1", {"sample-s1": "b"}, day=1)
    hand_in(tmp_path / "in", "s1", {"sample-s1": "a"}, day=3)
    hand_in(tmp_path / "in", "s1", {"sample-s1": "c"}, day=2)
    run(unit, tmp_path, tmp_path / "in")
    (row,) = rows(tmp_path / "out" / "grades.csv")
    assert row["sample-s1"] == "2" and row["file"].endswith("s1-3.json")
    old = [p for p in problems(tmp_path / "out") if p["outcome"] == "superseded"]
    assert sorted(p["file"].rsplit("/", 1)[-1] for p in old) == ["s1-1.json", "s1-2.json"]
    assert all("s1-3.json" in p["problem"] for p in old)


@pytest.mark.parametrize("sid", ["../x", "a/b", "/tmp/evil", "../../../../etc/passwd",
                                 "..\\..\\win", "."])
def test_path_characters_in_ids_never_write_outside_the_folder(unit, tmp_path, sid):
    inbox = tmp_path / "in"
    hand_in(inbox, sid, RIGHT, file="s.json")
    before = {p for p in tmp_path.rglob("*")}
    run(unit, tmp_path, inbox)
    out = (tmp_path / "out").resolve()
    new = {p for p in tmp_path.rglob("*")} - before
    assert new and all(p.resolve().is_relative_to(out) for p in new), new
    (fb,) = (out / "feedback").iterdir()
    assert fb.name == f"{safe_name(sid)}.md"
    (row,) = rows(out / "grades.csv")
    assert row["student_id"] == sid.strip()
    assert any(p["outcome"] == "note" for p in problems(out))


def test_zip_input_such_as_an_lms_download(unit, tmp_path):
    archive = tmp_path / "class.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for n in range(3):
            sub = submission.make("unit-1", f"z{n}", f"Zed {n}", RIGHT)
            z.writestr(f"z{n}_1234/unit-1-z{n}.json", json.dumps(sub))
        z.writestr("__MACOSX/._x.json", b"\x00")
        z.writestr("z9_1/readme.txt", b"not a submission")
        z.writestr("bad_2/bad.json", b"{nope")
        z.writestr("big_3/big.json", b" " * (50 * 1024 * 1024), zipfile.ZIP_DEFLATED)
    (tmp_path / "broken.zip").write_bytes(b"PK not really")
    assert archive.stat().st_size < 1_000_000  # 50 MB of spaces, deflated
    summary = run(unit, tmp_path, archive, tmp_path / "broken.zip")
    assert summary.graded == 3
    lines = problems(tmp_path / "out")
    assert {p["file"] for p in lines} == {f"{archive}:bad_2/bad.json", f"{archive}:big_3/big.json",
                                          str(tmp_path / "broken.zip")}
    big = next(p for p in lines if p["file"].endswith("big.json"))
    assert "52,428,800 bytes, over the limit" in big["problem"]


def test_refuses_to_replace_grades_without_force(unit, tmp_path):
    hand_in(tmp_path / "in", "s1", RIGHT)
    run(unit, tmp_path, tmp_path / "in")
    first = (tmp_path / "out" / "grades.csv").read_text()
    hand_in(tmp_path / "in", "s2", RIGHT)
    with pytest.raises(grading.GradingError, match="--force"):
        run(unit, tmp_path, tmp_path / "in")
    assert (tmp_path / "out" / "grades.csv").read_text() == first
    run(unit, tmp_path, tmp_path / "in", force=True)
    assert len(rows(tmp_path / "out" / "grades.csv")) == 2
    assert len(list((tmp_path / "out" / "feedback").iterdir())) == 2


def test_an_interrupted_run_leaves_no_half_written_grades(unit, tmp_path, monkeypatch):
    hand_in(tmp_path / "in", "s1", RIGHT)
    run(unit, tmp_path, tmp_path / "in")
    first = (tmp_path / "out" / "grades.csv").read_text()

    def boom(*a, **k):
        raise KeyboardInterrupt
    monkeypatch.setattr(grading.gradebook, "moodle", boom)
    hand_in(tmp_path / "in", "s2", {"sample-s1": "b"})
    with pytest.raises(KeyboardInterrupt):
        run(unit, tmp_path, tmp_path / "in", force=True)
    assert (tmp_path / "out" / "grades.csv").read_text() == first
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.startswith(".")]
    # a first run interrupted the same way leaves no grades.csv at all
    with pytest.raises(KeyboardInterrupt):
        grading.grade(unit, [tmp_path / "in"], tmp_path / "fresh")
    assert not (tmp_path / "fresh" / "grades.csv").exists()


def test_nothing_readable_is_an_error_with_problems_listed(unit, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "x.json").write_bytes(b"\xff\xfe")
    with pytest.raises(grading.GradingError, match="no submission could be graded"):
        run(unit, tmp_path, tmp_path / "in")
    assert len(problems(tmp_path / "out")) == 1
    assert not (tmp_path / "out" / "grades.csv").exists()


def test_late_submissions_are_marked(unit, tmp_path):
    hand_in(tmp_path / "in", "late", RIGHT, day=6)
    run(unit, tmp_path, tmp_path / "in")
    (row,) = rows(tmp_path / "out" / "grades.csv")
    assert row["status"] == "graded, late" and row["percent"] == "100.0"
    assert "after the due date" in (tmp_path / "out" / "feedback" / "late.md").read_text()


def test_the_bundled_samples_grade_with_their_known_problems(tmp_path):
    from lmcourse.grading import assignment

    week = assignment.load(ROOT / "exercises" / "assignments" / "week-1.json",
                           exercises=ROOT / "exercises")
    samples = ROOT / "exercises" / "assignments" / "samples"
    summary = grading.grade(week, [samples / "week-1", samples / "week-1-lms-download.zip"],
                            tmp_path / "out")
    assert summary.graded == 7 and summary.not_graded == 6
    found = problems(tmp_path / "out")
    outcomes = sorted(p["outcome"] for p in found)
    assert outcomes.count("superseded") == 1 and outcomes.count("not graded") == 6
    # s1009's LMS folder holds a file that claims another id: graded for nobody
    (other,) = [p for p in found if "s1009_12348" in p["file"]]
    assert "says this file belongs to 's1009'" in other["problem"]


def test_a_large_class_is_graded_whole(unit, tmp_path):
    inbox = tmp_path / "in"
    inbox.mkdir()
    for n in range(2000):
        sub = submission.make("unit-1", f"s{n}", f"S {n}", {
            "sample-s1": "abc"[n % 3], "sample-m1": ["a", "c"] if n % 2 else ["b"],
            "sample-sort": {"roadmap": "leadership", "rota": ["both", "management"][n % 2]},
            "sample-self": {"a": n % 5, "b": 2, "c": 4, "d": n % 3}})
        (inbox / f"s{n}.json").write_text(json.dumps(sub))
    summary = run(unit, tmp_path, inbox)  # speed is bench/bench_grading.py's business
    assert summary.graded == 2000
    rows = (tmp_path / "out" / "grades.csv").read_text().splitlines()
    assert len(rows) == 2001
    assert len(list((tmp_path / "out" / "feedback").iterdir())) == 2000
    assert (tmp_path / "out" / "radar.svg").read_text().startswith("<svg")


def test_instructor_modules_load_neither_widgets_nor_matplotlib_at_import():
    """The layering contracts forbid widget imports; this checks that matplotlib, too,
    loads only when a chart is drawn, so ``lmcourse grade --grades-only`` starts fast."""
    names = ["grading.assignment", "core.submission", "grading.collect", "grading.marking",
             "grading.run", "grading.report", "grading.gradebook", "grading.release",
             "grading.validation", "grading.cli", "instructor", "__main__"]
    code = ("import sys\n" + "".join(f"import lmcourse.{n}\n" for n in names)
            + "print('ipywidgets' in sys.modules, 'matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "False False"


def test_a_whole_grading_run_with_its_radar_never_loads_matplotlib(tmp_path):
    """The class radar is SVG written by hand (``core.svgradar``): matplotlib's import
    and first render were most of the time a small class took to grade."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    week = root / "exercises" / "assignments" / "week-1.json"
    code = ("import sys\nfrom lmcourse.grading import cli\n"
            f"cli.main(['grade', {str(week)!r}, {str(week.parent / 'samples' / 'week-1')!r}, "
            f"'--out', {str(tmp_path / 'out')!r}, '--quiet'])\n"
            "print('matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip().splitlines()
    assert out[-1] == "False"
    assert "<svg" in (tmp_path / "out" / "report.html").read_text(encoding="utf-8")


def test_grades_only_writes_the_scoring_core_and_drops_stale_outputs(unit, tmp_path):
    hand_in(tmp_path / "in", "s1", RIGHT)
    run(unit, tmp_path, tmp_path / "in")
    summary = run(unit, tmp_path, tmp_path / "in", force=True, grades_only=True)
    assert {p.name for p in (tmp_path / "out").iterdir()} == {"grades.csv", "problems.csv"}
    assert "Wrote" in str(summary) and "feedback" not in str(summary)
    (row,) = rows(tmp_path / "out" / "grades.csv")
    assert row["percent"] == "100.0"


def test_the_summary_names_what_was_written(unit, tmp_path):
    hand_in(tmp_path / "in", "s1", RIGHT)
    said = str(run(unit, tmp_path, tmp_path / "in"))
    assert "feedback/ (1 file)," in said and "radar.svg" in said
    (tmp_path / "out" / "radar.png").write_bytes(b"\x89PNG")  # as an older version wrote
    del unit.exercises["sample-self"]  # no self-assessment: no class profile, no chart
    said = str(run(unit, tmp_path, tmp_path / "in", force=True))
    assert "radar.svg" not in said and not (tmp_path / "out" / "radar.svg").exists()
    assert not (tmp_path / "out" / "radar.png").exists()  # a stale chart is not left


def test_names_that_are_spreadsheet_formulas_stay_text_in_csv_only(unit, tmp_path):
    """Every CSV cell that a spreadsheet would run gets a ' in front (read back as CSV, so
    the check does not depend on how the writer quotes cells); the feedback file, which no
    spreadsheet opens, shows the name exactly as the student typed it."""
    evil = '=HYPERLINK("http://evil","click")'
    hand_in(tmp_path / "in", "s1", RIGHT, name=evil)
    hand_in(tmp_path / "in", "s2", RIGHT, name="-Ana")
    run(unit, tmp_path, tmp_path / "in")
    for name in ("grades.csv", "canvas.csv", "moodle.csv", "problems.csv"):
        with open(tmp_path / "out" / name, newline="", encoding="utf-8") as f:
            cells = [c for row in csv.reader(f) for c in row]
        risky = [c for c in cells if c[:1] in ("=", "+", "@") or c.startswith("-A")]
        assert not risky, (name, risky)
    with open(tmp_path / "out" / "grades.csv", newline="", encoding="utf-8") as f:
        names = {row["student_id"]: row["name"] for row in csv.DictReader(f)}
    assert names == {"s1": "'" + evil, "s2": "'-Ana"}
    assert "Student: -Ana (id s2)" in (tmp_path / "out" / "feedback" / "s2.md").read_text()
