from django.urls import path

from colibri.advice import views

app_name = "advice"
urlpatterns = [
    path("outils/c/<str:token>/", views.composer_link, name="composer_link"),
    path("conseils/demandes/<int:pk>/envoyer/", views.send_advice, name="send_advice"),
]
