"""Hostile input no one here wrote: file names, theme settings and text that must stay data.

Found by working on a copy of the handbook as an editor (or an attacker with
a pull request) would; each test failed before the fix it guards.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from xml.etree.ElementTree import Element

import pytest

from conftest import build_site, edit, problems_in, write_config
from journeybook.core import load_handbook

# --- file names ------------------------------------------------------------------------


def test_a_file_name_reaches_the_edit_link_as_a_path_not_as_markup(mini: Path, tmp_path: Path) -> None:
    """A journey file named 'x" onmouseover="…<img …>.yml' wrote its name into the page's HTML as it was;
    a '#' or '?' in a name cut the link short."""
    name = 'a b#1?%20 "x" onmouseover="alert(71)<img src=x onerror=alert(72)>.yml'
    (mini / "now.yml").rename(mini / name)
    build_site(write_config(tmp_path, mini), tmp_path / "site", strict=False)
    page = (tmp_path / "site" / "journeys" / "move-now" / "index.html").read_text(encoding="utf-8")
    assert "alert(71)" not in page and "alert(72)" not in page
    links = [html.unescape(h) for h in re.findall(r'href="([^"]*)"[^>]*title="Edit this page"', page)]
    assert links and all(
        link.endswith(
            "/a%20b%231%3F%2520%20%22x%22%20onmouseover%3D%22alert%2871%29%3Cimg%20src%3Dx%20"
            "onerror%3Dalert%2872%29%3E.yml"
        )
        for link in links
    ), links


# --- a large glossary -------------------------------------------------------------------


def test_the_glossary_tooltips_cost_each_page_work_in_proportion_to_the_glossary(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every page ends with the glossary's definitions; written as one paragraph, Python-Markdown handed the
    rest of it back to every block processor after each definition it took: 2 000 terms made a build of
    45 pages run for minutes (300 terms: 37 s of CPU instead of 5 s)."""
    import markdown
    from markdown.extensions import abbr

    from journeybook.mkdocs_plugin import REQUIRED_EXTENSIONS
    from journeybook.render import abbreviations, site_context

    terms = "".join(f"  - id: term-{i}\n    term: Word{i}\n    definition: Meaning {i}\n" for i in range(400))
    glossary = mini / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + terms, encoding="utf-8")
    definitions = abbreviations(site_context(load_handbook(mini)))
    handed: list[int] = []
    run = abbr.AbbrBlockprocessor.run

    def counted(self: abbr.AbbrBlockprocessor, parent: Element, blocks: list[str]) -> bool | None:
        handed.append(len(blocks[0]))
        return run(self, parent, blocks)

    monkeypatch.setattr(abbr.AbbrBlockprocessor, "run", counted)
    page = markdown.markdown(f"Word7 and Word399.\n\n{definitions}\n", extensions=REQUIRED_EXTENSIONS)
    assert '<abbr title="Meaning 399">Word399</abbr>' in page
    assert sum(handed) < 2 * len(definitions)


# --- mkdocs.yml ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "hint"),
    [
        ("EN", "did you mean 'en'?"),
        ("sv_SE", "did you mean 'sv'?"),
        ("en-GB", "did you mean 'en'?"),
        ("''", "write a code such as"),
    ],
)
def test_a_theme_language_the_theme_does_not_know_is_named_not_a_traceback(
    mini: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture, language: str, hint: str
) -> None:
    """mkdocs-material's search plugin stopped the build with a template traceback ('partials/languages/EN.html
    not found'); journeybook checks theme.language before it, and MkDocs prints its message alone."""
    from mkdocs.exceptions import Abort

    with pytest.raises(Abort, match="BuildError"):
        build_site(write_config(tmp_path, mini, language=language), tmp_path / "site", strict=False)
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert len(errors) == 1 and errors[0].startswith("mkdocs.yml: theme.language "), errors
    assert "is not a language of the theme" in errors[0] and hint in errors[0]


# --- links in Markdown fields -------------------------------------------------------------


def test_a_markdown_field_links_only_to_full_addresses() -> None:
    """'[form](../other/index.md)', '[see](#step)' or '[x](/path)' became links to no page of the site
    (404), though the format reference says only http, https, mailto and tel links work."""
    from journeybook.render.escape import block

    prose = block(
        "See [the form](../parental-benefit/index.md), [a step](#fill) and [root](/x) or [r][ref],\n"
        "[the agency](https://example.org/a?b=1) and [mail](mailto:a@example.org).\n\n[ref]: other.md"
    )
    hrefs = re.findall(r'href="([^"]*)"', prose)
    assert hrefs == ["https://example.org/a?b=1", "mailto:a@example.org"]
    words = html.unescape(re.sub(r"<[^>]+>", "", prose))
    assert words == "See the form, a step and root or r, the agency and mail."


# --- files saved in another encoding ----------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_a_yaml_file_saved_as_utf16_is_named_so(mini: Path, encoding: str) -> None:
    """The hint said 'probably saved as Latin-1', and a file without a byte order mark got a line and
    column counted in bytes of UTF-16 (line 15, column 26 of a file of 20 characters a line)."""
    glossary = mini / "glossary.yml"
    glossary.write_bytes(glossary.read_text(encoding="utf-8").encode(encoding))
    [problem] = problems_in(mini)
    assert (problem.file, problem.line, problem.column) == ("glossary.yml", 1, 1)
    assert problem.message == "the file is not valid UTF-8 text"
    assert problem.found == "UTF-16 text"
    assert "UTF-16" in problem.hint and "Latin-1" not in problem.hint


def test_a_latin1_yaml_file_keeps_its_place_and_hint(mini: Path) -> None:
    glossary = mini / "glossary.yml"
    glossary.write_bytes(glossary.read_bytes() + "  - id: cafe\n    term: Café\n".encode("latin-1"))
    [problem] = problems_in(mini)
    assert (problem.found, problem.column) == ("byte 0xe9", 14)
    assert "Latin-1 or Windows-1252" in problem.hint


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_a_csv_file_saved_as_unicode_text_says_how_to_save_it(mini: Path, encoding: str) -> None:
    """A spreadsheet's 'Unicode text' is UTF-16: the message said only that the file is not UTF-8."""
    calls = mini / "metrics" / "calls.csv"
    calls.write_bytes(calls.read_text(encoding="utf-8").encode(encoding))
    [problem] = problems_in(mini)
    assert problem.file.endswith("metrics/calls.csv")
    assert "'CSV UTF-8'" in problem.hint and "UTF-16" in problem.hint


def test_a_glossary_past_the_limit_is_one_located_error(mini: Path) -> None:
    """Every term is a tooltip looked for on every page: 60 000 terms (3.7 MB, under the file limit)
    validated, then the build of the example's 45 pages had not ended after 500 s of CPU."""
    from journeybook.core.models import GLOSSARY_MAX_WORDS

    glossary = mini / "glossary.yml"
    known = len(load_handbook(mini).terms)  # the mini glossary's own terms, each without aliases or with some
    words = sum(1 + len(t.aliases) for t in load_handbook(mini).terms.values())
    extra = GLOSSARY_MAX_WORDS - words
    more = "".join(f"  - id: term-{i}\n    term: Word{i}\n    definition: Meaning {i}\n" for i in range(extra))
    glossary.write_text(glossary.read_text(encoding="utf-8") + more, encoding="utf-8")
    assert len(load_handbook(mini).terms) == known + extra  # at the limit: fine
    glossary.write_text(
        glossary.read_text(encoding="utf-8") + "  - id: one-more\n    term: One\n    definition: Over\n",
        encoding="utf-8",
    )
    [problem] = problems_in(mini)
    assert problem.file == "glossary.yml" and problem.field == "terms[" + str(known + extra) + "]"
    assert problem.message == f"the glossary has more than {GLOSSARY_MAX_WORDS:,} terms and aliases"
    assert problem.found == f"{GLOSSARY_MAX_WORDS + 1:,} terms and aliases" and problem.hint


def test_more_tags_than_the_tags_plugin_can_list_is_one_located_error(mini: Path) -> None:
    """mkdocs-material's tags plugin compares every tag with every other: a journey of 20 000 tags validated,
    and its build had not ended after 200 s."""
    from journeybook.core.models import HANDBOOK_MAX_TAGS

    tags = ", ".join(f"t{i}" for i in range(HANDBOOK_MAX_TAGS))
    edit(mini / "now.yml", "need_groups: [hurried]\n", f"need_groups: [hurried]\ntags: [{tags}, T1, t2]\n")
    assert problems_in(mini) == []  # 'T1' is 't1': tags that differ in case are one tag
    edit(mini / "now.yml", ", T1, t2]", ", one-more]")
    [problem] = problems_in(mini)
    assert (problem.file, problem.field) == ("now.yml", "tags")
    assert problem.message == f"the journeys have more than {HANDBOOK_MAX_TAGS:,} different tags"
    assert problem.found == f"{HANDBOOK_MAX_TAGS + 1:,} different tags" and problem.hint


# --- ids -------------------------------------------------------------------------------------


@pytest.mark.parametrize("written", ['"front "', "' front'", '"front\\t"'])
def test_an_id_with_a_space_at_its_end_says_where_the_space_is(mini: Path, written: str) -> None:
    """The message showed found 'front' and the hint 'write it front': the same text twice."""
    edit(mini / "now.yml", "owner: front\n", f"owner: {written}\n")
    [problem] = problems_in(mini)
    assert problem.field == "owner"
    assert problem.hint.startswith("delete the space at its start or end") and problem.hint.endswith("'front'")


# --- links to folders -----------------------------------------------------------------------


def test_a_link_to_a_folder_is_warned_about_not_silently_skipped(mini: Path, tmp_path: Path) -> None:
    """A journey in a linked folder vanished from the handbook without a word."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "glossary.yml").write_text("kind: glossary\nterms: []\n", encoding="utf-8")
    (mini / "more").symlink_to(elsewhere, target_is_directory=True)
    (mini / "loop").symlink_to(mini, target_is_directory=True)
    book = load_handbook(mini, display_root=mini)
    folder_links = sorted((w.file, w.message) for w in book.warnings if "folder" in w.message)
    assert folder_links == [
        ("loop", "a link to a folder is not followed: the files in it are not read"),
        ("more", "a link to a folder is not followed: the files in it are not read"),
    ]


# --- numbers and dates written as text ----------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("'1 000'", "write it 1000: digits only"),
        ("75%", "write it 75: digits only"),
        ("'7,5'", "write it 7.5: digits only"),
        ("ten", "write digits only"),
    ],
)
def test_a_number_written_as_text_gets_the_form_that_reads(mini: Path, written: str, hint: str) -> None:
    """'1 000' or '75%' said only 'has the wrong type, expected a number': no hint."""
    edit(mini / "now.yml", "volume: 10", f"volume: {written}")
    [problem] = problems_in(mini)
    assert problem.field.endswith("failure_demand[0].volume") and problem.expected == "a number"
    assert problem.hint.startswith(hint)


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("01.10.2026", "write it 2026-10-01"),
        ("2026/10/1", "write it 2026-10-01"),
        ("31/12/2026", "write it 2026-12-31"),
        ("2026-10-01T10:00:00Z", "write it 2026-10-01"),
        ("10/01/2026", "write the year, month and day with hyphens"),  # October or January: not guessed
    ],
)
def test_a_date_in_another_form_gets_the_form_that_reads(mini: Path, written: str, hint: str) -> None:
    edit(mini / "now.yml", "need_groups: [hurried]\n", f"need_groups: [hurried]\nreviewed: {written}\n")
    [problem] = problems_in(mini)
    assert problem.field == "reviewed" and problem.expected == "a date written YYYY-MM-DD"
    assert problem.hint.startswith(hint)
