from django.apps import AppConfig


class AdviceConfig(AppConfig):
    name = "colibri.advice"
    verbose_name = "Advice"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from colibri.relay.signals import request_triaged

        from .actions import on_request_triaged

        request_triaged.connect(on_request_triaged, dispatch_uid="advice.request_triaged")
