"""Every tag of the YAML 1.1 type repository, on a key, a value and a list item:
a clean load or one located ``Error:`` line, never a traceback."""

import re

import pytest

import stakeholders
from stakeholders.cli import cli
from stakeholders.export import export
from stakeholders.ingest.yamlguard import _guarded, _Loader

from .conftest import MINIMAL

# Each tag with a text that fits it and one that does not.
TAGS = {
    "!!str": ("A", "[a]"),
    "!!int": ("7", "abc"),
    "!!float": ("1.5", "abc"),
    "!!bool": ("true", "maybe"),
    "!!null": ("~", "[a]"),
    "!!timestamp": ("2025-01-02", "A"),
    "!!binary": ("QUI=", "[a]"),
    "!!map": ("{a: 1}", "a"),
    "!!seq": ("[a]", "a"),
    "!!set": ("{a}", "a"),
    "!!omap": ("[{a: 1}]", "a"),
    "!!pairs": ("[{a: 1}]", "a"),
    "!!merge": ("<<", "a"),
    "!!value": ("=", "a"),
    "!!yaml": ("!", "a"),
    "!!python/object/apply:os.system": ("[echo]", "a"),
    "!local": ("A", "[a]"),
}
CASES = [(tag, text) for tag, texts in TAGS.items() for text in texts]
PLACES = {
    # The first key of the document, as in the file the long fuzzing run found.
    "key": lambda tagged: f"{tagged}: x\n" + MINIMAL.lstrip(),
    "value": lambda tagged: MINIMAL.lstrip().replace("name: Gamma", f"name: {tagged}"),
    "item": lambda tagged: MINIMAL.lstrip().replace("aliases: [A-land]", f"aliases: [A-land, {tagged}]"),
}
LOCATED = re.compile(r"^Error: .*map\.yaml:\d+:\d+: ")


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize(("tag", "text"), CASES, ids=[f"{tag} {text}" for tag, text in CASES])
def test_validate_gives_a_clean_load_or_one_located_error(runner, tmp_path, place, tag, text):
    path = tmp_path / "map.yaml"
    path.write_text(PLACES[place](f"{tag} {text}"), encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    if result.exit_code == 0:
        assert result.output.startswith("OK: map"), result.output
        return
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert [line for line in lines if line.startswith("Error:")] == lines[:1], result.output
    # Every problem carries its line and column: on the Error: line itself or on each listed line.
    if not LOCATED.match(lines[0]):
        assert lines[1:] and all(re.match(rf"^  {re.escape(str(path))}:\d+:\d+: ", line) for line in lines[1:]), result.output


def test_the_timestamp_tag_on_a_key_names_the_tag_and_its_place(runner, tmp_path):
    path = tmp_path / "ts.yaml"
    path.write_text("!!timestamp actors:\n- {id: a, name: A, type: state}\n", encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(path)])
    assert result.exit_code == 1, result.output
    assert result.output == f"Error: {path}:1:1: not valid YAML: !!timestamp on a value that is not a date\n"


def test_a_failure_in_a_collection_s_second_step_is_located(tmp_path, monkeypatch):
    # PyYAML builds a collection in two steps: a generator yields the empty
    # collection, then is resumed to fill it after its children. PyYAML's own second
    # steps raise only YAML errors today; a plain error there is located too.
    def set_that_fails_when_filled(loader, node):
        yield set()
        raise TypeError("unhashable type: 'list'")

    monkeypatch.setitem(_Loader.yaml_constructors, "tag:yaml.org,2002:set", _guarded(set_that_fails_when_filled))
    path = tmp_path / "map.yaml"
    path.write_text(MINIMAL.lstrip() + "kinds: !!set {a}\n", encoding="utf-8")
    with pytest.raises(stakeholders.ParseError) as info:
        stakeholders.load(path)
    assert str(info.value) == f"{path}:16:8: not valid YAML: !!set on a value that is not a mapping"


@pytest.mark.parametrize(("tag", "text"), CASES, ids=[f"{tag} {text}" for tag, text in CASES])
def test_import_keeps_tag_text_in_cells_as_text(runner, tmp_path, tag, text):
    # A cell holding what YAML would read as a tag is written as text and read back unchanged.
    tagged = f"{tag} {text}"
    data = stakeholders.from_dict(
        {
            "actors": [
                {"id": "alpha", "name": tagged, "type": "state", "aliases": [tagged + " alias"]},
                {"id": "beta", "name": "Beta", "type": "state"},
            ],
            "relations": [{"source": "alpha", "target": "beta", "kind": "visit", "description": tagged}],
        }
    )
    sheets = export(data, "csv", tmp_path / "sheets")
    result = runner.invoke(cli, ["import", *map(str, sheets), "-o", str(tmp_path / "back.yaml")])
    assert result.exit_code == 0, result.output
    back = stakeholders.load(tmp_path / "back.yaml")
    alpha = next(actor for actor in back.actors if actor.id == "alpha")
    assert (alpha.name, alpha.aliases, back.relations[0].description) == (tagged, (tagged + " alias",), tagged)
