"""The fast paths of page rendering write exactly what the general ones did.

Front matter is written without PyYAML's emitter where the page's keys allow,
and a page's date comes from one `git log` per data folder; neither may change
a byte a reader or the theme sees.
"""

from __future__ import annotations

import os
import random
import subprocess
from pathlib import Path

import pytest
import yaml

from journeybook.mkdocs_plugin import last_commits
from journeybook.render import markup
from journeybook.render.escape import attr, front_matter
from journeybook.render.text import rel

HOSTILE_TITLES = [
    "Moving abroad",
    "Apply for a permit (new)",
    'He said "hi"',
    "It's mine",
    "Key: value",
    "trailing colon:",
    "# not a comment",
    "a # comment?",
    "a#b",
    "- list item",
    "* star",
    "& anchor",
    "! tag",
    "? key",
    "| block",
    "> folded",
    "% directive",
    "@ at",
    "` tick",
    "[flow]",
    "{map}",
    "line\nbreak",
    "tab\there",
    "Ünïcödé – ok ✓",
    "日本語のタイトル",
    "emoji 🚀 launch",
    "no",
    "yes",
    "off",
    "Null",
    "~",
    "true",
    "1e3",
    "1.5",
    "12",
    "0x1F",
    "12:30",
    "2024-01-02",
    ".inf",
    "",
    " ",
    "-",
    "---",
    "...",
    "x" * 79,
    "word " * 20,
    "<script>alert(1)</script>",
    "a\u2028b",
    "a\ufeffb",
    "a\x85b",
]


def _pyyaml(data: dict[str, object]) -> str:
    """The front matter PyYAML writes for data (already escaped): what the fast path must equal."""
    return f"---\n{yaml.safe_dump(data, allow_unicode=True, sort_keys=False)}---\n"


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_front_matter_is_what_pyyaml_writes_and_reads_back(title: str) -> None:
    meta: dict[str, object] = {
        "title": title,
        "hide": ["navigation", "toc"],
        "tags": [title, "plain tag"],
        "search": {"boost": 2.0},
    }
    escaped: dict[str, object] = {**meta, "title": attr(title), "tags": [attr(title), "plain tag"]}
    text = front_matter(meta)
    assert text == _pyyaml(escaped)
    assert yaml.safe_load(text.removeprefix("---\n").removesuffix("---\n")) == escaped


def test_front_matter_matches_pyyaml_on_random_titles() -> None:
    alphabet = "abcXYZ019 .,:;#&'\"!?+-_*|>%@`[]{}()/\\~=<\n\tÄé✓日🚀\u00a0"
    rng = random.Random(11)
    for _ in range(3000):
        title = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        boost = rng.choice([1, 0.5, 2.0, 1e20, 3])
        meta: dict[str, object] = {"title": title, "search": {"boost": boost}}
        assert front_matter(meta) == _pyyaml({"title": attr(title), "search": {"boost": boost}}), title


def test_links_and_fragments_escape_editor_text() -> None:
    assert rel("journeys/a/index.md", "teams/t.md") == "../../teams/t.md"
    assert rel("journeys/a/index.md", "journeys/a/blueprint.md", "x") == "blueprint.md#x"
    assert rel("index.md", "index.md") == "index.md"
    nasty = "\"><script>alert(1)</script> & 'x'"
    assert markup.a(nasty, 'a"b') == (
        '<a href="a&#34;b">&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#39;x&#39;</a>'
    )
    assert markup.strong(nasty) == "<strong>&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#39;x&#39;</strong>"
    assert markup.em(markup.strong("<b>")) == "<em><strong>&lt;b&gt;</strong></em>"


def _git(repo: Path, *args: str, date: str = "2024-01-01T12:00:00+00:00") -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.org",
        "GIT_COMMITTER_NAME": "Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.org",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
    }
    done = subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True, env=env)
    return done.stdout


def test_one_git_log_gives_each_files_last_commit_date(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    data = repo / "journeys"
    (data / "sub").mkdir(parents=True)
    (repo / "README.md").write_text("outside the data folder\n")
    _git(repo, "init", "-q")
    files = ["a.yml", "b é.yml", "sub/c.yml", "d.yml"]
    commits = [
        ("2024-01-02", ["a.yml", "b é.yml", "sub/c.yml"]),
        ("2024-02-03", ["a.yml"]),
        ("2024-03-04", ["sub/c.yml"]),
        ("2024-04-05", []),  # only README.md
        ("2024-05-06", ["b é.yml", "d.yml"]),
        ("2024-06-07", ["a.yml"]),
    ]
    for number, (day, changed) in enumerate(commits):
        for name in changed:
            (data / name).write_text(f"version: {number}\n", encoding="utf-8")
        (repo / "README.md").write_text(f"commit {number}\n")
        _git(repo, "add", ".")
        _git(repo, "commit", "-q", "-m", f"commit {number}", date=f"{day}T12:00:00+00:00")
    (data / "new.yml").write_text("not committed\n")
    dates = last_commits(data)
    for name in [*files, "new.yml"]:
        path = data / name
        one = _git(path.parent, "log", "-1", "--format=%cs", "--", path.name).strip()
        assert dates.get(path, "") == one, name
    assert dates[data / "a.yml"] == "2024-06-07"
    assert dates[data / "sub" / "c.yml"] == "2024-03-04"
    assert data / "new.yml" not in dates


def test_outside_a_checkout_there_are_no_dates(tmp_path: Path) -> None:
    (tmp_path / "a.yml").write_text("x: 1\n")
    assert last_commits(tmp_path) == {}
