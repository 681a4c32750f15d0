"""What changed between two states of a map: ``stakeholders diff``.

A state is a graph from ``to_graph``: a dataset at a date, or a version of a
dataset. ``records`` finds the actors and relations added, removed and changed,
field by field; ``movement`` follows what the analysis says of each state (pair
states by ``holds.pair_state``, balance figures, camps matched by their members,
centrality); ``compare`` puts them together in ``Changes`` and draws the union
of both states as one graph; ``serialize`` writes a ``Changes`` as JSON, text or
Markdown; ``git`` reads an earlier version of a dataset from git.
"""
