"""The Markdown extensions a generated page needs, so MkDocs does not run the others over it.

MkDocs builds a Markdown converter per page with every configured
extension, and each extension's processors run over the whole page. A
generated page that holds no table, no admonition, no tabs and no fence
(a blueprint, an insights page) needs only a few. Each probe is a plain
substring that every use of the extension must contain, so a page that
might need an extension keeps it (editor Markdown in a description may use
any of them); extensions not listed here are always kept.
"""

from __future__ import annotations

from collections.abc import Sequence

#: Extension -> text that any use of it contains.
_PROBES: dict[str, tuple[str, ...]] = {
    "abbr": ("*[",),
    "journeybook.markdown_abbr": ("*[",),
    "admonition": ("!!!", "???"),
    "attr_list": ("{",),
    "md_in_html": ("markdown=",),
    "tables": ("|",),
    "pymdownx.details": ("???",),
    "pymdownx.tabbed": ("===",),
    "pymdownx.superfences": ("```", "~~~"),
}


def needed_extensions(configured: Sequence[str], markdown: str) -> list[str]:
    """The configured extensions, less those whose syntax the page cannot contain."""
    return [
        name
        for name in configured
        if name not in _PROBES or any(probe in markdown for probe in _PROBES[name])
    ]
