"""Helpers shared by the benchmark scripts: statistics, Markdown tables, results files."""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import statistics
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
VENV_PY = str(ROOT / ".venv" / "bin" / "python")


def args(description: str, extra=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--quick", action="store_true", help="a short run, for a smoke test")
    if extra:
        extra(parser)
    return parser.parse_args()


def median(xs) -> float:
    return statistics.median(xs)


def p95(xs) -> float:
    """The 95th percentile (nearest rank)."""
    s = sorted(xs)
    return s[max(0, min(len(s) - 1, round(0.95 * len(s)) - 1))]


def fmt(x, unit="") -> str:
    if x is None:
        return "n/a"
    if isinstance(x, str):
        return x
    if abs(x) >= 100:
        return f"{x:.0f}{unit}"
    if abs(x) >= 10:
        return f"{x:.1f}{unit}"
    return f"{x:.2f}{unit}"


def table(headers, rows) -> str:
    out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


def machine() -> str:
    try:
        model = next(line.split(":", 1)[1].strip()
                     for line in Path("/proc/cpuinfo").read_text().splitlines()
                     if line.startswith("model name"))
    except (OSError, StopIteration):
        model = platform.processor() or "unknown CPU"
    return (f"{os.cpu_count()} cores ({model}), Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}")


def load() -> str:
    try:
        return "load average " + " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "load average unknown"


def header(title: str) -> str:
    now = _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"## {title}\n\n{now}; {machine()}; {load()} at start.\n"


def save(name: str, data: dict) -> Path:
    """Write ``bench/results/NAME.json`` (kept out of git) for the README table."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    data = {"when": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
            "machine": machine(), **data}
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(data, indent=2) + "\n")
    return path


def temp_env(base: str | None = None) -> dict:
    """Environment variables that keep a run out of ``~`` and out of the repo."""
    base = base or tempfile.mkdtemp(prefix="lmcourse-bench-")
    env = {
        "LMCOURSE_PROGRESS": os.path.join(base, "progress.json"),
        "JUPYTER_CONFIG_DIR": os.path.join(base, "jupyter_config"),
        "JUPYTER_DATA_DIR": os.path.join(base, "jupyter_data"),
        "JUPYTER_RUNTIME_DIR": os.path.join(base, "jupyter_runtime"),
        "IPYTHONDIR": os.path.join(base, "ipython"),
    }
    for key, value in env.items():
        if key != "LMCOURSE_PROGRESS":
            os.makedirs(value, exist_ok=True)
    return env
