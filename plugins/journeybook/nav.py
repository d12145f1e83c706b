"""The site's nav with the generated sections filled in, shared by the MkDocs plugin and `journeybook export`.

A handbook's `nav` names a generated section by its index page (for example
`journeys/index.md`); both adapters replace that entry with the whole
section, so a site built by the plugin and one built from the export list
the same pages under the same titles.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

NAV_TITLES = {
    "journeys/index.md": "journeys",
    "need-groups/index.md": "need_groups",
    "teams/index.md": "teams",
    "backlog/index.md": "backlog",
}
"""The label key of each generated section's title, for entries that name the index page without a title."""


def expand_nav(nav: list[Any], sections: Mapping[str, list[object]], labels: Mapping[str, str]) -> list[Any]:
    """Replace a nav entry that names a generated section index with the whole section."""
    out: list[Any] = []
    for entry in nav:
        if isinstance(entry, str) and entry in sections:
            out.append({labels[NAV_TITLES[entry]]: sections[entry]})
        elif isinstance(entry, dict) and len(entry) == 1:
            ((title, value),) = entry.items()
            if isinstance(value, str) and value in sections:
                out.append({title: sections[value]})
            elif isinstance(value, list):
                out.append({title: expand_nav(value, sections, labels)})
            else:
                out.append(entry)
        else:
            out.append(entry)
    return out


def nav_paths(nav: Any) -> list[str]:
    """Every page path named anywhere in a nav tree."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [p for value in nav.values() for p in nav_paths(value)]
    if isinstance(nav, list):
        return [p for entry in nav for p in nav_paths(entry)]
    return []
