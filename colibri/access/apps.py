from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "colibri.access"
    verbose_name = "Access"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from colibri.access import checks  # noqa: F401  (registers the system checks)
