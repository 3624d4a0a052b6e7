from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "ansinh.indicators"
    label = "indicators"
    verbose_name = "Chỉ tiêu và số liệu"

    def ready(self):
        from . import importers  # noqa: F401  (registers the data-value and target importers)
