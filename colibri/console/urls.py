"""The coordinators' console routes (French paths: they show in the volunteers' address bar)."""

from django.urls import include, path

from colibri.console import views

urlpatterns = [
    path("archives/", views.archive_page, name="archive"),
    path("demandes/<int:pk>/retirer/", views.withdraw, name="withdraw_request"),
    path("demandes/decision-groupee/", views.bulk_decide, name="bulk_decide"),
    path("envois/", views.outbox_page, name="outbox"),
    path("envois/<int:pk>/reessayer/", views.outbox_retry, name="outbox_retry"),
    path("utilisateurs/<int:pk>/actif/", views.volunteer_active, name="volunteer_active"),
    path("parametres/comptes-officiels/", views.official_accounts, name="official_accounts"),
    path("parametres/comptes-officiels/<str:network>/tester/", views.official_test, name="official_test"),
    path(
        "parametres/comptes-officiels/<str:network>/connexion/",
        views.official_oauth_start,
        name="official_oauth_start",
    ),
    path(
        "parametres/comptes-officiels/<str:network>/retour/",
        views.official_oauth_return,
        name="official_oauth_return",
    ),
    path("", include("colibri.console.accounts_urls")),
]
