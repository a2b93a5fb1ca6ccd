"""Kernel memory: RSS after running each notebook, and growth over 1,000 chart updates.

Part 1: each course notebook runs cell by cell in a fresh ipykernel (``nbclient``, the
notebook's folder as working directory, progress written to a temporary file); then the
kernel process's resident memory is read from ``/proc/PID/status`` (``VmRSS``, and
``VmHWM``, its peak). Baselines, in fresh kernels too: an empty notebook (``1 + 1``) and
one that only imports ``matplotlib.pyplot`` and ``ipywidgets``.

Part 2: in a fresh kernel, ``lm.pair_up()`` is built and its slider moved 1,000 times (each
move is a ``LiveChart.show``); RSS is read (after ``gc.collect()``) after 50 warm-up moves
and at the end. Baseline, in another fresh kernel: the same 1,000 updates drawn on a new
pyplot figure each time (Agg backend), rendered to PNG and never closed, which is what a
leak looks like.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import _common as c

TARGET_RSS_MB = 300.0
TARGET_GROWTH_MB = 5.0

RSS = ("def _rss():\n"
       "    import gc\n"
       "    gc.collect()\n"
       "    for line in open('/proc/self/status'):\n"
       "        if line.startswith('VmRSS:'):\n"
       "            return int(line.split()[1]) / 1024\n")
OURS = [
    "import lmcourse as lm\n" + RSS,
    "box = lm.pair_up()\ns = box.sliders[0]['leadership'][0]\n"
    "values = [v for v in range(0, 101, 5)]\n"
    "for i in range(50):\n    s.value = values[i % len(values)]\nbefore = _rss()",
    "for i in range(UPDATES):\n    s.value = values[i % len(values)]\nafter = _rss()\n"
    "import json; print(json.dumps([before, after]))",
]
LEAK = [
    # Agg, not inline: the inline backend would show and close open figures when a cell
    # ends; figures made in widget callbacks stay open like this until then.
    "import io, warnings\nimport matplotlib\nmatplotlib.use('agg')\n"
    "import matplotlib.pyplot as plt\n"
    "from lmcourse.core import profile, radar\n"
    "warnings.filterwarnings('ignore', message='More than')\n" + RSS,
    "def update(v):\n"
    "    other = {'leadership': [50] * 7, 'management': [50] * 7}\n"
    "    both = profile.coverage({'leadership': [v] + [50] * 6, 'management': [50] * 7}, other)\n"
    "    lead, manage = both['leadership'], both['management']\n"
    "    fig = plt.figure(figsize=(4.6, 4.6), dpi=90)  # never closed\n"
    "    ax = fig.add_subplot(projection='polar')\n"
    "    radar.draw(ax, profile.LABELS, [('Leadership side covered', lead),\n"
    "                                    ('Management side covered', manage)])\n"
    "    ax.set_title('What the pair covers together', fontsize=10, pad=14)\n"
    "    fig.savefig(io.BytesIO(), format='png')\n"
    "values = [v for v in range(0, 101, 5)]\n"
    "for i in range(50):\n    update(values[i % len(values)])\nbefore = _rss()",
    "for i in range(UPDATES):\n    update(values[i % len(values)])\nafter = _rss()\n"
    "import json; print(json.dumps([before, after, len(plt.get_fignums())]))",
]


def proc_mb(pid: int) -> tuple[float, float]:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(rest.split()[0]) / 1024
    return fields["VmRSS"], fields["VmHWM"]


def run_cells(nb, cwd: Path, timeout: int = 600):
    """Run every code cell in a fresh kernel; return (rss MB, peak MB, outputs text)."""
    from nbclient import NotebookClient

    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(cwd)}})
    with client.setup_kernel(stderr=subprocess.DEVNULL):  # no kernel banner in the report
        for index, cell in enumerate(nb.cells):
            if cell.cell_type == "code":
                client.execute_cell(cell, index)
        errors = [o for cell in nb.cells if cell.cell_type == "code"
                  for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        rss, peak = proc_mb(client.km.provisioner.pid)
    text = "".join(o.get("text", "") for cell in nb.cells if cell.cell_type == "code"
                   for o in cell.get("outputs", []) if o.get("output_type") == "stream")
    return rss, peak, text, errors


def code_notebook(cells):
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in cells]
    return nb


def main() -> int:
    opts = c.args(__doc__.splitlines()[0], lambda p: p.add_argument(
        "--updates", type=int, default=None, help="chart updates in part 2 (default 1000)"))
    updates = opts.updates or (100 if opts.quick else 1000)
    import nbformat

    tmp = Path(tempfile.mkdtemp(prefix="lmcourse-bench-memory-"))
    os.environ.update(c.temp_env(str(tmp)))
    print(c.header("Kernel memory"))

    notebooks = sorted((c.ROOT / "notebooks").glob("*.ipynb"))
    if opts.quick:
        notebooks = [nb for nb in notebooks if nb.stem.startswith(("00", "09", "10"))]
    rows, worst, failed = [], 0.0, []
    for label, cells in [("baseline: empty kernel (`1 + 1`)", ["1 + 1"]),
                         ("baseline: `import matplotlib.pyplot, ipywidgets`",
                          ["%matplotlib inline\nimport matplotlib.pyplot, ipywidgets"])]:
        rss, peak, _, _ = run_cells(code_notebook(cells), tmp)
        rows.append([label, c.fmt(rss), c.fmt(peak), "", ""])
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        rss, peak, _, errors = run_cells(nb, path.parent)
        if errors:
            failed.append(path.name)
        worst = max(worst, rss)
        rows.append([f"`{path.name}`" + (" (cell error!)" if errors else ""), c.fmt(rss),
                     c.fmt(peak), f"<= {TARGET_RSS_MB:.0f} MB",
                     "yes" if rss <= TARGET_RSS_MB else "NO"])
    print("### Kernel RSS after running each notebook\n")
    print(c.table(["notebook", "RSS MB", "peak RSS MB", "target", "met?"], rows))
    print(f"\nLargest: {worst:.0f} MB. Each in a fresh kernel; RSS read from "
          "/proc/PID/status of the kernel process after the last cell.\n")

    growth = {}
    for name, cells in (("ours", OURS), ("leak", LEAK)):
        cells = [src.replace("UPDATES", str(updates)) for src in cells]
        _, peak, text, errors = run_cells(code_notebook(cells), tmp, timeout=1800)
        if errors:
            raise RuntimeError(f"{name}: {errors[0].get('evalue')}")
        nums = json.loads(text.strip().splitlines()[-1])
        growth[name] = {"before": nums[0], "after": nums[1], "growth": nums[1] - nums[0],
                        "peak": peak, "figures": nums[2] if len(nums) > 2 else None}
    g_ours, g_leak = growth["ours"]["growth"], growth["leak"]["growth"]
    met = g_ours <= TARGET_GROWTH_MB
    print(f"### RSS growth over {updates} chart updates\n")
    print(c.table(
        ["what", "RSS before MB", "RSS after MB", "growth MB", "growth per update kB",
         "target", "met?"],
        [["ours: `lm.pair_up()` slider, `LiveChart.show`", c.fmt(growth["ours"]["before"]),
          c.fmt(growth["ours"]["after"]), c.fmt(g_ours), c.fmt(g_ours * 1024 / updates),
          f"<= {TARGET_GROWTH_MB:.0f} MB", "yes" if met else "NO"],
         ["baseline: new pyplot figure per update, never closed",
          c.fmt(growth["leak"]["before"]), c.fmt(growth["leak"]["after"]), c.fmt(g_leak),
          c.fmt(g_leak * 1024 / updates), "", ""]]))
    print(f"\nAfter 50 warm-up updates; `gc.collect()` before each reading. The baseline "
          f"kernel held {growth['leak']['figures']} open figures at the end.")
    c.save("memory", {"quick": opts.quick, "updates": updates, "worst_rss_mb": worst,
                      "rows": rows, "growth": growth, "failed": failed,
                      "target_rss_mb": TARGET_RSS_MB, "target_growth_mb": TARGET_GROWTH_MB})
    return 0


if __name__ == "__main__":
    sys.exit(main())
