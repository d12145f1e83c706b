"""Current against future as one picture: both emotion curves and both waits over the same step columns.

The comparison table gives totals; a designer also wants to see *where* the
future journey feels better and waits less. Steps of both journeys are laid
out in one row of columns (the future's order, each removed step kept after
the step it followed), the need groups' average emotion of each journey is
drawn across them (current dashed with squares, future solid with circles,
so the lines read without colour) and under them the wait before each step
as a pair of bars to one scale, with the value written above each bar.
Removed steps are struck through, added ones marked "+". The same figures
come with the picture as a table, for screen readers and for copying.

The figures are read from the journeys the comparison table is built from;
every label passes through ``html_text``/``attr``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..core.analysis import Comparison
from ..core.handbook import journey_steps
from ..core.models import EMOTION_MAX, EMOTION_MIN, JourneyFile, Step, duration_hours
from . import emotion_lane
from .context import Context
from .escape import attr, html_text
from .figure_box import figure_box
from .i18n import Labels
from .label_keys import EMOTION
from .text import details, link, rel, table

#: The picture needs the width: no navigation or table of contents beside it (mkdocs-material `hide`).
PAGE_HIDES = ["navigation", "toc"]
COL = 108
AXIS = 100
NAME_LINES = 3
LINE = 15
HEAD = NAME_LINES * LINE + 14
LEVEL = 26
MARGIN = 14
EMOTION_HEIGHT = 2 * MARGIN + (EMOTION_MAX - EMOTION_MIN) * LEVEL
#: Height of one journey's row of wait bars (its value above the bar).
WAIT_ROW = 30
CHARS_PER_LINE = 14  # at 12 px, in a column of COL


@dataclass(frozen=True)
class Column:
    """One step as the picture shows it: its versions before and after (None when absent)."""

    step_id: str
    before: Step | None
    after: Step | None

    @property
    def name(self) -> str:
        step = self.after or self.before
        assert step is not None
        return step.name

    @property
    def change(self) -> str:
        if self.before is None:
            return "added"
        if self.after is None:
            return "removed"
        return "kept"


def columns(current: JourneyFile, future: JourneyFile) -> list[Column]:
    """The steps of both journeys in one order: the future's, each removed step after the one it followed."""
    before = {s.id: s for _, s in journey_steps(current)}
    after = [s for _, s in journey_steps(future)]
    order = [s.id for s in after]
    previous: str | None = None
    for sid in before:
        if sid not in order:
            order.insert(order.index(previous) + 1 if previous else 0, sid)
        previous = sid
    by_id = {s.id: s for s in after}
    return [Column(sid, before.get(sid), by_id.get(sid)) for sid in order]


def average_emotion(step: Step | None) -> float | None:
    """The mean of the need groups' emotions at a step; None when none is recorded."""
    if step is None or not step.emotion:
        return None
    return sum(step.emotion.values()) / len(step.emotion)


def wait(step: Step | None) -> float | None:
    return None if step is None else duration_hours(step.waiting)


def _lines(name: str) -> list[str]:
    """A step name wrapped to the column, at most NAME_LINES lines, the last shortened with an ellipsis."""
    lines: list[str] = []
    for word in name.split():
        if lines and len(lines[-1]) + 1 + len(word) <= CHARS_PER_LINE:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > NAME_LINES:
        lines = lines[:NAME_LINES]
        lines[-1] = lines[-1][: CHARS_PER_LINE - 1].rstrip() + "…"
    return [line if len(line) <= CHARS_PER_LINE else line[: CHARS_PER_LINE - 1] + "…" for line in lines]


def _signed(L: Labels, value: float) -> str:
    text = L.decimal(abs(value))
    return ("+" if value > 0 else "−" if value < 0 else "") + text


def picture(ctx: Context, comparison: Comparison) -> str:
    """The figure (raw HTML) with its legend; scrolls sideways when wider than the page."""
    L = ctx.L
    cols = columns(comparison.current, comparison.future)
    width = AXIS + len(cols) * COL
    top_emotion = HEAD
    top_bars = HEAD + EMOTION_HEIGHT + 8
    height = top_bars + 16 + 2 * WAIT_ROW + 6
    longest = max((w for c in cols for w in (wait(c.before), wait(c.after)) if w), default=0.0)

    def cx(i: int) -> float:
        return AXIS + (i + 0.5) * COL

    def ey(value: float) -> float:
        return top_emotion + MARGIN + (EMOTION_MAX - value) * LEVEL

    title = L["compare_chart"]
    out = [
        f'<svg class="jb-compare-chart" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{attr(title)}"><desc>{html_text(L["compare_chart_caption"])}</desc>'
    ]
    # step names, with their change marked
    for i, col in enumerate(cols):
        lines = _lines(("+ " if col.change == "added" else "") + col.name)
        klass = f"jb-step-name jb-{col.change}"
        out.append(f'<g class="{klass}" data-step="{attr(col.step_id)}"><title>{html_text(col.name)}</title>')
        for n, line in enumerate(lines):
            y = 4 + LINE * (n + 1)
            out.append(f'<text x="{cx(i):g}" y="{y}" text-anchor="middle">{html_text(line)}</text>')
            if col.change == "removed":
                half = len(line) * 3.4
                out.append(
                    f'<line class="jb-strike" x1="{cx(i) - half:g}" y1="{y - 4}" x2="{cx(i) + half:g}" y2="{y - 4}"/>'
                )
        out.append("</g>")
        out.append(f'<line class="jb-grid-line" x1="{AXIS + i * COL}" y1="0" x2="{AXIS + i * COL}" y2="{height}"/>')
    # emotion: the scale's words, a line per level, the two curves
    for v in range(EMOTION_MIN, EMOTION_MAX + 1):
        out.append(
            f'<text x="{AXIS - 8}" y="{ey(v) + 4:g}" text-anchor="end">{html_text(L[EMOTION[v]])}</text>'
            f'<line class="{"jb-axis" if v == 0 else "jb-grid-line"}" x1="{AXIS}" y1="{ey(v):g}" '
            f'x2="{width}" y2="{ey(v):g}"/>'
        )
    for series, (state, steps) in enumerate(
        ((L["state_future"], [c.after for c in cols]), (L["state_current"], [c.before for c in cols]))
    ):
        out.append(_curve(L, series, state, cols, steps, cx, ey))
    # waiting: per step a bar for the current and one for the future journey, to one scale, value written above
    states = (L["state_current"], L["state_future"])
    out.append(
        f'<text class="jb-axis-name" x="{AXIS - 8}" y="{top_bars + 12}" text-anchor="end">'
        f"{html_text(L['waiting'])}</text>"
    )
    for k, state in enumerate(states):
        out.append(
            f'<text x="{AXIS - 8}" y="{top_bars + 16 + k * WAIT_ROW + 24}" text-anchor="end">{html_text(state)}</text>'
        )
    for i, col in enumerate(cols):
        for k, (state, hours) in enumerate(zip(states, (wait(col.before), wait(col.after)), strict=True)):
            if hours is None:
                continue
            x = AXIS + i * COL + 8
            y = top_bars + 16 + k * WAIT_ROW
            text = L.duration(hours)
            out.append(
                f'<g class="jb-wait-pair" data-step="{attr(col.step_id)}" data-hours="{hours:g}">'
                f"<title>{html_text(f'{col.name}, {state}: {text}')}</title>"
                f'<text x="{x}" y="{y + 13}">{html_text(text)}</text>'
                f'<rect class="{"jb-bar-before" if k == 0 else "jb-bar-after"}" x="{x}" y="{y + 17}" '
                f'width="{max(1.0, (COL - 16) * hours / longest if longest else 0.0):.1f}" height="9"/></g>'
            )
    out.append("</svg>")
    return figure_box(title, "".join(out)) + _legend(ctx)


def _curve(
    L: Labels,
    series: int,
    state: str,
    cols: Sequence[Column],
    steps: Sequence[Step | None],
    cx: Callable[[int], float],
    ey: Callable[[float], float],
) -> str:
    """One journey's average emotion as a line with a marker per step; a gap where a step has no emotion."""
    values = [average_emotion(s) for s in steps]
    dash = emotion_lane.DASHES[series]
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    out = [f'<g class="jb-series jb-series-{series}">']
    run: list[str] = []
    runs: list[list[str]] = []
    for i, (value, step) in enumerate(zip(values, steps, strict=True)):
        if step is None:
            continue  # a step this journey does not have: its line runs on to its next step
        if value is None:
            runs.append(run)
            run = []
        else:
            run.append(f"{cx(i):g},{ey(value):.1f}")
    runs.append(run)
    out += [f'<polyline points="{" ".join(r)}" fill="none" stroke-width="2.5"{dash_attr}/>' for r in runs if len(r) > 1]
    for i, value in enumerate(values):
        if value is None:
            continue
        x, y = cx(i), ey(value)
        tip = html_text(f"{cols[i].name}, {state}: {_signed(L, value)}")
        shape = (
            f'<circle cx="{x:g}" cy="{y:.1f}" r="4.5"'
            if series == 0
            else f'<rect x="{x - 4.5:g}" y="{y - 4.5:.1f}" width="9" height="9"'
        )
        out.append(f'{shape} class="jb-point" data-step="{attr(cols[i].step_id)}"><title>{tip}</title>')
        out.append("</circle>" if series == 0 else "</rect>")
    out.append("</g>")
    return "".join(out)


def _legend(ctx: Context) -> str:
    L = ctx.L

    def swatch(css: str) -> str:
        return (
            f'<svg class="jb-legend-sample" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">'
            f'<rect class="{css}" x="1" y="1" width="12" height="12"/></svg>'
        )

    items = [
        f"<li>{emotion_lane.legend_sample(1)}{swatch('jb-bar-before')}{html_text(L['state_current'])}</li>",
        f"<li>{emotion_lane.legend_sample(0)}{swatch('jb-bar-after')}{html_text(L['state_future'])}</li>",
    ]
    return (
        f'<ul class="jb-figure-legend" aria-label="{attr(L["legend"])}">{"".join(items)}</ul>'
        f'<p class="jb-figure-caption">{html_text(L["compare_chart_caption"])}</p>'
    )


def values_table(ctx: Context, comparison: Comparison, here: str) -> str:
    """The picture's figures as a collapsed table: per step, its change, average emotion and wait, before and after."""
    L = ctx.L
    names = {"added": L["steps_added"], "removed": L["steps_removed"], "kept": "–"}
    rows = []
    for col in columns(comparison.current, comparison.future):
        journey = comparison.future if col.after else comparison.current
        before_e, after_e = average_emotion(col.before), average_emotion(col.after)
        before_w, after_w = wait(col.before), wait(col.after)
        rows.append(
            [
                link(col.name, rel(here, ctx.journey_path(journey.id), f"step-{col.step_id}")),
                names[col.change],
                _signed(L, before_e) if before_e is not None else "–",
                _signed(L, after_e) if after_e is not None else "–",
                L.duration(before_w) if before_w is not None else "–",
                L.duration(after_w) if after_w is not None else "–",
            ]
        )
    head = [
        L["step"],
        L["change"],
        f"{L['average_emotion']}: {L['before'].lower()}",
        f"{L['average_emotion']}: {L['after'].lower()}",
        f"{L['waiting']}: {L['before'].lower()}",
        f"{L['waiting']}: {L['after'].lower()}",
    ]
    return details(f"{L['values_per_step']}: {L['table_equivalent'].lower()}", table(head, rows))


def section(ctx: Context, comparison: Comparison, here: str) -> str:
    """The comparison page's picture: heading, figure with legend, and its table equivalent."""
    return "\n\n".join([f"## {ctx.L['compare_chart']}", picture(ctx, comparison), values_table(ctx, comparison, here)])
