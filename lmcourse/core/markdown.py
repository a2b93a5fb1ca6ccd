"""Feedback as Markdown: a student's graded answers, rendered from scoring records.

The graded feedback file says, for every question, the answer given, right or not, the
points, the authored explanation as written, and for an answer that is not right the better
answer and its own explanation. All of it comes from :class:`lmcourse.core.scoring.Record`
lists (the notebook's HTML, :mod:`lmcourse.core.feedback`, renders the same records), so
nothing here judges an answer or edits an explanation.

Everything a student wrote (name, id, reflection, and ids quoted in grading notes) passes
through :func:`inert` or :func:`quote`: the characters that could start markup (``<``,
``&``, ``[``, ``!``, ``*`` ...) become numeric character references, which every Markdown
renderer (CommonMark, GitHub, JupyterLab, an LMS) shows as the character itself and never
reads as a tag, link or image. So a name such as ``<img src=x onerror=alert(1)>`` is shown,
not run, and no remote image is fetched.

>>> inert("<b>Ana</b> ![x](http://e.vil/x.png)")
'&#60;b&#62;Ana&#60;/b&#62; &#33;&#91;x&#93;(http://e.vil/x.png)'
"""

from __future__ import annotations

from .points import points
from .scoring import LABELS

__all__ = ["inert", "quote", "oneline", "section", "records_md", "self_md", "reflection_md",
           "exemplar_md", "feedback_head", "feedback_file", "MARK"]

#: How a record's status is marked, in a word and a symbol.
MARK = {"right": "✓ Right", "partly": "◐ Partly right", "wrong": "✗ Not right",
        "open": "○ Not answered"}

# Characters that can open inline markup, raw HTML, an entity, a link or an image, or a
# table cell: each becomes its numeric character reference (shown as itself, never markup).
_INERT = str.maketrans({c: f"&#{ord(c)};" for c in "&<>[]!`*_\\|~"})


def oneline(text: str) -> str:
    """Text on one line, runs of white space as one space."""
    return " ".join(str(text).split())


def inert(text: str) -> str:
    """Student text on one line, safe to place inside any Markdown."""
    return oneline(text).translate(_INERT)


def quote(text: str) -> str:
    """Student text of several lines as a Markdown block quote, every line inert; a blank
    line stays a (quoted) blank line."""
    return "\n".join("> " + " ".join(ln.split()).translate(_INERT) if ln.strip() else ">"
                     for ln in text.strip().splitlines())


def _said(note: str) -> str:
    return f"The note for it reads: “{oneline(note)}”"


def records_md(records) -> list[str]:
    """The Markdown bullets for one exercise's records, in order."""
    out: list[str] = []
    for r in records:
        if r.choices:
            out += _choose_all(r)
        elif r.subject:  # a classify statement
            about = f"- {MARK[r.status]}: *{oneline(r.subject)}*"
            if r.status == "open":
                out.append(f"{about} The answer: {r.better}. {_said(r.why)}")
            elif r.status == "right":
                out.append(f"{about} You chose {r.given_text}, the best fit. "
                           f"{oneline(r.explanation)}")
            else:
                out.append(f"{about} You chose {r.given_text}; the better fit is {r.better}. "
                           f"{oneline(r.explanation)} The note for {r.better} reads: "
                           f"“{oneline(r.why)}”")
        else:  # a scenario
            if r.status == "open":
                out.append(f"- {MARK['open']}.")
            else:
                out.append(f"- {MARK[r.status]}: you chose *{oneline(r.given_text)}* "
                           f"{oneline(r.explanation)}")
            if r.status != "right":
                out.append(f"- The best answer: *{oneline(r.better)}* {_said(r.why)}")
    return out


def _choose_all(r) -> list[str]:
    if r.status == "open":  # nothing ticked: no option is marked right or wrong
        apply = [c for c in r.choices if c.applies]
        return ([f"- {MARK['open']}: nothing ticked, so no credit. The options that apply:"]
                + [f"  - *{oneline(c.text)}* {oneline(c.explanation)}" for c in apply])
    judged = sum(c.ok for c in r.choices)
    out = [f"- {MARK[r.status]}: {judged} of {len(r.choices)} options judged right."]
    for c in r.choices:
        verdict = "applies" if c.applies else "does not apply"
        said = "you ticked it" if c.ticked else "you left it out"
        out.append(f"  - {'✓' if c.ok else '✗'} *{oneline(c.text)}* It {verdict}; {said}. "
                   f"{oneline(c.explanation)}")
    return out


def section(number: int, title: str, prompt: str, mode: str, tag: str,
            body: list[str]) -> str:
    """One exercise's part of the file: heading (with ``tag``, e.g. "2 of 3 points"),
    prompt, then ``body``; ``title`` and ``prompt`` on one line already."""
    return f"## {number}. {title} ({mode}, {tag})\n\n{prompt}\n\n" + "\n".join(body) + "\n"


def self_md(ex: dict, poles: dict, answer) -> list[str]:
    """A self-assessment: the student's pole scores, in words (no right or wrong)."""
    if not answer:
        return ["- Not answered."]
    parts = [f"{LABELS[p]} side {v:.0f} of 100" if v is not None
             else f"{LABELS[p]} side not answered" for p, v in poles.items()]
    left = len(ex["items"]) - len(answer)
    return ["- Your scores (no right or wrong here): " + "; ".join(parts) + "."
            + (f" {left} question(s) left open." if left else "")]


def reflection_md(summary: str, text, exemplar: str | None = None,
                  self_check=None) -> list[str]:
    """A reflection: saved or not, and the student's own text, quoted and inert; then the
    exercise's exemplar answer and self-check (:func:`exemplar_md`), when it has them."""
    text = text.strip() if isinstance(text, str) else ""
    out = ["- Not answered."] if not text else [f"- {oneline(summary)} Your text:", "",
                                                  quote(text)]
    return out + exemplar_md(exemplar, self_check)


def exemplar_md(exemplar: str | None, self_check=None) -> list[str]:
    """A reflection's exemplar answer and self-check questions (the same for every
    student: a grader makes them once)."""
    if not exemplar:
        return []
    return (["", f"One way to answer it: {oneline(exemplar)}", "", "Check your own answer:"]
            + [f"{n}. {oneline(q)}" for n, q in enumerate(self_check or [], 1)])


def feedback_head(title: str, name: str, student_id: str, submitted: str, late: bool,
                  earned: float, max_points: float, pct: float, notes: list[str]) -> str:
    """The top of one student's feedback file: who, when, the score, and notes from
    grading (answers that were ignored, and why); each exercise's section follows."""
    who = inert(name) or inert(student_id)
    head = [f"# Feedback: {oneline(title)}", "",
            f"Student: {who} (id {inert(student_id)})  ",
            f"Submitted: {submitted}" + (" (after the due date)" if late else "") + "  ",
            f"Score: {points(earned)} of {points(max_points)} points ({pct:.1f}%)", ""]
    if notes:
        head.append("Notes from grading:")
        head += [f"- {inert(n)}" for n in notes]
        head.append("")
    return "\n".join(head) + "\n"


def feedback_file(title: str, name: str, student_id: str, submitted: str, late: bool,
                  earned: float, max_points: float, pct: float, notes: list[str],
                  parts: list[str]) -> str:
    """One student's feedback file: :func:`feedback_head`, then ``parts``, each
    exercise's section."""
    return feedback_head(title, name, student_id, submitted, late, earned, max_points, pct,
                         notes) + "\n".join(parts)
