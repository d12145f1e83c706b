"""What an editor is told when the handbook's data is wrong.

Every mistake becomes one :class:`Problem`: located in a file, at a line and
column, on a field path, saying what was found, what was expected, and a hint
where one helps. The core collects all of them before it gives up, so that an
editor fixes a whole pull request in one round instead of one error per build.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

FieldPath = tuple[str | int, ...]


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file, as the editor should read it."""

    file: str
    line: int
    column: int
    field: str
    message: str
    expected: str = ""
    found: str = ""
    hint: str = ""
    severity: str = dataclasses.field(default="error", compare=False)

    def format_text(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        head = f"{where}: {self.severity}: {self.message}"
        lines = [head]
        if self.field:
            lines.append(f"    field:    {self.field}")
        if self.found:
            lines.append(f"    found:    {self.found}")
        if self.expected:
            lines.append(f"    expected: {self.expected}")
        if self.hint:
            lines.append(f"    hint:     {self.hint}")
        return "\n".join(lines)

    def format_github(self) -> str:
        """A GitHub Actions workflow command, so the mistake shows on the PR's diff."""
        detail = self.message
        if self.found:
            detail += f"; found {self.found}"
        if self.expected:
            detail += f"; expected {self.expected}"
        if self.hint:
            detail += f" ({self.hint})"
        title = f"journeybook: {self.field}" if self.field else "journeybook"
        return (
            f"::{self.severity} file={_gh_prop(self.file)},line={self.line},"
            f"col={self.column},title={_gh_prop(title)}::{_gh_data(detail)}"
        )


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


class HandbookError(Exception):
    """Raised with every problem found, never with only the first."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        # A file that could not be read at all comes first: later messages may be its knock-ons.
        self.problems = sorted(problems, key=lambda p: (bool(p.field) or (p.line, p.column) != (1, 1), p))
        super().__init__(format_problems(self.problems))


def format_problems(problems: Iterable[Problem]) -> str:
    items = list(problems)
    body = "\n".join(p.format_text() for p in items)
    count = len(items)
    noun = "warning" if items and all(p.severity == "warning" for p in items) else "problem"
    noun += "" if count == 1 else "s"
    return f"{body}\n{count} {noun} found." if items else "No problems found."


def format_field(path: FieldPath) -> str:
    """Render ('phases', 0, 'steps', 2, 'owner') as phases[0].steps[2].owner."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A 'did you mean' hint for a misspelt key or id, or '' when nothing is close."""
    close = difflib.get_close_matches(word, sorted(set(choices)), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def display_path(path: Path, root: Path | None = None) -> str:
    """Paths relative to the working directory read best in CI logs and editors.

    A link is named by its own path, not by the file it points to.
    """
    own = path.parent.resolve() / path.name
    for base in (root, Path.cwd()):
        if base is None:
            continue
        try:
            return own.relative_to(base.resolve()).as_posix()
        except ValueError:
            continue
    return path.as_posix()
