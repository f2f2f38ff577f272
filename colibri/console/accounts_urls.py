"""Password change and reset: Django's own views, with the dashboard's French templates."""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

T = "console/password/"

urlpatterns = [
    path(
        "moi/mot-de-passe/",
        auth_views.PasswordChangeView.as_view(
            template_name=T + "change.html", success_url=reverse_lazy("password_change_done")
        ),
        name="password_change",
    ),
    path(
        "moi/mot-de-passe/change/",
        auth_views.PasswordChangeDoneView.as_view(template_name=T + "change_done.html"),
        name="password_change_done",
    ),
    path(
        "mot-de-passe-oublie/",
        auth_views.PasswordResetView.as_view(
            template_name=T + "reset.html",
            email_template_name=T + "reset_email.txt",
            subject_template_name=T + "reset_subject.txt",
            success_url=reverse_lazy("password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "mot-de-passe-oublie/envoye/",
        auth_views.PasswordResetDoneView.as_view(template_name=T + "reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "mot-de-passe-oublie/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name=T + "reset_confirm.html", success_url=reverse_lazy("password_reset_complete")
        ),
        name="password_reset_confirm",
    ),
    path(
        "mot-de-passe-oublie/fait/",
        auth_views.PasswordResetCompleteView.as_view(template_name=T + "reset_complete.html"),
        name="password_reset_complete",
    ),
]
