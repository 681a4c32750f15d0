"""Cases the Python rules and the map's script must answer alike (run in Python and in Chromium)."""

# Name folding: text -> folded (stakeholders.names.normalize, ``fold`` in the map's script).
FOLDING = {
    "Ahmed al-Sharaa": "ahmed al sharaa",
    "AHMED  AL SHARAA": "ahmed al sharaa",
    "Sharaá": "sharaa",
    "Straße": "strasse",
    "ΟΔΥΣΣΕΥΣ": "οδυσσευσ",
    "أحمد الشرع": "احمد الشرع",
    "הַדְּרוּזִים": "הדרוזים",
    "Hay'at Tahrir al-Sham": "hay at tahrir al sham",
    "U.S.": "u s",
    "a_b": "a b",
    "Zoë+Co": "zoe co",
    "١٢٣ test": "١٢٣ test",
    "İstanbul": "istanbul",
    "naïve—café": "naive cafe",
    "ﬁnance": "finance",
    "x\u200by": "x y",
    "किताब": "कतब",
    "€5 £ ©": "5",
}

# URLs -> whether they may become links (stakeholders.model.is_url, ``safeLink`` in the map's script).
URLS = {
    "https://example.org/a?b=c": True,
    "HTTP://EXAMPLE.ORG": True,
    "javascript:alert(1)": False,
    "data:text/html,<script>alert(1)</script>": False,
    'https://example.org/"onmouseover="alert(1)': False,
    "https://example.org/a b": False,
    "ftp://example.org": False,
}

# Actor names on the Syria map -> the actor id they resolve to, the ids they are ambiguous
# between (a list, best first), or None (no actor). stakeholders.names.NameIndex and the
# map's search (findActor in the map's script) must agree on every one.
NAMES = [
    ("al-sharaa", "al-sharaa"),  # an id
    ("AL-SHARAA", "al-sharaa"),  # an id, up to case
    ("Ahmed al-Sharaa", "al-sharaa"),  # a name
    ("ahmed AL SHARAA", "al-sharaa"),
    ("Sharaá", "al-sharaa"),  # accents do not matter
    ("sharaa", "al-sharaa"),  # a whole word; it covers more of "al-Sharaa" than of "al-Sharaa's administration"
    ("jolani", "al-sharaa"),  # a word of the alias Abu Mohammad al-Jolani
    ("abu mohammad", "al-sharaa"),
    ("أحمد الشرع", "al-sharaa"),  # an Arabic alias
    ("الشرع", "al-sharaa"),  # a word of it
    ("ahmed", "al-sharaa"),
    ("America", "united-states"),  # a word of "United States of America"
    ("U.S.", "united-states"),
    ("us", "united-states"),
    ("United States", "united-states"),
    ("hayat tahrir", "hts"),  # a run of words
    ("HTS", "hts"),
    ("هيئة تحرير الشام", "hts"),
    ("assad", "assad"),  # an alias of Bashar al-Assad, before any word of "Assad regime"
    ("bashar", "assad"),
    ("بشار الأسد", "assad"),
    ("assad regime", "assad-regime"),
    ("regime", "assad-regime"),
    ("the Druze", "druze"),
    ("druz", "druze"),  # the start of a word: "Druze" is covered whole
    ("الدروز", "druze"),
    ("druze fighters", "druze-fighters"),
    ("fighters", "druze-fighters"),
    ("alawite", "alawites"),
    ("ישראל", "israel"),  # a Hebrew alias
    ("israeli", "israel"),
    ("paris", "france"),
    ("french", "france"),
    ("Britain", "united-kingdom"),
    ("EU", "eu"),
    ("trump", "trump-administration"),
    ("forces", "syrian-government-forces"),
    ("syrian gov", "syrian-government"),  # the start of a run of words
    ("pro gov", "pro-government-factions"),
    ("media", "syrian-state-media"),
    ("mediator", "mediators"),
    ("government", ["israel", "syrian-government", "syrian-government-forces", "united-kingdom", "pro-government-factions"]),
    ("united", ["united-kingdom", "united-states"]),
    ("syrian", ["al-sharaa", "christians", "syrian-government", "syria", "syrian-government-forces", "syrian-state-media"]),
    ("sharra", None),  # a misspelling: suggestions, not a guess
    ("al-sharra", None),
    ("isreal", None),
    ("xyz", None),
]
