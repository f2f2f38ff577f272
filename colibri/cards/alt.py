"""The card's alternative text, in French, for screen readers (and for networks' alt field).

It says what the image says, in reading order, with nothing added: the job and place,
the contract, the skills, experience and availability, the pitch, the hashtag.
Bluesky and Mastodon accept 1,000+ characters of alt text; X accepts 1,000.
"""

from __future__ import annotations

from dataclasses import replace

from colibri.cards.fonts import drawable_text
from colibri.cards.model import MAX_SKILLS, CardInput, display_link

ALT_MAX = 1000


def _contract_phrase(contract: str) -> str:
    return f"en {contract}" if contract else ""


def _drawn(text: str) -> str:
    """The text as the card draws it (emoji the font lacks are not on the image)."""
    return drawable_text(text)[0]


def alt_text(card: CardInput) -> str:
    card = replace(
        card,
        job=_drawn(card.job),
        place=_drawn(card.place),
        skills=tuple(s for s in (_drawn(s) for s in card.skills) if s),
        availability=_drawn(card.availability),
        pitch=_drawn(card.pitch),
    )
    job = card.job or "un poste"
    head = f"Carte de compétences : recherche d'emploi comme {job}"
    contract = _contract_phrase(card.contract)
    if contract:
        head += f" {contract}"
    if card.place:
        head += ", en télétravail" if card.is_remote else f", à {card.place}"
    sentences = [head + "."]
    if card.skills:
        sentences.append("Compétences : " + ", ".join(card.skills[:MAX_SKILLS]) + ".")
    facts = [f for f in (card.experience_label, card.availability_label) if f]
    if facts:
        sentences.append(". ".join(facts) + ".")
    if card.pitch:
        sentences.append(f"En une phrase : « {card.pitch.rstrip(' .')} ».")
    if card.link:
        sentences.append(f"Profil : {display_link(card.link)}.")
    sentences.append(f"Mots-dièse : #PleaseRT {card.hashtag}.")
    text = " ".join(sentences)
    if len(text) > ALT_MAX:
        text = text[: ALT_MAX - 1].rstrip() + "…"
    return text
