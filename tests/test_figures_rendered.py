"""The figures as a reader sees them on the generated pages, checked against hand calculation."""

from __future__ import annotations

import csv
import io
import json


def test_breast_cancer_comparison_figures(example_pages: dict[str, str]) -> None:
    page = example_pages["journeys/breast-cancer-future/compare.md"]
    # 2592 h = 108 days; 1299 h = 54.1 days; difference 1293 h = 53.9 days
    assert "| Total waiting time | 108 days | 54.1 days | −53.9 days |" in page
    # 2620.5 h = 109.2 days; 1328.5 h = 55.4 days; difference 1292 h = 53.8 days
    assert "| Lead time | 109.2 days | 55.4 days | −53.8 days |" in page
    assert "| Handoffs between teams | 5 | 3 | −2 |" in page
    assert "| Number of steps | 9 | 8 | −1 |" in page
    # 180 + 60 + 4 failure-demand contacts a month today, none in the future state
    assert "| Failure demand contacts per month | 244 | 0 | −244 |" in page
    assert "### Steps removed (4)" in page and "### Steps added (3)" in page


def test_mini_comparison_figures(mini_pages: dict[str, str]) -> None:
    page = mini_pages["journeys/move-future/compare.md"]
    # 2 d + 1 w + 3 d = 12 days before, 2 days after
    assert "| Total waiting time | 12 days | 2 days | −10 days |" in page
    # 289.5 h = 12.06 days; 49.5 h = 2.06 days
    assert "| Lead time | 12.1 days | 2.1 days | −10 days |" in page
    assert "| Channel switches | 2 | 0 | −2 |" in page


def test_journey_key_figures(example_pages: dict[str, str]) -> None:
    page = example_pages["journeys/breast-cancer-current/index.md"]
    assert "- **Steps:** 9 in 6 phases" in page
    assert "- **Total waiting time:** 108 days" in page
    assert "- **Handoffs between teams:** 5" in page
    # 3 of 5 pain points have an observed insight
    assert "- **Pain points backed by observed evidence:** 3 / 5 (60 %)" in page
    # 180 x 70 + 60 x 70 + 4 x 3000 = 28 800 SEK
    assert "- **Failure demand cost per month:** 28\u202f800 SEK" in page


def test_failure_demand_page_ranks_by_cost(example_pages: dict[str, str]) -> None:
    page = example_pages["failure-demand/index.md"]
    rows = [line for line in page.splitlines() if line.startswith("| 1 |") or line.startswith("| 2 |")]
    # parental benefit: 1200 calls x 70 = 84 000 first; 900 calls x 70 = 63 000 second
    assert "Calls asking whether the application arrived" in rows[0] and "84\u202f000 SEK" in rows[0]
    assert "Calls asking where to apply" in rows[1] and "63\u202f000 SEK" in rows[1]
    # all demand: 84000+63000+42000+16500(300 emails x 55)+18000(400 chats x 45)+35000(500 x 70)
    #             +12600+12000+4200 = 287 300
    assert "**287\u202f300 SEK**" in page


def test_metric_latest_value_against_target(example_pages: dict[str, str], mini_pages: dict[str, str]) -> None:
    page = mini_pages["metrics/index.md"]
    # contacts: lower is better; latest 40 against target 10 -> not yet on target
    assert "- **Latest:** 40 (February 28, 2026) – **not yet on target**" in page
    metrics = example_pages["metrics/index.md"]
    # satisfaction 71 (CSV, 2026-09-30) against 75, higher is better
    assert "- **Latest:** 71 (September 30, 2026) – **not yet on target**" in metrics
    # calls 182 (2026-03-31) against 40, lower is better
    assert "- **Latest:** 182 (March 31, 2026) – **not yet on target**" in metrics


def test_backlog_priorities_and_exports(mini_pages: dict[str, str]) -> None:
    page = mini_pages["backlog/index.md"]
    # (2 x 4 + 2) / 2 = 5.0 and (2 x 1 + 1) / 5 = 0.6, highest first
    rows = [line for line in page.splitlines() if line.startswith(("| 1 | [Send", "| 2 | [Unowned"))]
    first, second = rows  # one ranked table, no repeats per team or per journey
    assert first.startswith("| 1 | [Send a receipt]") and "| 5.0 |" in first
    assert second.startswith("| 2 | [Unowned idea]") and "| 0.6 |" in second
    records = json.loads(mini_pages["backlog/backlog.json"])
    assert [(r["id"], r["priority"]) for r in records] == [("send-receipt", 5.0), ("unowned", 0.6)]
    csv_rows = list(csv.DictReader(io.StringIO(mini_pages["backlog/backlog.csv"])))
    assert csv_rows[0]["addresses"] == "move-now/no-receipt" and csv_rows[1]["owner"] == ""


def test_team_handoffs_listed(example_pages: dict[str, str], mini_pages: dict[str, str]) -> None:
    page = mini_pages["teams/back.md"]
    assert "## Receives the customer from" in page and "## Hands the customer to" in page
    teams = example_pages["teams/index.md"]
    assert "| [Breast cancer diagnosis and treatment (today)](../journeys/breast-cancer-current/index.md) | 5 |" in (
        teams
    )


def test_step_shows_everything_that_refers_to_it(example_pages: dict[str, str]) -> None:
    page = example_pages["journeys/parental-benefit/index.md"]
    step = page.split("{ #step-submit }", 1)[1].split("####", 1)[0]
    assert "Evidence (observed)" in step  # the call-reasons insight on its pain point
    assert "Receipt on screen and by email after sending" in step  # the backlog item addressing it
    assert "A third of calls about parental benefit" in step  # the insight about the step itself
