"""Every piece of Mermaid text the handbook shows is built here.

Two rules hold for all diagrams: node ids are generated ASCII (``n1``,
``n2``...), never derived from labels, so ``Köp`` and ``Kåp`` or a step
called ``end`` cannot collide with each other or with Mermaid keywords; and
every label goes through :func:`label`, which turns each character outside
letters, digits and spaces into a ``#<code>;`` entity, the one escape Mermaid
understands in every diagram type. Quotes, ``<img onerror>``, ``:``, ``;``
and ``#`` then reach the diagram as text.

mermaid-py builds the flowchart and user-journey scripts. It prints a warning
when imported, does not escape labels and its ``Mermaid`` class calls a web
service, so it is imported quietly here, fed only escaped labels, and its
renderer is never used.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .escape import html_text
from .escape import mermaid_label as label

with contextlib.redirect_stdout(io.StringIO()):
    from mermaid.flowchart import FlowChart, Link, Node
    from mermaid.userjourney import Actor, Section, Task, UserJourney

#: Line colours for charts with several series (need groups), distinguishable
#: in both colour schemes and for the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"]


#: CSS for the charts mkdocs-material does not theme (xychart, quadrantChart): text and
#: backgrounds from the palette's custom properties, which reach into the diagram's
#: shadow root, so a chart reads in light and dark and follows a palette toggle
#: without being redrawn. A diagram's own themeCSS replaces material's, so each
#: diagram kind carries all it needs.
CHART_CSS = (
    "text{fill:var(--md-default-fg-color) !important}"
    "rect.background{fill:transparent !important}"
    ".quadrant rect{fill:var(--md-default-fg-color--lightest) !important}"
    ".data-point circle{fill:var(--md-accent-fg-color) !important}"
    ".border line{stroke:var(--md-default-fg-color--lighter) !important}"
    ".axis-line path,.left-axis path,.bottom-axis path{stroke:var(--md-default-fg-color--light) !important}"
)
#: CSS for the traceability flowchart: dark text on its light node fills in both palettes,
#: edges in the palette's foreground.
TRACE_CSS = (
    ".nodeLabel,.nodeLabel p,.node .label{color:#1a1a1a !important;fill:#1a1a1a !important}"
    ".flowchart-link{stroke:var(--md-default-fg-color--light) !important}"
    "marker path{fill:var(--md-default-fg-color--light) !important;"
    "stroke:var(--md-default-fg-color--light) !important}"
)


class Ids:
    """Generated node ids: short, ASCII, never a Mermaid keyword."""

    def __init__(self, prefix: str = "n") -> None:
        self.prefix = prefix
        self.count = 0

    def next(self) -> str:
        self.count += 1
        return f"{self.prefix}{self.count}"


def _accessible(kind: str, title: str, description: str, body: str, init: Mapping[str, object] | None = None) -> str:
    head = f"%%{{init: {json.dumps(init)}}}%%\n" if init else ""
    return f"{head}{kind}\n    accTitle: {label(title)}\n    accDescr: {label(description)}\n{body}"


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
class JourneyTask:
    name: str
    score: int
    actors: list[str]


@dataclass
class JourneySection:
    name: str
    tasks: list[JourneyTask] = field(default_factory=list)


def user_journey(title: str, description: str, sections: Sequence[JourneySection]) -> str:
    """Mermaid `journey`: scores 1-5, one section per phase."""
    built = UserJourney(
        "",
        [
            Section(
                label(s.name),
                [Task(label(t.name), max(1, min(5, t.score)), [Actor(label(a)) for a in t.actors]) for t in s.tasks],
            )
            for s in sections
        ],
    )
    lines = _strip_front_matter(built.script).splitlines()
    # mermaid-py writes "journey" then "title"; keep our own accessible header instead.
    body = "\n".join(line for line in lines[1:] if not line.strip().startswith("title"))
    return _accessible("journey", title, description, f"    title {label(title)}\n{body}")


def line_chart(
    title: str,
    description: str,
    categories: Sequence[str],
    series: Sequence[Sequence[float]],
    y_min: float,
    y_max: float,
    y_title: str = "",
) -> str:
    """Mermaid `xychart-beta` with one line per series, colours from PALETTE in order."""
    init = {
        # Mermaid always scales an xychart to the page's width: a narrower chart with larger
        # type keeps its labels at 11 px or more on a 390 px phone.
        "xyChart": {
            "width": 520,
            "height": 360,
            "titleFontSize": 18,
            "xAxis": {"labelFontSize": 16, "titleFontSize": 16},
            "yAxis": {"labelFontSize": 16, "titleFontSize": 16},
        },
        "themeCSS": CHART_CSS,
        "themeVariables": {"xyChart": {"plotColorPalette": ", ".join(PALETTE[: max(1, len(series))])}},
    }
    cats = ", ".join(f'"{label(c)}"' for c in categories)
    body = [f'    title "{label(title)}"', f"    x-axis [{cats}]"]
    y_label = f'"{label(y_title)}" ' if y_title else ""
    body.append(f"    y-axis {y_label}{_fmt(y_min)} --> {_fmt(y_max)}")
    for values in series:
        body.append("    line [" + ", ".join(_fmt(v) for v in values) + "]")
    return _accessible("xychart-beta", title, description, "\n".join(body) + "\n", init)


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"


@dataclass
class Lane:
    """A row of a blueprint: its title and one list of labels per column."""

    title: str
    cells: list[list[str]]


def blueprint(
    title: str, description: str, columns: Sequence[str], lanes: Sequence[Lane], divider_after: int, divider_label: str
) -> str:
    """Flowchart of stacked lane subgraphs, the line of visibility drawn between two lanes.

    Lanes are linked to each other subgraph-to-subgraph with invisible links
    (``~~~``): a link from a node inside a subgraph to one outside would make
    Mermaid ignore the lane's left-to-right direction.
    """
    ids = Ids()
    lane_ids = Ids("lane")
    nodes: list[Node] = []
    links: list[Link] = []
    lane_nodes: list[Node] = []
    for index, lane in enumerate(lanes):
        members: list[Node] = []
        previous: Node | None = None
        for column, cell in zip(columns, lane.cells, strict=True):
            if not cell:
                continue
            text = f"{column}: " + "; ".join(cell)
            node = Node(ids.next(), label(text))
            members.append(node)
            if previous is not None:
                links.append(Link(previous, node))
            previous = node
        if not members:
            members.append(Node(ids.next(), label("-")))
        group = Node(lane_ids.next(), label(lane.title), sub_nodes=members, direction="LR")
        lane_nodes.append(group)
        nodes.append(group)
        if index == divider_after:
            divider = Node(
                lane_ids.next(),
                label(divider_label),
                sub_nodes=[Node(ids.next(), label(divider_label))],
                direction="LR",
            )
            lane_nodes.append(divider)
            nodes.append(divider)
    chart = FlowChart("", nodes, links, orientation="TB")
    body = _strip_front_matter(chart.script).splitlines()[1:]
    stack = [f"    {a.id_} ~~~ {b.id_}" for a, b in itertools.pairwise(lane_nodes)]
    return _accessible("flowchart TB", title, description, "\n".join(body + stack) + "\n")


@dataclass
class Point:
    name: str
    x: float
    y: float


def quadrant(
    title: str,
    description: str,
    x_axis: tuple[str, str],
    y_axis: tuple[str, str],
    quadrants: tuple[str, str, str, str],
    points: Sequence[Point],
) -> str:
    """Mermaid `quadrantChart`; coordinates must lie in 0..1."""
    body = [
        f"    title {label(title)}",
        f"    x-axis {label(x_axis[0])} --> {label(x_axis[1])}",
        f"    y-axis {label(y_axis[0])} --> {label(y_axis[1])}",
    ]
    for number, text in enumerate(quadrants, start=1):
        body.append(f"    quadrant-{number} {label(text)}")
    for point in points:
        body.append(f'    "{label(point.name)}": [{point.x:.3f}, {point.y:.3f}]')
    init = {"quadrantChart": {"useMaxWidth": False}, "themeCSS": CHART_CSS}
    return _accessible("quadrantChart", title, description, "\n".join(body) + "\n", init)


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
        node = Node(ids.next(), label(text))
        node_for[key] = node
        classes.setdefault(css, []).append(node.id_)
    links = [Link(node_for[a], node_for[b]) for a, b in chain.edges if a in node_for and b in node_for]
    chart = FlowChart("", list(node_for.values()), links, orientation="LR")
    body = _strip_front_matter(chart.script).splitlines()[1:]
    styles = {
        "pain": "fill:#fde0dc,stroke:#b3261e,color:#1a1a1a",
        "cause": "fill:#fff4d6,stroke:#8a6100,color:#1a1a1a",
        "item": "fill:#dcecff,stroke:#0b57d0,color:#1a1a1a",
        "metric": "fill:#dff5e3,stroke:#1e7b34,color:#1a1a1a",
    }
    for css, members in classes.items():
        body.append(f"    classDef {css} {styles.get(css, 'stroke-width:1px')}")
        body.append(f"    class {','.join(members)} {css}")
    init = {"flowchart": {"useMaxWidth": False}, "themeCSS": TRACE_CSS}
    return _accessible("flowchart LR", title, description, "\n".join(body) + "\n", init)
