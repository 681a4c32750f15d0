"""Reading statements of a new situation (issue 29): who "we", "both sides" and "the Secretary" are, what a sentence
only threatens, intends or asks for, third parties' talks, names that the text defines, and the CAMEO verbs."""

from __future__ import annotations

from importlib.resources import files

import pytest

import stakeholders
from stakeholders.extract import Article, extract_draft
from stakeholders.extract.cameo import build, kind_of, patterns, synonyms
from stakeholders.extract.discovery import defined

from .test_extract import draft_of, found

pytest.importorskip("spacy")

EMPTY = None  # no dataset: a user starting on a new situation


def _status(text: str) -> dict[tuple[str, str, str], str | None]:
    return {(r.source, r.kind, r.target): r.record().get("status") for r in draft_of(text, EMPTY).relations}


# Names the texts define


def test_a_long_form_defined_with_its_acronym_names_a_party_in_every_article():
    assert list(defined(["The Sudanese Armed Forces (SAF) and the Rapid Support Forces (RSF) agreed.", "the African Union Peace and Security Council (PSC)"])) == [
        ("Sudanese Armed Forces", "SAF"),
        ("Rapid Support Forces", "RSF"),
        ("Peace and Security Council", "PSC"),  # the acronym spells the last words
    ]
    # A document is no party, and an acronym that does not spell the words defines nothing.
    assert list(defined(["the Cessation of Hostilities Agreement (COHA)", "the United Nations Mission (XYZ)"])) == []
    # The first article names the forces without the acronym; the second defines it: both read the same party, not
    # Sudan's own forces.
    draft = extract_draft(
        [Article("The Sudanese Armed Forces attacked Chad.", title="one"), Article("The Sudanese Armed Forces (SAF) attacked Egypt.", title="two")], None
    )
    assert {(r.source, r.target) for r in draft.relations if r.kind == "attack"} == {("sudanese-armed-forces", "chad"), ("sudanese-armed-forces", "egypt")}
    assert next(a for a in draft.actors if a.id == "sudanese-armed-forces").aliases == ("SAF",)


def test_acronyms_in_a_list_of_parties_and_a_people_named_by_its_members():
    relations = found("Kenya condemned abuses committed by armed groups, particularly the M23, ISIS-DRC, CODECO, and FDLR.", EMPTY)
    assert relations == {("kenya", "criticism", target) for target in ("m23", "isis-drc", "codeco", "fdlr")}
    assert found("The United States condemned the Houthis. Houthi forces attacked Saudi Arabia.", EMPTY) >= {
        ("united-states", "criticism", "houthis"),
        ("houthis", "attack", "saudi-arabia"),
    }


def test_formal_state_names_and_people_are_not_their_state():
    assert found("The Kingdom of Saudi Arabia and the Republic of Yemen agreed to a truce.", EMPTY) == {("saudi-arabia", "ceasefire", "yemen")}
    # "millions of Sudanese" are people, "the Civilians of Sudan" part of a name: neither is Sudan.
    assert found("Chad attacked Egypt and the millions of Sudanese who fled.", EMPTY) == {("chad", "attack", "egypt")}
    assert found("Chad and Egypt signed an agreement to protect the Civilians of Sudan.", EMPTY) == {("chad", "agreement", "egypt")}


# Who the words stand for


def test_both_sides_and_the_parties_are_the_last_two_named_together():
    relations = found("Ethiopia and Eritrea agreed to a truce. Kenya urged both sides to respect it.", EMPTY)
    assert relations == {("eritrea", "ceasefire", "ethiopia"), ("kenya", "demand", "ethiopia"), ("kenya", "demand", "eritrea")}
    # "them both": the two named before, in the same sentence.
    assert found("Kenya spoke with Egypt and Chad, and urged them both to stop.", EMPTY) >= {("kenya", "demand", "egypt"), ("kenya", "demand", "chad")}
    # "their two countries": the last two states.
    assert found("Armenia-Azerbaijan talks resumed. The war between their two countries ended.", EMPTY) >= {("armenia", "armed-clash", "azerbaijan")}


def test_we_is_the_voice_of_a_statement_and_he_the_person_it_is_about():
    text = "The United States condemned the attack. We call on Iran to stop."
    assert ("united-states", "demand", "iran") in found(text, EMPTY)
    text = "Secretary of State Antony J. Blinken spoke with Egypt. The Secretary urged Chad to stop. He condemned Libya."
    relations = found(text, EMPTY)
    assert {("antony-j-blinken", "demand", "chad"), ("antony-j-blinken", "criticism", "libya")} <= relations


# What a sentence only threatens, intends or asks for


def test_a_threat_an_intent_and_a_demand_are_not_the_act():
    assert found("Iran threatened to attack Israel.", EMPTY) == {("iran", "threat", "israel")}
    assert _status("Syria and Turkey will sign a deal.") == {("syria", "agreement", "turkey"): "announced"}
    assert _status("Syria and Turkey signed a deal.") == {("syria", "agreement", "turkey"): None}
    # Asked to withdraw is no withdrawal; asked to stop supporting M23 says that Rwanda supports it.
    relations = found("Kenya called on Rwanda to withdraw its troops from Uganda and to cease support for the M23 armed group.", EMPTY)
    # "its troops" are Rwanda's, its government's in a new situation.
    assert relations == {("kenya", "demand", "rwanda"), ("government-of-rwanda", "support", "m23")}


# Third parties


def test_a_third_party_s_talks_are_between_the_parties():
    relations = found("Ethiopia and Eritrea agreed to a truce. We commend South Africa for hosting the talks.", EMPTY)
    assert {("south-africa", "hosts-visit", "ethiopia"), ("south-africa", "hosts-visit", "eritrea")} <= relations
    relations = found("Ethiopia and Eritrea agreed to a truce. The work done under the auspices of the African Union was critical.", EMPTY)
    assert {("african-union", "mediation", "ethiopia"), ("african-union", "mediation", "eritrea")} <= relations
    # Without a word for talks, "hosted" names its own guests: no parties are read into it.
    assert ("egypt", "hosts-visit", "ethiopia") not in found("Ethiopia and Eritrea agreed to a truce. Egypt hosted a football match.", EMPTY)


# The CAMEO verbs


def test_the_cameo_dictionary_is_read_into_verb_patterns_with_their_kinds():
    sample = "\n".join(
        [
            "####### SYNONYM SETS #######",
            "&CEASEFIRE",
            "+TRUCE",
            "+CEASE-FIRE",
            "####### VERB PATTERNS #######",
            "---  AGREE   [050]  ---",
            "AGREE ",
            "- * (TO &CEASEFIRE)                                   [0356]        # AGREE",
            "- * NOT EXTEND DEADLINE                               [030]         # AGREE",
            "- * (ON IMPORTANCE)                                   [019]         # AGREE",
            "---  BARGAIN   [050]  ---",
            "BARGAIN ",
            "BROKER [045] ",
            "- * &CEASEFIRE                                        [045]         # BROKER",
        ]
    )
    assert list(build(sample)) == [
        ("agree", "", "050", "support"),
        ("agree", "to &ceasefire", "0356", "pledge"),  # "NOT" is our negation's; 019 names no relation
        ("bargain", "", "050", "support"),
        ("broker", "", "045", "mediation"),
        ("broker", "&ceasefire", "045", "mediation"),  # only the verb its comment names
        ("&ceasefire", "truce", "", ""),
        ("&ceasefire", "cease-fire", "", ""),
    ]
    assert (kind_of("0871"), kind_of("087"), kind_of("112"), kind_of("1125"), kind_of("195"), kind_of("019")) == (
        "ceasefire",
        None,
        "accusation",
        "accusation",
        "airstrike",
        None,
    )


def test_the_shipped_verb_patterns_are_many_known_and_licensed():
    shipped = patterns()
    count = sum(len(p) for p in shipped.values())
    assert count >= 1500
    kinds = {p.kind for ps in shipped.values() for p in ps}
    assert kinds <= set(stakeholders.Dataset().kinds_by_id)
    assert "ceasefire" in kinds and "airstrike" in kinds and "mediation" in kinds
    assert "truce" in synonyms()["&ceasefire"]
    head = (files("stakeholders.extract") / "cameo-verbs.tsv").read_text(encoding="utf-8")[:1200]
    assert "The MIT License (MIT). Copyright (c) 2015 Open Event Data Alliance" in head


def test_a_verb_only_the_dictionary_knows_gives_a_relation_and_says_where_it_came_from(tmp_path):
    draft = draft_of("France chided Italy.", EMPTY)
    assert [(r.source, r.kind, r.target, r.rules) for r in draft.relations] == [("france", "criticism", "italy", ["chide (CAMEO 111)"])]
    # A patterns file may turn the dictionary off.
    patterns_file = tmp_path / "cues.yaml"
    patterns_file.write_text("cameo: false\n", encoding="utf-8")
    assert extract_draft([Article("France chided Italy.")], None, patterns=patterns_file).relations == []
    patterns_file.write_text("cameo: maybe\n", encoding="utf-8")
    with pytest.raises(stakeholders.DataError, match=r"cues\.yaml: cameo must be true or false, got 'maybe'$"):
        extract_draft([Article("x")], None, patterns=patterns_file)


def test_light_verbs_and_adjectives_are_no_cues():
    # "take", "armed" before a noun, "a press conference": nothing the dictionary says alone.
    assert found("Egypt will take part. Armed groups met Chad at a press conference in Libya.", EMPTY) <= {("armed-groups", "negotiation", "chad")}


def test_opposition_or_rebel_forces_are_a_party_of_their_own():
    relations = found("The South Sudanese opposition forces attacked the South Sudanese army. Rebel forces attacked Chad.", EMPTY)
    # The army is the government's in a new situation; the opposition's forces are their own.
    assert relations == {("south-sudanese-opposition-forces", "attack", "government-of-south-sudan"), ("rebel-forces", "attack", "chad")}


def test_a_short_text_reads_a_role_noun_against_its_own_sentence_first():
    # In a short text, a role noun is the state its own sentence names most, unless that state is the other end: "the
    # government" condemning Somalia is not Somalia's; the text's main state (Kenya, named most) is read instead.
    text = "Kenya hosted Uganda. Kenya met Chad. Kenya thanked Egypt. The government condemned Somalia."
    assert ("government-of-kenya", "criticism", "somalia") in found(text, EMPTY)
