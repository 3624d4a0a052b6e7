from django.apps import AppConfig


class MeritConfig(AppConfig):
    name = "ansinh.merit"
    label = "merit"
    verbose_name = "Người có công"

    def ready(self):
        from ansinh.core.areas import register_page
        from ansinh.core.services import register_mover
        from ansinh.payroll.engine import register_scheme

        from . import importers, payroll, sources  # noqa: F401  (registers the importers and indicator sources)
        from .models import MeritRecord

        register_mover(MeritRecord, "merit")

        register_scheme(
            payroll.SCHEME,
            payroll.generate,
            "TRỢ CẤP ƯU ĐÃI NGƯỜI CÓ CÔNG",
            on_approve=payroll.on_approve,
            problems=payroll.problems,
        )

        for label, url_name in (
            ("Hồ sơ người có công", "merit_records"),
            ("Quyết định", "merit_decisions"),
            ("Tính lại trợ cấp theo đợt", "merit_batches"),
            ("Theo dõi thu hồi", "merit_recoveries"),
            ("Danh sách chi trả người có công", "merit_payroll"),
            ("Bảng mức trợ cấp", "merit_tables"),
            ("Quà Tết, 27/7, điều dưỡng", "merit_campaigns"),
        ):
            register_page("merit", label, url_name)
