"""The collective's hashtags, recognised the same way by every adapter and by the triage engine.

Adapters use this to keep only the posts that carry one of the collective's hashtags, and to
tell seekers (`#i4EmploiR` in their bio) from members (`#i4emploi`), with the normalisation of
`colibri.core.text` (case, accents, separators, digit look-alikes such as `#14EmploiR`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from colibri.core.prefilter import is_candidate
from colibri.core.text import is_member_tag, is_seeker_tag, normalize_hashtag

DEFAULT_HASHTAGS: tuple[str, ...] = ("#i4EmploiR", "#i4emploi")
SEEKER_TAG = "#i4EmploiR"
MEMBER_TAG = "#i4emploi"

_HASHTAG = re.compile(r"[#＃]([^\W_][\w]*(?:[-'][^\W_][\w]*)*)")


def hashtags_in(text: str) -> list[str]:
    """Hashtags written in a text, with their '#'."""
    return ["#" + m.group(1) for m in _HASHTAG.finditer(text or "")]


class HashtagFilter:
    """Does a post carry one of the collective's hashtags? (facet tags, tag lists and text)."""

    def __init__(
        self,
        hashtags: Iterable[str] = DEFAULT_HASHTAGS,
        *,
        seeker_tag: str = SEEKER_TAG,
        member_tag: str = MEMBER_TAG,
    ):
        self.hashtags = tuple(hashtags) or DEFAULT_HASHTAGS
        self.keys = frozenset(normalize_hashtag(h) for h in self.hashtags)
        self.seeker_tag = seeker_tag
        self.member_tag = member_tag
        # The seeker/member look-alikes (#14EmploiR, #i4emploi_R) count only if those tags are tracked.
        self._fuzzy_seeker = normalize_hashtag(seeker_tag) in self.keys
        self._fuzzy_member = normalize_hashtag(member_tag) in self.keys
        self.extra_keywords = tuple(h.lstrip("#＃") for h in self.hashtags)

    def matches_tag(self, tag: str) -> bool:
        if normalize_hashtag(tag) in self.keys:
            return True
        return (self._fuzzy_seeker and is_seeker_tag(tag, self.seeker_tag)) or (
            self._fuzzy_member and is_member_tag(tag, self.member_tag)
        )

    def matches(self, text: str, tags: Iterable[str] = ()) -> bool:
        """True when the post carries a tracked hashtag, in its facets/tags or in its text."""
        if any(self.matches_tag(t) for t in tags):
            return True
        # The one-regex prefilter rejects most posts of a firehose before any hashtag parsing.
        if not is_candidate(text, self.extra_keywords):
            return False
        return any(self.matches_tag(t) for t in hashtags_in(text))


def bio_roles(bio: str, *, seeker_tag: str = SEEKER_TAG, member_tag: str = MEMBER_TAG) -> tuple[bool, bool]:
    """(is_seeker, is_member) from a profile's bio, with the triage engine's normalisation."""
    tags = hashtags_in(bio)
    return (
        any(is_seeker_tag(t, seeker_tag) for t in tags),
        any(is_member_tag(t, member_tag) for t in tags),
    )


class HashtagFiltering:
    """Mixin for adapters whose stream keeps only posts carrying the collective's hashtags."""

    filter: HashtagFilter

    def set_hashtags(
        self, hashtags: Iterable[str], *, seeker_tag: str = SEEKER_TAG, member_tag: str = MEMBER_TAG
    ) -> None:
        """Track the collective's hashtags as configured (ingest passes them from the collective settings)."""
        self.filter = HashtagFilter(hashtags, seeker_tag=seeker_tag, member_tag=member_tag)
