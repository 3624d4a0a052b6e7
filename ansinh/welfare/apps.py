from django.apps import AppConfig


class WelfareConfig(AppConfig):
    name = "ansinh.welfare"
    label = "welfare"
    verbose_name = "Bảo trợ xã hội"
