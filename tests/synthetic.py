"""A synthetic handbook of any size, with every cross-reference in use: for the scale tests and the benchmark."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import EXAMPLE


def generate(folder: Path, journeys: int, steps: int, *, loose_every: int = 0) -> None:
    """Write a handbook of `journeys` journeys of `steps` steps into folder.

    Every journey belongs to one life event, except every `loose_every`-th
    (when given), which belongs to none.
    """
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
            *([] if loose_every and j % loose_every == 0 else ["life_event: having-a-child"]),
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
