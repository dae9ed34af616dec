"""How council papers write a person: the titles printed before a name.

One list for the proposers and seconders of motions (decisions.py) and the
owners of actions (actions.py), so a title one of them reads the other reads
too: "Revd Smith to write to the diocese", "Mx Jones proposed".
"""
from __future__ import annotations

# "Cllr", "Cllrs.", "Councillors", "Mrs", "Prof.", "Revd", ...: a full stop may follow.
# The longer form of each word comes first, where the shorter is its prefix.
HONORIFIC = r"(?:Cllrs?|Councillors?|Mrs?|Ms|Miss|Mx|Dr|Prof(?:essor)?|Revd|Rev|Sir|Dame|Lord|Lady)\.?"
