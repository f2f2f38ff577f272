"""Plain data shared by the triage engine and its callers (no Django, no I/O).

The JSON form of `TriageResult` is the stable `colibri triage` contract:
other tools score it, so keys are only ever added, never renamed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final, Literal

Category = Literal["seeker_request", "internship_request", "freelance", "job_offer", "other"]
CATEGORIES: Final[tuple[Category, ...]] = (
    "seeker_request",
    "internship_request",
    "freelance",
    "job_offer",
    "other",
)


@dataclass(frozen=True, slots=True)
class Post:
    """One post as the triage engine sees it, whatever network it came from."""

    id: str
    text: str
    network: str = "bluesky"  # bluesky | mastodon | x | replay
    author_bio: str = ""
    has_image: bool = False
    image_alt: str = ""


# Location and TriageResult spell out their `__init__` (init=False): compiled by mypyc (the triage
# path is), a written `__init__` is native field stores while the generated one stays interpreted
# Python behind tp_init. Fields (dataclasses.fields, asdict, replace), equality and repr are unchanged.
@dataclass(slots=True, init=False)
class Location:
    commune: str | None = None  # commune name as in the COG ("Lyon"), or a prefecture from the built-in list
    departement: str | None = None  # département code ("69", "2A", "974")
    region: str | None = None  # région name ("Auvergne-Rhône-Alpes")
    remote: bool = False  # "full remote", "télétravail"
    abroad: str | None = None  # country or foreign city when the search is outside France

    def __init__(
        self,
        commune: str | None = None,
        departement: str | None = None,
        region: str | None = None,
        remote: bool = False,
        abroad: str | None = None,
    ) -> None:
        self.commune = commune
        self.departement = departement
        self.region = region
        self.remote = remote
        self.abroad = abroad


@dataclass(slots=True, init=False)
class TriageResult:
    id: str
    category: Category
    eligible: bool
    needs_review: bool
    confidence: float  # 0..1, confidence in `category`
    job_title: str | None = None
    rome_code: str | None = None
    rome_label: str | None = None
    location: Location = field(default_factory=Location)
    contract: list[str] = field(default_factory=list)  # subset of ["CDI", "CDD"]
    links: list[str] = field(default_factory=list)  # normalised URLs, profile link first
    profile_link: str | None = None
    has_image: bool = False
    hashtags: list[str] = field(default_factory=list)
    feedback: list[str] = field(default_factory=list)  # French, one actionable sentence each
    reasons: list[str] = field(default_factory=list)  # French, pasteable into a reply
    # Safe to relay without a human: eligible and nothing for a volunteer to check (issue 14).
    auto_approvable: bool = False

    def __init__(
        self,
        id: str,
        category: Category,
        eligible: bool,
        needs_review: bool,
        confidence: float,
        job_title: str | None = None,
        rome_code: str | None = None,
        rome_label: str | None = None,
        location: Location | None = None,
        contract: list[str] | None = None,
        links: list[str] | None = None,
        profile_link: str | None = None,
        has_image: bool = False,
        hashtags: list[str] | None = None,
        feedback: list[str] | None = None,
        reasons: list[str] | None = None,
        auto_approvable: bool = False,
    ) -> None:
        # An omitted location or list is a fresh one, as default_factory gives.
        self.id = id
        self.category = category
        self.eligible = eligible
        self.needs_review = needs_review
        self.confidence = confidence
        self.job_title = job_title
        self.rome_code = rome_code
        self.rome_label = rome_label
        self.location = Location() if location is None else location
        self.contract = [] if contract is None else contract
        self.links = [] if links is None else links
        self.profile_link = profile_link
        self.has_image = has_image
        self.hashtags = [] if hashtags is None else hashtags
        self.feedback = [] if feedback is None else feedback
        self.reasons = [] if reasons is None else reasons
        self.auto_approvable = auto_approvable

    def to_json(self) -> dict[str, Any]:
        """The `colibri triage` output object (stable keys)."""
        # Written out, not dataclasses.asdict(): asdict deep-copies each value through a Python-level
        # recursion, about a fifth of `colibri triage`'s time per post. Keys in field order, as asdict
        # gave them (tests/core/test_types_json.py holds the two together).
        loc = self.location
        return {
            "id": self.id,
            "category": self.category,
            "eligible": self.eligible,
            "needs_review": self.needs_review,
            "confidence": self.confidence,
            "job_title": self.job_title,
            "rome_code": self.rome_code,
            "rome_label": self.rome_label,
            "location": {
                "commune": loc.commune,
                "departement": loc.departement,
                "region": loc.region,
                "remote": loc.remote,
                "abroad": loc.abroad,
            },
            "contract": list(self.contract),
            "links": list(self.links),
            "profile_link": self.profile_link,
            "has_image": self.has_image,
            "hashtags": list(self.hashtags),
            "feedback": list(self.feedback),
            "reasons": list(self.reasons),
            "auto_approvable": self.auto_approvable,
        }
