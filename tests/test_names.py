import pytest

from stakeholders import Actor, AmbiguousActorError, NameIndex, UnknownActorError, normalize


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
    assert str(info.value) == '"The President" is ambiguous: it names "assad" (Bashar al-Assad) and "assad-regime" (Assad regime); use an id'


def test_unknown_names_suggest_close_ones(index):
    with pytest.raises(UnknownActorError) as info:
        index.resolve("al-shara")
    assert info.value.suggestions == ["al-sharaa"]
    assert str(info.value) == 'unknown actor "al-shara"; did you mean "al-sharaa" (Ahmed al-Sharaa)?'
    with pytest.raises(UnknownActorError) as info:
        index.resolve("qqqq")
    assert str(info.value) == 'unknown actor "qqqq"'
