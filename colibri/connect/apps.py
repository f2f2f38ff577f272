from django.apps import AppConfig


class ConnectConfig(AppConfig):
    name = "colibri.connect"
    label = "connect"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Connections"
