from django.apps import AppConfig


class AdviceConfig(AppConfig):
    name = "colibri.advice"
    verbose_name = "Advice"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from colibri.relay.signals import queue_card_inputs, request_triaged

        from .actions import on_request_triaged
        from .templatetags.advice_tags import card_inputs

        request_triaged.connect(on_request_triaged, dispatch_uid="advice.request_triaged")
        queue_card_inputs.connect(card_inputs, dispatch_uid="advice.queue_card_inputs")
