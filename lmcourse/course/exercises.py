"""Exercise widgets: thin wiring from ipywidgets controls to scoring and saved progress.

``exercise("focus-sort")`` builds the widget for one exercise of the course. Every answer
is saved as it is given; **Check** (a button, so Tab and Enter or Space work) scores it
with :mod:`lmcourse.core.scoring` and shows feedback in words; the learner may change the answer
and check again. Re-running the cell brings the saved answer back. A mistake inside a
callback is shown as a sentence, never as a traceback.
"""

from __future__ import annotations

import difflib
import logging
from html import escape

import ipywidgets as w

from ..core import content, feedback, profile, progress, scoring, theme
from ..core.problems import show
from .style import styled

_log = logging.getLogger(__name__)

__all__ = ["exercise", "ExerciseWidget", "build"]

_FULL = w.Layout(width="100%")


def _header(ex: dict) -> w.HTML:
    """The title and prompt, carrying the course's stylesheet (:mod:`lmcourse.core.theme`:
    feedback coloured for every theme, radio and checkbox labels that wrap instead of being
    cut off or spilling over the next option, buttons as wide as their words)."""
    return w.HTML(f"{theme.STYLE}<h4 style='margin:4px 0'>{escape(ex['title'])}</h4>"
                  f"<p style='margin:2px 0 6px 0'>{escape(ex['prompt'])}</p>",
                  layout=_FULL)


class ExerciseWidget:
    """The shared frame of every kind: header, controls, Check button, feedback.

    ``save=False`` (used by the review round) keeps answers out of the saved record;
    ``on_result`` is called with each :class:`~lmcourse.core.scoring.Result` after a check."""

    check_label = "Check"

    def __init__(self, ex: dict, store: progress.Progress, *, save: bool = True,
                 on_result=None):
        self.ex, self.store, self.save, self.on_result = ex, store, save, on_result
        self.feedback = w.HTML(layout=_FULL)
        self.notice = w.HTML(layout=_FULL)
        self.button = w.Button(description=self.check_label, button_style="primary",
                               tooltip=f"{self.check_label} your answer",
                               layout=w.Layout(width="auto"))
        self.button.on_click(self._guard(self.on_check))
        saved = store.answer(ex["id"]) if save else None
        told = store.take_notice()
        if told:
            self.notice.value = feedback.notice_html(told)
        self.build()
        self._restoring = True
        try:
            if saved and saved.get("value") is not None:
                self.set_value(saved["value"])
                if saved.get("status") in ("right", "partly", "wrong", "saved"):
                    self.show(scoring.check(self.ex, self.value()))
        finally:
            self._restoring = False
        self.box = styled(w.VBox([self.notice, _header(ex), *self.body(),
                                  w.HBox([self.button]), self.feedback], layout=_FULL),
                          "lmcourse-exercise", f"lmcourse-{ex['kind']}", sheet=False)

    # to be filled in by each kind
    def build(self) -> None: ...
    def body(self) -> list: return []
    def value(self): return None
    def set_value(self, value) -> None: ...

    def _guard(self, fn):
        """Run a callback; turn an unexpected error into a sentence for the learner."""

        def run(*args):
            try:
                fn(*args)
            except Exception as e:  # noqa: BLE001 - the learner must never see a traceback
                self.feedback.value = feedback.notice_html(
                    f"Sorry, something went wrong ({type(e).__name__}: {e}). Your earlier "
                    "answers are safe; try again, or re-run this cell.")
                # the traceback for whoever debugs the course (silent unless logging is on)
                _log.debug("exercise %s: callback failed", self.ex.get("id"), exc_info=True)

        return run

    def changed(self, _change=None) -> None:
        """A control moved: save the answer as it stands."""
        if self._restoring or not self.save:
            return
        self.keep(self.value())

    def keep(self, value, result=None) -> bool:
        """Save ``value`` (with the check's ``result``); when it cannot be written, say so
        above the exercise in words ("Not saved: ...") and return False."""
        try:
            self.store.record(self.ex["id"], value, result)
        except progress.NotSaved as e:
            self.notice.value = feedback.notice_html(str(e))
            self._unsaved = True
            return False
        told = self.store.take_notice()
        if told:
            self.notice.value = feedback.notice_html(told)
        elif getattr(self, "_unsaved", False):
            self.notice.value = ""  # the earlier "not saved" no longer holds
        self._unsaved = False
        return True

    def on_check(self, _button=None) -> None:
        result = scoring.check(self.ex, self.value())
        self.show(result)
        if self.save:
            self.keep(self.value(), result)
        if self.on_result is not None:
            self.on_result(result)

    def show(self, result) -> None:
        self.feedback.value = feedback.result_html(result)


def _choices(labels_values) -> w.RadioButtons:
    """A row of radio buttons: native inputs, so the chosen one is announced as checked and
    Tab and Space reach and pick each option."""
    picker = w.RadioButtons(options=labels_values, value=None, orientation="horizontal",
                            layout=w.Layout(width="auto"))
    picker.add_class("lmcourse-choices")
    return picker


def _show_per_item(self, result) -> None:
    """Each item's note beside it (sorting statements, situations to place), and the
    summary below."""
    by_key = {record.key: record for record in result.records}
    for item in self.ex["items"]:
        record = by_key.get(f"{self.ex['id']}/{item['id']}")
        self.notes[item["id"]].value = feedback.record_html(record) if record else ""
    self.feedback.value = feedback.result_html(result, with_lines=False)


class Classify(ExerciseWidget):
    """Sort statements into categories; feedback appears under each statement."""

    def build(self):
        opts = [(scoring.LABELS[c], c) for c in self.ex["categories"]]
        self.pickers, self.notes, self.rows = {}, {}, []
        for n, item in enumerate(self.ex["items"], 1):
            pick = _choices(opts)
            pick.observe(self._guard(self.changed), names="value")
            note = w.HTML(layout=_FULL)
            self.pickers[item["id"]], self.notes[item["id"]] = pick, note
            text = w.HTML(f"<strong>{n}.</strong> {escape(item['text'])}", layout=_FULL)
            self.rows.append(w.VBox([text, pick, note], layout=w.Layout(
                width="100%", margin="0 0 8px 0")))

    def body(self):
        return self.rows

    def value(self):
        return {k: p.value for k, p in self.pickers.items() if p.value is not None}

    def set_value(self, value):
        for k, cat in (value.items() if isinstance(value, dict) else ()):
            if k in self.pickers and cat in self.ex["categories"]:
                self.pickers[k].value = cat

    show = _show_per_item


class Scenario(ExerciseWidget):
    """One best answer among options."""

    def build(self):
        self.radio = w.RadioButtons(
            options=[(o["text"], o["id"]) for o in self.ex["options"]], value=None,
            layout=w.Layout(width="100%"))
        self.radio.observe(self._guard(self.changed), names="value")

    def body(self):
        return [self.radio]

    def value(self):
        return self.radio.value

    def set_value(self, value):
        if isinstance(value, str) and value in {o["id"] for o in self.ex["options"]}:
            self.radio.value = value


class Multi(ExerciseWidget):
    """Tick every option that applies."""

    def build(self):
        self.boxes = {}
        for o in self.ex["options"]:
            box = w.Checkbox(value=False, description=o["text"], indent=False,
                             layout=w.Layout(width="100%"))
            box.observe(self._guard(self.changed), names="value")
            self.boxes[o["id"]] = box

    def body(self):
        return list(self.boxes.values())

    def value(self):
        return [k for k, box in self.boxes.items() if box.value]

    def set_value(self, value):
        for k in (value if isinstance(value, list) else ()):
            if isinstance(k, str) and k in self.boxes:
                self.boxes[k].value = True


class SelfAssessment(ExerciseWidget):
    """Questions about what the learner does, each option labelled in words (a frequency
    scale, and "I have not had the chance", which is left out of the score); no right
    answer. The learner's profile, this difference highlighted, is drawn once every
    question is answered or when **Show my scores** is pressed, and not after each answer:
    a chart that moved with every click would invite answering for the picture. Answers
    carried over from an older self-assessment that asked differently are shown beside
    the question asked today ("asked again; your earlier answer was ...")."""

    check_label = "Show my scores"

    def build(self):
        scale = self.ex["scale"]
        saved = self.store.answer(self.ex["id"]) if self.save else None
        earlier = [e for e in (saved or {}).get("earlier") or [] if isinstance(e, dict)]
        self.pickers, self.rows, self.chart = {}, [], None
        for n, item in enumerate(self.ex["items"], 1):
            pick = _choices([(label, i) for i, label in enumerate(scale)])
            pick.observe(self._guard(self._moved), names="value")
            self.pickers[item["id"]] = pick
            said = [e for e in earlier if e.get("item") == item["id"]]
            self.rows.append(w.VBox(
                [w.HTML(f"<strong>{n}.</strong> {escape(item['text'])}", layout=_FULL), pick,
                 *[w.HTML(_earlier_html(e, item)) for e in said]],
                layout=w.Layout(width="100%", margin="0 0 6px 0")))
        gone = [e for e in earlier if e.get("item") not in self.pickers]
        if gone:
            self.rows.append(w.HTML("<p><small>Earlier answers to questions no longer asked: "
                                    + "; ".join(f"\u201c{escape(str(e.get('question')))}"
                                                f"\u201d: {escape(str(e.get('answer')))}"
                                                for e in gone) + ".</small></p>"))
        self.chart_box = w.VBox([w.HTML(
            "<p class='lmcourse-chart-waiting'><small>Your scores and your profile chart "
            "appear here when every question is answered, or when you press <strong>Show my "
            "scores</strong>.</small></p>")], layout=w.Layout(flex="0 1 430px"))

    def complete(self) -> bool:
        return len(self.value()) == len(self.ex["items"])

    def _series(self):
        poles = profile.pole_profile(content.load_course(), self._data())
        return [("Leadership side", poles["leadership"]),
                ("Management side", poles["management"])]

    def _data(self):
        data = self.store.load()
        data["answers"][self.ex["id"]] = {"value": self.value()}
        return data

    def draw(self) -> None:
        """Draw (or redraw) the profile chart with the answers as they stand."""
        from .livechart import LiveChart

        series = self._series()
        if self.chart is None:
            diff = content.DIFFERENCE_IDS.index(self.ex["difference"])
            self.chart = LiveChart("Your profile so far", profile.LABELS, series,
                                   highlight=diff, missing_key=True)
            self.chart_box.children = [self.chart.widget]
        else:
            self.chart.show([v for _, v in series])

    def _moved(self, change=None):
        self.changed(change)
        if self._restoring:
            return
        if self.complete() and change is not None and change.get("old") is None:
            self.show(scoring.check(self.ex, self.value()))  # the set is now answered
            return
        n, total = len(self.value()), len(self.ex["items"])
        then = ("press Show my scores to update them." if self.chart is not None else
                "your scores appear when every question is answered, or press Show my "
                "scores.")
        self.feedback.value = (f"<p role='status' style='margin:6px 0'>Saved: {n} of "
                               f"{total} answered; {then}</p>")

    def show(self, result) -> None:
        self.feedback.value = feedback.result_html(result)
        if result.status != "empty":
            self.draw()

    def body(self):
        questions = w.VBox(self.rows, layout=w.Layout(flex="1 1 420px",
                                                       min_width="min(320px, 100%)"))
        return [w.HBox([questions, self.chart_box], layout=w.Layout(flex_flow="row wrap",
                                                                    width="100%"))]

    def value(self):
        return {k: p.value for k, p in self.pickers.items() if p.value is not None}

    def set_value(self, value):
        for k, v in (value.items() if isinstance(value, dict) else ()):
            if k in self.pickers and isinstance(v, int) and not isinstance(v, bool) \
                    and 0 <= v < len(self.ex["scale"]):
                self.pickers[k].value = v
        if self.complete():
            self.show(scoring.check(self.ex, self.value()))


def _earlier_html(earlier: dict, item: dict) -> str:
    """The note under a question asked again: the learner's earlier answer, and the
    earlier question when it was worded differently."""
    said = escape(str(earlier.get("answer", "")))
    asked = str(earlier.get("question", ""))
    before = (f" to the earlier question \u201c{escape(asked)}\u201d" if asked and asked !=
              item["text"] else "")
    return (f"<p style='margin:0 0 4px 0'><small><em>Asked again; your earlier answer was "
            f"\u201c{said}\u201d{before}.</em></small></p>")


class Place(ExerciseWidget):
    """Which difference is this? For each situation, a difference among those listed and a
    side; feedback appears under each situation."""

    def build(self):
        diffs = [(content.DIFFERENCE_LABELS[d], d) for d in self.ex["differences"]]
        sides = [("Leadership side", "leadership"), ("Management side", "management")]
        self.diffs, self.sides, self.notes, self.rows = {}, {}, {}, []
        for n, item in enumerate(self.ex["items"], 1):
            diff, side = _choices(diffs), _choices(sides)
            diff.description, side.description = "Difference:", "Side:"
            diff.style.description_width = side.style.description_width = "6.5em"
            for pick in (diff, side):
                pick.observe(self._guard(self.changed), names="value")
            note = w.HTML(layout=_FULL)
            self.diffs[item["id"]], self.sides[item["id"]] = diff, side
            self.notes[item["id"]] = note
            text = w.HTML(f"<strong>{n}.</strong> {escape(item['text'])}", layout=_FULL)
            self.rows.append(w.VBox([text, diff, side, note], layout=w.Layout(
                width="100%", margin="0 0 10px 0")))

    def body(self):
        return self.rows

    def value(self):
        out = {}
        for k in self.diffs:
            pick = {"difference": self.diffs[k].value, "side": self.sides[k].value}
            pick = {part: v for part, v in pick.items() if v is not None}
            if pick:
                out[k] = pick
        return out

    def set_value(self, value):
        for k, pick in (value.items() if isinstance(value, dict) else ()):
            if k not in self.diffs or not isinstance(pick, dict):
                continue
            if pick.get("difference") in self.ex["differences"]:
                self.diffs[k].value = pick["difference"]
            if pick.get("side") in ("leadership", "management"):
                self.sides[k].value = pick["side"]

    show = _show_per_item


class Example(ExerciseWidget):
    """A faded worked example: shown steps, and steps the learner completes; each checked
    step gets its feedback and then the worked step."""

    def build(self):
        self.pickers, self.notes, self.worked, self.rows = {}, {}, {}, []
        for step in self.ex["steps"]:
            title = f"<strong>{escape(step['title'])}</strong>"
            if "options" not in step:
                self.rows.append(w.HTML(f"<div class='lmcourse-step'>{title}<br>"
                                        f"{escape(step['text'])}</div>", layout=_FULL))
                continue
            radio = w.RadioButtons(options=[(o["text"], o["id"]) for o in step["options"]],
                                   value=None, layout=w.Layout(width="100%"))
            radio.observe(self._guard(self.changed), names="value")
            note, worked = w.HTML(layout=_FULL), w.HTML(layout=_FULL)
            self.pickers[step["id"]], self.notes[step["id"]] = radio, note
            self.worked[step["id"]] = worked
            self.rows.append(w.VBox([
                w.HTML(f"<div class='lmcourse-step'>{title} <em>(your turn)</em><br>"
                       f"{escape(step['question'])}</div>", layout=_FULL),
                radio, note, worked], layout=w.Layout(width="100%", margin="0 0 6px 0")))

    def body(self):
        return self.rows

    def value(self):
        return {k: p.value for k, p in self.pickers.items() if p.value is not None}

    def set_value(self, value):
        for k, v in (value.items() if isinstance(value, dict) else ()):
            if k in self.pickers and isinstance(v, str) and v in {
                    o[1] for o in self.pickers[k].options}:
                self.pickers[k].value = v

    def show(self, result):
        by_key = {record.key: record for record in result.records}
        for step in content.blanks(self.ex):
            record = by_key.get(f"{self.ex['id']}/{step['id']}")
            done = record is not None and record.status != "open"
            self.notes[step["id"]].value = (feedback.line_html(record.status == "right",
                                                               record.explanation)
                                            if done else "")
            self.worked[step["id"]].value = (feedback.worked_html(step["text"])
                                             if done and step.get("text") else "")
        self.feedback.value = feedback.result_html(result, with_lines=False)


class Reflection(ExerciseWidget):
    """Free text, saved when the learner leaves the box or presses Save; once saved, an
    exemplar answer and a three-point self-check (when the exercise has them)."""

    check_label = "Save"

    def show(self, result):
        extra = (feedback.exemplar_html(self.ex["exemplar"], self.ex["self_check"])
                 if result.status == "saved" and self.ex.get("exemplar") else "")
        self.feedback.value = feedback.result_html(result) + extra

    def build(self):
        self.text = w.Textarea(placeholder=self.ex.get("placeholder", "Write here..."),
                               rows=5, continuous_update=False,
                               layout=w.Layout(width="100%"))
        self.text.observe(self._guard(self.changed), names="value")

    def body(self):
        return [self.text]

    def value(self):
        return self.text.value

    def set_value(self, value):
        if isinstance(value, str):
            self.text.value = value

    def changed(self, _change=None) -> None:
        """Save the text when the learner leaves the box; an emptied box saves nothing, so
        a saved text is never replaced by nothing."""
        if self.value().strip():
            super().changed()

    def on_check(self, _button=None) -> None:
        if self.value().strip() or not self.save:
            super().on_check()
            return
        kept = self.store.value(self.ex["id"])
        if isinstance(kept, str) and kept.strip():
            words = len(kept.split())
            self.feedback.value = feedback.notice_html(
                f"The box is empty, so nothing was saved: your earlier text ({words} word"
                f"{'s' if words != 1 else ''}) is still saved. Run this cell again to see it.")
        else:
            self.show(scoring.check(self.ex, self.value()))


KINDS = {"classify": Classify, "scenario": Scenario, "multi": Multi,
         "self": SelfAssessment, "reflection": Reflection, "place": Place,
         "example": Example}


def build(ex: dict, store: progress.Progress | None = None, **kw) -> ExerciseWidget:
    """The widget object for an exercise dict (``.box`` is what a notebook displays)."""
    return KINDS[ex["kind"]](ex, store or progress.shared(), **kw)


def exercise(exercise_id: str) -> w.VBox:
    """The widget for one exercise of the course, with any saved answer restored.

    ``exercise_id`` is an exercise's id as text, such as ``"focus-sort"``; anything else
    raises a ``TypeError`` or ``ValueError`` that says what is accepted."""
    if not isinstance(exercise_id, str):
        raise TypeError(f"lm.exercise takes an exercise id as text, such as \"focus-sort\"; "
                        f"it was given {show(exercise_id)} ({type(exercise_id).__name__}).")
    course = content.load_course()
    if exercise_id not in course.exercises:
        near = difflib.get_close_matches(exercise_id, list(course.exercises), n=3)
        hint = (f"Did you mean {' or '.join(map(repr, near))}?" if near else
                "Ids are lowercase words joined by hyphens, such as \"focus-sort\"; each "
                "notebook's cells show the ids of its exercises.")
        raise ValueError(f"There is no exercise {show(exercise_id)} in this course. {hint}")
    return build(course.get(exercise_id)).box
