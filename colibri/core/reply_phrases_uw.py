# ruff: noqa: E501  (one regex per line: wrapping them would hide the patterns)
"""Patterns of `colibri.core.replies` written after the lead's blind sets U (short phone answers) and W
(relatives, counsellors, in-between situations) were read (tests/data/README.md, branch replies9)."""

from __future__ import annotations

import re

# « je ne sais pas trop si on peut dire que j'ai trouvé », « pas sûr d'avoir trouvé »: the writer doubts
# the hire itself. A hire said with a withdrawal is read as a hire (the hire ends the relay anyway), but a
# doubted hire is no hire: the withdrawal is all that is certain, and in doubt it is a stop.
DOUBTED_HIRE = re.compile(
    r"\b(?:sais pas|sais plus|suis pas sure?s?|suis pas certaine?s?|pas sure?s?|pas certaine?s?)"
    r" (?:trop |vraiment |bien |encore )?(?:si |de |que )(?:on peut dire que |je peux dire que |ca compte(?: comme)? |"
    r"c est )?(?:je ai |j ai |ai |avoir |avoir vraiment )?(?:vraiment )?(?:trouve|signe|ete embauchee?s?|decroche)\b"
)
