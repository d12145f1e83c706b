"""`journeybook diff`: what a pull request does to the handbook, for a PR comment or a CI job summary.

A YAML diff shows lines; reviewers of a content change want to know that a
journey was added, that the total wait went from 12 to 15 days, that an item
moved to "done". Both revisions are loaded as whole handbooks (from `git
archive`, or the working tree) and compared entity by entity, with the
figures recomputed by core.figures, never read from the YAML.
"""

from __future__ import annotations

import io
import json
import subprocess
import tarfile
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from .core import HandbookError, load_handbook
from .core.analysis import handoffs, lead_time_hours, priority_score, waiting_hours
from .core.figures import figures_of
from .core.handbook import Handbook, journey_pain_points, journey_steps
from .core.kinds import Kind, split_ref
from .render.backlog_paths import item_pages
from .render.context import Context
from .render.i18n import labels_for
from .render.text import inline

#: The summary is written for a pull request, in English.
EN = labels_for("en")


class DiffError(Exception):
    """Git or a handbook could not be read: one line for the editor."""


@dataclass
class Change:
    """One entity added, removed or changed, with the fields and figures that moved."""

    kind: Kind
    ident: str
    name: str
    page: str
    fields: list[str] = field(default_factory=list)
    figures: dict[str, tuple[str, str]] = field(default_factory=dict)


@dataclass
class Section:
    kind: Kind
    added: list[Change] = field(default_factory=list)
    removed: list[Change] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)


# --- loading a revision -------------------------------------------------------------------


def _git(repo: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)
    except FileNotFoundError as exc:
        raise DiffError("git is not installed") from exc
    if done.returncode != 0:
        raise DiffError(f"git {' '.join(args)}: {done.stderr.decode(errors='replace').strip()}")
    return done.stdout


def _load(folder: Path, label: str) -> Handbook:
    try:
        return load_handbook(folder, display_root=folder.parent)
    except HandbookError as exc:
        raise DiffError(
            f"the handbook at {label} has {len(exc.problems)} problem(s); run 'journeybook validate' first"
        ) from None


def load_revision(repo: Path, path: str, revision: str | None, tmp: Path) -> Handbook:
    """The handbook at path in revision (None: the working tree)."""
    top = Path(_git(repo, "rev-parse", "--show-toplevel").decode().strip())
    prefix = (repo.resolve() / path).relative_to(top).as_posix()
    if revision is None:
        return _load(top / prefix, "the working tree")
    archive = _git(top, "archive", "--format=tar", revision, "--", prefix)
    target = tmp / revision.replace("/", "_")
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        if hasattr(tarfile, "data_filter"):  # Python 3.11.4 and later: no links or paths out of target
            tar.extractall(target, filter="data")
        else:  # pragma: no cover - git archive of our own repository holds plain files only
            tar.extractall(target)
    return _load(target / prefix, revision)


# --- comparing ------------------------------------------------------------------------------


def _fields(before: Any, after: Any, skip: Iterable[str] = ()) -> list[str]:
    old, new = before.model_dump(mode="json"), after.model_dump(mode="json")
    return [k for k in new if k not in skip and old.get(k) != new.get(k)]


def _compare(
    kind: Kind,
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    describe: Callable[[str, Any], tuple[str, str]],
    skip: Iterable[str] = (),
    figures: Callable[[Any, Any], dict[str, tuple[str, str]]] | None = None,
) -> Section:
    section = Section(kind)
    for ident, value in new.items():
        name, page = describe(ident, value)
        if ident not in old:
            section.added.append(Change(kind, ident, name, page))
            continue
        moved = _fields(old[ident], value, skip)
        shown = {k: v for k, v in (figures(old[ident], value) if figures else {}).items() if v[0] != v[1]}
        if moved or shown:
            section.changed.append(Change(kind, ident, name, page, moved, shown))
    for ident, value in old.items():
        if ident not in new:
            name, _ = describe(ident, value)
            section.removed.append(Change(kind, ident, name, ""))
    return section


def _url(page: str) -> str:
    """The site address of a page: `a/index.md` is `a/`, `a/b.md` is `a/b/`."""
    return page.removesuffix("index.md") if page.endswith("index.md") else page.removesuffix(".md") + "/"


def compare_handbooks(before: Handbook, after: Handbook) -> list[Section]:
    """Journeys, steps, pain points, need groups, backlog items and metrics, in that order."""

    def journey_figures(book: Handbook) -> Callable[[Any], dict[str, str]]:
        def of(journey: Any) -> dict[str, str]:
            cost = figures_of(book).demand_cost(journey.id)
            return {
                "waiting time": EN.duration(waiting_hours(journey)),
                "lead time": EN.duration(lead_time_hours(journey)),
                "handoffs": str(len(handoffs(journey))),
                "failure-demand cost per month": EN.money(cost, book.currency),
            }

        return of

    old_fig, new_fig = journey_figures(before), journey_figures(after)

    def both(a: dict[str, str], b: dict[str, str]) -> dict[str, tuple[str, str]]:
        return {k: (a[k], b[k]) for k in b}

    def steps(book: Handbook) -> dict[str, Any]:
        return {f"{j.id}/{s.id}": s for j in book.journeys.values() for _, s in journey_steps(j)}

    def pains(book: Handbook) -> dict[str, Any]:
        return {f"{j.id}/{p.id}": p for j in book.journeys.values() for _, p in journey_pain_points(j)}

    def latest(book: Handbook, ident: str) -> str:
        values = book.metric_values.get(ident, ())
        if not values:
            return "–"
        last = values[-1]
        return f"{EN.number(last.value, 1 if last.value != int(last.value) else 0)} ({last.date.isoformat()})"

    # Where each item's details are shown (a large backlog has a page per development area).
    item_urls = {i: _url(page) for i, page in {**item_pages(before), **item_pages(after)}.items()}

    def journey_page(ref: str) -> str:
        return Context.journey_path(split_ref(ref)[0]).removesuffix("index.md")

    def in_journey(ref: str, name: str) -> str:
        jid = split_ref(ref)[0]
        title = (after.journeys.get(jid) or before.journeys[jid]).title
        return f"{name} ({title})"

    return [
        _compare(
            Kind.JOURNEY,
            before.journeys,
            after.journeys,
            lambda i, j: (j.title, journey_page(i)),
            figures=lambda a, b: both(old_fig(a), new_fig(b)),
        ),
        _compare(
            Kind.STEP,
            steps(before),
            steps(after),
            lambda i, s: (in_journey(i, s.name), f"{journey_page(i)}#step-{split_ref(i)[1]}"),
            skip=("pain_points",),
        ),
        _compare(
            Kind.PAIN_POINT,
            pains(before),
            pains(after),
            lambda i, p: (in_journey(i, p.text), f"{journey_page(i)}#pain-{split_ref(i)[1]}"),
        ),
        _compare(
            Kind.NEED_GROUP,
            before.need_groups,
            after.need_groups,
            lambda i, g: (g.name, Context.need_group_path(i).removesuffix(".md") + "/"),
        ),
        _compare(
            Kind.BACKLOG_ITEM,
            {k: e.item for k, e in before.backlog.items()},
            {k: e.item for k, e in after.backlog.items()},
            lambda i, item: (item.title, f"{item_urls[i]}#item-{i}"),
            figures=lambda a, b: {
                "status": (a.status, b.status),
                "priority score": (f"{priority_score(a):.1f}", f"{priority_score(b):.1f}"),
            },
        ),
        _compare(
            Kind.METRIC,
            before.metrics,
            after.metrics,
            lambda i, m: (m.name, f"metrics/#metric-{i}"),
            figures=lambda a, b: {"latest value": (latest(before, a.id), latest(after, b.id))},
        ),
    ]


# --- output ---------------------------------------------------------------------------------

_TITLES = {
    Kind.JOURNEY: "Journeys",
    Kind.STEP: "Steps",
    Kind.PAIN_POINT: "Pain points",
    Kind.NEED_GROUP: "Need groups",
    Kind.BACKLOG_ITEM: "Backlog items",
    Kind.METRIC: "Metrics",
}


def to_markdown(sections: list[Section], site_url: str = "") -> str:
    """A summary for a pull request comment; every editor text is escaped, it is data."""

    def name(change: Change) -> str:
        if change.page and site_url:
            return f"[{inline(change.name)}]({urljoin(site_url.rstrip('/') + '/', change.page)})"
        return f"{inline(change.name)} (`{change.ident}`)"

    out = ["## Handbook changes"]
    for section in sections:
        if not (section.added or section.removed or section.changed):
            continue
        lines = [f"### {_TITLES[section.kind]}"]
        lines += [f"- Added: {name(c)}" for c in section.added]
        lines += [f"- Removed: {name(c)}" for c in section.removed]
        for change in section.changed:
            detail = f"; fields changed: {', '.join(change.fields)}" if change.fields else ""
            lines.append(f"- Changed: {name(change)}{detail}")
            lines += [f"    - {k}: {a} → {b}" for k, (a, b) in change.figures.items()]  # figures: ours, not editor text
        out.append("\n".join(lines))
    if len(out) == 1:
        out.append("No change to journeys, need groups, backlog items or metrics.")
    return "\n\n".join(out) + "\n"


def to_json(sections: list[Section], site_url: str = "") -> str:
    data: dict[str, Any] = {}
    for section in sections:

        def entry(c: Change) -> dict[str, Any]:
            out: dict[str, Any] = {"id": c.ident, "name": c.name}
            if c.page:
                out["page"] = urljoin(site_url.rstrip("/") + "/", c.page) if site_url else c.page
            if c.fields:
                out["fields"] = c.fields
            if c.figures:
                out["figures"] = {k: {"before": a, "after": b} for k, (a, b) in c.figures.items()}
            return out

        data[_TITLES[section.kind].lower().replace(" ", "_")] = {
            "added": [entry(c) for c in section.added],
            "removed": [entry(c) for c in section.removed],
            "changed": [entry(c) for c in section.changed],
        }
    return json.dumps(data, indent=2, ensure_ascii=False)


def diff_revisions(
    repo: Path, path: str, base: str, head: str | None = None, *, site_url: str = "", fmt: str = "markdown"
) -> str:
    with tempfile.TemporaryDirectory(prefix="journeybook-diff-") as tmp:
        before = load_revision(repo, path, base, Path(tmp))
        after = load_revision(repo, path, head, Path(tmp))
    sections = compare_handbooks(before, after)
    return to_json(sections, site_url) if fmt == "json" else to_markdown(sections, site_url)
