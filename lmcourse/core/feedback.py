"""Feedback as HTML a learner can read: right and wrong said in words, then in colour.

Pure string building from a :class:`lmcourse.core.scoring.Result` and its records (one per
question or item); the widgets put the text in an ``HTML`` widget. Nothing here judges an
answer: what is right, what was given and the authored explanations all come from the
records, which the graded Markdown (:mod:`lmcourse.core.markdown`) renders too.

Every mark is a word and a symbol first (``✓ Right``, ``✗ Not right``, ``○ Open``); colour
only repeats it. Colours come from classes (``lmcourse-fb``/``lmcourse-fb-line`` boxes,
``lmcourse-mark`` words, and one of ``lmcourse-right``, ``lmcourse-wrong``,
``lmcourse-open``) that :mod:`lmcourse.core.theme`'s stylesheet colours for light and dark
JupyterLab themes alike (Okabe-Ito blue for right, vermillion for wrong); no colour is
written inline.
"""

from __future__ import annotations

from html import escape

__all__ = ["result_html", "record_html", "notice_html", "line_html", "worked_html",
           "exemplar_html", "box", "download_link", "RIGHT", "WRONG", "OPEN"]

#: The kinds of mark, as CSS class suffixes (``lmcourse-right`` ...).
RIGHT, WRONG, OPEN = "right", "wrong", "open"


def box(kind: str, body: str) -> str:
    """A feedback box of ``kind`` (:data:`RIGHT`, :data:`WRONG` or :data:`OPEN`) around
    ``body`` (HTML), announced to screen readers when it changes."""
    return (f'<div role="status" aria-live="polite" class="lmcourse-fb lmcourse-{kind}">'
            f"{body}</div>")


def _mark(kind: str, text: str, tag: str = "span") -> str:
    return f'<{tag} class="lmcourse-mark lmcourse-{kind}">{text}</{tag}>'


def line_html(ok: bool | None, text: str, subject: str = "") -> str:
    """One feedback line, marked by a word and a symbol as well as a colour; ``ok`` is
    True, False, None (open) or ``"partly"`` (a half-right place item)."""
    mark, kind = {True: ("✓ Right", RIGHT), False: ("✗ Not right", WRONG),
                  None: ("○ Open", OPEN), "partly": ("◐ Partly right", WRONG)}[ok]
    about = f"<em>{escape(subject)}</em><br>" if subject else ""
    return (f'<div class="lmcourse-fb-line lmcourse-{kind}">{_mark(kind, mark + ".")} '
            f"{about}{escape(text)}</div>")


def _said(record) -> list[tuple[bool | None, str, str]]:
    """A record as feedback lines ``(ok, text, subject)``; nothing for an open question."""
    if record.status == "open":
        return []
    if record.choices:  # choose-all: each option ticked, or left out though it applies
        out = []
        for c in record.choices:
            if c.ticked:
                head = "Right to tick this." if c.applies else "This one does not apply."
            elif c.applies:
                head = "You left this out, and it applies."
            else:
                continue  # rightly left out: no need to say more
            out.append((c.ok, f"{head} {c.explanation}", c.text))
        return out
    ok = record.status == "right"
    if record.subject:  # a statement or situation: the pick and the better fit, in words
        head = (f"{record.given_text} is the best fit." if ok else
                f"You chose {record.given_text}; the better fit is {record.better}.")
        mark = "partly" if record.status == "partly" else ok
        return [(mark, f"{head} {record.explanation}", record.subject)]
    return [(ok, record.explanation, record.given_text)]  # a scenario: the option chosen


def record_html(record) -> str:
    """One record's feedback lines (empty for an open question)."""
    return "".join(line_html(ok, text) for ok, text, _ in _said(record))


def result_html(result, *, with_lines: bool = True) -> str:
    """The summary (with the score when there is one) and, optionally, every record's
    lines."""
    if result.status == "empty":
        return box(OPEN, f"<strong>Nothing to check yet.</strong> {escape(result.summary)}")
    if result.status == "saved":
        return box(RIGHT, escape(result.summary))
    word = {"right": "All right.", "partly": "Partly right.", "wrong": "Not right yet."}
    kind = RIGHT if result.status == "right" else WRONG
    head = (f'{_mark(kind, word[result.status], "strong")} '
            f"<strong>Score: {result.score} of {result.total}.</strong> "
            f"{escape(result.summary)}")
    lines = ("".join(line_html(*said) for r in result.records for said in _said(r))
             if with_lines else "")
    return box(kind, head + lines)


def worked_html(text: str) -> str:
    """The worked step of an example, shown once the learner has checked their own."""
    return (f'<div class="lmcourse-fb-line lmcourse-{OPEN}"><strong>The worked step:'
            f"</strong> {escape(text)}</div>")


def exemplar_html(exemplar: str, self_check) -> str:
    """After a reflection is saved: a short model answer and three questions to hold one's
    own answer against. Neither is a verdict: there is no single right reflection."""
    points = "".join(f"<li>{escape(q)}</li>" for q in self_check)
    return (f'<div class="lmcourse-fb lmcourse-{OPEN}"><strong>One way to answer it.</strong> '
            f"{escape(exemplar)}<br><strong>Check your own answer:</strong>"
            f"<ol style='margin:4px 0'>{points}</ol>An answer that differs from the example "
            "can be just as good; the three questions are what matter.</div>")


def notice_html(text: str) -> str:
    """A warning the learner must see (for instance, a damaged progress file set aside)."""
    return box(WRONG, f"<strong>⚠ Please note:</strong> {escape(text)}")


def download_link(raw: bytes, filename: str, text: str) -> str:
    """A link that saves ``raw`` as ``filename`` from the page itself (a data URL), so it
    works offline and on Binder, where the learner cannot reach the server's files."""
    import base64

    data = base64.b64encode(raw).decode("ascii")
    return (f'<a download="{escape(filename, quote=True)}" '
            f'href="data:application/json;base64,{data}">{escape(text)}</a>')
