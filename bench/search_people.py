"""Benchmark: name search without diacritics over 1.000.000 people.

Goal (issue 2): under 100 ms per query on SQLite and on PostgreSQL. Each query is what the
people page runs: the scoped search, the count for the pager and the first page of 50 rows.
    python bench/search_people.py [PEOPLE]
"""

import statistics
import sys
import time

PEOPLE = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
CHUNK = 50_000
QUERIES = [
    "",
    "nguyen van an",
    "Trần Thị Lan",
    "thach thi sa ri",
    "van hung",
    "lam van soc",
    "le thi",
    "hoa",
    "nguyen",
    "danh",
]
REPEAT = 5


def fill(people_count):
    from django.contrib.auth.models import User
    from django.db import transaction

    from ansinh.core import demo
    from ansinh.core.models import AdminUnit
    from ansinh.core.services import bulk_create_people

    communes = list(AdminUnit.objects.filter(level="commune", valid_from=None))
    admin = User.objects.get(username="leader")
    start = time.perf_counter()
    for seed, offset in enumerate(range(0, people_count, CHUNK)):
        people = demo.synthetic_people(communes, min(CHUNK, people_count - offset), seed=seed)
        for person in people:
            person.personal_id = None  # IDs are unique per seed only
        with transaction.atomic():
            bulk_create_people(people, admin, "benchmark")
    return time.perf_counter() - start


def page_query(user, q):
    from ansinh.core import queries
    from ansinh.core.pagination import IdFirstPaginator
    from ansinh.core.views import PAGE_SIZE

    people, _ = queries.filtered_people(user, q)
    page = IdFirstPaginator(people, PAGE_SIZE).get_page(1)
    return page.paginator.count, [p.full_name for p in page]


def main():
    from common import bench_database, engine
    from django.contrib.auth.models import User
    from django.db import connection

    from ansinh.core.tests.factories import UserFactory

    with bench_database():
        UserFactory(username="leader", role="leader", unit_code="SLDTBXH94")
        UserFactory(username="mytu", role="district_officer", unit_code="PLDTBXH-944")
        seconds = fill(PEOPLE)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        else:
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        print(f"engine={engine()} people={PEOPLE:,} filled in {seconds:.0f} s")
        worst = 0.0
        for username in ("leader", "mytu"):
            user = User.objects.select_related("profile__org_unit__territory").get(
                username=username
            )
            for q in QUERIES:
                page_query(user, q)  # warm the cache as a working server would be
                times = []
                for _ in range(REPEAT):
                    start = time.perf_counter()
                    count, rows = page_query(user, q)
                    times.append((time.perf_counter() - start) * 1000)
                median = statistics.median(times)
                worst = max(worst, median)
                print(
                    f"  {username:<6} {q!r:<20} {count:>9,}{'+' if count == 10_000 else ' '} found  median {median:6.1f} ms  max {max(times):6.1f} ms"
                )
        print(f"worst median: {worst:.1f} ms  goal < 100 ms")


if __name__ == "__main__":
    main()
