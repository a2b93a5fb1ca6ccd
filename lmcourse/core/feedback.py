"""Feedback as HTML a learner can read: right and wrong said in words, then in colour.

Pure string building from a :class:`lmcourse.core.scoring.Result` and its records (one per
question or item); the widgets put the text in an ``HTML`` widget. Nothing here judges an
answer: what is right, what was given and the authored explanations all come from the
records, which the graded Markdown (:mod:`lmcourse.core.markdown`) renders too. Colours
come from the Okabe-Ito palette (blue for right, vermillion for wrong), always with a word
and a symbol, never colour alone.
"""

from __future__ import annotations

from html import escape

__all__ = ["result_html", "record_html", "notice_html", "line_html", "download_link", "RIGHT",
           "WRONG"]

RIGHT = "#0072B2"
WRONG = "#D55E00"
NEUTRAL = "#555555"
#: Okabe-Ito vermillion is 3.9:1 on white: enough for a border (3:1), too light for text
#: (WCAG AA asks 4.5:1), so words marked wrong use this darker vermillion (6.0:1).
WRONG_TEXT = "#A94400"
_TEXT = {RIGHT: RIGHT, WRONG: WRONG_TEXT, NEUTRAL: NEUTRAL}


def _box(color: str, body: str) -> str:
    return (f'<div role="status" aria-live="polite" style="border-left:4px solid {color};'
            f'padding:4px 10px;margin:6px 0;line-height:1.45">{body}</div>')


def line_html(ok: bool | None, text: str, subject: str = "") -> str:
    """One feedback line, marked by a word and a symbol as well as a colour."""
    mark, color = {True: ("✓ Right", RIGHT), False: ("✗ Not right", WRONG),
                   None: ("○ Open", NEUTRAL)}[ok]
    about = f"<em>{escape(subject)}</em><br>" if subject else ""
    return (f'<div style="border-left:4px solid {color};padding:2px 8px;margin:4px 0">'
            f'<span style="color:{_TEXT[color]};font-weight:bold">{mark}.</span> '
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
    if record.subject:  # a classify statement: the pick and the better fit, in words
        head = (f"{record.given_text} is the best fit." if ok else
                f"You chose {record.given_text}; the better fit is {record.better}.")
        return [(ok, f"{head} {record.explanation}", record.subject)]
    return [(ok, record.explanation, record.given_text)]  # a scenario: the option chosen


def record_html(record) -> str:
    """One record's feedback lines (empty for an open question)."""
    return "".join(line_html(ok, text) for ok, text, _ in _said(record))


def result_html(result, *, with_lines: bool = True) -> str:
    """The summary (with the score when there is one) and, optionally, every record's
    lines."""
    if result.status == "empty":
        return _box(NEUTRAL, f"<strong>Nothing to check yet.</strong> {escape(result.summary)}")
    if result.status == "saved":
        return _box(RIGHT, escape(result.summary))
    word = {"right": "All right.", "partly": "Partly right.", "wrong": "Not right yet."}
    color = RIGHT if result.status == "right" else WRONG
    head = (f'<strong style="color:{_TEXT[color]}">{word[result.status]}</strong> '
            f"<strong>Score: {result.score} of {result.total}.</strong> "
            f"{escape(result.summary)}")
    lines = ("".join(line_html(*said) for r in result.records for said in _said(r))
             if with_lines else "")
    return _box(color, head + lines)


def notice_html(text: str) -> str:
    """A warning the learner must see (for instance, a damaged progress file set aside)."""
    return _box(WRONG, f"<strong>⚠ Please note:</strong> {escape(text)}")


def download_link(raw: bytes, filename: str, text: str) -> str:
    """A link that saves ``raw`` as ``filename`` from the page itself (a data URL), so it
    works offline and on Binder, where the learner cannot reach the server's files."""
    import base64

    data = base64.b64encode(raw).decode("ascii")
    return (f'<a download="{escape(filename, quote=True)}" '
            f'href="data:application/json;base64,{data}">{escape(text)}</a>')
