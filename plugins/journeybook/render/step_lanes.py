"""Lanes of the journey map that show figures: channels as icons, waiting to scale, metrics at their step.

A reader scans a map for where time goes and where the organisation measures.
So the waiting row draws each wait as a bar whose length is proportional to
the longest wait of the journey (the editor's words stay beside it as text),
the channels carry the icon of their kind next to their name (icons from
mkdocs-material's bundled Material Design set, drawn once in the page and
referred to by each badge, so offline and with the name as the text
alternative), and the metrics row names each metric that
measures the step or one of its pain points, with its latest value and status.

Cells are HTML of the map grid (Markup): editor text is escaped as it is
formatted in, and only the icons, read from the theme's own files, go in as
markup.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from importlib import resources

from markupsafe import Markup, escape

from ..core.models import Channel, JourneyFile, Step, duration_hours
from .context import Context
from .metric_blocks import target_status

#: Material Design icon (mkdocs-material's `.icons/material/`) per channel kind.
CHANNEL_ICONS = {
    "web": "web",
    "app": "cellphone",
    "phone": "phone",
    "letter": "email-outline",
    "email": "at",
    "desk": "storefront-outline",
    "chat": "chat-outline",
    "product": "package-variant-closed",
    "other": "dots-horizontal-circle-outline",
}
_SVG_BODY = re.compile(r"^<svg\b[^>]*>(.*)</svg>$")


@functools.cache
def _icon_paths(name: str) -> str:
    """The drawing of an icon of mkdocs-material's Material Design set (what is inside its <svg>), or ''.

    Empty when the theme's icon files are not installed: the name beside the icon still says it all.
    """
    try:
        source = (resources.files("material") / "templates" / ".icons" / "material" / f"{name}.svg").read_text(
            encoding="utf-8"
        )
    except (ModuleNotFoundError, OSError):
        return ""
    found = _SVG_BODY.search(" ".join(source.split()))
    return found.group(1) if found else ""


def _icon_name(channel: Channel) -> str:
    return CHANNEL_ICONS.get(channel.type, "web")


def channel_badge(channel: Channel) -> Markup:
    """A channel as its kind's icon and its name (the name is the text alternative).

    The icon is a reference to the page's sprite (`icon_sprite`): a journey page
    shows a badge per channel of every step twice (map and cards), and a copy of
    the drawing in each made a third of its HTML at 20 steps. The reference is
    `xlink:href`, which every browser draws alike: mkdocs-material's instant
    navigation sets the `href` property of each element with an `href`
    attribute, and a <use>'s is read-only (its script stopped with a TypeError).
    """
    # An f-string with an explicit escape: a journey page has a badge per channel of every step.
    name = _icon_name(channel)
    badge = (
        f'<svg class="jb-icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">'
        f'<use xlink:href="#jb-icon-{name}"></use></svg>'
        if _icon_paths(name)
        else ""
    )
    return Markup(f'<span class="jb-channel">{badge}{escape(channel.name)}</span>')


def icon_sprite(channels: Iterable[Channel]) -> str:
    """The drawings the page's channel badges refer to, once each, in a hidden SVG ('' when there are none).

    Drawn outside the map and the cards: a phone hides the map, and the cards still need the drawings.
    """
    names = sorted({_icon_name(c) for c in channels} - {""})
    symbols = "".join(
        f'<symbol id="jb-icon-{n}" viewBox="0 0 24 24">{_icon_paths(n)}</symbol>' for n in names if _icon_paths(n)
    )
    if not symbols:
        return ""
    return (
        '<div class="jb-icon-sprite" aria-hidden="true">'
        f'<svg width="0" height="0" focusable="false">{symbols}</svg></div>'
    )


def channels_cell(ctx: Context, step: Step) -> list[Markup]:
    """The step's channels, one badge each, for the touchpoints lane."""
    return [channel_badge(ctx.book.channels[c]) for c in step.channels]


def longest_wait(journey: JourneyFile) -> float:
    return max((duration_hours(s.waiting) for p in journey.phases for s in p.steps), default=0.0)


def waiting_cell(ctx: Context, step: Step, longest: float) -> Markup | str:
    """The wait before a step: a bar to the journey's scale, then the editor's words and the hours read out."""
    if not step.waiting:
        return "–"
    hours = duration_hours(step.waiting)
    share = 100 * hours / longest if longest else 0.0
    # the bar is decorative: the words beside it say the same, and the row title gives the scale
    return Markup(
        '<span class="jb-wait" aria-hidden="true" data-hours="{}">'
        '<span class="jb-wait-bar" style="width: {}%"></span></span>{}'
    ).format(f"{hours:g}", f"{share:.1f}", step.waiting)


def waiting_title(ctx: Context, journey: JourneyFile) -> Markup | str:
    """The waiting lane's row title with its scale: what a full bar stands for."""
    longest = longest_wait(journey)
    if not longest:
        return ctx.L["waiting"]
    scale = ctx.L["wait_scale"].format(longest=ctx.L.duration(longest))
    return Markup('{}<span class="jb-row-note">{}</span>').format(ctx.L["waiting"], scale)


def step_metrics(ctx: Context, journey: JourneyFile, step: Step) -> list[str]:
    """Ids of the metrics about the step or one of its pain points, in the order they are defined."""
    ids: dict[str, None] = {}
    for key in (step.id, *(p.id for p in step.pain_points)):
        refs = ctx.figures.backlinks.get(f"{journey.id}/{key}")
        ids |= dict.fromkeys(refs.metrics if refs else [])
    return list(ids)


def metric_line(ctx: Context, here: str, metric_id: str) -> Markup:
    """A metric's name (linked), its latest value and how it stands against its target."""
    metric = ctx.book.metrics[metric_id]
    values = ctx.book.metric_values.get(metric_id, ())
    out = ctx.metric_a(here, metric_id)
    if values:
        latest = values[-1].value
        text = ctx.L.decimal(latest) + (f" {metric.unit}" if metric.unit else "")
        if metric.target is not None:
            text += f" ({target_status(ctx, metric, latest)})"
        out += Markup(": {}").format(text)
    return out


def metrics_cell(ctx: Context, journey: JourneyFile, step: Step, here: str) -> list[Markup]:
    return [metric_line(ctx, here, m) for m in step_metrics(ctx, journey, step)]
