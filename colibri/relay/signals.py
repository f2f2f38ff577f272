"""What the relay tells other apps without importing them (the follow-up listens; the relay sends).

- `seeker_answered(request, reply_to, result, source)`: the request's author replied under it (or
  under the official account's repost/reply of it); `result` is `core.replies.ReplyClassification`.
  A receiver returns True when the reply was an answer it consumed (then nothing else is stored).
- `request_triaged(request)`: a request got (or changed) its triage verdict.
"""

from django.dispatch import Signal

seeker_answered = Signal()
request_triaged = Signal()
