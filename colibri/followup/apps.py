from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "colibri.followup"
    verbose_name = "Follow-up"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Connected here, not at import: the relay sends these signals and must not import this app.
        from colibri.relay.signals import request_triaged, seeker_answered

        from . import receivers

        seeker_answered.connect(receivers.on_seeker_answer, dispatch_uid="followup.seeker_answered")
        request_triaged.connect(receivers.on_request_triaged, dispatch_uid="followup.request_triaged")
