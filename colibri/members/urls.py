"""Members' routes (French paths: people see them in their address bar)."""

from django.urls import path

from colibri.members import views

urlpatterns = [
    path("rejoindre/", views.join, name="join"),
    path("oauth/client-metadata.json", views.client_metadata, name="oauth_client_metadata"),
    path("rejoindre/<str:network>/connexion/", views.join_oauth_start, name="join_oauth_start"),
    path("rejoindre/<str:network>/retour/", views.join_oauth_return, name="join_oauth_return"),
    path("rejoindre/oublier-le-compte/", views.join_oauth_forget, name="join_oauth_forget"),
    path("moi/adhesion/", views.membership, name="membership"),
    path("moi/adhesion/pause/", views.pause, name="membership_pause"),
    path("moi/adhesion/reprendre/", views.resume, name="membership_resume"),
    path("moi/adhesion/quitter/", views.leave, name="membership_leave"),
    path("moi/adhesion/mes-donnees.json", views.my_data, name="membership_data"),
    path("membres/", views.members_list, name="members"),
    path(
        "membres/<int:pk>/<str:what>/",
        views.member_action,
        name="member_action",
    ),
]
