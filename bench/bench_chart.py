"""Slider change to new chart image, in the kernel (no browser).

Ours: the pair-up tool of notebook 09 (``lm.pair_up()``: a 7-spoke radar with 2 series, a
``LiveChart``); a slider's value is set, its observer recomputes the coverage and calls
``LiveChart.show``, which leaves the new ``<img>`` (PNG, base64) in the chart's ``HTML``
widget. Baseline, in the same process and interleaved with ours: the naive pattern, the same
28 sliders (two people, two scores per difference) wired with
``ipywidgets.interactive_output`` to a function that draws the same radar on a new pyplot
figure and renders it as the inline backend would (``print_figure``
with ``bbox_inches='tight'``, base64, figure closed). Both draw 4.6 in at dpi 90.
"""

from __future__ import annotations

import base64
import contextlib
import io
import os
import sys
import tempfile
import time
import warnings

import _common as c

TARGET_RATIO = 0.5


def main() -> int:
    opts = c.args(__doc__.splitlines()[0])
    n, warm = (30, 3) if opts.quick else (300, 10)
    os.environ.update(c.temp_env(tempfile.mkdtemp(prefix="lmcourse-bench-chart-")))
    os.environ.setdefault("MPLBACKEND", "agg")
    import ipywidgets as w
    import matplotlib.pyplot as plt
    import numpy as np
    from IPython.core.pylabtools import print_figure
    from PIL import Image

    import lmcourse as lm
    from lmcourse.core import profile, radar

    print(c.header("Chart update in the kernel (slider change to new image)"))
    box = lm.pair_up()
    ours_slider = box.sliders[0]["leadership"][0]
    chart = box.chart

    # Two people, two scores (leadership side, management side) per difference each.
    naive_sliders = {f"{who}{side}{i}": w.IntSlider(value=50, min=0, max=100, step=5)
                     for who in "ab" for side in "lm" for i in range(7)}
    shown = {}

    def naive(**kw):
        def person(who):
            return {"leadership": [kw[f"{who}l{i}"] for i in range(7)],
                    "management": [kw[f"{who}m{i}"] for i in range(7)]}

        covered = profile.coverage(person("a"), person("b"))
        lead, manage = covered["leadership"], covered["management"]
        fig = plt.figure(figsize=(4.6, 4.6), dpi=90)
        ax = fig.add_subplot(projection="polar")
        radar.draw(ax, profile.LABELS, [("Leadership side covered", lead),
                                        ("Management side covered", manage)])
        ax.set_title("What the pair covers together", fontsize=10, pad=14)
        data = print_figure(fig, "png", bbox_inches="tight")  # what plt.show() does inline
        shown["img"] = base64.b64encode(data).decode("ascii")
        plt.close(fig)  # the inline backend closes shown figures

    with contextlib.redirect_stdout(io.StringIO()):  # clear_output's terminal escapes
        out = w.interactive_output(naive, naive_sliders)
    naive_slider = naive_sliders["al0"]

    # Reference: the kept figure drawn whole on every change (update the artists, then
    # savefig with constrained layout), as LiveChart did before it kept a background.
    ref_fig, ref_ax = radar.new_figure()
    ref_art = radar.draw(ref_ax, profile.LABELS, [("Leadership side covered", [50] * 7),
                                                  ("Management side covered", [50] * 7)])
    ref_ax.set_title("What the pair covers together", fontsize=10, pad=14)
    ref_slider = w.IntSlider(value=50, min=0, max=100, step=5)

    def ref_moved(change):
        a = {"leadership": [change["new"]] + [50] * 6, "management": [50] * 7}
        covered = profile.coverage(a, {"leadership": [50] * 7, "management": [50] * 7})
        radar.update(ref_art, [covered["leadership"], covered["management"]])
        shown["ref"] = base64.b64encode(radar.png(ref_fig)).decode("ascii")

    ref_slider.observe(ref_moved, names="value")

    def timed(slider, value):
        t = time.perf_counter()
        slider.value = value
        return (time.perf_counter() - t) * 1e3

    ours, base, ref = [], [], []
    values = [v for v in range(0, 101, 5) if v != 50]
    with contextlib.redirect_stdout(io.StringIO()):
        for i in range(warm + n):
            v = values[i % len(values)]
            trio = [(ours, ours_slider), (base, naive_slider), (ref, ref_slider)]
            trio = trio[i % 3:] + trio[:i % 3]  # rotate who goes first, so drift hits all
            for sink, slider in trio:
                ms = timed(slider, v)
                if i >= warm:
                    sink.append(ms)
    del out

    # Correctness of ours: the fast redraw gives the same PNG as a full draw of the figure,
    # and the layout does not move over many updates.
    position = chart.artists.ax.get_position().bounds
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for k in range(60):
            ours_slider.value = values[(k * 7) % len(values)]
    same = chart._png() == radar.png(chart.fig)
    stable = np.allclose(position, chart.artists.ax.get_position().bounds)
    png_ours = len(chart._png())
    png_base = len(base64.b64decode(shown["img"]))
    size_base = Image.open(io.BytesIO(base64.b64decode(shown["img"]))).size

    mo, mb = c.median(ours), c.median(base)
    po, pb = c.p95(ours), c.p95(base)
    ratio = mo / mb
    met = ratio <= TARGET_RATIO
    rows = [
        ["ours: `lm.pair_up()` slider, `LiveChart.show`", c.fmt(mo), c.fmt(po),
         f"{ratio:.2f}", f"<= {TARGET_RATIO}", "yes" if met else "NO"],
        ["baseline: `interactive_output` + new pyplot figure", c.fmt(mb), c.fmt(pb),
         "1.00", "", ""],
        ["reference: kept figure, whole redraw + `savefig` per change (LiveChart before)",
         c.fmt(c.median(ref)), c.fmt(c.p95(ref)), f"{c.median(ref) / mb:.2f}", "", ""],
    ]
    print(c.table(["what", "median ms", "p95 ms", "ratio (median)", "target", "met?"], rows))
    print(f"\n{n} changes each, interleaved, after {warm} warm-up changes. "
          f"p95 ratio {po / pb:.2f}. PNG: ours {png_ours} bytes (414x414), baseline "
          f"{png_base} bytes ({size_base[0]}x{size_base[1]}, tight bbox). "
          f"Ours equals a full redraw of its figure: {'yes' if same else 'NO'}; "
          f"layout stable over 60 more updates: {'yes' if stable else 'NO'}.")
    c.save("chart", {"quick": opts.quick, "n": n, "ours_median_ms": mo, "ours_p95_ms": po,
                     "base_median_ms": mb, "base_p95_ms": pb,
                     "ref_median_ms": c.median(ref), "ref_p95_ms": c.p95(ref), "ratio": ratio,
                     "target_ratio": TARGET_RATIO, "met": met, "same_pixels": same,
                     "layout_stable": bool(stable)})
    return 0


if __name__ == "__main__":
    sys.exit(main())
