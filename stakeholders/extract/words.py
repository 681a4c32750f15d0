"""The words the extraction rules read around a cue, and the reaches and factors they use (``rules``, ``reader``).

Lists of words rather than patterns: the blank pipeline has no tagger, so what a word
does in a clause is known from what it is. Each list says what its words mark.
"""

from __future__ import annotations

#: The confidence of a tie read from how a name is written.
TIE_CONFIDENCE = 0.6
#: A headline's relations, at this share of their confidence: headlines compress, and hedge less than the text.
HEADLINE_FACTOR = 0.7
#: How far before a cue a word of modality still counts ("threatened to launch strikes"), in tokens.
MODALITY_REACH = 4
#: Verbs that, before "to", make a hostile cue a threat.
THREATENING = frozenset({"threaten", "vow", "warn"})
#: Verbs that, before "to", say a relation is to come, not done; and the future's auxiliaries.
INTENDING = frozenset({"agree", "pledge", "promise", "plan", "intend", "prepare", "seek", "aim", "expect", "offer", "commit", "decide", "propose", "schedule"})
FUTURE = frozenset({"will", "shall", "'ll"})
#: Nouns of will whose "to" opens what they will: "a commitment to reach a ceasefire".
WILL_NOUNS = frozenset({"commitment", "pledge", "promise", "plan", "decision", "readiness", "intention", "threat", "vow", "bid", "effort"})
#: How far before a cue a negation still counts, in tokens.
NEGATION_REACH = 5
BOUNDARY_PUNCT = frozenset({";", ":", "(", ")", '"', "\u2014", "\u2013", "--", "?", "!", ","})
BOUNDARY_WORDS = frozenset({"which", "who", "whom", "whose", "that", "while", "whereas", "but", "although", "though", "because", "when", "where", "if", "unless", "however"})
RELATIVE = frozenset({"which", "who", "whom", "whose", "that"})
JOINERS = frozenset({",", "and", "or", "nor", "&"})
CONNECTORS = JOINERS | {"as", "well", "both", "either", "the"}
INCLUDING = frozenset({"including", "notably", "especially", "particularly"})
#: The last word of a document's name: "Cessation of Hostilities Agreement (COHA)" is no party.
DOCUMENTS = frozenset({"agreement", "accord", "accords", "treaty", "declaration", "communiqué", "communique", "plan", "process", "mechanism", "protocol", "resolution", "initiative", "act", "law", "charter", "convention", "memorandum", "framework", "roadmap", "summit", "conference", "fund", "programme", "program"})
DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our", "this", "these", "those"})
BE = frozenset({"be", "is", "are", "was", "were", "been", "being"})
#: Pronouns that open a sentence as its subject, standing for the actor the previous sentence began with.
PRONOUNS = frozenset({"it", "they"})
#: Words that stand for the two parties last named together: "both sides", "the parties", "urged them both".
PARTIES = (("both", "sides"), ("both", "parties"), ("the", "parties"), ("the", "two", "sides"), ("the", "two", "parties"), ("the", "two", "forces"),
            ("both", "countries"), ("the", "two", "countries"), ("their", "two", "countries"), ("both", "nations"), ("the", "two", "nations"), ("both", "belligerents"), ("the", "belligerents"), ("them", "both"), ("both", "of", "them"),
            ("both", "forces"), ("both", "governments"), ("the", "two", "governments"), ("the", "warring", "parties"), ("the", "warring", "sides"))  # fmt: skip
#: The last words of a phrase for two parties that are states ("both countries").
STATE_WORDS = frozenset({"countries", "nations", "states"})
#: What a third party does for two others: when the text names none after it, its objects are the parties ("the
#: AU-led process", "commended South Africa for hosting the talks").
THIRD_PARTY = frozenset({"mediation", "hosts-visit"})
#: Words for the parties' talks, which a third party hosts or facilitates.
TALKS = frozenset({"auspices", "talk", "talks", "negotiation", "negotiations", "process", "dialogue", "discussion", "discussions", "facilitation", "mediation", "meeting", "summit", "effort", "efforts", "step"})
#: Determiners of a noun the text has named before.
DEFINITE = frozenset({"the", "these", "those", "such"})
#: What joins two verbs that share their actors ("bombed and invaded", "condemned, and rejected").
VERB_JOINS = frozenset({"and", "or", ","})
#: Words that open an aside between a subject and its verb (", led by General X,", ", which ...,").
ASIDES = frozenset({"led", "headed", "commanded", "backed", "supported", "based", "which", "who", "chaired", "founded"})
#: Words that, before "to", report a source rather than name a relation ("according to").
REPORTING = frozenset({"according"})
#: Nouns of a third party's work whose "of" names who does it: "under the auspices of the AU", "the mediation of Qatar".
AGENT_OF = frozenset({"auspices", "mediation", "facilitation", "leadership", "good offices"})
#: Words that, after "and", open a phrase of their own rather than add to the object.
NEW_PHRASE = frozenset({"to", "with", "for", "on", "in", "at", "from", "by", "through"})
#: Kinds that say how an actor stands on what another did: a verb of these reads the cue after it as its object.
STANCES = frozenset({"criticism", "support", "rejection", "demand", "accusation", "protest"})
#: Plain verb forms that are as often nouns naming what a relation is about ("attacks and support for X").
NOUN_TOO = frozenset({"support", "aid", "attack", "fire", "strike", "fight", "trade", "cooperation", "talk", "deal", "visit", "control", "return", "release", "protest", "threat", "demand", "supply", "arm", "assistance", "help", "training", "access", "use"})
#: Words that name the other side of an undirected relation ("X and Y met with Z").
PARTNER = frozenset({"with", "against", "between", "among"})
#: Small words inside a name ("Declaration of Commitment to Protect").
NAME_JOINS = frozenset({"of", "to", "for", "the", "on"})
#: Words after which a name is a place, not a party ("strife in Syria").
LOCATIVE = frozenset({"in", "at", "across", "near", "inside", "throughout", "within", "from", "into", "outside", "around"})
