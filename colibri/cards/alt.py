"""The card's alternative text for screen readers (and for networks' alt field), in the active
language: French by default, like the card itself.

It says what the image says, in reading order, with nothing added: the job and place,
the contract, the skills, experience and availability, the pitch, the hashtag.
Bluesky and Mastodon accept 1,000+ characters of alt text; X accepts 1,000.
"""

from __future__ import annotations

from dataclasses import replace

from colibri.cards.fonts import drawable_text
from colibri.cards.model import MAX_SKILLS, CardInput, display_link
from colibri.i18n import gettext as _

ALT_MAX = 1000


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
    # Built from fragments in the same order as the image reads; each is one catalog entry.
    job = card.job or _("a job")
    head = _("Skills card: looking for a job as %(job)s") % {"job": job}
    if card.contract:
        head += _(" on a %(contract)s") % {"contract": card.contract}
    if card.place:
        head += _(", remote") if card.is_remote else _(", in %(place)s") % {"place": card.place}
    sentences = [head + "."]
    if card.skills:
        sentences.append(_("Skills: %(skills)s.") % {"skills": ", ".join(card.skills[:MAX_SKILLS])})
    facts = [f for f in (card.experience_label, card.availability_label) if f]
    if facts:
        sentences.append(". ".join(facts) + ".")
    if card.pitch:
        sentences.append(_("In one sentence: “%(pitch)s”.") % {"pitch": card.pitch.rstrip(" .")})
    if card.link:
        sentences.append(_("Profile: %(link)s.") % {"link": display_link(card.link)})
    sentences.append(
        _("Hashtags: %(relay)s %(hashtag)s.") % {"relay": card.relay_tag, "hashtag": card.hashtag}
    )
    text = " ".join(sentences)
    if len(text) > ALT_MAX:
        text = text[: ALT_MAX - 1].rstrip() + "…"
    return text
