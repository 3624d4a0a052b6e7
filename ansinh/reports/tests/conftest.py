import pytest

from ansinh.core.models import AdminUnit


@pytest.fixture
def demo_q1(users):
    """Quarter I/2024 of the demo: indicators, targets, submissions, work log, definition."""
    from ansinh.indicators import demo as indicators_demo
    from ansinh.reports.loaders import load_definition
    from ansinh.worklog import demo as worklog_demo

    indicators_demo.load_data_sets()
    indicators_demo.load_values(users["admin"])
    worklog_demo.run(log=lambda *a: None)
    return load_definition()


@pytest.fixture
def province(soc_trang):
    return AdminUnit.objects.get(level="province", code="94", valid_from=None)
