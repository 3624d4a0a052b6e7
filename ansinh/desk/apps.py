from django.apps import AppConfig
from django.db.models.signals import post_migrate


class DeskConfig(AppConfig):
    name = "ansinh.desk"
    label = "desk"
    verbose_name = "Một cửa, tiếp công dân, đơn thư"

    def ready(self):
        from ansinh.core.areas import register_page

        from . import importers, sources  # noqa: F401  (registers the importer and indicator sources)
        from .loaders import load_after_migrate

        post_migrate.connect(load_after_migrate, sender=self)
        for label, url_name in (
            ("Tiếp nhận hồ sơ (bộ phận một cửa)", "desk_receive"),
            ("Hồ sơ thủ tục hành chính", "desk_dossiers"),
            ("Hồ sơ chờ xử lý của phòng", "desk_inbox"),
            ("Thống kê giải quyết hồ sơ", "desk_stats"),
            ("Sổ theo dõi hồ sơ", "desk_book"),
            ("Danh mục thủ tục hành chính", "desk_procedures"),
            ("Sổ tiếp công dân", "desk_receptions"),
            ("Đơn phản ánh, kiến nghị, khiếu nại, tố cáo", "desk_petitions"),
        ):
            register_page("inspection", label, url_name)
