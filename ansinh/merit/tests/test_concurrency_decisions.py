"""A draft decision approved by the leader while the officer cancels it, at the same moment:
exactly one of the two happens (issue 10, finding 3). Real threads, each with its own connection."""

from datetime import date

import pytest

from ansinh.core.tests.race import race
from ansinh.merit import services
from ansinh.merit.models import Decision

from .helpers import paying_record

pytestmark = [pytest.mark.usefixtures("merit"), pytest.mark.django_db(transaction=True)]


def test_approve_and_cancel_at_once_leave_one_outcome(ncc, users, my_tu_commune):
    record = paying_record(
        my_tu_commune, "CDHH", 30, start=None, full_name="Huỳnh Thị Mai", sex="nu"
    )
    draft = services.draft_decision(ncc, record, "monthly", date(2024, 7, 1))

    pages = [Decision.objects.get(pk=draft.pk) for _ in range(2)]  # the page each of them has open

    def act(i):
        loaded = pages[i]
        if i == 0:
            return services.approve_decision(users["leader"], loaded, date(2024, 7, 5)).status
        return services.cancel_decision(ncc, loaded, "Nhập nhầm hồ sơ").status

    results = race(2, act)
    outcomes = [r for r in results if not isinstance(r, Exception)]
    refusals = [str(r) for r in results if isinstance(r, Exception)]
    assert len(outcomes) == 1 and len(refusals) == 1, results
    draft.refresh_from_db()
    assert draft.status == outcomes[0]
    assert "Quyết định" in refusals[0] and "hãy tải lại trang" in refusals[0], refusals
    assert (
        draft.history.exclude(status=Decision.Status.DRAFT).count() == 1
    )  # one change, never both


def test_three_simultaneous_approvals_give_one_number(ncc, users, my_tu_commune):
    record = paying_record(
        my_tu_commune, "CDHH", 30, start=None, full_name="Huỳnh Thị Mai", sex="nu"
    )
    draft = services.draft_decision(ncc, record, "monthly", date(2024, 7, 1))

    pages = [Decision.objects.get(pk=draft.pk) for _ in range(3)]
    results = race(
        3, lambda i: services.approve_decision(users["leader"], pages[i], date(2024, 7, 5)).number
    )
    numbers = [r for r in results if not isinstance(r, Exception)]
    assert len(numbers) == 1, results
    assert Decision.objects.filter(status=Decision.Status.APPROVED).count() == 1
    assert all("không duyệt lần thứ hai" in str(r) for r in results if isinstance(r, Exception)), (
        results
    )
