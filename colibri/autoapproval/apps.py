from django.apps import AppConfig


class AutoApprovalConfig(AppConfig):
    name = "colibri.autoapproval"
    verbose_name = "Approbation automatique"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The relay announces a first verdict; listening here keeps the relay free of this app.
        from colibri.relay import signals

        from . import actions

        signals.request_triaged.connect(actions.on_request_triaged, dispatch_uid="autoapproval.on_triaged")
