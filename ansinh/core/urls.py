from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

urlpatterns = [
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "doi-mat-khau/",
        auth_views.PasswordChangeView.as_view(
            template_name="core/password_change.html", success_url="/"
        ),
        name="password_change",
    ),
    path("linh-vuc/<slug:code>/", views.area, name="area"),
    path("chuyen-dia-ban/", views.transfers, name="transfers"),
    path("chuyen-dia-ban/<int:pk>/tiep-nhan/", views.transfer_accept, name="transfer_accept"),
    path("chuyen-dia-ban/<int:pk>/tu-choi/", views.transfer_refuse, name="transfer_refuse"),
    path("doi-tuong/", views.people_list, name="people_list"),
    path("doi-tuong/them/", views.person_create, name="person_create"),
    path("doi-tuong/xuat-excel/", views.people_export, name="people_export"),
    path("doi-tuong/<int:pk>/", views.person_detail, name="person_detail"),
    path("doi-tuong/<int:pk>/sua/", views.person_edit, name="person_edit"),
    path("doi-tuong/<int:pk>/dong/", views.person_close, name="person_close"),
    path("don-vi/", views.units, name="units"),
    path("don-vi/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("lich-lam-viec/", views.work_calendar, name="work_calendar"),
    path("lich-lam-viec/<int:year>/", views.work_calendar, name="work_calendar_year"),
    path(
        "lich-lam-viec/ngay/<int:pk>/bo/",
        views.calendar_override_disable,
        name="calendar_override_disable",
    ),
    path("nhap-du-lieu/", views.import_index, name="import_index"),
    path("nhap-du-lieu/<slug:kind>/", views.import_upload, name="import_upload"),
    path("nhap-du-lieu/<slug:kind>/mau.xlsx", views.import_template, name="import_template"),
    path("nhap-du-lieu/<slug:kind>/xac-nhan/", views.import_commit, name="import_commit"),
    path("nhap-du-lieu/viec/<int:pk>/", views.import_job, name="import_job"),
    path("kiem-soat/nhat-ky-truy-cap/", views.access_log, name="access_log"),
    path("kiem-soat/lich-su-thay-doi/", views.change_history, name="change_history"),
]
