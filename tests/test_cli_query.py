"""The question commands: path, neighbors, mediators, timeline, on the shipped data."""

import json

import pytest

from stakeholders.cli import cli

from .conftest import MINIMAL, ROOT


@pytest.fixture(autouse=True)
def _in_project(monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("STAKEHOLDERS_DATA", raising=False)


def _run(runner, *args):
    result = runner.invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_path_al_sharaa_to_the_united_kingdom(runner):
    # He leads the government; the UK lifted sanctions on "government departments".
    assert _run(runner, "path", "al-sharaa", "united kingdom") == (
        "1 shortest path between Ahmed al-Sharaa and United Kingdom, 2 hops\n"
        "1. Ahmed al-Sharaa -[leads, since 2025-01]-> Syrian government <-[sanctions-relief, reported 2025-05-07]- United Kingdom\n"
    )


def test_path_hts_to_israel_every_path_within_three_hops(runner):
    # Dates the data does not give are those of the report that states the relation.
    talks = "-[negotiation, indirect, via Unnamed mediators, since 2025-05; hostility, reported 2025-05-07]-"
    assert _run(runner, "path", "hts", "israel", "--all", "--max-hops", "3") == (
        "4 paths between Hayat Tahrir al-Sham and Israel, up to 3 hops\n"
        "1. Hayat Tahrir al-Sham <-[leads, reported 2025-05-07]- Ahmed al-Sharaa -[pledge, reported 2025-05-07]-> Druze"
        " <-[protection, since 2025-04]- Israel\n"
        f"2. Hayat Tahrir al-Sham <-[leads, reported 2025-05-07]- Ahmed al-Sharaa -[leads, since 2025-01]-> Syrian government {talks} Israel\n"
        "3. Hayat Tahrir al-Sham -[ousted, 2024-12]-> Bashar al-Assad -[formerly-led, until 2024-12]-> Syria"
        " <-[airstrike, 2025-04 to 2025-05]- Israel\n"
        "4. Hayat Tahrir al-Sham <-[terrorist-designation, reported 2025-05-07]- United States -[recognition, reported 2025-05-07]->"
        f" Syrian government {talks} Israel\n"
    )


def test_path_limit_says_more_exist(runner):
    out = _run(runner, "path", "hts", "israel", "--all", "--limit", "1")
    assert out.splitlines()[0] == "1 path between Hayat Tahrir al-Sham and Israel, up to 3 hops"
    assert out.splitlines()[-1] == "more paths exist; raise --limit (now 1) to see them"


def test_path_israel_to_the_druze_through_hostility_with_evidence(runner):
    out = _run(runner, "path", "israel", "druze", "--polarity", "hostile", "--evidence")
    title = "Syrian President Confirms Ongoing Indirect Negotiations with Israel Amid Ongoing Violence, 2025-05-07"
    assert out.splitlines() == [
        "1 shortest path between Israel and Druze, 2 hops",
        "filters: polarity: hostile",
        "1. Israel -[hostility, reported 2025-05-07]- Syrian government <-[distrust, reported 2025-05-07]- Druze",
        "     Syrian government -[hostility]- Israel  (reported 2025-05-07, ongoing)",
        f'       "in an effort to manage escalating hostilities" ({title})',
        "     Druze -[distrust]-> Syrian government  (reported 2025-05-07, ongoing)",
        '       "Syria\'s religious minorities, such as Alawites, Christians, and Druze, who express fears of persecution'
        f' under the Sunni-majority leadership of the country." ({title})',
    ]


def test_path_json_shape(runner):
    report = json.loads(_run(runner, "path", "al-sharaa", "israel", "--directed", "--format", "json"))
    assert {k: report[k] for k in ("from", "to", "all", "max_hops", "directed", "filters", "truncated")} == {
        "from": {"id": "al-sharaa", "name": "Ahmed al-Sharaa"},
        "to": {"id": "israel", "name": "Israel"},
        "all": False,
        "max_hops": None,
        "directed": True,
        "filters": ["following arrows"],
        "truncated": False,
    }
    (found,) = report["paths"]
    assert found["hops"] == 2
    assert [a["id"] for a in found["actors"]] == ["al-sharaa", "syrian-government", "israel"]
    step = found["steps"][1]
    assert (step["from"], step["to"]) == ("syrian-government", "israel")
    assert [(r["id"], r["direction"], r["start"], r["via"]) for r in step["relations"]] == [
        ("syria-israel-indirect-talks", "undirected", "2025-05", ["mediators"]),
        ("syria-israel-hostilities", "undirected", None, []),
    ]


def test_mediators_between_the_government_and_israel(runner):
    assert _run(runner, "mediators", "syrian government", "israel") == (
        "Mediators between Syrian government and Israel\n"
        "Recorded intermediaries (via)\n"
        "  Unnamed mediators: negotiation, indirect, via Unnamed mediators, since 2025-05 [syria-israel-indirect-talks]\n"
        "Candidates (on cooperative terms: the latest signed relation of each pair is cooperative)\n"
        "  1. Unnamed mediators: tied to both, score 1.00\n"
        "       Syrian government <-[mediation, since 2025-05]- Unnamed mediators -[mediation, since 2025-05]-> Israel\n"
    )


def test_mediators_json_and_an_empty_answer(runner):
    report = json.loads(_run(runner, "mediators", "alawites", "israel", "--format", "json"))
    assert [(c["id"], c["tier"], [a["id"] for a in c["paths"][0]["actors"]]) for c in report["candidates"]] == [
        ("al-sharaa", 2, ["alawites", "al-sharaa", "druze", "israel"]),
        ("druze", 2, ["alawites", "al-sharaa", "druze", "israel"]),
    ]
    assert report["recorded"] == []
    out = _run(runner, "mediators", "alawites", "israel", "--as-of", "2024")
    assert out.splitlines()[-1] == "No actor is on cooperative terms with both, directly or through one intermediary."


def test_timeline_of_al_sharaa(runner):
    assert _run(runner, "timeline", "al-sharaa").splitlines() == [
        "START                  END         STATUS   RELATION     WITH",
        "2025-01                            ongoing  -[leads]->   Syrian government forces",
        "2025-01                            ongoing  -[leads]->   Syrian government",
        "2025-05-07             2025-05-07  ended    -[visit]->   France",
        "2025-05-07 (reported)                       -[leads]->   Hayat Tahrir al-Sham",
        "2025-05-07 (reported)              ongoing  -[pledge]->  Alawites",
        "2025-05-07 (reported)              ongoing  -[pledge]->  Christians",
        "2025-05-07 (reported)              ongoing  -[pledge]->  Druze",
    ]


def test_timeline_window_json(runner):
    found = json.loads(_run(runner, "timeline", "--since", "2024-12", "--until", "2024-12", "--kind", "ousted", "--format", "json"))
    assert [(r["id"], r["start"], r["end"], r["status"]) for r in found] == [
        ("hts-ousts-assad", "2024-12", "2024-12", "ended"),
        ("hts-ousts-assad-regime", "2024-12", "2024-12", "ended"),
    ]
    out = _run(runner, "timeline", "--until", "2024-12", "--polarity", "hostile")
    # The coastal killings are known only as ended by the report of 2025-05-07: they may have been going on by 2024-12.
    assert out.splitlines()[1:] == [
        "2024-12  2024-12                ended   Hayat Tahrir al-Sham      -[ousted]->        Bashar al-Assad",
        "2024-12  2024-12                ended   Hayat Tahrir al-Sham      -[ousted]->        Assad regime",
        "         2025-05-07 (reported)  ended   Syrian government forces  -[mass-killing]->  Alawites",
    ]


def test_neighbors_of_israel(runner):
    out = _run(runner, "neighbors", "israel")
    assert out.splitlines() == [
        "Israel: 4 actors within 1 hop",
        "1 hop away (4)",
        # The pair's state: the talks since 2025-05 are its latest signed relation (the hostility gives no date of its own).
        "  cooperative (3)",
        "    Druze  (Israel -[protection, since 2025-04]-> Druze)",
        "    Syrian government  (Israel -[negotiation, indirect, via Unnamed mediators, since 2025-05;"
        " hostility, reported 2025-05-07]- Syrian government)",
        "    Unnamed mediators  (Israel <-[mediation, since 2025-05]- Unnamed mediators)",
        "  hostile (1)",
        "    Syria  (Israel -[airstrike, 2025-04 to 2025-05]-> Syria)",
    ]


def test_neighbors_json_by_distance_and_polarity(runner):
    report = json.loads(_run(runner, "neighbors", "the Druze", "--depth", "2", "--polarity", "hostile", "--format", "json"))
    assert report["actor"] == {"id": "druze", "name": "Druze"}
    assert [(ring["distance"], {g: [n["id"] for n in ring[g]] for g in ("cooperative", "hostile", "neutral", "mixed")}) for ring in report["rings"]] == [
        (1, {"cooperative": [], "hostile": ["pro-government-factions", "syrian-government"], "neutral": [], "mixed": []}),
        (2, {"cooperative": [], "hostile": ["alawites", "christians", "israel"], "neutral": [], "mixed": []}),
    ]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["path", "al-sharra", "israel"], 2, 'Error: unknown actor "al-sharra"; did you mean "al-sharaa" (Ahmed al-Sharaa)?\n'),
        (["path", "israel", "druze", "--polarity", "hostile", "--as-of", "2024"], 1, "Error: no path between Israel and Druze (as of 2024; polarity: hostile)\n"),
        (["path", "druze", "israel", "--directed", "--max-hops", "1"], 1, "Error: no path from Druze to Israel within 1 hop (following arrows)\n"),
        (["path", "al-sharaa", "israel", "--as-of", "2024"], 1, "Error: Ahmed al-Sharaa is left out by the filters (as of 2024)\n"),
        (["path", "eu", "israel", "--kind", "aid", "--exclude-kind", "aid"], 2, "Error: no relation kind left: every kind chosen is also excluded (aid)\n"),
        (["path", "eu", "israel", "--exclude-kind", "sanction"], 2, 'Error: unknown relation kind "sanction"; closest known kinds: sanctions, sanctions-relief, accusation\n'),
        (["path", "israel", "Israeli government"], 2, 'Error: "israel" and "Israeli government" are the same actor (Israel)\n'),
        (["mediators", "israel", "nobody"], 2, 'Error: unknown actor "nobody"\n'),
        (["neighbors", "israel", "--as-of", "2025-13"], 2, "Error: as-of date: not a date: '2025-13' does not exist\n"),
        (["timeline", "--since", "2025-06", "--until", "2025-01"], 2, "Error: the since date 2025-06 is after the until date 2025-01\n"),
        (["timeline", "--since", "June"], 2, "Error: since date: not a date: expected YYYY, YYYY-MM or YYYY-MM-DD, got 'June'\n"),
    ],
)
def test_bad_requests_give_one_error_line(runner, args, code, message):
    result = runner.invoke(cli, args)
    assert result.exit_code == code, result.output
    assert result.stderr == message
    assert result.stdout == ""


def test_an_ambiguous_name_lists_candidates(runner, write):
    path = write("map.yaml", MINIMAL.replace("type: person", "type: person\n    aliases: [A-land]"))
    result = runner.invoke(cli, ["path", "a-land", "beta", "--data", str(path)])
    assert result.exit_code == 2
    assert result.stderr == 'Error: "a-land" is ambiguous: it names "alpha" (Alpha) and "gamma" (Gamma); use an id or a fuller name\n'


@pytest.mark.parametrize("command", ["path", "neighbors", "mediators", "timeline"])
def test_help_has_examples(runner, command):
    out = _run(runner, command, "--help")
    assert f"Examples:\n    stakeholders {command}" in out
    assert "--format" in out and "--data" in out
