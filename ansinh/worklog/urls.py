from django.urls import path

from . import views

urlpatterns = [
    path("nhat-ky/", views.worklog, name="worklog"),
    path("nhat-ky/viec/", views.worklog_activity, name="worklog_activity"),
    path("nhat-ky/nhiem-vu/", views.worklog_task, name="worklog_task"),
    path("nhat-ky/viec/<int:pk>/huy/", views.cancel_activity, name="cancel_activity"),
]
