"""Hostile input found in session 8: editor text that the tool took apart differently from the theme.

Each test names the input, what went wrong, and what a reader relies on now.
"""

from __future__ import annotations

from pathlib import Path

from pymdownx.slugs import slugify

from test_tag_spellings import _tag, _tags_by_key

#: mkdocs-material's default tags_slugify: the anchor of a tag's section on the tags index is 'tag:' + this.
_THEME_SLUG = slugify(case="lower")


def test_tags_the_theme_gives_one_anchor_are_one_tag(mini: Path) -> None:
    # The theme drops punctuation from an anchor: 'a.b' and 'ab' were two sections of the tags index with the
    # id 'tag:ab' (a link to the second opened the first), and so were '!!!' and '???' with 'tag:'.
    _tag(mini / "future.yml", '["a.b", "!!!", "<b>x</b>"]')
    _tag(mini / "now.yml", '[ab, "???", "a:b", "&lt;b&gt;x&lt;/b&gt;"]')
    # Tags as the front matter holds them (escaped), by the anchor the theme gives them.
    spellings = _tags_by_key(mini, lambda tag: _THEME_SLUG(tag, "-"))
    assert {anchor: names for anchor, names in spellings.items() if len(names) > 1} == {}
    assert spellings["ab"] == {"a.b"}  # the handbook's first spelling
    # Editor markup stays text: escaped in the front matter the theme prints as it is.
    assert "&lt;b&gt;x&lt;/b&gt;" in spellings["ltbgtxltbgt"]
