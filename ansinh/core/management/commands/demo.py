from django.core.management.base import BaseCommand

from ansinh import demo as full_demo
from ansinh.core import demo


class Command(BaseCommand):
    help = "Nạp bộ dữ liệu mẫu (Sóc Trăng, quý I/2024). Chạy lại nhiều lần không tạo trùng."

    def add_arguments(self, parser):
        parser.add_argument(
            "--people", type=int, default=3000, help="Số đối tượng mẫu (mặc định 3000)"
        )
        parser.add_argument(
            "--quiet-accounts", action="store_true", help="Không in danh sách tài khoản mẫu"
        )

    def handle(self, *args, **options):
        full_demo.run(options["people"], log=self.stdout.write)
        if not options["quiet_accounts"]:
            self.stdout.write(
                f"\nTài khoản mẫu (mật khẩu chung: {demo.DEMO_PASSWORD}) – chỉ dùng để thử nghiệm:"
            )
            for username, last, first, role, unit in demo.USERS:
                self.stdout.write(f"  {username:<10} {last} {first} – {role.label} – {unit}")
