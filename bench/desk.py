"""Benchmark of the one-stop desk (issue 5). Goals: with 2.000.000 dossiers (10 years of a large
province) the counter's receipt saves and prints in under 300 ms and the statistics page of a
quarter answers in under 1 s; add_working_days over a 20-year calendar runs at least 100.000
calls/s. Prints each figure. SQLite by default; PostgreSQL when DATABASE_URL is set.
    python bench/desk.py [DOSSIERS]
"""

import random
import sys
import time
from datetime import date, datetime, timedelta

from common import bench_database, engine, median_ms, peak_rss_mb

DOSSIERS = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 2_000_000
CHUNK = 100_000
FIRST_DAY, LAST_DAY = date(2015, 1, 1), date(2024, 12, 31)


def working_day_speed():
    from ansinh.core.calendar_service import public_holidays
    from ansinh.core.workdays import WorkCalendar

    calendar = WorkCalendar(public_holidays(range(2015, 2035)), (), 2015, 2034)
    rng = random.Random(1)
    span = (date(2034, 6, 30) - date(2015, 1, 1)).days
    calls = [
        (date(2015, 1, 1) + timedelta(days=rng.randrange(span)), rng.randint(0, 30))
        for _ in range(500_000)
    ]
    start = time.perf_counter()
    for day, n in calls:
        calendar.add_working_days(day, n)
    elapsed = time.perf_counter() - start
    return len(calls) / elapsed


def fill(count):
    from django.db import connection, transaction
    from django.utils import timezone

    from ansinh.core.bulk import insert_rows
    from ansinh.core.calendar_service import work_calendar
    from ansinh.core.models import AdminUnit, OrgUnit
    from ansinh.desk.models import Dossier, Procedure

    calendar = work_calendar()
    rng = random.Random(7)
    province = AdminUnit.objects.get(level="province", code="94", valid_from=None)
    procedures = list(Procedure.objects.all())
    divisions = {u.area: u.pk for u in OrgUnit.objects.filter(kind="division", territory=province)}
    days = [FIRST_DAY + timedelta(days=i) for i in range((LAST_DAY - FIRST_DAY).days + 1)]
    working = [d for d in days if calendar.is_working_day(d)]
    due_of = {}
    columns = [
        "code",
        "portal_code",
        "procedure_id",
        "unit_id",
        "channel",
        "status",
        "applicant_name",
        "applicant_id",
        "applicant_phone",
        "applicant_email",
        "applicant_address",
        "documents_received",
        "missing_items",
        "refusal_reason",
        "received_at",
        "received_on",
        "received_by_id",
        "start_date",
        "due_date",
        "original_due_date",
        "resets",
        "division_id",
        "outcome",
        "result",
        "decided_on",
        "returned_at",
    ]
    tz = timezone.get_current_timezone()
    for offset in range(0, count, CHUNK):
        rows = []
        for i in range(offset, min(count, offset + CHUNK)):
            day = working[i * len(working) // count]
            procedure = rng.choice(procedures)
            key = (day, procedure.days)
            if key not in due_of:
                due_of[key] = calendar.add_working_days(day, procedure.days)
            due = due_of[key]
            decided = calendar.add_working_days(day, rng.randint(0, procedure.days + 1))
            received_at = datetime(day.year, day.month, day.day, 9, rng.randint(0, 59), tzinfo=tz)
            rows.append(
                (
                    f"94-{day:%y%m%d}-{i:07d}-BNCH",
                    "",
                    procedure.pk,
                    province.pk,
                    rng.choice(["online", "online", "online", "direct"]),
                    "returned",
                    f"Người nộp {i}",
                    "",
                    "",
                    "",
                    "",
                    [],
                    "",
                    "",
                    received_at,
                    day,
                    None,
                    day,
                    due,
                    due,
                    0,
                    divisions.get(procedure.field),
                    "approved",
                    "Văn bản",
                    decided,
                    None,
                )
            )
        with transaction.atomic():
            insert_rows(Dossier, columns, rows)
        print(f"  {offset + len(rows):>9,} hồ sơ".replace(",", "."), flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def main():
    print(
        f"add_working_days (lịch 20 năm 2015–2034): {working_day_speed():,.0f} lượt/giây (mục tiêu ≥ 100.000)".replace(
            ",", "."
        )
    )
    with bench_database():
        from django.contrib.auth.models import User
        from django.test import Client

        from ansinh.core.models import OrgUnit, Profile
        from ansinh.desk.loaders import load_reference_data
        from ansinh.desk.models import Dossier, Procedure

        load_reference_data()
        desk = User.objects.create_user("motcua", password="x")
        Profile.objects.create(
            user=desk, role="division_officer", org_unit=OrgUnit.objects.get(code="SLDTBXH94-VP")
        )
        leader = User.objects.create_user("lanhdao", password="x")
        Profile.objects.create(
            user=leader, role="leader", org_unit=OrgUnit.objects.get(code="SLDTBXH94")
        )
        start = time.perf_counter()
        fill(DOSSIERS)
        print(
            f"Nạp {DOSSIERS:,} hồ sơ: {time.perf_counter() - start:.1f} s ({engine()})".replace(
                ",", "."
            )
        )

        procedure = Procedure.objects.get(code="LD-GPLD-GIAHAN")
        counter = Client()
        counter.force_login(desk)
        form = {
            "procedure": procedure.pk,
            "channel": "direct",
            "applicant_name": "Công ty TNHH Thủy sản Phát Đạt",
            "applicant_phone": "0299 3821 123",
            "outcome": "complete",
            "documents": procedure.document_list,
        }

        def receive_and_print():
            response = counter.post("/mot-cua/tiep-nhan/", form)
            assert response.status_code == 302, response.content[:500]
            assert counter.get(response["Location"]).status_code == 200

        median, worst = median_ms(receive_and_print, 30)
        print(
            f"Tiếp nhận + in giấy hẹn (30 lần): trung vị {median:.0f} ms, chậm nhất {worst:.0f} ms (mục tiêu < 300 ms)"
        )

        office = Client()
        office.force_login(leader)
        for period in ("2019Q3", "2024Q4"):

            def stats(period=period):
                response = office.get(f"/mot-cua/thong-ke/?period={period}")
                assert response.status_code == 200

            median, worst = median_ms(stats, 5)
            print(
                f"Trang thống kê quý {period}: trung vị {median:.0f} ms, chậm nhất {worst:.0f} ms (mục tiêu < 1 s)"
            )
        print(
            f"Tổng số hồ sơ: {Dossier.objects.count():,}; bộ nhớ đỉnh {peak_rss_mb():.0f} MB".replace(
                ",", "."
            )
        )


if __name__ == "__main__":
    main()
