"""Browser end-to-end tests: the course in a real JupyterLab, driven by headless chromium.

One JupyterLab server per test session (per xdist worker), started in a temporary copy of
the course (``git ls-files``) with temporary Jupyter, IPython and matplotlib folders and a
temporary progress file, and stopped by its own process handle. Debian's chromium is used
through Playwright (never ``playwright install``). Without chromium or playwright the tests
skip with a message saying what is missing; under ``CI=true`` they fail instead.

Pitfalls these helpers avoid (see ``../shared/research/ecosystem-notes.md``): Run All
silently does nothing while the kernel selector still says "No Kernel"; autosave would write
outputs into the notebooks. JupyterLab's news prompt is kept away by the course's own
settings (``jupyterlab-settings/overrides.json``, installed by the repository's
``postBuild`` exactly as Binder runs it), so the tests see what a learner sees.

Themes and sizes: :meth:`Notebook.set_theme` switches JupyterLab's theme in the open page
(the app is exposed to the page as ``window.jupyterapp``, as JupyterLab's own Galata tests
do); :meth:`Notebook.set_width` sets the window's width. 200 % browser zoom of a 1280-px
window is the 640-px-wide CSS viewport the browser then lays out (WCAG 1.4.10, reflow).
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("LMCOURSE_CHROMIUM", "/usr/bin/chromium"))
SCREENSHOTS = ROOT / "screenshots" / "e2e"  # git-ignored (screenshots/ in .gitignore)
CACHE = Path(os.environ.get("LMCOURSE_E2E_CACHE",
                            Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
                            / "lmcourse-e2e"))
TOKEN = "lmcourse-e2e"
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"]

PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
# what the notebook's cells put out (not the Output widgets nested inside them)
OUTPUTS = f"{PANEL} .jp-Cell-outputArea > .jp-OutputArea-child"
# what the course drew there, for axe: the outputs without JupyterLab's prompts beside them
OURS = f"{PANEL} .jp-OutputArea-output"
# a widget view that rendered: the widget's root element inside a cell's output
VIEWS = f"{OUTPUTS} > .jp-OutputArea-output > .jupyter-widgets"
ERRORS = f"{PANEL} .jp-OutputArea [data-mime-type='application/vnd.jupyter.stderr']"

# The kernel is idle *and* attached (the selector no longer says "No Kernel").
READY_JS = """() => {
  const p = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const ei = p && p.querySelector('.jp-Notebook-ExecutionIndicator');
  const kn = p && p.querySelector('.jp-KernelName');
  return !!ei && ei.dataset.status === 'idle' && !!kn && kn.textContent.trim() !== 'No Kernel';
}"""

# Resolves once nothing in the notebook panel has changed for `quiet` ms.
STABLE_JS = """([quiet, limit]) => new Promise(resolve => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const t0 = performance.now();
  let last = performance.now();
  const obs = new MutationObserver(() => { last = performance.now(); });
  obs.observe(panel, {subtree: true, childList: true, attributes: true, characterData: true});
  const tick = () => {
    const now = performance.now();
    if (now - last >= quiet || now - t0 > limit) { obs.disconnect(); resolve(now - t0); }
    else setTimeout(tick, 50);
  };
  setTimeout(tick, 50);
})"""


# ``inside``: whether each element is within ``mark`` (to split one run into ours/theirs)
AXE_JS = """async ([include, exclude, mark]) => {
  const context = {include: [[include]]};
  if (exclude) context.exclude = [[exclude]];
  const r = await axe.run(context, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']},
                                    resultTypes: ['violations'], elementRef: !!mark});
  return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 300),
                              summary: n.failureSummary,
                              inside: !!(mark && n.element && n.element.closest(mark))}))}));
}"""


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "e2e: browser end-to-end test (JupyterLab in headless chromium)")


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def require_browser() -> None:
    """Skip (fail under CI=true) when the browser or playwright is missing."""
    missing = []
    if not CHROMIUM.exists():
        missing.append(f"chromium at {CHROMIUM} (apt-get install -y chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the playwright package (pip install -e '.[test]'; never "
                       "`playwright install`)")
    if missing:
        msg = "browser end-to-end tests need " + " and ".join(missing)
        if in_ci():
            pytest.fail(msg + " (CI=true: failing instead of skipping)", pytrace=False)
        pytest.skip(msg)


def _copy_course(dest: Path) -> None:
    """The files git knows about (tracked, plus new files not ignored), as in the worktree."""
    try:
        files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT,
                               capture_output=True, text=True, check=True).stdout.splitlines()
    except (OSError, subprocess.CalledProcessError):  # not a git checkout: the course folders
        files = [p.relative_to(ROOT).as_posix() for d in ("lmcourse", "exercises", "notebooks")
                 for p in (ROOT / d).rglob("*") if p.is_file()]
    for f in files:
        src = ROOT / f
        if src.is_file():
            (dest / f).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / f)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lab:
    """A running JupyterLab: its address, files, and a few REST helpers."""

    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.root = tmp / "course"
        self.progress = tmp / "progress" / "progress.json"
        self.prefix = tmp / "prefix"  # where postBuild installs the JupyterLab settings
        self.overrides = self.prefix / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = tmp / "jupyterlab.log"
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        _copy_course(self.root)
        env = dict(os.environ)
        for var in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR",
                    "IPYTHONDIR", "MPLCONFIGDIR"):
            env[var] = str(self.tmp / var.lower())
            Path(env[var]).mkdir(parents=True, exist_ok=True)
        env["LMCOURSE_PROGRESS"] = str(self.progress)
        env.pop("LMCOURSE_EXERCISES", None)
        # the kernel imports the copy's lmcourse (and so reads the copy's exercises)
        env["PYTHONPATH"] = os.pathsep.join([str(self.root), env.get("PYTHONPATH", "")])
        cfg = Path(env["JUPYTER_CONFIG_DIR"])
        (cfg / "labconfig").mkdir(parents=True, exist_ok=True)
        (cfg / "labconfig" / "page_config.json").write_text(json.dumps(
            {"exposeAppInBrowser": "true"}))  # window.jupyterapp, to switch themes
        # the course's own JupyterLab settings, installed by its postBuild as on Binder,
        # plus what only the tests want (no autosave, every cell in the page)
        subprocess.run([str(ROOT / "postBuild")],
                       env={**env, "NB_PYTHON_PREFIX": str(self.prefix)}, check=True, timeout=60)
        overrides = json.loads(self.overrides.read_text(encoding="utf-8"))
        overrides["@jupyterlab/docmanager-extension:plugin"] = {
            "autosave": False, "defaultViewers": {"markdown": "Markdown Preview"}}
        overrides["@jupyterlab/notebook-extension:tracker"] = {"windowingMode": "none"}
        self.overrides.write_text(json.dumps(overrides))
        cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip", "127.0.0.1",
               "--port", str(self.port), f"--ServerApp.token={TOKEN}",
               "--ServerApp.port_retries=0", f"--ServerApp.root_dir={self.root}",
               "--LabApp.news_url=None", f"--LabApp.app_settings_dir={self.overrides.parent}",
               "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.append("--allow-root")
        self._logfile = open(self.log, "wb")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(cmd, env=env, cwd=self.root, stdout=self._logfile,
                                     stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with {self.proc.returncode}:\n"
                                   + self.log.read_text(errors="replace")[-3000:])
            try:
                self.api("GET", "/api/status")
                return
            except OSError:
                time.sleep(0.25)
        self.stop()
        raise RuntimeError("JupyterLab did not answer /api/status within 60 s:\n"
                           + self.log.read_text(errors="replace")[-3000:])

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        if getattr(self, "_logfile", None):
            self._logfile.close()

    def api(self, method: str, path: str):
        req = urllib.request.Request(f"{self.base}{path}", method=method,
                                     headers={"Authorization": f"token {TOKEN}"})
        with urllib.request.urlopen(req, timeout=5) as r:
            body = r.read()
        return json.loads(body) if body else None

    def shutdown_kernels(self) -> None:
        """End every kernel, so the next page starts a fresh one (nothing kept in memory)."""
        for s in self.api("GET", "/api/sessions") or []:
            self.api("DELETE", f"/api/sessions/{s['id']}")
        for k in self.api("GET", "/api/kernels") or []:
            self.api("DELETE", f"/api/kernels/{k['id']}")

    def url(self, path: str) -> str:
        """The page of a notebook; ``path`` is relative to the course copy's root."""
        return f"{self.base}/lab/tree/{path}?token={TOKEN}&reset"


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    require_browser()
    lab = Lab(tmp_path_factory.mktemp("lab"))
    lab.start()
    try:
        yield lab
    finally:
        lab.stop()


@pytest.fixture(scope="session")
def browser(lab):
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=15_000)  # a busy CI machine; a pass returns at once anyway
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=BROWSER_ARGS)
        try:
            yield b
        finally:
            b.close()


class Notebook:
    """One notebook open in a page, with the actions a learner takes."""

    def __init__(self, page, name: str):
        self.page, self.name = page, name

    def wait_ready(self, timeout: float = 90_000) -> None:
        self.page.wait_for_function(READY_JS, timeout=timeout)

    def settle(self, quiet: int = 400, limit: int = 15_000) -> None:
        """Wait until the kernel is idle and the panel has not changed for ``quiet`` ms."""
        self.wait_ready()
        self.page.evaluate(STABLE_JS, [quiet, limit])
        self.wait_ready()

    def menu(self, top: str, command: str) -> None:
        self.page.locator(".lm-MenuBar-itemLabel", has_text=top).first.click()
        self.page.locator(f".lm-Menu-item[data-command='{command}']").click()

    def run_all(self, expected_widgets: int, timeout: float = 180_000) -> None:
        """Run All from the Run menu; wait for every widget view (or an error) and quiet."""
        self.wait_ready()
        self.menu("Run", "runmenu:run-all")
        self.page.wait_for_function(
            """([views, errors, n]) => {
              const p = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
              const ei = p.querySelector('.jp-Notebook-ExecutionIndicator');
              const idle = ei && ei.dataset.status === 'idle';
              return idle && (document.querySelectorAll(views).length >= n
                              || document.querySelectorAll(errors).length > 0);
            }""", arg=[VIEWS, ERRORS, expected_widgets], timeout=timeout)
        self.settle()

    def restart_kernel(self) -> None:
        """Kernel > Restart Kernel and Clear Outputs of All Cells, confirmed in its dialog:
        a new kernel with nothing in memory, and no old widget left on the page."""
        self.menu("Kernel", "kernelmenu:restart-and-clear")
        self.page.locator(".jp-Dialog .jp-Dialog-button.jp-mod-accept").click()
        self.page.wait_for_selector(".jp-Dialog", state="detached")
        self.page.wait_for_function(f"document.querySelectorAll({OUTPUTS!r}).length === 0")
        self.page.wait_for_timeout(500)
        self.wait_ready()

    def outputs_text(self) -> str:
        return "\n".join(self.page.locator(f"{PANEL} .jp-OutputArea").all_text_contents())

    def exercise(self, title: str):
        """The exercise box whose heading is ``title``."""
        return self.page.locator(f"{PANEL} .lmcourse-exercise").filter(
            has=self.page.locator("h4", has_text=title))

    def show_everything(self, max_height: int = 16_000) -> int:
        """Make the page as tall as the notebook, so every cell is on screen (axe checks
        colour contrast only of what is on screen) and one screenshot holds it all. The
        width stays as it is."""
        width = self.page.viewport_size["width"]
        # the notebook's own height at this width, not the page's
        self.page.set_viewport_size({"width": width, "height": 1000})
        self.page.wait_for_timeout(200)
        height = self.page.evaluate(
            f"document.querySelector('{PANEL} .jp-WindowedPanel-outer').scrollHeight")
        self.page.set_viewport_size({"width": width, "height": min(height + 200, max_height)})
        self.page.wait_for_timeout(300)
        self.page.evaluate(f"document.querySelector('{PANEL} .jp-WindowedPanel-outer')"
                           ".scrollTop = 0")
        self.page.evaluate(STABLE_JS, [300, 5000])
        return height

    def set_theme(self, theme: str) -> None:
        """Switch JupyterLab to ``theme`` (a key of :data:`THEMES`) in this page and wait
        until its stylesheet applies. JupyterLab saves the choice in the session's user
        settings: :func:`open_page` puts Light back for the next page."""
        name = THEMES[theme]
        self.page.evaluate("t => window.jupyterapp.commands.execute('apputils:change-theme', "
                           "{theme: t})", name)
        self.page.wait_for_function(
            """([name, light]) => document.body.dataset.jpThemeName === name &&
                 getComputedStyle(document.body).getPropertyValue('--jp-layout-color0')
                   .trim().length > 0 &&
                 (getComputedStyle(document.querySelector('.jp-Notebook')).backgroundColor
                   === 'rgb(255, 255, 255)') === light""", arg=[name, theme == "light"])
        self.page.evaluate(STABLE_JS, [300, 5000])

    def set_width(self, width: int) -> None:
        """Make the window ``width`` CSS pixels wide (see :data:`SIZES`)."""
        self.page.set_viewport_size({"width": width, "height": self.page.viewport_size["height"]})
        self.page.evaluate(STABLE_JS, [300, 5000])

    def cut_off(self) -> list[str]:
        """The course's controls and labels whose words do not fit (cut off, or spilling over
        the next line), and widget views wider than their cell (a row that did not wrap)."""
        return self.page.evaluate(CUT_JS, OUTPUTS)

    def axe(self, include: str, exclude: str | None = None) -> list[dict]:
        """axe-core's WCAG 2 A and AA violations inside ``include`` (all elements it matches)."""
        self._load_axe()
        return self.page.evaluate(AXE_JS, [include, exclude, None])

    def _load_axe(self) -> None:
        if not self.page.evaluate("typeof window.axe !== 'undefined'"):
            self.page.add_script_tag(path=str(axe_script()))
            # JupyterLab's <body> is 0 px tall with overflow hidden (the shell is positioned
            # absolutely), so axe takes every text as clipped and skips colour contrast.
            self.page.add_style_tag(content="html, body {height: 100%}")

    def axe_split(self) -> tuple[list[dict], list[dict]]:
        """One axe-core run over the notebook panel, split into violations in the course's
        outputs (:data:`OURS`) and JupyterLab's own around them (half the time of two runs)."""
        self._load_axe()
        found = self.page.evaluate(AXE_JS, [PANEL, None, ".jp-OutputArea-output"])
        sides = ([], [])
        for v in found:
            for side, inside in ((0, True), (1, False)):
                nodes = [n for n in v["nodes"] if n["inside"] is inside]
                if nodes:
                    sides[side].append({**v, "nodes": nodes})
        return sides


# JupyterLab's themes, by the names the tests use.
THEMES = {"light": "JupyterLab Light", "dark": "JupyterLab Dark",
          "high-contrast": "JupyterLab Dark High Contrast"}
# Window widths in CSS pixels: a laptop, a narrow window, and 200 % zoom of the laptop's.
SIZES = {"1280": 1280, "1024": 1024, "zoom200": 640}

# What a learner could not read: a button, label or widget description whose text is wider
# than its box (cut off with an ellipsis or hidden), or taller (spilling over the next line);
# and a widget view wider than its cell (a row that did not wrap: part of it off screen).
CUT_JS = """(outputs) => {
  const shown = e => e.offsetParent !== null && e.textContent.trim();
  const views = [...document.querySelectorAll(outputs + ' > .jp-OutputArea-output')];
  const found = [];
  for (const view of views) {
    for (const e of view.querySelectorAll('button, label, .widget-label, .widget-readout')) {
      if (shown(e) && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1))
        found.push(`${e.tagName.toLowerCase()} "${e.textContent.trim().slice(0, 60)}": ` +
                   `${e.scrollWidth}x${e.scrollHeight} in ${e.clientWidth}x${e.clientHeight}`);
    }
    const root = view.querySelector(':scope > .jupyter-widgets');
    if (root && view.scrollWidth > view.clientWidth + 1)
      found.push(`a widget ${view.scrollWidth} px wide in a ${view.clientWidth}-px cell: ` +
                 view.textContent.trim().slice(0, 60));
  }
  return found;
}"""

# Charts each call puts on screen (a self-assessment exercise adds one more).
#: Chart images each call shows. A self-assessment shows none until its set is answered or
#: "Show my scores" is pressed, which Run All on a fresh progress file never does.
CHARTS = {"skills_rating": 1, "case_chart": 2, "pair_up": 1, "my_profile": 2}


def expected(path: Path) -> tuple[int, int]:
    """(widget views, charts) the notebook's code cells should show once run."""
    views = charts = 0
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "code":
            continue
        src = "".join(cell["source"]).strip()
        if src.startswith("import "):
            continue
        views += 1
        call = ast.parse(src).body[-1].value
        name = call.func.attr
        charts += CHARTS.get(name, 0)
    return views, charts


# JupyterLab 4.6's own WCAG violations in a notebook panel, around our outputs (critical or
# serious, none ours), measured with axe-core 4 on the course's notebooks in each theme and
# size the tests use: the debugger toolbar button's aria-pressed (at narrow widths, the
# toolbar's "More commands" button's instead), the windowed cell list's role=feed children,
# the empty heading-collapse buttons of markdown heading cells (one or two were seen,
# depending on which cell is active; at most one per heading cell is allowed), and, at
# narrow widths, the grey execution-count prompts beside the outputs ("[3]:", #b0b0b0 on
# white, 2.2:1; the active cell's in #bf5b3d, 4.3:1; at most one per code cell). Markdown
# cells as JupyterLab renders them: links told from the text around them by colour only (no
# underline; at most one per link and heading), and, at narrow widths, a cell whose table or
# long code name scrolls sideways in a region that takes no keyboard focus (at most one per
# markdown cell).
# Rule -> (markers, one of which is in each element; most elements). A new rule, a new kind
# of element or more of them fails the test.
JUPYTERLAB_BASELINE = {
    "aria-allowed-attr": (("jp-DebuggerBugButton", 'title="More commands"'), 1),
    "aria-required-children": (("jp-WindowedPanel-viewport",), 1),
    "button-name": (("jp-collapseHeadingButton",), "headings"),
    "color-contrast": (("jp-OutputPrompt", "jp-InputPrompt"), "code cells"),
    "link-in-text-block": (("jp-InternalAnchorLink", 'rel="noopener"'), "links"),
    "scrollable-region-focusable": (("jp-RenderedMarkdown",), "markdown cells"),
}


def jupyterlab_grown(nb: Notebook, notebook_file: Path, theirs=None) -> tuple[dict, list]:
    """JupyterLab's own violations around the outputs (``theirs``, from
    :meth:`Notebook.axe_split`, or found here), by rule, and those beyond
    :data:`JUPYTERLAB_BASELINE` (empty when it holds)."""
    if theirs is None:
        theirs = nb.axe(PANEL, exclude=".jp-OutputArea-output")
    cells = json.loads(notebook_file.read_text(encoding="utf-8"))["cells"]
    markdown = ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]
    headings = sum(1 for text in markdown if text.startswith("#"))
    per = {"headings": headings, "markdown cells": len(markdown),
           "links": headings + sum(text.count("](") for text in markdown),
           "code cells": sum(1 for c in cells if c["cell_type"] == "code")}
    limit = {k: per.get(n, n) for k, (_, n) in JUPYTERLAB_BASELINE.items()}
    counts = {v["id"]: len(v["nodes"]) for v in theirs}
    grown = [v for v in theirs if v["id"] not in JUPYTERLAB_BASELINE
             or len(v["nodes"]) > limit[v["id"]]
             or not all(any(m in n["html"] for m in JUPYTERLAB_BASELINE[v["id"]][0])
                        for n in v["nodes"])]
    return counts, grown


# ipywidgets 8.1 draws sliders with noUiSlider and gives the handle (role=slider) no
# accessible name: the description is a <label> beside it, not linked, and no widget trait
# reaches the handle (description and tooltip set the label only). lmcourse cannot fix this
# from Python; test_notebooks_browser.py's strict xfail tracks it.
UPSTREAM = {"aria-input-field-name": "noUi-handle"}


def ours(violations):
    """Serious and critical violations, less the known upstream one (checked elsewhere)."""
    found = []
    for v in violations:
        if v["impact"] not in ("serious", "critical"):
            continue
        nodes = [n for n in v["nodes"]
                 if not (v["id"] in UPSTREAM and UPSTREAM[v["id"]] in n["html"])]
        if nodes:
            found.append({**v, "nodes": nodes})
    return found


def describe(violations) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']}\n" + "\n".join(
        f"    {n['target']}: {n['html'][:160]}\n      {n['summary']}" for n in v["nodes"][:5])
        for v in violations)


def open_page(lab: Lab, browser, path: str) -> Notebook:
    """Open a notebook (path relative to the course copy) in a new page; wait for its kernel."""
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.set_default_timeout(60_000)
    page.goto(lab.url(path))
    page.wait_for_selector(f"{PANEL} .jp-Notebook .jp-Cell")
    nb = Notebook(page, path)
    nb.wait_ready()
    if page.evaluate("document.body.dataset.jpThemeName") != THEMES["light"]:
        nb.set_theme("light")  # an earlier test left another theme in the user settings
    return nb


@pytest.fixture
def open_notebook(lab, browser):
    """``open_notebook(path)`` opens a notebook (path relative to the course copy, e.g.
    ``notebooks/01-focus.ipynb``) in a fresh page with a fresh kernel."""
    pages = []
    lab.shutdown_kernels()

    def opener(path: str) -> Notebook:
        nb = open_page(lab, browser, path)
        pages.append(nb.page)
        return nb

    yield opener
    for page in pages:
        page.close()
    lab.shutdown_kernels()


def focused(locator) -> bool:
    return locator.evaluate("e => e === document.activeElement")


def tab_to(page, locator, key: str = "Tab", most: int = 40) -> int:
    """Press Tab (or ``key``) until ``locator`` has the focus; the number of presses."""
    for n in range(most + 1):
        if focused(locator):
            return n
        page.keyboard.press(key)
    raise AssertionError(f"{key} x{most} never reached {locator}")


def axe_script() -> Path:
    """axe-core from the npm registry, installed once into a cache folder outside the repo."""
    script = CACHE / "axe" / "node_modules" / "axe-core" / "axe.min.js"
    if script.exists():
        return script
    npm = shutil.which("npm")
    if npm is None:
        msg = "the accessibility tests need npm to install axe-core (apt-get install -y npm)"
        if in_ci():
            pytest.fail(msg, pytrace=False)
        pytest.skip(msg)
    CACHE.mkdir(parents=True, exist_ok=True)
    lock = CACHE / "axe.lock"
    with open(lock, "w") as fh:  # two xdist workers may both get here
        import fcntl

        fcntl.flock(fh, fcntl.LOCK_EX)
        if not script.exists():
            subprocess.run([npm, "install", "--prefix", str(CACHE / "axe"), "axe-core@4",
                            "--no-audit", "--no-fund", "--silent"], check=True, timeout=300)
    return script
