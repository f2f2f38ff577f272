from django.apps import AppConfig


class RelayConfig(AppConfig):
    name = "colibri.relay"
    verbose_name = "Relais"
    default_auto_field = "django.db.models.BigAutoField"
