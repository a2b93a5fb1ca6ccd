"""Import and first-widget cost, each in a fresh Python process.

Each statement runs in a new ``.venv/bin/python`` process; the child times the statement
itself with ``time.perf_counter`` (the import cost), and the parent times the whole process
(interpreter start to exit). Rounds interleave the statements; the median of the rounds is
shown. Baseline: ``import matplotlib.pyplot, ipywidgets`` (what a plain widget notebook
imports before drawing anything).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time

import _common as c

CASES = [
    ("`import lmcourse`", "import lmcourse"),
    ("`import lmcourse; lmcourse.exercise`", "import lmcourse; lmcourse.exercise"),
    ("... first widget built: `lmcourse.exercise('focus-sort')`",
     "import lmcourse; lmcourse.exercise('focus-sort')"),
    ("... first chart widget built: `lmcourse.exercise('focus-self')`",
     "import lmcourse; lmcourse.exercise('focus-self')"),
    ("`import lmcourse; lmcourse.pair_up()`", "import lmcourse; lmcourse.pair_up()"),
]
BASELINE = ("baseline: `import matplotlib.pyplot, ipywidgets`",
            "import matplotlib.pyplot, ipywidgets")
FLOOR = ("floor: `python -c pass`", "pass")
CHILD = ("import time, json, sys\nt = time.perf_counter()\nexec(sys.argv[1])\n"
         "print(json.dumps((time.perf_counter() - t) * 1e3))")


def once(stmt: str, env: dict) -> tuple[float, float]:
    t = time.perf_counter()
    done = subprocess.run([c.VENV_PY, "-c", CHILD, stmt], env=env, capture_output=True,
                          text=True, check=True, cwd=tempfile.gettempdir())
    wall = (time.perf_counter() - t) * 1e3
    return json.loads(done.stdout.strip().splitlines()[-1]), wall


def main() -> int:
    opts = c.args(__doc__.splitlines()[0])
    rounds = 3 if opts.quick else 9
    print(c.header("Import and first widget, fresh processes"))
    env = dict(os.environ) | c.temp_env()
    env.pop("MPLBACKEND", None)
    cases = [FLOOR, BASELINE, *CASES]
    for _, stmt in cases:  # one warm-up each: file cache, matplotlib font cache
        once(stmt, env)
    inner = {name: [] for name, _ in cases}
    wall = {name: [] for name, _ in cases}
    for r in range(rounds):
        order = cases[r % len(cases):] + cases[:r % len(cases)]
        for name, stmt in order:
            i, w = once(stmt, env)
            inner[name].append(i)
            wall[name].append(w)
    base = c.median(inner[BASELINE[0]])
    rows = []
    for name, _ in cases:
        m = c.median(inner[name])
        is_import = name == CASES[0][0]
        ratio = f"{m / base:.3f}" if m < 0.1 * base else f"{m / base:.2f}"
        rows.append([name, c.fmt(m), c.fmt(c.median(wall[name])), ratio,
                     "<= baseline" if is_import else "",
                     ("yes" if m <= base else "NO") if is_import else ""])
    print(c.table(["what", "statement ms (median)", "process ms (median)",
                   "ratio to baseline", "target", "met?"], rows))
    print(f"\n{rounds} rounds after one warm-up run each; each row is a fresh process. "
          "'statement' is the time of the statement alone, 'process' adds interpreter "
          "start and exit.")
    c.save("import", {"quick": opts.quick, "rounds": rounds,
                      "statement_ms": {n: c.median(v) for n, v in inner.items()},
                      "process_ms": {n: c.median(v) for n, v in wall.items()},
                      "baseline_ms": base})
    return 0


if __name__ == "__main__":
    sys.exit(main())
