"""The figures the network analysis offers, and the sentence a reader needs for each.

Kept apart from the modules that compute them (which need networkx) so that the
command line can list the choices in ``--help`` without importing networkx.
"""

from __future__ import annotations

from ..errors import UsageError
from ..names import suggestion

#: Centrality metrics by name, with what a value means.
METRICS: dict[str, str] = {
    "degree": "how many actors it has ties with, in either direction (under a weighting, the summed weight of those ties)",
    "in-degree": "how many actors have a tie towards it: relations it receives (undirected ones count both ways)",
    "out-degree": "how many actors it has a tie towards: relations it initiates (undirected ones count both ways)",
    "betweenness": "how often it lies on the shortest route between two others (share of all pairs): the brokers",
    "closeness": "how near it is to the actors it can reach: inverse mean distance, scaled by the share of actors reached",
    "eigenvector": "how well tied it is to actors that are themselves well tied (the most central actor is 1)",
    "pagerank": "how much attention it receives from actors that themselves receive attention, following ties in their direction (sums to 1)",
}

#: How strongly a pair of actors is tied.
WEIGHTINGS: dict[str, str] = {
    "none": "every tied pair counts 1",
    "intensity": "the summed intensity (relation weight, 1 when absent) of the pair's relations",
    "goldstein": "the summed absolute Goldstein values of the pair's relations (neutral relations count 0)",
}

#: How a pair of actors gets its sign (friend or enemy) from its relations.
SIGN_RULES: dict[str, str] = {
    "latest": (
        "the pair takes the polarity of its most recent cooperative or hostile relation holding on the date asked about"
        " (by its own start date, else end date; relations without dates of their own count as older than dated ones;"
        " relations tied for most recent are summed by Goldstein magnitude, 1 for a kind without one)"
    ),
    "goldstein": "the pair takes the sign of the summed Goldstein values of its cooperative and hostile relations",
}

EXPLANATIONS: dict[str, str] = {
    "communities": (
        "blocs: groups of actors tied by cooperation more among themselves than with the rest"
        " (Louvain on the cooperative ties, seeded for reproducibility)"
    ),
    "modularity": "modularity: how much more the cooperative ties fall inside blocs than chance would give (-0.5..1; above 0.3 is a clear structure)",
    "signed_pairs": "signed pairs: actor pairs with a cooperative (+) or hostile (-) sign; neutral, structural relations carry none",
    "strict": (
        "strict balance (Cartwright-Harary): a triangle is balanced when the product of its signs is positive:"
        " the friend of a friend is a friend, the enemy of an enemy is a friend"
    ),
    "weak": "weak balance (Davis): all-hostile triangles count as balanced too: the enemy of an enemy may be an enemy",
    "camps": (
        "camps: the split of the actors into two sides that leaves the fewest ties frustrated,"
        " i.e. cooperation across the sides or hostility within one; numbered by size, named by their most central members"
    ),
    "aligned": (
        "aligned: actors tied by a relation of a kind that aligns its ends (leads, member-of, part-of, or a dataset's own"
        " kind with aligns: true) stand on the same side; such relations are not signed ties"
    ),
    "exact": "exact: every split of the signed actors (aligned ones moving together) was tried",
    "heuristic": (
        "heuristic: too many actors to try every split; from a colouring that follows the signs of a spanning tree,"
        " single actors were moved while that lowered frustration, best of several seeded restarts; the minimum is not proven"
    ),
    "components": "the signed and aligning ties fall into separate groups; swapping the camps within one group changes nothing",
    "frustration": "frustration: the number of signed pairs that disagree with the split; 0 means the map is perfectly balanced",
    "frustrated": "frustrated ties: the pairs that strain the two-camp picture, with the relations that disagree with it",
    "bridges": "bridges: actors with cooperative ties into both camps, who could carry messages across",
}


def check_choice(value: str, choices: dict[str, str], what: str) -> str:
    """``value`` if it is one of ``choices``, else ``UsageError`` listing them."""
    if value in choices:
        return value
    raise UsageError(f'unknown {what} "{value}"' + suggestion(value, choices, f"use one of {', '.join(choices)}"))
