"""Advice that reaches the seeker: the official account replies under a request with the triage's advice.

From the review queue in one key (`e`, text editable first) or, when the collective turns it on,
by itself for requests held back only for their format. Through the outbox (exactly once per
request, paced with the other official actions), never to a person who said stop, at most one
advice reply per person per `advice_days_between` days. The texts are templates coordinators edit
(`followup.FollowupSettings`); the composer link in them is short and expires (`/outils/c/<token>/`).
"""
