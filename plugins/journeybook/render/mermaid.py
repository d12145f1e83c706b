"""Every piece of Mermaid text the handbook shows is built here.

Two rules hold for all diagrams: node ids are generated ASCII (``n1``,
``n2``...), never derived from labels, so ``Köp`` and ``Kåp`` or a step
called ``end`` cannot collide with each other or with Mermaid keywords; and
every label goes through :func:`label`, which turns each character outside
letters, digits and spaces into a ``#<code>;`` entity, the one escape Mermaid
understands in every diagram type. Quotes, ``<img onerror>``, ``:``, ``;``
and ``#`` then reach the diagram as text.

mermaid-py builds the flowchart script (the traceability chain); journeybook draws its
charts and the journey map as SVG and HTML of its own. It prints a warning
when imported, does not escape labels and its ``Mermaid`` class calls a web
service, so it is imported quietly here, fed only escaped labels, and its
renderer is never used.
"""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass, field

from .escape import html_text
from .escape import mermaid_label as label

with contextlib.redirect_stdout(io.StringIO()):
    from mermaid.flowchart import FlowChart, Link, Node


#: CSS for the traceability flowchart: dark text on its light node fills in both palettes,
#: edges in the palette's foreground.
TRACE_CSS = (
    ".nodeLabel,.nodeLabel p,.node .label{color:#1a1a1a !important;fill:#1a1a1a !important}"
    ".flowchart-link{stroke:var(--md-default-fg-color--light) !important}"
    "marker path{fill:var(--md-default-fg-color--light) !important;"
    "stroke:var(--md-default-fg-color--light) !important}"
)


# Fill and border of each kind of node in the traceability chain, in light and dark mode alike
# (dark text on a pale fill); the legend under each chain shows the same colours.
TRACE_COLOURS: dict[str, tuple[str, str]] = {
    "pain": ("#fde0dc", "#b3261e"),
    "cause": ("#fff4d6", "#8a6100"),
    "item": ("#dcecff", "#0b57d0"),
    "metric": ("#dff5e3", "#1e7b34"),
}


class Ids:
    """Generated node ids: short, ASCII, never a Mermaid keyword."""

    def __init__(self, prefix: str = "n") -> None:
        self.prefix = prefix
        self.count = 0

    def next(self) -> str:
        self.count += 1
        return f"{self.prefix}{self.count}"


#: Characters of editor text one node label (or a diagram's title) shows; the page lists every text in full.
#: Mermaid draws nothing but "Maximum text size in diagram exceeded" once a diagram's source passes
#: 50 000 characters, and an escaped label is several times its text: one pasted paragraph did it.
LABEL_MAX_CHARS = 160


def shorten(text: str, limit: int = LABEL_MAX_CHARS) -> str:
    """text on one line, cut at a word before limit characters with '…' when longer."""
    one_line = " ".join(text.split())
    if len(one_line) <= limit:
        return one_line
    cut = one_line[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip() + "…"


def _accessible(kind: str, title: str, description: str, body: str, init: Mapping[str, object] | None = None) -> str:
    head = f"%%{{init: {json.dumps(init)}}}%%\n" if init else ""
    return f"{head}{kind}\n    accTitle: {label(shorten(title))}\n    accDescr: {label(shorten(description))}\n{body}"


def fence(diagram: str) -> str:
    """A diagram as mkdocs-material's Mermaid fence writes it (``pre.mermaid``), which the theme draws.

    Wrapped in a keyboard-focusable box that scrolls sideways: diagrams keep
    their natural size, so their text stays legible on a phone, and a wide
    one scrolls instead of shrinking.
    """
    return (
        f'<div class="jb-diagram" tabindex="0">\n'
        f'<pre class="mermaid"><code>{html_text(diagram.rstrip())}</code></pre>\n</div>'
    )


def _strip_front_matter(script: str) -> str:
    lines = script.strip().splitlines()
    if lines and lines[0] == "---":
        end = lines.index("---", 1)
        lines = lines[end + 1 :]
    return "\n".join(lines)


@dataclass
class Chain:
    """Nodes and edges of a traceability graph, by caller-chosen keys."""

    nodes: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (label, css class)
    edges: list[tuple[str, str]] = field(default_factory=list)


def trace(title: str, description: str, chain: Chain) -> str:
    """Left-to-right flowchart: pain point -> root cause -> backlog item -> metric."""
    ids = Ids()
    node_for: dict[str, Node] = {}
    classes: dict[str, list[str]] = {}
    for key, (text, css) in chain.nodes.items():
        node = Node(ids.next(), label(shorten(text)))
        node_for[key] = node
        classes.setdefault(css, []).append(node.id_)
    links = [Link(node_for[a], node_for[b]) for a, b in chain.edges if a in node_for and b in node_for]
    chart = FlowChart("", list(node_for.values()), links, orientation="LR")
    body = _strip_front_matter(chart.script).splitlines()[1:]
    for css, members in classes.items():
        fill, stroke = TRACE_COLOURS.get(css, ("", ""))
        style = f"fill:{fill},stroke:{stroke},color:#1a1a1a" if fill else "stroke-width:1px"
        body.append(f"    classDef {css} {style}")
        body.append(f"    class {','.join(members)} {css}")
    init = {"flowchart": {"useMaxWidth": False}, "themeCSS": TRACE_CSS}
    return _accessible("flowchart LR", title, description, "\n".join(body) + "\n", init)
