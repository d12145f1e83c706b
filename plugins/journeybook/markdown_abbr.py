"""Glossary tooltips that never break Python-Markdown's own placeholders.

Python-Markdown keeps raw HTML and entities (``&#38;``, which journeybook writes for
every ``&``, ``*``, ``:`` ... of editor text) out of the text as placeholders such as
``\\x02wzxhzdk:112\\x03`` until the end. Its ``abbr`` extension marks terms in that
text with a regular expression that does not know them: a glossary term ``112``
(the emergency number) or ``1177`` matched the number inside a placeholder, which
then could not be put back, and the page showed ``wzxhzdk:112`` instead of the
editor's ``&``. This extension, which the plugin loads after ``abbr``, gives
``abbr`` the same regular expression with the placeholders' spans left out.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Iterator
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrTreeprocessor

NAME = "journeybook.markdown_abbr"

#: Python-Markdown's placeholders (util.HTML_PLACEHOLDER, util.INLINE_PLACEHOLDER): STX, a word, ':', a number, ETX.
_PLACEHOLDER = re.compile("\x02[a-z]+:\\d+\x03")


class _OutsidePlaceholders:
    """A compiled pattern whose finditer skips matches that touch a placeholder."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if "\x02" not in text:
            yield from self.pattern.finditer(text)
            return
        stashed = [m.span() for m in _PLACEHOLDER.finditer(text)]
        for match in self.pattern.finditer(text):
            if not any(start < match.end() and match.start() < end for start, end in stashed):
                yield match


class _GuardedAbbr(AbbrTreeprocessor):
    def run(self, root: etree.Element) -> etree.Element | None:
        if not self.abbrs:
            return None
        words = sorted(self.abbrs, key=len, reverse=True)
        self.RE = _OutsidePlaceholders(re.compile(f"\\b(?:{'|'.join(re.escape(w) for w in words)})\\b"))  # type: ignore[assignment]
        self.iter_element(root)
        return None


class GuardedAbbrExtension(Extension):
    """Replaces the ``abbr`` extension's tree processor; does nothing where ``abbr`` is not loaded."""

    def extendMarkdown(self, md: Markdown) -> None:
        if "abbr" in md.treeprocessors:
            original = md.treeprocessors["abbr"]
            md.treeprocessors.register(_GuardedAbbr(md, getattr(original, "abbrs", {})), "abbr", 7)


def makeExtension(**kwargs: Any) -> GuardedAbbrExtension:  # Python-Markdown loads an extension by this name
    return GuardedAbbrExtension(**kwargs)
