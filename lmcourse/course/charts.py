"""Chart widgets beyond single exercises: skills, case pairs, pair-up, the learner's profile.

Each function wires a few controls to :mod:`lmcourse.core.profile` (pure) and draws with a
:class:`lmcourse.course.livechart.LiveChart`, which redraws one figure in place.
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
                       continuous_update=False, style={"description_width": "130px"},
                       layout=_fit("360px"))


def _fit(width: str) -> w.Layout:
    """``width`` wide where there is room, narrower (never wider than the page) where not."""
    return w.Layout(width="100%", max_width=width)


def skills_rating() -> w.VBox:
    """Nine sliders (0-10), one per skill, drawn live as a radar; spokes say their role."""
    store = progress.shared()
    saved = store.value(SKILLS_ID) or {}
    skills = profile.skills()
    labels = [f"{s['label']} ({ROLE_MARK[s['role']]})" for s in skills]
    # Nine spokes crowd the bottom of the chart: the drawn labels break before the role.
    drawn = [label.replace(" (", "\n(") for label in labels]
    sliders = {s["id"]: _slider(s["label"], int(saved.get(s["id"], 5)), 0, 10) for s in skills}
    for s in skills:
        sliders[s["id"]].tooltip = s["hint"]

    def values():
        return [sliders[s["id"]].value for s in skills]

    chart = LiveChart("Your skills, as you rate them (0-10)", drawn,
                      [("Your rating", values())], limit=10, unit="of 10",
                      rings=(2, 4, 6, 8, 10), alt_labels=labels)
    note = w.HTML()

    def describe(saved_now: str) -> None:
        lead = [sliders[s["id"]].value for s in skills if s["role"] == "leadership"]
        manage = [sliders[s["id"]].value for s in skills if s["role"] == "management"]
        note.value = (f"<p role='status'>Leadership skills (L) average "
                      f"{sum(lead) / len(lead):.1f}; management skills (M) average "
                      f"{sum(manage) / len(manage):.1f}; communication (L+M) "
                      f"{sliders['communication'].value}.{saved_now}</p>")

    def moved(_=None):
        chart.show([values()])
        try:
            store.record(SKILLS_ID, {s["id"]: sliders[s["id"]].value for s in skills})
        except progress.NotSaved as e:
            describe("")
            note.value += feedback.notice_html(str(e))
            return
        describe(" Saved.")

    for slider in sliders.values():
        slider.observe(moved, names="value")
    describe("")  # drawing the saved ratings saves nothing: only a slider moved does
    key = ("<p><small>Spokes marked <strong>L</strong> are leadership skills, "
           "<strong>M</strong> management skills, <strong>L+M</strong> both.</small></p>")
    box = styled(w.HBox([w.VBox(list(sliders.values()) + [note],
                                layout=w.Layout(flex="1 1 360px", max_width="400px")),
                         w.VBox([chart.widget, w.HTML(key)])],
                        layout=w.Layout(flex_flow="row wrap")), "lmcourse-skills")
    box.chart = chart
    return box


def _lean_series(people):
    return [(p["name"], [p["lean"][d] for d in content.DIFFERENCE_IDS]) for p in people]


def case_chart(pair: str) -> w.VBox:
    """A radar comparing the two people of a case pair (``"apple"`` or ``"bulls"``)."""
    data = profile.cases()
    if not isinstance(pair, str) or pair not in data["pairs"]:
        raise ValueError(f"lm.case_chart takes one of {' or '.join(map(repr, data['pairs']))}; "
                         f"it was given {show(pair)}.")
    p = data["pairs"][pair]
    chart = LiveChart(f"{p['title']}: lean on each difference", profile.LABELS,
                      _lean_series(p["people"]))
    why = "".join(f"<li><strong>{escape(x['name'])}</strong>: {escape(x['why'])}</li>"
                  for x in p["people"])
    caption = (f"<p><small>0 = management pole (center), 100 = leadership pole (rim). "
               f"{escape(data['note'])}</small></p><ul>{why}</ul>")
    return styled(w.VBox([chart.widget, w.HTML(caption)]), "lmcourse-case")


PRESETS = {
    "Jobs and Cook (Apple)": ("apple", 0, 1),
    "Jackson and Krause (Bulls)": ("bulls", 0, 1),
    "Two strong leaders": None,
    "Two strong managers": None,
}


def pair_up() -> w.VBox:
    """Two people, a lean slider per difference each; the pair's combined coverage live."""
    diffs = content.DIFFERENCE_IDS
    names = [w.Text(value="Person A", description="Name", layout=_fit("300px")),
             w.Text(value="Person B", description="Name", layout=_fit("300px"))]
    sliders = [[_slider(label, 50, 0, 100, 5) for label in profile.LABELS] for _ in range(2)]
    preset = w.Dropdown(options=["Choose a preset..."] + list(PRESETS), description="Preset",
                        layout=_fit("360px"))
    chart = LiveChart("What the pair covers together", profile.LABELS,
                      [("Leadership side covered", [50] * 7),
                       ("Management side covered", [50] * 7)])
    summary = w.HTML()

    def leans(k):
        return [s.value for s in sliders[k]]

    def moved(_=None):
        lead, manage = profile.coverage(leans(0), leans(1))
        chart.show([lead, manage])
        both = [lbl for lbl, a, b in zip(profile.LABELS, lead, manage, strict=True)
                if a >= 60 and b >= 60]
        gaps = [lbl for lbl, a, b in zip(profile.LABELS, lead, manage, strict=True)
                if a < 60 or b < 60]
        who = f"{escape(names[0].value)} and {escape(names[1].value)}"
        text = (f"{who} cover both sides well (60 or more) on {len(both)} of 7 differences.")
        if gaps:
            text += f" One side is thin on: {escape(', '.join(gaps))}."
        summary.value = f"<p role='status'>{text}</p>"

    def chose(change):
        name = change["new"]
        if name not in PRESETS:
            return
        spec = PRESETS[name]
        if spec is None:
            value = 85 if "leaders" in name else 15
            pair_leans = [[value] * 7, [value - 10 if value > 50 else value + 10] * 7]
            pair_names = ["Leader 1", "Leader 2"] if value > 50 else ["Manager 1", "Manager 2"]
        else:
            people = profile.cases()["pairs"][spec[0]]["people"]
            pair_leans = [[people[i]["lean"][d] for d in diffs] for i in spec[1:]]
            pair_names = [people[i]["name"] for i in spec[1:]]
        for k in range(2):
            names[k].value = pair_names[k]
            for s, v in zip(sliders[k], pair_leans[k], strict=True):
                s.unobserve(moved, names="value")
                s.value = v
                s.observe(moved, names="value")
        moved()

    for row in sliders:
        for s in row:
            s.observe(moved, names="value")
    for t in names:
        t.observe(moved, names="value")
    preset.observe(chose, names="value")
    moved()
    columns = w.HBox([w.VBox([names[k], *sliders[k]],
                             layout=w.Layout(flex="1 1 360px", max_width="400px"))
                      for k in range(2)], layout=w.Layout(flex_flow="row wrap"))
    hint = w.HTML("<p><small>Each slider is a lean: 0 = management pole, 100 = leadership "
                  "pole. Use Tab to reach a slider and the arrow keys to move it.</small></p>")
    box = styled(w.VBox([preset, hint, columns, w.HBox([chart.widget]), summary]),
                 "lmcourse-pairup")
    box.chart = chart
    box.sliders = sliders
    box.preset = preset
    return box


def my_profile() -> w.VBox:
    """The learner's profile from saved self-assessments, and a comparison chart."""
    store = progress.shared()
    course = content.load_course()
    told = store.take_notice()
    notice = w.HTML(feedback.notice_html(told) if told else "")

    def current():
        data = store.load()
        return profile.pole_profile(course, data), profile.lean_profile(course, data)

    poles, mine = current()
    sides = LiveChart("Your profile: both sides", profile.LABELS,
                      [("Leadership side", poles["leadership"]),
                       ("Management side", poles["management"])], missing_key=True)
    people = {p["name"]: p for pair in profile.cases()["pairs"].values() for p in pair["people"]}
    fixed = {"Balanced (50 on every difference)": 50, "The leadership pole (100)": 100,
             "The management pole (0)": 0}
    pick = w.Dropdown(options=list(fixed) + list(people), description="Compare with",
                      style={"description_width": "100px"}, layout=_fit("380px"))

    def other():
        if pick.value in people:
            return [people[pick.value]["lean"][d] for d in content.DIFFERENCE_IDS]
        return [fixed[pick.value]] * 7

    compare = LiveChart("Your lean compared",
                        profile.LABELS, [("You", mine), (pick.value, other())],
                        missing_key=True)
    summary = w.HTML()

    def refresh(_=None):
        nonlocal poles, mine
        poles, mine = current()
        sides.show([poles["leadership"], poles["management"]])
        compare.rename(1, pick.value)
        compare.show([mine, other()])
        answered = [lbl for lbl, v in zip(profile.LABELS, mine, strict=True) if v is not None]
        missing = [lbl for lbl, v in zip(profile.LABELS, mine, strict=True) if v is None]
        text = f"You have answered the self-assessment of {len(answered)} of 7 differences."
        if missing:
            text += (f" Not answered yet: {', '.join(missing)}; they are marked with a hollow "
                     "circle, not drawn as zero.")
        summary.value = f"<p role='status'>{escape(text)}</p>"

    pick.observe(refresh, names="value")
    update = w.Button(description="Update from my latest answers", icon="refresh",
                      layout=w.Layout(width="auto"))
    scale = w.HTML("<p><small>Left: your score on each side, 0-100. Right: your lean, "
                   "0 = management pole (center), 100 = leadership pole (rim).</small></p>")
    update.on_click(refresh)
    store.listen(lambda _what: refresh(), key=_cell_key("my_profile"))
    refresh()
    charts = w.HBox([sides.widget, w.VBox([pick, compare.widget])],
                    layout=w.Layout(flex_flow="row wrap"))
    box = styled(w.VBox([notice, summary, w.HBox([update]), charts, scale]), "lmcourse-profile")
    box.charts = (sides, compare)
    box.pick = pick
    return box
