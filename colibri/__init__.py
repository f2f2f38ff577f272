"""Colibri: run a volunteer relay collective for job seekers on social networks."""
