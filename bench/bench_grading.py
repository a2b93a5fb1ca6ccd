"""Grading a class: N synthetic submissions, end to end, against two baselines.

For N = 100, 1,000 and 10,000, N submission files with seeded random answers to the
bundled assignment ``exercises/assignments/week-1.json`` (9 exercises: 11 scored
questions, 2 self-assessments, a reflection) are written to a temporary folder, read once
to warm the file cache, then timed (median of the rounds):

- **end to end**: ``lmcourse grade`` as a fresh process, interpreter start to exit, into a
  fresh folder: grades.csv, one feedback file per student, problems.csv, report.html with
  the radar PNG, canvas.csv and moodle.csv;
- **scoring core**: in this process, ``grading.grade(..., grades_only=True)``: read, parse,
  check the checksum and types, score with ``lmcourse.core.scoring.check``, one CSV;
- **floor**, in the same run: a bare loop of ``json.load`` per file and a comparison of
  each answer with the key, written to one CSV (no checks, no feedback);
- **nbgrader-style**, for N = 10 only: each submission becomes a small notebook (answers in
  one cell, the key and the comparison in the next) executed in a fresh kernel with
  nbclient, the way nbgrader autogrades; the per-submission time is extrapolated to the
  class sizes above.

Each end-to-end run writes into a new folder; all are deleted at the end. Its CPU time
(user and system, from ``getrusage``) is given too: user time barely moves with the
machine's load, while system time (creating 10,000 files on a shared disk) does.

On a shared machine other jobs inflate every figure; the table gives the median and, in
brackets, the best of the rounds (the run least disturbed, as ``timeit`` advises), and the
header line records the load average.
"""

from __future__ import annotations

import csv
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import _common as c

sys.path.insert(0, str(c.ROOT))

from lmcourse.core import submission  # noqa: E402
from lmcourse.grading import assignment  # noqa: E402
from lmcourse.grading import run as grading  # noqa: E402

ASSIGNMENT = c.ROOT / "exercises" / "assignments" / "week-1.json"
SIZES = (100, 1_000, 10_000)


def make_class(week, n: int, folder: Path, seed: int = 1) -> None:
    """``n`` submission files with random (seeded) answers; 5% of exercises left open."""
    rng = random.Random(seed)
    base = datetime(2026, 12, 1, tzinfo=UTC)
    folder.mkdir(parents=True, exist_ok=True)
    words = ["plans", "people", "vision", "budgets", "teams", "trust", "rotas", "change"]
    for i in range(n):
        answers = {}
        for ex_id, ex in week.exercises.items():
            kind = ex["kind"]
            if rng.random() < 0.05:
                continue
            if kind == "classify":
                answers[ex_id] = {it["id"]: rng.choice(ex["categories"]) for it in ex["items"]}
            elif kind == "scenario":
                answers[ex_id] = rng.choice(ex["options"])["id"]
            elif kind == "multi":
                answers[ex_id] = [o["id"] for o in ex["options"] if rng.random() < 0.5]
            elif kind == "self":
                answers[ex_id] = {it["id"]: rng.randrange(len(ex["scale"]))
                                  for it in ex["items"]}
            else:
                answers[ex_id] = "I notice " + " ".join(rng.choice(words) for _ in range(15))
        sub = submission.make("week-1", f"s{i:05d}", f"Student {i}", answers,
                              base + timedelta(minutes=i))
        with open(folder / f"s{i:05d}.json", "w", encoding="utf-8") as f:
            json.dump(sub, f, indent=1)


def warm(folder: Path) -> None:
    for p in folder.iterdir():
        p.read_bytes()


def end_to_end(folder: Path, out: Path, env: dict) -> tuple[float, float, float]:
    """Wall seconds, and the process's user and system CPU seconds (its chart helper
    included). ``out`` is a new folder: deleting 10,000 files just before a run slows the
    next run's file creation on this disk, which no instructor's first run pays."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run([c.VENV_PY, "-m", "lmcourse", "grade", str(ASSIGNMENT), str(folder),
                    "--out", str(out), "--quiet"], env=env, check=True, capture_output=True,
                   cwd=c.ROOT)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime


def core(week, folder: Path, out: Path) -> float:
    shutil.rmtree(out, ignore_errors=True)
    t = time.perf_counter()
    grading.grade(week, [folder], out, grades_only=True)
    return time.perf_counter() - t


def key_of(week) -> list[tuple]:
    """(column, exercise, item, kind, key, points) for the bare loop."""
    cols = []
    for q in week.questions:
        ex = week.exercises[q.exercise]
        if ex["kind"] == "classify":
            item = next(i for i in ex["items"] if i["id"] == q.item)
            cols.append((q.key, q.exercise, q.item, "classify", item["answer"], q.points))
        elif ex["kind"] == "scenario":
            right = next(o["id"] for o in ex["options"] if o["correct"])
            cols.append((q.key, q.exercise, None, "scenario", right, q.points))
        else:
            right = {o["id"] for o in ex["options"] if o["correct"]}
            cols.append((q.key, q.exercise, None, "multi", right, q.points))
    return cols


def floor(week, folder: Path, out: Path) -> float:
    """The bare loop: json.load each file, compare each answer with the key, one CSV."""
    cols = key_of(week)
    t = time.perf_counter()
    rows = [["student_id"] + [k for k, *_ in cols] + ["total"]]
    for name in sorted(os.listdir(folder)):
        with open(folder / name, encoding="utf-8") as f:
            data = json.load(f)
        answers = data["answers"]
        row, total = [data["student"]["id"]], 0.0
        for _, ex_id, item, kind, right, points in cols:
            given = answers.get(ex_id)
            if kind == "classify":
                ok = isinstance(given, dict) and given.get(item) == right
            elif kind == "scenario":
                ok = given == right
            else:
                ok = isinstance(given, list) and set(given) == right
            total += ok * points
            row.append(ok * points)
        rows.append(row + [total])
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "floor.csv", "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    return time.perf_counter() - t


def nbgrader_style(week, folder: Path, n: int, env: dict) -> float:
    """Seconds per submission, executing one small notebook each in a fresh kernel."""
    import nbformat
    from nbclient import NotebookClient

    cols = key_of(week)
    key = [(k, ex, item, kind, sorted(r) if isinstance(r, set) else r, p)
           for k, ex, item, kind, r, p in cols]
    check = ("total = 0\nfor col, ex, item, kind, right, points in KEY:\n"
             "    given = answers.get(ex)\n"
             "    if kind == 'classify':\n        ok = isinstance(given, dict) and "
             "given.get(item) == right\n"
             "    elif kind == 'scenario':\n        ok = given == right\n"
             "    else:\n        ok = isinstance(given, list) and sorted(given) == right\n"
             "    total += ok * points\nprint(total)")
    files = sorted(folder.iterdir())[:n]
    old = dict(os.environ)
    os.environ.update(env)
    try:
        t = time.perf_counter()
        for path in files:
            answers = json.loads(path.read_text(encoding="utf-8"))["answers"]
            nb = nbformat.v4.new_notebook()
            nb.cells = [nbformat.v4.new_code_cell(f"answers = {answers!r}"),
                        nbformat.v4.new_code_cell(f"KEY = {key!r}\n{check}")]
            NotebookClient(nb, timeout=60, kernel_name="python3").execute()
        return (time.perf_counter() - t) / len(files)
    finally:
        os.environ.clear()
        os.environ.update(old)


def main() -> int:
    opts = c.args(__doc__.splitlines()[0])
    rounds = 1 if opts.quick else 5
    sizes = (100, 1_000) if opts.quick else SIZES
    print(c.header("Grading a class"))
    env = dict(os.environ) | c.temp_env()
    week = assignment.load(ASSIGNMENT)
    base = Path(tempfile.mkdtemp(prefix="lmcourse-bench-grading-"))
    results = {}
    try:
        for n in sizes:
            folder = base / f"class-{n}"
            make_class(week, n, folder)
            warm(folder)
            e2e, cores, floors, users, systems = [], [], [], [], []
            for k in range(rounds):  # interleaved, so load changes hit all three alike
                wall, user, system = end_to_end(folder, base / f"out-e2e-{n}-{k}", env)
                e2e.append(wall)
                users.append(user)
                systems.append(system)
                cores.append(core(week, folder, base / "out-core"))
                floors.append(floor(week, folder, base / "out-floor"))
            results[n] = {"end_to_end": statistics.median(e2e), "core": statistics.median(cores),
                          "floor": statistics.median(floors), "best_end_to_end": min(e2e),
                          "best_core": min(cores), "best_floor": min(floors),
                          "user": statistics.median(users), "sys": statistics.median(systems)}
            print(f"N={n:,}: end to end {results[n]['end_to_end']:.2f} s (CPU user "
                  f"{results[n]['user']:.2f} s, sys {results[n]['sys']:.2f} s), core "
                  f"{results[n]['core']:.3f} s, floor {results[n]['floor']:.3f} s",
                  file=sys.stderr)
        per_nb = nbgrader_style(week, base / f"class-{sizes[0]}", 3 if opts.quick else 10, env)
    finally:
        shutil.rmtree(base, ignore_errors=True)

    rows = []
    def both(r, key):
        return f"{c.fmt(r[key], ' s')} ({c.fmt(r['best_' + key], ' s')})"

    for n, r in results.items():
        rows.append([f"{n:,}", both(r, "end_to_end"), f"{r['user']:.2f} / {r['sys']:.2f} s",
                     f"{n / r['best_end_to_end']:,.0f}",
                     both(r, "core"), f"{n / r['best_core']:,.0f}",
                     both(r, "floor"), f"{n / r['best_floor']:,.0f}",
                     f"{r['core'] / r['floor']:.1f}x ({r['best_core'] / r['best_floor']:.1f}x)",
                     f"{per_nb * n / 60:,.0f} min" if per_nb * n >= 120
                     else c.fmt(per_nb * n, " s")])
    print(c.table(["N", "`lmcourse grade`, end to end", "its CPU, user / sys", "per s (best)",
                   "scoring core",
                   "per s (best)", "floor: bare `json.load` + compare", "per s (best)",
                   "core / floor", "nbgrader-style (extrapolated)"], rows))
    print(f"\nnbgrader-style: {per_nb:.2f} s per submission (fresh kernel per notebook, "
          f"N={3 if opts.quick else 10} measured). Median (best) of {rounds} round(s).")
    c.save("grading", {"rounds": rounds, "per_notebook_s": per_nb,
                       "sizes": {str(n): r for n, r in results.items()}})
    return 0


if __name__ == "__main__":
    sys.exit(main())
