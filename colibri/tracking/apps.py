from django.apps import AppConfig


class TrackingConfig(AppConfig):
    name = "colibri.tracking"
    verbose_name = "Suivi"
    default_auto_field = "django.db.models.BigAutoField"
