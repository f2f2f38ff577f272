from django.apps import AppConfig


class RelayConfig(AppConfig):
    name = "colibri.relay"
    verbose_name = "Relais"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The actions announce what the worker should do (signals) instead of importing the tasks,
        # which import the actions: the worker side subscribes here, once the apps are loaded.
        from . import signals, tasks

        signals.profile_wanted.connect(tasks.on_profile_wanted, dispatch_uid="relay.refresh_profile")
