"""Follow-up: asking relayed seekers whether they found a job, recording outcomes, success rates.

After configurable delays (default 4 and 12 weeks after the first relay) the official account
replies under the request with a short, kind question answerable in one word or through a
one-time link to a tiny form; answers are read by `colibri.core.replies.classify_reply` (the code
the ingest uses too). Volunteers record outcomes from the request page; a hire announced in a
new top-level post is matched to the person's request. `rates` computes the success rate with its
uncertainty (for the volunteers' page and for `colibri/stats`).
"""
