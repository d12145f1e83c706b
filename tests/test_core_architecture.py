"""The core's shape: imports run one way, the handbook cannot be changed, kinds and references are typed.

The import graph is read from the source with `ast` (imports inside functions
included, where a cycle likes to hide), so a cycle fails here before it fails
as an ImportError in some import order.
"""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest

from conftest import MINI
from journeybook.core import Handbook, Kind, Ref, load_handbook
from journeybook.core.kinds import LOCAL_KINDS, split_ref

CORE = Path(__file__).resolve().parents[1] / "plugins" / "journeybook" / "core"


def _core_imports(path: Path) -> set[str]:
    """The core modules a core module imports, anywhere in its body."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                out.add(node.module.split(".")[0])
            else:
                out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("journeybook.core."):
            out.add(node.module.split(".")[2])
    return out


def _graph() -> dict[str, set[str]]:
    modules = {p.stem for p in CORE.glob("*.py") if p.stem != "__init__"}
    return {m: _core_imports(CORE / f"{m}.py") & modules for m in modules}


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle as a list of modules, or [] when the graph has none."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(module: str, path: list[str]) -> list[str]:
        state[module] = 1
        for imported in sorted(graph[module]):
            if state.get(imported) == 1:
                return [*path[path.index(imported) :], imported]
            if imported not in state:
                found = visit(imported, [*path, imported])
                if found:
                    return found
        state[module] = 2
        return []

    for module in sorted(graph):
        if module not in state:
            found = visit(module, [module])
            if found:
                return found
    return []


def test_the_graph_walk_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) == []


def test_core_has_no_import_cycle() -> None:
    graph = _graph()
    assert "crossref" in graph["handbook"]
    assert _cycle(graph) == []


def test_checks_do_not_import_the_finished_handbook() -> None:
    """References and gaps are checked on the collected tables, before a Handbook exists."""
    graph = _graph()
    assert "handbook" not in graph["crossref"]
    assert "handbook" not in graph["gaps"]
    assert "analysis" not in graph["gaps"]


def test_core_imports_no_site_engine() -> None:
    for path in CORE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                assert not any(n.split(".")[0] in {"mkdocs", "material"} for n in names), path.name


@pytest.fixture(scope="module")
def mini_book() -> Handbook:
    return load_handbook(MINI)


def test_fields_cannot_be_assigned(mini_book: Handbook) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        mini_book.journeys = {}  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        mini_book.warnings = ()  # type: ignore[misc]


def test_tables_cannot_be_changed(mini_book: Handbook) -> None:
    journey = mini_book.journeys["move-now"]
    with pytest.raises(TypeError):
        mini_book.journeys["other"] = journey  # type: ignore[index]
    with pytest.raises(TypeError):
        del mini_book.teams["front"]  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        mini_book.backlog.pop("unowned")  # type: ignore[attr-defined]
    assert isinstance(mini_book.warnings, tuple)
    assert isinstance(mini_book.problem_areas, tuple)
    assert all(isinstance(v, tuple) for v in mini_book.metric_values.values())
    with pytest.raises(dataclasses.FrozenInstanceError):
        mini_book.gaps.items_without_metric = ()  # type: ignore[misc]


def test_gaps_are_found_while_loading(mini_book: Handbook) -> None:
    assert [e.item.id for e in mini_book.gaps.items_without_metric] == ["unowned"]
    located = [p for p in mini_book.gap_problems if "has no metric" in p.message]
    assert [(p.message, p.field) for p in located] == [
        ("backlog item 'unowned' has no metric", "problem_areas[0].development_areas[0].items[1].metrics")
    ]
    assert located[0].file.endswith("backlog.yml")


def test_each_load_makes_a_new_handbook() -> None:
    first, second = load_handbook(MINI), load_handbook(MINI)
    assert first is not second
    assert first != second  # compared by identity: per-handbook caches never mix two loads
    assert first.journeys == second.journeys


def test_kind_values_read_as_messages_say_them() -> None:
    assert str(Kind.NEED_GROUP) == "need group"
    assert f"no {Kind.BACKLOG_ITEM} with id 'x'" == "no backlog item with id 'x'"
    assert Kind.NEED_GROUP.slug == "need-group"
    assert Kind.PAIN_POINT.journey_local and not Kind.JOURNEY.journey_local
    assert len(set(Kind)) == len({k.slug for k in Kind})
    assert {Kind.STEP, Kind.PAIN_POINT, Kind.GAIN_POINT, Kind.ROOT_CAUSE, Kind.FAILURE_DEMAND} == LOCAL_KINDS


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("move-now", ("move-now", None)),
        ("move-now/fill", ("move-now", "fill")),
        ("a/b/c", ("a", "b/c")),
        ("a/", ("a", None)),
    ],
)
def test_split_ref(text: str, parts: tuple[str, str | None]) -> None:
    assert split_ref(text) == parts


def test_ref_parse_and_text_round_trip() -> None:
    assert Ref.parse("move-now") == Ref(Kind.JOURNEY, "move-now")
    pain = Ref.parse("move-now/no-receipt", Kind.PAIN_POINT)
    assert pain == Ref(Kind.PAIN_POINT, "no-receipt", "move-now")
    assert str(pain) == "move-now/no-receipt"
    assert str(Ref(Kind.TEAM, "front")) == "front"
    with pytest.raises(ValueError, match="its kind must be given"):
        Ref.parse("move-now/no-receipt")
    with pytest.raises(ValueError, match="needs journey"):
        Ref(Kind.STEP, "fill")
    with pytest.raises(ValueError, match="takes no journey"):
        Ref(Kind.TEAM, "front", "move-now")
    with pytest.raises(dataclasses.FrozenInstanceError):
        pain.id = "other"  # type: ignore[misc]


def test_handbook_resolves_references(mini_book: Handbook) -> None:
    assert mini_book.resolve("move-now") == Ref(Kind.JOURNEY, "move-now")
    assert mini_book.resolve("move-now/fill") == Ref(Kind.STEP, "fill", "move-now")
    assert mini_book.resolve("move-now/no-receipt") == Ref(Kind.PAIN_POINT, "no-receipt", "move-now")
    assert mini_book.resolve("move-now/calls") == Ref(Kind.FAILURE_DEMAND, "calls", "move-now")
    assert mini_book.resolve("move-now/nothing") is None
    assert mini_book.resolve("no-journey/fill") is None


def test_origins_are_keyed_by_kind(mini_book: Handbook) -> None:
    origin = mini_book.origin(Kind.NEED_GROUP, "hurried")
    assert origin is not None and origin.display.endswith("group.yml")
    assert mini_book.origin(Kind.TEAM, "hurried") is None
