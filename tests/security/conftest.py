"""The security matrix's size and result at the end of a run (routes × roles × methods), for the issue note."""


def pytest_terminal_summary(terminalreporter):
    doors = {
        outcome: [
            r
            for r in terminalreporter.stats.get(outcome, [])
            if "test_matrix.py::test_door[" in r.nodeid
        ]
        for outcome in ("passed", "failed")
    }
    total = sum(len(reports) for reports in doors.values())
    if not total:
        return
    from .test_matrix import CASES, ROLES, ROUTES

    terminalreporter.write_sep("-", "security matrix")
    terminalreporter.write_line(
        f"{len({r.pattern for r in ROUTES})} URL patterns ({len(ROUTES)} routes with parameter values) × {len(ROLES)} roles × "
        f"GET/POST (+ htmx GET, PATCH where a door takes them) = {len(CASES)} doors; run {total}: "
        f"{len(doors['passed'])} held, {len(doors['failed'])} leaked or broke"
    )
