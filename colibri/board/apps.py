from django.apps import AppConfig


class BoardConfig(AppConfig):
    name = "colibri.board"
    verbose_name = "Tableau des recruteurs"
    default_auto_field = "django.db.models.BigAutoField"
