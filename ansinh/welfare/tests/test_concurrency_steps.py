"""Exactly one of several simultaneous steps changes a welfare case (issue 10, finding 3): real
threads, each with its own connection, calling the service as three officers' requests would."""

from datetime import date

import pytest

from ansinh.core.tests.factories import PersonFactory
from ansinh.core.tests.race import race
from ansinh.welfare import services
from ansinh.welfare.models import Case

from .factories import CaseFactory

pytestmark = pytest.mark.django_db(transaction=True)


def appraised_case(user, commune):
    person = PersonFactory(
        commune=commune,
        full_name="Lâm Thị Bảy",
        sex="nu",
        birth_date=date(1940, 5, 10),
        birth_year=1940,
    )
    case = CaseFactory.build(person=person, commune=commune)
    services.receive(user, case)
    services.appraise(user, case, True)
    return case


def test_three_simultaneous_decisions_on_one_case_leave_exactly_one(welfare, users, my_tu_commune):
    case = appraised_case(users["admin"], my_tu_commune)

    pages = [Case.objects.get(pk=case.pk) for _ in range(3)]  # three officers have the case open

    def decide(i):
        loaded = pages[i]
        services.decide(
            users["admin"], loaded, f"{i + 1}/QĐ-UBND", date(2024, 1, 5), date(2024, 1, 1)
        )
        return loaded.decision_number

    results = race(3, decide)
    refusals = [r for r in results if isinstance(r, Exception)]
    assert len(refusals) == 2, results
    assert all(
        f"Hồ sơ của {case.person}" in str(r) and "hãy tải lại trang" in str(r) for r in refusals
    ), refusals
    case.refresh_from_db()
    assert case.status == Case.Status.PAYING
    winner = next(r for r in results if not isinstance(r, Exception))
    assert case.decision_number == winner
    assert case.history.filter(status=Case.Status.PAYING).count() == 1
