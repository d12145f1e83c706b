"""journeybook's own pictures and lanes, as markup: what is drawn where, and editor text kept as text.

The value/effort chart, the metric chart, the current-vs-future picture, the
map's figure lanes (channels, metrics, waits) and the table filters are raw
HTML and SVG that Markdown does not touch. These tests read them as XML: a
label that escaped would break the structure or add an element, so the
whole example handbook is rendered with every free-text field poisoned and
every picture parsed.
"""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import EXAMPLE, MINI
from hostile_data import poison_handbook
from journeybook.core import load_handbook
from journeybook.core.models import JourneyFile
from journeybook.render import render_site
from journeybook.render.comparison_chart import columns
from journeybook.render.metric_chart import scale
from journeybook.render.priority_chart import RADIUS, Item, chart, label_boxes, place

PAGES = {p.path: p.content for p in render_site(load_handbook(EXAMPLE))}
QUADRANTS = ("Big bets", "Quick wins", "Fill-ins", "Reconsider")


def figures(page: str, start: str) -> list[ET.Element]:
    """Every line of a page that opens with ``start``, parsed as XML (each picture is one line)."""
    return [ET.fromstring(f"<root>{line}</root>") for line in page.splitlines() if line.startswith(start)]


def texts(element: ET.Element) -> list[str]:
    return [(t.text or "") for t in element.iter() if t.tag.endswith("text")]


# --- value against effort ------------------------------------------------------------------


def _overlaps(box: tuple[float, float, float, float], x: float, y: float, r: float) -> bool:
    """Whether a circle touches a box."""
    nearest_x = min(max(x, box[0]), box[2])
    nearest_y = min(max(y, box[1]), box[3])
    return (x - nearest_x) ** 2 + (y - nearest_y) ** 2 < r * r


def test_a_quadrant_name_moves_away_from_a_point_on_its_corner() -> None:
    # low effort, low value: the point sits where "Fill-ins" would go by default (top left of its quadrant)
    discs = place([Item(1, "a", 1.2, 2.8), Item(2, "b", 1.0, 3.0), Item(3, "c", 5, 5)])
    for box, name in label_boxes(QUADRANTS, discs):
        for disc in discs:
            assert not _overlaps(box, disc.x, disc.y, RADIUS), (name, disc)


def test_points_never_cover_each_other() -> None:
    discs = place([Item(n, str(n), 2, 4) for n in range(1, 7)])
    for a in discs:
        for b in discs:
            if a is not b:
                assert (a.x - b.x) ** 2 + (a.y - b.y) ** 2 >= (2 * RADIUS) ** 2


def test_a_point_lies_in_the_quadrant_of_its_values() -> None:
    # effort 2 and value (2 x 4 + 2) / 3 = 3.33: low effort, high value, "Quick wins" (quadrant 2, top left)
    mini = next(p.content for p in render_site(load_handbook(MINI)) if p.path == "backlog/index.md")
    root = figures(mini, '<div class="jb-diagram jb-figure"')[0]
    quick = next(r for r in root.iter("rect") if r.get("class") == "jb-quadrant jb-quadrant-2")
    left, top = float(quick.get("x", 0)), float(quick.get("y", 0))
    right, bottom = left + float(quick.get("width", 0)), top + float(quick.get("height", 0))
    first = next(g for g in root.iter("g") if g.get("data-rank") == "1")
    circle = first.find("circle")
    assert circle is not None
    assert left < float(circle.get("cx", 0)) < right and top < float(circle.get("cy", 0)) < bottom
    assert sorted(t for t in texts(root) if t in QUADRANTS) == sorted(QUADRANTS)


def test_the_chart_is_its_own_svg_with_a_title_and_numbered_points() -> None:
    html = chart("Value <b>", "Desc & more", ("lo", "hi"), ("lo", "hi"), QUADRANTS, [Item(1, "Item <i>", 2, 4)])
    root = ET.fromstring(f"<root>{html}</root>")
    assert root.find(".//title") is not None and root.find(".//title").text == "Value <b>"  # type: ignore[union-attr]
    assert "Item <i>" in [t.text for t in root.iter("title")]
    assert not list(root.iter("b")) and not list(root.iter("i"))


# --- metrics --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "bottom"),
    [([61, 63, 71, 75], 0.0), ([4.2, 4.6, 5.5], 0.0), ([-20, 5, 30], -20.0), ([0, 0], 0.0)],
)
def test_value_axis_starts_at_zero_or_the_lowest_negative_value(values: list[float], bottom: float) -> None:
    low, high, step = scale(values)
    assert low == bottom and high >= max(values) and step > 0
    assert (high - low) / step <= 10


def test_metric_chart_draws_the_target_as_a_labelled_line() -> None:
    charts = [
        svg
        for svg in figures(PAGES["metrics/index.md"], '<div class="jb-diagram jb-figure"')
        if svg.find(".//line[@class='jb-target']") is not None
    ]
    assert charts, "a metric with a target and two values has a chart with a target line"
    for svg in charts:
        labels = [t for t in texts(svg) if t.startswith("Target ")]
        assert len(labels) == 1
        # the lowest tick of a chart of positive values is zero
        ticks = [t.text for t in svg.iter("text") if t.get("text-anchor") == "end" and t.text]
        assert "0" in ticks
        # the legend under the chart names both lines
        assert len(list(svg.iter("li"))) == 2


# --- current against future -----------------------------------------------------------------


def test_removed_steps_keep_their_place_after_the_step_they_followed() -> None:
    book = load_handbook(EXAMPLE)
    future = next(j for j in book.journeys.values() if j.replaces)
    current: JourneyFile = book.journeys[future.replaces or ""]
    cols = columns(current, future)
    order = [c.step_id for c in cols]
    current_ids = [s.id for p in current.phases for s in p.steps]
    future_ids = [s.id for p in future.phases for s in p.steps]
    assert set(order) == set(current_ids) | set(future_ids) and len(order) == len(set(order))
    # both journeys' own order is kept within the shared one
    assert [s for s in order if s in current_ids] == current_ids
    assert [s for s in order if s in future_ids] == future_ids


def test_comparison_picture_overlays_both_curves_and_both_waits() -> None:
    page = PAGES["journeys/breast-cancer-future/compare.md"]
    (svg,) = figures(page, '<div class="jb-diagram jb-figure"')
    series = [g for g in svg.iter("g") if (g.get("class") or "").startswith("jb-series")]
    assert len(series) == 2  # future, current
    for g in series:
        assert g.find("polyline") is not None
    waits = [g for g in svg.iter("g") if g.get("class") == "jb-wait-pair"]
    hours = [float(g.get("data-hours", 0)) for g in waits]
    widths = [float(g.find("rect").get("width", 0)) for g in waits]  # type: ignore[union-attr]
    longest = max(hours)
    for h, w in zip(hours, widths, strict=True):
        # drawn to one scale: the longest wait gets the full bar, a zero wait a hairline
        assert w == pytest.approx(max(1.0, widths[hours.index(longest)] * h / longest), abs=0.11)
    struck = [g for g in svg.iter("g") if g.get("class") == "jb-step-name jb-removed"]
    assert struck and all(g.find("line") is not None for g in struck)
    added = [g for g in svg.iter("g") if g.get("class") == "jb-step-name jb-added"]
    assert added and all((texts(g) or [""])[0].startswith("+ ") for g in added)
    assert "Values per step" in page  # the same figures as a table


# --- the map's lanes ------------------------------------------------------------------------


def test_waits_are_bars_to_the_journey_scale_with_the_words_beside() -> None:
    page = PAGES["journeys/breast-cancer-current/index.md"]
    bars = re.findall(
        r'<span class="jb-wait" aria-hidden="true" data-hours="([\d.]+)">'
        r'<span class="jb-wait-bar" style="width: ([\d.]+)%"></span></span>([^<]+)</td>',
        page,
    )
    assert bars
    longest = max(float(h) for h, _, _ in bars)
    for hours, width, words in bars:
        assert float(width) == pytest.approx(100 * float(hours) / longest, abs=0.06)
        assert words.strip()
    assert "Full bar:" in page


def test_channels_carry_the_icon_of_their_kind_and_their_name() -> None:
    page = PAGES["journeys/breast-cancer-current/index.md"]
    badge = r'<span class="jb-channel">(<svg [^>]*>)<use xlink:href="#([^"]+)"></use></svg>([^<]+)</span>'
    badges = re.findall(badge, page)
    assert badges
    drawn = dict(re.findall(r'<symbol id="([^"]+)" viewBox="0 0 24 24">(<path d="[^"]+"/>)', page))
    for svg, icon, name in badges:
        assert 'aria-hidden="true"' in svg and name.strip()
        assert drawn.get(icon), icon  # the page holds the drawing its badge refers to, once
        assert page.count(f'<symbol id="{icon}"') == 1


def test_metrics_are_shown_at_the_steps_they_measure() -> None:
    book = load_handbook(EXAMPLE)
    page = PAGES["journeys/breast-cancer-current/index.md"]
    row = next(line for line in page.split("</tr>") if 'class="jb-metric"' in line)
    cells = row.split("<td")[1:]
    steps = [s.id for p in book.journeys["breast-cancer-current"].phases for s in p.steps]
    for metric in book.metrics.values():
        for ref in metric.about:
            journey, _, step = ref.partition("/")
            if journey == "breast-cancer-current" and step in steps:
                assert f"#metric-{metric.id}" in cells[steps.index(step)], (metric.id, step)


# --- filters --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "table"), [("backlog/index.md", "backlog"), ("failure-demand/index.md", "failure-demand")]
)
def test_filtered_tables_mark_every_row_and_offer_the_values_found(path: str, table: str) -> None:
    page = PAGES[path]
    (root,) = figures(page, '<form class="jb-filters"')
    form = root[0]
    assert form.get("hidden") is not None, "hidden until the script shows it: without JavaScript the table is whole"
    offered = {s.get("data-key"): {o.get("value") for o in s.iter("option")} - {""} for s in form.iter("select")}
    assert offered and all(len(v) >= 2 for v in offered.values())
    rows = [line for line in page.splitlines() if line.startswith("| ") and f'data-table="{table}"' in line]
    assert rows
    for line in rows:
        mark = ET.fromstring(re.search(r'<span class="jb-row"[^>]*></span>', line).group(0))  # type: ignore[union-attr]
        for key, values in offered.items():
            assert set((mark.get(f"data-{key}") or "").split()) <= values | {"_none"}


# --- hostile editor text --------------------------------------------------------------------


def test_poisoned_text_stays_text_in_every_picture(tmp_path: Path) -> None:
    folder = tmp_path / "journeys"
    shutil.copytree(EXAMPLE, folder)
    poison_handbook(folder)
    pages = render_site(load_handbook(folder))
    parsed = 0
    for page in pages:
        for start in ('<div class="jb-diagram jb-figure"', '<form class="jb-filters"'):
            for root in figures(page.content, start):
                parsed += 1
                tags = {e.tag.split("}")[-1] for e in root.iter()}
                assert not tags & {"img", "script", "iframe", "object", "foreignObject"}, page.path
                assert not [a for e in root.iter() for a in e.attrib if a.lower().startswith("on")], page.path
        for mark in re.findall(r'<span class="jb-row"[^>]*></span>', page.content):
            ET.fromstring(mark)
    assert parsed >= 5  # priority, metric charts, comparison, two filter forms
