"""What connecting needs to keep: our application registered on each Mastodon instance."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class MastodonClientApp(models.Model):
    """Our application on one Mastodon instance (registered on the first connection from there, reused
    after, by members and official accounts alike). The client secret is Fernet-encrypted.

    Moved from the members app: the table keeps its name, so nothing is registered twice."""

    instance = models.CharField(max_length=255, unique=True)  # https://host
    client_id = models.CharField(max_length=255)
    client_secret = models.BinaryField()
    redirect_uri = models.CharField(max_length=512)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "members_mastodonclientapp"

    def __str__(self) -> str:
        return f"Colibri on {self.instance}"
