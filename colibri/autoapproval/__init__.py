"""Automatic approval (issue 14): clear requests approved without a click when the collective turns it on.

The policy itself is pure (`colibri.core.autoapproval`); this app gathers the facts about a request
and its author, approves through the relay's own approval action (one audit row marks it automatic),
and shows the day's automatic approvals, each withdrawable in one key. The relay announces each first
verdict with `signals.request_triaged`; this app listens (connected in `AutoApprovalConfig.ready`), so
the relay never imports it.
"""
