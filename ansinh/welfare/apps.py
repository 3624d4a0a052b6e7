from django.apps import AppConfig


class WelfareConfig(AppConfig):
    name = "ansinh.welfare"
    label = "welfare"
    verbose_name = "Bảo trợ xã hội"

    def ready(self):
        from . import importers, sources  # noqa: F401  (registers the case importer and indicator sources)
