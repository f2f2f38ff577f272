from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsoleConfig(AppConfig):
    """The coordinators' console: archive of all requests, outbox, official accounts."""

    name = "colibri.console"
    verbose_name = _("Coordinators' console")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The admin's titles say "Django administration" otherwise; ready() is where an app may
        # configure the shared admin site (nothing runs at import).
        from django.contrib import admin

        admin.site.site_header = _("Colibri administration")
        admin.site.site_title = _("Colibri administration")
        admin.site.index_title = _("The collective's data (read-only: changes go through the dashboard)")
