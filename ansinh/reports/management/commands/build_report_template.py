from django.core.management.base import BaseCommand

from ansinh.reports.documents import TEMPLATE
from ansinh.reports.docx_template import build_template


class Command(BaseCommand):
    help = "Tạo lại mẫu Word của báo cáo quý (ansinh/reports/data/bao_cao_quy.docx)."

    def handle(self, *args, **options):
        build_template(TEMPLATE)
        self.stdout.write(f"Đã tạo {TEMPLATE}")
