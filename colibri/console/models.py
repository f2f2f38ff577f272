"""The console's own data: the official account connected from the dashboard."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import pgettext_lazy


class OfficialCredential(models.Model):
    """An official account connected with the settings page (Bluesky app password), Fernet-encrypted.

    Read only by `colibri.networks.registry` through `official_store.stored_credentials`, right before
    acting; the environment's settings (BLUESKY_HANDLE/BLUESKY_APP_PASSWORD) win over it.
    """

    network = models.CharField(max_length=16, unique=True)
    handle = models.CharField(max_length=255)
    remote_id = models.CharField(max_length=255)  # the account's DID: shown, not secret
    token = models.BinaryField()  # encrypt_credentials(...): handle, PDS, app password; never logged
    connected_at = models.DateTimeField(default=timezone.now)
    connected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = pgettext_lazy("model", "official account connection")
        verbose_name_plural = pgettext_lazy("model", "official account connections")

    def __str__(self) -> str:
        return f"@{self.handle} ({self.network})"
