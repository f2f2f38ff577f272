"""Bluesky feed generator: each member's personal feed of today's assignments, and public feeds of current
approved requests (all, or by région / job family) for recruiters."""
