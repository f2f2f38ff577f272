"""Connecting a network account (Bluesky app password or OAuth, Mastodon OAuth, X OAuth 2.0).

Below both the members' pages and the console's official accounts page, so the collective's own
accounts are connected with exactly the flows members use (`colibri.connect.flows`).
"""
