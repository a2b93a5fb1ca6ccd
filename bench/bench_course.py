"""The whole course under nbval: wall time of every notebook run as ``make test`` runs them.

Runs ``python -m pytest notebooks -q -p no:cacheprovider`` in the repo (so the repo's
``addopts`` apply: ``--nbval-lax --nbval-current-env --nbval-cell-timeout=120``), once
serially and once with ``-n 2 --dist loadfile``. Baseline, in the same run and with the same
options: one trivial notebook (a single cell, ``1 + 1``) under nbval, which is the floor of
pytest start plus one kernel; and as many trivial notebooks as ``pytest notebooks`` collects
(the course's and the instructor's, 12), run serially, which gives the fixed cost per notebook
(a kernel start and stop).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import _common as c

TARGET_S = 90.0
NBVAL_OPTS = ["--nbval-lax", "--nbval-current-env", "--nbval-cell-timeout=120"]


def trivial_notebook() -> dict:
    return {"cells": [{"cell_type": "code", "execution_count": None, "metadata": {},
                       "outputs": [], "source": "1 + 1"}],
            "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                        "language": "python"}},
            "nbformat": 4, "nbformat_minor": 5}


def run(args, cwd, env) -> tuple[float, str]:
    t = time.perf_counter()
    done = subprocess.run([c.VENV_PY, "-m", "pytest", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)
    wall = time.perf_counter() - t
    tail = (done.stdout.strip().splitlines() or ["(no output)"])[-1]
    if done.returncode != 0:
        print(f"_pytest {' '.join(args)} exited {done.returncode}: {tail}_\n")
    return wall, tail


def passed(tail: str) -> str:
    m = re.search(r"(\d+) passed", tail)
    return m.group(1) if m else "?"


def main() -> int:
    opts = c.args(__doc__.splitlines()[0], lambda p: p.add_argument(
        "--repeat", type=int, default=None,
        help="runs of each command, the median is shown (default 3; 1 with --quick)"))
    print(c.header("The whole course under nbval"))
    # what `pytest notebooks` collects: every notebook below notebooks/, the instructor's
    # walk-through (notebooks/instructor/) included
    notebooks = sorted(p for p in (c.ROOT / "notebooks").rglob("*.ipynb")
                       if ".ipynb_checkpoints" not in p.parts)
    n_nb = len(notebooks)
    tmp = Path(tempfile.mkdtemp(prefix="lmcourse-bench-course-"))
    one, many = tmp / "one", tmp / "many"
    one.mkdir()
    many.mkdir()
    (one / "trivial.ipynb").write_text(json.dumps(trivial_notebook()))
    for k in range(n_nb):
        (many / f"trivial-{k:02d}.ipynb").write_text(json.dumps(trivial_notebook()))
    # The repo's conftest sends the course run's Jupyter, IPython and matplotlib folders and
    # its progress file to a temporary folder; the trivial runs (outside the repo, so without
    # that conftest) get the same by hand.
    env = dict(os.environ)
    trivial_env = env | c.temp_env(str(tmp / "env"))
    trivial_env["MPLCONFIGDIR"] = str(tmp / "env" / "mpl")
    plain = ["-q", "-p", "no:cacheprovider"]
    parallel = ["-n", "2", "--dist", "loadfile"]

    runs = {
        "course": (["notebooks", *plain], c.ROOT, env),
        "course_n2": (["notebooks", *plain, *parallel], c.ROOT, env),
        "one": ([str(one), *plain, *NBVAL_OPTS, "--rootdir", str(one)], tmp, trivial_env),
        "many": ([str(many), *plain, *NBVAL_OPTS, "--rootdir", str(many)], tmp, trivial_env),
    }
    if opts.quick:
        del runs["course"], runs["many"]
    walls: dict[str, list[float]] = {k: [] for k in runs}
    tails: dict[str, str] = {}
    repeat = opts.repeat or (1 if opts.quick else 3)
    for _ in range(repeat):
        for key, (args, cwd, e) in runs.items():
            wall, tails[key] = run(args, cwd, e)
            walls[key].append(wall)
    w = {k: c.median(v) for k, v in walls.items()}

    floor = w["one"]
    per_nb = (w["many"] - floor) / (n_nb - 1) if "many" in w else None
    rows = []
    if "course" in w:
        rows.append([f"course, {n_nb} notebooks, serial", c.fmt(w["course"]),
                     f"{w['course'] / floor:.1f}", c.fmt(w["course"] / n_nb),
                     f"<= {TARGET_S:.0f} s", "yes" if w["course"] <= TARGET_S else "NO"])
    rows.append([f"course, {n_nb} notebooks, `-n 2 --dist loadfile`", c.fmt(w["course_n2"]),
                 f"{w['course_n2'] / floor:.1f}", c.fmt(w["course_n2"] / n_nb),
                 f"<= {TARGET_S:.0f} s", "yes" if w["course_n2"] <= TARGET_S else "NO"])
    rows.append(["baseline: 1 trivial notebook (`1 + 1`)", c.fmt(floor), "1.0", "", "", ""])
    if "many" in w:
        rows.append([f"baseline: {n_nb} trivial notebooks, serial", c.fmt(w["many"]),
                     f"{w['many'] / floor:.1f}", c.fmt(w["many"] / n_nb), "", ""])
    print(c.table(["what", "wall s", "ratio to 1 trivial", "s per notebook", "target",
                   "met?"], rows))
    notes = [f"Median of {repeat} run(s) each; the course's cells passed: "
             f"{passed(tails.get('course_n2', ''))} (parallel)"
             + (f", {passed(tails['course'])} (serial)" if "course" in tails else "") + "."]
    if per_nb is not None:
        content_s = w["course"] - w["many"]
        notes.append(f"Fixed cost per notebook under nbval (kernel start and stop): "
                     f"{per_nb:.2f} s; pytest with its plugins and one trivial kernel: "
                     f"{floor:.2f} s; the course's own cells (serial course minus {n_nb} "
                     f"trivial notebooks): {content_s:.1f} s.")
    print("\n" + " ".join(notes))
    c.save("course", {"quick": opts.quick, "repeat": repeat, "walls": walls,
                      "median": w, "per_notebook_fixed_s": per_nb, "notebooks": n_nb,
                      "target_s": TARGET_S})
    return 0


if __name__ == "__main__":
    sys.exit(main())
