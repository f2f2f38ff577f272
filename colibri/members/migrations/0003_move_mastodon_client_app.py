# ruff: noqa: RUF012
# MastodonClientApp now belongs to colibri.connect (same table): forgotten here, never dropped.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0002_mastodon_client_app"),
        ("connect", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="MastodonClientApp")],
            database_operations=[],
        ),
    ]
