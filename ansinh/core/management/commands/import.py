from pathlib import Path

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError

from ansinh.core.imports import REGISTRY, run_import


class Command(BaseCommand):
    help = "Nhập dữ liệu từ tệp: ansinh import KIND FILE (kiểm tra toàn bộ tệp, nhập tất cả hoặc không)."

    def add_arguments(self, parser):
        parser.add_argument("kind", help="Loại dữ liệu: " + ", ".join(sorted(REGISTRY)))
        parser.add_argument("file")
        parser.add_argument(
            "--user", default="admin", help="Tài khoản thực hiện (quyết định phạm vi địa bàn)"
        )
        parser.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra, không ghi")
        parser.add_argument(
            "--confirm-warnings", action="store_true", help="Vẫn nhập các dòng có cảnh báo trùng"
        )

    def handle(self, *args, **options):
        if options["kind"] not in REGISTRY:
            raise CommandError(
                f"Không có loại dữ liệu nhập “{options['kind']}”. Các loại hiện có: {', '.join(sorted(REGISTRY))}."
            )
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp {path}.")
        user = User.objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"Không có tài khoản “{options['user']}”.")
        result = run_import(
            options["kind"],
            path.read_bytes(),
            path.name,
            user,
            commit=not options["dry_run"],
            confirm_warnings=options["confirm_warnings"],
        )
        for problem in result.errors:
            self.stderr.write(f"LỖI  {problem}")
        for problem in result.warnings:
            self.stderr.write(f"CẢNH BÁO  {problem}")
        if not result.ok:
            raise CommandError(f"Tệp có {len(result.errors)} lỗi; không nhập dòng nào.")
        if result.committed:
            self.stdout.write(f"Đã nhập {result.created} dòng.")
        elif result.warnings and not options["dry_run"]:
            raise CommandError(
                f"Có {len(result.warnings)} cảnh báo; chạy lại với --confirm-warnings nếu vẫn muốn nhập."
            )
        else:
            self.stdout.write(f"Tệp hợp lệ: {result.total_rows} dòng (chưa ghi vì --dry-run).")
