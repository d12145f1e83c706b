"""A tag is one section of the tags index, however editors spell it.

mkdocs-material's tags index gives each tag an anchor made from its name in
lower case, spaces and punctuation as hyphens. Editors write 'E-service' on
one journey and 'e-service' on another, or 'failure demand' where the failure
demand page carries 'Failure demand': the index then showed two sections with
one anchor, and a link to the second opened the first. Every page now carries
one spelling per tag: the generated pages' own label where the tag is one,
else the first spelling in the handbook.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import yaml

from journeybook.core import load_handbook
from journeybook.render import render_site
from journeybook.render.context import tag_key


def _tag(journey: Path, tags: str) -> None:
    text = journey.read_text("utf-8")
    journey.write_text(re.sub(r"^(summary: .*)$", rf"\1\ntags: {tags}", text, count=1, flags=re.M), "utf-8")


def _tags_by_key(folder: Path, key: Callable[[str], str] = tag_key) -> dict[str, set[str]]:
    spellings: dict[str, set[str]] = defaultdict(set)
    for page in render_site(load_handbook(folder)):
        if not page.content.startswith("---\n"):
            continue
        meta = yaml.safe_load(page.content.split("\n---\n", 1)[0].removeprefix("---\n")) or {}
        for tag in meta.get("tags", []):
            spellings[key(tag)].add(tag)
    return spellings


def test_every_tag_has_one_spelling_on_every_page(mini: Path) -> None:
    # future.yml comes first in the handbook (files in name order).
    _tag(mini / "future.yml", '[E-service, "phone-support", "Blueprint"]')
    _tag(mini / "now.yml", '[e-service, "E-Service", "failure demand", JOURNEY, Phone  support]')
    spellings = _tags_by_key(mini)
    assert {key: names for key, names in spellings.items() if len(names) > 1} == {}
    # The handbook's first spelling, and the pages' own labels, win.
    assert spellings["e-service"] == {"E-service"}
    assert spellings["phone-support"] == {"phone-support"}
    assert spellings["failure-demand"] == {"Failure demand"}
    assert spellings["journey"] == {"Journey"} and spellings["blueprint"] == {"Blueprint"}


def test_keys_follow_the_anchor_the_theme_makes() -> None:
    assert tag_key("E-Service") == tag_key("e service") == tag_key(" e_service ") == "e-service"
    assert tag_key("Ｅ-service") == "e-service"  # a full-width letter is the same letter
    assert tag_key("Straße") == tag_key("STRASSE")
    assert tag_key("e-service") != tag_key("eservice")
