"""`django.contrib.admin`'s app config with a read-only default site (kept apart from `apps.py`:
Django picks an app's default config among the AppConfig classes its `apps` module holds)."""

from django.contrib.admin import apps as admin_apps


class ReadOnlyAdminConfig(admin_apps.AdminConfig):
    """The admin app (label "admin") whose site registers every model read-only."""

    default_site = "colibri.access.admin_site.ReadOnlyAdminSite"
