"""The shared helpers of core: one home each, and each doing what it promises."""

import csv
import io
import os
import stat

import pytest

from lmcourse.core import files, jsonfile
from lmcourse.core.csvfile import csv_text, guard
from lmcourse.core.points import points


def test_points_are_short_and_never_negative_zero():
    assert [points(x) for x in (2.0, 1.5, 2 / 3, 0.0, -0.001)] == ["2", "1.5", "0.67", "0", "0"]
    assert [points(x, unit=True) for x in (1, 1.0, 0.5)] == ["1 point", "1 point", "0.5 points"]


@pytest.mark.parametrize("cell", ['=HYPERLINK("http://x","y")', "+1+1", "-Ana", "@SUM(A1)",
                                  "\t=1", "=1,2"])
def test_every_risky_text_cell_is_guarded_when_read_back(cell):
    text = csv_text([["name"], [cell]])
    (row,) = list(csv.reader(io.StringIO(text)))[1:]
    assert row == ["'" + cell]


@pytest.mark.parametrize("cell", ["-1.5", "12", "Ada", "s-1", ""])
def test_plain_cells_are_left_alone(cell):
    assert guard(cell) == cell


def test_atomic_write_replaces_whole_files_and_leaves_no_temporary(tmp_path):
    path = tmp_path / "a.json"
    files.atomic_write(path, "old")
    files.atomic_write(path, b"new", mode=0o600)
    assert path.read_text() == "new"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


def test_a_failed_atomic_write_keeps_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "a.json"
    files.atomic_write(path, "old")

    def boom(*_):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", boom)
    with pytest.raises(OSError):
        files.atomic_write(path, "new")
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


@pytest.mark.parametrize(("text", "said"), [
    ('{"a": NaN}', "NaN is not a JSON number"),
    ('{"a": -Infinity}', "-Infinity is not a JSON number"),
    ('{"a": 1e400}', "too large"),
    ('{"a": ' + "9" * 5000 + "}", "5,000 digits"),
    ("[" * 100_000, "nests too deeply"),
    ('{"a":' * 100 + "1" + "}" * 100, "nests too deeply"),
    ('{"n": "\\ud800"}', "lone UTF-16 surrogate"),
    ('{"a": 1,\n "a": 2}', 'the key "a" appears twice'),
    ('{"a": [1, 2,\n]}', "a comma before ']'"),
    ("<!DOCTYPE html><html>", "it looks like HTML"),
    ("Dear professor, here are my answers", "it looks like plain text"),
    ('{"a": [1, 2', "the file ends early"),
    ("", "the file is empty"),
])
def test_json_that_python_would_accept_or_choke_on_is_refused_in_words(text, said):
    with pytest.raises(jsonfile.JSONProblem, match=said.replace("(", r"\(")):
        jsonfile.parse(text)


def test_the_line_of_a_refusal_is_where_the_trouble_is():
    with pytest.raises(jsonfile.JSONProblem) as err:
        jsonfile.parse('{"a": 1,\n "b": {"c": 1,\n "c": 2}}')
    assert err.value.line == 3
    with pytest.raises(jsonfile.JSONProblem) as err:
        jsonfile.parse('{"a": [1,\n 2,\n ]}')
    assert err.value.line == 2


def test_paired_surrogates_and_a_byte_order_mark_are_fine():
    assert jsonfile.parse('\ufeff{"n": "\\ud83d\\ude00"}') == {"n": "\U0001F600"}


def test_only_regular_files_are_opened(tmp_path):
    fifo = tmp_path / "answers.json"
    os.mkfifo(fifo)  # opening it for reading would block forever without a writer
    data, _, problems = jsonfile.read(fifo)
    assert data is None and "named pipe" in problems[0].message
    data, _, problems = jsonfile.read(tmp_path)
    assert data is None and "a folder" in problems[0].message
