from django.apps import AppConfig


class WelfareConfig(AppConfig):
    name = "ansinh.welfare"
    label = "welfare"
    verbose_name = "Bảo trợ xã hội"

    def ready(self):
        from . import importers  # noqa: F401  (registers the case importer)
