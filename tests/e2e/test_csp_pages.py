"""Page behaviour that lives in static/ansinh.js under the Content-Security-Policy: progress bars
set from data-progress, on the page and after each htmx poll (the page fixture fails on any
CSP violation)."""

from datetime import date

import pytest

from ansinh.core.models import AdminUnit
from ansinh.core.tests.fixtures import PASSWORD
from ansinh.payroll.models import PayrollCycle

from .conftest import log_in

pytestmark = pytest.mark.e2e


def bar_width(page):
    return page.evaluate("""() => { const bar = document.querySelector('#payroll-progress .progress-bar');
        return Math.round(100 * bar.getBoundingClientRect().width / bar.parentElement.getBoundingClientRect().width); }""")


def test_generation_progress_bar_follows_the_polls(page, live_server, users):
    district = AdminUnit.objects.get(level="district", code="944", valid_from=None)
    cycle = PayrollCycle.objects.create(month=date(2024, 3, 1), unit=district, progress=40)
    log_in(page, live_server, "mytu", PASSWORD)
    page.goto(f"{live_server.url}/bao-tro/chi-tra/{cycle.pk}/")
    assert (
        page.evaluate("htmx.config.allowEval") is False
        and page.evaluate("htmx.config.includeIndicatorStyles") is False
    )
    page.wait_for_function(
        "() => document.querySelector('#payroll-progress .progress-bar').style.width === '40%'"
    )
    assert 35 <= bar_width(page) <= 45
    PayrollCycle.objects.filter(pk=cycle.pk).update(progress=75)
    page.wait_for_function(
        "() => document.querySelector('#payroll-progress .progress-bar').style.width === '75%'"
    )
    assert "75%" in page.locator("#payroll-progress").inner_text()
