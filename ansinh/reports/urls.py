from django.urls import path

from . import views

urlpatterns = [
    path("bao-cao/", views.report_index, name="report_index"),
    path("bao-cao/lap/", views.report_issue, name="report_issue"),
    path("bao-cao/mau-word/", views.word_template, name="word_template"),
    path("bao-cao/da-lap/", views.report_list, name="report_list"),
    path("bao-cao/da-lap/<int:pk>/", views.report_detail, name="report_detail"),
    path("bao-cao/da-lap/<int:pk>/tai/<str:kind>/", views.report_download, name="report_download"),
]
