from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "colibri.members"
    label = "members"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Members"
