"""Saving an answer: one save into a progress file of 1,000 answers, and two writers at once.

*Ours* is ``Progress.record`` as a widget calls it: take the lock (``progress.json.lock``),
read the file as it is now (a save by this kernel's store knows it from the lock file's mark;
after another kernel's save it is read again), change one answer, write the whole file to a
temporary file, flush it to disk and rename it over the old one. The file holds 1,000
answers of every kind (~150 KB). Measured in the same run, interleaved with ours:

- *baseline*: the bare pattern, the same data (kept in memory, one answer changed) as
  ``json.dumps`` (the C encoder; ``json.dump`` to a file uses the slower Python one) written
  to a temporary file and ``os.replace``: no lock, no read, no check, no flush to disk;
- *baseline + fsync*: the same with the flush to disk that ours does, which is what makes
  a save survive a power cut, and most of what a save costs on a busy disk;
- *two kernels, alternating*: two stores of one file saving in turn, so each save first
  reads what the other wrote.

Also: a fresh kernel's first save (the file read, parsed strictly and checked in full);
two processes saving 500 different answers each into one file at once (answers kept: must be
1,000); and the Check of an exercise with one profile chart listening, then after its cell
was run 30 more times (it must not grow: each run replaces the cell's listener).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import sys
import tempfile
import time

import _common as c


def _answers(n: int) -> dict:
    """``n`` saved answers shaped like the course's, each kind in turn."""
    rng = random.Random(7)
    kinds = [
        lambda: {"value": {f"item-{k}": rng.choice(["leadership", "management", "both"])
                           for k in range(6)}, "status": "partly", "score": 4, "total": 6,
                 "missed": ["x-sort/item-1", "x-sort/item-4"]},
        lambda: {"value": rng.choice("abcd"), "status": "wrong", "score": 0, "total": 1,
                 "missed": ["x-scenario"]},
        lambda: {"value": sorted(rng.sample("abcde", 2)), "status": "right", "score": 5,
                 "total": 5},
        lambda: {"value": {f"q{k}": rng.randrange(5) for k in range(6)}, "status": "saved"},
        lambda: {"value": "A reflection of a few sentences about a team I worked in, and "
                          "what it did well and badly. " * 3, "status": "saved"},
    ]
    out = {}
    for i in range(n):
        entry = kinds[i % len(kinds)]()
        entry["updated"] = "2026-11-27T10:00:00+00:00"
        out[f"exercise-{i:04d}"] = entry
    return out


def _writer(path: str, who: str, n: int, start) -> None:
    from lmcourse.core import progress

    start.wait()
    store = progress.Progress(path)
    for i in range(n):
        store.record(f"{who}-{i}", f"answer {i} of {who}")


def _two_processes(folder: str, n: int) -> tuple[int, float]:
    path = os.path.join(folder, "two.json")
    ctx = multiprocessing.get_context("fork")
    start = ctx.Event()
    procs = [ctx.Process(target=_writer, args=(path, who, n, start)) for who in "ab"]
    for p in procs:
        p.start()
    t = time.perf_counter()
    start.set()
    for p in procs:
        p.join()
    took = time.perf_counter() - t
    with open(path, encoding="utf-8") as f:
        return len(json.load(f)["answers"]), took


def _check_times(rounds: int) -> tuple[list[float], list[float], int]:
    """Check of a self-assessment with one profile listening, then after 30 more runs."""
    import lmcourse as lm
    from lmcourse.core import content, progress
    from lmcourse.course import exercises

    ex = content.load_course().get("focus-self")

    def checks() -> list[float]:
        widget = exercises.build(ex)
        first = next(iter(widget.pickers.values()))
        out = []
        for i in range(rounds):
            first.value = i % len(ex["scale"])
            t = time.perf_counter()
            widget.button.click()
            out.append((time.perf_counter() - t) * 1e3)
        return out

    lm.my_profile()
    once = checks()
    for _ in range(30):
        lm.my_profile()
    return once, checks(), progress.shared().listeners


def main() -> int:
    opts = c.args(__doc__.splitlines()[0])
    n, warm, each, rounds = (40, 3, 100, 5) if opts.quick else (300, 10, 500, 20)
    folder = tempfile.mkdtemp(prefix="lmcourse-bench-progress-")
    os.environ.update(c.temp_env(folder))
    os.environ.setdefault("MPLBACKEND", "agg")
    from lmcourse.core import progress

    print(c.header("Saving an answer into a progress file of 1,000 answers"))
    data = progress._empty()
    data["answers"] = _answers(1000)
    ours_path = os.path.join(folder, "progress.json")
    with open(ours_path, "w", encoding="utf-8") as f:
        f.write(progress.dumps(data))
    size = os.path.getsize(ours_path)
    base_path = os.path.join(folder, "baseline.json")

    cold = []
    for _ in range(5 if opts.quick else 15):  # a fresh kernel: full read, parse and check
        store = progress.Progress(ours_path)
        t = time.perf_counter()
        store.record("exercise-0001", "b")
        cold.append((time.perf_counter() - t) * 1e3)

    def bare(sync: bool) -> float:
        t = time.perf_counter()
        data["answers"]["exercise-0001"] = {"value": "c", "updated": progress.now()}
        tmp = base_path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(json.dumps(data, ensure_ascii=False))  # json.dump would be slower
            if sync:
                f.flush()
                os.fsync(f.fileno())
        os.replace(tmp, base_path)
        return (time.perf_counter() - t) * 1e3

    store = progress.Progress(ours_path)
    other = progress.Progress(ours_path)

    def ours(i: int) -> float:
        t = time.perf_counter()
        store.record(f"exercise-{i % 1000:04d}", "a" if i % 2 else "b")
        return (time.perf_counter() - t) * 1e3

    def alternating(i: int) -> float:
        t = time.perf_counter()
        (store if i % 2 else other).record(f"exercise-{(i * 7) % 1000:04d}", "d")
        return (time.perf_counter() - t) * 1e3

    sinks = {"ours": [], "bare": [], "sync": [], "alt": []}
    runs = [("ours", ours), ("bare", lambda i: bare(False)), ("sync", lambda i: bare(True)),
            ("alt", alternating)]
    for i in range(warm + n):
        order = runs[i % 4:] + runs[:i % 4]  # rotate who goes first, so drift hits all
        for name, fn in order:
            ms = fn(i)
            if i >= warm:
                sinks[name].append(ms)
    with open(ours_path, encoding="utf-8") as f:
        assert len(json.load(f)["answers"]) == 1000

    kept, took = _two_processes(folder, each)
    once, after, listeners = _check_times(rounds)

    mb = c.median(sinks["bare"])
    rows = [
        ["ours: `Progress.record`, lock included", c.fmt(c.median(sinks["ours"])),
         c.fmt(c.p95(sinks["ours"])), f"{c.median(sinks['ours']) / mb:.1f}"],
        ["ours, two kernels saving in turn (each reads the other's save)",
         c.fmt(c.median(sinks["alt"])), c.fmt(c.p95(sinks["alt"])),
         f"{c.median(sinks['alt']) / mb:.1f}"],
        ["ours, a fresh kernel's first save (read, strict parse, full check)",
         c.fmt(c.median(cold)), c.fmt(c.p95(cold)), f"{c.median(cold) / mb:.1f}"],
        ["baseline: bare `json.dumps` + write + `os.replace`", c.fmt(mb),
         c.fmt(c.p95(sinks["bare"])), "1.0"],
        ["baseline + `fsync` (the flush ours does)", c.fmt(c.median(sinks["sync"])),
         c.fmt(c.p95(sinks["sync"])), f"{c.median(sinks['sync']) / mb:.1f}"],
    ]
    print(c.table(["save into a file of 1,000 answers", "median ms", "p95 ms", "ratio"], rows))
    print(f"\n{n} saves each, interleaved, after {warm} warm-up saves; file {size:,} bytes.")
    print(f"\nTwo processes x {each} answers into one file at once: {kept:,} of {2 * each:,} "
          f"kept ({'none lost' if kept == 2 * each else 'LOST SOME'}), in {took:.1f} s.")
    print(f"Check of a self-assessment, median of {rounds}: {c.median(once):.1f} ms with one "
          f"profile cell; {c.median(after):.1f} ms after that cell ran 30 more times "
          f"({listeners} listener{'s' if listeners != 1 else ''}).")
    c.save("progress", {
        "quick": opts.quick, "n": n, "file_bytes": size,
        "ours_median_ms": c.median(sinks["ours"]), "ours_p95_ms": c.p95(sinks["ours"]),
        "alt_median_ms": c.median(sinks["alt"]), "alt_p95_ms": c.p95(sinks["alt"]),
        "cold_median_ms": c.median(cold), "cold_p95_ms": c.p95(cold),
        "bare_median_ms": mb, "bare_p95_ms": c.p95(sinks["bare"]),
        "sync_median_ms": c.median(sinks["sync"]), "sync_p95_ms": c.p95(sinks["sync"]),
        "two_processes_each": each, "two_processes_kept": kept, "two_processes_s": took,
        "check_ms_one_profile": c.median(once), "check_ms_after_30_reruns": c.median(after),
        "listeners_after_30_reruns": listeners})
    return 0 if kept == 2 * each else 1


if __name__ == "__main__":
    sys.exit(main())
