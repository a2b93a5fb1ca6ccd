"""Who the learner is, and their answers as one file to take away and bring back.

``start()`` says at the top of a notebook whether answers can be saved (and shows nothing
when they can); ``learner()`` asks once for a name or student id; ``answers()`` offers a
download of every saved answer and an upload that merges such a file back (Binder keeps
nothing between sessions, so this is how progress travels). Thin widgets over
:mod:`lmcourse.core.progress`.
"""

from __future__ import annotations

import re
from datetime import date
from html import escape

import ipywidgets as w

from ..core import feedback, progress, theme
from .style import styled

__all__ = ["start", "learner", "answers", "export_name"]


def start() -> w.HTML | None:
    """What a learner must know before answering, said once at the top of a notebook:
    that answers cannot be saved here (and how to fix it), or that the saved file had to
    be set aside. Shows nothing when all is well."""
    store = progress.shared()
    store.load()  # reading brings up anything wrong with the file itself
    told, problem = store.take_notice(), store.saving_problem()
    if problem and problem not in told:
        told = f"{problem} {told}".strip()
    if not told:
        return None
    box = w.HTML(theme.STYLE + feedback.notice_html(told))  # the notice's colours, any theme
    box.add_class("lmcourse")
    box.add_class("lmcourse-start")
    return box


def learner() -> w.VBox:
    """A small form for the learner's name and student id, saved with the answers."""
    store = progress.shared()
    known = store.learner
    field = w.Layout(width="100%", max_width="420px")
    name = w.Text(value=known.get("name", ""), description="Name",
                  placeholder="How you want to be called", layout=field)
    sid = w.Text(value=known.get("id", ""), description="Student id",
                 placeholder="Optional: as your instructor asks", layout=field)
    # as wide as its word, not stretched across the form
    button = w.Button(description="Save", button_style="primary", tooltip="Save name and id",
                      layout=w.Layout(width="auto", align_self="flex-start"))
    told = store.take_notice()
    out = w.HTML(feedback.notice_html(told) if told else "")
    if any(known.values()):
        out.value += f"<p>Saved as <strong>{_who(known)}</strong>. Change and save again if "\
                     "you need to.</p>"

    def save(_=None):
        if not name.value.strip() and not sid.value.strip():
            out.value = feedback.notice_html("Type a name or a student id first, then press "
                                             "Save.")
            return
        try:
            store.set_learner(name.value, sid.value)
        except progress.NotSaved as e:
            out.value = feedback.notice_html(str(e))
            return
        out.value = f"<p role='status'>Saved as <strong>{_who(store.learner)}</strong>.</p>"

    button.on_click(save)
    return styled(w.VBox([name, sid, button, out]), "lmcourse-learner")


def _who(known: dict) -> str:
    parts = [p for p in (known.get("name", ""), known.get("id", "")) if p]
    return escape(" / ".join(parts))


def export_name(known: dict, today: date | None = None) -> str:
    """A safe file name for an export: ``lmcourse-answers-<who>-<date>.json``.

    >>> export_name({"name": "Ada L./x"}, date(2026, 1, 2))
    'lmcourse-answers-Ada-L-x-2026-01-02.json'
    """
    who = re.sub(r"[^A-Za-z0-9]+", "-", known.get("id") or known.get("name") or "").strip("-")
    stamp = (today or date.today()).isoformat()
    return f"lmcourse-answers-{who + '-' if who else ''}{stamp}.json"


def answers() -> w.VBox:
    """Download every answer as one file, or upload such a file to bring answers back."""
    store = progress.shared()
    status = w.HTML()
    link = w.HTML()
    # "auto": as wide as the words (ipywidgets' fixed default width cut both labels off)
    make = w.Button(description="Prepare download", icon="download",
                    tooltip="Prepare a file with all your answers", layout=w.Layout(width="auto"))
    upload = w.FileUpload(accept=".json", multiple=False, description="Import answers",
                          tooltip="Bring back answers from an exported file",
                          layout=w.Layout(width="auto"))

    def prepare(_=None):
        raw = store.export_bytes()
        n = len(store.load()["answers"])
        fname = export_name(store.learner)
        link.value = (f'<p role="status">{feedback.download_link(raw, fname, "Download " + fname)} '
                      f"({n} answer{'s' if n != 1 else ''}, {len(raw):,} bytes). Keep it: "
                      "import it here next time to carry on.</p>")

    def received(change):
        files = change["new"]
        if not files:
            return
        item = files[0]
        try:
            report = store.import_bytes(bytes(item["content"]), str(item.get("name") or
                                                                   "the file"))
        except (progress.ImportProblem, progress.NotSaved) as e:
            status.value = feedback.notice_html(str(e))
            return
        status.value = (f"<p role='status'>{escape(report.sentence())} Run the notebooks' "
                        "cells again to see the answers in the exercises.</p>")

    make.on_click(prepare)
    upload.observe(received, names="value")
    where = w.HTML(f"<p>Your answers are saved in <code>{escape(str(store.path))}</code>.</p>")
    return styled(w.VBox([where, w.HBox([make, upload]), link, status]), "lmcourse-answers")
