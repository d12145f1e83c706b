"""`journeybook export`: the handbook as a complete project that builds without the journeybook plugin.

MkDocs 2 drops plugins and Material for MkDocs reaches end of life; Zensical,
its successor, runs no MkDocs plugins. So the export writes everything the
plugin adds at build time into files:

    DIR/docs/          the handbook's own pages, the generated pages (with the
                       glossary appended as abbreviations, as the plugin does),
                       journeybook's CSS, and Mermaid (its module build with
                       its chunks, and the single file) with its small loader
    DIR/overrides/     the theme's custom_dir (the handbook's CSS and JS), if any
    DIR/mkdocs.yml     plain MkDocs + Material: no journeybook plugin, nav filled in
    DIR/zensical.toml  the same site for Zensical

The settings come from the handbook's own mkdocs.yml (site name, theme,
palette, Markdown extensions, nav), so both engines build the same handbook.
Mermaid is served from the site itself: the loader defines `window.mermaid`
before the theme's bundle looks for it, and both Material and Zensical fetch
Mermaid from a CDN only when it is undefined.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli_w
import yaml

from .core import load_handbook
from .nav import expand_nav, nav_paths
from .render import glossary_abbreviations, nav_sections, render_site
from .render.i18n import labels_for
from .render.site import DEFAULT_NAV_MAX_ENTRIES
from .site_assets import (
    ASSETS,
    CSS_URI,
    DEFAULT_MERMAID_JS,
    FILTER_URI,
    LOADER_URI,
    MERMAID_ESM_URI,
    mermaid_files,
    mermaid_loader,
)

MARKER = ".journeybook-export"
"""A file in DIR that says an earlier export wrote it, so a new export may replace docs/ and overrides/."""

FENCE_FORMAT = "pymdownx.superfences.fence_code_format"
REQUIRED_EXTENSIONS: dict[str, dict[str, Any]] = {
    "abbr": {},
    "admonition": {},
    "attr_list": {},
    # The generated pages still wrap Markdown in HTML blocks marked markdown="1".
    "md_in_html": {},
    "tables": {},
    "toc": {"permalink": True},
    "pymdownx.details": {},
    "pymdownx.tabbed": {"alternate_style": True},
}
MATERIAL_PLUGINS = frozenset(
    {"search", "tags", "blog", "social", "privacy", "offline", "info", "meta", "group", "optimize", "typeset"}
)
"""Plugins that come with MkDocs or Material (and that Zensical knows); every other plugin is left out."""
ZENSICAL_KEYS = (
    "site_name",
    "site_description",
    "site_author",
    "site_url",
    "repo_url",
    "repo_name",
    "edit_uri",
    "copyright",
    "extra",
    "extra_css",
    "extra_javascript",
    "nav",
)
"""The top-level settings of mkdocs.yml that zensical.toml carries over, in this order."""


class ExportError(Exception):
    """A setting or file the export needs is missing; the message says what to do."""


@dataclass(frozen=True)
class Tagged:
    """A YAML value with a tag (`!!python/name:...`, `!ENV`), kept as written so the exported mkdocs.yml has it too."""

    tag: str
    value: Any

    def python_name(self) -> str | None:
        prefix = "tag:yaml.org,2002:python/name:"
        return self.tag.removeprefix(prefix) if self.tag.startswith(prefix) else None


class _Loader(yaml.SafeLoader):
    pass


def _construct_tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Tagged:
    value: Any
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        assert isinstance(node, yaml.MappingNode)
        value = loader.construct_mapping(node, deep=True)
    return Tagged(node.tag, value)


_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)
_Loader.add_multi_constructor("!", _construct_tagged)


class _Dumper(yaml.SafeDumper):
    pass


def _represent_tagged(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


def _represent_text(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    """Text of several lines (not_in_nav) as a block, one path a line, as a person would write it."""
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|" if "\n" in data else None)


_Dumper.add_representer(Tagged, _represent_tagged)
_Dumper.add_representer(str, _represent_text)


@dataclass(frozen=True)
class Exported:
    """What an export wrote, for the command's summary."""

    out: Path
    pages: int
    left_out_plugins: tuple[str, ...]


def export_project(
    out: Path,
    *,
    data_dir: Path | None = None,
    config_file: Path | None = None,
    language: str | None = None,
) -> Exported:
    """Write the handbook at data_dir (default: the journeybook plugin's data_dir in config_file) to out.

    Raises HandbookError for mistakes in the data and ExportError for a
    missing file or an out folder that holds something else.
    """
    config, root = _read_config(config_file)
    options = _plugin_options(config)
    mermaid_js = root / str(options.get("mermaid_js", DEFAULT_MERMAID_JS))
    if not mermaid_js.is_file():
        raise ExportError(
            f"Mermaid not found at {mermaid_js}. Run 'npm ci' in the project folder (README, quick start) "
            "or set the journeybook plugin's mermaid_js option."
        )
    theme = _mapping(config.get("theme") or {"name": "material"})
    theme["language"] = language or str(theme.get("language") or "en")
    theme.setdefault("font", False)  # both themes fetch their fonts from Google unless told not to
    nav_max_entries = int(options.get("nav_max_entries", DEFAULT_NAV_MAX_ENTRIES))
    book = load_handbook(data_dir or root / str(options.get("data_dir", "journeys")))
    pages = render_site(book, theme["language"], nav_max_entries=nav_max_entries)

    _prepare(out)
    docs = out / "docs"
    source_docs = root / str(config.get("docs_dir", "docs"))
    if source_docs.is_dir():
        shutil.copytree(source_docs, docs)
    for page in pages:
        if (docs / page.path).exists():
            raise ExportError(f"{source_docs / page.path} exists and would be replaced by a generated page")
    for page in pages:
        target = docs / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.content, encoding="utf-8")
    if options.get("tooltips", True):
        _append_abbreviations(docs, glossary_abbreviations(book, theme["language"]))
    mermaid = dict(mermaid_files(mermaid_js))
    for uri, source in mermaid.items():
        _copy(source, docs / uri)
    (docs / LOADER_URI).write_text(mermaid_loader(MERMAID_ESM_URI in mermaid), encoding="utf-8")
    _copy(ASSETS / "journeybook.css", docs / CSS_URI)
    _copy(ASSETS / "table-filter.js", docs / FILTER_URI)
    if theme.get("custom_dir"):
        shutil.copytree(root / str(theme["custom_dir"]), out / "overrides")
        theme["custom_dir"] = "overrides"

    nav = config.get("nav")
    if nav is not None and options.get("expand_nav", True):
        sections = nav_sections(book, theme["language"], nav_max_entries)
        nav = expand_nav(list(nav), sections, labels_for(theme["language"]))
    generated = [page.path for page in pages if page.path.endswith(".md")]
    unlisted = sorted(set(generated) - set(nav_paths(nav))) if nav is not None else []
    site, left_out = _mkdocs_config(config, theme, nav, unlisted)
    (out / "mkdocs.yml").write_text(
        "# Written by `journeybook export`: the handbook for plain MkDocs + Material, without the\n"
        "# journeybook plugin. Build it with `mkdocs build` (or `properdocs build`) in this folder.\n"
        + yaml.dump(site, Dumper=_Dumper, sort_keys=False, allow_unicode=True),
        encoding="utf-8",
    )
    (out / "zensical.toml").write_text(
        "# Written by `journeybook export`: the same handbook for Zensical. Build it with\n"
        "# `zensical build --strict -f zensical.toml` in this folder.\n"
        + tomli_w.dumps({"project": _zensical_config(site)}),
        encoding="utf-8",
    )
    (out / MARKER).write_text("journeybook export\n", encoding="utf-8")
    return Exported(out, len(generated), left_out)


def _read_config(config_file: Path | None) -> tuple[dict[str, Any], Path]:
    """The handbook's mkdocs.yml (tags kept as written) and the folder its paths are relative to."""
    if config_file is None:
        config_file = Path("mkdocs.yml")
        if not config_file.is_file():
            return {"site_name": "Journey handbook", "theme": {"name": "material", "font": False}}, Path.cwd()
    try:
        text = config_file.read_text(encoding="utf-8")
    except OSError as exc:
        raise ExportError(f"cannot read {config_file}: {exc.strerror}") from None
    try:
        loaded = yaml.load(text, Loader=_Loader)  # a SafeLoader that keeps tags as data
    except yaml.YAMLError as exc:
        raise ExportError(f"{config_file} is not valid YAML: {exc}") from None
    if not isinstance(loaded, dict):
        raise ExportError(f"{config_file} holds no settings")
    return loaded, config_file.resolve().parent


def _mapping(value: object) -> dict[str, Any]:
    if isinstance(value, str):
        return {"name": value}
    return dict(value) if isinstance(value, dict) else {}


def _plugins(config: Mapping[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(name, options) of each plugin in mkdocs.yml, whichever form the list takes."""
    plugins = config.get("plugins") or []
    entries = (
        plugins.items()
        if isinstance(plugins, dict)
        else (next(iter(e.items())) if isinstance(e, dict) else (e, {}) for e in plugins)
    )
    for name, options in entries:
        yield str(name), dict(options or {})


def _plugin_options(config: Mapping[str, Any]) -> dict[str, Any]:
    return next((options for name, options in _plugins(config) if name == "journeybook"), {})


def _prepare(out: Path) -> None:
    """Make out ready: new, empty, or an earlier export whose docs/ and overrides/ are replaced."""
    if out.exists() and any(out.iterdir()):
        if not (out / MARKER).is_file():
            raise ExportError(f"{out} is not empty and holds no earlier export; choose a new or empty folder")
        for name in ("docs", "overrides"):
            shutil.rmtree(out / name, ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


#: Words Python-Markdown's abbr extension finds inside its own placeholders ("\x02wzxhzdk:12\x03").
_PLACEHOLDER_WORD = re.compile(r"(?:wzxhzdk|klzzwxh)?:?\d*|wzxhzdk|klzzwxh")


def _append_abbreviations(docs: Path, abbreviations: str) -> None:
    """Every page gets the glossary as abbreviations, as the plugin adds it to every page.

    Without the plugin abbr runs unguarded (markdown_abbr.py): a term that is a number (112) would
    match inside a placeholder and garble the page, so such terms get no tooltip in the export.
    """
    lines = [line for line in abbreviations.splitlines() if line]
    abbreviations = "\n\n".join(line for line in lines if not _PLACEHOLDER_WORD.fullmatch(line[2 : line.index("]")]))
    if not abbreviations:
        return
    for page in docs.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        page.write_text(f"{text}\n\n{abbreviations}\n", encoding="utf-8")


def _extensions(config: Mapping[str, Any]) -> dict[str, Any]:
    """The Markdown extensions and their settings, with what the generated pages need added."""
    given = config.get("markdown_extensions") or []
    found: dict[str, Any] = {}
    for entry in given.items() if isinstance(given, dict) else given:
        name, settings = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        found[str(name)] = settings or {}
    for name, settings in REQUIRED_EXTENSIONS.items():
        found.setdefault(name, dict(settings))
    fences = dict(found.get("pymdownx.superfences") or {})
    custom = [f for f in fences.get("custom_fences", []) if not (isinstance(f, dict) and f.get("name") == "mermaid")]
    mermaid = {
        "name": "mermaid",
        "class": "mermaid",
        "format": Tagged(f"tag:yaml.org,2002:python/name:{FENCE_FORMAT}", ""),
    }
    fences["custom_fences"] = [*custom, mermaid]
    found["pymdownx.superfences"] = fences
    return found


def _mkdocs_config(
    config: Mapping[str, Any], theme: dict[str, Any], nav: list[Any] | None, unlisted: list[str]
) -> tuple[dict[str, Any], tuple[str, ...]]:
    """The exported mkdocs.yml as a mapping, and the names of the plugins it leaves out."""
    site = {k: v for k, v in config.items() if k not in ("docs_dir", "site_dir", "plugins", "nav", "not_in_nav")}
    site["theme"] = theme
    kept: list[Any] = []
    left_out: list[str] = []
    for name, options in _plugins(config):
        if name.removeprefix("material/") in MATERIAL_PLUGINS:
            kept.append({name: options} if options else name)
        elif name != "journeybook":
            left_out.append(name)
    site["plugins"] = kept
    site["extra_css"] = [*[c for c in config.get("extra_css") or [] if c != CSS_URI], CSS_URI]
    # The loader first, so that window.mermaid exists before the theme's bundle asks for it.
    own = (LOADER_URI, FILTER_URI)
    theirs = [j for j in config.get("extra_javascript") or [] if j not in own]
    site["extra_javascript"] = [LOADER_URI, *theirs, FILTER_URI]
    site["markdown_extensions"] = [
        {name: settings} if settings else name for name, settings in _extensions(config).items()
    ]
    if nav is not None:
        site["nav"] = nav
        if unlisted:
            # Linked from other pages, not listed in the nav: no "not in nav" warning under --strict.
            site["not_in_nav"] = "".join(f"/{path}\n" for path in unlisted)
    return site, tuple(left_out)


def _toml_value(value: Any) -> Any:
    """A value TOML can hold: Python names become their dotted text, which Zensical resolves itself."""
    if isinstance(value, Tagged):
        return value.python_name() or _toml_value(value.value)
    if isinstance(value, dict):
        return {str(k): _toml_value(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_toml_value(v) for v in value if v is not None]
    return value


def _zensical_config(site: Mapping[str, Any]) -> dict[str, Any]:
    project = {key: _toml_value(site[key]) for key in ZENSICAL_KEYS if key in site and site[key] is not None}
    project["theme"] = _toml_value(site["theme"])
    project["markdown_extensions"] = _toml_value(_extensions(site))
    plugins: dict[str, Any] = {}
    for name, options in _plugins(site):
        plugins[name.removeprefix("material/")] = _toml_value(options)
    project["plugins"] = plugins
    return project


__all__ = ["ExportError", "Exported", "export_project"]
