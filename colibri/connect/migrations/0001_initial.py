# ruff: noqa: RUF012
# The model moved from the members app: the table exists already (members 0002), only Django's
# idea of who owns it changes, so nothing is created or copied.

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = [
        ("members", "0002_mastodon_client_app"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="MastodonClientApp",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("instance", models.CharField(max_length=255, unique=True)),
                        ("client_id", models.CharField(max_length=255)),
                        ("client_secret", models.BinaryField()),
                        ("redirect_uri", models.CharField(max_length=512)),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                    ],
                    options={"db_table": "members_mastodonclientapp"},
                ),
            ],
            database_operations=[],
        ),
    ]
