from django.urls import path

from . import views

urlpatterns = [
    path("", views.dashboard, name="home"),
    path("chi-tieu/", views.catalogue, name="catalogue"),
    path("chi-tieu/<str:code>/", views.figure_trace, name="figure_trace"),
    path("so-lieu/nhap/", views.data_entry, name="data_entry"),
    path("so-lieu/tinh-trang/", views.completeness, name="completeness"),
    path("so-lieu/bao-cao/<int:pk>/duyet/", views.submission_approve, name="submission_approve"),
    path("so-lieu/bao-cao/<int:pk>/khoa/", views.submission_lock, name="submission_lock"),
    path("so-lieu/bao-cao/<int:pk>/mo-lai/", views.submission_reopen, name="submission_reopen"),
    path(
        "so-lieu/bao-cao/<int:pk>/khoa-ky/",
        views.submission_lock_period,
        name="submission_lock_period",
    ),
    path("ke-hoach/", views.targets, name="targets"),
]
