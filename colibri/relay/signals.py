"""Signals the relay's writes send to the layers above them, so the writes need not import those.

`profile_wanted(account_id=…)`: an account was first seen without a profile (a firehose post
carries none); sent once the transaction commits. The worker's `tasks.refresh_profile` listens
(connected in `RelayConfig.ready`) and fetches it.

`request_triaged(request_id=…)`: a new request got the machine's verdict (at ingest, or in the worker
for a deferred one); sent once the transaction commits. The `autoapproval` app listens and approves
it when the collective's policy allows, so the relay never imports the policy's app.
"""

from __future__ import annotations

from django.dispatch import Signal

profile_wanted = Signal()
request_triaged = Signal()
