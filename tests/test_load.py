"""The loader: every problem reported at once, each with file, line, column and a plain sentence."""

import json

import pytest
import yaml

import stakeholders
from stakeholders import DataError, DatasetNotFoundError, ParseError, ValidationError

from .conftest import MINIMAL, ROOT

FIXTURES = ROOT / "tests" / "fixtures"


def problems(path) -> list[str]:
    with pytest.raises(ValidationError) as info:
        stakeholders.load(path)
    return [str(p) for p in info.value.problems]


def with_relations(text: str) -> str:
    return MINIMAL + "relations:\n" + text


def test_a_valid_file_loads_resolved(write):
    path = write(
        "map.yaml",
        with_relations(
            """
  - source: A-LAND
    target: beta
    kind: airstrike
    start: 2025-01
  - source: alpha
    target: Beta
    kind: negotiation
    polarity: hostile
  - source: alpha
    target: beta
    kind: airstrike
    start: 2025-01
"""
        ),
    )
    data = stakeholders.load(path)
    assert data.name == "map"
    first, second, third = data.relations
    assert (first.source, first.target, first.directed, first.polarity) == ("alpha", "beta", True, -1)
    assert (second.directed, second.polarity) == (False, -1)  # the kind's default, then the file's word
    assert [r.id for r in data.relations] == [
        "alpha--airstrike--beta--2025-01",
        "alpha--negotiation--beta",
        "alpha--airstrike--beta--2025-01-2",
    ]


def test_derived_ids_are_stable_and_avoid_given_ones(write):
    text = with_relations(
        """
  - source: alpha
    target: beta
    kind: visit
  - id: alpha--visit--beta
    source: gamma
    target: beta
    kind: visit
"""
    )
    first = [r.id for r in stakeholders.load(write("a.yaml", text)).relations]
    again = [r.id for r in stakeholders.load(write("b.yaml", text)).relations]
    assert first == again == ["alpha--visit--beta-2", "alpha--visit--beta"]


def test_unknown_actor_says_did_you_mean(write):
    path = write("map.yaml", with_relations("  - {source: alpah, target: beta, kind: visit}\n"))
    assert problems(path) == [f'{path}:17:14: relations[0].source: unknown actor "alpah"; did you mean "alpha" (Alpha)?']


def test_unknown_actor_without_close_match(write):
    path = write("map.yaml", with_relations("  - {source: alpha, target: zzzzzz, kind: visit}\n"))
    assert problems(path) == [f'{path}:17:29: relations[0].target: unknown actor "zzzzzz"']


def test_names_resolve_ignoring_case_and_accents(write):
    path = write("map.yaml", with_relations("  - {source: a land, target: BETA, kind: visit, via: [gamma]}\n"))
    relation = stakeholders.load(path).relations[0]
    assert (relation.source, relation.target, relation.via) == ("alpha", "beta", ("gamma",))


def test_ambiguous_alias(write):
    text = MINIMAL.replace("type: person", "type: person\n    aliases: [A-land]") + "relations:\n  - {source: a-land, target: beta, kind: visit}\n"
    path = write("map.yaml", text)
    assert problems(path) == [
        f'{path}:18:14: relations[0].source: "a-land" is ambiguous: it names "alpha" (Alpha) and "gamma" (Gamma); use an id or a fuller name'
    ]


def test_duplicate_ids(write):
    path = write("map.yaml", MINIMAL + "  - {id: alpha, name: Other, type: state}\n")
    assert problems(path) == [f'{path}:16:10: actors[3].id: duplicate actor id "alpha" (first used by actors[0])']


def test_duplicate_relation_ids(write):
    path = write(
        "map.yaml",
        with_relations("  - {id: r1, source: alpha, target: beta, kind: visit}\n  - {id: r1, source: beta, target: alpha, kind: visit}\n"),
    )
    assert problems(path) == [f'{path}:18:10: relations[1].id: duplicate relation id "r1" (first used by relations[0])']


def test_end_before_start(write):
    path = write("map.yaml", with_relations("  - source: alpha\n    target: beta\n    kind: visit\n    start: 2025-03\n    end: 2025-02-28\n"))
    assert problems(path) == [f"{path}:21:10: relations[0].end: end 2025-02-28 is before start 2025-03"]


def test_end_inside_the_start_period_is_fine(write):
    path = write("map.yaml", with_relations("  - {source: alpha, target: beta, kind: visit, start: 2025-03-20, end: 2025-03}\n"))
    assert str(stakeholders.load(path).relations[0].end) == "2025-03"


def test_unknown_kind_lists_the_closest(write):
    path = write("map.yaml", with_relations("  - {source: alpha, target: beta, kind: airstrikes}\n"))
    assert problems(path) == [f'{path}:17:41: relations[0].kind: unknown relation kind "airstrikes"; closest known kinds: airstrike, arrest']


def test_a_dataset_may_add_kinds(write):
    text = with_relations("  - {source: alpha, target: beta, kind: cyberattack}\n") + (
        "kinds:\n  - {id: cyberattack, polarity: hostile, directed: true, goldstein: -7}\n"
    )
    data = stakeholders.load(write("map.yaml", text))
    assert (data.relations[0].polarity, data.relations[0].directed) == (-1, True)
    assert data.kinds_by_id["cyberattack"].goldstein == -7.0
    assert "airstrike" in data.kinds_by_id


def test_evidence_citing_an_unknown_source(write):
    path = write("map.yaml", with_relations("  - source: alpha\n    target: beta\n    kind: visit\n    evidence:\n      - {source: s11, quote: hello}\n"))
    assert problems(path) == [f'{path}:21:18: relations[0].evidence[0].source: evidence cites unknown source "s11"; did you mean "s1"?']


def test_wrong_field_types(write):
    path = write("map.yaml", with_relations("  - {source: alpha, target: beta, kind: visit, weight: high, confidence: 2}\n"))
    assert problems(path) == [
        f"{path}:17:56: relations[0].weight: must be a number, got 'high'",
        f"{path}:17:74: relations[0].confidence: must be at most 1, got 2",
    ]


def test_wrong_actor_type_and_missing_field(write):
    path = write("map.yaml", "actors:\n  - {id: x, name: X, type: persn}\n  - {id: y, type: state}\n")
    assert problems(path) == [
        f"{path}:2:28: actors[0].type: must be one of 'person', 'state', 'government', 'armed-group', 'political-party', "
        "'community', 'intergovernmental-org', 'ngo', 'company', 'media' or 'other', got 'persn'",
        f'{path}:3:5: actors[1]: missing required field "name"',
    ]


def test_unknown_field_suggests_the_right_one(write):
    path = write("map.yaml", MINIMAL + "    descripton: A typo\n")
    assert problems(path) == [f'{path}:16:5: actors[2]: unknown field "descripton"; did you mean "description"?']


def test_unknown_top_level_section(write):
    path = write("map.yaml", MINIMAL + "nodes: []\n")
    assert problems(path) == [f'{path}:16:1: unknown field "nodes"; did you mean "kinds"?']


def test_every_problem_is_reported_at_once_in_file_order(write):
    path = write(
        "map.yaml",
        MINIMAL
        + "    colour: red\n"
        + "relations:\n"
        + "  - {source: alpah, target: beta, kind: visit, start: 2025-03, end: 2025-01}\n"
        + "  - {source: alpha, target: beta, kind: vist, evidence: [{source: nope, quote: q}]}\n",
    )
    found = problems(path)
    assert [p.split(": ", 1)[0] for p in found] == [
        f"{path}:16:5",
        f"{path}:18:14",
        f"{path}:18:69",
        f"{path}:19:41",
        f"{path}:19:67",
    ]
    assert "unknown actor" in found[1] and "end 2025-01 is before start 2025-03" in found[2]


def test_a_reference_to_a_broken_record_is_not_reported_twice(write):
    path = write("map.yaml", "actors:\n  - {id: x, name: X, type: persn}\n  - {id: y, name: Y, type: state}\nrelations:\n  - {source: x, target: y, kind: visit}\n")
    assert len(problems(path)) == 1


def test_bad_dates_are_located(write):
    path = write("map.yaml", with_relations("  - {source: alpha, target: beta, kind: visit, start: 2025-13}\n"))
    assert problems(path) == [f"{path}:17:55: relations[0].start: not a date: '2025-13' does not exist"]


def test_json_files_give_lines_too(write, tmp_path):
    data = yaml.safe_load(with_relations("  - {source: alpha, target: betta, kind: visit}\n"))
    data["sources"][0]["date"] = "2025-05-07"
    path = tmp_path / "map.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    assert problems(path) == [f'{path}:32:17: relations[0].target: unknown actor "betta"; did you mean "beta" (Béta)?']


def test_a_folder_is_merged_and_problems_name_their_file(write, tmp_path):
    write("maps/1-actors.yaml", MINIMAL)
    bad = write("maps/2-relations.json", '{"relations": [\n {"source": "alpha", "target": "beta", "kind": "visit"},\n {"source": "alpha", "target": "betta", "kind": "visit"}\n]}\n')
    assert problems(tmp_path / "maps") == [f'{bad}:3:32: relations[1].target: unknown actor "betta"; did you mean "beta" (Béta)?']
    write("maps/2-relations.json", '{"relations": [{"source": "alpha", "target": "beta", "kind": "visit"}]}')
    merged = stakeholders.load(tmp_path / "maps")
    assert (len(merged.actors), len(merged.relations), merged.name) == (3, 1, "maps")


def test_a_folder_with_one_file_takes_the_file_name(write, tmp_path):
    write("maps/syria.yml", MINIMAL)
    write("maps/notes.txt", "not data")
    assert stakeholders.load(tmp_path / "maps").name == "syria"


def test_yaml_syntax_error(write):
    path = write("map.yaml", "actors:\n  - id: a\n    name: [unclosed\n")
    with pytest.raises(ParseError) as info:
        stakeholders.load(path)
    assert str(info.value) == f"{path}:4:1: not valid YAML: did not find expected ',' or ']'"


def test_json_syntax_error(write):
    path = write("map.json", '{"actors": [\n  {"id": "a",}\n]}')
    with pytest.raises(ParseError) as info:
        stakeholders.load(path)
    assert str(info.value) == f"{path}:2:14: not valid JSON: Expecting property name enclosed in double quotes"


def test_top_level_must_be_a_mapping(write):
    path = write("map.yaml", "- a\n- b\n")
    with pytest.raises(ParseError) as info:
        stakeholders.load(path)
    assert str(info.value) == f"{path}:1:1: the top level must be a mapping of meta, sources, actors, relations and kinds, not a list"


def test_not_utf8(tmp_path):
    path = tmp_path / "map.yaml"
    path.write_bytes(b"actors:\n  - name: Caf\xe9\n")
    with pytest.raises(ParseError) as info:
        stakeholders.load(path)
    assert str(info.value) == f"{path}:2: not UTF-8 text: byte 21 (0xe9) cannot be decoded"


def test_yaml_is_loaded_safely(write):
    path = write("map.yaml", "actors: !!python/object/apply:os.system ['echo hacked']\n")
    with pytest.raises(ParseError) as info:
        stakeholders.load(path)
    assert "could not determine a constructor for the tag" in str(info.value)


def test_missing_paths_and_empty_folders(tmp_path):
    with pytest.raises(DatasetNotFoundError) as info:
        stakeholders.load(tmp_path / "nope.yaml")
    assert str(info.value) == f"no dataset at {tmp_path / 'nope.yaml'}: no such file or folder"
    with pytest.raises(DatasetNotFoundError) as info:
        stakeholders.load(tmp_path)
    assert str(info.value) == f"no dataset files (*.yaml, *.yml, *.json) in folder {tmp_path}"
    other = tmp_path / "map.csv"
    other.write_text("a,b\n")
    with pytest.raises(DataError) as info:
        stakeholders.load(other)
    assert str(info.value) == f"{other}: not a dataset file; expected a .yaml, .yml or .json file"


def test_from_dict_reports_paths_without_a_file():
    with pytest.raises(ValidationError) as info:
        stakeholders.from_dict({"actors": [{"id": "a", "name": "A", "type": "state"}], "relations": [{"source": "a", "target": "b", "kind": "visit"}]})
    assert [str(p) for p in info.value.problems] == ['relations[0].target: unknown actor "b"']


def test_the_garbage_collector_is_restored(write):
    import gc

    stakeholders.load(write("map.yaml", MINIMAL))
    assert gc.isenabled()


def test_a_record_that_is_not_a_mapping_is_left_out_and_the_rest_checked(write, tmp_path):
    write("maps/a.yaml", "actors:\n  - just a string\n  - {id: x, name: X, type: state}\n")
    write("maps/b.yaml", "actors: [{id: y, name: Y, type: state}]\nrelations:\n  - {source: x, target: y, kind: visit}\n  - {source: x, target: z, kind: visit}\n")
    found = problems(tmp_path / "maps")
    assert found == [
        f"{tmp_path / 'maps' / 'a.yaml'}:2:5: actors[0]: expected a mapping of fields, got 'just a string'",
        f'{tmp_path / "maps" / "b.yaml"}:4:25: relations[1].target: unknown actor "z"',
    ]


def test_from_dict_needs_a_mapping():
    with pytest.raises(ParseError) as info:
        stakeholders.from_dict([1, 2])
    assert str(info.value) == "the top level must be a mapping of meta, sources, actors, relations and kinds, not a list"


def test_bad_ids_and_urls(write):
    path = write("map.yaml", "sources:\n  - {id: s 1, title: T, url: 'javascript:alert(1)'}\n")
    assert problems(path) == [
        f"{path}:2:10: sources[0].id: not a valid id: 's 1'; use letters and digits (of any script), '-', '_', '.' or ':', starting with a letter or digit; no spaces",
        f"{path}:2:30: sources[0].url: not an http(s) URL: 'javascript:alert(1)'",
    ]


def test_a_list_given_as_text_is_called_a_list(write):
    # Records hold their sequences as tuples; a file has lists, and the message says so.
    path = write("map.yaml", "actors:\n  - {id: a, name: A, type: state, aliases: x}\n")
    assert problems(path) == [f"{path}:2:44: actors[0].aliases: expected a list, got 'x'"]


def test_one_run_shows_every_problem_whatever_failed_elsewhere(tmp_path):
    # Bad meta, bad fields and bad required fields (an actor type in capitals) used to hide the
    # reference checks: unknown names, kinds and sources, duplicates, spans, ambiguity, self-loops.
    path = tmp_path / "every-problem.yaml"
    path.write_bytes((FIXTURES / "every-problem.yaml").read_bytes())
    assert problems(path) == [
        f'{path}:2:3: meta: unknown field "titel"; did you mean "title"?',
        f"{path}:6:11: sources[0].date: not a date: '2025-02-30' does not exist",
        f"{path}:7:10: sources[0].url: not an http(s) URL: 'ftp://example.org/x'",
        f"{path}:11:11: actors[0].type: must be one of 'person', 'state', 'government', 'armed-group', 'political-party', "
        "'community', 'intergovernmental-org', 'ngo', 'company', 'media' or 'other', got 'STATE'",
        f"{path}:12:9: actors[1].id: not a valid id: 'has space'; use letters and digits (of any script), '-', '_', '.' or ':', starting with a letter or digit; no spaces",
        f"{path}:18:10: actors[2].end: end 2024-01 is before start 2025-01",
        f'{path}:20:9: actors[3].id: duplicate actor id "beta" (first used by actors[2])',
        f'{path}:26:5: actors[4]: unknown field "colour"; did you mean "country"?',
        f'{path}:28:13: relations[0].source: unknown actor "alpah"; did you mean "alpha" (Alpha)?',
        f'{path}:30:11: relations[0].kind: unknown relation kind "vist"; closest known kinds: visit',
        f"{path}:31:13: relations[0].weight: must be at most 1, got 7",
        f'{path}:33:17: relations[0].evidence[0].source: evidence cites unknown source "s11"; did you mean "s1"?',
        f'{path}:36:13: relations[1].target: "alpha" is both source and target; a relation joins two actors',
        f"{path}:38:17: relations[1].confidence: must be at least 0, got -1",
        f"{path}:40:10: relations[1].end: end 2025-01 is before start 2025-05",
        f'{path}:41:13: relations[2].source: "Shared" is ambiguous: it names "beta" (Shared) and "gamma" (Shared); use an id or a fuller name',
    ]


def test_a_duplicate_across_files_names_the_file_and_line_of_its_first_use(write, tmp_path):
    write("map/one.yaml", "actors:\n  - {id: z, name: Zed, type: state}\n  - {id: a, name: First A, type: state}\n")
    write("map/two.yaml", "actors:\n  - {id: b, name: Bee, type: state}\n  - {id: a, name: Second A, type: person}\n")
    one = tmp_path / "map" / "one.yaml"
    assert problems(tmp_path / "map") == [f'{tmp_path / "map" / "two.yaml"}:3:10: actors[1].id: duplicate actor id "a" (first used by actors[1] at {one}:3)']
