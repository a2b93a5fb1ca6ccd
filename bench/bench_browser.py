"""Key press on a slider to the new chart shown, in a real JupyterLab in headless chromium.

A JupyterLab server is started on a temporary folder holding two generated notebooks (never
in the repo): *ours* runs ``lm.pair_up()``; *naive* wires the same 28 sliders with
``ipywidgets.interactive_output`` to a function that draws the same radar on a new pyplot
figure (``%matplotlib inline``, ``plt.show()``). Both are opened in headless Debian chromium
(Playwright, ``executable_path='/usr/bin/chromium'``) and run; then, alternating between the
two pages, the first slider's ``.noUi-handle`` gets the focus and an arrow key
(ArrowRight, then ArrowLeft, and so on). A keydown listener (capture phase) and a
MutationObserver on the chart image's ``src`` timestamp the key and the new image in the
page; the latency is their difference. After each press the script waits for the new image
and for the kernel to be idle.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import _common as c

TARGET_MS = 50.0
TOKEN = "bench"
CHROMIUM = "/usr/bin/chromium"

OURS = ["import lmcourse as lm", "lm.pair_up()"]
NAIVE = [
    "%matplotlib inline\n"
    "import ipywidgets as w\n"
    "import matplotlib.pyplot as plt\n"
    "from IPython.display import display\n"
    "from lmcourse.core import profile, radar",
    "def slider(label):\n"
    "    return w.IntSlider(value=50, min=0, max=100, step=5, description=label,\n"
    "                       continuous_update=False, style={'description_width': '130px'},\n"
    "                       layout=w.Layout(width='360px'))\n"
    "people = [{side: [slider(f'{label} ({side[0].upper()})') for label in profile.LABELS]\n"
    "           for side in ('leadership', 'management')} for _ in range(2)]\n"
    "def chart(**kw):\n"
    "    def person(k):\n"
    "        return {side: [kw[f'p{k}{side[0]}{i}'] for i in range(7)]\n"
    "                for side in ('leadership', 'management')}\n"
    "    both = profile.coverage(person(0), person(1))\n"
    "    fig = plt.figure(figsize=(4.6, 4.6), dpi=90)\n"
    "    ax = fig.add_subplot(projection='polar')\n"
    "    radar.draw(ax, profile.LABELS, [('Leadership side covered', both['leadership']),\n"
    "                                    ('Management side covered', both['management'])])\n"
    "    ax.set_title('What the pair covers together', fontsize=10, pad=14)\n"
    "    plt.show()\n"
    "controls = {f'p{k}{side[0]}{i}': s for k, p in enumerate(people)\n"
    "            for side, row in p.items() for i, s in enumerate(row)}\n"
    "out = w.interactive_output(chart, controls)\n"
    "columns = [w.VBox(p['leadership'] + p['management']) for p in people]\n"
    "display(w.HBox(columns), out)",
]
IMAGE = {"ours": ".lmcourse-chart img", "naive": ".widget-output .jp-OutputArea-output img"}

PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
READY = f"""() => {{
  const p = document.querySelector('{PANEL}');
  const ei = p && p.querySelector('.jp-Notebook-ExecutionIndicator');
  const kn = p && p.querySelector('.jp-KernelName');
  return !!ei && ei.dataset.status === 'idle' && !!kn && kn.textContent.trim() !== 'No Kernel';
}}"""
WATCH = """(sel) => {
  const root = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook');
  const src = () => { const i = root.querySelector(sel); return i ? i.getAttribute('src') : null; };
  const lm = window.__lm = {keys: [], shots: [], painted: [], last: src()};
  document.addEventListener('keydown', () => lm.keys.push(performance.now()), true);
  new MutationObserver(() => {
    const s = src();
    if (s && s !== lm.last) {
      lm.last = s;
      lm.shots.push(performance.now());
      requestAnimationFrame(() => lm.painted.push(performance.now()));
    }
  }).observe(root, {subtree: true, childList: true, attributes: true, attributeFilter: ['src']});
  return lm.last !== null;
}"""


def notebook(cells) -> dict:
    return {"cells": [{"cell_type": "code", "execution_count": None, "metadata": {},
                       "outputs": [], "source": src} for src in cells],
            "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                        "language": "python"}},
            "nbformat": 4, "nbformat_minor": 5}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(root: Path, env: dict) -> tuple[subprocess.Popen, str]:
    port = free_port()
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip", "127.0.0.1",
           "--port", str(port), f"--ServerApp.token={TOKEN}", "--ServerApp.port_retries=0",
           f"--ServerApp.root_dir={root}", "--LabApp.news_url=None",
           "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    server = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(240):
        try:
            urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=1)
            return server, base
        except OSError:
            if server.poll() is not None:
                break
            time.sleep(0.25)
    server.terminate()
    raise RuntimeError("the JupyterLab server did not start")


def open_and_run(browser, base: str, name: str):
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.set_default_timeout(90_000)
    page.goto(f"{base}/lab/workspaces/{name}/tree/{name}.ipynb?token={TOKEN}&reset")
    page.wait_for_selector(".jp-Notebook .jp-Cell")
    page.wait_for_function(READY)
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-item[data-command='runmenu:run-all']").click()
    page.wait_for_selector(f"{PANEL} {IMAGE[name]}")
    page.wait_for_function(READY)
    page.wait_for_timeout(500)
    text = page.locator(f"{PANEL} .jp-Notebook").text_content()
    if "Traceback" in text or "Error displaying widget" in text:
        raise RuntimeError(f"{name}: the notebook shows an error")
    if not page.evaluate(WATCH, IMAGE[name]):
        raise RuntimeError(f"{name}: no chart image found")
    page.locator(f"{PANEL} .noUi-handle").first.focus()
    return page


def press(page, key: str) -> None:
    before = page.evaluate("window.__lm.shots.length")
    page.keyboard.press(key)
    page.wait_for_function(f"window.__lm.shots.length > {before}", timeout=20_000)
    page.wait_for_function(READY)
    page.wait_for_timeout(100)


def latencies(page) -> tuple[list[float], list[float]]:
    lm = page.evaluate("window.__lm")
    keys, shots, painted = lm["keys"], lm["shots"], lm["painted"]
    if not (len(keys) == len(shots) == len(painted)):
        raise RuntimeError(f"unpaired events: {len(keys)} keys, {len(shots)} images")
    return ([s - k for k, s in zip(keys, shots, strict=True)],
            [p - k for k, p in zip(keys, painted, strict=True)])


def main() -> int:
    opts = c.args(__doc__.splitlines()[0], lambda p: p.add_argument(
        "--presses", type=int, default=None, help="key presses per notebook (default 40)"))
    presses = opts.presses or (6 if opts.quick else 40)
    print(c.header("Key press to new chart, JupyterLab in headless chromium"))
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("_Skipped: the playwright package is not installed (`pip install playwright`; "
              "never `playwright install`)._")
        return 0
    if not os.path.exists(CHROMIUM):
        print(f"_Skipped: no {CHROMIUM} (`apt-get install -y chromium`)._")
        return 0

    tmp = Path(tempfile.mkdtemp(prefix="lmcourse-bench-browser-"))
    root = tmp / "notebooks"
    root.mkdir()
    (root / "ours.ipynb").write_text(json.dumps(notebook(OURS), indent=1))
    (root / "naive.ipynb").write_text(json.dumps(notebook(NAIVE), indent=1))
    env = dict(os.environ) | c.temp_env(str(tmp))
    env["MPLCONFIGDIR"] = str(tmp / "mpl")
    env["JUPYTERLAB_SETTINGS_DIR"] = str(tmp / "lab-settings")
    env["JUPYTERLAB_WORKSPACES_DIR"] = str(tmp / "lab-workspaces")
    labconfig = Path(env["JUPYTER_CONFIG_DIR"]) / "labconfig"
    labconfig.mkdir(parents=True)
    (labconfig / "page_config.json").write_text(json.dumps(
        {"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True}}))
    docmanager = Path(env["JUPYTERLAB_SETTINGS_DIR"]) / "@jupyterlab" / "docmanager-extension"
    docmanager.mkdir(parents=True)
    (docmanager / "plugin.jupyterlab-settings").write_text(json.dumps({"autosave": False}))

    server = None
    try:
        server, base = start_server(root, env)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=CHROMIUM, headless=True,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                      "--disable-component-update", "--disable-sync", "--no-first-run",
                      "--disable-renderer-backgrounding",
                      "--disable-backgrounding-occluded-windows"])
            pages = {name: open_and_run(browser, base, name) for name in ("ours", "naive")}
            for page in pages.values():  # two warm-up presses each, not counted
                page.bring_to_front()
                page.locator(f"{PANEL} .noUi-handle").first.focus()
                press(page, "ArrowRight")
                press(page, "ArrowLeft")
                page.evaluate("window.__lm.keys = []; window.__lm.shots = [];"
                              "window.__lm.painted = []")
            for k in range(presses):
                key = "ArrowRight" if k % 2 == 0 else "ArrowLeft"
                order = ["ours", "naive"] if k % 2 == 0 else ["naive", "ours"]
                for name in order:
                    page = pages[name]
                    page.bring_to_front()
                    page.locator(f"{PANEL} .noUi-handle").first.focus()
                    press(page, key)
            results = {name: latencies(page) for name, page in pages.items()}
            browser.close()
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        shutil.rmtree(tmp, ignore_errors=True)

    (ours_dom, ours_paint), (base_dom, base_paint) = results["ours"], results["naive"]
    mo, mb = c.median(ours_dom), c.median(base_dom)
    right = c.median(ours_dom[0::2])
    met = mo <= TARGET_MS
    rows = [
        ["ours: `lm.pair_up()`", c.fmt(mo), c.fmt(c.p95(ours_dom)), c.fmt(c.median(ours_paint)),
         f"{mo / mb:.2f}", f"<= {TARGET_MS:.0f} ms", "yes" if met else "NO"],
        ["baseline: `interactive_output` + pyplot", c.fmt(mb), c.fmt(c.p95(base_dom)),
         c.fmt(c.median(base_paint)), "1.00", "", ""],
    ]
    print(c.table(["what", "median ms", "p95 ms", "median ms to next frame", "ratio",
                   "target", "met?"], rows))
    print(f"\n{presses} key presses per notebook (ArrowRight and ArrowLeft alternately, "
          f"interleaved between the two pages, after 2 warm-up presses each); ours, "
          f"ArrowRight only: {right:.1f} ms median. Latency: keydown to the new image's src "
          f"in the DOM (MutationObserver); 'next frame' adds the requestAnimationFrame after.")
    c.save("browser", {"quick": opts.quick, "presses": presses, "ours_median_ms": mo,
                       "ours_p95_ms": c.p95(ours_dom), "ours_frame_ms": c.median(ours_paint),
                       "base_median_ms": mb, "base_p95_ms": c.p95(base_dom),
                       "base_frame_ms": c.median(base_paint), "ratio": mo / mb,
                       "ours_arrowright_median_ms": right, "target_ms": TARGET_MS,
                       "met": met, "ours_ms": ours_dom, "base_ms": base_dom})
    return 0


if __name__ == "__main__":
    sys.exit(main())
