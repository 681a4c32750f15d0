"""Drafting maps from articles: one test per reading rule, the inputs, the draft file and the command."""

from __future__ import annotations

import shutil
import sys

import pytest
import yaml

import stakeholders
from stakeholders.cli import cli
from stakeholders.extract import Article, extract_draft, pipeline, read_article, write_draft
from stakeholders.extract.articles import layout
from stakeholders.extract.lexicon import gazetteer

from .conftest import ROOT

pytest.importorskip("spacy")

ARTICLE = ROOT / "tests" / "fixtures" / "syria-2025-article.txt"

DATA = stakeholders.from_dict(
    {
        "actors": [
            {"id": "israel", "name": "Israel", "type": "state", "country": "ISR"},
            {"id": "syria", "name": "Syria", "type": "state", "country": "SYR"},
            {"id": "syrian-government", "name": "Syrian government", "type": "government", "country": "SYR"},
            {"id": "hamas", "name": "Hamas", "type": "armed-group"},
            {"id": "egypt", "name": "Egypt", "type": "state", "country": "EGY"},
            {"id": "russia", "name": "Russia", "type": "state", "country": "RUS"},
            {"id": "ukraine", "name": "Ukraine", "type": "state", "country": "UKR"},
            {"id": "turkey", "name": "Turkey", "type": "state", "country": "TUR"},
            {"id": "iran", "name": "Iran", "type": "state", "country": "IRN"},
            {"id": "usa", "name": "United States", "type": "state", "country": "USA", "aliases": ["US"]},
        ]
    }
)


def draft_of(text: str, dataset: stakeholders.Dataset | None = DATA) -> stakeholders.Draft:
    return extract_draft([Article(text)], dataset)


def found(text: str, dataset: stakeholders.Dataset | None = DATA) -> set[tuple[str, str, str]]:
    """The relations drafted from a text: (source, kind, target), undirected ones with their ends sorted."""
    result = set()
    for r in draft_of(text, dataset).relations:
        ends = (r.source, r.target) if r.directed else tuple(sorted((r.source, r.target)))
        result.add((ends[0], r.kind, ends[1]))
    return result


# One rule each, on a sentence of its own


def test_active_voice_source_before_the_cue_target_after_it():
    assert found("Israel struck Syria.") == {("israel", "airstrike", "syria")}


def test_passive_voice_by_names_who_acted():
    assert found("Ukraine was attacked by Russia.") == {("russia", "attack", "ukraine")}
    assert found("Strikes by Israel on Hamas killed ten people.") == {("israel", "airstrike", "hamas")}


def test_a_passive_without_by_names_no_one_who_acted():
    assert found("Ukraine was attacked on Tuesday.") == set()


def test_symmetric_phrasing_gives_an_undirected_relation():
    draft = draft_of("Talks between Iran and the United States resumed in Oman.")
    assert [(r.source, r.kind, r.target, r.directed) for r in draft.relations] == [("iran", "negotiation", "usa", False)]
    assert found("Clashes between Hamas and Israel continued overnight.") == {("hamas", "armed-clash", "israel")}


def test_reported_speech_gives_the_reported_relation_attributed_to_the_speaker():
    draft = draft_of("Turkey said Russia attacked Ukraine.")
    assert [(r.source, r.kind, r.target) for r in draft.relations] == [("russia", "attack", "ukraine")]
    assert draft.relations[0].record()["attributes"] == {"reported_by": "turkey"}
    after = draft_of('"Russia attacked Ukraine," the Turkish foreign minister said.')
    assert [(r.source, r.kind, r.target, r.record()["attributes"]) for r in after.relations] == [("russia", "attack", "ukraine", {"reported_by": "turkey"})]


def test_condemning_what_an_actor_did_criticises_that_actor():
    assert found("Syria condemned the Israeli strikes.") == {("syria", "criticism", "israel")}


@pytest.mark.parametrize("text", ["Russia did not attack Ukraine.", "Israel denied striking Syria.", "Hamas refused to negotiate with Israel."])
def test_negation_never_yields_the_positive_relation(text):
    draft = draft_of(text)
    assert draft.relations == []
    assert any("negated by" in event for event in draft.sentences[0].events)


def test_a_hedge_lowers_the_confidence():
    sure, hedged = draft_of("Russia attacked Ukraine."), draft_of("Russia reportedly attacked Ukraine.")
    assert [r.confidence for r in sure.relations] == [0.7]
    assert [r.confidence for r in hedged.relations] == [0.42]  # 0.7 times the hedge factor 0.6
    assert hedged.relations[0].hedges == ["reportedly"]


def test_metonymy_a_capital_stands_for_its_government_or_state():
    assert found("Washington imposed sanctions on Tehran.") == {("usa", "sanctions", "iran")}
    assert found("Damascus condemned Israel.") == {("syrian-government", "criticism", "israel")}


def test_a_demonym_stands_for_its_state():
    assert found("Israeli jets bombed Syrian positions.") == {("israel", "airstrike", "syria")}


def test_a_role_noun_stands_for_the_government_or_forces_of_its_state():
    # The dataset has no Syrian forces of their own: they are the government's.
    assert found("Syrian security forces clashed with Hamas.") == {("hamas", "armed-clash", "syrian-government")}
    # The ministry is part of the government, which is part of the state: the draft says so too.
    assert found("The interior ministry accused Hamas, Syria said.") == {("syrian-government", "accusation", "hamas"), ("syrian-government", "part-of", "syria")}


def test_coordination_gives_one_relation_per_actor():
    draft = draft_of("Russia and Belarus struck Ukraine.")
    assert {(r.source, r.kind, r.target) for r in draft.relations} == {("russia", "airstrike", "ukraine"), ("belarus", "airstrike", "ukraine")}
    assert [(a.id, a.type, a.country, a.tags) for a in draft.actors] == [("belarus", "state", "BLR", ("draft",))]


def test_a_sentence_with_three_actors():
    assert found("Egypt mediated talks between Israel and Hamas.") == {
        ("egypt", "mediation", "israel"),
        ("egypt", "mediation", "hamas"),
        ("hamas", "negotiation", "israel"),
    }


def test_a_sentence_without_two_actors_gives_nothing():
    assert found("Israel struck targets overnight.") == set()
    assert found("The talks resumed in the capital.") == set()


def test_a_title_before_a_name_makes_a_person_tied_to_the_government():
    draft = draft_of("Egyptian President Abdel Fattah Sisi visited Israel.")
    assert {(r.source, r.kind, r.target) for r in draft.relations} == {("abdel-fattah-sisi", "leads", "egypt"), ("abdel-fattah-sisi", "visit", "israel")}
    assert [(a.name, a.type) for a in draft.actors] == [("Abdel Fattah Sisi", "person")]


def test_a_former_leader_formerly_led_the_state():
    assert found("Former Egyptian President Hosni Mubarak visited Israel.") == {("hosni-mubarak", "formerly-led", "egypt"), ("hosni-mubarak", "visit", "israel")}


def test_a_cue_whose_object_is_another_cue_acts_on_that_ones_actors():
    assert found("The UN Security Council condemned the attack by Hamas on Israel.") == {
        ("un-security-council", "criticism", "hamas"),
        ("hamas", "attack", "israel"),
    }


def test_names_that_state_a_tie():
    data = stakeholders.from_dict({"actors": [*DATA.model_dump()["actors"], {"id": "druze", "name": "Druze", "type": "community"}, {"id": "druze-fighters", "name": "Druze fighters", "type": "armed-group"}, {"id": "militias", "name": "pro-Syrian militias", "type": "armed-group"}]})
    assert found("Druze fighters and pro-Syrian militias clashed.", data) == {
        ("druze-fighters", "member-of", "druze"),
        ("militias", "support", "syria"),
        ("druze-fighters", "armed-clash", "militias"),
    }


def test_the_same_pair_and_kind_in_several_sentences_is_one_relation_with_several_quotes():
    draft = draft_of("Israel struck Syria on Monday.\n\nOn Tuesday, Israel struck Syria again.")
    assert len(draft.relations) == 1
    assert [(e["quote"], e["locator"]) for e in draft.relations[0].evidence] == [
        ("Israel struck Syria on Monday.", "paragraph 1, sentence 1"),
        ("On Tuesday, Israel struck Syria again.", "paragraph 2, sentence 1"),
    ]


# Inputs


def test_a_saved_web_page_gives_its_main_text_title_date_and_canonical_url(tmp_path):
    page = tmp_path / "story.html"
    page.write_text(
        """<html><head><title>Israel strikes Syria | Example News</title>
        <meta property="article:published_time" content="2025-07-17T08:00:00Z">
        <link rel="canonical" href="https://news.example.org/israel-strikes-syria"></head>
        <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
        <article><h1>Israel strikes Syria</h1>
        <p>Israel struck Syria on Tuesday, hitting military sites near the capital, according to officials.</p>
        <p>The Syrian government condemned Israel in a statement and called the strikes a violation of its sovereignty.</p>
        </article><footer>Copyright Example News</footer></body></html>""",
        encoding="utf-8",
    )
    article = read_article(page)
    assert (article.title, str(article.date), article.url) == ("Israel strikes Syria", "2025-07-17", "https://news.example.org/israel-strikes-syria")
    draft = extract_draft([page], DATA)
    assert draft.sources[0]["title"] == "Israel strikes Syria"
    assert draft.sources[0]["date"] == "2025-07-17"
    assert draft.sources[0]["url"] == "https://news.example.org/israel-strikes-syria"
    assert {(r.source, r.kind, r.target) for r in draft.relations} == {
        ("israel", "airstrike", "syria"),
        ("syrian-government", "criticism", "israel"),
        ("syrian-government", "part-of", "syria"),  # "The Syrian government": the name says whose it is
    }
    assert all(e["quote"] in article.text for r in draft.relations for e in r.evidence)


def test_a_page_without_an_article_is_an_error_naming_it(tmp_path):
    page = tmp_path / "empty.html"
    page.write_text("<html><head><title>Nothing</title></head><body></body></html>", encoding="utf-8")
    with pytest.raises(stakeholders.DataError, match=r"empty\.html: no article text found in the page"):
        read_article(page)


def test_plain_text_gives_its_first_line_as_title_and_a_date_line_as_date(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("Israel and Syria\ndate 2025-07-17\n\nIsrael struck Syria.\n", encoding="utf-8")
    draft = extract_draft([path], DATA)
    assert {k: draft.sources[0][k] for k in ("id", "title", "date")} == {"id": "2025-07-17-israel-and-syria", "title": "Israel and Syria", "date": "2025-07-17"}
    assert draft.relations[0].evidence[0]["locator"] == "paragraph 1, sentence 1"


@pytest.mark.parametrize(
    ("text", "title", "date"),
    [
        ("Talks resume\nPublished: 17 July 2025\n\nIsrael struck Syria.", "Talks resume", "2025-07-17"),
        ("date 2025-07\nIsrael struck Syria.", None, "2025-07"),
        ("Israel struck Syria.\nSyria condemned Israel.", None, None),
    ],
)
def test_title_and_date_lines(text, title, date):
    shape = layout(Article(text))
    assert (shape.title, None if shape.date is None else str(shape.date)) == (title, date)
    assert [text[s:e] for s, e in shape.paragraphs][-1] in ("Israel struck Syria.", "Syria condemned Israel.")


def test_markdown_is_read_without_its_markup_and_quoted_verbatim(tmp_path):
    path = tmp_path / "post.md"
    text = "# Strikes\n\n**Israel** struck [Syria](https://example.org/syria) on Tuesday.\n"
    path.write_text(text, encoding="utf-8")
    draft = extract_draft([path], DATA)
    assert [(r.source, r.target) for r in draft.relations] == [("israel", "syria")]
    assert draft.relations[0].evidence[0]["quote"] == "**Israel** struck [Syria](https://example.org/syria) on Tuesday."


def test_title_date_and_url_options_describe_one_article():
    draft = extract_draft([Article("Israel struck Syria.")], DATA, title="Strikes", date="2025-07", url="https://example.org/a")
    assert {k: draft.sources[0][k] for k in ("title", "date", "url")} == {"title": "Strikes", "date": "2025-07", "url": "https://example.org/a"}
    with pytest.raises(stakeholders.UsageError, match="describes one article"):
        extract_draft([Article("a"), Article("b")], DATA, title="Two")
    with pytest.raises(stakeholders.InvalidDateError, match="date: not a date"):
        extract_draft([Article("a")], DATA, date="July")


def test_an_article_the_dataset_already_cites_is_cited_not_added(syria):
    draft = extract_draft([ARTICLE], syria)
    assert draft.sources == []
    assert draft.cited == [("article-2025-05", "same title")]
    assert {e["source"] for r in draft.relations for e in r.evidence} == {"article-2025-05"}


def test_patterns_add_and_replace_kinds(tmp_path):
    patterns = tmp_path / "cues.yaml"
    patterns.write_text("kinds:\n  attack:\n    confidence: 0.9\n    patterns: [hit]\ncameo: false\n", encoding="utf-8")
    draft = extract_draft([Article("Russia hit Ukraine. Russia attacked Ukraine.")], DATA, patterns=patterns)
    assert [(r.kind, r.confidence, len(r.evidence)) for r in draft.relations] == [("attack", 0.9, 1)]
    patterns.write_text("kinds:\n  raid:\n    patterns: [raid]\n", encoding="utf-8")
    with pytest.raises(stakeholders.DataError, match=r'cues\.yaml: unknown relation kind "raid"'):
        extract_draft([Article("x")], DATA, patterns=patterns)


def test_the_gazetteer_proposes_only_known_actor_types():
    assert {body.type for body in gazetteer().bodies} <= {"intergovernmental-org", "ngo", "community", "armed-group"}


def test_without_spacy_the_error_says_what_to_install(monkeypatch):
    pipeline.cache_clear()
    monkeypatch.setitem(sys.modules, "spacy", None)
    try:
        with pytest.raises(stakeholders.UsageError, match=r"^extracting from articles needs spacy, which is not installed: pip install 'stakeholders\[extract\]'$"):
            draft_of("Israel struck Syria.")
    finally:
        pipeline.cache_clear()


# The draft file and the command


def test_the_draft_file_is_commented_yaml_tagged_draft(tmp_path):
    draft = draft_of("Russia reportedly attacked Ukraine, Turkey said.")
    path = write_draft(draft, tmp_path / "draft.yaml")
    text = path.read_text(encoding="utf-8")
    assert "  # russia -> ukraine: found by attack\n" in text
    assert '  # hedged (reportedly)' in text
    data = yaml.safe_load(text)
    assert data["relations"][0]["tags"] == ["draft"]
    assert data["relations"][0]["id"] == "draft:russia--attack--ukraine"
    with pytest.raises(stakeholders.UsageError, match="exists; use --force"):
        write_draft(draft, path)


def test_extract_command_drafts_the_seed_article_and_the_draft_merges_with_the_dataset(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    draft = tmp_path / "draft.yaml"
    result = runner.invoke(cli, ["extract", str(ARTICLE.relative_to(ROOT)), "--data", "data/", "-o", str(draft)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Wrote {draft}: 0 new sources, 0 new actors, ")
    merged = tmp_path / "merged"
    shutil.copytree(ROOT / "data", merged)
    shutil.copy(draft, merged / "draft.yaml")
    loaded = stakeholders.load(merged)
    drafted = [r for r in loaded.relations if "draft" in r.tags]
    assert len(drafted) >= 20
    text = ARTICLE.read_text(encoding="utf-8")
    for relation in drafted:
        for evidence in relation.evidence:
            assert evidence.quote in text
            # A whole sentence, or the headline (its title line), read at a lower confidence.
            assert evidence.quote.endswith((".", '"')) or (evidence.locator == "headline" and evidence.quote == text.splitlines()[0]), evidence.quote
    assert {(r.source, r.kind, r.target) for r in drafted} >= {("israel", "airstrike", "syria"), ("hts", "ousted", "assad"), ("eu", "sanctions-relief", "syria")}


def test_extract_command_explains_each_sentence(runner, tmp_path):
    result = runner.invoke(cli, ["extract", str(ARTICLE), "--data", str(ROOT / "data"), "-o", str(tmp_path / "d.yaml"), "--explain"])
    assert result.exit_code == 0, result.output
    assert 'article-2025-05, paragraph 4, sentence 1: "Israel conducted several airstrikes across Syria last week' in result.output
    assert '  airstrike "airstrikes" (pattern "airstrike"): israel -> syria, confidence 0.8' in result.output
    assert '  attack "attacked" (pattern "attack"): pro-government-factions -> druze, confidence 0.42, hedged by "reportedly"' in result.output
    assert '  pledge "pledged" (pattern "pledge"): dropped, no actor in its clause' in result.output


def test_extract_command_reads_standard_input_and_prints_json(runner, tmp_path):
    result = runner.invoke(cli, ["extract", "-", "--data", str(ROOT / "data"), "-o", str(tmp_path / "d.yaml"), "--format", "json"], input="Israel struck Lebanon.\n")
    assert result.exit_code == 0, result.output
    assert '"new_actors": 1' in result.output and '"relations": 1' in result.output


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["nope.txt", "-o", "d.yaml"], 1, "Error: nope.txt: cannot read: No such file or directory\n"),
        (["a.txt", "-o", "d.json"], 2, "Error: d.json: the draft is written as YAML; give a .yaml file\n"),
        (["a.txt", "-o", "exists.yaml"], 2, "Error: exists.yaml exists; use --force to replace it\n"),
        (["-", "-", "-o", "d.yaml"], 2, "Error: standard input (-) can be read once\n"),
        (["a.txt", "-o", "d.yaml", "--date", "soon"], 2, "Error: date: not a date: expected YYYY, YYYY-MM or YYYY-MM-DD, got 'soon'\n"),
    ],
)
def test_extract_command_errors(runner, tmp_path, monkeypatch, args, code, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("Israel struck Syria.\n", encoding="utf-8")
    (tmp_path / "exists.yaml").write_text("", encoding="utf-8")
    result = runner.invoke(cli, ["extract", *args])
    assert (result.exit_code, result.output) == (code, message)


def test_extract_help_gives_examples(runner):
    # That it loads neither spaCy nor pydantic: test_layers checks every help screen.
    result = runner.invoke(cli, ["extract", "--help"])
    assert result.exit_code == 0
    assert "stakeholders extract article.txt -o draft.yaml" in result.output
