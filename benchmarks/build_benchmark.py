"""How long the handbook takes to validate, render and build, on the example and on a large generated one.

Run by hand (`./dev bench`); it prints figures, it asserts nothing. The large
handbook has --journeys journeys of --steps steps each, spread over 5 phases,
with pain points, failure demand, backlog items and insights referring to them,
so that every page kind and every cross-reference check does real work.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from conftest import EXAMPLE, build_site, write_config  # noqa: E402
from journeybook.core import HandbookCache, load_handbook  # noqa: E402
from journeybook.render import render_site  # noqa: E402


def generate(folder: Path, journeys: int, steps: int) -> None:
    shutil.copy(EXAMPLE / "organisation.yml", folder / "organisation.yml")
    shutil.copytree(EXAMPLE / "need-groups", folder / "need-groups")
    teams = ["primary-care", "referral-office", "breast-imaging", "eservices", "case-handling"]
    items = []
    insights = []
    for j in range(journeys):
        lines = [
            "kind: journey",
            f"id: journey-{j}",
            f"title: Generated journey {j}",
            "summary: A journey generated for the benchmark.",
            "life_event: having-a-child",
            "need_groups: [straight-to-the-point, uncertain, browser]",
            "phases:",
        ]
        per_phase = max(1, steps // 5)
        for p in range(5):
            lines += [f"  - id: phase-{p}", f"    name: Phase {p}", "    steps:"]
            for s in range(per_phase):
                n = p * per_phase + s
                lines += [
                    f"      - id: step-{n}",
                    f"        name: Step {n} <of> 'journey' {j}",
                    "        does: Does something that takes a while.",
                    "        channels: [web, phone]",
                    "        waiting: 2 days",
                    "        duration: 30 minutes",
                    f"        owner: {teams[n % len(teams)]}",
                    "        emotion: {straight-to-the-point: 1, uncertain: -1, browser: 0}",
                    "        pain_points:",
                    f"          - id: pain-{n}",
                    "            text: Something hurts here.",
                    "            root_causes: [cause]",
                    "        failure_demand:",
                    f"          - {{id: demand-{n}, reason: Calls, channel: phone, volume: 10, pain_point: pain-{n}}}",
                    "        blueprint: {frontstage: [Staff help], backstage: [Staff check], support: [System]}",
                ]
                insights.append(
                    f"  - {{id: insight-{j}-{n}, type: finding, text: Seen, status: observed, source: Test, "
                    f"about: [journey-{j}/pain-{n}]}}"
                )
            if p == 0:
                items.append(
                    f"          - {{id: item-{j}, title: Fix journey {j}, owner: eservices, "
                    f"priority: {{customer_value: 3, organisation_value: 3, effort: 2}}, "
                    f"addresses: [journey-{j}/pain-0], metrics: [metric-{j}]}}"
                )
        lines += ["root_causes:", "  - id: cause", "    text: A cause."]
        (folder / f"journey-{j}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "insights.yml").write_text("kind: insights\ninsights:\n" + "\n".join(insights) + "\n", "utf-8")
    (folder / "backlog.yml").write_text(
        "kind: backlog\nproblem_areas:\n  - id: area\n    name: Area\n    development_areas:\n"
        "      - id: dev\n        name: Dev\n        items:\n" + "\n".join(items) + "\n",
        "utf-8",
    )
    metrics = [
        f"  - {{id: metric-{j}, name: Metric {j}, type: csi, about: [journey-{j}], target: 70, "
        f"values: [{{date: 2026-01-31, value: 60}}, {{date: 2026-02-28, value: 65}}]}}"
        for j in range(journeys)
    ]
    (folder / "metrics.yml").write_text("kind: metrics\nmetrics:\n" + "\n".join(metrics) + "\n", "utf-8")
    shutil.copy(EXAMPLE / "glossary.yml", folder / "glossary.yml")


def timed(label: str, fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    best, median = min(times), statistics.median(times)
    print(f"  {label:<42} best {best * 1000:9.1f} ms   median {median * 1000:9.1f} ms   (n={repeat})")
    return median


def bench(name: str, data: Path, repeat: int, build_repeat: int) -> None:
    files = len(list(data.rglob("*.yml")))
    book = load_handbook(data)
    steps = sum(len(p.steps) for j in book.journeys.values() for p in j.phases)
    print(f"\n{name}: {files} YAML files, {len(book.journeys)} journeys, {steps} steps")
    timed("load + validate (cold)", lambda: load_handbook(data), repeat)
    cache = HandbookCache()
    load_handbook(data, cache)
    timed("load + validate (cached, serve rebuild)", lambda: load_handbook(data, cache), repeat)
    pages = render_site(book)
    print(f"  generated pages: {len(pages)}, {sum(len(p.content) for p in pages) / 1e6:.2f} MB of Markdown")
    timed("render Markdown and Mermaid", lambda: render_site(book), repeat)
    with tempfile.TemporaryDirectory() as tmp:
        config = write_config(Path(tmp), data)
        timed("mkdocs build (whole site)", lambda: build_site(config, Path(tmp) / "site", strict=False), build_repeat)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--journeys", type=int, default=100)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--build-repeat", type=int, default=3)
    args = parser.parse_args()
    import logging

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    bench("example handbook", EXAMPLE, args.repeat, args.build_repeat)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "journeys"
        data.mkdir()
        generate(data, args.journeys, args.steps)
        bench(f"generated handbook ({args.journeys} x {args.steps})", data, args.repeat, args.build_repeat)


if __name__ == "__main__":
    main()
