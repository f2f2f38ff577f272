"""Volunteers' dashboard routes (French paths: they show in the volunteers' address bar)."""

from django.contrib.auth import views as auth_views
from django.urls import path

from colibri.relay import views, views_plan

urlpatterns = [
    path(
        "connexion/",
        auth_views.LoginView.as_view(template_name="relay/login.html", redirect_authenticated_user=True),
        name="login",
    ),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path("", views.dashboard, name="dashboard"),
    path("demandes/<int:pk>/", views.request_detail, name="request_detail"),
    path("demandes/<int:pk>/decision/", views.decide, name="decide"),
    path("demandes/<int:pk>/annuler-decision/", views.undo_decision, name="undo_decision"),
    path("comptes/<int:pk>/lever-arret-relais/", views.lift_opt_out, name="lift_opt_out"),
    path("comptes/<int:pk>/effacer/", views.erase_account, name="erase_account"),
    path("comptes/<int:pk>/bloquer/", views.block_account, name="block_account"),
    path("parametres/", views.collective_settings, name="settings"),
    path("utilisateurs/", views.users, name="users"),
    path("utilisateurs/<int:pk>/role/", views.user_role, name="user_role"),
    path("moi/", views.me, name="me"),
    path("plan/", views_plan.plan_today, name="plan"),
    path("plan/replanifier/", views_plan.replan, name="plan_replan"),
    path("plan/relais/<int:pk>/verrouiller/", views_plan.lock, name="plan_lock"),
    path("plan/relais/<int:pk>/deverrouiller/", views_plan.unlock, name="plan_unlock"),
    path("plan/relais/<int:pk>/echanger/", views_plan.swap, name="plan_swap"),
]
