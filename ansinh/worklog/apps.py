from django.apps import AppConfig


class WorklogConfig(AppConfig):
    name = "ansinh.worklog"
    label = "worklog"
    verbose_name = "Nhật ký công tác"
