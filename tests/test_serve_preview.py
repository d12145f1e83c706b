"""`mkdocs serve` with a data mistake: every page shows the messages, and the handbook comes back by itself.

A real `mkdocs serve` process on a free port, as an editor runs it. The build
(`mkdocs build`) still fails on the same mistake, as test_plugin checks.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from html import unescape
from pathlib import Path
from typing import IO

import pytest

from conftest import MERMAID_JS, ROOT, edit

#: How long the test waits for a rebuild at most; a passing run answers much sooner.
PATIENCE_SECONDS = 120


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return str(response.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        return f"HTTP {exc.code}"
    except OSError as exc:
        return f"unreachable: {exc}"


def wait_for(check: Callable[[], bool]) -> bool:
    deadline = time.monotonic() + PATIENCE_SECONDS
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.3)
    return False


def preview_config(tmp_path: Path, data: Path, plugins: str = "") -> Path:
    """A mkdocs.yml for data with a one-page docs folder; plugins: more plugin lines, listed first."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Start\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        f"site_name: Preview\ndocs_dir: {docs}\ntheme:\n  name: material\n  custom_dir: {ROOT / 'overrides'}\n"
        f"plugins:\n{plugins}  - journeybook:\n      data_dir: {data}\n      mermaid_js: {MERMAID_JS}\n"
        "markdown_extensions:\n  - pymdownx.tabbed:\n      alternate_style: true\n  - pymdownx.superfences:\n"
        "      custom_fences:\n        - name: mermaid\n          class: mermaid\n"
        "          format: !!python/name:pymdownx.superfences.fence_code_format\n",
        encoding="utf-8",
    )
    return config


@contextmanager
def serving(config: Path, output: IO[bytes] | int = subprocess.DEVNULL) -> Iterator[str]:
    """A real `mkdocs serve` of config on a free port, its output to output; its address, once the mini
    handbook's journey answers. Killed in any case."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
        stdout=output,
        stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        start_new_session=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/"
        assert wait_for(lambda: "Moving" in get(url + "journeys/move-now/")), "serve did not come up"
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture
def served(mini: Path, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """The mini handbook under `mkdocs serve`, with a one-page docs folder."""
    with serving(preview_config(tmp_path, mini)) as url:
        yield url, mini


def test_mistake_shows_on_every_page_and_the_fix_brings_the_handbook_back(served: tuple[str, Path]) -> None:
    url, data = served
    edit(data / "now.yml", "            root_causes: [old-system]\n", "            severity: <b>worst</b>\n")
    page = url + "journeys/move-now/"
    assert wait_for(lambda: "Handbook data has problems" in get(page)), get(page)
    html = get(page)
    assert "<b>worst</b>" not in html  # editor text, even in a message, is data
    text = unescape(re.sub(r"<[^>]+>", "", html))  # what the reader sees
    assert "journeys/now.yml:23:23 'severity' has a value that is not allowed" in text
    assert "field: phases[0].steps[0].pain_points[0].severity" in text
    assert "found: '<b>worst</b>'" in text
    assert "expected: one of: 'low', 'medium' or 'high'" in text
    for other in ("", "backlog/", "journeys/", "need-groups/hurried/"):
        assert "Handbook data has problems" in get(url + other), other

    edit(data / "now.yml", "            severity: <b>worst</b>\n", "            root_causes: [old-system]\n")
    assert wait_for(lambda: "Handbook data has problems" not in get(page)), get(page)
    assert "Moving – today" in get(page)
