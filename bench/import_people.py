"""Benchmark: import 100.000 people from .xlsx with full validation, all or nothing.

Goal (issue 2): under 30 s and under 1 GB on the 2-core machine. Prints rows/s and peak memory.
The spreadsheet is written by a child process so its memory does not count.
    python bench/import_people.py [ROWS]
"""

import subprocess
import sys
import tempfile
from pathlib import Path

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 100_000


def write_workbook(path, rows, commune_codes):
    """Child process: a realistic people file (the demo's synthetic people)."""
    from openpyxl import Workbook

    from ansinh.core import demo
    from ansinh.core.importers import PersonImporter
    from ansinh.core.models import AdminUnit

    communes = [AdminUnit(pk=i + 1, code=code) for i, code in enumerate(commune_codes)]
    people = demo.synthetic_people(communes, rows, seed=7)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Dữ liệu")
    sheet.append([c.header for c in PersonImporter.columns])
    for p in people:
        sheet.append(
            [
                p.full_name,
                p.birth_date.strftime("%d/%m/%Y") if p.birth_date else str(p.birth_year),
                "Nam" if p.sex == "nam" else "Nữ",
                p.get_ethnicity_display(),
                p.personal_id or "",
                p.phone,
                p.address,
                p.commune.code,
                "",
            ]
        )
    workbook.save(path)


def main():
    from common import bench_database, engine, peak_rss_mb, timed
    from django.contrib.auth.models import User

    from ansinh.core.imports import run_import
    from ansinh.core.models import AdminUnit, Person
    from ansinh.core.tests.factories import UserFactory

    with bench_database():
        codes = list(
            AdminUnit.objects.filter(level="commune", valid_from=None).values_list(
                "code", flat=True
            )
        )
        path = Path(tempfile.mkdtemp()) / "people.xlsx"
        subprocess.run(
            [sys.executable, __file__, "--write", str(path), str(ROWS), ",".join(codes)], check=True
        )
        UserFactory(username="bench", role="division_officer", unit_code="SLDTBXH94-BTXH")
        user = User.objects.get(username="bench")
        content = path.read_bytes()
        results = {}
        with timed("validate", results):
            dry = run_import("people", content, path.name, user)
        with timed("validate+commit", results):
            result = run_import(
                "people", content, path.name, user, commit=True, confirm_warnings=True
            )
        assert result.committed and Person.objects.count() == ROWS, (
            dry.errors[:5],
            result.errors[:5],
        )
        total = results["validate+commit"]
        print(
            f"engine={engine()} rows={ROWS} file={len(content) / 1048576:.1f} MB warnings={len(result.warnings)}"
        )
        print(
            f"validate only: {results['validate']:.1f} s ({ROWS / results['validate']:,.0f} rows/s)"
        )
        print(f"validate + commit: {total:.1f} s ({ROWS / total:,.0f} rows/s)  goal < 30 s")
        print(f"peak memory: {peak_rss_mb():.0f} MB  goal < 1024 MB")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--write":
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        import os

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ansinh.settings")
        import django

        django.setup()
        write_workbook(sys.argv[2], int(sys.argv[3]), sys.argv[4].split(","))
    else:
        main()
