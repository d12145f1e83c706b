"""Hostile input found in session 8: editor text that the tool took apart differently from the theme.

Each test names the input, what went wrong, and what a reader relies on now.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import yaml
from pymdownx.slugs import slugify

from journeybook.core import load_handbook
from journeybook.render import render_site

#: mkdocs-material's default tags_slugify: the anchor of a tag's section on the tags index is 'tag:' + this.
_THEME_SLUG = slugify(case="lower")


def _tag(journey: Path, tags: str) -> None:
    text = journey.read_text("utf-8")
    journey.write_text(re.sub(r"^(summary: .*)$", rf"\1\ntags: {tags}", text, count=1, flags=re.M), "utf-8")


def _spellings_by_anchor(folder: Path) -> dict[str, set[str]]:
    """Every tag the pages carry (as their front matter holds it, escaped), by the anchor the theme gives it."""
    spellings: dict[str, set[str]] = defaultdict(set)
    for page in render_site(load_handbook(folder)):
        if not page.content.startswith("---\n"):
            continue
        meta = yaml.safe_load(page.content.split("\n---\n", 1)[0].removeprefix("---\n")) or {}
        for tag in meta.get("tags", []):
            spellings[_THEME_SLUG(tag, "-")].add(tag)
    return spellings


def test_tags_the_theme_gives_one_anchor_are_one_tag(mini: Path) -> None:
    # The theme drops punctuation from an anchor: 'a.b' and 'ab' were two sections of the tags index with the
    # id 'tag:ab' (a link to the second opened the first), and so were '!!!' and '???' with 'tag:'.
    _tag(mini / "future.yml", '["a.b", "!!!", "<b>x</b>"]')
    _tag(mini / "now.yml", '[ab, "???", "a:b", "&lt;b&gt;x&lt;/b&gt;"]')
    spellings = _spellings_by_anchor(mini)
    assert {anchor: names for anchor, names in spellings.items() if len(names) > 1} == {}
    assert spellings["ab"] == {"a.b"}  # the handbook's first spelling
    # Editor markup stays text: escaped in the front matter the theme prints as it is.
    assert "&lt;b&gt;x&lt;/b&gt;" in spellings["ltbgtxltbgt"]
