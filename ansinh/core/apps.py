from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ansinh.core"
    label = "core"
    verbose_name = "Dữ liệu dùng chung"

    def ready(self):
        from . import importers  # noqa: F401  (registers the people importer)
