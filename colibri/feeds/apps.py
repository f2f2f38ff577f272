from django.apps import AppConfig


class FeedsConfig(AppConfig):
    name = "colibri.feeds"
    verbose_name = "Fils Bluesky"
    default_auto_field = "django.db.models.BigAutoField"
