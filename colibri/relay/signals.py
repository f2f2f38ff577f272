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
"""

from __future__ import annotations

from django.dispatch import Signal

profile_wanted = Signal()
seeker_answered = Signal()
request_triaged = Signal()
