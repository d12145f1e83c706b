"""How long Chromium takes to draw every diagram of the heaviest pages of a built site.

Run by hand after a build (`./dev bench --draw` runs it on each size it
builds; `python benchmarks/draw_benchmark.py SITE_DIR` on any built site). It
prints figures, it asserts nothing.

Method: the site is served from a local HTTP server; headless Chromium
(/usr/bin/chromium, through Playwright, 1280x800, cache disabled) opens each
page --repeat times in a fresh browser context. The time is from the start of
navigation (`performance.timeOrigin`) until every `.mermaid` element holds its
drawn `<svg>` (mkdocs-material draws into a shadow root), measured in the page
with `performance.now()` (shadow roots opened by an init script, as in
the browser tests); the median and the best are printed with the number
of diagrams, of DOM nodes, and the bytes of Mermaid code the page loaded
(the resource timing of every file whose name holds "mermaid", the loader
included). On a busy machine wall time says little: the CPU time the page's
renderer process has used when the last diagram is drawn (Chromium's
`ProcessTime` metric, best of the runs) is printed too; it counts the
parsing, compiling and drawing the page costs, also off the main thread.
Pages measured: the largest journey page (by HTML size), the backlog page,
and the largest traceability page (the largest per-journey one, or
the one-page version of a small handbook).

With --without-search-index every request for the theme's search index is
refused, so that the share of the draw time the index costs can be read off
two runs. mkdocs-material fetches and parses the index on the page's main
thread at every page load and posts it to its search worker, which builds the
index: a small index's build competes with the drawing for the cores, a large
one's parsing and copying delays it on the main thread. A site built by
journeybook asks for the index only once the reader turns to search
(assets/search-on-demand.js), so there the two runs should agree; they
differ for a site that loads it with every page.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from conftest import CHROMIUM, serve  # noqa: E402

#: mkdocs-material draws each diagram into a closed shadow root; opened so the drawn svg can be seen.
_OPEN_SHADOW = (
    "const attach = Element.prototype.attachShadow;"
    "Element.prototype.attachShadow = function (init) { return attach.call(this, {...init, mode: 'open'}); };"
)

#: Resolves when every diagram is drawn; returns milliseconds since navigation started.
_DRAWN = """n => {
  const drawn = [...document.querySelectorAll('.mermaid')]
    .filter(e => (e.shadowRoot && e.shadowRoot.querySelector('svg')) || e.querySelector('svg')).length;
  return drawn >= n ? performance.now() : false;
}"""


def heaviest_pages(site: Path) -> dict[str, Path]:
    """The pages to measure, by name: the largest journey page, the backlog, the largest traceability page."""

    def largest(pages: list[Path]) -> Path | None:
        return max(pages, key=lambda p: p.stat().st_size, default=None)

    journeys = [p / "index.html" for p in (site / "journeys").iterdir() if (p / "index.html").exists()]
    # A split handbook draws the chains on per-journey pages (the summary has no diagram).
    one_page = site / "backlog" / "traceability" / "index.html"
    traces = list((site / "journeys").glob("*/traceability/index.html")) or [one_page]
    found = {
        "largest journey page": largest(journeys),
        "backlog page": site / "backlog" / "index.html",
        "largest traceability page": largest([p for p in traces if p.exists()]),
    }
    return {name: page for name, page in found.items() if page is not None and page.exists()}


#: Bytes of every Mermaid file the page fetched (its body as decoded: what the browser parses).
_MERMAID_BYTES = (
    "performance.getEntriesByType('resource').filter(r => r.name.includes('mermaid'))"
    ".reduce((sum, r) => sum + r.decodedBodySize, 0)"
)

Measured = tuple[float, float, float, int, int, int]
"""Median and best seconds to draw, best renderer CPU seconds, diagrams, DOM nodes, bytes of Mermaid code."""


#: The theme's search index, refused with --without-search-index.
_SEARCH_INDEX = re.compile(r".*/search/search_index\.json$")


def measure_page(browser: Any, url: str, repeat: int, *, search_index: bool = True) -> Measured:
    """What Measured holds, for one page opened `repeat` times (without the search index when told)."""
    times = []
    cpu = []
    diagrams = nodes = loaded = 0
    for _ in range(repeat):
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        if not search_index:
            context.route(_SEARCH_INDEX, lambda route: route.abort())
        page = context.new_page()
        page.add_init_script(_OPEN_SHADOW)
        page.goto(url, wait_until="domcontentloaded")
        diagrams = page.locator(".mermaid").count()
        handle = page.wait_for_function(_DRAWN, arg=diagrams, timeout=120_000, polling=50)
        times.append(float(handle.json_value()) / 1000)
        nodes = int(page.evaluate("document.getElementsByTagName('*').length"))
        loaded = int(page.evaluate(_MERMAID_BYTES))
        cdp = context.new_cdp_session(page)
        cdp.send("Performance.enable")
        metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
        cpu.append(float(metrics["ProcessTime"]))
        context.close()
    return statistics.median(times), min(times), min(cpu), diagrams, nodes, loaded


def measure_site(site: Path, repeat: int = 3, *, search_index: bool = True) -> dict[str, Measured]:
    from playwright.sync_api import sync_playwright

    pages = heaviest_pages(site)
    results: dict[str, Measured] = {}
    server = serve(site)  # a generator: closing it stops the server
    base = next(server)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            try:
                for name, page in pages.items():
                    url = base + page.parent.relative_to(site).as_posix() + "/"
                    results[f"{name} ({page.parent.relative_to(site).as_posix()})"] = measure_page(
                        browser, url, repeat, search_index=search_index
                    )
            finally:
                browser.close()
    finally:
        server.close()
    return results


def print_results(label: str, results: dict[str, Measured]) -> None:
    print(f"\n{label}: time to draw every diagram (headless Chromium)")
    print("| page | diagrams | DOM nodes | Mermaid loaded | draw time (median) | best | renderer CPU (best) |")
    print("|---|---|---|---|---|---|---|")
    for name, (median, best, cpu, diagrams, nodes, loaded) in results.items():
        figures = f"{loaded / 1e6:.2f} MB | {median:.2f} s | {best:.2f} s | {cpu:.2f} s"
        print(f"| {name} | {diagrams} | {nodes} | {figures} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path, help="a built site (mkdocs build)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--without-search-index", action="store_true", help="refuse the theme's search index")
    args = parser.parse_args()
    label = f"{args.site} without the search index" if args.without_search_index else str(args.site)
    print_results(label, measure_site(args.site, args.repeat, search_index=not args.without_search_index))


if __name__ == "__main__":
    main()
