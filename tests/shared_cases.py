"""Cases the Python rules and the map's script must answer alike (run in Python and in Chromium)."""

# Name folding: text -> folded (stakeholders.names.normalize, ``fold`` in map.js).
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

# URLs -> whether they may become links (stakeholders.model.is_url, ``safeLink`` in map.js).
URLS = {
    "https://example.org/a?b=c": True,
    "HTTP://EXAMPLE.ORG": True,
    "javascript:alert(1)": False,
    "data:text/html,<script>alert(1)</script>": False,
    'https://example.org/"onmouseover="alert(1)': False,
    "https://example.org/a b": False,
    "ftp://example.org": False,
}
