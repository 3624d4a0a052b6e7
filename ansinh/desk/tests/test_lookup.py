"""The public dossier look-up behind a proxy: throttled per client and per code, so that wrong
codes of one citizen never block another's right code (issue 10, finding 5)."""

import pytest
from django.test import RequestFactory

from ansinh.core.audit import client_ip
from ansinh.desk import services
from ansinh.desk.views import LOOKUP_FAILURES, LOOKUP_PER_CODE

from .conftest import moment, new_dossier

pytestmark = pytest.mark.django_db
PROXY = "10.0.0.5"


@pytest.fixture
def dossier(desk):
    return services.receive(desk["desk"], new_dossier(), "complete", at=moment(2024, 4, 19, 9))


def wrong(code):
    return code[:-4] + ("AAAA" if not code.endswith("AAAA") else "BBBB")


@pytest.mark.parametrize(
    "remote, forwarded, expected",
    [
        ("10.0.0.5", "203.0.113.7", "203.0.113.7"),  # the proxy says who the citizen is
        (
            "10.0.0.5",
            "198.51.100.1, 203.0.113.7",
            "203.0.113.7",
        ),  # what the client wrote itself proves nothing
        (
            "10.0.0.5",
            "203.0.113.7, 10.0.0.9",
            "203.0.113.7",
        ),  # a chain of trusted proxies (10.0.0.0/24)
        (
            "192.0.2.44",
            "203.0.113.7",
            "192.0.2.44",
        ),  # not from a trusted proxy: the header is ignored
        ("10.0.0.5", "not-an-address", "10.0.0.5"),
        ("10.0.0.5", "", "10.0.0.5"),
    ],
)
def test_client_address_behind_trusted_proxies(settings, remote, forwarded, expected):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_wrong_codes_of_one_citizen_do_not_block_another_behind_the_proxy(
    client, settings, dossier
):
    settings.TRUSTED_PROXIES = [PROXY]
    for _ in range(LOOKUP_FAILURES):
        assert (
            client.post(
                "/tra-cuu-ho-so/",
                {"code": wrong(dossier.code)},
                REMOTE_ADDR=PROXY,
                HTTP_X_FORWARDED_FOR="203.0.113.7",
            ).status_code
            == 200
        )
    blocked = client.post(
        "/tra-cuu-ho-so/",
        {"code": dossier.code},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="203.0.113.7",
    )
    assert blocked.status_code == 429 and "quá nhiều lần" in blocked.content.decode()
    other = client.post(
        "/tra-cuu-ho-so/",
        {"code": dossier.code},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="198.51.100.23",
    )
    assert (
        other.status_code == 200
        and dossier.code in other.content.decode()
        and 'id="result"' in other.content.decode()
    )
    assert "no-store" in other["Cache-Control"]


def test_a_guesser_cannot_change_address_by_writing_the_header(client, settings, dossier):
    settings.TRUSTED_PROXIES = [PROXY]
    for n in range(LOOKUP_FAILURES):
        client.post(
            "/tra-cuu-ho-so/",
            {"code": wrong(dossier.code)},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.7",
        )
    response = client.post(
        "/tra-cuu-ho-so/",
        {"code": dossier.code},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="192.0.2.200, 203.0.113.7",
    )
    assert response.status_code == 429


def test_one_code_is_throttled_whoever_asks(client, settings, dossier):
    settings.TRUSTED_PROXIES = [PROXY]
    for n in range(LOOKUP_PER_CODE):
        assert (
            client.post(
                "/tra-cuu-ho-so/",
                {"code": dossier.code},
                REMOTE_ADDR=PROXY,
                HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
            ).status_code
            == 200
        )
    response = client.post(
        "/tra-cuu-ho-so/",
        {"code": dossier.code},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="198.51.100.99",
    )
    assert (
        response.status_code == 429
        and "Mã hồ sơ này đã được tra cứu quá nhiều lần" in response.content.decode()
    )
    assert dossier.applicant_name not in response.content.decode()
