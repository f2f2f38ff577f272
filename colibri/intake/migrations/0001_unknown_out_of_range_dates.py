# ruff: noqa: RUF012  (Django migration class attributes)
"""Posts stored before the ingest checked dates may hold an author-written year 1 or 9999: every page
showing them failed (the date overflows in local time). They become unknown, as the ingest now does."""

from django.db import migrations
from django.db.models import Q

from colibri.networks.sanitize import EARLIEST, LATEST


def forget_out_of_range_dates(apps, schema_editor):  # type: ignore[no-untyped-def]
    Post = apps.get_model("relay", "Post")
    Post.objects.filter(Q(posted_at__lt=EARLIEST) | Q(posted_at__gte=LATEST)).update(posted_at=None)
    Post.objects.filter(Q(edited_at__lt=EARLIEST) | Q(edited_at__gte=LATEST)).update(edited_at=None)


class Migration(migrations.Migration):
    dependencies = [("relay", "0003_english_choice_labels")]
    operations = [migrations.RunPython(forget_out_of_range_dates, migrations.RunPython.noop, elidable=True)]
