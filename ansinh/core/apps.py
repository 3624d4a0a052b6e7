from django.apps import AppConfig


def vietnamese_full_name(user):
    """Family and middle names (last_name) come before the given name (first_name) in Vietnamese."""
    return f"{user.last_name} {user.first_name}".strip()


class CoreConfig(AppConfig):
    name = "ansinh.core"
    label = "core"
    verbose_name = "Dữ liệu dùng chung"

    def ready(self):
        from django.contrib.auth.models import User

        from . import importers  # noqa: F401  (registers the people importer)

        User.get_full_name = vietnamese_full_name
