import pytest


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
def welfare_registry(users):
    """The demo's 46.000 welfare cases: 42.747 and 2.474 beneficiaries come from the registry."""
    from ansinh.welfare import demo as welfare_demo

    welfare_demo.run(users["admin"], log=lambda *a: None)


@pytest.fixture
def desk_registers(desk_users):
    """The demo's quarter I/2024 at the one-stop desk, citizen reception and petitions."""
    from ansinh.desk import demo as desk_demo

    desk_demo.run(log=lambda *a: None)


@pytest.fixture
def merit_registry(users):
    """The demo's 20.000 merit records: §3 (148 funerals … 905 decisions, 99.187.075.000 đồng) come from it."""
    from ansinh.merit import demo as merit_demo

    merit_demo.run(users["admin"], log=lambda *a: None)
