"""Signals the relay's writes send to the layers above them, so the writes need not import those.

`profile_wanted(account_id=…)`: an account was first seen without a profile (a firehose post
carries none); sent once the transaction commits. The worker's `tasks.refresh_profile` listens
(connected in `RelayConfig.ready`) and fetches it.
"""

from __future__ import annotations

from django.dispatch import Signal

profile_wanted = Signal()
