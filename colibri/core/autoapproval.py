"""Whether a request may be approved without a human: the collective's policy, as a pure function.

Triage says whether a post is safe on its own (`TriageResult.auto_approvable`); the collective's
policy adds what only it knows about the author and the request. The app gathers those facts
(`ApprovalFacts`) and asks `refusal()`; anything but None leaves the request in the queue, and the
reason (French, like triage's reasons) is what a volunteer reads there.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class AutoApprovalPolicy:
    enabled: bool = False  # off until the coordinators turn it on
    min_account_age_days: int = 30  # a first post from a younger account waits for a human
    max_post_age_hours: int = 24  # an older post (backlog, replay) waits for a human


@dataclass(frozen=True, slots=True)
class ApprovalFacts:
    auto_approvable: bool  # triage: eligible and nothing to check
    opted_out: bool = False  # the seeker asked the collective to stop relaying them
    blocked: bool = False  # the collective blocked the account
    other_live_request: bool = False  # the author has another request waiting or being relayed
    edited_after_triage: bool = False  # the post changed after it was triaged
    first_post: bool = False  # the first request the collective sees from this account
    account_age_days: float | None = None  # None: the network did not say
    # Hours between the post and its triage (None: the post's date is unknown). A post read long after it
    # was written comes from a backlog (a first start replaying a stream, a catch-up after an outage):
    # nobody chose to relay that history when they turned the setting on.
    post_age_hours: float | None = 0.0


def refusal(policy: AutoApprovalPolicy, facts: ApprovalFacts) -> str | None:
    """None when the request may be approved without a human, else why not (first reason found)."""
    if not policy.enabled:
        return "l'approbation automatique est désactivée"
    if not facts.auto_approvable:
        return "le tri demande l'avis d'un bénévole"
    if facts.opted_out:
        return "la personne a demandé qu'on ne la relaie plus"
    if facts.blocked:
        return "le compte est bloqué par le collectif"
    if facts.other_live_request:
        return "la personne a déjà une autre demande en cours"
    if facts.edited_after_triage:
        return "le message a été modifié après le tri"
    if facts.post_age_hours is None or facts.post_age_hours > policy.max_post_age_hours:
        return f"message publié il y a plus de {policy.max_post_age_hours} heures (ou date inconnue)"
    if (
        facts.first_post
        and facts.account_age_days is not None
        and facts.account_age_days < policy.min_account_age_days
    ):
        # Only when the network says the age: the adapters report it (Bluesky's profile createdAt,
        # Mastodon's and X's account created_at) and the app asks once when ingest missed it; a network
        # that never says (the sample replay) would otherwise never see an automatic approval.
        days = policy.min_account_age_days
        return f"premier message d'un compte de moins de {days} jour{'s' if days > 1 else ''}"
    return None
