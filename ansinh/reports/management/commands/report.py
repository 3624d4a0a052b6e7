from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ansinh.core.periods import Period, PeriodError
from ansinh.reports import documents, services
from ansinh.reports.models import ReportDefinition


class Command(BaseCommand):
    help = "Lập báo cáo định kỳ: ansinh report 2024Q1 --unit 94 --format docx|pdf|xlsx --out TỆP"

    def add_arguments(self, parser):
        parser.add_argument("period", help="Kỳ báo cáo, ví dụ 2024Q1")
        parser.add_argument("--unit", default="94", help="Mã tỉnh (mặc định 94)")
        parser.add_argument("--format", choices=["docx", "pdf", "xlsx"], default="docx")
        parser.add_argument("--out", required=True, help="Tệp kết quả")
        parser.add_argument("--definition", default="BC_QUY", help="Mã mẫu báo cáo")
        parser.add_argument("--date", help="Ngày ký, dạng YYYY-MM-DD (mặc định hôm nay)")
        parser.add_argument("--number", default="", help="Số văn bản")

    def handle(self, *args, **options):
        try:
            period = Period.parse(options["period"])
            root = services.root_unit(options["unit"])
            definition = ReportDefinition.objects.get(code=options["definition"])
            issue_date = date.fromisoformat(options["date"]) if options["date"] else None
        except PeriodError as error:
            raise CommandError(str(error)) from error
        except ValueError:
            raise CommandError("Ngày ký phải có dạng YYYY-MM-DD.") from None
        except (ReportDefinition.DoesNotExist, Exception) as error:
            raise CommandError(
                f"{error}" if str(error) else "Không có mẫu báo cáo hoặc địa bàn này."
            ) from error
        content, warnings = services.prepare(
            definition, period, root, issue_date, options["number"]
        )
        for item in warnings:
            self.stderr.write(f"CẢNH BÁO  {item['where']}: {item['message']}")
        try:
            docx = documents.render_docx(content, definition.word_template)
            data = {
                "docx": lambda: docx,
                "pdf": lambda: documents.docx_to_pdf(docx),
                "xlsx": lambda: documents.render_xlsx(content),
            }[options["format"]]()
        except documents.DocumentError as error:
            raise CommandError(str(error)) from error
        out = Path(options["out"])
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
        self.stdout.write(f"Đã lập {out} ({period.label}, {len(warnings)} cảnh báo)")
