"""The `journeybook` command: validate the data, write JSON Schema, export Markdown.

`validate` prints exactly the messages the MkDocs build fails with, so an
editor sees the same text locally, in CI annotations and in `mkdocs serve`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from .core import HandbookError, format_problems, load_handbook
from .core.analysis import gap_problems
from .core.problems import Problem
from .render.escape import terminal
from .schema import write_schemas


def _report(problems: Sequence[Problem], fmt: str) -> None:
    if fmt == "github":
        for problem in problems:
            print(terminal(problem.format_github()))
        print(f"{len(problems)} problem(s) found.", file=sys.stderr)
    else:
        print(terminal(format_problems(problems)), file=sys.stderr)


def cmd_validate(args: argparse.Namespace) -> int:
    try:
        book = load_handbook(Path(args.path))
    except HandbookError as exc:
        _report(exc.problems, args.format)
        return 1
    if args.strict:
        gaps = gap_problems(book)
        if gaps:
            _report(sorted(gaps), args.format)
            return 1
    count = len(book.journeys)
    print(
        f"{terminal(args.path)}: OK ({count} journeys, {len(book.need_groups)} need groups, "
        f"{len(book.backlog)} backlog items, {len(book.metrics)} metrics)"
    )
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    written = write_schemas(Path(args.out))
    for path in written:
        print(path.as_posix())
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write the generated Markdown tree, for engines that run no MkDocs plugins."""
    from .render import glossary_abbreviations, render_site

    try:
        book = load_handbook(Path(args.path))
    except HandbookError as exc:
        _report(exc.problems, "text")
        return 1
    out = Path(args.out)
    abbreviations = glossary_abbreviations(book, args.language)
    for page in render_site(book, args.language):
        target = out / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        content = page.content
        if page.path.endswith(".md") and abbreviations:
            content = f"{content}\n{abbreviations}\n"
        target.write_text(content, encoding="utf-8")
    print(json.dumps({"written": str(out), "pages": len(list(out.rglob("*.md")))}))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="journeybook", description=__doc__.splitlines()[0] if __doc__ else "")
    sub = parser.add_subparsers(dest="command", required=True)
    validate = sub.add_parser("validate", help="check every YAML file under PATH; exit 1 on any problem")
    validate.add_argument("path", nargs="?", default="journeys")
    validate.add_argument(
        "--format", choices=["text", "github"], default="text", help="'github' prints GitHub Actions annotations"
    )
    validate.add_argument(
        "--strict",
        action="store_true",
        help="also fail on traceability gaps (pain points without root cause or backlog item, "
        "backlog items without metric or owner)",
    )
    validate.set_defaults(func=cmd_validate)
    schema = sub.add_parser("schema", help="write a JSON Schema per file kind")
    schema.add_argument("--out", default="schema")
    schema.set_defaults(func=cmd_schema)
    export = sub.add_parser("export", help="write the generated Markdown pages to a folder")
    export.add_argument("path", nargs="?", default="journeys")
    export.add_argument("--out", required=True)
    export.add_argument("--language", default="en", choices=["en", "sv", "fi"])
    export.set_defaults(func=cmd_export)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    result: int = args.func(args)
    return result


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
