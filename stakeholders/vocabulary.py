"""The default relation kinds.

Polarity: +1 cooperative, -1 hostile, 0 neutral or structural. CAMEO codes and
Goldstein values (-10 conflict .. +10 cooperation) follow the CAMEO Goldstein
table used by GDELT; PLOVER types follow the PLOVER 2.0 manual, so a map can be
set beside event data (GDELT, ICEWS, POLECAT). Where CAMEO has no code the
field is empty and the description says which code comes closest.

Colours come in families, one hue range per polarity, so a kind a dataset adds
without a colour still gets one that reads right (see ``kind_color``).
"""

from __future__ import annotations

from collections.abc import Iterable

from .model import RelationKind
from .names import suggestion

#: Colour per polarity, used for edges and for kinds that give no colour.
# Blue and red: apart under every colour-vision deficiency (CIE76 colour difference over 79 under simulated
# deuteranopia, protanopia and tritanopia; green and red fell to 16), each over 5:1 against white.
POLARITY_COLORS: dict[int, str] = {1: "#1565c0", -1: "#c62828", 0: "#757575"}


def _kind(
    id: str,
    polarity: int,
    directed: bool,
    cameo: str | None,
    goldstein: float | None,
    plover: str | None,
    family: str,
    color: str,
    description: str,
    aligns: bool = False,
) -> RelationKind:
    return RelationKind(
        id=id,
        label=id.replace("-", " "),
        polarity=polarity,
        directed=directed,
        cameo=cameo,
        goldstein=goldstein,
        plover=plover,
        family=family,
        color=color,
        description=description,
        aligns=aligns,
    )


_DEFAULTS = [
    # Cooperative: blues for diplomacy, teals for material help (greens fell next to the hostile reds for a
    # colour-blind reader, as the polarity colours did).
    _kind("negotiation", 1, False, "046", 7.0, "CONSULT", "diplomatic", "#1565c0", "Engage in negotiation (CAMEO 046)."),
    _kind("mediation", 1, True, "045", 5.0, "CONSULT", "diplomatic", "#1e88e5", "Mediate between parties (CAMEO 045; PLOVER CONSULT, third party)."),
    _kind("visit", 1, True, "042", 1.9, "CONSULT", "diplomatic", "#42a5f5", "Make a visit (CAMEO 042; PLOVER CONSULT, visit)."),
    _kind("hosts-visit", 1, True, "043", 2.8, "CONSULT", "diplomatic", "#64b5f6", "Host a visit (CAMEO 043; PLOVER CONSULT, visit)."),
    _kind("recognition", 1, True, "054", 6.0, "SUPPORT", "diplomatic", "#0d47a1", "Grant diplomatic recognition (CAMEO 054)."),
    _kind("sanctions-relief", 1, True, "085", 7.0, "RETREAT", "economic", "#00897b", "Ease economic sanctions, boycott or embargo (CAMEO 085; PLOVER RETREAT/CONCEDE)."),
    _kind("protection", 1, True, "0334", 6.0, "SUPPORT", "military", "#00695c", "Express intent to provide military protection (CAMEO 0334, +6.0); 074 when provided (+8.5)."),
    _kind("support", 1, True, "050", 3.5, "SUPPORT", "diplomatic", "#1976d2", "Engage in diplomatic cooperation (CAMEO 05x, +3.5 to +6.0)."),
    _kind("alliance", 1, False, "060", 6.0, "COOPERATE", "military", "#004d40", "Engage in material cooperation (CAMEO 06x)."),
    _kind("aid", 1, True, "070", 7.0, "AID", "economic", "#26a69a", "Provide aid (CAMEO 07x)."),
    _kind("pledge", 1, True, "030", 4.0, "AGREE", "verbal", "#90caf9", "Express intent to cooperate (CAMEO 030)."),
    _kind("agreement", 1, False, "057", 8.0, "AGREE", "diplomatic", "#1565c0", "Sign a formal agreement (CAMEO 057; PLOVER AGREE)."),
    _kind("ceasefire", 1, False, "0871", 9.0, "RETREAT", "military", "#00796b", "Declare a truce or ceasefire (CAMEO 0871; PLOVER RETREAT, ceasefire)."),
    _kind("withdrawal", 1, True, "0874", 10.0, "RETREAT", "military", "#4db6ac", "Withdraw or retreat militarily from the other's ground (CAMEO 0874; PLOVER RETREAT)."),
    # Hostile: reds for force, oranges and browns for pressure and words.
    _kind("sanctions", -1, True, "163", -8.0, "SANCTION", "economic", "#e65100", "Impose embargo, boycott or sanctions (CAMEO 163)."),
    _kind("terrorist-designation", -1, True, None, -2.0, "ACCUSE", "legal", "#8d6e63", "Designate as a terrorist organisation; no CAMEO code (PETRARCH codes branding as 1123 accuse, -2.0)."),
    _kind("non-recognition", -1, True, None, -4.0, "REJECT", "diplomatic", "#a1887f", "Withhold recognition, a standing state; no CAMEO code (closest 1232 refuse)."),
    _kind("airstrike", -1, True, "195", -10.0, "ASSAULT", "military", "#b71c1c", "Employ aerial weapons (CAMEO 195; PLOVER ASSAULT, aerial)."),
    _kind("armed-clash", -1, False, "190", -10.0, "ASSAULT", "military", "#c62828", "Use conventional military force (CAMEO 190; 193 small arms)."),
    _kind("attack", -1, True, "180", -9.0, "ASSAULT", "military", "#d32f2f", "Attack (CAMEO 18x unconventional violence, -9.0; 190 conventional force, -10.0)."),
    _kind("mass-killing", -1, True, "202", -10.0, "ASSAULT", "military", "#7f0000", "Engage in mass killings (CAMEO 202)."),
    _kind("ousted", -1, True, "190", -10.0, "ASSAULT", "military", "#880e4f", "Remove from power by force (CAMEO 190)."),
    _kind("hostility", -1, False, None, -5.0, None, "verbal", "#ef5350", "Generic conflict between two actors."),
    _kind("distrust", -1, True, None, -2.0, "ACCUSE", "verbal", "#ff8a65", "Generic verbal conflict, such as fear of persecution."),
    _kind("criticism", -1, True, "111", -2.0, "ACCUSE", "verbal", "#ffab91", "Criticise or denounce, condemn (CAMEO 111; PLOVER ACCUSE)."),
    _kind("accusation", -1, True, "112", -2.0, "ACCUSE", "verbal", "#ff7043", "Accuse, blame (CAMEO 112; PLOVER ACCUSE)."),
    _kind("demand", -1, True, "100", -5.0, "REQUEST", "verbal", "#ffa726", "Demand (CAMEO 100; PLOVER REQUEST, as a demand)."),
    _kind("rejection", -1, True, "120", -4.0, "REJECT", "verbal", "#bcaaa4", "Reject a proposal, demand or plan (CAMEO 120; PLOVER REJECT)."),
    _kind("threat", -1, True, "130", -4.4, "THREATEN", "verbal", "#f4511e", "Threaten (CAMEO 130; PLOVER THREATEN)."),
    _kind("protest", -1, True, "140", -6.5, "PROTEST", "verbal", "#fb8c00", "Protest against, demonstrate (CAMEO 140; PLOVER PROTEST)."),
    _kind("arrest", -1, True, "173", -5.0, "COERCE", "legal", "#6d4c41", "Arrest or detain, charge (CAMEO 173; PLOVER COERCE, arrest)."),
    _kind("kidnapping", -1, True, "181", -9.0, "ASSAULT", "military", "#ad1457", "Abduct, hijack or take hostage (CAMEO 181; PLOVER ASSAULT, abduct)."),
    _kind("occupation", -1, True, "192", -9.5, "COERCE", "military", "#b71c1c", "Occupy the other's territory (CAMEO 192; PLOVER COERCE, seize)."),
    # Structural: greys; not events, and neutral in friend/enemy analysis.
    _kind("leads", 0, True, None, 0.0, None, "structural", "#546e7a", "Leads or heads the other actor (structural, not an event).", aligns=True),
    _kind("member-of", 0, True, None, 0.0, None, "structural", "#78909c", "Is a member of the other actor (structural).", aligns=True),
    _kind("part-of", 0, True, None, 0.0, None, "structural", "#90a4ae", "Is part of the other actor (structural).", aligns=True),
    _kind("formerly-led", 0, True, None, 0.0, None, "structural", "#b0bec5", "Led the other actor in the past; give the end date (structural)."),
]

#: The default relation kinds by id, in the order of the design table.
DEFAULT_KINDS: dict[str, RelationKind] = {kind.id: kind for kind in _DEFAULTS}


def unknown_kind(kind: str, known: Iterable[str], otherwise: str = "") -> str:
    """The message for a relation kind that is neither in the vocabulary nor among the dataset's own."""
    return f'unknown relation kind "{kind}"' + suggestion(kind, known, otherwise, listing="closest known kinds")


def kind_color(kind: RelationKind) -> str:
    """The kind's own colour, or its polarity's colour when it gives none."""
    return kind.color or POLARITY_COLORS[kind.polarity]
