"""The `journeybook` command: validate the data, start new entries, summarise a change, write schemas.

`validate` prints exactly the messages the MkDocs build fails with, so an
editor sees the same text locally, in CI annotations and in `mkdocs serve`.
"""

from __future__ import annotations

import argparse
import gc
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from .core import HandbookCache, HandbookError, format_problems, load_handbook
from .core.freshness import TodayError, review_problems, today
from .core.handbook import YAML_SUFFIXES, without_cycle_collection
from .core.prewarm import prewarm
from .core.problems import Problem, did_you_mean, display_path
from .render.escape import terminal
from .render.i18n import supported_languages
from .scaffold import KINDS, ScaffoldError, create
from .schema import write_schemas


def _report(problems: Sequence[Problem], fmt: str) -> None:
    if fmt == "github":
        for problem in problems:
            print(terminal(problem.format_github()))
        print(f"{len(problems)} problem(s) found.", file=sys.stderr)
    else:
        print(terminal(format_problems(problems)), file=sys.stderr)


def _handbook_root(file: Path) -> Path | None:
    """The folder holding the organisation file, walking up from file: the handbook file belongs to."""
    for folder in file.resolve().parents:
        for candidate in sorted(folder.glob("*.y*ml")):
            if candidate.suffix not in YAML_SUFFIXES or not candidate.is_file():
                continue
            if _ORGANISATION.search(candidate.read_text(encoding="utf-8", errors="replace")):
                return folder
    return None


_ORGANISATION = re.compile(r"^kind:\s*['\"]?organisation\b", re.MULTILINE)


#: Where `validate` keeps parsed files by default, relative to the handbook folder's parent (the project).
DEFAULT_CACHE_DIR = Path(".cache/journeybook")


def _cache_folder(root: Path, args: argparse.Namespace) -> Path | None:
    """The cache folder: --cache-dir, else the one the MkDocs plugin uses next to the data folder; None: --no-cache."""
    if args.no_cache:
        return None
    if args.cache_dir:
        return Path(args.cache_dir)
    return root.resolve().parent / DEFAULT_CACHE_DIR


def _check(root: Path, label: str, only: set[str] | None, args: argparse.Namespace) -> int:
    """Validate the handbook at root; report only the files in only (display paths) when given."""

    def mine(problems: Sequence[Problem]) -> list[Problem]:
        return [p for p in problems if only is None or p.file in only]

    try:
        cache = HandbookCache(_cache_folder(root, args))
        prewarm(root, cache, args.jobs)
        book = load_handbook(root, cache)
    except HandbookError as exc:
        shown = mine(exc.problems)
        if shown:
            _report(shown, args.format)
            return 1
        print(
            f"{label}: OK ({len(exc.problems)} problem(s) in other files of the handbook: "
            f"run 'journeybook validate {display_path(root)}')"
        )
        return 0
    severity = "error" if args.strict else "warning"
    findings = mine(book.warnings) + mine(review_problems(book, today(), severity))
    if args.strict:
        findings = sorted(findings + mine(book.gap_problems))
    if findings:
        _report(findings, args.format)
    if any(p.severity == "error" for p in findings):
        return 1
    if only is not None:
        print(f"{label}: OK")
    else:
        print(
            f"{label}: OK ({len(book.journeys)} journeys, {len(book.need_groups)} need groups, "
            f"{len(book.backlog)} backlog items, {len(book.metrics)} metrics)"
        )
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    """Check folders as whole handbooks, and single files in the context of the handbook they belong to."""
    status = 0
    named: dict[Path, set[str]] = {}
    for given in args.paths or ["journeys"]:
        path = Path(given)
        if not path.exists() and path.suffix:
            # A mistyped file name, not a missing handbook folder.
            siblings = [p.name for p in path.parent.iterdir()] if path.parent.is_dir() else []
            _report(
                [
                    Problem(
                        given,
                        1,
                        1,
                        "",
                        "the file does not exist",
                        expected="a file of the handbook, or its folder",
                        found=f"no '{path.name}' in {display_path(path.parent)}",
                        hint=did_you_mean(path.name, siblings),
                    )
                ],
                args.format,
            )
            status = 1
            continue
        if path.is_dir() or not path.exists():
            status |= _check(path, given, None, args)
            continue
        root = _handbook_root(path)
        if root is None:
            print(f"{given}: skipped, not inside a handbook folder (no organisation file above it)")
            continue
        named.setdefault(root, set()).add(display_path(path))
    for root, files in named.items():
        status |= _check(root, ", ".join(sorted(files)), files, args)
    return status


def cmd_new(args: argparse.Namespace) -> int:
    """Start a new journey, team, backlog item... that validates as written."""
    try:
        created = create(Path(args.dir), args.kind, args.id, args.title)
    except ScaffoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    shown = display_path(created.path)
    verb = "added to" if created.appended else "wrote"
    print(f"{verb} {shown}: {args.kind} '{args.id}'")
    print(f"next: {created.next_steps}")
    print(f"then check it: journeybook validate {shown}")
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    """What a change does to the handbook, between two git revisions (or one and the working tree)."""
    from .handbook_diff import DiffError, diff_revisions

    try:
        out = diff_revisions(
            Path(args.repo), args.path, args.base, args.head, site_url=args.site_url, fmt=args.format
        )
    except DiffError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(out)
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    written = write_schemas(Path(args.out))
    for path in written:
        print(path.as_posix())
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write the handbook as a project that builds without the plugin (export.py says what it holds)."""
    from .export import ExportError, export_project

    try:
        done = export_project(
            Path(args.out),
            data_dir=Path(args.path) if args.path else None,
            config_file=Path(args.config) if args.config else None,
            language=args.language,
        )
    except HandbookError as exc:
        _report(exc.problems, "text")
        return 1
    except ExportError as exc:
        print(f"error: {terminal(str(exc))}", file=sys.stderr)
        return 1
    for name in done.left_out_plugins:
        print(f"left out the plugin '{terminal(name)}': the export runs only MkDocs' and Material's own plugins")
    print(json.dumps({"written": str(done.out), "pages": done.pages}))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="journeybook", description=__doc__.splitlines()[0] if __doc__ else "")
    sub = parser.add_subparsers(dest="command", required=True)
    validate = sub.add_parser("validate", help="check every YAML file under PATH; exit 1 on any problem")
    validate.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="handbook folders, or single files checked within their handbook (default: journeys)",
    )
    validate.add_argument(
        "--format", choices=["text", "github"], default="text", help="'github' prints GitHub Actions annotations"
    )
    validate.add_argument(
        "--strict",
        action="store_true",
        help="also fail on traceability gaps (pain points without root cause or backlog item, "
        "backlog items without metric or owner)",
    )
    validate.add_argument(
        "--cache-dir",
        metavar="DIR",
        help="keep parsed files here, so the next run reads only changed files "
        "(default: .cache/journeybook in the handbook folder's parent, where the MkDocs plugin keeps its cache)",
    )
    validate.add_argument("--no-cache", action="store_true", help="parse every file; read and write no cache")
    validate.add_argument(
        "--jobs",
        type=int,
        metavar="N",
        help="processes that parse the files the cache lacks (default: the cores free to it, at most 8; "
        "1: parse in this process only)",
    )
    validate.set_defaults(func=cmd_validate)
    new = sub.add_parser("new", help="start a journey, need group, team... with placeholders that validate")
    new.add_argument("kind", choices=list(KINDS))
    new.add_argument("id", help="the new id: lower-case letters, digits and single hyphens")
    new.add_argument("--title", help="its title or name (default: made from the id)")
    new.add_argument("--dir", default="journeys", help="the handbook folder (default: journeys)")
    new.set_defaults(func=cmd_new)
    diff = sub.add_parser("diff", help="summarise what a change does to the handbook, as Markdown or JSON")
    diff.add_argument("base", help="the git revision to compare from, e.g. origin/main")
    diff.add_argument("head", nargs="?", help="the git revision to compare to (default: the working tree)")
    diff.add_argument("--path", default="journeys", help="the handbook folder in the repository (default: journeys)")
    diff.add_argument("--repo", default=".", help="the git repository (default: the current folder)")
    diff.add_argument("--site-url", default="", help="the published handbook's address, for links to pages")
    diff.add_argument("--format", choices=["markdown", "json"], default="markdown")
    diff.set_defaults(func=cmd_diff)
    schema = sub.add_parser("schema", help="write a JSON Schema per file kind")
    schema.add_argument("--out", default="schema")
    schema.set_defaults(func=cmd_schema)
    export = sub.add_parser(
        "export", help="write a project (pages, CSS, Mermaid, mkdocs.yml, zensical.toml) that builds without the plugin"
    )
    export.add_argument(
        "path", nargs="?", help="the handbook folder (default: the journeybook plugin's data_dir in the config)"
    )
    export.add_argument("--out", required=True, help="the folder to write: new, empty, or an earlier export")
    export.add_argument("--config", help="the handbook's mkdocs.yml, whose settings and docs/ pages are exported "
                        "(default: mkdocs.yml here, if any)")
    export.add_argument("--language", choices=supported_languages(), help="page language (default: the theme's)")
    export.set_defaults(func=cmd_export)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _run(args, argv)
    except TodayError as exc:
        print(f"error: {terminal(str(exc))}", file=sys.stderr)
        return 2


def _run(args: argparse.Namespace, argv: Sequence[str] | None) -> int:
    if args.func is not cmd_validate:
        return int(args.func(args))
    # A short run over data without reference cycles: the cycle collector would only walk the
    # handbook again and again, and once more at exit (a second at a thousand journeys). Called from
    # Python (tests, a benchmark), the caller gets its collector back as it was.
    with without_cycle_collection():
        code = int(args.func(args))
        if argv is None:
            gc.freeze()  # the program ends here: nothing left for the collector to do at exit
        return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
