# ruff: noqa: RUF012  (Django migration class attributes)
"""Rows erased before keyed hashes held "erased:<sha256>": anyone knowing the URI or DID could confirm
them. They become "erased:<HMAC(sha256)>", the same value `erasure_hash` now gives, so a replayed event
for an old erased post is still recognised."""

from django.db import migrations

from colibri.relay.scrub import PREFIX, keyed_digest


def _rehash(value: str) -> str:
    digest = value[len(PREFIX) :]
    # A legacy value is a bare 64-hex SHA-256 (a keyed one looks the same: this runs once, as migrations do).
    if value.startswith(PREFIX) and len(digest) == 64 and all(c in "0123456789abcdef" for c in digest):
        return PREFIX + keyed_digest(digest)
    return value


def rehash(apps, schema_editor):  # type: ignore[no-untyped-def]
    Post = apps.get_model("relay", "Post")
    NetworkAccount = apps.get_model("relay", "NetworkAccount")
    AuditLog = apps.get_model("relay", "AuditLog")
    for post in Post.objects.filter(uri__startswith=PREFIX).only("pk", "uri").iterator():
        Post.objects.filter(pk=post.pk).update(uri=_rehash(post.uri))
    for account in (
        NetworkAccount.objects.filter(remote_id__startswith=PREFIX).only("pk", "remote_id").iterator()
    ):
        NetworkAccount.objects.filter(pk=account.pk).update(remote_id=_rehash(account.remote_id))
    for row in AuditLog.objects.filter(details__uri__startswith=PREFIX).only("pk", "details").iterator():
        AuditLog.objects.filter(pk=row.pk).update(details={**row.details, "uri": _rehash(row.details["uri"])})


class Migration(migrations.Migration):
    # The hashes are one-way: there is nothing to undo to.
    dependencies = [("relay", "0003_english_choice_labels")]
    operations = [migrations.RunPython(rehash, migrations.RunPython.noop, elidable=True)]
