"""Render again only the pages whose data changed: the serve loop of a large handbook.

Under `mkdocs serve` an editor saves one YAML file and expects the page in
the browser to change within a second or two; rendering a thousand pages
takes minutes. So each unit of work (a journey's page, its blueprint, the
backlog pages, ...) is rendered while every read it makes from the handbook
and its figures is recorded: which table and key, and the value it saw. On
the next build a unit whose reads all give the same values again is not
rendered; its pages are taken from the last build. This is the "early
cutoff" of build systems: exact, not a guess from file names, because a
page is a function of what it read.

What makes that hold:
- every read goes through the recording views made here: the handbook's
  tables and plain fields, the figures' tables, values and methods;
- what a Context derives for all pages at once (glossary tooltips, reviews
  due, where each backlog item is shown, the size switches) is worked out
  before any unit is recorded and compared as a whole: when it changes,
  every unit is rendered again;
- so are the build's settings (language, nav size, URL style, tooltips, the
  template folders and the templates in them).

tests/test_incremental_render.py edits every kind of field of a fixture
handbook and checks that the pages are byte for byte those of a full render.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from ..core.figures import Figures, figures_of
from ..core.handbook import Handbook
from .context import Context, Page, Unit
from .markup import TEMPLATES
from .site import units

#: The reads of the unit being rendered, or None when nothing is recorded.
_reads: dict[tuple[Any, ...], Any] | None = None
_MISSING = object()
_WHOLE = object()
_VOLATILE = "volatile"

UnitKey = tuple[str, ...]


def _record(key: tuple[Any, ...], value: Any) -> None:
    reads = _reads
    if reads is not None and key not in reads:
        reads[key] = value


class RecordedTable(Mapping[Any, Any]):
    """A read-only table that notes, for the unit being rendered, each key it was asked for and what it gave.

    Iterating or counting it notes the whole table: the unit depends on every key and their order.
    """

    __slots__ = ("_data", "_name")

    def __init__(self, name: str, data: Mapping[Any, Any]) -> None:
        self._name = name
        self._data = data

    def __getitem__(self, key: Any) -> Any:
        value = self._data[key]
        _record((self._name, key), value)
        return value

    def get(self, key: Any, default: Any = None) -> Any:
        value = self._data.get(key, _MISSING)
        _record((self._name, key), value)
        return default if value is _MISSING else value

    def __contains__(self, key: object) -> bool:
        value = self._data.get(key, _MISSING)
        _record((self._name, key), value)
        return value is not _MISSING

    def _whole(self) -> Mapping[Any, Any]:
        _record((self._name, _WHOLE), self._data)
        return self._data

    def __iter__(self) -> Iterator[Any]:
        return iter(self._whole())

    def __len__(self) -> int:
        return len(self._whole())

    def keys(self) -> Any:
        return self._whole().keys()

    def values(self) -> Any:
        return self._whole().values()

    def items(self) -> Any:
        return self._whole().items()

    def __bool__(self) -> bool:
        return bool(self._whole())


class _RecordingHandbook(Handbook):
    """The handbook as renderers see it while units are recorded: tables recorded by key, other fields whole."""

    def __getattribute__(self, name: str) -> Any:
        value = object.__getattribute__(self, name)
        if name in _PLAIN_FIELDS:
            _record(("book", name), value)
        return value


#: The handbook's tables (annotations are text here: `from __future__ import annotations`).
_TABLE_FIELDS = frozenset(f.name for f in dataclasses.fields(Handbook) if str(f.type).startswith("Mapping"))
_PLAIN_FIELDS = frozenset(f.name for f in dataclasses.fields(Handbook)) - _TABLE_FIELDS


class _RecordingFigures:
    """The figures as renderers see them: tables recorded by key, other figures whole, methods by arguments."""

    def __init__(self, figures: Figures) -> None:
        self._figures = figures
        self._tables: dict[str, RecordedTable] = {}

    def __getattr__(self, name: str) -> Any:
        value = _paused(lambda: getattr(self._figures, name))
        if isinstance(value, Mapping):
            table = self._tables.get(name)
            if table is None:
                table = self._tables[name] = RecordedTable(f"figures.{name}", value)
            return table
        if callable(value):
            method = value

            def call(*args: Any) -> Any:
                result = _paused(lambda: method(*args))
                key: tuple[Any, ...] = ("figures()", name, _frozen(args))
                seen = result
                try:
                    hash(key)
                except TypeError:  # arguments that cannot be a key: the unit is rendered every time
                    key, seen = (_VOLATILE,), object()
                _record(key, seen)
                return result

            return call
        _record(("figures", name), value)
        return value


def _frozen(args: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(tuple(a) if isinstance(a, list) else a for a in args)


def _paused(compute: Callable[[], Any]) -> Any:
    """Work done for every unit at once (a figure computed on first use) is not a read of the unit."""
    global _reads
    saved, _reads = _reads, None
    try:
        return compute()
    finally:
        _reads = saved


#: What a Context works out for all pages at once; computed before any unit is recorded.
CONTEXT_FACTS = (
    "journeys_split",
    "metrics_split",
    "insights_split",
    "glossary_titles",
    "due_reviews",
    "_item_pages",
    "tag_spellings",
)


def _templates(dirs: tuple[Path, ...]) -> tuple[tuple[str, int], ...]:
    found = []
    for folder in (*dirs, TEMPLATES):
        if folder.is_dir():
            found += [(str(p), p.stat().st_mtime_ns) for p in sorted(folder.rglob("*")) if p.is_file()]
    return tuple(found)


def _settings(ctx: Context) -> tuple[Any, ...]:
    return (
        ctx.language,
        ctx.today,
        ctx.nav_max_entries,
        ctx.use_directory_urls,
        ctx.tooltips,
        ctx.template_dirs,
        _templates(ctx.template_dirs),
    )


def _same(old: Any, new: Any) -> bool:
    if old is new:
        return True
    if type(old) is not type(new):
        return False
    if isinstance(old, Mapping):
        return len(old) == len(new) and all(
            k1 == k2 and _same(v1, v2) for (k1, v1), (k2, v2) in zip(old.items(), new.items(), strict=True)
        )
    try:
        return bool(old == new)
    except Exception:
        return False


@dataclass
class _Entry:
    reads: dict[tuple[Any, ...], Any]
    pages: list[Page]


class _Lookup:
    """The values the same reads give in the new build, each worked out once."""

    def __init__(self, book: Handbook, figures: Figures) -> None:
        self.book = book
        self.figures = figures
        self.answers: dict[tuple[Any, ...], bool] = {}

    def unchanged(self, reads: dict[tuple[Any, ...], Any]) -> bool:
        answers = self.answers
        for key, old in reads.items():
            known = answers.get(key)
            if known is None:
                known = answers[key] = _same(old, self._now(key))
            if not known:
                return False
        return True

    def _now(self, key: tuple[Any, ...]) -> Any:
        source = key[0]
        if source == _VOLATILE:
            return _MISSING
        if source == "book":
            return getattr(self.book, key[1])
        if source == "figures":
            return getattr(self.figures, key[1])
        if source == "figures()":
            return getattr(self.figures, key[1])(*key[2])
        item = key[1]
        table: Mapping[Any, Any]
        if source.startswith("figures."):
            table = getattr(self.figures, source.removeprefix("figures."))
        else:
            table = getattr(self.book, source)
        if item is _WHOLE:
            return table
        return table.get(item, _MISSING)


class IncrementalRenderer:
    """Keeps each unit's pages and reads between builds; see the module's docstring."""

    def __init__(self) -> None:
        self._entries: dict[UnitKey, _Entry] = {}
        self._settings: tuple[Any, ...] | None = None
        self._facts: tuple[Any, ...] | None = None
        #: Units rendered by the last call (the others were taken as they were), for the log and tests.
        self.rendered: list[UnitKey] = []

    def render(self, ctx: Context, these: list[Unit] | None = None) -> list[Page]:
        """Every page, as `site.render_pages` gives them (or those of these units), rendering only the units
        whose reads changed."""
        global _reads
        book = ctx.book
        figures = figures_of(book)
        recording = _recording_context(ctx, figures)
        facts = tuple(getattr(recording, name) for name in CONTEXT_FACTS)
        settings = _settings(ctx)
        if settings != self._settings or not _same(self._facts, facts):
            self._entries = {}
        self._settings, self._facts = settings, facts
        lookup = _Lookup(book, figures)
        entries: dict[UnitKey, _Entry] = {}
        self.rendered = []
        pages: list[Page] = []
        for key, render in units(ctx) if these is None else these:
            entry = self._entries.get(key)
            if entry is None or not lookup.unchanged(entry.reads):
                reads: dict[tuple[Any, ...], Any] = {}
                _reads = reads
                try:
                    entry = _Entry(reads, render(recording))
                finally:
                    _reads = None
                self.rendered.append(key)
            entries[key] = entry
            pages += entry.pages
        self._entries = entries
        return pages


def _recording_context(ctx: Context, figures: Figures) -> Context:
    book = ctx.book
    fields = {f.name: getattr(book, f.name) for f in dataclasses.fields(book)}
    for name in _TABLE_FIELDS:
        fields[name] = RecordedTable(name, fields[name])
    recording = dataclasses.replace(ctx, book=_RecordingHandbook(**fields))
    # Context.figures is a cached property: this puts the recording view in its place.
    recording.__dict__["figures"] = cast(Figures, _RecordingFigures(figures))
    for name in CONTEXT_FACTS:
        getattr(recording, name)
    return recording
