"""Under `mkdocs serve`, rendering only what changed gives exactly the pages a full render gives.

An editor saves one file; `render.incremental` renders again only the units
whose recorded reads changed. If any read escaped the record, some page would
keep its old text: so every kind of field of the example handbook is edited
here, one at a time, and each time every page must be byte for byte what a
fresh, full render of the same data gives.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import EXAMPLE, write_config
from journeybook.core import HandbookCache, load_handbook
from journeybook.core.figures import figures_of
from journeybook.mkdocs_plugin import JourneybookPlugin
from journeybook.render.context import Context, Page
from journeybook.render.incremental import IncrementalRenderer
from journeybook.render.site import render_pages, site_context
from synthetic import generate

#: Free-text fields (and numbers) an editor changes every week; ids and references are left alone so
#: that every edit still validates.
TEXT_FIELD = re.compile(
    r"^(?P<lead>\s*(?:-\s+)?(?:name|title|text|summary|description|reason|definition|does|consequence|"
    r"organisation|portrait|term|unit|source|frontstage|backstage|support|sv|fi)):\s+(?P<value>\S.*)$"
)
NUMBER_FIELD = re.compile(
    r"^(?P<lead>\s*(?:-\s+)?(?:volume|cost_per_contact|target|duration|value|effort)):\s+(?P<value>\d+)$"
)


def edits(text: str) -> Iterator[tuple[int, str]]:
    """(line number, the line edited) for each text or number field of a file."""
    for number, line in enumerate(text.splitlines()):
        match = TEXT_FIELD.match(line)
        if match and match["value"][0] not in "|>&*[{":
            value = match["value"]
            if value[0] in "'\"" and value.endswith(value[0]):
                yield number, f"{match['lead']}: {value[:-1]} edited{value[0]}"
            elif not value.startswith(("'", '"')) and "#" not in value:
                yield number, f"{match['lead']}: {value} edited"
            continue
        match = NUMBER_FIELD.match(line)
        if match:
            yield number, f"{match['lead']}: {int(match['value']) + 3}"


def pages_of(renderer: IncrementalRenderer, data: Path, cache: HandbookCache) -> tuple[list[Page], list[Page]]:
    """(incremental pages, full-render pages) of the data as it is now."""
    book = load_handbook(data, cache)
    return renderer.render(site_context(book, "en")), render_pages(site_context(book, "en"))


def assert_same(incremental: list[Page], full: list[Page], what: str) -> None:
    assert [p.path for p in incremental] == [p.path for p in full], what
    stale = [a.path for a, b in zip(incremental, full, strict=True) if a.content != b.content]
    assert not stale, f"{what}: stale pages {stale}"


@pytest.fixture
def example_copy(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLE, tmp_path / "journeys")
    return tmp_path / "journeys"


def test_every_edited_field_gives_the_pages_of_a_full_render(example_copy: Path) -> None:
    cache = HandbookCache()
    renderer = IncrementalRenderer()
    assert_same(*pages_of(renderer, example_copy, cache), "first build")
    tried = 0
    for path in sorted(example_copy.rglob("*.yml")):
        original = path.read_text("utf-8")
        lines = original.splitlines()
        # The first and the last editable line of each file: a file's header and its deepest entries.
        found = list(edits(original))
        for number, edited in dict.fromkeys([found[0], found[-1]] if found else []):
            changed = [*lines[:number], edited, *lines[number + 1 :]]
            path.write_text("\n".join(changed) + "\n", "utf-8")
            assert_same(*pages_of(renderer, example_copy, cache), f"{path.name}:{number + 1} {edited.strip()}")
            tried += 1
        path.write_text(original, "utf-8")
        assert_same(*pages_of(renderer, example_copy, cache), f"{path.name} restored")
    assert tried >= 20


def test_a_new_journey_and_a_removed_one_give_the_pages_of_a_full_render(example_copy: Path) -> None:
    cache = HandbookCache()
    renderer = IncrementalRenderer()
    pages_of(renderer, example_copy, cache)
    source = example_copy / "job-seeking" / "current.yml"
    text = source.read_text("utf-8")
    journey_id = re.search(r"^id:\s*(\S+)", text, re.MULTILINE)
    assert journey_id is not None
    copy = example_copy / "job-seeking" / "copy.yml"
    copy.write_text(text.replace(journey_id[1], "job-seeking-again", 1), "utf-8")
    assert_same(*pages_of(renderer, example_copy, cache), "journey added")
    copy.unlink()
    assert_same(*pages_of(renderer, example_copy, cache), "journey removed")


def test_an_edit_to_one_step_renders_that_journey_again_not_the_others(example_copy: Path) -> None:
    """The point of it all: the serve loop's work follows the edit, not the size of the handbook."""
    cache = HandbookCache()
    renderer = IncrementalRenderer()
    pages_of(renderer, example_copy, cache)
    everything = set(renderer.rendered)
    path = example_copy / "job-seeking" / "current.yml"
    text = path.read_text("utf-8")
    step = re.search(r"^\s+- id: \S+\n\s+name:\s+\S.*$", text, re.MULTILINE)
    assert step is not None
    path.write_text(text[: step.end()] + " renamed" + text[step.end() :], "utf-8")
    pages_of(renderer, example_copy, cache)
    again = set(renderer.rendered)
    assert ("journey", "job-seeker") in again
    others = {key for key in everything if key[0] in ("journey", "blueprint", "comparison") and key[1] != "job-seeker"}
    assert len(others) >= 5
    assert not others & again


def test_nothing_changed_renders_nothing(example_copy: Path) -> None:
    cache = HandbookCache()
    renderer = IncrementalRenderer()
    first, _ = pages_of(renderer, example_copy, cache)
    second, _ = pages_of(renderer, example_copy, cache)
    assert renderer.rendered == []
    assert [p.content for p in second] == [p.content for p in first]


def test_serve_shows_an_edit_having_rendered_only_what_it_changed(tmp_path: Path) -> None:
    """The plugin under `mkdocs serve --dirty`: one instance across rebuilds, as MkDocs keeps it."""
    data = tmp_path / "journeys"
    data.mkdir()
    generate(data, 4, 5)
    config_file = write_config(tmp_path, data)
    site = tmp_path / "site"
    config = load_config(str(config_file), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=True)
    build(config, dirty=True)
    first = config.plugins["journeybook"]
    assert isinstance(first, JourneybookPlugin)
    parsed = first.cache.misses
    yaml_file = data / "journey-0.yml"
    yaml_file.write_text(yaml_file.read_text("utf-8").replace("name: Step 0 ", "name: Step zero ", 1), "utf-8")
    config = load_config(str(config_file), site_dir=str(site))
    build(config, dirty=True)
    plugin = config.plugins["journeybook"]
    assert plugin is first
    assert plugin.cache.misses == parsed + 1, "only the edited file is read again"
    again = {key for key in plugin.renderer.rendered if key[0] in ("journey", "blueprint")}
    assert again == {("journey", "journey-0"), ("blueprint", "journey-0")}
    assert "Step zero" in (site / "journeys" / "journey-0" / "index.html").read_text("utf-8")
    config.plugins.on_shutdown()


def test_a_figure_asked_with_arguments_that_cannot_be_a_key_renders_its_unit_every_time(example_copy: Path) -> None:
    """`Figures.ranked(entries)` takes a list of entries, which cannot be compared by hash: never reused."""
    cache = HandbookCache()
    renderer = IncrementalRenderer()
    book = load_handbook(example_copy, cache)
    unit = ("ranked",)
    calls: list[int] = []

    def ranked_titles(ctx: Context) -> list[Page]:
        calls.append(1)
        entries = list(ctx.book.backlog.values())
        titles = [e.item.title for e in ctx.figures.ranked(entries)]
        return [Page("ranked.md", "\n".join(titles))]

    expected = "\n".join(e.item.title for e in figures_of(book).ranked(list(book.backlog.values())))
    for _ in range(2):
        pages = renderer.render(site_context(book, "en"), [(unit, ranked_titles)])
        assert pages == [Page("ranked.md", expected)]
    assert calls == [1, 1]
