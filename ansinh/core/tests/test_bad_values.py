"""Bad values in URLs never give a 500 (issue 10, finding 4): every URL pattern of ansinh.urls
(the Django admin's own pages aside) is walked as an administrator and as a district officer,
its path parameters filled with an existing object and with nonsense, then with bad values in
every query parameter the code reads (found by grepping the sources for request.GET and
query_params). Self-contained: the `matrix` lane's route enumeration is a separate thing."""

import re
from datetime import date
from pathlib import Path

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

import ansinh
from ansinh.core.tests.web import login

SOURCES = Path(ansinh.__file__).parent
# The admin's pages belong to Django; the schema is a generated document.
SKIPPED = ("quan-tri/", "api/schema/", "dang-xuat/")
PARAM_READ = re.compile(r"""(?:GET|query_params|params)(?:\.get\(|\[)\s*["'](\w+)["']""")
PARAM_LOOP = re.compile(r"""for \w+ in \(([^)]*)\)\}""")
# Read through forms or DRF rather than by name in the sources.
EXTRA_PARAMS = {"page", "q", "commune", "format", "limit", "offset", "search", "ordering"}
# DRF answers an unknown ?format= with 404 before the view reads anything else: sent on its own.
ALONE = {"format"}
BAD_VALUES = ["abc", "-1", "99999999999999999999999", "a\x00b", "'\"<>{x}"]
NONSENSE = {
    "int": ["99999", "9" * 25],
    "str": ["abc", "x" * 300],
    "slug": ["abc"],
    "drf": ["abc", "9" * 25, "99999"],
}

# Existing objects for path parameters, by route name prefix: (model label, field used).
OBJECTS = {
    "submission_": "indicators.Submission",
    "report_detail": "reports.GeneratedReport",
    "report_download": "reports.GeneratedReport",
    "cancel_activity": "worklog.Activity",
    "case_": "welfare.Case",
    "payroll_": "payroll.PayrollCycle",
    "desk_dossier": "desk.Dossier",
    "desk_print": "desk.Dossier",
    "desk_document": "desk.Dossier",
    "desk_petition": "desk.Petition",
    "merit_record": "merit.MeritRecord",
    "merit_evidence_file": "merit.Evidence",
    "merit_decision": "merit.Decision",
    "merit_batch": "merit.RecalcBatch",
    "merit_recovery": "merit.RecoverySchedule",
    "merit_campaign_export": "merit.Campaign",
    "person_": "core.Person",
    "unit_detail": "core.AdminUnit",
    "calendar_override_disable": "core.DayOverride",
}
GOOD_VALUES = {
    "code": "VL_GQVL",
    "year": "2024",
    "value": "2024Q1",
    "register": "ho-tro",
    "name": "danh-sach.xlsx",
    ("report_download", "kind"): "docx",
    ("payroll_export", "kind"): "xlsx",
    ("desk_document", "kind"): "giay-hen",
    ("merit_decision_file", "kind"): "docx",
    ("import_upload", "kind"): "people",
    ("import_template", "kind"): "people",
    ("import_commit", "kind"): "people",
    ("api_import", "kind"): "people",
    ("area", "code"): "welfare",
}


def routes(patterns=None, prefix=""):
    """(route text, name, [(parameter, kind)]) of every URL pattern."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.name


def query_parameters():
    names = set(EXTRA_PARAMS)
    for source in SOURCES.rglob("*.py"):
        if "tests" in source.parts or "migrations" in source.parts:
            continue
        text = source.read_text(encoding="utf-8")
        names.update(PARAM_READ.findall(text))
        for line in text.splitlines():
            if "request.GET" in line or "query_params" in line:
                for group in PARAM_LOOP.findall(line):
                    names.update(re.findall(r"""["'](\w+)["']""", group))
    return sorted(names)


_PARAM = re.compile(r"<(?:(\w+):)?(\w+)>|\(\?P<(\w+)>[^)]*\)")


def fill(route, name, value_for):
    """The URL of a route with each parameter replaced by value_for(name, parameter, kind)."""
    route = route.replace("^", "").replace("$", "").replace("\\.", ".").replace("/?", "/")

    def one(match):
        kind, param = (
            (match.group(1) or "str", match.group(2)) if match.group(2) else ("drf", match.group(3))
        )
        return value_for(name, param, kind)

    if "(?P<format>" in route or "<drf_format_suffix:format>" in route:
        return None  # format-suffix twins of the routes walked without a suffix
    return "/" + _PARAM.sub(one, route)


def existing(name, param, kind):
    if (name, param) in GOOD_VALUES:
        return GOOD_VALUES[(name, param)]
    if param in GOOD_VALUES:
        return GOOD_VALUES[param]
    label = next((m for prefix, m in OBJECTS.items() if name.startswith(prefix)), None)
    if label is None and kind == "drf":
        label = {
            "adminunit": "core.AdminUnit",
            "orgunit": "core.OrgUnit",
            "person": "core.Person",
            "indicator": "indicators.Indicator",
            "welfare-case": "welfare.Case",
            "welfare-payroll": "payroll.PayrollCycle",
            "welfare-support": "welfare.Support",
            "welfare-caregiver": "welfare.Caregiver",
            "welfare-resident": "welfare.Resident",
            "desk-dossier": "desk.Dossier",
            "desk-petition": "desk.Petition",
            "merit-record": "merit.MeritRecord",
            "merit-decision": "merit.Decision",
        }.get(name.rsplit("-", 1)[0])
    found = apps.get_model(label).objects.order_by("pk").first() if label else None
    if param == "code" and found is not None:
        return found.code
    return str(found.pk) if found is not None else "1"


@pytest.fixture
def walk_data(users, desk_users, my_tu_commune, province):
    """A little of everything: the quarter's indicators and work log, a welfare case and cycle, a
    merit record, the desk's demo quarter."""
    from ansinh.core.tests.factories import PersonFactory
    from ansinh.desk import demo as desk_demo
    from ansinh.indicators import demo as indicators_demo
    from ansinh.merit.tables import load_reference_data as load_merit
    from ansinh.merit.tests.helpers import paying_record
    from ansinh.payroll import engine
    from ansinh.reports.loaders import load_definition
    from ansinh.welfare.loaders import load_reference_data as load_welfare
    from ansinh.welfare.tests.test_payroll import new_case
    from ansinh.worklog import demo as worklog_demo

    indicators_demo.load_data_sets()
    worklog_demo.run(log=lambda *a: None)
    load_definition()
    load_welfare()
    new_case(users["admin"], my_tu_commune, start=date(2024, 1, 1))
    engine.generate(engine.start_cycle(users["admin"], province, date(2024, 1, 1), "welfare"))
    load_merit()
    paying_record(my_tu_commune)
    desk_demo.run(log=lambda *a: None)
    PersonFactory(commune=my_tu_commune, full_name="Nguyễn Văn Thử")


def walk(client, user, each_alone=True):
    login(client, user)
    failures, count = [], 0
    params = query_parameters()
    for route, name in routes():
        if route.startswith(SKIPPED):
            continue
        url = fill(route, name, existing)
        if url is None:
            continue
        together = [p for p in params if p not in ALONE]
        requests = [(url, {})] + [(url, {p: value for p in together}) for value in BAD_VALUES]
        if each_alone and route.startswith("api/") and not _PARAM.search(route.replace("^", "")):
            # An API answers the first bad parameter with a 400: each one is also sent alone.
            requests += [(url, {p: value}) for p in params for value in ("abc",)]
        else:
            requests += [(url, {p: "abc"}) for p in ALONE]
        if _PARAM.search(route.replace("^", "")):
            for index in range(2):
                requests.append(
                    (
                        fill(
                            route,
                            name,
                            lambda n, p, kind, index=index: NONSENSE[kind][
                                min(index, len(NONSENSE[kind]) - 1)
                            ],
                        ),
                        {},
                    )
                )
        for path, query in requests:
            count += 1
            response = client.get(path, query)
            if response.status_code >= 500:
                failures.append(
                    f"{response.status_code} {path} {sorted(query)[:3]}… = {next(iter(query.values()), '')!r}"
                )
    return failures, count


@pytest.mark.parametrize("role", ["admin", "mytu"])
def test_no_url_answers_500_to_bad_values(client, users, walk_data, role):
    client.raise_request_exception = False
    failures, count = walk(client, users[role], each_alone=role == "admin")
    print(f"{user_count(role)}: {count} requests")
    assert count > 500
    assert not failures, "\n".join(failures)


def user_count(role):
    return role


def test_the_walker_reads_the_parameters_of_the_sources():
    found = query_parameters()
    for name in (
        "period",
        "year",
        "commune",
        "parent",
        "unit",
        "page",
        "valid_on",
        "status",
        "kind",
    ):
        assert name in found


def test_the_values_of_the_issue_are_said_in_vietnamese(client, users, walk_data):
    login(client, users["admin"])
    for path, query, status, text in [
        (
            "/bao-tro/ho-so/",
            {"commune": "abc"},
            200,
            "Giá trị “abc” của tham số “commune” không hợp lệ: phải là một số nguyên.",
        ),
        ("/ke-hoach/", {"year": "abc"}, 200, "Giá trị “abc” của tham số “year” không hợp lệ"),
        ("/api/units/", {"parent": "abc"}, 400, "tham số “parent” không hợp lệ"),
        ("/api/units/", {"parent": "9" * 23}, 400, "phải từ 0 đến 2147483647"),
        ("/lich-lam-viec/99999/", {}, 200, "Không có lịch làm việc năm 99999"),
        (
            "/bao-cao/",
            {"period": "xyz"},
            200,
            "Giá trị “xyz” của tham số “period” không hợp lệ: dùng dạng 2024-03",
        ),
        ("/doi-tuong/", {"page": "-1"}, 200, ""),
        ("/doi-tuong/99999999999999999999999/", {}, 404, ""),
        (
            "/bao-tro/ho-so/",
            {"status": "a\x00b"},
            400,
            "Tham số «status» trên đường dẫn chứa ký tự điều khiển không hợp lệ.",
        ),
    ]:
        response = client.get(path, query)
        assert response.status_code == status, (path, query, response.status_code)
        assert text in response.content.decode(), (path, query)
