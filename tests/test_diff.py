"""stakeholders diff and the changes package, on pairs of small maps whose answers are worked out by hand."""

import json
import subprocess
import textwrap
from pathlib import Path

import networkx as nx
import pytest

import stakeholders
from stakeholders.analysis.report import analyze
from stakeholders.changes.compare import compare, compare_dates, union_graph
from stakeholders.changes.movement import standing
from stakeholders.changes.serialize import changes_json, changes_markdown, changes_text
from stakeholders.cli import cli
from stakeholders.cli.terminal import fit
from stakeholders.graph import to_graph

from .conftest import SYRIA

NAMES = {"a": "Alpha", "b": "Beta", "c": "Gamma", "d": "Delta", "e": "Epsilon"}
SOURCES = [{"id": "s1", "title": "First report", "date": "2025-01-15"}, {"id": "s2", "title": "Second report", "date": "2025-04-30"}]


def people(ids: str) -> list[dict]:
    return [{"id": i, "name": NAMES[i], "type": "state"} for i in ids]


def made(relations: list[dict], actors: str = "abc", **extra) -> dict:
    return {"sources": SOURCES, "actors": people(actors), "relations": relations, **extra}


def load(data: dict, name: str = "test") -> stakeholders.Dataset:
    return stakeholders.from_dict(data, name=name)


def text(changes, **options) -> str:
    return "\n".join(changes_text(changes, **options))


def section(output: str, title: str) -> str:
    """One section of the text: its title line up to the blank line after it."""
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(title))
    end = next((i for i in range(start, len(lines)) if not lines[i]), len(lines))
    return "\n".join(lines[start:end])


def expected(block: str) -> str:
    return textwrap.dedent(block).strip("\n")


# The camps map: Alpha, Beta and Delta against Gamma; then Delta turns on Alpha and allies with Gamma,
# who also gains Epsilon, so the camps become Gamma, Delta, Epsilon against Alpha, Beta.
CAMPS_BEFORE = [
    {"id": "ab", "source": "a", "target": "b", "kind": "alliance", "start": "2025-01"},
    {"id": "ad", "source": "a", "target": "d", "kind": "alliance", "start": "2025-01"},
    {"id": "ca", "source": "c", "target": "a", "kind": "hostility", "start": "2025-01"},
    {"id": "cb", "source": "c", "target": "b", "kind": "hostility", "start": "2025-01"},
]
CAMPS_AFTER = [
    *CAMPS_BEFORE,
    {"id": "da", "source": "d", "target": "a", "kind": "attack", "start": "2025-03"},
    {"id": "cd", "source": "c", "target": "d", "kind": "alliance", "start": "2025-03"},
    {"id": "ce", "source": "c", "target": "e", "kind": "alliance", "start": "2025-03"},
]


@pytest.fixture(scope="module")
def camps_changes():
    before, after = load(made(CAMPS_BEFORE, "abcde"), "camps"), load(made(CAMPS_AFTER, "abcde"), "camps")
    return compare(before, after, labels=("before", "after"))


def test_the_whole_text_of_a_camp_change(camps_changes):
    # Degrees before: Alpha 3, Beta 2, Gamma 2, Delta 1, Epsilon 0; after: Gamma 4 (Alpha, Beta, Delta, Epsilon),
    # Delta 2, Epsilon 1. Triangles: Alpha-Beta-Gamma (+ - -) before; Alpha-Delta-Gamma (- - +) joins it after.
    # Camp 1 before (Alpha, Beta, Delta) continues as camp 2 after: the camps are matched by members,
    # so Delta, in camp 1 both times, changed side.
    assert text(camps_changes, metric="degree") == expected("""
        Changes in camps from before to after
        actors: 0 added, 0 removed, 0 changed; relations: 3 added, 0 removed, 0 changed; 3 pairs changed state; 1 actor changed side

        RELATIONS
          + Gamma -[alliance]- Delta (since 2025-03) [cd]
          + Gamma -[alliance]- Epsilon (since 2025-03) [ce]
          + Delta -[attack]-> Alpha (since 2025-03) [da]

        PAIR STATES (the sign of each pair's latest cooperative or hostile relation)
          Alpha – Delta: cooperative → hostile (by attack, since 2025-03 [da])
          Delta – Gamma: none → cooperative (by alliance, since 2025-03 [cd])
          Epsilon – Gamma: none → cooperative (by alliance, since 2025-03 [ce])

        BALANCE
          signed pairs: 4 → 6 (+2)
          cooperative pairs: 2 → 3 (+1)
          hostile pairs: 2 → 3 (+1)
          triangles: 1 → 2 (+1)
          strictly balanced triangles: 1 → 2 (+1)
          weakly balanced triangles: 1 → 2 (+1)
          frustrated pairs (at odds with the two camps): 0 (no change)

        CAMPS
          camp 1 (3): Gamma, Delta, Epsilon (was camp 2: Gamma)
          camp 2 (2): Alpha, Beta (was camp 1: Alpha, Beta, Delta)
          changed side: Delta (camp 1 in before → camp 1 in after)
          joined the camps: Epsilon (camp 1)

        CENTRALITY: the largest changes in degree
        degree: how many actors it has ties with, in either direction (under a weighting, the summed weight of those ties)
          Gamma: 2 → 4 (+2)
          Delta: 1 → 2 (+1)
          Epsilon: 0 → 1 (+1)
    """)


def test_the_json_of_a_camp_change(camps_changes):
    found = changes_json(camps_changes)
    assert (found["old"], found["new"], found["name"], found["changed"]) == ("before", "after", "camps", True)
    assert found["summary"] == {
        "actors": {"added": 0, "removed": 0, "changed": 0},
        "relations": {"added": 3, "removed": 0, "changed": 0},
        "pairs": 3,
        "camps": {"moved": 1, "joined": 1, "left": 0},
    }
    assert [(p["actors"], p["old"], p["new"], [r["id"] for r in p["deciding"]]) for p in found["pairs"]] == [
        ([{"id": "a", "name": "Alpha"}, {"id": "d", "name": "Delta"}], "cooperative", "hostile", ["da"]),
        ([{"id": "d", "name": "Delta"}, {"id": "c", "name": "Gamma"}], "none", "cooperative", ["cd"]),
        ([{"id": "e", "name": "Epsilon"}, {"id": "c", "name": "Gamma"}], "none", "cooperative", ["ce"]),
    ]
    assert found["balance"] == {
        "signed_pairs": {"old": 4, "new": 6, "change": 2},
        "cooperative_pairs": {"old": 2, "new": 3, "change": 1},
        "hostile_pairs": {"old": 2, "new": 3, "change": 1},
        "triangles": {"old": 1, "new": 2, "change": 1},
        "strictly_balanced": {"old": 1, "new": 2, "change": 1},
        "weakly_balanced": {"old": 1, "new": 2, "change": 1},
        "frustrated_pairs": {"old": 0, "new": 0, "change": 0},
    }
    assert found["camps"] == {
        "old": [{"number": 1, "name": "Alpha, Beta, Delta", "members": ["a", "b", "d"]}, {"number": 2, "name": "Gamma", "members": ["c"]}],
        "new": [{"number": 1, "name": "Gamma, Delta, Epsilon", "members": ["c", "d", "e"]}, {"number": 2, "name": "Alpha, Beta", "members": ["a", "b"]}],
        "matched": [{"new": 1, "old": 2}, {"new": 2, "old": 1}],
        "moves": [
            {"actor": "d", "name": "Delta", "kind": "moved", "old": 1, "new": 1},
            {"actor": "e", "name": "Epsilon", "kind": "joined", "old": None, "new": 1},
        ],
        "best_splits": {"old": 1, "new": 1},
        "sides_compared": True,
    }
    assert found["centrality"]["degree"] == [
        {"actor": "c", "name": "Gamma", "old": 2.0, "new": 4.0, "change": 2.0},
        {"actor": "d", "name": "Delta", "old": 1.0, "new": 2.0, "change": 1.0},
        {"actor": "e", "name": "Epsilon", "old": 0.0, "new": 1.0, "change": 1.0},
    ]
    assert list(found["centrality"]) == ["degree", "in-degree", "out-degree", "betweenness", "closeness", "eigenvector", "pagerank"]
    json.dumps(found)  # plain data throughout


def test_the_markdown_of_a_camp_change(camps_changes):
    assert "\n".join(changes_markdown(camps_changes, metric="degree", top=2)) == expected("""
        ## Changes in camps from before to after

        actors: 0 added, 0 removed, 0 changed; relations: 3 added, 0 removed, 0 changed; 3 pairs changed state; 1 actor changed side.

        ### Relations

        | change | relation | when | id | what changed |
        |---|---|---|---|---|
        | added | Gamma -\\[alliance\\]- Delta | since 2025-03 | `cd` |  |
        | added | Gamma -\\[alliance\\]- Epsilon | since 2025-03 | `ce` |  |
        | added | Delta -\\[attack\\]-> Alpha | since 2025-03 | `da` |  |

        ### Pair states

        The sign of each pair's latest cooperative or hostile relation.

        | pair | before | after | deciding relations |
        |---|---|---|---|
        | Alpha – Delta | cooperative | hostile | by attack, since 2025-03 `da` |
        | Delta – Gamma | none | cooperative | by alliance, since 2025-03 `cd` |
        | Epsilon – Gamma | none | cooperative | by alliance, since 2025-03 `ce` |

        ### Balance

        | figure | before | after | change |
        |---|---|---|---|
        | signed pairs | 4 | 6 | +2 |
        | cooperative pairs | 2 | 3 | +1 |
        | hostile pairs | 2 | 3 | +1 |
        | triangles | 1 | 2 | +1 |
        | strictly balanced triangles | 1 | 2 | +1 |
        | weakly balanced triangles | 1 | 2 | +1 |
        | frustrated pairs (at odds with the two camps) | 0 | 0 |  |

        ### Camps

        - camp 1 (3): Gamma, Delta, Epsilon (was camp 2: Gamma)
        - camp 2 (2): Alpha, Beta (was camp 1: Alpha, Beta, Delta)
        - changed side: Delta (camp 1 in before → camp 1 in after)
        - joined the camps: Epsilon (camp 1)

        ### Centrality: the largest changes in degree

        how many actors it has ties with, in either direction (under a weighting, the summed weight of those ties).

        | actor | before | after | change |
        |---|---|---|---|
        | Gamma | 2 | 4 | +2 |
        | Delta | 1 | 2 | +1 |

        And 1 more.
    """)


def test_markdown_escapes_data_text():
    before = load(made([], "ab"))
    after = load({**made([], "ab"), "actors": [*people("ab"), {"id": "x", "name": "A | *bold* <b>", "type": "other"}]})
    assert "| added | A \\| \\*bold\\* \\<b> | `x` |  |" in "\n".join(changes_markdown(compare(before, after)))


def test_centrality_shows_the_top_changes_and_says_how_many_more(camps_changes):
    assert section(text(camps_changes, metric="degree", top=2), "CENTRALITY") == expected("""
        CENTRALITY: the largest changes in degree
        degree: how many actors it has ties with, in either direction (under a weighting, the summed weight of those ties)
          Gamma: 2 → 4 (+2)
          Delta: 1 → 2 (+1)
          ... and 1 more (--top or --format json shows them)
    """)


def test_an_unknown_metric_is_a_usage_error(camps_changes):
    with pytest.raises(stakeholders.UsageError, match='unknown metric "fame"'):
        text(camps_changes, metric="fame")


def test_actors_added_removed_and_changed():
    before = load(made([{"id": "ab", "source": "a", "target": "b", "kind": "alliance"}], "abc"))
    actors = [*people("ab"), {"id": "d", "name": "Delta", "type": "state"}]
    actors[1] = {**actors[1], "name": "Béta", "tags": ["coalition"]}
    changes = compare(before, load({**made([{"id": "ab", "source": "a", "target": "b", "kind": "alliance"}]), "actors": actors}))
    output = text(changes)
    assert output.splitlines()[:2] == [
        "Changes in test from old to new",
        "actors: 1 added, 1 removed, 1 changed; relations: 0 added, 0 removed, 0 changed; 0 pairs changed state; 0 actors changed side",
    ]
    assert section(output, "ACTORS") == expected("""
        ACTORS
          + Delta [d]
          - Gamma [c]
          ~ Béta [b]
              name: Beta → Béta
              tags: [] → ["coalition"]
    """)
    found = changes_json(changes)["actors"]
    assert [{k: v for k, v in entry.items() if k != "actor"} for entry in found] == [
        {"id": "d", "name": "Delta", "status": "added", "fields": []},
        {"id": "c", "name": "Gamma", "status": "removed", "fields": []},
        {
            "id": "b",
            "name": "Béta",
            "status": "changed",
            "fields": [{"field": "name", "old": "Beta", "new": "Béta"}, {"field": "tags", "old": [], "new": ["coalition"]}],
        },
    ]
    assert found[1]["actor"] == before.actors_by_id["c"].model_dump(mode="json")
    assert (changes.actors["b"].status, changes.actors["b"].changed) == ("changed", ("name", "tags"))


RELATIONS_BEFORE = [
    {
        "id": "ab", "source": "a", "target": "b", "kind": "alliance", "start": "2025-01", "status": "ongoing", "weight": 0.5,
        "evidence": [{"source": "s1", "quote": "Alpha and Beta signed a pact."}],
    },
    {"source": "a", "target": "c", "kind": "sanctions", "start": "2025-01"},  # id a--sanctions--c--2025-01
    {"id": "bc", "source": "b", "target": "c", "kind": "armed-clash", "start": "2025-02"},
]
RELATIONS_AFTER = [
    {
        "id": "ab", "source": "a", "target": "b", "kind": "alliance", "start": "2025-01", "end": "2025-04", "status": "ended",
        "weight": 0.8, "confidence": 0.9, "evidence": [{"source": "s2", "quote": "The pact ended in April."}],
    },
    {"source": "a", "target": "c", "kind": "sanctions", "start": "2025-02"},  # id a--sanctions--c--2025-02: matched by its ends
    {"id": "ca", "source": "c", "target": "a", "kind": "attack", "start": "2025-03"},
]


@pytest.fixture(scope="module")
def relation_changes():
    return compare(load(made(RELATIONS_BEFORE)), load(made(RELATIONS_AFTER)))


def test_relations_added_removed_and_changed_field_by_field(relation_changes):
    assert section(text(relation_changes), "RELATIONS") == expected("""
        RELATIONS
          + Gamma -[attack]-> Alpha (since 2025-03) [ca]
          - Beta -[armed-clash]- Gamma (since 2025-02) [bc]
          ~ Alpha -[alliance]- Beta (2025-01 to 2025-04) [ab]
              status: ongoing → ended
              end: none → 2025-04
              weight: 0.5 → 0.8
              confidence: none → 0.9
              evidence added: "The pact ended in April." (Second report, 2025-04-30)
              evidence removed: "Alpha and Beta signed a pact." (First report, 2025-01-15)
          ~ Alpha -[sanctions]-> Gamma (since 2025-02) [a--sanctions--c--2025-02]
              id: a--sanctions--c--2025-01 → a--sanctions--c--2025-02
              start: 2025-01 → 2025-02
    """)


def test_the_json_of_relation_changes(relation_changes):
    found = changes_json(relation_changes)["relations"]
    assert [{k: v for k, v in entry.items() if k != "relation"} for entry in found] == [
        {"id": "ca", "status": "added", "fields": [], "evidence_added": [], "evidence_removed": []},
        {"id": "bc", "status": "removed", "fields": [], "evidence_added": [], "evidence_removed": []},
        {
            "id": "ab",
            "status": "changed",
            "fields": [
                {"field": "status", "old": "ongoing", "new": "ended"},
                {"field": "end", "old": None, "new": "2025-04"},
                {"field": "weight", "old": 0.5, "new": 0.8},
                {"field": "confidence", "old": None, "new": 0.9},
            ],
            "evidence_added": [{"source": "s2", "quote": "The pact ended in April.", "locator": None}],
            "evidence_removed": [{"source": "s1", "quote": "Alpha and Beta signed a pact.", "locator": None}],
        },
        {
            "id": "a--sanctions--c--2025-02",
            "status": "changed",
            "fields": [
                {"field": "id", "old": "a--sanctions--c--2025-01", "new": "a--sanctions--c--2025-02"},
                {"field": "start", "old": "2025-01", "new": "2025-02"},
            ],
            "evidence_added": [],
            "evidence_removed": [],
        },
    ]
    # The record as it stands, as every command's JSON gives a relation: the removed one from the old dataset.
    assert found[1]["relation"]["source_name"] == "Beta" and found[1]["relation"]["kind"] == "armed-clash"
    assert found[2]["relation"]["status"] == "ended"


def test_the_changes_say_per_id_what_changed(relation_changes):
    statuses = {key: (change.status, change.changed) for key, change in relation_changes.relations.items()}
    assert statuses == {
        "ca": ("added", ()),
        "bc": ("removed", ()),
        "ab": ("changed", ("status", "end", "weight", "confidence", "evidence")),
        "a--sanctions--c--2025-02": ("changed", ("id", "start")),
    }


def test_relations_match_by_id_before_their_ends():
    # "talks" keeps its id but changes its target; the new relation between Alpha and Beta is another one,
    # although it has the kind and ends "talks" had. An undirected relation written the other way round,
    # with a new start (so a new derived id), is still the same relation.
    before = load(made([
        {"id": "talks", "source": "a", "target": "b", "kind": "negotiation", "start": "2025-01"},
        {"source": "b", "target": "c", "kind": "alliance", "start": "2025-01"},
    ]))
    after = load(made([
        {"id": "talks", "source": "a", "target": "c", "kind": "negotiation", "start": "2025-01"},
        {"id": "talks-2", "source": "a", "target": "b", "kind": "negotiation", "start": "2025-02"},
        {"source": "c", "target": "b", "kind": "alliance", "start": "2025-02"},
    ]))
    assert section(text(compare(before, after)), "RELATIONS") == expected("""
        RELATIONS
          + Alpha -[negotiation]- Beta (since 2025-02) [talks-2]
          ~ Alpha -[negotiation]- Gamma (since 2025-01) [talks]
              target: b → c
          ~ Gamma -[alliance]- Beta (since 2025-02) [c--alliance--b--2025-02]
              id: b--alliance--c--2025-01 → c--alliance--b--2025-02
              source: b → c
              target: c → b
              start: 2025-01 → 2025-02
    """)


def test_relations_sharing_ends_and_kind_pair_up_in_date_order():
    before = load(made([{"source": "a", "target": "b", "kind": "visit", "start": month} for month in ("2025-01", "2025-03")]))
    after = load(made([{"source": "a", "target": "b", "kind": "visit", "start": month} for month in ("2025-02", "2025-03", "2025-04")]))
    changes = compare(before, after)
    # 2025-03 is the same id in both; the 2025-01 visit was moved to 2025-02; 2025-04 is new.
    assert {key: (c.status, c.changed) for key, c in changes.relations.items()} == {
        "a--visit--b--2025-04": ("added", ()),
        "a--visit--b--2025-02": ("changed", ("id", "start")),
    }


def test_a_pair_losing_its_sign_names_what_gave_the_old_one():
    before = load(made([
        {"id": "ab", "source": "a", "target": "b", "kind": "alliance", "start": "2025-01"},
        {"id": "ac", "source": "a", "target": "c", "kind": "alliance", "start": "2025-01"},
    ]))
    after = load(made([{"id": "ab", "source": "a", "target": "b", "kind": "alliance", "start": "2025-01", "polarity": "neutral"}]))
    output = text(compare(before, after))
    assert section(output, "PAIR STATES") == expected("""
        PAIR STATES (the sign of each pair's latest cooperative or hostile relation)
          Alpha – Beta: cooperative → neutral (was alliance, since 2025-01 [ab])
          Alpha – Gamma: cooperative → none (was alliance, since 2025-01 [ac])
    """)
    assert "      polarity: 1 → 0" in section(output, "RELATIONS").splitlines()
    assert section(output, "CAMPS") == expected("""
        CAMPS
          camp 1 before (3): Alpha, Beta, Gamma (gone)
          left the camps: Alpha (was camp 1), Beta (was camp 1), Gamma (was camp 1)
    """)


def test_a_polarity_change_flips_the_pair_and_moves_an_actor_across():
    # Beta turns hostile to Alpha: the pair flips and Beta leaves Alpha and Gamma's side (each split the only best one).
    common = [{"id": "ac", "source": "a", "target": "c", "kind": "alliance"}]
    before = load(made([*common, {"id": "ab", "source": "a", "target": "b", "kind": "support"}]))
    after = load(made([*common, {"id": "ab", "source": "a", "target": "b", "kind": "support", "polarity": -1}]))
    changes = compare(before, after, labels=("2025-04", "2025-05"))
    output = text(changes)
    assert section(output, "PAIR STATES").splitlines()[1:] == ["  Alpha – Beta: cooperative → hostile (by support, undated [ab])"]
    assert section(output, "CAMPS") == expected("""
        CAMPS
          camp 1 (2): Alpha, Gamma (was camp 1: Alpha, Beta, Gamma)
          camp 2 (1): Beta (new)
          changed side: Beta (camp 1 in 2025-04 → camp 2 in 2025-05)
    """)
    assert changes_json(changes)["camps"]["moves"] == [{"actor": "b", "name": "Beta", "kind": "moved", "old": 1, "new": 2}]


def test_a_change_of_side_is_not_reported_where_the_best_split_is_a_tie():
    # An unbalanced triangle before (three splits each leave one tie frustrated): where Beta
    # stood then is a tie falling one way, not a fact to compare with.
    common = [{"id": "ac", "source": "a", "target": "c", "kind": "alliance"}, {"id": "bc", "source": "b", "target": "c", "kind": "hostility"}]
    before = load(made([*common, {"id": "ab", "source": "a", "target": "b", "kind": "support"}]))
    after = load(made([*common, {"id": "ab", "source": "a", "target": "b", "kind": "support", "polarity": -1}]))
    changes = compare(before, after, labels=("2025-04", "2025-05"))
    output = text(changes)
    assert output.splitlines()[1].endswith("; 1 pair changed state; sides not compared")
    assert section(output, "CAMPS").splitlines()[-1] == (
        "  changed side: not compared: several splits are equally good (3 in 2025-04), so a change of side may be a tie falling the other way"
    )
    found = changes_json(changes)["camps"]
    assert (found["moves"], found["best_splits"], found["sides_compared"]) == ([], {"old": 3, "new": 1}, False)


def test_an_unrelated_part_added_to_the_map_changes_no_camp(syria, tmp_path):
    # Ties between equally good splits are broken by actor ids, part by part: a new, unconnected
    # part of the map leaves the camps of the rest as they were.
    extra = {
        "actors": [{"id": f"riverside-{n}", "name": f"Depot {n}", "type": "company"} for n in range(6)],
        "relations": [{"source": f"riverside-{n}", "target": f"riverside-{n + 1}", "kind": "hostility"} for n in range(5)],
    }
    folder = tmp_path / "map"
    folder.mkdir()
    (folder / "syria-2025.yaml").write_bytes(SYRIA.read_bytes())
    (folder / "riverside-depot.json").write_text(json.dumps(extra), encoding="utf-8")

    def sides(dataset) -> set[frozenset[str]]:
        return {frozenset(a for a in group.members if not a.startswith("riverside-")) for group in standing(to_graph(dataset)).camps} - {frozenset()}

    assert sides(stakeholders.load(folder)) == sides(syria)


def test_nothing_changed():
    data = load(made(RELATIONS_BEFORE))
    changes = compare(data, load(made(RELATIONS_BEFORE)))
    assert not changes.changed
    assert text(changes) == "Changes in test from old to new\nno changes"
    assert list(changes_markdown(changes)) == ["## Changes in test from old to new", "", "No changes."]
    found = changes_json(changes)
    assert (found["changed"], found["actors"], found["relations"], found["pairs"], found["camps"]["moves"]) == (False, [], [], [], [])


def test_two_dates_of_one_dataset():
    # Gamma exists from 2025-03, Delta until 2025-02; r1 ends and r3 starts between the dates, r2 holds throughout.
    data = load({
        "sources": SOURCES,
        "actors": [*people("ab"), {"id": "c", "name": "Gamma", "type": "state", "start": "2025-03"}, {"id": "d", "name": "Delta", "type": "state", "end": "2025-02"}],
        "relations": [
            {"id": "r1", "source": "a", "target": "b", "kind": "visit", "start": "2025-01", "end": "2025-02"},
            {"id": "r2", "source": "a", "target": "b", "kind": "alliance", "start": "2025-01"},
            {"id": "r3", "source": "b", "target": "c", "kind": "sanctions", "start": "2025-03"},
        ],
    })
    changes = compare_dates(data, "2025-02", "2025-04")
    assert changes.labels == ("2025-02", "2025-04")
    output = text(changes)
    assert output.splitlines()[0] == "Changes in test from 2025-02 to 2025-04"
    assert section(output, "ACTORS") == "ACTORS\n  + Gamma [c]\n  - Delta [d]"
    assert section(output, "RELATIONS") == expected("""
        RELATIONS
          + Beta -[sanctions]-> Gamma (since 2025-03) [r3]
          - Alpha -[visit]-> Beta (2025-01 to 2025-02) [r1]
    """)
    assert section(output, "PAIR STATES").splitlines()[1:] == ["  Beta – Gamma: none → hostile (by sanctions, since 2025-03 [r3])"]


@pytest.mark.parametrize(
    ("dates", "message"),
    [
        (("2025-13", "2025-05"), "from date: not a date: '2025-13' does not exist"),
        (("2025-04", "April"), "to date: not a date: expected YYYY, YYYY-MM or YYYY-MM-DD, got 'April'"),
        (("2025-06", "2025-05"), "the from date 2025-06 comes after the to date 2025-05"),
    ],
)
def test_bad_dates_are_usage_errors(dates, message):
    with pytest.raises(stakeholders.UsageError) as raised:
        compare_dates(load(made([])), *dates)
    assert str(raised.value) == message


def test_the_union_graph_holds_both_states_with_their_changes(relation_changes):
    graph = union_graph(relation_changes)
    assert isinstance(graph, nx.MultiDiGraph)
    changes = {key: attrs["change"] for *_, key, attrs in graph.edges(keys=True, data=True)}
    assert changes == {"ab": "changed", "a--sanctions--c--2025-02": "changed", "ca": "added", "bc": "removed"}
    assert dict(graph.nodes(data="change")) == {"a": None, "b": None, "c": None}
    assert graph.graph["filters"] == ["changes from old to new"]
    # Every edge's record is in the graph's dataset, the removed one included, as readers of a graph expect.
    dataset = graph.graph["dataset"]
    assert all(key in dataset.relations_by_id for *_, key in graph.edges(keys=True))
    assert graph.edges["b", "c", "bc"]["kind"] == "armed-clash"
    # The attributes are copies: no record gains a "change" field.
    assert "change" not in relation_changes.new.graph["dataset"].relations_by_id["ab"].__dict__
    # What the graph holds works with the analysis as any graph does.
    assert stakeholders.analyze(graph)["relations"] == 4


def test_the_union_graph_of_two_dates_marks_the_actors_too():
    data = load({**made([{"id": "ab", "source": "a", "target": "b", "kind": "alliance", "start": "2025-03"}], "a"), "actors": [
        *people("a"), {"id": "b", "name": "Beta", "type": "state", "start": "2025-03"}, {"id": "c", "name": "Gamma", "type": "state", "end": "2025-01"},
    ]})
    changes = compare_dates(data, "2025-01", "2025-03")
    graph = union_graph(changes)
    assert dict(graph.nodes(data="change")) == {"a": None, "b": "added", "c": "removed"}
    assert graph.graph["dataset"] is data
    assert list(graph.edges(keys=True, data="change")) == [("a", "b", "ab", "added")]


def test_a_state_without_relations_has_zero_figures():
    changes = compare(load(made([])), load(made([{"id": "ab", "source": "a", "target": "b", "kind": "alliance"}])))
    assert [(f.name, f.old, f.new) for f in changes.balance][:2] == [("signed_pairs", 0, 1), ("cooperative_pairs", 0, 1)]
    assert changes.camps.old == () and [g.members for g in changes.camps.new] == [("a", "b")]


def test_the_python_api_offers_the_changes():
    # Loaded on first use (tests/test_layers.py checks that importing the package loads no graph library).
    for name in ("Changes", "compare", "compare_dates", "union_graph", "changes_json", "changes_text", "changes_markdown", "load_revision"):
        assert name in stakeholders.__all__ and callable(getattr(stakeholders, name))


# The command line.


@pytest.fixture
def maps(tmp_path, monkeypatch):
    """The relations maps as files, before.json and after.json, in the current folder."""
    monkeypatch.chdir(tmp_path)
    paths = {}
    for name, relations in (("before", RELATIONS_BEFORE), ("after", RELATIONS_AFTER)):
        paths[name] = Path(f"{name}.json")
        paths[name].write_text(json.dumps(made(relations, meta={"name": "test"})), encoding="utf-8")
    return paths


def fitted(changes) -> list[str]:
    """The text as the command prints it with COLUMNS=80: fitted to 80 columns."""
    return list(fit(changes_text(changes), 80))


def test_the_command_prints_what_the_library_says(runner, maps, relation_changes):
    done = runner.invoke(cli, ["diff", "before.json", "after.json"], env={"COLUMNS": "80"})
    assert done.exit_code == 0, done.output
    lines = done.stdout.splitlines()
    assert lines[0] == "Changes in test from before.json to after.json"
    assert lines[1:] == fitted(relation_changes)[1:]
    assert "        2025-01-15)" in lines  # a quote too long for the line goes on under its indent
    as_json = runner.invoke(cli, ["diff", "before.json", "after.json", "--format", "JSON"])
    assert json.loads(as_json.stdout)["relations"] == changes_json(relation_changes)["relations"]
    markdown = runner.invoke(cli, ["diff", "before.json", "after.json", "--format", "markdown"])
    assert markdown.stdout.startswith("## Changes in test from before.json to after.json\n\nactors: 0 added")


def test_exit_code(runner, maps):
    same = runner.invoke(cli, ["diff", str(maps["before"]), str(maps["before"]), "--exit-code"])
    assert (same.exit_code, same.stdout) == (0, f"Changes in test from {maps['before']} to {maps['before']}\nno changes\n")
    changed = [str(maps["before"]), str(maps["after"])]
    assert runner.invoke(cli, ["diff", *changed]).exit_code == 0
    flagged = runner.invoke(cli, ["diff", *changed, "--exit-code"])
    assert flagged.exit_code == 1 and flagged.stderr == ""
    assert "RELATIONS" in flagged.stdout
    assert runner.invoke(cli, ["diff", *changed, "--exit-code", "--format", "json"]).exit_code == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "say what to compare: two datasets (OLD NEW), one dataset at two dates (--from DATE --to DATE), or the dataset with its version at a git revision (--git REV)"),
        (["a.yaml"], "say what to compare: two datasets (OLD NEW), one dataset at two dates (--from DATE --to DATE), or the dataset with its version at a git revision (--git REV)"),
        (["a", "b", "c"], "unexpected extra argument c; compare two datasets at a time: OLD NEW"),
        (["--from", "2025-04"], "--from and --to go together: give both dates"),
        (["--to", "2025-04"], "--from and --to go together: give both dates"),
        (["--from", "2025-04", "--to", "2025-05", "--git", "HEAD"], "--from/--to compare one dataset at two dates, --git two versions of it: give one or the other"),
        (["a", "b", "--git", "HEAD"], "two datasets (OLD NEW) are compared as they are: --from/--to and --git take one dataset"),
    ],
)
def test_the_forms_are_checked_before_anything_is_read(runner, args, message):
    done = runner.invoke(cli, ["diff", *args])
    assert done.exit_code == 2
    assert done.stderr == f"Error: {message}\nsee `stakeholders diff --help`\n"


def test_bad_dates_on_the_command_line(runner):
    done = runner.invoke(cli, ["diff", "--from", "2025-13", "--to", "2025-05", "--data", str(SYRIA)])
    assert (done.exit_code, done.stderr) == (2, "Error: from date: not a date: '2025-13' does not exist\n")


def test_bad_data_exits_1(runner, maps, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    done = runner.invoke(cli, ["diff", str(maps["before"]), str(broken)])
    assert done.exit_code == 1
    assert done.stderr.startswith(f"Error: {broken}:") and done.stderr.count("\n") == 1


# --git, on a repository made for each test.


def git(repo, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A git repository holding map.json (the relations map before) in its first commit, after it in the working tree."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))  # no repository above tmp_path is ever found
    folder = tmp_path / "repo"
    folder.mkdir()
    git(folder, "init", "-q")
    (folder / "map.json").write_text(json.dumps(made(RELATIONS_BEFORE, meta={"name": "test"})), encoding="utf-8")
    git(folder, "add", "map.json")
    git(folder, "commit", "-q", "-m", "before")
    (folder / "map.json").write_text(json.dumps(made(RELATIONS_AFTER, meta={"name": "test"})), encoding="utf-8")
    monkeypatch.chdir(folder)
    return folder


def test_git_compares_the_working_tree_with_a_revision(runner, repo, relation_changes):
    done = runner.invoke(cli, ["diff", "--git", "HEAD", "map.json"], env={"COLUMNS": "80"})
    assert done.exit_code == 0, done.output
    lines = done.stdout.splitlines()
    assert lines[0] == "Changes in test from HEAD to working tree"
    assert lines[1:] == fitted(relation_changes)[1:]
    # The working tree is untouched: nothing was checked out.
    assert json.loads((repo / "map.json").read_text(encoding="utf-8"))["relations"] == RELATIONS_AFTER
    assert runner.invoke(cli, ["diff", "--git", "HEAD", "--data", "map.json", "--exit-code"]).exit_code == 1


def test_git_reads_a_folder_file_by_file(runner, repo):
    data = repo / "data"
    data.mkdir()
    (data / "actors.yaml").write_text("actors:\n  - {id: a, name: Alpha, type: state}\n", encoding="utf-8")
    (data / "notes.md").write_text("not data\n", encoding="utf-8")
    git(repo, "add", "data")
    git(repo, "commit", "-q", "-m", "folder")
    (data / "more.yaml").write_text("actors:\n  - {id: b, name: Beta, type: state}\n", encoding="utf-8")
    done = runner.invoke(cli, ["diff", "--git", "HEAD", "data", "--format", "json"])
    assert done.exit_code == 0, done.output
    found = json.loads(done.stdout)
    assert (found["old"], found["new"], [(a["id"], a["status"]) for a in found["actors"]]) == ("HEAD", "working tree", [("b", "added")])


def test_git_errors(runner, repo, tmp_path):
    unknown = runner.invoke(cli, ["diff", "--git", "no-such-rev", "map.json"])
    assert (unknown.exit_code, unknown.stderr) == (2, 'Error: unknown git revision "no-such-rev"\n')
    option = runner.invoke(cli, ["diff", "--git", "--all", "map.json"])
    assert (option.exit_code, option.stderr) == (2, 'Error: unknown git revision "--all"\n')
    (repo / "new.json").write_text(json.dumps(made([])), encoding="utf-8")
    absent = runner.invoke(cli, ["diff", "--git", "HEAD", "new.json"])
    assert (absent.exit_code, absent.stderr) == (1, "Error: no dataset at new.json in git revision HEAD\n")
    outside = tmp_path / "outside.json"
    outside.write_text(json.dumps(made([])), encoding="utf-8")
    not_a_repo = runner.invoke(cli, ["diff", "--git", "HEAD", str(outside)])
    assert (not_a_repo.exit_code, not_a_repo.stderr) == (2, f"Error: {outside} is not in a git repository\n")


def test_problems_at_a_revision_name_the_revision_not_a_temporary_folder(runner, repo):
    (repo / "map.json").write_text(json.dumps(made([{"source": "a", "target": "zed", "kind": "alliance"}])), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "broken")
    (repo / "map.json").write_text(json.dumps(made(RELATIONS_AFTER)), encoding="utf-8")
    done = runner.invoke(cli, ["diff", "--git", "HEAD", "map.json"])
    assert done.exit_code == 1
    assert done.stderr.startswith("Error: HEAD:map.json:1:") and "zed" in done.stderr
    assert "stakeholders-git-" not in done.stderr


def test_a_file_too_large_at_a_revision_is_named_by_it(repo):
    with pytest.raises(stakeholders.errors.FileTooLargeError) as raised:
        stakeholders.load_revision("map.json", "HEAD", max_bytes=10)
    assert str(raised.value).startswith("HEAD:map.json: too large: ")


# The shipped map.


def test_the_shipped_map_from_april_to_may(runner, syria):
    done = runner.invoke(cli, ["diff", "--from", "2025-04", "--to", "2025-05", "--data", str(SYRIA)], env={"COLUMNS": "80"})
    assert done.exit_code == 0, done.output
    output = done.stdout
    assert output.splitlines()[:3] == [
        "Changes in syria-2025 from 2025-04 to 2025-05",
        "actors: 0 added, 0 removed, 0 changed; relations: 24 added, 0 removed, 0",
        "  changed; 16 pairs changed state; sides not compared",
    ]
    # The talks with Israel begin in May; the article of 2025-05-07 reports the rest.
    relations = section(output, "RELATIONS")
    assert "  + Syrian government -[negotiation]- Israel (since 2025-05)" in relations
    assert "  + European Union -[sanctions-relief]-> Syria (reported 2025-05-07)" in relations
    pairs = section(output, "PAIR STATES")
    assert "  Israel – Syrian government: none → cooperative (by negotiation, since 2025-05" in pairs
    assert "  Druze – Syrian government: none → hostile (by distrust, reported 2025-05-07" in pairs
    assert "  signed pairs: 6 → 22 (+16)" in output
    assert "  frustrated pairs (at odds with the two camps): 0 → 6 (+6)" in output
    # April's two unconnected parts may face either way, and in May twelve splits are equally good:
    # who stands where is a tie, so no change of side is claimed.
    assert "  changed side: not compared: several splits are equally good (2 in 2025-04, 12\n    in 2025-05), so a change of side may be a tie falling the other way\n" in output
    assert section(output, "CENTRALITY").splitlines()[3:5] == [
        "  Syrian government: 0.0234 → 0.6092 (+0.5858)",
        "  Ahmed al-Sharaa: 0.0351 → 0.1706 (+0.1355)",
    ]


def test_the_shipped_map_figures_are_those_analyze_gives_on_each_date(syria):
    changes = compare_dates(syria, "2025-04", "2025-05")
    for side, date in ((0, "2025-04"), (1, "2025-05")):
        report = analyze(syria, as_of=date)
        figures = {f.name: (f.old, f.new)[side] for f in changes.balance}
        assert figures["signed_pairs"] == report["balance"]["signed_pairs"]
        assert figures["strictly_balanced"] == report["balance"]["strict"]["balanced"]
        assert figures["frustrated_pairs"] == report["camps"]["frustration"]
        camps = (changes.camps.old, changes.camps.new)[side]
        assert [(g.number, g.name, list(g.members)) for g in camps] == [(c["number"], c["name"], c["members"]) for c in report["camps"]["camps"]]
        betweenness = {row["actor"]: row["value"] for row in report["centrality"]["betweenness"]["ranking"]}
        shift = next(s for s in changes.centrality["betweenness"] if s.actor == "syrian-government")
        assert (shift.old, shift.new)[side] == betweenness["syrian-government"]
