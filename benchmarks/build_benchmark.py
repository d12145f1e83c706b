"""How the handbook scales: build, memory, site size, search index, validate and serve, at several sizes.

Run by hand (`./dev bench`, or `./dev bench --journeys 50,200` for a quick
run); it prints figures, it asserts nothing. For each N it generates a
handbook of N journeys of --steps steps, spread over 5 phases, with pain
points, failure demand, backlog items, metrics and insights referring to
them, so that every page kind and every cross-reference check does real work.

Every figure comes from a separate Python process (so peak memory is that
process's own, VmHWM, see `own_peak_mb`):

- build (plugin): `mkdocs build` of the handbook with the journeybook plugin;
- build (plain): the same pages written out by `journeybook export`, built by
  mkdocs without the plugin, with the nav the plugin would make;
- site size, largest page, search index: of the plugin's build;
- validate: `journeybook validate` of the data: cold (`--no-cache`, every file
  parsed), warm (the cache of parsed files from the run before, nothing
  changed) and after one change (one step name in one journey file edited
  before each run, so that file is parsed again and the rest read from the
  cache); each the median of 3 runs, peak memory the largest of all;
- serve edit: what `mkdocs serve --dirty` does after an editor changes one
  step name in one journey file: one rebuild with the same plugin instance
  (the instance, and its YAML cache, survive rebuilds under serve), called
  as MkDocs' live-reload server calls it, so journeybook's quick rebuild of
  the changed pages runs where it applies (serve_rebuild.py). The browser
  reloads when this rebuild ends.

With --draw, the plugin's site of each size is also opened in headless
Chromium and the time to draw every diagram of the largest journey page, the
backlog page and the largest traceability page is printed (method in
benchmarks/draw_benchmark.py, which also runs on its own on any built site).

The machine's other load counts in every time: say how busy it was next to
the figures you quote.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from conftest import write_config  # noqa: E402
from synthetic import generate  # noqa: E402

# --- what each child process measures ----------------------------------------------


def _quiet() -> None:
    import logging

    logging.getLogger("mkdocs").setLevel(logging.ERROR)


def child_build(config_file: str, site_dir: str) -> float:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    _quiet()
    start = time.perf_counter()
    config = load_config(config_file, site_dir=site_dir)
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    config.plugins.on_shutdown()
    return time.perf_counter() - start


def child_serve_edit(config_file: str, site_dir: str, yaml_file: str) -> float:
    """Build as `mkdocs serve --dirty` does, edit one YAML file, time the rebuild the server would run."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    _quiet()
    config = load_config(config_file, site_dir=site_dir)
    config.plugins.on_startup(command="serve", dirty=True)
    build(config, dirty=True)

    class Server:
        """What the live-reload server shows a plugin: watch(), and the builder it calls on a change."""

        def __init__(self) -> None:
            self.builder = lambda: build(load_config(config_file, site_dir=site_dir), dirty=True)

        def watch(self, path: str) -> None:
            pass

    server = config.plugins.on_serve(Server(), config=config, builder=None)  # type: ignore[arg-type]
    path = Path(yaml_file)
    path.write_text(path.read_text("utf-8").replace("name: Step 0 ", "name: Step zero ", 1), "utf-8")
    start = time.perf_counter()
    server.builder()
    elapsed = time.perf_counter() - start
    config.plugins.on_shutdown()
    return elapsed


def child_validate(data: str, cache: str = "") -> float:
    """validate with the cache of parsed files in the folder cache ('' for none: every file parsed)."""
    from journeybook.cli import main

    options = ["--cache-dir", cache] if cache else ["--no-cache"]
    start = time.perf_counter()
    with open(os.devnull, "w") as null:
        stdout, sys.stdout = sys.stdout, null
        try:
            main(["validate", data, *options])
        finally:
            sys.stdout = stdout
    return time.perf_counter() - start


def own_peak_mb() -> float:
    """This process's peak resident memory since it started its program.

    Not `ru_maxrss` alone: on Linux that keeps, across fork and exec, the size
    of the parent at the moment it forked, and the parent has just generated
    and exported a large handbook. /proc's VmHWM belongs to the program's own
    memory map, made new by exec.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_child(*args: str) -> dict[str, float]:
    """Run one measurement in a fresh process; returns its seconds and peak memory (MB)."""
    out = subprocess.run(
        [sys.executable, __file__, "--child", *args], check=True, capture_output=True, text=True
    ).stdout
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return result


# --- the parent: one handbook per N ---------------------------------------------------


def plain_config(tmp: Path, data: Path, plugin_config: Path) -> Path:
    """The project `journeybook export` writes from the plugin's config: the same pages, nav, CSS and
    Mermaid, built by plain MkDocs + Material without the journeybook plugin."""
    from journeybook.cli import main

    out = tmp / "plain"
    with open(os.devnull, "w") as null:
        stdout, sys.stdout = sys.stdout, null
        try:
            code = main(["export", str(data), "--out", str(out), "--config", str(plugin_config)])
        finally:
            sys.stdout = stdout
    if code != 0:
        raise SystemExit(f"journeybook export failed ({code}): the plain build would not hold the same pages")
    return out / "mkdocs.yml"


def site_figures(site: Path) -> dict[str, float]:
    sizes = [p.stat().st_size for p in site.rglob("*") if p.is_file()]
    pages = [p.stat().st_size for p in site.rglob("*.html")]
    index = site / "search" / "search_index.json"
    return {
        "site_mb": sum(sizes) / 1e6,
        "largest_kb": max(pages) / 1e3,
        "pages": len(pages),
        "search_mb": index.stat().st_size / 1e6 if index.exists() else 0.0,
    }


def measure(n: int, steps: int, repeat: int, draw: bool = False) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        data = tmp / "journeys"
        data.mkdir()
        generate(data, n, steps)
        config = write_config(tmp, data)
        plain = plain_config(tmp, data, config)
        row: dict[str, float] = {"n": n}
        builds = [run_child("build", str(config), str(tmp / "site")) for _ in range(repeat)]
        row["build_s"] = statistics.median(b["seconds"] for b in builds)
        row["peak_mb"] = max(b["peak_mb"] for b in builds)
        row.update(site_figures(tmp / "site"))
        plains = [run_child("build", str(plain), str(tmp / "plain-site")) for _ in range(repeat)]
        row["plain_s"] = statistics.median(b["seconds"] for b in plains)
        row.update(validate_figures(data, tmp / "validate-cache", max(repeat, 3)))
        serve = run_child("serve", str(config), str(tmp / "serve-site"), str(data / "journey-0.yml"))
        row["serve_s"] = serve["seconds"]
        if draw:
            from draw_benchmark import measure_site, print_results

            print_results(f"{n} journeys", measure_site(tmp / "site", max(repeat, 3)))
        return row


def validate_figures(data: Path, cache: Path, runs: int) -> dict[str, float]:
    """validate cold (no cache), warm (nothing changed since the run before) and after one file changed."""
    cold = [run_child("validate", str(data), "") for _ in range(runs)]
    run_child("validate", str(data), str(cache))  # fills the cache
    warm = [run_child("validate", str(data), str(cache)) for _ in range(runs)]
    edited = data / "journey-1.yml"
    changed = []
    for k in range(runs):
        text = re.sub(r"(?m)^(\s*name: Step 1)\b.*$", rf"\1 (edit {k})", edited.read_text("utf-8"), count=1)
        edited.write_text(text, "utf-8")
        changed.append(run_child("validate", str(data), str(cache)))
    return {
        "validate_s": statistics.median(v["seconds"] for v in cold),
        "validate_warm_s": statistics.median(v["seconds"] for v in warm),
        "validate_changed_s": statistics.median(v["seconds"] for v in changed),
        "validate_mb": max(v["peak_mb"] for v in cold + warm + changed),
    }


def print_table(rows: list[dict[str, float]]) -> None:
    print(
        "\n| journeys | build with plugin | same pages, plain mkdocs | ratio | peak memory | site size "
        "| pages | largest page | search index | validate cold (peak) | validate warm | validate, one file changed "
        "| serve edit-to-reload |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['n']:.0f} | {r['build_s']:.1f} s | {r['plain_s']:.1f} s | {r['build_s'] / r['plain_s']:.2f} "
            f"| {r['peak_mb']:.0f} MB | {r['site_mb']:.1f} MB | {r['pages']:.0f} | {r['largest_kb']:.0f} KB "
            f"| {r['search_mb']:.2f} MB | {r['validate_s']:.2f} s ({r['validate_mb']:.0f} MB) "
            f"| {r['validate_warm_s']:.2f} s | {r['validate_changed_s']:.2f} s | {r['serve_s']:.1f} s |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--journeys", default="50,200,1000", help="comma-separated sizes (default 50,200,1000)")
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=1, help="builds per size; times are medians")
    parser.add_argument("--draw", action="store_true", help="also time diagram drawing in Chromium")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        children: dict[str, Callable[..., float]] = {
            "build": child_build,
            "serve": child_serve_edit,
            "validate": child_validate,
        }
        seconds = children[kind](*rest)
        print(json.dumps({"seconds": seconds, "peak_mb": own_peak_mb()}))
        return
    rows = []
    for n in (int(x) for x in args.journeys.split(",")):
        print(f"measuring {n} journeys x {args.steps} steps ...", file=sys.stderr, flush=True)
        rows.append(measure(n, args.steps, args.repeat, args.draw))
        print_table(rows[-1:])
    print_table(rows)


if __name__ == "__main__":
    main()
