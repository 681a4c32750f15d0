"""Actors no list names, found in the text itself (``extract.discovery``): a draft of a new situation, without a
dataset, has its parties."""

from __future__ import annotations

import pytest

from .test_extract import DATA, draft_of, found

pytest.importorskip("spacy")

EMPTY = None  # no dataset: a user starting on a new situation


def _actors(text: str) -> dict[str, tuple[str, str, tuple[str, ...]]]:
    return {a.id: (a.name, a.type, a.aliases) for a in draft_of(text, EMPTY).actors}


def test_a_long_form_with_its_acronym_in_brackets_is_one_actor_named_by_both():
    text = "The Rapid Support Forces (RSF) attacked Chad. Later the RSF attacked Sudan."
    assert _actors(text)["rapid-support-forces"] == ("Rapid Support Forces", "armed-group", ("RSF",))
    # The acronym alone names it from then on; the state's "forces" word inside the name does not make it Sudan's.
    assert found(text, EMPTY) == {("rapid-support-forces", "attack", "chad"), ("rapid-support-forces", "attack", "sudan")}


def test_a_name_ending_in_an_organisation_s_noun_is_an_actor_of_that_type():
    actors = _actors("The Oromo Liberation Army attacked Ethiopian forces, and the Tigray People's Liberation Front condemned Eritrea.")
    assert actors["oromo-liberation-army"][:2] == ("Oromo Liberation Army", "armed-group")
    assert actors["tigray-people-s-liberation-front"][:2] == ("Tigray People's Liberation Front", "armed-group")


def test_a_name_then_a_group_noun_is_an_actor():
    assert found("Ethiopia and Tigray rebels agreed to a truce.", EMPTY) == {("ethiopia", "ceasefire", "tigray-rebels")}
    assert found("Bedouin tribes clashed with Syria.", EMPTY) == {("bedouin-tribes", "armed-clash", "syria")}
    assert _actors("Bedouin tribes clashed with Syria.")["bedouin-tribes"][1] == "community"
    assert found("Ogaden rebels attacked Burundi.", EMPTY) == {("ogaden-rebels", "attack", "burundi")}


def test_what_is_no_party_stays_out():
    # A dateline is no party: "ADDIS ABABA" was read as Ethiopia's government.
    assert found("ADDIS ABABA, Nov 2 (Reuters) - Kenya and Uganda signed an agreement.", EMPTY) == {("kenya", "agreement", "uganda")}
    # An acronym without a long form or a group noun may name an agreement: "COHA" is no actor.
    assert "coha" not in _actors("The United States supports COHA implementation and Kenya.")
    # A common word opening a sentence names no one; a state's armed forces stay the state's.
    assert _actors("Local tribes clashed with the army.") == {}
    assert "sudanese-armed-forces" not in _actors("The Sudanese Armed Forces attacked Chad.")


def test_a_titled_person_keeps_the_particles_of_their_name():
    assert "Abdel Fattah al-Burhan" in {name for name, _, _ in _actors("General Abdel Fattah al-Burhan met Kenya's president.").values()}


def test_a_place_is_no_party_to_cooperation_and_according_to_is_no_accord():
    # "signed an accord in Moscow" made Russia a party; where force is used, the place stays its target.
    assert found("Armenia and Azerbaijan signed an accord in Moscow.", EMPTY) == {("armenia", "agreement", "azerbaijan")}
    assert found("Israel launched strikes in Syria.", EMPTY) == {("israel", "airstrike", "syria")}
    # "according to" matched the cue "accord" and drafted an agreement with the one reporting.
    assert found("Russia and Ukraine exchanged prisoners, according to Turkey.", EMPTY) == set()
    assert found("Armenia signed an accord with Azerbaijan.", EMPTY) == {("armenia", "agreement", "azerbaijan")}


def test_the_headline_is_read_at_a_lower_confidence():
    # A report often states its main fact in its headline ("US-brokered"), which was not read.
    draft = draft_of("US-brokered truce between Kenya and Uganda holds\n\nThe talks went on.", EMPTY)
    read = {(r.source, r.kind, r.target): (r.confidence, r.evidence[0]["locator"]) for r in draft.relations}
    assert read == {
        ("united-states", "mediation", "kenya"): (0.49, "headline"),
        ("united-states", "mediation", "uganda"): (0.49, "headline"),
        ("kenya", "ceasefire", "uganda"): (0.56, "headline"),
    }
    # In title case every word is capitalised: no name is read from capitals there.
    titled = draft_of("Rebels Attack Government Forces Near The Capital\n\nNothing else happened.", EMPTY)
    assert titled.actors == [] and titled.relations == []


def test_without_a_dataset_a_government_the_text_names_is_proposed_apart_from_its_state():
    draft = draft_of("The Government of Ethiopia and the Tigray People's Liberation Front signed a cessation of hostilities.", EMPTY)
    actors = {a.id: (a.name, a.type, a.country, a.aliases) for a in draft.actors}
    assert actors["government-of-ethiopia"] == ("Government of Ethiopia", "government", "ETH", ("Ethiopian government",))
    assert {(r.source, r.kind, r.target) for r in draft.relations} == {
        ("government-of-ethiopia", "ceasefire", "tigray-people-s-liberation-front"),
        ("government-of-ethiopia", "part-of", "ethiopia"),
    }
    # With a dataset that has the country, its actors are used, as before.
    assert ("egypt", "ceasefire", "syrian-government") in found("The Syrian government and Egypt signed a cessation of hostilities.", DATA)
    assert "government-of-syria" not in {a.id for a in draft_of("The Syrian government and Egypt signed a cessation of hostilities.", DATA).actors}


def test_an_aside_between_subject_and_verb_is_read_across():
    # "X, led by General ..., said": the aside cut X from its verb, and the general was tied to the one state named.
    text = "The Rapid Support Forces, led by General Mohamed Hamdan Dagalo, attacked Chad."
    assert found(text, EMPTY) == {("rapid-support-forces", "attack", "chad"), ("mohamed-hamdan-dagalo", "leads", "rapid-support-forces")}
    assert found("Israel, which denies it, struck Syria.", EMPTY) == {("israel", "airstrike", "syria")}


def test_two_verbs_sharing_their_actors_give_both_relations():
    # "Israel has bombed and invaded Syrian territory": only the first verb was read, with no object.
    assert found("Israel has bombed and invaded Syria.", EMPTY) == {("israel", "airstrike", "syria"), ("israel", "attack", "syria")}


def test_a_definite_noun_names_the_relation_of_an_earlier_sentence():
    # "Syria has condemned the airstrikes": Israel's, named a sentence earlier; nothing was read.
    assert found("Israel struck Syria on Monday. Syria has condemned the airstrikes.", EMPTY) == {
        ("israel", "airstrike", "syria"), ("syria", "criticism", "israel"),
    }  # fmt: skip
    # Without such a relation before it, a condemnation of "the airstrikes" names no one.
    assert found("Kenya met Uganda. Syria has condemned the airstrikes.", EMPTY) == {("kenya", "negotiation", "uganda")}


def test_it_at_a_sentence_s_start_stands_for_the_actor_the_previous_one_began_with():
    assert found("Israel is a regional power. It struck Syria on Monday.", EMPTY) == {("israel", "airstrike", "syria")}
    assert found("Israel struck Syria. It was attacked by Iran.", EMPTY) == {("israel", "airstrike", "syria"), ("iran", "attack", "israel")}
    # Not across paragraphs, and not for a person: "he" and "she" are left alone.
    assert found("Israel is a regional power.\n\nIt struck Syria on Monday.", EMPTY) == set()
