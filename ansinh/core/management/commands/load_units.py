from django.core.management.base import BaseCommand

from ansinh.core import loaders


class Command(BaseCommand):
    help = "Nạp danh mục đơn vị hành chính của một tỉnh: trước 01/07/2025 (mã cũ) và/hoặc hiện hành (mã mới)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--pre-reform", help="Mã tỉnh trong danh mục trước 01/07/2025, ví dụ 94"
        )
        parser.add_argument("--current", help="Mã tỉnh trong danh mục hiện hành, ví dụ 92")

    def handle(self, *args, **options):
        pre = loaders.load_pre_reform_units(options["pre_reform"]) if options["pre_reform"] else {}
        current = loaders.load_current_province(options["current"]) if options["current"] else None
        if pre and current:
            loaders.link_successors([u for (lvl, _), u in pre.items() if lvl != "commune"], current)
        self.stdout.write(
            f"Đã nạp {len(pre)} đơn vị trước sắp xếp{'; ' + current.name if current else ''}."
        )
