import pytest

import stakeholders
from stakeholders import Actor, AmbiguousActorError, NameIndex, UnknownActorError, normalize

from .shared_cases import NAMES


def test_normalize_folds_case_accents_and_punctuation():
    assert normalize("  Ahmed AL-Sharaá ") == "ahmed al sharaa"
    assert normalize("Assad's regime") == "assad s regime"
    assert normalize("أحمد الشرع") == "احمد الشرع"  # Arabic: the hamza seat is a combining mark


@pytest.fixture
def index():
    return NameIndex(
        [
            Actor(id="al-sharaa", name="Ahmed al-Sharaa", type="person", aliases=["President al-Sharaa"]),
            Actor(id="assad", name="Bashar al-Assad", type="person", aliases=["Assad", "the president"]),
            Actor(id="assad-regime", name="Assad regime", type="government", aliases=["the president"]),
        ]
    )


@pytest.mark.parametrize(
    ("name", "actor"),
    [
        ("al-sharaa", "al-sharaa"),
        ("AL SHARAA", "al-sharaa"),
        ("ahmed al-sharaá", "al-sharaa"),
        ("President Al-Sharaa", "al-sharaa"),
        ("assad", "assad"),  # an id wins over another actor's alias
        ("ASSAD REGIME", "assad-regime"),
    ],
)
def test_resolve(index, name, actor):
    assert index.resolve(name) == actor


def test_ambiguous_names_list_the_candidates(index):
    with pytest.raises(AmbiguousActorError) as info:
        index.resolve("The President")
    assert info.value.candidates == ["assad", "assad-regime"]
    assert str(info.value) == '"The President" is ambiguous: it names "assad" (Bashar al-Assad) and "assad-regime" (Assad regime); use an id or a fuller name'


def test_unknown_names_suggest_close_ones(index):
    with pytest.raises(UnknownActorError) as info:
        index.resolve("al-sharra")
    assert info.value.suggestions == ["al-sharaa"]
    assert str(info.value) == 'unknown actor "al-sharra"; did you mean "al-sharaa" (Ahmed al-Sharaa)?'
    with pytest.raises(UnknownActorError) as info:
        index.resolve("qqqq")
    assert str(info.value) == 'unknown actor "qqqq"'


@pytest.mark.parametrize(("query", "expected"), NAMES, ids=[q for q, _ in NAMES])
def test_the_table_of_names(syria, query, expected):
    index = NameIndex(syria.actors)
    if isinstance(expected, str):
        assert index.resolve(query) == expected
    elif isinstance(expected, list):
        with pytest.raises(AmbiguousActorError) as caught:
            index.resolve(query)
        assert caught.value.candidates == expected
    else:
        with pytest.raises(UnknownActorError):
            index.resolve(query)


@pytest.mark.parametrize(
    ("query", "suggested"),
    [
        ("sharra", "al-sharaa"),
        ("al-sharra", "al-sharaa"),
        ("isreal", "israel"),
        ("druse", "druze"),
        ("hayat tahrir al shem", "hts"),
    ],
)
def test_a_misspelt_name_suggests_the_actor_first(syria, query, suggested):
    with pytest.raises(UnknownActorError) as caught:
        NameIndex(syria.actors).resolve(query)
    assert caught.value.suggestions[0] == suggested


def test_data_files_never_complete_a_name(write):
    path = write(
        "map.yaml",
        """
        actors:
          - {id: al-sharaa, name: Ahmed al-Sharaa, type: person}
          - {id: syria, name: Syria, type: state}
        relations:
          - {source: sharaa, target: syria, kind: visit}
        """,
    )
    with pytest.raises(stakeholders.ValidationError) as caught:
        stakeholders.load(path)
    assert str(caught.value) == f'{path}:5:14: relations[0].source: unknown actor "sharaa"; did you mean "al-sharaa" (Ahmed al-Sharaa)?'
