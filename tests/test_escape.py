"""Each helper of render/escape.py keeps editor text as text in its own place."""

from __future__ import annotations

import csv
import html
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml

from conftest import MINI, build_site, edit, write_config
from journeybook.cli import main
from journeybook.core import load_handbook
from journeybook.render import escape, mermaid, render_site

NASTY = "\"><img src=x onerror='alert(1)'> & <script>alert(2)</script> [x](javascript:alert(3)) *b* `c` | # ="
EXTENSIONS = ["tables", "attr_list", "md_in_html", "pymdownx.tabbed", "pymdownx.details", "admonition"]


class _Tags(HTMLParser):
    """Start tags and attributes as a browser would see them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text += data


def parse(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    parser.close()
    return parser


def render(md: str) -> str:
    configs = {"pymdownx.tabbed": {"alternate_style": True}}
    return markdown.markdown(md, extensions=EXTENSIONS, extension_configs=configs)


def test_inline_in_a_heading_is_plain_text() -> None:
    page = parse(render(f"# {escape.inline(NASTY)}"))
    assert [t for t, _ in page.tags] == ["h1"]
    assert page.text.strip() == NASTY


def test_quoted_title_keeps_a_tab_title_whole() -> None:
    title = 'Say "hi" <b>x</b>'
    page = parse(render(f'=== "{escape.quoted_title(title)}"\n\n    body\n\n=== "two"\n\n    more'))
    labels = [a for t, a in page.tags if t == "label"]
    assert len(labels) == 2
    assert title in page.text
    assert "b" not in [t for t, _ in page.tags]


def test_quoted_title_in_an_admonition() -> None:
    page = parse(render(f'??? info "{escape.quoted_title(NASTY)}"\n\n    body'))
    assert {t for t, _ in page.tags} <= {"details", "summary", "p"}
    assert NASTY in page.text


def test_html_text_between_tags() -> None:
    page = parse(f"<p>{escape.html_text(NASTY)}</p>")
    assert [t for t, _ in page.tags] == ["p"]
    assert page.text == NASTY


def test_attr_stays_inside_its_attribute() -> None:
    page = parse(f'<a title="{escape.attr(NASTY)}">x</a>')
    assert page.tags == [("a", {"title": NASTY})]


def test_front_matter_is_valid_yaml_and_escapes_what_the_theme_prints_raw() -> None:
    text = escape.front_matter({"title": NASTY + "\n---\nkey: value", "tags": ["<b>t</b>", "- x"], "search": {"b": 2}})
    assert text.startswith("---\n") and text.endswith("\n---\n")
    meta = yaml.safe_load(text.strip("-\n"))
    assert set(meta) == {"title", "tags", "search"}
    assert html.unescape(meta["title"]) == " ".join((NASTY + "\n---\nkey: value").split())
    assert "<" not in meta["title"] and meta["tags"] == ["&lt;b&gt;t&lt;/b&gt;", "- x"]
    assert meta["search"] == {"b": 2}


def test_block_formats_but_never_runs() -> None:
    page = parse(escape.block("*fine* " + NASTY))
    assert {t for t, _ in page.tags} <= {"div", "p", "em", "code", "strong", "a"}
    assert not [a for _, a in page.tags if any(k.startswith("on") for k in a)]
    assert not [a for t, a in page.tags if t == "a" and (a.get("href") or "").lower().startswith("javascript")]


def test_mermaid_label_is_the_one_mermaid_escape() -> None:
    assert vars(mermaid)["label"] is escape.mermaid_label
    escaped = escape.mermaid_label(NASTY + "\n:;#%")
    assert all(c.isalnum() or c in " #;" for c in escaped)
    assert html.unescape(escaped.replace("#", "&#")) == NASTY + "\n:;#%"


def test_csv_cells_never_become_formulas() -> None:
    values = ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "plain", "a=b", 3, -1.5]
    cells = [escape.csv_cell(v) for v in values]
    assert cells == ["'=HYPERLINK(\"http://x\")", "'+1", "'-2+3", "'@SUM(A1)", "'\tx", "'\rx", "plain", "a=b", 3, -1.5]
    out = io.StringIO()
    csv.writer(out).writerow(cells)
    assert next(csv.reader(io.StringIO(out.getvalue())))[0] == "'=HYPERLINK(\"http://x\")"


def test_terminal_shows_control_and_bidi_characters_instead_of_obeying_them() -> None:
    text = "line one\n\x1b[2J\x1b]0;title\x07 \u202eevil\u2066 tab\tok \x00"
    shown = escape.terminal(text)
    assert shown == "line one\n\\x1b[2J\\x1b]0;title\\x07 \\u202eevil\\u2066 tab\tok \\x00"
    assert escape.terminal("Köp «x» 🙂") == "Köp «x» 🙂"


def test_backlog_csv_export_holds_no_formula(mini: Path) -> None:
    edit(mini / "backlog.yml", "title: Send a receipt", "title: '=HYPERLINK(\"http://evil\",\"x\")'")
    book = load_handbook(mini, display_root=mini)
    (page,) = [p for p in render_site(book) if p.path.endswith(".csv")]
    rows = list(csv.DictReader(io.StringIO(page.content)))
    titles = [r["solution_concept"] for r in rows]
    assert "'=HYPERLINK(\"http://evil\",\"x\")" in titles
    assert not [v for r in rows for v in r.values() if v.startswith(("=", "+", "-", "@"))]


def test_validate_prints_no_control_sequence_from_the_data(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(mini / "now.yml", "kind: journey", "kind: journey\n\"\\e[2Jbogus\\u202e\": 1")
    assert main(["validate", str(mini)]) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\u202e" not in err
    assert "\\x1b[2Jbogus\\u202e" in err


def test_footer_links_name_the_page_as_typed(tmp_path: Path) -> None:
    """The theme escapes the previous/next titles again for aria-label; our override reads them once."""
    build_site(write_config(tmp_path, MINI), tmp_path / "site", strict=False)
    labels = [
        html.unescape(label)
        for page in (tmp_path / "site").rglob("*.html")
        for label in re.findall(r'class="md-footer__link[^"]*" aria-label="([^"]*)"', page.read_text("utf-8"))
    ]
    assert labels
    assert any("Hurried <b>people</b></title><script>alert(2)</script>" in label for label in labels)
    assert not [label for label in labels if "&lt;" in label or "&amp;" in label]
