"""The chain pain point -> root cause -> backlog item -> metric, as a diagram and a list."""

from __future__ import annotations

from ..core.handbook import journey_pain_points
from ..core.models import JourneyFile
from . import mermaid
from .context import Context
from .escape import attr
from .text import bullets, inline, link, rel


def chain_for(ctx: Context, journey: JourneyFile) -> mermaid.Chain:
    chain = mermaid.Chain()
    causes = {c.id: c for c in journey.root_causes}
    for _, pain in journey_pain_points(journey):
        pkey = f"pain:{pain.id}"
        chain.nodes[pkey] = (pain.text, "pain")
        for cid in pain.root_causes:
            ckey = f"cause:{cid}"
            chain.nodes[ckey] = (causes[cid].text, "cause")
            chain.edges.append((pkey, ckey))
        for bid in ctx.figures.items_addressing.get(f"{journey.id}/{pain.id}", ()):
            item = ctx.book.backlog[bid].item
            ikey = f"item:{bid}"
            chain.nodes[ikey] = (item.title, "item")
            linked_causes = [r.split("/", 1)[1] for r in item.root_causes if r.startswith(journey.id + "/")]
            sources = [f"cause:{c}" for c in linked_causes if c in pain.root_causes] or [pkey]
            for source in sources:
                if (source, ikey) not in chain.edges:
                    chain.edges.append((source, ikey))
            for mid in item.metrics:
                mkey = f"metric:{mid}"
                chain.nodes[mkey] = (ctx.book.metrics[mid].name, "metric")
                if (ikey, mkey) not in chain.edges:
                    chain.edges.append((ikey, mkey))
    return chain


def journey_trace(ctx: Context, journey: JourneyFile, here: str, *, heading: bool = True) -> str:
    L = ctx.L
    pains = list(journey_pain_points(journey))
    if not pains:
        return ""
    chain = chain_for(ctx, journey)
    diagram = mermaid.fence(mermaid.trace(f"{L['trace']}: {journey.title}", L["chart_trace_desc"], chain))
    diagram += "\n\n" + _legend(ctx, {css for _, css in chain.nodes.values()})
    causes = {c.id: c for c in journey.root_causes}
    items = []
    for _, pain in pains:
        lines = []
        for cid in pain.root_causes:
            lines.append(f"{L['root_cause']}: {inline(causes[cid].text)}")
        for bid in ctx.figures.items_addressing.get(f"{journey.id}/{pain.id}", ()):
            item_metrics = ctx.book.backlog[bid].item.metrics
            metrics = ", ".join(ctx.metric_link(here, m) for m in item_metrics) or f"*{L['none']}*"
            lines.append(f"{L['backlog_item']}: {ctx.backlog_link(here, bid)} → {L['measured_by']}: {metrics}")
        text = link(pain.text, _pain_href(ctx, here, journey.id, pain.id))
        if lines:
            text += "\n" + "\n".join(f"    - {line}" for line in lines)
        items.append(text)
    body = f"{diagram}\n\n{bullets(items)}"
    return f"## {L['trace']}\n\n{L['trace_intro']}\n\n{body}" if heading else body


def _pain_href(ctx: Context, here: str, journey_id: str, pain_id: str) -> str:
    target = ctx.journey_path(journey_id)
    return f"#pain-{pain_id}" if target == here else rel(here, target, f"pain-{pain_id}")


KINDS = {"pain": "pain_point", "cause": "root_cause", "item": "backlog_item", "metric": "metric"}


def _legend(ctx: Context, shown: set[str]) -> str:
    """What each colour of the chain's boxes stands for (raw HTML on one line)."""
    keys = []
    for css, label_key in KINDS.items():
        if css in shown:
            fill, stroke = mermaid.TRACE_COLOURS[css]
            colours = f"background:{fill};border-color:{stroke}"
            swatch = f'<span class="jb-trace-key" style="{colours}" aria-hidden="true"></span>'
            keys.append(f"<li>{swatch} {attr(ctx.L[label_key])}</li>")
    return f'<ul class="jb-figure-legend" aria-label="{attr(ctx.L["legend"])}">{"".join(keys)}</ul>'
