"""The collective's auto-approval policy (colibri/core/autoapproval.py): never automatic when in doubt."""

from __future__ import annotations

from dataclasses import replace

import pytest

from colibri.core.autoapproval import ApprovalFacts, AutoApprovalPolicy, refusal

ON = AutoApprovalPolicy(enabled=True, min_account_age_days=30)
CLEAR = ApprovalFacts(auto_approvable=True, first_post=True, account_age_days=400.0)


def test_it_approves_a_clear_request_from_an_established_account_when_turned_on() -> None:
    assert refusal(ON, CLEAR) is None


def test_it_never_approves_while_the_setting_is_off_by_default() -> None:
    assert AutoApprovalPolicy().enabled is False
    assert refusal(AutoApprovalPolicy(), CLEAR) == "l'approbation automatique est désactivée"


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"auto_approvable": False}, "avis d'un bénévole"),
        ({"opted_out": True}, "ne la relaie plus"),
        ({"blocked": True}, "bloqué"),
        ({"other_live_request": True}, "autre demande"),
        ({"edited_after_triage": True}, "modifié"),
        ({"account_age_days": 3.0}, "moins de 30 jours"),
    ],
)
def test_it_leaves_each_doubtful_case_to_a_human(change: dict[str, object], words: str) -> None:
    reason = refusal(ON, replace(CLEAR, **change))  # type: ignore[arg-type]
    assert reason is not None and words in reason


def test_it_does_not_hold_a_young_account_s_second_request_for_its_age() -> None:
    assert refusal(ON, replace(CLEAR, first_post=False, account_age_days=2.0)) is None


def test_it_checks_the_age_only_when_the_network_said_it() -> None:
    # The adapters do not report an account's age yet: an unknown age does not hold every first post.
    assert refusal(ON, replace(CLEAR, account_age_days=None)) is None
