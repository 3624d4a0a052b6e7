from django.urls import path

from . import views

urlpatterns = [
    path("", views.dashboard, name="home"),
    path("chi-tieu/", views.catalogue, name="catalogue"),
    path("chi-tieu/<str:code>/", views.figure_trace, name="figure_trace"),
    path("so-lieu/nhap/", views.data_entry, name="data_entry"),
    path("so-lieu/tinh-trang/", views.completeness, name="completeness"),
    path("so-lieu/bao-cao/<int:pk>/", views.submission_action, name="submission_action"),
    path("ke-hoach/", views.targets, name="targets"),
]
