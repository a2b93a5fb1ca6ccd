"""Grading a class: N synthetic submissions, end to end, against two baselines.

Two bundled assignments: ``exercises/assignments/week-1.json`` (9 exercises: 11 scored
questions, 2 self-assessments, a reflection) and ``exercises/assignments/midterm.json``
(19 exercises: 23 scored questions of every kind, 3 self-assessments, a reflection). For
N = 100, 1,000 and 10,000, N submission files with seeded random answers are written to a
temporary folder, read once to warm the file cache, then timed, rounds interleaved:

- **end to end**: ``lmcourse grade`` as a fresh process, interpreter start to exit, into a
  fresh folder: grades.csv, one feedback file per student, problems.csv, report.html and
  radar.svg, the three item-analysis CSV files, canvas.csv and moodle.csv;
- **scoring core**: in this process, ``grading.grade(..., grades_only=True)``: read, parse,
  check the checksum and types, score with ``lmcourse.core.scoring.check``, one CSV;
- **floor**, in the same run: a bare loop of ``json.load`` per file and a comparison of
  each answer with the key, written to one CSV (no checks, no feedback);
- **speed devices**, at N = 10,000: the same two runs with every device of
  ``grading.run.Speed`` on (the default), all off (``PLAIN``: serial, nothing remembered)
  and each one off in turn, end to end as a fresh process;
- **item analysis**, at N = 10,000: in this process, a full ``grading.grade``; the
  seconds (wall and CPU) it spent computing the item analysis and writing its three CSV
  files and its part of the report (``Summary.analysis_seconds``, ``analysis_cpu``), plus
  the grading loop's cost of collecting what it needs (replayed apart), against the run's
  total;
- **nbgrader-style**, for N = 10 only: each submission becomes a small notebook (answers in
  one cell, the key and the comparison in the next) executed in a fresh kernel with
  nbclient, the way nbgrader autogrades; the per-submission time is extrapolated.

Each end-to-end run writes into a new folder, and every folder is kept until the bench
ends: on this machine's ext4 (mounted without a journal) creating a file right after
thousands were deleted costs up to 100 times more, since the kernel steps over each inode
deleted in the last minutes (``perf`` shows ``recently_deleted`` in ``find_inode_bit`` as 70%
of such a run), so deleting one round's 10,000 feedback files would slow the next round's.
After each run the disk is synced, outside the timing. The package is compiled to bytecode
first, as an installed wheel is. A run's CPU time (user and system, from ``getrusage``,
its forked children included) is given too: user time barely moves with the machine's
load, while system time (creating 10,000 files) does.

Every time in the tables is the median of the rounds, with the best round in brackets (the
run least disturbed, as ``timeit`` advises); a rate per second is computed from the same
median (and best) time it stands beside. The header records the load average.
"""

from __future__ import annotations

import csv
import dataclasses
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
from lmcourse.grading import analysis, assignment  # noqa: E402
from lmcourse.grading import run as grading  # noqa: E402

ASSIGNMENTS = {name: c.ROOT / "exercises" / "assignments" / f"{name}.json"
               for name in ("week-1", "midterm")}
SIZES = (100, 1_000, 10_000)
#: The devices measured one at a time (each switched off alone), then all off.
VARIANTS = {"all on (default)": {}, **{f"no {f.name}": {f.name: False}
                                       for f in dataclasses.fields(grading.Speed)},
            "all off (PLAIN)": {f.name: False for f in dataclasses.fields(grading.Speed)}}
# A fresh process that grades as `lmcourse grade --quiet` does, with the given devices.
DRIVER = """import sys
from lmcourse.grading import assignment, run
found = assignment.load(sys.argv[1])
speed = run.Speed(**{k: False for k in sys.argv[4:]})
run.grade(found, [sys.argv[2]], sys.argv[3], speed=speed)
"""


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
        sub = submission.make(week.id, f"s{i:05d}", f"Student {i}", answers,
                              base + timedelta(minutes=i))
        with open(folder / f"s{i:05d}.json", "w", encoding="utf-8") as f:
            json.dump(sub, f, indent=1)


def warm(folder: Path) -> None:
    for p in folder.iterdir():
        p.read_bytes()


def timed(cmd: list[str], env: dict) -> tuple[float, float, float]:
    """Wall seconds, and the process's user and system CPU seconds (its forked children
    included)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, capture_output=True, cwd=c.ROOT)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime


def end_to_end(path: Path, folder: Path, out: Path, env: dict) -> tuple[float, float, float]:
    """``lmcourse grade`` into ``out``, a new folder (kept: see the module)."""
    found = timed([c.VENV_PY, "-m", "lmcourse", "grade", str(path), str(folder),
                   "--out", str(out), "--quiet"], env)
    os.sync()
    return found


def variant(path: Path, folder: Path, out: Path, env: dict, off: dict
            ) -> tuple[float, float, float]:
    found = timed([c.VENV_PY, "-c", DRIVER, str(path), str(folder), str(out), *off], env)
    os.sync()
    return found


def core(week, folder: Path, out: Path, speed=None) -> float:
    shutil.rmtree(out, ignore_errors=True)
    t = time.perf_counter()
    grading.grade(week, [folder], out, grades_only=True, speed=speed or grading.Speed())
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


def med_best(xs: list[float]) -> dict:
    return {"median": statistics.median(xs), "best": min(xs)}


def measure(name: str, path: Path, sizes, rounds: int, base: Path, env: dict) -> dict:
    week = assignment.load(path)
    results = {}
    for n in sizes:
        folder = base / f"{name}-{n}"
        make_class(week, n, folder)
        warm(folder)
        e2e, cores, floors, users, systems = [], [], [], [], []
        for k in range(rounds):  # interleaved, so load changes hit all three alike
            wall, user, system = end_to_end(path, folder, base / f"out-{name}-{n}-{k}", env)
            e2e.append(wall)
            users.append(user)
            systems.append(system)
            cores.append(core(week, folder, base / "out-core"))
            floors.append(floor(week, folder, base / "out-floor"))
        results[n] = {"end_to_end": med_best(e2e), "core": med_best(cores),
                      "floor": med_best(floors), "user": statistics.median(users),
                      "sys": statistics.median(systems), "questions": len(week.questions)}
        r = results[n]
        print(f"{name} N={n:,}: end to end {r['end_to_end']['median']:.2f} s, core "
              f"{r['core']['median']:.3f} s, floor {r['floor']['median']:.3f} s",
              file=sys.stderr)
    return results


def devices(name: str, path: Path, n: int, rounds: int, base: Path, env: dict) -> dict:
    """End to end (fresh process: wall and CPU time) and scoring core with each
    speed-device variant."""
    week = assignment.load(path)
    folder = base / f"{name}-{n}"
    walls = {v: [] for v in VARIANTS}
    cpus = {v: [] for v in VARIANTS}
    cores = {v: [] for v in VARIANTS}
    for k in range(rounds):
        for v, off in VARIANTS.items():  # rotated, so drift hits every variant alike
            out = base / f"dev-{name}-{k}-{v.replace(' ', '_')}"
            wall, user, system = variant(path, folder, out, env, list(off))
            walls[v].append(wall)
            cpus[v].append(user + system)
            speed = dataclasses.replace(grading.Speed(), **off)
            cores[v].append(core(week, folder, base / "out-core", speed))
    return {v: {"end_to_end": med_best(walls[v]), "cpu": med_best(cpus[v]),
                "core": med_best(cores[v])} for v in VARIANTS}


def collecting(week, n: int) -> float:
    """Seconds the grading loop spends filling the item analysis's ``Collector`` for ``n``
    students, replayed outside the loop (inside it, timing each append would cost more
    than the append): per student, two appends per scored question and one ``scale`` call
    per self-assessment, with answers of the right shape."""
    selfs = [ex for ex in week.exercises.values() if ex["kind"] == "self"]
    col = analysis.Collector(analysis.questions_of(week), selfs)
    answers = [(ex["id"], {it["id"]: 2 for it in ex["items"]}) for ex in selfs]
    credits, given, k = col.credits, col.given, len(col.questions)
    began = time.perf_counter()
    for _ in range(n):
        for qi in range(k):
            credits[qi].append(1.0)
            given[qi].append("a")
        for ex_id, value in answers:
            col.scale(ex_id, value)
    return time.perf_counter() - began


def item_analysis(path: Path, n: int, rounds: int, base: Path, name: str) -> dict:
    """Seconds of a full in-process run spent on the item analysis (after the grading loop:
    computing it, writing its files and its part of the report), the loop's share of it
    (:func:`collecting`), their sum, and the whole run."""
    week = assignment.load(path)
    spent, cpu, whole, fill, added = [], [], [], [], []
    for k in range(rounds):
        out = base / f"analysis-{name}-{k}"
        summary = grading.grade(week, [base / f"{name}-{n}"], out)
        spent.append(summary.analysis_seconds)
        cpu.append(summary.analysis_cpu)
        whole.append(summary.seconds)
        fill.append(collecting(week, n))
        added.append(spent[-1] + fill[-1])
        os.sync()
    return {"analysis": med_best(spent), "cpu": med_best(cpu), "run": med_best(whole),
            "collect": med_best(fill), "added": med_best(added)}


def both(r: dict, unit: str = " s") -> str:
    return f"{c.fmt(r['median'], unit)} ({c.fmt(r['best'], unit)})"


def rate(n: int, r: dict) -> str:
    return f"{n / r['median']:,.0f} ({n / r['best']:,.0f})"


def main() -> int:
    opts = c.args(__doc__.splitlines()[0], lambda p: p.add_argument(
        "--rounds", type=int, default=None, help="rounds per measurement (default 5)"))
    rounds = opts.rounds or (1 if opts.quick else 5)
    sizes = (100, 1_000) if opts.quick else SIZES
    print(c.header("Grading a class"))
    env = dict(os.environ) | c.temp_env()
    subprocess.run([c.VENV_PY, "-m", "compileall", "-q", str(c.ROOT / "lmcourse")], check=True)
    base = Path(tempfile.mkdtemp(prefix="lmcourse-bench-grading-"))
    results, speed, items = {}, {}, {}
    try:
        for name, path in ASSIGNMENTS.items():
            results[name] = measure(name, path, sizes, rounds, base, env)
        for name, path in ASSIGNMENTS.items():
            items[name] = item_analysis(path, sizes[-1], rounds, base, name)
            speed[name] = devices(name, path, sizes[-1], rounds, base, env)
        week = assignment.load(ASSIGNMENTS["week-1"])
        per_nb = nbgrader_style(week, base / f"week-1-{sizes[0]}", 3 if opts.quick else 10,
                                env)
    finally:
        shutil.rmtree(base, ignore_errors=True)

    rows = []
    for name, by_n in results.items():
        for n, r in by_n.items():
            ratio = (f"{r['core']['median'] / r['floor']['median']:.2f}x "
                     f"({r['core']['best'] / r['floor']['best']:.2f}x)")
            extrapolated = per_nb * n * r["questions"] / 11
            rows.append([name, f"{n:,}", both(r["end_to_end"]),
                         f"{r['user']:.2f} / {r['sys']:.2f} s", rate(n, r["end_to_end"]),
                         both(r["core"]), both(r["floor"]), ratio,
                         f"{extrapolated / 60:,.0f} min" if extrapolated >= 120
                         else c.fmt(extrapolated, " s")])
    print(c.table(["assignment", "N", "`lmcourse grade`, end to end", "its CPU, user / sys",
                   "submissions/s", "scoring core", "floor: bare `json.load` + compare",
                   "core / floor", "nbgrader-style (extrapolated)"], rows))
    print(f"\nnbgrader-style: {per_nb:.2f} s per submission of week-1 (fresh kernel per "
          f"notebook, N={3 if opts.quick else 10} measured; scaled by question count for the "
          f"midterm). Median (best) of {rounds} round(s).\n")
    rows = []
    for name, by_v in speed.items():
        on = by_v["all on (default)"]
        for v, r in by_v.items():
            rows.append([name, v, both(r["end_to_end"]),
                         f"{r['end_to_end']['median'] - on['end_to_end']['median']:+.2f} s",
                         both(r["cpu"]),
                         f"{r['cpu']['median'] - on['cpu']['median']:+.2f} s",
                         both(r["core"]),
                         f"{r['core']['median'] - on['core']['median']:+.3f} s"])
    print(c.table(["assignment", f"speed devices, N={sizes[-1]:,}", "end to end",
                   "vs all on", "its CPU, user + sys", "vs all on", "scoring core",
                   "vs all on"], rows))
    print()
    print(c.table(["assignment", f"item analysis, N={sizes[-1]:,}", "its CPU",
                   "filling it in the loop (replayed)", "added in all",
                   "of a full run (in process)", "share", "target"],
                  [[name, both(r["analysis"]), both(r["cpu"]), both(r["collect"]),
                    both(r["added"]), both(r["run"]),
                    f"{r['added']['median'] / r['run']['median']:.1%}", "<= 0.3 s"]
                   for name, r in items.items()]))
    c.save("grading", {"rounds": rounds, "per_notebook_s": per_nb, "sizes": {
        name: {str(n): r for n, r in by_n.items()} for name, by_n in results.items()},
        "devices": speed, "item_analysis": items})
    return 0


if __name__ == "__main__":
    sys.exit(main())
