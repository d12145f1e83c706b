"""What every page renderer needs: the handbook, the labels, and where pages live.

Page paths are decided here and only here, so that links between generated
pages are always computed the same way and `mkdocs build --strict` can check
every one of them.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from markupsafe import Markup
from pymdownx.slugs import slugify

from ..core.figures import Figures, figures_of
from ..core.freshness import DueReview, due_for_review, today
from ..core.handbook import Handbook, journey_steps
from ..core.kinds import Kind, split_ref
from ..core.models import JourneyFile
from . import markup
from .backlog_paths import BACKLOG_INDEX, item_pages
from .escape import attr, front_matter
from .i18n import Labels, labels_for
from .label_keys import JOURNEY_STATE
from .text import inline, link, rel

ONE_PAGE_MAX_METRICS = 20
"""Charts on the metrics page; beyond it the page is a table and each metric has a page."""
ONE_PAGE_MAX_INSIGHTS = 100
"""Insights on the insights page; beyond it the page is a summary and each journey has a page."""


@dataclass(frozen=True)
class Page:
    """One generated Markdown page (or data file), and the YAML it comes from."""

    path: str
    content: str
    title: str = ""
    source: Path | None = None


def page(
    path: str,
    title: str,
    body: str,
    source: Path | None = None,
    tags: list[str] | None = None,
    boost: float | None = None,
    hide: list[str] | None = None,
) -> Page:
    """A generated page: front matter (title, tags, search boost, hidden theme parts) and body."""
    meta: dict[str, object] = {"title": title}
    if hide:
        meta["hide"] = list(hide)
    if tags:
        # The tags index gives each tag an anchor from its lower-case name: 'E-service' and 'e-service'
        # (or an editor's 'journey' and the page's own 'Journey') made two sections with one id.
        # One per page, in the place of its first and the spelling of its last (the page's own tag comes last);
        # across pages, Context.tags_of gives every page the same spelling.
        unique: dict[str, str] = {}
        for tag in tags:
            unique[tag_key(tag)] = tag
        meta["tags"] = list(unique.values())
    if boost:
        meta["search"] = {"boost": boost}
    return Page(path, f"{front_matter(meta)}\n{body.strip()}\n", title, source)


#: The labels generated pages carry as their own tag (a journey page is tagged 'Journey', ...).
PAGE_TAGS = ("journey", "blueprint", "comparison", "backlog", "failure_demand", "metrics", "need_group", "team")


def tag_key(tag: str) -> str:
    """What makes two tags one section of the tags index: 'E-service', 'e service' and 'E-Service' share one.

    Made from the theme's own anchor (its default tags_slugify, of the tag as the front matter escapes it), so
    that two tags with one anchor always share a key: the theme drops punctuation, so 'a.b' and 'ab' were two
    sections with the id 'tag:ab', and '!!!' and '???' two with 'tag:'.
    """
    return "-".join(_TAG_WORDS.findall(_TAG_SLUG(attr(unicodedata.normalize("NFKC", tag).casefold()), "-")))


_TAG_WORDS = re.compile(r"[^\W_]+")
#: mkdocs-material's default `tags_slugify` (material/plugins/tags/config.py).
_TAG_SLUG = slugify(case="lower")

Unit = tuple[tuple[str, ...], Callable[["Context"], list[Page]]]
"""A unit of work: its key, and what renders its pages from a context (see `render.incremental`).

A unit fetches what it shows from the context it is given, by id, so that
its reads can be recorded; anything it takes from elsewhere (a closure) must
be in its key.
"""


def render_units(ctx: Context, units: list[Unit]) -> list[Page]:
    """The pages of these units, rendered now, in order."""
    return [page for _, render in units for page in render(ctx)]


def data_page(path: str, content: str) -> Page:
    """A generated data file (CSV, JSON), written as it is."""
    return Page(path, content)


@dataclass(frozen=True)
class Context:
    """Read-only: what renderers read. Renderers return their pages; nothing is added to the context.

    Frozen, so that a renderer cannot change what the next one sees; the
    cached properties are computed once on first use.
    """

    book: Handbook
    language: str = "en"
    #: The day reviews are judged against (see core.freshness).
    today: dt.date = field(default_factory=today)
    #: Beyond this many journeys, journeys are listed by life event on pages of their own.
    nav_max_entries: int = 30
    #: Folders searched for journeybook templates before the packaged ones (a theme's custom_dir/journeybook).
    template_dirs: tuple[Path, ...] = ()
    #: MkDocs' use_directory_urls: how a page path becomes the URL that links in emitted HTML point to.
    use_directory_urls: bool = True
    #: Glossary terms as tooltips (the plugin's `tooltips` option), in emitted HTML as in Markdown.
    tooltips: bool = True

    @cached_property
    def journeys_split(self) -> bool:
        """Whether journeys are listed on a page per life event instead of all on the journeys index."""
        return len(self.book.journeys) > self.nav_max_entries

    @staticmethod
    def life_event_path(event_id: str) -> str:
        """An index page: with the theme's navigation.indexes it is what the life event's nav section opens,
        and not the first journey page of the section (every journey page is an index.md too)."""
        return f"life-events/{event_id}/index.md"

    #: Journeys without a life event; `_` keeps the name apart from every life event id (a slug).
    LOOSE_JOURNEYS = "life-events/_other.md"

    @cached_property
    def L(self) -> Labels:
        return labels_for(self.language)

    @cached_property
    def figures(self) -> Figures:
        """The handbook's figures, computed once per handbook however many pages read them."""
        return figures_of(self.book)

    @cached_property
    def tag_spellings(self) -> dict[str, str]:
        """One spelling per tag for the whole handbook: the pages' own label where a tag is one ('failure
        demand' on a journey joins the failure demand page's 'Failure demand'), else its first spelling in the
        handbook. Pages tagged 'E-service' and 'e-service' were two sections of the tags index with one anchor."""
        spellings = {tag_key(self.L[key]): self.L[key] for key in PAGE_TAGS}
        for journey in self.book.journeys.values():
            for tag in journey.tags:
                spellings.setdefault(tag_key(tag), tag)
        return spellings

    def tags_of(self, tags: list[str]) -> list[str]:
        """An editor's tags in the handbook's spelling (tag_spellings)."""
        spellings = self.tag_spellings
        return [spellings.get(tag_key(t), t) for t in tags]

    @cached_property
    def glossary_titles(self) -> dict[str, str]:
        """Each glossary term and alias (as written and lower-case) with its definition, for tooltips."""
        titles: dict[str, str] = {}
        for term in self.book.terms.values():
            title = " ".join(term.definition.split())
            for word in {term.term, term.term.lower(), *term.aliases, *(a.lower() for a in term.aliases)}:
                if word and not any(c in word for c in "[]\\\n"):
                    titles[word] = title
        return titles

    @cached_property
    def abbreviate(self) -> markup.Abbreviations | None:
        """What marks glossary terms in emitted HTML, as the abbr extension does in Markdown."""
        return markup.Abbreviations(self.glossary_titles) if self.tooltips and self.glossary_titles else None

    @cached_property
    def due_reviews(self) -> dict[tuple[Kind, str], DueReview]:
        """Journeys and need groups due for review, keyed by (kind, id)."""
        return {(d.kind, d.ident): d for d in due_for_review(self.book, self.today)}

    @cached_property
    def metrics_split(self) -> bool:
        """A page per metric once one page would draw more than ONE_PAGE_MAX_METRICS charts."""
        return len(self.book.metrics) > ONE_PAGE_MAX_METRICS

    @cached_property
    def insights_split(self) -> bool:
        """A page per journey's insights once one page would hold more than ONE_PAGE_MAX_INSIGHTS."""
        return len(self.book.insights) > ONE_PAGE_MAX_INSIGHTS

    # --- where pages live ---------------------------------------------------------

    @staticmethod
    def journey_path(journey_id: str) -> str:
        return f"journeys/{journey_id}/index.md"

    @staticmethod
    def blueprint_path(journey_id: str) -> str:
        return f"journeys/{journey_id}/blueprint.md"

    @staticmethod
    def compare_path(journey_id: str) -> str:
        return f"journeys/{journey_id}/compare.md"

    @staticmethod
    def need_group_path(group_id: str) -> str:
        return f"need-groups/{group_id}.md"

    @staticmethod
    def team_path(team_id: str) -> str:
        return f"teams/{team_id}.md"

    @staticmethod
    def metric_path(metric_id: str) -> str:
        """A metric's own page (large handbooks); `index` folders keep ids apart from the overview."""
        return f"metrics/{metric_id}/index.md"

    @staticmethod
    def journey_insights_path(journey_id: str) -> str:
        """The insights about one journey (large handbooks)."""
        return f"insights/{journey_id}/index.md"

    JOURNEYS_INDEX = "journeys/index.md"
    NEED_GROUPS_INDEX = "need-groups/index.md"
    TEAMS_INDEX = "teams/index.md"
    BACKLOG_INDEX = BACKLOG_INDEX
    GAPS = "backlog/gaps.md"
    TRACE = "backlog/traceability.md"
    REVIEW = "backlog/due-for-review.md"
    METRICS_INDEX = "metrics/index.md"
    FAILURE_DEMAND = "failure-demand/index.md"
    INSIGHTS_INDEX = "insights/index.md"
    GLOSSARY = "glossary/index.md"

    def url(self, path: str) -> str:
        """The URL MkDocs gives a page: ``a/b.md`` is ``a/b/`` (``a/b.html`` without directory URLs)."""
        stem = path.removesuffix(".md")
        if not self.use_directory_urls:
            return stem + ".html"
        if stem == "index" or stem.endswith("/index"):
            return stem.removesuffix("index")
        return stem + "/"

    def href(self, here: str, to_page: str, anchor: str = "") -> str:
        """A relative link from one generated page to another in emitted HTML, where no Markdown
        rewrites ``.md`` links: the built URL, as MkDocs would write it."""
        target = self.url(to_page)
        if to_page == here:
            return f"#{anchor}" if anchor else "./"
        path = rel(self.url(here), target)
        if target.endswith("/") and not path.endswith("/"):
            path += "/"
        return f"{path}#{anchor}" if anchor else path

    def render(self, template: str, **values: object) -> str:
        """A journeybook template (theme overrides first), see `markup`."""
        html = markup.render(self.template_dirs, template, **values)
        return self.abbreviate(html) if self.abbreviate else html

    # --- links in emitted HTML (grids, cards) ------------------------------------------

    def journey_a(self, here: str, journey_id: str) -> Markup:
        return markup.a(self.figures.journey_titles[journey_id], self.href(here, self.journey_path(journey_id)))

    def team_a(self, here: str, team_id: str | None) -> Markup:
        if team_id is None:
            return markup.em(self.L["unowned"])
        return markup.a(self.book.teams[team_id].name, self.href(here, self.team_path(team_id)))

    def metric_a(self, here: str, metric_id: str) -> Markup:
        page = self.metric_page(metric_id)
        return markup.a(self.book.metrics[metric_id].name, self.href(here, page, f"metric-{metric_id}"))

    def backlog_a(self, here: str, item_id: str) -> Markup:
        page = self.backlog_page(item_id)
        return markup.a(self.book.backlog[item_id].item.title, self.href(here, page, f"item-{item_id}"))

    # --- links between pages -------------------------------------------------------

    def journey_link(self, here: str, journey_id: str) -> str:
        # The title alone, not the journey: a page that links to a journey changes only when the title does.
        return link(self.figures.journey_titles[journey_id], rel(here, self.journey_path(journey_id)))

    def step_link(self, here: str, journey_id: str, step_id: str, *, with_journey: bool = False) -> str:
        step = self.figures.step_index[(journey_id, step_id)]
        target = rel(here, self.journey_path(journey_id), f"step-{step_id}")
        text = link(step.name, target)
        if with_journey:
            return f"{text} ({self.journey_link(here, journey_id)})"
        return text

    def team_link(self, here: str, team_id: str | None) -> str:
        if team_id is None:
            return f"*{self.L['unowned']}*"
        return link(self.book.teams[team_id].name, rel(here, self.team_path(team_id)))

    def group_link(self, here: str, group_id: str) -> str:
        return link(self.book.need_groups[group_id].name, rel(here, self.need_group_path(group_id)))

    def group_names(self, here: str, group_ids: list[str]) -> str:
        if not group_ids:
            return self.L["everyone"]
        return ", ".join(self.group_link(here, g) for g in group_ids)

    def channel_names(self, channel_ids: list[str]) -> str:
        return ", ".join(inline(self.book.channels[c].name) for c in channel_ids)

    @cached_property
    def _item_pages(self) -> dict[str, str]:
        return item_pages(self.book)

    def backlog_page(self, item_id: str) -> str:
        """The page that shows a backlog item's details (the backlog page, or its development area's)."""
        return self._item_pages.get(item_id, self.BACKLOG_INDEX)

    def metric_page(self, metric_id: str) -> str:
        """The page that shows a metric's chart: the metrics page, or the metric's own in a large handbook."""
        return self.metric_path(metric_id) if self.metrics_split else self.METRICS_INDEX

    def backlog_link(self, here: str, item_id: str) -> str:
        page = self.backlog_page(item_id)
        return link(self.book.backlog[item_id].item.title, rel(here, page, f"item-{item_id}"))

    def metric_link(self, here: str, metric_id: str) -> str:
        page = self.metric_page(metric_id)
        return link(self.book.metrics[metric_id].name, rel(here, page, f"metric-{metric_id}"))

    def insight_page(self, insight_id: str) -> str:
        """Where an insight is shown: the insights page, or that of the first journey it is about."""
        if not self.insights_split:
            return self.INSIGHTS_INDEX
        return self.journey_insights_path(split_ref(self.book.insights[insight_id].about[0])[0])

    def insight_link(self, here: str, insight_id: str) -> str:
        insight = self.book.insights[insight_id]
        short = insight.text if len(insight.text) <= 80 else insight.text[:77] + "..."
        return link(short, rel(here, self.insight_page(insight_id), f"insight-{insight_id}"))

    def ref_link(self, here: str, ref: str) -> str:
        """A link for 'journey' or 'journey/item' wherever the item is shown."""
        journey_id, local = split_ref(ref)
        if not local:
            return self.journey_link(here, journey_id)
        if (journey_id, local) in self.figures.step_index:
            return self.step_link(here, journey_id, local, with_journey=True)
        journey = self.book.journeys[journey_id]
        for _, step in journey_steps(journey):
            for prefix, items in (("pain", step.pain_points), ("gain", step.gain_points)):
                for item in items:
                    if item.id == local:
                        target = rel(here, self.journey_path(journey_id), f"{prefix}-{local}")
                        return f"{link(item.text, target)} ({self.journey_link(here, journey_id)})"
        for cause in journey.root_causes:
            if cause.id == local:
                target = rel(here, self.journey_path(journey_id), f"cause-{local}")
                return f"{link(cause.text, target)} ({self.journey_link(here, journey_id)})"
        return inline(ref)


def journey_state_label(ctx: Context, journey: JourneyFile) -> str:
    return ctx.L[JOURNEY_STATE[journey.state]]
