from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "colibri.intake"
    verbose_name = "Intake"
    default_auto_field = "django.db.models.BigAutoField"
