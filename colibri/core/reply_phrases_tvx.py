# ruff: noqa: E501  (one regex per line: wrapping them would hide the patterns)
"""The phrase table of `colibri.core.replies` written after the lead's blind sets T, V and X were read
(same format as `reply_phrases.SPECS`; tests/data/README.md, branch replies10)."""

from __future__ import annotations

from colibri.core.reply_lexicon import HIRED

TVX_SPECS: tuple[tuple[str, str, str, str], ...] = (
    (
        HIRED,
        "embauche (faute de mieux)",
        # « pas dans mon domaine, mais au moins j'ai un salaire »: a job taken for want of better is a job
        # held, whatever « pour l'instant » says of how long.
        r"\bau moins (?:je ai|j ai|ai) (?:un|une|du) (?:salaire|travail|job|emploi|boulot|poste|contrat|taf|paie|paye)\b",
        "hire",
    ),
)
