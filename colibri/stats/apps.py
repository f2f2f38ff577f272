from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "colibri.stats"
    verbose_name = "Statistiques"
    default_auto_field = "django.db.models.BigAutoField"
