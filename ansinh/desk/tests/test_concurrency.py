"""Exactly one of several simultaneous requests changes a dossier's state (issue 10, finding 3).

Real threads, each with its own connection and committed transactions: on SQLite the
IMMEDIATE transactions and the busy timeout of the settings, on PostgreSQL the row lock."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client

from ansinh.core.concurrency import version_of
from ansinh.core.tests.race import race
from ansinh.core.tests.web import login
from ansinh.desk.models import Dossier, Step

from .conftest import moment
from .test_services import routed

pytestmark = pytest.mark.django_db(transaction=True)


def test_three_simultaneous_decisions_leave_exactly_one(desk):
    dossier = routed(desk, moment(2024, 3, 4, 9))
    version = version_of(dossier)  # the three clerks opened the same page
    clients = []
    for _ in range(3):
        client = Client()
        login(client, desk["labour"])
        clients.append(client)

    def decide(i):
        response = clients[i].post(
            f"/mot-cua/ho-so/{dossier.pk}/ket-qua/",
            {"version": version, "outcome": "approved", "result": f"GPLĐ số {i + 1}/2024"},
        )
        return response.status_code, [
            (m.level_tag, str(m)) for m in get_messages(response.wsgi_request)
        ]

    results = race(3, decide)
    assert all(isinstance(r, tuple) and r[0] == 302 for r in results), results
    levels = sorted(messages[0][0] for _, messages in results)
    assert levels == ["error", "error", "success"], results
    refusals = [messages[0][1] for _, messages in results if messages[0][0] == "error"]
    # the page they decided from is no longer the dossier's version: told who changed it, and when
    assert all(
        text.startswith("Hồ sơ đã được vieclam sửa lúc ") and text.endswith("hãy tải lại trang.")
        for text in refusals
    ), refusals
    assert Step.objects.filter(dossier=dossier, kind=Step.Kind.DECIDED).count() == 1
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.DECIDED
    assert dossier.history.filter(status=Dossier.Status.DECIDED).count() == 1


def test_an_action_from_a_stale_dossier_page_is_refused(desk, client):
    dossier = routed(desk, moment(2024, 3, 4, 9))
    login(client, desk["labour"])
    version = client.get(f"/mot-cua/ho-so/{dossier.pk}/").context["version"]
    desk["leader"].first_name, desk["leader"].last_name = "Hoa", "Nguyễn Thị"
    desk["leader"].save()
    dossier.applicant_phone, dossier._history_user = "0299 3821 999", desk["leader"]
    dossier.save()  # someone else changed the dossier after the page was opened
    response = client.post(
        f"/mot-cua/ho-so/{dossier.pk}/ket-qua/",
        {"outcome": "approved", "result": "GPLĐ số 9/2024", "version": version},
        follow=True,
    )
    assert "Hồ sơ đã được Nguyễn Thị Hoa sửa lúc" in response.content.decode()
    dossier.refresh_from_db()
    assert (
        dossier.status == Dossier.Status.PROCESSING
        and not dossier.steps.filter(kind=Step.Kind.DECIDED).exists()
    )
    fresh = client.get(f"/mot-cua/ho-so/{dossier.pk}/").context["version"]
    client.post(
        f"/mot-cua/ho-so/{dossier.pk}/ket-qua/",
        {"outcome": "approved", "result": "GPLĐ số 9/2024", "version": fresh},
    )
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.DECIDED


def test_three_simultaneous_decisions_through_the_service_leave_exactly_one(desk):
    """Without the page's version (a service call, as the API makes it) the row lock still lets one through."""
    from ansinh.desk import services

    dossier = routed(desk, moment(2024, 3, 4, 9))
    pages = [Dossier.objects.get(pk=dossier.pk) for _ in range(3)]
    results = race(
        3,
        lambda i: (
            services.decide(desk["labour"], pages[i], "approved", f"GPLĐ số {i + 1}/2024").result
        ),
    )
    refusals = [str(r) for r in results if isinstance(r, Exception)]
    assert len(refusals) == 2, results
    assert all(
        "không thể ghi kết quả giải quyết. Hồ sơ đã được vieclam xử lý lúc " in text
        and "(bước “Có kết quả giải quyết”); hãy tải lại trang." in text
        for text in refusals
    ), refusals
    assert Step.objects.filter(dossier=dossier, kind=Step.Kind.DECIDED).count() == 1
