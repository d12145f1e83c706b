"""What the fast YAML loader must keep: the same data, positions and refusals as a careful reading.

The loader builds plain data from libyaml's events in one inlined loop; these
tests pin down the behaviour an editor relies on, so that a faster loop never
quietly changes what a file means or where a message points.
"""

from __future__ import annotations

from pathlib import Path

from journeybook.core.yamlsource import MAX_DEPTH, SourceFile, YamlFloat, YamlInt, load_source


def load(tmp_path: Path, text: str) -> tuple[SourceFile | None, list[str]]:
    path = tmp_path / "f.yml"
    path.write_text(text, encoding="utf-8")
    source, problems = load_source(path, "f.yml")
    return source, [" ".join(filter(None, (f"{p.line}:{p.column}", p.field, p.message, p.found))) for p in problems]


def test_scalars_follow_yaml_1_2_and_numbers_keep_their_text(tmp_path: Path) -> None:
    source, problems = load(
        tmp_path,
        "a: no\nb: yes\nc: true\nd: ~\ne: 0701234567\nf: 10.250\ng: '12'\nh: .inf\ni: -3\nj:\nk: 1e3\n",
    )
    assert source is not None and problems == []
    data = source.data
    assert (data["a"], data["b"], data["c"], data["d"], data["g"], data["j"]) == ("no", "yes", True, None, "12", None)
    assert isinstance(data["e"], YamlInt) and data["e"].text == "0701234567" and data["e"] == 701234567
    assert isinstance(data["f"], YamlFloat) and data["f"].text == "10.250"
    assert isinstance(data["i"], YamlInt) and data["i"] == -3
    assert isinstance(data["k"], YamlFloat) and data["k"] == 1000.0
    assert data["h"] == ".inf"


def test_every_value_and_key_has_its_line_and_column(tmp_path: Path) -> None:
    text = "kind: glossary\nterms:\n  - id: x\n    term: T\n    also: [a, {b: c}]\n"
    source, _ = load(tmp_path, text)
    assert source is not None
    assert source.position(("terms", 0)) == (3, 5)
    assert source.position(("terms", 0, "term")) == (4, 11)
    assert source.position(("terms", 0, "term"), key=True) == (4, 5)
    assert source.position(("terms", 0, "also", 1)) == (5, 15)
    assert source.position(("terms", 0, "also", 1, "b")) == (5, 19)


def test_positions_survive_compacting_and_rebuilding(tmp_path: Path) -> None:
    text = "kind: glossary\nid: g\nterms:\n  - id: x\n    term: T\n"
    source, _ = load(tmp_path, text)
    assert source is not None
    before = (source.position(("id",)), source.position(("terms", 0, "term")), source.position(("id",), key=True))
    source.compact()
    assert source.position(("id",)) == (2, 5)  # kept: review warnings point here for every file
    after = (source.position(("id",)), source.position(("terms", 0, "term")), source.position(("id",), key=True))
    assert before == after
    assert source.data["terms"][0]["term"] == "T"


def test_duplicate_keys_are_reported_once_each_with_the_first_line(tmp_path: Path) -> None:
    source, problems = load(tmp_path, "a:\n  x: 1\n  y: 2\nb: 3\na:\n  x: 4\n")
    assert problems == ["5:1 a duplicate key 'a' in the same mapping 'a' again (first on line 1)"]
    assert source is not None and source.data["a"] == {"x": 1, "y": 2}


def test_the_same_key_in_sibling_mappings_is_no_duplicate(tmp_path: Path) -> None:
    source, problems = load(tmp_path, "- {id: a, n: 1}\n- {id: b, n: 2}\n- id: c\n  n: 3\n")
    assert problems == []
    assert source is not None and [e["id"] for e in source.data] == ["a", "b", "c"]


def test_merge_keys_and_collections_as_keys_are_refused_and_left_out(tmp_path: Path) -> None:
    source, problems = load(tmp_path, "base: &b {x: 1}\nm:\n  <<: *b\n  y: 2\n? [k]\n: v\nz: 1\n")
    assert problems == [
        "3:3 m YAML merge keys ('<<') are not supported",
        "5:3 a key must be a plain word a list or mapping as key",
    ]
    assert source is not None and source.data == {"base": {"x": 1}, "m": {"y": 2}, "z": 1}


def test_quoted_merge_key_is_an_ordinary_key(tmp_path: Path) -> None:
    source, problems = load(tmp_path, "'<<': 1\n")
    assert problems == [] and source is not None and source.data == {"<<": 1}


def test_aliases_repeat_values_and_count_towards_the_limit(tmp_path: Path) -> None:
    source, problems = load(tmp_path, "a: &x [1, 2]\nb: *x\nc: &s text\nd: *s\n")
    assert problems == [] and source is not None
    assert source.data == {"a": [1, 2], "b": [1, 2], "c": "text", "d": "text"}
    assert source.position(("d",)) == (4, 4)


def test_nesting_one_level_past_the_limit_stops_at_that_level(tmp_path: Path) -> None:
    fine, problems = load(tmp_path, "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n")
    assert fine is not None and problems == []
    deep, problems = load(tmp_path, "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n")
    assert deep is None
    assert problems == [
        f"1:{MAX_DEPTH + 1} the data is nested more than {MAX_DEPTH} levels deep "
        "a list or mapping inside this many others"
    ]


def test_escaped_control_character_in_double_quotes_is_located(tmp_path: Path) -> None:
    _, problems = load(tmp_path, 'a: fine\nb: "x\\0y"\n')
    assert problems == ["2:4 b the text holds a control character U+0000 (NUL)"]
