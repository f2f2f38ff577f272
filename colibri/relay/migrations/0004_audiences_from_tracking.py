# ruff: noqa: RUF012  (Django migration: class-level lists, as makemigrations writes them)
"""Audience and Follower now belong to the relay app (issue 15): state only, over the tables the
tracking app created (`tracking_audience`, `tracking_follower`), so every stored row stays as it is."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("relay", "0003_english_choice_labels"),
        ("tracking", "0003_audiences_move_to_relay"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Follower",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "network",
                            models.CharField(
                                choices=[
                                    ("bluesky", "Bluesky"),
                                    ("mastodon", "Mastodon"),
                                    ("x", "X"),
                                    ("replay", "Replay (sample)"),
                                ],
                                max_length=16,
                            ),
                        ),
                        ("remote_id", models.CharField(max_length=255)),
                    ],
                    options={
                        "db_table": "tracking_follower",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("network", "remote_id"), name="follower_unique_remote_id"
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="Audience",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("bitmap", models.BinaryField()),
                        ("size", models.PositiveIntegerField(default=0)),
                        ("refreshed_at", models.DateTimeField(default=django.utils.timezone.now)),
                        (
                            "account",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="audience",
                                to="relay.networkaccount",
                            ),
                        ),
                    ],
                    options={"db_table": "tracking_audience"},
                ),
            ],
            database_operations=[],
        ),
    ]
