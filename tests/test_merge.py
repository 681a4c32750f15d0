"""One map from many hands: dedupe finds the same actor under other names, merge joins maps without losing evidence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

import stakeholders
from stakeholders.cli import cli
from stakeholders.ingest import from_dict
from stakeholders.merge import find_duplicates, merge_maps, read_same_as

ROOT = Path(__file__).resolve().parent.parent
SYRIA = ROOT / "data"

# An event-data map as ``stakeholders events`` writes one: its own ids, "Country: role" names, CAMEO codes.
EVENTS = {
    "meta": {"name": "events"},
    "sources": [{"id": "gdelt", "title": "GDELT 2.0 events", "kind": "dataset", "url": "https://www.gdeltproject.org/"}],
    "actors": [
        {"id": "syr-gov", "name": "Syria: government", "type": "government", "country": "SYR", "codes": {"cameo": ["SYRGOV"]}},
        {"id": "isr", "name": "Israel", "type": "state", "country": "ISR", "codes": {"cameo": ["ISR"]}},
        {"id": "usa-gov", "name": "United States: government", "type": "government", "country": "USA", "codes": {"cameo": ["USAGOV"]}},
        {"id": "tur", "name": "Turkey", "type": "state", "country": "TUR", "codes": {"cameo": ["TUR"]}},
    ],
    "relations": [
        {"id": "e1", "source": "isr", "target": "syr-gov", "kind": "airstrike", "start": "2025-04", "evidence": [{"source": "gdelt", "locator": "events 1, 2"}]},
        {"id": "e2", "source": "tur", "target": "syr-gov", "kind": "visit", "start": "2025-03", "evidence": [{"source": "gdelt", "locator": "event 3"}]},
    ],
}


@pytest.fixture
def maps(tmp_path: Path) -> tuple[Path, Path]:
    events = tmp_path / "events.yaml"
    events.write_text(yaml.safe_dump(EVENTS, sort_keys=False), encoding="utf-8")
    return SYRIA, events


def _pairs(found) -> set[tuple[str, str]]:
    return {(d.a.actor.id, d.b.actor.id) for d in found}


# dedupe


def test_dedupe_finds_the_same_actor_under_the_names_other_hands_give(maps):
    syria, events = (stakeholders.load(p) for p in maps)
    found = find_duplicates([syria, events])
    assert _pairs(found) == {("israel", "isr"), ("syrian-government", "syr-gov")}
    government = next(d for d in found if d.a.actor.id == "syrian-government")
    assert government.reasons[0] == 'same words once demonyms are read as their states: "Syrian government" and "Syria: government"'
    assert government.score == 1.0  # 0.95 and shared neighbours (Israel, in both maps)
    # A weaker reason shows at a lower threshold, and says it is weak.
    weak = {(d.a.actor.id, d.b.actor.id): d for d in find_duplicates([syria, events], min_score=0.5)}
    assert weak[("trump-administration", "usa-gov")].score == 0.5
    assert "a weak reason" in weak[("trump-administration", "usa-gov")].reasons[0]


def _one(name: str, actor_type: str, actor_id: str, **more) -> stakeholders.Dataset:
    return from_dict({"actors": [{"id": actor_id, "name": name, "type": actor_type, **more}], "relations": []}, name=actor_id)


@pytest.mark.parametrize(
    ("left", "right", "reason"),
    [
        (("Hayat Tahrir al-Sham", "armed-group"), ("HTS", "armed-group"), '"HTS" is the initials of "Hayat Tahrir al-Sham"'),
        (("Muammar Gaddafi", "person"), ("Moammar Qaddafi", "person"), 'spelled as transliterations differ: "Muammar Gaddafi" and "Moammar Qaddafi"'),
        (("Recep Tayyip Erdoğan", "person"), ("Recep Tayyip Erdogan", "person"), 'same name once folded: "Recep Tayyip Erdoğan" and "Recep Tayyip Erdogan"'),
        (("Kremlin", "government"), ("Russia: government", "government"), 'same words once demonyms are read as their states: "Kremlin" and "Russia: government"'),
        (("Sudanese Armed Forces", "armed-group"), ("Sudan: military", "armed-group"), "same words once demonyms"),
    ],
)
def test_each_kind_of_variant_is_found_with_its_reason(left, right, reason):
    found = find_duplicates([_one(*left, "a"), _one(*right, "b")])
    assert len(found) == 1 and found[0].reasons[0].startswith(reason)


def test_codes_join_and_conflicting_types_or_countries_do_not():
    coded = find_duplicates([_one("Türkiye", "state", "a", codes={"iso": ["TUR"]}), _one("Republic of Turkey", "state", "b", codes={"iso": ["TUR"]})])
    assert coded[0].score == 0.95 and coded[0].reasons[0] == "same iso code TUR"
    # A person and a state, or two states of different countries, are never proposed...
    assert find_duplicates([_one("Jordan", "state", "a", country="JOR"), _one("Jordan", "person", "b")]) == []
    assert find_duplicates([_one("Niger", "state", "a", country="NER"), _one("Nigeria", "state", "b", country="NGA")]) == []
    # ... unless asked, at half their score, the conflict said.
    asked = find_duplicates([_one("Jordan", "state", "a"), _one("Jordan", "person", "b")], any_type=True, min_score=0.5)
    assert (asked[0].score, asked[0].reasons[-1]) == (0.5, "types differ: state and person")
    # One id in two maps is one actor already: no pair.
    assert find_duplicates([_one("Israel", "state", "isr"), _one("Israel", "state", "isr")]) == []


def test_dedupe_command_prints_json_and_writes_a_same_as_file(maps, runner, tmp_path):
    syria, events = maps
    result = runner.invoke(cli, ["dedupe", str(syria), str(events), "--format", "json"])
    assert result.exit_code == 0, result.output
    pairs = json.loads(result.output)
    assert [(p["a"], p["b"]) for p in pairs] == [("israel", "isr"), ("syrian-government", "syr-gov")]
    assert set(pairs[0]) >= {"a", "b", "score", "reasons"}
    written = tmp_path / "same-as.yaml"
    result = runner.invoke(cli, ["dedupe", str(syria), str(events), "--write", str(written)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == f"2 pairs scoring 0.6 or more written to {written} to review."
    assert yaml.safe_load(written.read_text(encoding="utf-8")) == {"same_as": [["israel", "isr"], ["syrian-government", "syr-gov"]]}
    assert "# 1.00: same name once folded" in written.read_text(encoding="utf-8")
    again = runner.invoke(cli, ["dedupe", str(syria), str(events), "--write", str(written)])
    assert again.exit_code == 2 and f"{written} exists; use --force to replace it" in again.output



def test_a_same_as_file_reads_back_as_written_whatever_the_ids_and_names(tmp_path):
    """Ids YAML would read as a date or a number stay text; a name's line breaks of any kind stay inside the comment."""
    from stakeholders.merge import write_same_as

    hostile = "Gov\r  - [a-1, b-1]\u2028  - [a-2, b-2]\x85end"
    one = from_dict({"meta": {"name": "one"}, "actors": [{"id": "2025-01-01", "name": hostile, "type": "state"}, {"id": "1_000", "name": "Thousand", "type": "state"}]})
    two = from_dict({"meta": {"name": "two"}, "actors": [{"id": "0x1f", "name": hostile, "type": "state"}, {"id": "x", "name": "Thousand", "type": "state"}]})
    found = find_duplicates([one, two])
    assert _pairs(found) == {("2025-01-01", "0x1f"), ("1_000", "x")}
    written = write_same_as(found, ["one", "two"], tmp_path / "same-as.yaml")
    assert yaml.safe_load(written.read_text(encoding="utf-8")) == {"same_as": [["1_000", "x"], ["2025-01-01", "0x1f"]]}
    assert [g.ids for g in read_same_as(written, [one, two])] == [("1_000", "x"), ("2025-01-01", "0x1f")]


# merge


def test_merge_joins_actors_repoints_relations_and_keeps_every_piece_of_evidence(maps, runner, tmp_path):
    syria, events = maps
    same_as = tmp_path / "same-as.yaml"
    same_as.write_text("same_as:\n  - [syrian-government, syr-gov]\n  - [israel, isr]\n", encoding="utf-8")
    out = tmp_path / "merged.yaml"
    result = runner.invoke(cli, ["merge", str(syria), str(events), "--same-as", str(same_as), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == (
        f"Wrote {out}: 22 actors (from 20 + 4), 38 relations (from 36 + 2), 43 pieces of evidence (from 41 + 2), 2 sources (from 1 + 1)."
    )
    assert f"Joined into syrian-government: syr-gov (same-as group at {same_as}:2)" in result.output
    merged = stakeholders.load(out)  # the output validates
    government = merged.actors_by_id["syrian-government"]
    assert "Syria: government" in government.aliases and government.codes == {"cameo": ("SYRGOV",)}
    strike = next(r for r in merged.relations if r.id == "e1")
    assert (strike.source, strike.target) == ("israel", "syrian-government")
    assert stakeholders.NameIndex(merged.actors).resolve("Syria: government") == "syrian-government"
    # Every piece of evidence of both maps is in the merged map.
    before = {(r.id, e.source, e.quote, e.locator) for d in (stakeholders.load(syria), stakeholders.load(events)) for r in d.relations for e in r.evidence}
    after = {(r.id, e.source, e.quote, e.locator) for r in merged.relations for e in r.evidence}
    assert before == after
    # diff between an input and the output shows the merge.
    diff = runner.invoke(cli, ["diff", str(syria), str(out), "--format", "json"])
    assert diff.exit_code == 0, diff.output
    changes = json.loads(diff.output)
    assert {a["id"] for a in changes["actors"] if a["status"] == "added"} == {"usa-gov", "tur"}
    assert "syrian-government" in {a["id"] for a in changes["actors"] if a["status"] == "changed"}


def test_relations_of_the_same_ends_kind_and_period_become_one_with_all_their_evidence():
    a = from_dict(
        {
            "sources": [{"id": "s1", "title": "One", "url": "https://example.org/one"}],
            "actors": [{"id": "x", "name": "X", "type": "state"}, {"id": "y", "name": "Y", "type": "state"}],
            "relations": [{"id": "r1", "source": "x", "target": "y", "kind": "sanctions", "start": "2025", "evidence": [{"source": "s1", "quote": "X sanctioned Y"}]}],
        },
        name="a",
    )
    b = from_dict(
        {
            "sources": [{"id": "other", "title": "One again", "url": "https://example.org/one"}, {"id": "s1", "title": "Another", "url": "https://example.org/two"}],
            "actors": [{"id": "x2", "name": "X", "type": "state"}, {"id": "y", "name": "Y", "type": "state", "country": "YYY"}],
            "relations": [
                {"id": "r9", "source": "x2", "target": "y", "kind": "sanctions", "start": "2025", "evidence": [{"source": "other", "quote": "X sanctioned Y"}, {"source": "s1", "quote": "New sanctions"}]}
            ],
        },
        name="b",
    )
    result = merge_maps([a, b], auto=0.9)
    merged = result.dataset
    assert [(r.id, r.source, r.target) for r in merged.relations] == [("r1", "x", "y")]
    # The same URL is one source; another document with the same id is renamed; the same quote from one source counts once.
    assert [(e.source, e.quote) for e in merged.relations[0].evidence] == [("s1", "X sanctioned Y"), ("s1-2", "New sanctions")]
    assert sorted(s.id for s in merged.sources) == ["s1", "s1-2"]
    assert result.joined[0].kept == "x" and result.joined[0].joined == ["x2"]
    assert result.after["evidence"] == 2 and result.before["evidence"] == [1, 2]


def test_differences_are_reported_not_guessed():
    a = _one("Hamas", "armed-group", "hamas", country="PSE")
    b = _one("Hamas", "armed-group", "hamas", country="QAT", description="The movement.")
    result = merge_maps([a, b])
    assert result.conflicts == ["hamas: country is PSE in hamas, QAT in hamas; PSE kept"]
    actor = result.dataset.actors[0]
    assert (actor.country, actor.description) == ("PSE", "The movement.")


def test_kinds_and_issues_are_joined_by_id_and_a_different_one_is_reported():
    def one(name: str, polarity: int, title: str) -> stakeholders.Dataset:
        return from_dict(
            {
                "kinds": [{"id": "courts", "label": "courts", "directed": True, "polarity": polarity}],
                "issues": [{"id": "deal", "title": title}],
                "actors": [{"id": "x", "name": "X", "type": "state"}],
                "relations": [],
            },
            name=name,
        )

    result = merge_maps([one("a", 1, "The deal"), one("b", 1, "The deal"), one("c", -1, "A deal")])
    assert result.conflicts == [
        "kind courts is declared otherwise in c; the first map's kept",
        "issue deal is described otherwise in c; the first map's kept",
    ]
    assert [(k.id, k.polarity) for k in result.dataset.kinds if k.id == "courts"] == [("courts", 1)]
    assert [(i.id, i.title) for i in result.dataset.issues] == [("deal", "The deal")]


def test_a_bad_same_as_file_is_reported_whole_at_its_lines_and_nothing_is_written(maps, runner, tmp_path):
    syria, events = maps
    same_as = tmp_path / "same-as.yaml"
    same_as.write_text(
        "same_as:\n  - [syrian-government, syr-gov]\n  - [israel, nowhere]\n  - [syr-gov, assad-regime]\n  - [al-sharaa, syria]\n  - [tur]\n",
        encoding="utf-8",
    )
    out = tmp_path / "merged.yaml"
    result = runner.invoke(cli, ["merge", str(syria), str(events), "--same-as", str(same_as), "-o", str(out)])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"Error: 4 problems in {same_as}",
        f'  {same_as}:3:14: no map has the actor "nowhere"',
        f'  {same_as}:4:6: "syr-gov" is already in the group at line 2: join the two groups into one',
        f"  {same_as}:5:5: the group joins actors of different types (person, state): they are not one actor",
        f"  {same_as}:6:5: the group ['tur'] names one actor: a group joins two or more",
    ]
    assert not out.exists()
    with pytest.raises(stakeholders.DataError, match=r"not a same-as file"):
        bad = tmp_path / "bad.yaml"
        bad.write_text("actors: []\n", encoding="utf-8")
        read_same_as(bad, [stakeholders.load(syria)])


def test_a_join_that_would_make_a_relation_a_loop_stops_the_merge(maps, runner, tmp_path):
    syria, _ = maps
    same_as = tmp_path / "same-as.yaml"
    same_as.write_text("same_as:\n  - [israel, syria]\n", encoding="utf-8")
    out = tmp_path / "merged.yaml"
    result = runner.invoke(cli, ["merge", str(syria), "--same-as", str(same_as), "-o", str(out)])
    assert result.exit_code == 1
    assert "a loop between one actor and itself; review the groups that join their two ends (nothing was written)" in result.output
    assert not out.exists()


def test_merge_usage_errors(maps, runner, tmp_path):
    syria, events = maps
    result = runner.invoke(cli, ["merge", str(syria), str(events), "--threshold", "0.8", "-o", str(tmp_path / "m.yaml")])
    assert result.exit_code == 2 and "Error: --threshold goes with --auto: it is the least score --auto joins" in result.output
    result = runner.invoke(cli, ["merge", str(syria), "-o", str(tmp_path / "m.json")])
    assert result.exit_code == 2 and "the merged map is written as YAML; give a .yaml file" in result.output
    result = runner.invoke(cli, ["dedupe"])
    assert result.exit_code == 2 and "give the maps to compare" in result.output
