"""Chart widgets beyond single exercises: skills, case pairs, pair-up, the learner's profile.

Each function wires a few controls to :mod:`lmcourse.core.profile` (pure) and draws with a
:class:`lmcourse.course.livechart.LiveChart`, which redraws one figure in place. Every
profile is two series on one radar, the leadership side and the management side, each a
score from 0 (centre) to 100 (rim): two amounts, never one lean between two poles.
"""

from __future__ import annotations

from html import escape

import ipywidgets as w

from ..core import content, feedback, profile, progress
from ..core.problems import show
from .livechart import LiveChart
from .style import styled

__all__ = ["skills_rating", "case_chart", "pair_up", "my_profile"]

ROLE_MARK = {"leadership": "L", "management": "M", "both": "L+M"}
SKILLS_ID = profile.SKILLS_ID
SIDES = ("leadership", "management")
SIDE_NAME = {"leadership": "Leadership side", "management": "Management side"}
#: A score at or above this covers a side well (one line for the whole course).
WELL = profile.WELL
NOT_RATED = "not rated"


def _cell_key(name: str) -> tuple:
    """A key for a listener: the widget's name and the notebook cell that is running, so
    running that cell again replaces the listener instead of adding one (outside
    JupyterLab, where cells have no id, one listener per name)."""
    cell = None
    try:
        from IPython import get_ipython

        kernel = getattr(get_ipython(), "kernel", None)
        if kernel is not None:
            cell = (kernel.get_parent("shell").get("metadata") or {}).get("cellId")
    except Exception:  # noqa: BLE001 - no kernel, no id: fall back to the name alone
        cell = None
    return (name, cell)


def _slider(description: str, value: int, lo: int, hi: int, step: int = 1) -> w.IntSlider:
    return w.IntSlider(value=value, min=lo, max=hi, step=step, description=description,
                       continuous_update=False, style={"description_width": "150px"},
                       layout=_fit("380px"))


def _fit(width: str) -> w.Layout:
    """``width`` wide where there is room, narrower (never wider than the page) where not."""
    return w.Layout(width="100%", max_width=width)


def _band(value: int) -> str:
    return "low" if value <= 3 else "middle" if value <= 6 else "high"


def _levels_html(skill: dict, value: int | None) -> str:
    """What the slider's position means for this skill, in words."""
    levels = skill["levels"]
    if value is None:
        text = (f"Not rated yet. Low (0-3): {levels['low']}. Middle (4-6): "
                f"{levels['middle']}. High (7-10): {levels['high']}.")
    else:
        band = _band(value)
        text = f"{value} of 10, {band}: {levels[band]}."
    return (f"<p style='margin:0 0 8px 134px;max-width:520px;line-height:1.35'>"
            f"<small>{escape(text)}</small></p>")


def skills_rating() -> w.HBox:
    """Nine sliders, one per skill: "not rated" until moved, then 0-10, each level described
    in words; drawn live as a radar whose spokes say their role. Only rated skills are
    saved and drawn: an untouched slider is not a 5."""
    store = progress.shared()
    entry = store.answer(SKILLS_ID) or {}
    saved = entry.get("value") if isinstance(entry.get("value"), dict) else {}
    earlier = [e for e in entry.get("earlier") or [] if isinstance(e, dict)]
    skills = profile.skills()
    labels = [f"{s['label']} ({ROLE_MARK[s['role']]})" for s in skills]
    # Nine spokes crowd the bottom of the chart: the drawn labels break before the role.
    drawn = [label.replace(" (", "\n(") for label in labels]
    options = [(NOT_RATED, -1)] + [(str(k), k) for k in range(11)]
    sliders, levels = {}, {}
    for s in skills:
        start = saved.get(s["id"])
        start = start if isinstance(start, int) and not isinstance(start, bool) \
            and 0 <= start <= 10 else -1
        sliders[s["id"]] = w.SelectionSlider(
            options=options, value=start, description=s["label"], continuous_update=False,
            tooltip=s["hint"], style={"description_width": "130px"},
            layout=_fit("360px"))
        levels[s["id"]] = w.HTML(_levels_html(s, start if start >= 0 else None))

    def rating(skill_id):
        value = sliders[skill_id].value
        return value if value >= 0 else None

    def values():
        return [rating(s["id"]) for s in skills]

    chart = LiveChart("Your skills, as you rate them (0-10)", drawn,
                      [("Your rating", values())], limit=10, unit="of 10",
                      rings=(2, 4, 6, 8, 10), alt_labels=labels, missing_key=True,
                      missing_label=NOT_RATED)
    note = w.HTML()

    def mean(role):
        rated = [rating(s["id"]) for s in skills if s["role"] == role
                 and rating(s["id"]) is not None]
        return f"{sum(rated) / len(rated):.1f} ({len(rated)} rated)" if rated else NOT_RATED

    def describe(saved_now: str) -> None:
        talk = rating("communication")
        note.value = (f"<p role='status'>Leadership skills (L) average {mean('leadership')}; "
                      f"management skills (M) average {mean('management')}; communication "
                      f"(L+M) {talk if talk is not None else NOT_RATED}.{saved_now}</p>")

    def moved(change=None):
        owner = getattr(change, "owner", None) if change is not None else None
        for s in skills:
            if sliders[s["id"]] is owner:
                levels[s["id"]].value = _levels_html(s, rating(s["id"]))
        chart.show([values()])
        rated = {s["id"]: rating(s["id"]) for s in skills if rating(s["id"]) is not None}
        try:
            store.record(SKILLS_ID, rated)
        except progress.NotSaved as e:
            describe("")
            note.value += feedback.notice_html(str(e))
            return
        describe(" Saved.")

    for slider in sliders.values():
        slider.observe(moved, names="value")
    describe("")  # drawing the saved ratings saves nothing: only a slider moved does
    key = ("<p><small>Spokes marked <strong>L</strong> are leadership skills, "
           "<strong>M</strong> management skills, <strong>L+M</strong> both. A skill you "
           "have not rated is marked with a hollow circle, not drawn as a number. Use Tab to "
           "reach a slider and the arrow keys to move it; all the way left is "
           "\u201cnot rated\u201d.</small></p>")
    rows = [w.VBox([sliders[s["id"]], levels[s["id"]]]) for s in skills]
    if earlier and not saved:
        rows.insert(0, w.HTML(
            "<p><small><em>Asked again: your earlier file had "
            + escape("; ".join(f"{e.get('answer')} ({e.get('question')})" for e in earlier))
            + ". Older versions of the course saved that without a slider being moved, so "
            "those ratings are shown as not rated. Rate each skill again.</em></small></p>"))
    box = styled(w.HBox([w.VBox(rows + [note],
                                layout=w.Layout(flex="1 1 360px", max_width="560px")),
                         w.VBox([chart.widget, w.HTML(key)])],
                        layout=w.Layout(flex_flow="row wrap")), "lmcourse-skills")
    box.chart = chart
    box.sliders = sliders
    return box


def _series(profile_: dict, who: str = "") -> list:
    """A profile's two series, named for the legend and the alt text."""
    return [(f"{who}, {SIDE_NAME[side].lower()}" if who else SIDE_NAME[side], profile_[side])
            for side in SIDES]


def _sources_html(person: dict) -> str:
    items = "".join(f"<li>{escape(src)}</li>" for src in person["sources"])
    return (f"<p style='margin-bottom:0'><small>Sources for <strong>"
            f"{escape(person['name'])}</strong> ({escape(person['role'])}):</small></p>"
            f"<ul style='margin-top:0;font-size:0.9em'>{items}</ul>")


def case_chart(pair: str) -> w.VBox:
    """The two people of a case pair (``"apple"`` or ``"bulls"``), each drawn on both
    scales: a radar per person with the leadership side and the management side, and the
    sources of each reading (its reasons, in ``cases.json``, are the notebook's prose)."""
    data = profile.cases()
    if not isinstance(pair, str) or pair not in data["pairs"]:
        raise ValueError(f"lm.case_chart takes one of {' or '.join(map(repr, data['pairs']))}; "
                         f"it was given {show(pair)}.")
    p = data["pairs"][pair]
    charts = [LiveChart(f"{x['name']}: both sides, as we read them", profile.LABELS,
                        _series(profile.case_profile(x)), size=4.2) for x in p["people"]]
    caption = (f"<p><small>{escape(data['note'])} Both scores run from 0 at the centre to "
               f"100 at the rim.</small></p>" + "".join(_sources_html(x) for x in p["people"]))
    box = styled(w.VBox([w.HBox([c.widget for c in charts],
                                layout=w.Layout(flex_flow="row wrap")), w.HTML(caption)]),
                 "lmcourse-case")
    box.charts = charts
    return box


def _pair_presets() -> dict:
    """Preset name -> (two names, two profiles); None for "Me" alone, or ("me", name,
    profile) for the learner beside one person from the cases (notebook 10 asks for that
    comparison); profiles as :func:`lmcourse.core.profile.pole_profile` gives them."""
    def flat(lead, manage):
        return {"leadership": [lead] * 7, "management": [manage] * 7}

    presets = {}
    for pair in profile.cases()["pairs"].values():
        a, b = pair["people"]
        short = pair["title"].split(":")[0]
        presets[f"{a['name'].split()[-1]} and {b['name'].split()[-1]} ({short})"] = (
            [a["name"], b["name"]], [profile.case_profile(a), profile.case_profile(b)])
    presets["Me, from my self-assessments (as person A)"] = None
    for pair in profile.cases()["pairs"].values():
        for person in pair["people"]:
            presets[f"Me, with {person['name']} as person B"] = (
                "me", person["name"], profile.case_profile(person))
    presets["One strong at both sides, one at neither"] = (
        ["Strong at both", "Strong at neither"], [flat(85, 85), flat(20, 20)])
    presets["Two strong on the leadership side only"] = (
        ["Leader 1", "Leader 2"], [flat(85, 20), flat(80, 25)])
    presets["Two strong on the management side only"] = (
        ["Manager 1", "Manager 2"], [flat(20, 85), flat(25, 80)])
    return presets


def pair_up() -> w.VBox:
    """Two people, two scores per difference each (the leadership side and the management
    side, 0-100); what the pair covers on each side is the better of their two scores,
    drawn live. Presets load the case pairs, a few made-up pairs, and the learner's own
    scores ("Me")."""
    labels = profile.LABELS
    names = [w.Text(value="Person A", description="Name", layout=_fit("300px")),
             w.Text(value="Person B", description="Name", layout=_fit("300px"))]
    sliders = [{side: [_slider(f"{label} ({side[0].upper()})", 50, 0, 100, 5)
                       for label in labels] for side in SIDES} for _ in range(2)]
    presets = _pair_presets()
    preset = w.Dropdown(options=["Choose a preset..."] + list(presets), description="Preset",
                        layout=_fit("420px"))
    chart = LiveChart("What the pair covers together", labels,
                      [("Leadership side covered", [50] * 7),
                       ("Management side covered", [50] * 7)])
    summary = w.HTML()
    said = w.HTML()

    def person(k):
        return {side: [s.value for s in sliders[k][side]] for side in SIDES}

    def moved(_=None):
        covered = profile.coverage(person(0), person(1))
        chart.show([covered["leadership"], covered["management"]])
        thin = {side: [f"{lbl} ({v})" for lbl, v in zip(labels, covered[side], strict=True)
                       if v < WELL] for side in SIDES}
        well = sum(1 for a, b in zip(covered["leadership"], covered["management"],
                                     strict=True) if a >= WELL and b >= WELL)
        who = f"{escape(names[0].value)} and {escape(names[1].value)}"
        text = f"{who} cover both sides well ({WELL} or more) on {well} of 7 differences."
        said = [f"the {side} side of {', '.join(thin[side])}" for side in SIDES if thin[side]]
        if said:
            text += f" Thin: {escape('; '.join(said))}."
        summary.value = f"<p role='status'>{text}</p>"

    def load(k, name, scores):
        names[k].value = name
        for side in SIDES:
            for s, v in zip(sliders[k][side], scores[side], strict=True):
                if v is None:
                    continue
                s.unobserve(moved, names="value")
                s.value = int(round(v / 5) * 5)
                s.observe(moved, names="value")

    def chose(change):
        name = change["new"]
        if name not in presets:
            return
        said.value = ""
        if presets[name] is None or presets[name][0] == "me":
            if presets[name] is not None:
                load(1, *presets[name][1:])
            mine = profile.pole_profile(content.load_course(), progress.shared().load())
            who = progress.shared().learner.get("name") or "Me"
            load(0, who, mine)
            missing = [lbl for lbl, a, b in zip(labels, mine["leadership"], mine["management"],
                                                strict=True) if a is None or b is None]
            if missing:
                said.value = (f"<p role='status'><small>Your self-assessment of "
                              f"{escape(', '.join(missing))} has no score on one side or "
                              "both yet, so those sliders were left where they were; they are "
                              "not your scores.</small></p>")
        else:
            pair_names, scores = presets[name]
            for k in range(2):
                load(k, pair_names[k], scores[k])
        moved()

    for k in range(2):
        for side in SIDES:
            for s in sliders[k][side]:
                s.observe(moved, names="value")
        names[k].observe(moved, names="value")
    preset.observe(chose, names="value")
    moved()

    def column(k):
        parts = [names[k]]
        for side in SIDES:
            parts.append(w.HTML(f"<p style='margin:6px 0 2px 0'><strong>{SIDE_NAME[side]}"
                                "</strong> (0-100)</p>"))
            parts += sliders[k][side]
        return w.VBox(parts, layout=w.Layout(flex="1 1 380px", max_width="420px"))

    hint = w.HTML("<p><small>Each person has two scores per difference, both from 0 to 100: "
                  "how much of the leadership-side work they do (L) and how much of the "
                  "management-side work (M). They are separate amounts: a person can be high "
                  "on both. On each side the pair covers the better of its two scores. Use "
                  "Tab to reach a slider and the arrow keys to move it.</small></p>")
    box = styled(w.VBox([preset, said, hint,
                         w.HBox([column(0), column(1)], layout=w.Layout(flex_flow="row wrap")),
                         w.HBox([chart.widget]), summary]), "lmcourse-pairup")
    box.chart = chart
    box.sliders = sliders
    box.preset = preset
    box.names = names
    box.summary, box.said = summary, said
    return box


def _more_of(lead, manage) -> str:
    """Which side the learner does more of, said beside the two scores."""
    gap = profile.gap(lead, manage)
    if gap is None:
        return "no scores yet"
    if abs(gap) < 10:
        level = "both high" if min(lead, manage) >= WELL else (
            "both low" if max(lead, manage) < 40 else "both middling")
        return f"about the same ({level})"
    return f"{'leadership' if gap > 0 else 'management'} side, by {abs(gap):.0f}"


def score_text(value: float | None) -> str:
    """A score of 0-100 as a table shows it."""
    return "not answered" if value is None else f"{value:.0f}"


def _table(poles: dict) -> str:
    """The two scores per difference as a table, with which side is higher beside them."""
    cell = "style='padding:2px 12px;text-align:left'"
    rows = "".join(
        f"<tr><th scope='row' {cell}>{escape(lbl)}</th><td {cell}>{score_text(a)}</td>"
        f"<td {cell}>{score_text(b)}</td><td {cell}>{escape(_more_of(a, b))}</td></tr>"
        for lbl, a, b in zip(profile.LABELS, poles["leadership"], poles["management"],
                             strict=True))
    head = "".join(f"<th scope='col' {cell}>{h}</th>" for h in
                   ("Difference", "Leadership side", "Management side", "More of"))
    return ("<table style='border-collapse:collapse;margin:6px 0'><caption style='text-align:"
            "left'><small>Your two scores per difference (0-100), and which side you do more "
            f"of</small></caption><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")


def my_profile() -> w.VBox:
    """The learner's profile from saved self-assessments (two series: the leadership side
    and the management side), a table of the two scores with which side is higher beside
    them, and a case person's reading to compare with, drawn the same way."""
    store = progress.shared()
    course = content.load_course()
    told = store.take_notice()
    notice = w.HTML(feedback.notice_html(told) if told else "")

    def current():
        return profile.pole_profile(course, store.load())

    poles = current()
    sides = LiveChart("Your profile: both sides", profile.LABELS, _series(poles),
                      missing_key=True)
    people = {p["name"]: p for pair in profile.cases()["pairs"].values() for p in pair["people"]}
    pick = w.Dropdown(options=list(people), description="Compare with",
                      style={"description_width": "100px"}, layout=_fit("380px"))

    def other():
        return profile.case_profile(people[pick.value])

    compare = LiveChart("A case reading: both sides", profile.LABELS,
                        _series(other(), pick.value))
    summary = w.HTML()
    table = w.HTML()

    def refresh(_=None):
        poles = current()
        sides.show([poles["leadership"], poles["management"]])
        for k, (name, _) in enumerate(_series(other(), pick.value)):
            compare.rename(k, name)
        compare.show([other()["leadership"], other()["management"]])
        table.value = _table(poles)
        answered = [lbl for lbl, a, b in zip(profile.LABELS, poles["leadership"],
                                             poles["management"], strict=True)
                    if a is not None and b is not None]
        missing = [lbl for lbl in profile.LABELS if lbl not in answered]
        text = (f"You have scores on both sides for {len(answered)} of 7 differences.")
        if missing:
            text += (f" Not answered yet on one side or both: {', '.join(missing)}; marked "
                     "with a hollow circle, never drawn as zero.")
        summary.value = f"<p role='status'>{escape(text)}</p>"

    pick.observe(refresh, names="value")
    update = w.Button(description="Update from my latest answers", icon="refresh",
                      layout=w.Layout(width="auto"))
    scale = w.HTML("<p><small>Both charts: two scores per difference, each from 0 (centre) "
                   "to 100 (rim), the leadership side and the management side. They are "
                   "separate amounts: high on both, on one, or on neither are all possible, "
                   "and each reads differently.</small></p>")
    update.on_click(refresh)
    store.listen(lambda _what: refresh(), key=_cell_key("my_profile"))
    refresh()
    charts = w.HBox([sides.widget, w.VBox([pick, compare.widget])],
                    layout=w.Layout(flex_flow="row wrap"))
    box = styled(w.VBox([notice, summary, w.HBox([update]), charts, scale, table]),
                 "lmcourse-profile")
    box.charts = (sides, compare)
    box.pick = pick
    box.table = table
    return box
