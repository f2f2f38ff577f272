"""Post texts in the collective's format, one per network, within each network's limit.

The format the collective relays: `#PleaseRT #<Job> #<Place> #i4EmploiR`, a sentence saying
what is sought (so the triage engine and recruiters read it the same way), an optional pitch
and the profile link. When a text is too long, the pitch is shortened first, then the optional
facts: hashtags and link are never touched, they are what makes the post relayable.

How each network counts (as of 2025):
- Bluesky: 300 graphemes, links counted as written (the text we hand over is the text shown).
- Mastodon: 500 characters (grapheme clusters), every http(s) URL counts 23 whatever its length.
- X: 280 "weighted" characters (twitter-text v3): Latin and punctuation weigh 1, other scripts
  and every emoji weigh 2, every URL counts 23 (t.co).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import quote

from colibri.cards.model import CardInput, place_name
from colibri.i18n import gettext as _

NETWORKS: tuple[str, ...] = ("bluesky", "mastodon", "x")
LABELS: dict[str, str] = {"bluesky": "Bluesky", "mastodon": "Mastodon", "x": "X"}
LIMITS: dict[str, int] = {"bluesky": 300, "mastodon": 500, "x": 280}
URL_WEIGHT = 23  # Mastodon and X (t.co) count every link as 23 characters
DEFAULT_INSTANCE = "mastodon.social"

_URL = re.compile(r"https?://[^\s<>\"]+", re.IGNORECASE)
_TRAILING = ".,;:!?)]}»'\""
_INSTANCE = re.compile(r"^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(?::\d{1,5})?$")


# --- counting -----------------------------------------------------------------------------


def _extends(code: int, char: str) -> bool:
    """Code points that never start a grapheme cluster of their own."""
    return (
        code == 0x200D  # zero-width joiner
        or 0xFE00 <= code <= 0xFE0F  # variation selectors
        or 0x1F3FB <= code <= 0x1F3FF  # skin tones
        or 0xE0020 <= code <= 0xE007F  # tag characters (flags of regions)
        or code == 0x20E3  # keycap
        or unicodedata.category(char) in {"Mn", "Me", "Mc"}
    )


def graphemes(text: str) -> list[str]:
    """Extended grapheme clusters, close enough to UAX #29 for post texts.

    Handles combining accents, emoji ZWJ sequences, skin tones, keycaps, flags (regional
    indicator pairs) and CR LF; the standard library has no segmenter and this avoids a
    dependency for a counter.
    """
    clusters: list[str] = []
    after_zwj = False
    for char in text:
        code = ord(char)
        is_ri = 0x1F1E6 <= code <= 0x1F1FF
        if clusters and (
            after_zwj
            or _extends(code, char)
            or (char == "\n" and clusters[-1] == "\r")
            or (is_ri and _open_flag(clusters[-1]))
        ):
            clusters[-1] += char
        else:
            clusters.append(char)
        after_zwj = code == 0x200D
    return clusters


def _open_flag(cluster: str) -> bool:
    return len(cluster) == 1 and 0x1F1E6 <= ord(cluster) <= 0x1F1FF


def find_urls(text: str) -> list[str]:
    return [match.group(0).rstrip(_TRAILING) for match in _URL.finditer(text)]


def _replace_urls(text: str, placeholder: str) -> str:
    def sub(match: re.Match[str]) -> str:
        url = match.group(0)
        stripped = url.rstrip(_TRAILING)
        return placeholder + url[len(stripped) :]

    return _URL.sub(sub, text)


def count_bluesky(text: str) -> int:
    return len(graphemes(unicodedata.normalize("NFC", text)))


def count_mastodon(text: str) -> int:
    return len(graphemes(_replace_urls(text, "x" * URL_WEIGHT)))


_X_LIGHT = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))


def _is_emoji_cluster(cluster: str) -> bool:
    return any(
        ord(c) >= 0x1F000 or 0x2600 <= ord(c) <= 0x27BF or ord(c) in (0xFE0F, 0x200D, 0x20E3) for c in cluster
    )


def count_x(text: str) -> int:
    """twitter-text v3 weighted length (weights in hundredths, like the reference library)."""
    weight = 0
    for cluster in graphemes(_replace_urls(unicodedata.normalize("NFC", text), "\x00" * URL_WEIGHT)):
        if _is_emoji_cluster(cluster):
            weight += 200
            continue
        for char in cluster:
            code = ord(char)
            weight += 100 if any(lo <= code <= hi for lo, hi in _X_LIGHT) else 200
    return (weight + 99) // 100


COUNTERS = {"bluesky": count_bluesky, "mastodon": count_mastodon, "x": count_x}


def count(text: str, network: str) -> int:
    return COUNTERS[network](text)


# --- hashtags and sentences ---------------------------------------------------------------


def camel_hashtag(text: str) -> str:
    """ "Chargée de communication" -> "#ChargéeDeCommunication" (accents kept: all three
    networks accept letters in hashtags; capitals keep the words readable for screen readers)."""
    words = [w for w in re.split(r"[^\w]+|_", text) if w]
    return "#" + "".join(w[0].upper() + w[1:] for w in words) if words else ""


def job_hashtag(job: str) -> str:
    return camel_hashtag(job)


def place_hashtag(card: CardInput) -> str:
    if card.is_remote:
        return _("#RemoteWork")
    return camel_hashtag(place_name(card.place))


def hashtag_line(card: CardInput) -> str:
    tags = [card.relay_tag, job_hashtag(card.job), place_hashtag(card), card.hashtag]
    seen: list[str] = []
    for tag in tags:
        if tag and tag.lower() not in {t.lower() for t in seen}:
            seen.append(tag)
    return " ".join(seen)


def lead_sentence(card: CardInput, *, short: bool = False) -> str:
    """What is sought, in words triage and recruiters read the same way.

    `short` leaves out job and place (already in the hashtags) for very long titles."""
    # The seeker's own words, in the active language (French by default: the collective's triage
    # reads French). Fragments, each one catalog entry, in the order the sentence is read.
    if card.job and not short:
        sentence = _("I am looking for a job as %(job)s") % {"job": card.job}
    else:
        sentence = _("I am looking for a job")
    if card.contract:
        sentence += _(" on a %(contract)s") % {"contract": card.contract}
    if card.is_remote:
        sentence += _(", remote")
    elif card.place and not short:
        sentence += _(", around %(place)s") % {"place": card.place}
    return sentence + "."


def facts_sentence(card: CardInput) -> str:
    facts = [f for f in (card.experience_label, card.availability_label) if f]
    return " ".join(f + "." for f in facts)


# --- composing ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PostDraft:
    network: str
    label: str
    text: str
    count: int
    limit: int
    shortened: bool  # the pitch (or the facts) had to be cut to fit
    intent_url: str

    @property
    def fits(self) -> bool:
        return self.count <= self.limit

    def to_json(self) -> dict[str, object]:
        return {
            "network": self.network,
            "label": self.label,
            "text": self.text,
            "count": self.count,
            "limit": self.limit,
            "fits": self.fits,
            "shortened": self.shortened,
            "intent_url": self.intent_url,
        }


def _assemble(
    card: CardInput, pitch: str, with_facts: bool, with_lead: bool, short_lead: bool = False
) -> str:
    lead = lead_sentence(card, short=short_lead) if with_lead else ""
    body = " ".join(part for part in (lead, facts_sentence(card) if with_facts else "") if part)
    blocks = [hashtag_line(card), "\n".join(p for p in (body, pitch) if p), card.link]
    return "\n\n".join(b for b in blocks if b)


def _shorten_pitch(card: CardInput, network: str, limit: int) -> str:
    """The longest prefix of the pitch (whole words, then letters) that fits, ending in "…"."""
    words = card.pitch.split()
    for n in range(len(words) - 1, 0, -1):
        candidate = " ".join(words[:n]).rstrip(",;:-–") + "…"
        if count(_assemble(card, candidate, True, True), network) <= limit:
            return candidate
    return ""


def normalise_instance(instance: str) -> str:
    """A Mastodon host name ("piaille.fr"), or the default when what was typed is not one."""
    host = (instance or "").strip().lower()
    host = re.sub(r"^https?://", "", host).split("/", 1)[0].lstrip("@")
    if "@" in host:  # "@user@instance" typed as the instance
        host = host.rsplit("@", 1)[1]
    return host if _INSTANCE.match(host) else DEFAULT_INSTANCE


def intent_url(network: str, text: str, instance: str = DEFAULT_INSTANCE) -> str:
    encoded = quote(text, safe="")
    if network == "bluesky":
        return f"https://bsky.app/intent/compose?text={encoded}"
    if network == "mastodon":
        return f"https://{normalise_instance(instance)}/share?text={encoded}"
    if network == "x":
        return f"https://x.com/intent/post?text={encoded}"
    raise ValueError(f"unknown network {network!r}")


def compose_post(card: CardInput, network: str, *, instance: str = DEFAULT_INSTANCE) -> PostDraft:
    if network not in LIMITS:
        raise ValueError(f"unknown network {network!r}: choose among {', '.join(NETWORKS)}")
    limit = LIMITS[network]
    text = _assemble(card, card.pitch, True, True)
    shortened = False
    if count(text, network) > limit:
        shortened = True
        pitch = _shorten_pitch(card, network, limit) if card.pitch else ""
        text = _assemble(card, pitch, True, True)
        # Then, in order: the facts, the job and place words (still in the hashtags), the sentence.
        for facts, lead, short in ((False, True, False), (False, True, True), (False, False, False)):
            if count(text, network) <= limit:
                break
            text = _assemble(card, "", facts, lead, short)
    return PostDraft(
        network=network,
        label=LABELS[network],
        text=text,
        count=count(text, network),
        limit=limit,
        shortened=shortened,
        intent_url=intent_url(network, text, instance),
    )


def compose_all(card: CardInput, *, instance: str = DEFAULT_INSTANCE) -> list[PostDraft]:
    return [compose_post(card, network, instance=instance) for network in NETWORKS]
