"""Load a whole `journeys/` folder into one cross-referenced :class:`Handbook`.

This is the only entry point the adapters use. It never raises on an editor's
mistake without having looked at every file first: problems from YAML
syntax, the models, CSV files and cross-references are all collected and
raised together as one :class:`HandbookError`.

One pass, one way: files are parsed and validated, their entities collected
(core.entities), references checked (core.crossref) and gaps found
(core.gaps) on the collected tables; only then is the finished, read-only
`Handbook` made. Nothing after this module changes it.
"""

from __future__ import annotations

import gc
import hashlib
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar

from .crossref import JourneyMemo, check_references, local_ids
from .deprecations import deprecated_fields
from .entities import (
    BacklogEntry,
    Collected,
    Locator,
    Origin,
    journey_pain_points,
    journey_steps,
)
from .filecache import ParseCache
from .gaps import Gaps, find_gaps, gap_problems
from .kinds import Kind, Ref, split_ref
from .metrics_csv import read_metric_csv, resolve_path
from .models import (
    GLOSSARY_MAX_WORDS,
    HANDBOOK_MAX_TAGS,
    METRIC_MAX_VALUES,
    BacklogFile,
    Base,
    Channel,
    GlossaryFile,
    Insight,
    InsightsFile,
    JourneyFile,
    LifeEvent,
    Metric,
    MetricsFile,
    MetricValue,
    NeedGroupFile,
    OrganisationFile,
    ProblemArea,
    Team,
    Term,
    meant_id,
)
from .problems import FieldPath, HandbookError, Problem, display_path
from .validation import validate_source
from .yamlsource import EMPTY_FILE, SourceFile, load_source, read_text

__all__ = [
    "BacklogEntry",
    "Handbook",
    "HandbookCache",
    "Origin",
    "journey_pain_points",
    "journey_steps",
    "load_handbook",
]

YAML_SUFFIXES = (".yml", ".yaml")
#: Files that may sit among the YAML without being read or warned about.
HARMLESS_NAMES = frozenset({"readme", "readme.md", "readme.txt", "license", "license.md"})
T = TypeVar("T")


@dataclass(frozen=True, eq=False)
class Handbook:
    """A finished, checked handbook: read-only, so every page and figure sees the same data.

    Made only by :func:`load_handbook` (or :meth:`from_collected`, for a loader
    of another kind): the tables are read-only mappings, the lists tuples, and
    assigning to a field raises. Two handbooks are equal only when they are the
    same object, so per-handbook caches (`core.figures.figures_of`) key on it.
    """

    root: Path
    organisation: OrganisationFile
    teams: Mapping[str, Team]
    channels: Mapping[str, Channel]
    life_events: Mapping[str, LifeEvent]
    need_groups: Mapping[str, NeedGroupFile]
    journeys: Mapping[str, JourneyFile]
    insights: Mapping[str, Insight]
    backlog: Mapping[str, BacklogEntry]
    metrics: Mapping[str, Metric]
    #: Each metric's values from YAML and CSV together, oldest first.
    metric_values: Mapping[str, tuple[MetricValue, ...]]
    terms: Mapping[str, Term]
    origins: Mapping[tuple[Kind, str], Origin]
    problem_areas: tuple[ProblemArea, ...]
    #: Findings that do not stop a build (a stray file in the folder), shown by validate and the build.
    warnings: tuple[Problem, ...]
    #: Where the chain pain point -> root cause -> backlog item -> metric is broken (see core.gaps).
    gaps: Gaps
    #: The kind of every id inside each journey ('journey/id' references), by journey id.
    local_kinds: Mapping[str, Mapping[str, Kind]] = field(repr=False)
    #: Locates a message at a field of an entity, for findings made after loading (reviews due).
    locator: Locator = field(repr=False)

    @classmethod
    def from_collected(
        cls,
        found: Collected,
        warnings: tuple[Problem, ...] = (),
        local_kinds: Mapping[str, Mapping[str, Kind]] | None = None,
    ) -> Handbook:
        """The finished handbook from collected tables whose references are checked; the gaps are found here.

        local_kinds: each journey's `local_ids`, when the reference checks have them already.
        """
        if local_kinds is None:
            local_kinds = {jid: local_ids(j) for jid, j in found.journeys.items()}
        ro = MappingProxyType
        origins = ro(dict(found.origins))
        return cls(
            root=found.root,
            organisation=found.organisation,
            teams=ro(dict(found.teams)),
            channels=ro(dict(found.channels)),
            life_events=ro(dict(found.life_events)),
            need_groups=ro(dict(found.need_groups)),
            journeys=ro(dict(found.journeys)),
            insights=ro(dict(found.insights)),
            backlog=ro(dict(found.backlog)),
            metrics=ro(dict(found.metrics)),
            metric_values=ro({k: tuple(v) for k, v in found.metric_values.items()}),
            terms=ro(dict(found.terms)),
            origins=origins,
            problem_areas=tuple(found.problem_areas),
            warnings=warnings,
            gaps=find_gaps(found),
            local_kinds=ro({jid: ro(dict(kinds)) for jid, kinds in local_kinds.items()}),
            locator=Locator(origins, ro(dict(found.sources)), ro(dict(found.paths))),
        )

    def origin(self, kind: Kind, ident: str) -> Origin | None:
        return self.origins.get((kind, ident))

    def resolve(self, text: str) -> Ref | None:
        """The entity a 'journey' or 'journey/item' reference names, or None when there is none."""
        journey, local = split_ref(text)
        if journey not in self.journeys:
            return None
        if local is None:
            return Ref(Kind.JOURNEY, journey)
        kind = self.local_kinds[journey].get(local)
        return Ref(kind, local, journey) if kind is not None else None

    @cached_property
    def gap_problems(self) -> tuple[Problem, ...]:
        """The gaps as located messages, for `journeybook validate --strict` (located on first use)."""
        return tuple(gap_problems(self.gaps, self.locator))

    @property
    def currency(self) -> str:
        return self.organisation.currency


@dataclass
class _Parsed:
    digest: str
    source: SourceFile | None
    model: Base | None
    problems: list[Problem]
    #: For a file that could not be parsed: the ids its text seems to declare (None: nothing readable).
    text_ids: set[str] | None = None


class HandbookCache:
    """Parsed files keyed by path and content hash, kept across `mkdocs serve` rebuilds.

    Reading the bytes is cheap; parsing and validating is not. A changed file
    is parsed again, an unchanged one is taken from here. Given a folder
    (`cache_dir`), files without mistakes are also kept on disk
    (core.filecache), so that the next process reads only the files that changed;
    with write=False entries are read but not written (a one-off build, whose
    folder is thrown away, would only pay for writing them).
    """

    def __init__(self, folder: Path | None = None, *, write: bool = True) -> None:
        self._files: dict[Path, _Parsed] = {}
        self.disk = ParseCache(folder) if folder is not None else None
        self.write = write
        self.hits = 0
        self.misses = 0
        #: Of the misses, the files taken from the disk cache rather than parsed.
        self.disk_hits = 0
        #: Each unchanged journey's reference problems from the last load (crossref.JourneyMemo).
        self.references = JourneyMemo()

    def forget(self) -> None:
        """Drop the parsed files kept in memory (the disk cache stays): for a process that loads once."""
        self._files = {}
        self.references = JourneyMemo()

    def parse(self, path: Path, display: str) -> _Parsed:
        raw, unreadable = read_text(path, display)
        if raw is None:
            return _Parsed("", None, None, unreadable)
        digest = hashlib.sha256(raw).hexdigest()
        cached = self._files.get(path)
        if cached is not None and cached.digest == digest:
            self.hits += 1
            return cached
        self.misses += 1
        stored = self._from_disk(digest, path, display, raw)
        if stored is not None:
            self._files[path] = stored
            return stored
        source, problems = load_source(path, display, raw)
        model: Base | None = None
        text_ids: set[str] | None = None
        if source is not None:
            # Duplicate keys are reported but do not stop validation: the first value is kept.
            model, more = validate_source(source)
            problems = problems + more
            if not problems:
                source.compact()
                if self.disk is not None and model is not None and self.write:
                    self.disk.store(digest, source, model)
        else:
            # An emptied file declares nothing; an id named like the file was likely in it.
            text_ids = _ids_in_text(raw) | {path.stem.lower()}
        parsed = _Parsed(digest, source, model, problems, text_ids)
        self._files[path] = parsed
        return parsed

    def _from_disk(self, digest: str, path: Path, display: str, raw: bytes) -> _Parsed | None:
        if self.disk is None:
            return None
        try:
            text = raw.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError:
            return None
        stored = self.disk.load(digest, path, display, text)
        if stored is None:
            return None
        self.disk_hits += 1
        return _Parsed(digest, stored[0], stored[1], [])


def is_yaml(path: Path) -> bool:
    """`.yml` and `.yaml` in any case: `X.YML` saved by another tool is read, not skipped."""
    return path.suffix.lower() in YAML_SUFFIXES


def find_yaml_files(root: Path) -> list[Path]:
    """YAML files under root; a link to nothing is listed too, to be reported as unreadable."""
    return _yaml_among(_visible_files(root))


def _yaml_among(visible: list[Path]) -> list[Path]:
    return [p for p in visible if is_yaml(p) and not p.is_dir()]


def _visible_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if not any(part.startswith(".") for part in p.relative_to(root).parts))


def _outside(path: Path, root: Path, display: str) -> Problem | None:
    """A file under the folder that is a link to somewhere outside it is not read."""
    if not path.is_symlink():
        # rglob does not enter linked folders, so a file that is no link lies in the (resolved) root.
        return None
    real = resolve_path(path)
    if real is not None and real.is_relative_to(root):
        return None
    return Problem(
        display,
        1,
        1,
        "",
        "the file is a link that never reaches a file (a loop)"
        if real is None
        else "the file is a link to a file outside the journeys folder",
        expected="YAML files that are inside the journeys folder",
        hint="copy the file into the folder instead of linking to it",
    )


def _displays(display_root: Path | None) -> Callable[[Path], str]:
    """display_path for what lies under the resolved root: its folders are real (rglob enters no linked
    folder), so nothing is resolved per file; resolving took a tenth of a warm `validate`."""
    bases = [base.resolve() for base in (display_root, Path.cwd()) if base is not None]

    def display(path: Path) -> str:
        for base in bases:
            try:
                return path.relative_to(base).as_posix()
            except ValueError:
                continue
        return path.as_posix()

    return display


def _stray_files(visible: list[Path], used_csv: set[Path], display_of: Callable[[Path], str]) -> list[Problem]:
    """Warnings for what lies in the folder (visible: its `_visible_files`) but is never read."""
    warnings = []
    for path in visible:
        display = display_of(path)
        if is_yaml(path) and path.is_dir():
            message, hint = "a folder named like a YAML file", "rename the folder; the files in it are read as usual"
        elif path.is_dir() and path.is_symlink():
            message = "a link to a folder is not followed: the files in it are not read"
            hint = "move the folder (or copy its files) into the journeys folder instead of linking to it"
        elif path.is_dir() or is_yaml(path) or path.name.lower() in HARMLESS_NAMES:
            continue
        elif path.suffix.lower() == ".csv":
            if resolve_path(path) in used_csv:
                continue
            message, hint = "a CSV file no metric reads", "name it in a metric's 'values_csv', or remove it"
        else:
            message = f"a '{path.suffix or path.name}' file among the YAML files is not read"
            hint = "journeybook reads .yml and .yaml files (and CSV files named by metrics); move or remove it"
        warnings.append(
            Problem(
                display,
                1,
                1,
                "",
                message,
                expected="YAML files and the CSV files metrics name",
                hint=hint,
                severity="warning",
            )
        )
    return warnings


def load_handbook(root: Path, cache: HandbookCache | None = None, *, display_root: Path | None = None) -> Handbook:
    """Parse, validate and cross-reference every YAML file under root, then find the gaps: in one pass."""
    with without_cycle_collection():
        return _load(root, cache, display_root)


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """Loading makes millions of small lists, dicts and models that hold no reference cycles.

    Python's cycle collector walks all of them again and again while they are
    made (a third of `validate`'s time at a thousand journeys); it runs once at
    the end instead.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load(root: Path, cache: HandbookCache | None, display_root: Path | None) -> Handbook:
    cache = cache or HandbookCache()
    root = root.resolve()
    problems: list[Problem] = []
    parsed: list[tuple[SourceFile, Base]] = []
    if not root.is_dir():
        raise HandbookError(
            [Problem(str(root), 1, 1, "", "the journeys folder does not exist", expected="a folder of YAML files")]
        )
    broken_ids: set[str] = set()
    unknown_ids = False
    empty_files: list[str] = []
    display_of = _displays(display_root)
    visible = _visible_files(root)
    for path in _yaml_among(visible):  # the folder is listed once, for these and the stray files
        display = display_of(path)
        outside = _outside(path, root, display)
        if outside is not None:
            problems.append(outside)
            unknown_ids = True
            continue
        entry = cache.parse(path, display)
        problems.extend(entry.problems)
        if any(p.message == EMPTY_FILE for p in entry.problems):
            empty_files.append(display)
        if entry.source is not None and entry.model is not None:
            # A file with problems may still give a partial model: its references are
            # checked in this run too, while references to its ids are not reported.
            parsed.append((entry.source, entry.model))
        if entry.source is None:
            # Ids found in the text are not reported as missing; from a file with
            # nothing readable (unreadable, too large) any id might be missing.
            broken_ids.update(entry.text_ids or ())
            unknown_ids = unknown_ids or entry.text_ids is None
        elif entry.problems:
            broken_ids.update(_ids_in(entry.source.data))

    organisations = [(s, m) for s, m in parsed if isinstance(m, OrganisationFile)]
    if not organisations:
        problems.append(
            Problem(
                display_path(root, display_root),
                1,
                1,
                "",
                "no organisation file found",
                expected="one YAML file with 'kind: organisation' listing teams, channels and life events",
                hint="see the format reference, section 'Organisation'",
            )
        )
        raise HandbookError(problems)
    for source, _ in organisations[1:]:
        problems.append(
            source.problem(
                ("kind",),
                "a second organisation file",
                expected="exactly one file with 'kind: organisation'",
                found=f"also {organisations[0][0].display}",
                hint="merge the two files",
            )
        )
    found = Collected(root=root, organisation=organisations[0][1])
    registry = _Registry(found, problems)
    for source, model in parsed:
        registry.add_file(source, model)
    locate = found.locator
    used_csv: set[Path] = set()
    for metric_id, metric in found.metrics.items():
        values = list(metric.values)
        if metric.values_csv:
            source, metric_path = locate.source_of(Kind.METRIC, metric_id)
            csv_values, csv_problems = read_metric_csv(source, metric_path, metric.values_csv, root)
            used_csv.add(resolve_path(source.path.parent / metric.values_csv) or root)
            values.extend(csv_values)
            problems.extend(csv_problems)
        if len(values) > METRIC_MAX_VALUES:
            source, metric_path = locate.source_of(Kind.METRIC, metric_id)
            problems.append(
                source.problem(
                    (*metric_path, "values_csv" if metric.values_csv else "values"),
                    f"metric '{metric_id}' has {len(values):,} values",
                    expected=f"at most {METRIC_MAX_VALUES:,} values per metric",
                    found=f"{len(values):,} values"
                    + (f" ('{metric.values_csv}' and 'values')" if metric.values else ""),
                    hint="give one value per week or month: the chart and its table draw every value",
                )
            )
        found.metric_values[metric_id] = sorted(values, key=lambda v: v.date)
    problems.extend(_glossary_bounds(found))
    problems.extend(_tag_bounds(found))
    local_kinds = {jid: local_ids(j) for jid, j in found.journeys.items()}
    problems.extend(check_references(found, broken_ids, unknown_ids, empty_files, local_kinds, cache.references))
    problems.extend(_stray_files(visible, used_csv, display_of))
    problems.extend(deprecated_fields(parsed))
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        # Warnings wait until the errors are fixed: one stray CSV is often a knock-on of a misspelt path.
        raise HandbookError(errors)
    return Handbook.from_collected(found, tuple(sorted(problems)), local_kinds)


def _glossary_bounds(found: Collected) -> list[Problem]:
    """Every term and alias is looked for in the text of every page (its tooltip): past the limit a
    build's Markdown work grows beyond bounds (60 000 terms in a 3.7 MB file ran for hours)."""
    words = 0
    for term_id, term in found.terms.items():
        words += 1 + len(term.aliases)
        if words > GLOSSARY_MAX_WORDS:
            total = sum(1 + len(t.aliases) for t in found.terms.values())
            return _too_many(
                found,
                (Kind.TERM, term_id, ()),
                ("the glossary has", "terms and aliases", "glossary files"),
                GLOSSARY_MAX_WORDS,
                total,
                "keep the words readers meet in the handbook; a dictionary belongs elsewhere",
            )
    return []


def _tag_bounds(found: Collected) -> list[Problem]:
    """mkdocs-material's tags plugin compares every tag with every other: 3 000 tags took 80 s of CPU."""
    seen: set[str] = set()
    for journey_id, journey in found.journeys.items():
        seen.update(tag.casefold() for tag in journey.tags)
        if len(seen) > HANDBOOK_MAX_TAGS:
            total = len({tag.casefold() for j in found.journeys.values() for tag in j.tags})
            return _too_many(
                found,
                (Kind.JOURNEY, journey_id, ("tags",)),
                ("the journeys have", "different tags", "journeys"),
                HANDBOOK_MAX_TAGS,
                total,
                "a tag groups journeys: use the same few tags across journeys",
            )
    return []


def _too_many(
    found: Collected,
    at: tuple[Kind, str, FieldPath],
    words: tuple[str, str, str],
    limit: int,
    total: int,
    hint: str,
) -> list[Problem]:
    """One message for a handbook-wide limit, at the entry that went past it.

    `words`: who has them ('the glossary has'), what they are ('terms and aliases') and where they are counted.
    """
    kind, ident, field = at
    who, what, where = words
    return [
        found.locator.problem(
            kind,
            ident,
            field,
            f"{who} more than {limit:,} {what}",
            expected=f"at most {limit:,} {what} in all {where}",
            found=f"{total:,} {what}",
            hint=hint,
        )
    ]


def _ids_in(data: object) -> set[str]:
    """Ids declared in a file that failed validation.

    References to them are not reported as dangling: the editor is already
    told what is wrong with the file itself, and one mistake should give one
    message, not one per reference.
    """
    found: set[str] = set()
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "id" and isinstance(value, str):
                # The id as it was meant: 'Parental-Benefit' or one with an invisible character is the
                # file's own mistake, and the references that spell it right are not reported as well.
                found |= {value, meant_id(value)}
            else:
                found |= _ids_in(value)
    elif isinstance(data, list):
        for value in data:
            found |= _ids_in(value)
    return found


_ID_LINE = re.compile(r"^[ \t-]*id:[ \t]*['\"]?([a-z0-9-]+)", re.MULTILINE)


def _ids_in_text(raw: bytes) -> set[str]:
    """Ids in a file that could not even be parsed, found line by line."""
    text = raw.decode("utf-8", errors="replace")
    return set(_ID_LINE.findall(text))


class _Registry:
    """Puts each file's entities into the handbook, reporting ids used twice."""

    def __init__(self, found: Collected, problems: list[Problem]) -> None:
        self.book = found
        self.problems = problems

    def _put(self, kind: Kind, table: dict[str, T], ident: str, value: T, source: SourceFile, path: FieldPath) -> None:
        key = (kind, ident)
        if ident in table:
            first = self.book.origins[key]
            self.problems.append(
                source.problem(
                    (*path, "id"),
                    f"duplicate {kind} id '{ident}'",
                    expected="ids that are unique across the handbook",
                    found=f"'{ident}', already used in {first.display} line {first.line}",
                    hint="rename one of them; references use ids, so each must name one thing",
                )
            )
            return
        table[ident] = value
        line, _ = source.position(path)
        self.book.origins[key] = Origin(source.path, source.display, line)
        self.book.paths[key] = path

    def add_file(self, source: SourceFile, model: Base) -> None:
        self.book.sources[source.path] = source
        book = self.book
        if isinstance(model, OrganisationFile):
            for i, team in enumerate(model.teams):
                self._put(Kind.TEAM, book.teams, team.id, team, source, ("teams", i))
            for i, channel in enumerate(model.channels):
                self._put(Kind.CHANNEL, book.channels, channel.id, channel, source, ("channels", i))
            for i, event in enumerate(model.life_events):
                self._put(Kind.LIFE_EVENT, book.life_events, event.id, event, source, ("life_events", i))
        elif isinstance(model, NeedGroupFile):
            self._put(Kind.NEED_GROUP, book.need_groups, model.id, model, source, ())
        elif isinstance(model, JourneyFile):
            self._put(Kind.JOURNEY, book.journeys, model.id, model, source, ())
        elif isinstance(model, InsightsFile):
            for i, insight in enumerate(model.insights):
                self._put(Kind.INSIGHT, book.insights, insight.id, insight, source, ("insights", i))
        elif isinstance(model, BacklogFile):
            for a, area in enumerate(model.problem_areas):
                book.problem_areas.append(area)
                for d, dev in enumerate(area.development_areas):
                    for i, item in enumerate(dev.items):
                        path = ("problem_areas", a, "development_areas", d, "items", i)
                        entry = BacklogEntry(item, area, dev)
                        self._put(Kind.BACKLOG_ITEM, book.backlog, item.id, entry, source, path)
        elif isinstance(model, MetricsFile):
            for i, metric in enumerate(model.metrics):
                self._put(Kind.METRIC, book.metrics, metric.id, metric, source, ("metrics", i))
        elif isinstance(model, GlossaryFile):
            for i, term in enumerate(model.terms):
                self._put(Kind.TERM, book.terms, term.id, term, source, ("terms", i))
