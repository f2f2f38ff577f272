# ruff: noqa: RUF012  (Django migration: class-level lists, as makemigrations writes them)
"""Audience and Follower move to the relay app (issue 15): state only, the tables and their rows stay.

`relay.0004_audiences_from_tracking` declares the same models over the same tables; nothing is
copied, renamed or dropped in the database.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("tracking", "0002_english_network_label"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Audience"),
                migrations.DeleteModel(name="Follower"),
            ],
            database_operations=[],
        ),
    ]
