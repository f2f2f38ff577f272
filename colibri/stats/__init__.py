"""Statistics and infographics of what the collective achieves (read side of relay and tracking)."""
