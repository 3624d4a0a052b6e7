from django.apps import AppConfig


class WelfareConfig(AppConfig):
    name = "ansinh.welfare"
    label = "welfare"
    verbose_name = "Bảo trợ xã hội"

    def ready(self):
        from ansinh.core.areas import register_page
        from ansinh.core.services import register_mover
        from ansinh.payroll.engine import register_scheme

        from . import importers, payroll, sources  # noqa: F401  (registers the importers and indicator sources)
        from .models import Case

        register_mover(Case, "welfare")
        register_scheme(
            payroll.SCHEME,
            payroll.generate,
            "TRỢ CẤP XÃ HỘI",
            on_approve=payroll.on_approve,
            check_start=payroll.check_month_has_rules,
        )

        for label, url_name in (
            ("Hồ sơ trợ cấp xã hội hằng tháng", "case_list"),
            ("Danh sách chi trả", "payroll_index"),
            ("Hỗ trợ người chăm sóc, nuôi dưỡng", "caregivers"),
            ("Hỗ trợ một lần, chúc thọ", "supports"),
            ("Trung tâm Bảo trợ xã hội", "centre"),
            ("Trẻ em có hoàn cảnh đặc biệt", "children"),
        ):
            register_page("welfare", label, url_name)
