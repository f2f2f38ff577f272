"""Signals the relay's writes send to the layers above them, so the writes need not import those.

- `profile_wanted(account_id=…)`: an account was first seen without a profile (a firehose post
  carries none); sent once the transaction commits. The worker's `tasks.refresh_profile` listens
  (connected in `RelayConfig.ready`) and fetches it.
- `seeker_answered(request, reply_to, result, source)`: the request's author replied under it (or
  under the official account's repost/reply of it); `result` is `core.replies.ReplyClassification`.
  A receiver returns True when the reply was an answer it consumed (then nothing else is stored).
  The follow-up (`colibri.followup`) listens.
- `request_triaged(request)`: a request got (or changed) its triage verdict; the follow-up matches
  a hire announcement, the advice may reply automatically, the automatic approval (`colibri.autoapproval`)
  approves it once the transaction commits when the collective's policy allows.
- `queue_card_inputs(request)`: what else a review-queue card is drawn from, for the key of the
  rendered cards (`colibri.relay.queue`); each receiver returns a value (repr-able) that changes
  whenever its part of a card would. The advice (`colibri.advice`) answers with its template and
  the networks that have an official account.
"""

from __future__ import annotations

from django.dispatch import Signal

profile_wanted = Signal()
seeker_answered = Signal()
request_triaged = Signal()
queue_card_inputs = Signal()
