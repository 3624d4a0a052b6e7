from django.urls import path

from . import views

urlpatterns = [
    path("nhat-ky/", views.worklog, name="worklog"),
    path("nhat-ky/viec/<int:pk>/huy/", views.cancel_activity, name="cancel_activity"),
]
