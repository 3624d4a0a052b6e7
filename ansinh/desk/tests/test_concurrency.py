"""Exactly one of several simultaneous requests changes a dossier's state (issue 10, finding 3).

Real threads, each with its own connection and committed transactions: on SQLite the
IMMEDIATE transactions and the busy timeout of the settings, on PostgreSQL the row lock."""
import pytest
from django.contrib.messages import get_messages
from django.test import Client

from ansinh.core.tests.race import race
from ansinh.desk.models import Dossier, Step

from .conftest import moment
from .test_services import routed

pytestmark = pytest.mark.django_db(transaction=True)


def test_three_simultaneous_decisions_leave_exactly_one(desk):
    dossier = routed(desk, moment(2024, 3, 4, 9))
    clients = []
    for _ in range(3):
        client = Client()
        client.force_login(desk["labour"])
        clients.append(client)

    def decide(i):
        response = clients[i].post(f"/mot-cua/ho-so/{dossier.pk}/xu-ly/",
                                   {"action": "decide", "outcome": "approved", "result": f"GPLĐ số {i + 1}/2024"})
        return response.status_code, [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]

    results = race(3, decide)
    assert all(isinstance(r, tuple) and r[0] == 302 for r in results), results
    levels = sorted(messages[0][0] for _, messages in results)
    assert levels == ["error", "error", "success"], results
    refusals = [messages[0][1] for _, messages in results if messages[0][0] == "error"]
    assert all("đã được" in text and "Có kết quả giải quyết" in text and "hãy tải lại trang" in text for text in refusals), refusals
    assert Step.objects.filter(dossier=dossier, kind=Step.Kind.DECIDED).count() == 1
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.DECIDED
    assert dossier.history.filter(status=Dossier.Status.DECIDED).count() == 1
