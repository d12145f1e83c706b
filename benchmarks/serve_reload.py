"""How long an editor waits, under `mkdocs serve --dirty`, from saving a YAML file to seeing the edit.

Run by hand (`./dev bench-serve`, or `python benchmarks/serve_reload.py --journeys 200`); it prints
figures, it asserts nothing.

Method: a synthetic handbook of --journeys journeys (tests/synthetic.py, 20
steps each) is served by a real `mkdocs serve --dirty` on a free local port.
Headless Chromium (/usr/bin/chromium, through Playwright) opens the first
journey's page and waits for it. Then, --repeat times: one step name in that
journey's YAML file is changed (to a new name each time), and the clock runs
from just before the file is written until the page in the browser, reloaded
by MkDocs' livereload, shows the new name. So the figure holds everything an
editor waits for: the file watcher, the rebuild, the reload and the page's
own load. "Shown" is the first animation frame after the new name is in the
page (a script the page runs from its first byte watches the page being
parsed and notes the time in the page itself); "page idle" is when a check
polled from outside first finds the name, which waits for the page's scripts
(the theme's, Mermaid drawing the diagrams) to let it run: the older, more
pessimistic figure. Also printed: the CPU seconds the `mkdocs serve` process
spent from save to shown (its user + system time, /proc): on a machine shared
with other work the wall time swings with the load, the server's CPU time
much less.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from conftest import CHROMIUM, write_config  # noqa: E402
from synthetic import generate  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def wait_until_served(url: str, server: subprocess.Popen[bytes], limit: float) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"mkdocs serve stopped (exit {server.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(1)
    raise SystemExit(f"mkdocs serve did not answer within {limit:.0f} s")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of process pid so far (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


#: Run by the page from its first byte: notes the first frame after the name in sessionStorage is in the page.
SHOWN_WATCH = """
(() => {
  const name = sessionStorage.getItem("bench-name");
  if (!name) return;
  const seen = () => document.body !== null && document.body.textContent.includes(name);
  const watch = new MutationObserver(() => {
    if (!seen()) return;
    watch.disconnect();
    requestAnimationFrame(() => { window.benchShownAt = performance.timeOrigin + performance.now(); });
  });
  watch.observe(document, { childList: true, subtree: true });
})();
"""


def measure(journeys: int, repeat: int) -> tuple[list[float], list[float], list[float]]:
    """(seconds from save to shown, to page idle, the server's CPU seconds to idle) for each edit."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        data = tmp / "journeys"
        data.mkdir()
        generate(data, journeys, 20)
        config = write_config(tmp, data)
        port = free_port()
        url = f"http://127.0.0.1:{port}/journeys/journey-0/"
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-q", "-f", str(config), "-a", f"127.0.0.1:{port}"],
            cwd=tmp,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        times: list[float] = []
        idle: list[float] = []
        cpu: list[float] = []
        try:
            wait_until_served(url, server, limit=3600)
            yaml_file = data / "journey-0.yml"
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM)
                page = browser.new_page()
                page.add_init_script(SHOWN_WATCH)
                page.goto(url)
                old = "Step 0 "
                for run in range(repeat):
                    new = f"Step edited{run} "
                    text = yaml_file.read_text("utf-8")
                    page.evaluate("name => sessionStorage.setItem('bench-name', name)", new.strip())
                    saved, start, start_cpu = time.time(), time.perf_counter(), cpu_seconds(server.pid)
                    yaml_file.write_text(text.replace(f"name: {old}", f"name: {new}", 1), "utf-8")
                    page.wait_for_function(
                        "name => document.body && document.body.innerText.includes(name)",
                        arg=new.strip(),
                        timeout=600_000,
                        polling=50,
                    )
                    idle.append(time.perf_counter() - start)
                    cpu.append(cpu_seconds(server.pid) - start_cpu)
                    old = new
                    shown_at = page.wait_for_function("() => window.benchShownAt", timeout=60_000).json_value()
                    times.append(shown_at / 1000 - saved)
                    time.sleep(1)  # let the server settle before the next save
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
        return times, idle, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--journeys", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    times, idle, cpu = measure(args.journeys, args.repeat)
    runs = ", ".join(f"{t:.2f}" for t in times)
    median = statistics.median(times)
    print(f"{args.journeys} journeys: from save to the edit shown in the browser, median {median:.2f} s ({runs})")
    runs = ", ".join(f"{t:.2f}" for t in idle)
    print(f"  from save to the page idle with the edit: median {statistics.median(idle):.2f} s ({runs})")
    runs = ", ".join(f"{t:.2f}" for t in cpu)
    print(f"  CPU time of the mkdocs serve process in that time: median {statistics.median(cpu):.2f} s ({runs})")


if __name__ == "__main__":
    main()
