"""Hostile and broken files: refused quickly, with a plain error naming the place."""

import os
import time

import pytest

import stakeholders
from stakeholders.cli import cli
from stakeholders.errors import DatasetNotFoundError, FileTooLargeError, ParseError, ValidationError
from stakeholders.ingest.yamlguard import MAX_DEPTH

from .conftest import MINIMAL, SYRIA

DEEP = f"nested deeper than {MAX_DEPTH} levels; no dataset needs that many"
BOMB = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]\n" for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
)


def _error(path, **options) -> str:
    with pytest.raises(stakeholders.StakeholdersError) as info:
        stakeholders.load(path, **options)
    return str(info.value)


def test_an_alias_bomb_is_refused_quickly(tmp_path):
    path = tmp_path / "bomb.yaml"
    path.write_text(BOMB, encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(ParseError) as info:
        stakeholders.load(path)
    assert time.perf_counter() - started < 2.0
    limit = len(BOMB) + 1_000_000
    assert str(info.value) == f"{path}:7:4: YAML aliases expand this to more than {limit:,} values; refused as an alias bomb"


def test_a_recursive_alias_is_refused(tmp_path):
    path = tmp_path / "loop.yaml"
    path.write_text("actors: &a [*a]\n", encoding="utf-8")
    assert _error(path) == f"{path}:1:9: a YAML alias refers to a collection that contains it"


def test_ordinary_aliases_still_load(tmp_path):
    path = tmp_path / "map.yaml"
    text = MINIMAL.lstrip() + "relations:\n  - {source: alpha, target: beta, kind: visit, evidence: &e [{source: s1, quote: seen}]}\n"
    text += "  - {source: beta, target: gamma, kind: visit, evidence: *e}\n"
    path.write_text(text, encoding="utf-8")
    loaded = stakeholders.load(path)
    assert [r.evidence[0].quote for r in loaded.relations] == ["seen", "seen"]


@pytest.mark.parametrize(
    ("name", "text", "where"),
    [
        ("flow.yaml", "a: " + "[" * 200_000 + "]" * 200_000, "1:53"),
        ("block.yaml", "- " * 200_000 + "x", "1:101"),
        ("mappings.yaml", "".join(" " * i + "k:\n" for i in range(60)) + " " * 60 + "x\n", "51:51"),
        ("strings.yaml", "a: " + '["]", ' * 100_000 + "]" * 100_000, "1:298"),
        ("comments.yaml", "a:\n" + "  [ # ]]]\n" * 100_000 + "]" * 100_000, "51:3"),
        ("deep.json", '{"a": ' + "[" * 200_000 + "]" * 200_000 + "}", "1:56"),
        ("deep-strings.json", '{"a": ' + '["]", ' * 100_000 + "]" * 100_000 + "}", "1:301"),
    ],
    ids=lambda value: value if isinstance(value, str) and len(value) < 20 else "",
)
def test_deep_nesting_is_refused_quickly_with_its_place(tmp_path, name, text, where):
    # libyaml recurses per level (it crashes past some ten thousand) and slows down
    # quadratically: refusing must happen before it composes anything.
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    message = _error(path)
    assert time.perf_counter() - started < 2.0
    assert message == f"{path}:{where}: {DEEP}"


def test_nesting_within_the_limit_is_an_ordinary_problem(tmp_path):
    path = tmp_path / "map.yaml"
    path.write_text(MINIMAL.lstrip().replace("    aliases: [A-land]", "    attributes: {x: " + "[" * 10 + "]" * 10 + "}"), encoding="utf-8")
    assert _error(path) == f"{path}:9:21: actors[0].attributes.x: attribute values are text, numbers or true/false, not list"


def test_a_file_above_the_size_limit_is_refused(tmp_path, runner):
    path = tmp_path / "map.yaml"
    path.write_text(MINIMAL.lstrip(), encoding="utf-8")
    size = path.stat().st_size
    with pytest.raises(FileTooLargeError) as info:
        stakeholders.load(path, max_bytes=size - 1)
    assert str(info.value) == f"{path}: too large: {size:,} bytes, above the limit of {size - 1:,} bytes"
    assert len(stakeholders.load(path, max_bytes=size).actors) == 3
    result = runner.invoke(cli, ["actors", "--data", str(path)], env={"STAKEHOLDERS_MAX_BYTES": str(size - 1)})
    assert result.exit_code == 1
    assert result.stderr == f"Error: {path}: too large: {size:,} bytes, above the limit of {size - 1:,} bytes; set STAKEHOLDERS_MAX_BYTES to allow more\n"
    assert runner.invoke(cli, ["actors", "--data", str(path)], env={"STAKEHOLDERS_MAX_BYTES": str(size)}).exit_code == 0


def test_a_file_larger_than_it_said_is_refused(tmp_path, monkeypatch):
    # A file that grows while read (or a special file) is cut at the limit, never read whole.
    path = tmp_path / "map.yaml"
    path.write_text(MINIMAL.lstrip(), encoding="utf-8")
    real_stat = type(path).stat

    def understated(self, **kwargs):
        found = real_stat(self, **kwargs)
        return os.stat_result((*found[:6], 10, *found[7:])) if self == path else found

    monkeypatch.setattr(type(path), "stat", understated)
    assert _error(path, max_bytes=100) == f"{path}: too large: more bytes than it said, above the limit of 100 bytes"


@pytest.mark.parametrize("value", ["lots", "0", "-5", "1.5"])
def test_a_bad_size_limit_is_bad_usage(runner, value):
    result = runner.invoke(cli, ["actors", "--data", str(SYRIA)], env={"STAKEHOLDERS_MAX_BYTES": value})
    assert result.exit_code == 2
    assert result.stderr == f"Error: STAKEHOLDERS_MAX_BYTES must be a whole number from 1 to 1,099,511,627,776, got {value!r}\n"


def test_binary_and_non_utf8_files_name_the_byte(tmp_path):
    png = tmp_path / "image.yaml"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert _error(png) == f"{png}:1: not UTF-8 text: byte 0 (0x89) cannot be decoded"
    nul = tmp_path / "nul.json"
    nul.write_bytes(b'{"actors": []}\n\n\x00')
    assert _error(nul) == f"{nul}:3: binary data, not text: byte 16 is 0x00"
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("actors:\n  - name: Bétа\n".encode("latin-1", errors="replace"))
    assert _error(latin) == f"{latin}:2: not UTF-8 text: byte 19 (0xe9) cannot be decoded"
    control = tmp_path / "control.yaml"
    control.write_bytes("meta:\n  title: é\x07\n".encode())
    assert _error(control) == f"{control}:2:11: not valid YAML: unacceptable character #x0007 at byte 17: control characters are not allowed"


def test_dates_and_numbers_python_cannot_read_are_located(tmp_path):
    # libyaml reads 2025-02-30 as a date and Python's datetime refuses it; both
    # used to escape as a bare ValueError.
    path = tmp_path / "map.yaml"
    text = MINIMAL.lstrip() + "relations:\n  - {source: alpha, target: beta, kind: visit, start: 2025-02-30, weight: " + "9" * 5000 + "}\n"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        stakeholders.load(path)
    assert [str(p) for p in info.value.problems] == [
        f"{path}:17:55: relations[0].start: not a date: '2025-02-30' does not exist",
        f"{path}:17:75: relations[0].weight: must be at most 1",
    ]
    as_json = tmp_path / "map.json"
    as_json.write_text('{"actors": [{"id": "a", "name": ' + "7" * 5000 + ', "type": "person", "tags": [' + "8" * 5000 + "]}]}", encoding="utf-8")
    loaded = stakeholders.load(as_json)
    assert loaded.actors[0].name == "7" * 5000 and loaded.actors[0].tags == ("8" * 5000,)


def test_scalars_no_constructor_can_read_are_located(tmp_path):
    path = tmp_path / "map.yaml"
    text = MINIMAL.lstrip().replace("type: state", "type: !!bool maybe").replace("name: Gamma", "name: !!int")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        stakeholders.load(path)
    assert [str(p) for p in info.value.problems] == [
        f"{path}:8:11: actors[0].type: must be one of 'person', 'state', 'government', 'armed-group', 'political-party', 'community', 'intergovernmental-org', 'ngo', 'company', 'media' or 'other', got 'maybe'",
        f"{path}:14:11: actors[2].name: must not be empty, got ''",
    ]


def test_json_problems_are_located_whatever_the_text_holds(tmp_path):
    # Found by fuzzing: positions come from composing JSON as YAML, which refuses
    # or reads otherwise DEL, NEL, escaped surrogates, a key on another line than
    # its colon and keys over 1024 characters; these problems had no line.
    path = tmp_path / "map.json"
    long_key = "k" * 2000
    path.write_text(
        '{"meta": {"title": "\x7f\x85\\ud83d\\ude00"},\n"sources": [{"title": "t"}],\n'
        f'"actors": [{{"id": "a", "name": "A", "type"\n: "state", "{long_key}": 1}}]}}',
        encoding="utf-8",
    )
    with pytest.raises(ValidationError) as info:
        stakeholders.load(path)
    assert [str(p) for p in info.value.problems] == [
        f"{path}:2:13: sources[0]: missing required field \"id\"",
        f"{path}:3:12: actors[0]: unknown field \"{long_key}\"; known fields: id, name, type, aliases, description, country, tags, start, end, attributes, codes, influence",
    ]


def test_missing_paths_and_folders_without_datasets(tmp_path):
    with pytest.raises(DatasetNotFoundError) as info:
        stakeholders.load(tmp_path / "missing" / "map.yaml")
    assert str(info.value) == f"no dataset at {tmp_path / 'missing' / 'map.yaml'}: no such file or folder"
    (tmp_path / "notes.txt").write_text("not a dataset", encoding="utf-8")
    with pytest.raises(DatasetNotFoundError) as info:
        stakeholders.load(tmp_path)
    assert str(info.value) == f"no dataset files (*.yaml, *.yml, *.json) in folder {tmp_path}"


def test_an_unreadable_file_says_why(tmp_path, monkeypatch):
    path = tmp_path / "map.yaml"
    path.write_text(MINIMAL.lstrip(), encoding="utf-8")

    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(type(path), "open", refuse)
    assert _error(path) == f"{path}: cannot read: Permission denied"
