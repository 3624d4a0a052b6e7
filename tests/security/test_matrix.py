"""The security matrix: every URL pattern × every role × GET and POST (and htmx GET, API PATCH) on
Kế Sách's objects (district 943).

- No door answers 500.
- The Mỹ Tú district officer is refused every Kế Sách object (403/404, 405 for a method the door
  does not take) and no page, file or API answer shows him a Kế Sách name; his POSTs change no
  Kế Sách row.
- Anonymous never sees a Kế Sách name; anonymous, the viewer and the leader (except on approvals)
  write nothing with a POST.
- The administrator and Kế Sách's own officer open every Kế Sách object (so a refusal above is
  the scope, not a wrong URL).

Each (route, role, method) is its own test id, e.g. `test_door[case_detail-mytu-GET]`.
"""

import copy
import io
import json
import re
import zipfile
from urllib.parse import urlencode

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.db.models import F
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from ansinh.core.models import AdminUnit
from ansinh.core.tests.web import is_login_redirect, login

from . import world as world_module
from .routes import OWNED, all_routes

ROUTES = all_routes()
ROLES = list(world_module.ROLES)
READ_ONLY = {"viewer", "leader", "anonymous"}
APPROVALS = {
    "submission_approve",
    "submission_lock",
    "submission_reopen",
    "submission_lock_period",
    "desk_dossier_decide",
    "payroll_action",
    "merit_decision_approve",
    "merit_batch_approve",
}  # the leader's own writes
OPENERS = {"admin", "kesach"}  # who must get through to a Kế Sách object
# The province's reports and centre residents: province staff only; a large import's job: the one who uploaded it.
OPENERS_OF = {"report": {"admin"}, "resident": {"admin"}, "import_job": {"kesach"}}
CASES = [(route, role, method) for route in ROUTES for role in ROLES for method in route.methods]
# Rows the matrix's own requests add without a write being a leak: the access log, login/lookup attempts, sessions.
NOT_WRITES = {"core.accesslog", "core.loginattempt", "desk.lookupattempt", "sessions.session"}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for the module inside a transaction rolled back at its end; each test runs in a savepoint."""
    data_dir = tmp_path_factory.mktemp("matrix")
    with (
        django_db_blocker.unblock(),
        override_settings(
            DATA_DIR=data_dir, PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
        ),
    ):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            world = world_module.build(data_dir)
            world.posts, world.ke_sach = _posts(world), list(world.unit_ids("ks"))
            ks = world.objects["ks"]
            world.hostile_query = urlencode(
                {
                    "commune": ks["commune"].pk,
                    "parent": ks["district"].pk,
                    "org_unit": ks["office"].code,
                    "q": ks["person"].personal_id,
                }
            )
            world.cookies = {role: _client(world.users.get(role)).cookies for role in ROLES}
            # One client (one WSGI handler: WhiteNoise scans the static files when a handler starts) for every door.
            world.client = Client()
            world.all_rows, world.ke_sach_rows = (
                _snapshot_sql(_all_tables()),
                _snapshot_sql(_district_tables(world.ke_sach)),
            )
            yield world
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _client(user):
    """One signed-in client per role for the whole module (its session is part of the world)."""
    client = Client()
    if user:
        login(client, user)
    return client


def _posts(world):
    """What each door is sent by POST: the write it exists for, naming Kế Sách's objects."""
    ks = world.objects["ks"]
    data_set = ks["submission"].data_set
    indicator = data_set.indicators.order_by("code").first()
    return {
        "submission_reopen": {"reason": "Kiểm tra quyền"},
        "cancel_activity": {"reason": "Kiểm tra quyền"},
        "case_suspend": {"reason": "Kiểm tra quyền"},
        "case_resume": {"reason": "Kiểm tra quyền"},
        "case_end": {"reason": "death", "end_date": "2024-03-15"},
        "case_move": {"commune": ks["commune"].pk, "reason": "Kiểm tra quyền"},
        "merit_record_move": {"commune": ks["commune"].pk, "reason": "Kiểm tra quyền"},
        "case_appraise": {"eligible": "yes", "note": "Kiểm tra quyền"},
        "centre": {
            "action": "discharge",
            "resident": ks["resident"].pk,
            "day": "2024-03-15",
            "reason": "Kiểm tra quyền",
        },
        "caregivers": {
            "action": "end",
            "record": ks["caregiver"].pk,
            "day": "2024-03-15",
            "reason": "Kiểm tra quyền",
        },
        "payroll_index": {"scheme": "welfare", "unit": ks["district"].pk, "month": "2024-05"},
        "payroll_action": {"action": "approve"},
        "desk_dossier_deficient": {"items": "Thiếu giấy xác nhận"},
        "desk_dossier_decide": {"outcome": "approved", "result": "Kiểm tra quyền"},
        "desk_dossier_apology": {"reason": "Kiểm tra quyền", "new_due": "2024-05-30"},
        "desk_petition": {"status": "resolved", "closed_on": "2024-03-20", "result": "Đã trả lời"},
        "merit_record_assessment": {
            "date": "2024-03-01",
            "effective_from": "2024-03-01",
            "rate": "61",
            "council": "Hội đồng GĐYK tỉnh",
        },
        "merit_record_draft": {
            "kind": "one_off",
            "table": "bao_tu",
            "effective": "2024-03-01",
            "count": "1",
        },
        "merit_record_transfer_out": {
            "province": "Cần Thơ",
            "date": "2024-03-15",
            "last_paid_month": "2024-03",
        },
        "merit_record_correction": {
            "field": "address",
            "after": "Ấp Kiểm Tra",
            "basis": "Giấy xác nhận của xã",
        },
        "merit_record_relation": {"personal_id_or_pk": str(ks["person"].pk), "kind": "child"},
        "merit_record_evidence": {"kind": "Giấy chứng nhận", "number": "12/GCN"},
        "merit_decision_approve": {"signed_on": "2024-03-20"},
        "merit_decision_cancel": {"reason": "Kiểm tra quyền"},
        "merit_batch_approve": {"signed_on": "2024-03-20"},
        "merit_recovery": {
            "action": "repay",
            "date": "2024-03-10",
            "amount": "200000",
            "receipt": "BL-01",
        },
        "merit_campaigns": {"action": "build", "campaign": world.obj("campaign").pk},
        "person_close": {"reason": "Kiểm tra quyền"},
        "person_edit": {
            "full_name": "Thạch Văn Đổi Tên",
            "birth_year": 1950,
            "sex": "nam",
            "commune": ks["commune"].pk,
            "reason": "Kiểm tra",
        },
        "person-list": {
            "full_name": "Thạch Văn Người Mới",
            "birth_year": 1970,
            "sex": "nam",
            "commune": ks["commune"].pk,
            "confirm_not_duplicate": True,
        },
        "person-detail": {"full_name": "Thạch Văn Đổi Tên"},
        "api_data_values": {
            "data_set": data_set.code,
            "period": "2024Q1",
            "org_unit": ks["office"].code,
            "values": [{"indicator": indicator.code, "value": "7"}] if indicator else [],
        },
    }


def _import_file(kind, world):
    """A spreadsheet for an importer: its own example row, with the people and records of Kế Sách."""
    from ansinh.core.imports import REGISTRY
    from ansinh.core.tests.fixtures import spreadsheet

    ks = world.objects["ks"]
    own = {"personal_id": ks["person"].personal_id, "record": str(ks["record"].pk)}
    columns = REGISTRY[kind].columns
    content = spreadsheet(
        [c.header for c in columns], [[own.get(c.name, c.example) for c in columns]]
    )
    return SimpleUploadedFile(f"{kind}.xlsx", content)


def _send(client, route, method, url, world):
    payload = world.posts.get(route.name, {})
    if route.name in ("import_upload", "api_import") and method == "POST":
        data = {"file": _import_file(route.values["kind"], world)} | (
            {"commit": "true"} if route.is_api else {}
        )
        return client.post(url, data)
    if method in ("GET", "HX"):
        # Every filter a list takes, pointed at Kế Sách: a filter must not open a way round the scope.
        url += ("&" if "?" in url else "?") + world.hostile_query
        return client.get(url, headers={"HX-Request": "true"} if method == "HX" else {})
    if route.is_api:
        return client.generic(method, url, json.dumps(payload), content_type="application/json")
    return client.post(url, payload)


def _body(response):
    """Everything a response shows: its text, the members of a zip (xlsx, docx) and its file name."""
    if is_login_redirect(response):  # an anonymous visitor sent to sign in: only the address
        content = b""
    else:
        content = b"".join(response.streaming_content) if response.streaming else response.content
    texts = [response.get("Content-Disposition", ""), response.get("Location", "")]
    if content[:2] == b"PK":
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                content = b"".join(archive.read(name) for name in archive.namelist())
        except zipfile.BadZipFile:
            pass
    texts.append(content.decode("utf-8", "replace"))
    text = "\n".join(texts)
    return (
        text + "\n" + text.encode().decode("unicode_escape", "replace") if "\\u" in text else text
    )


def _path_to_unit(model, depth=3):
    """The lookup from `model` to the administrative unit it belongs to (commune, unit, record__commune …)."""
    level = [("", model)]
    for _ in range(depth):
        following = []
        for prefix, current in level:
            for field in current._meta.concrete_fields:
                if not field.is_relation or field.related_model is None:
                    continue
                path = f"{prefix}{field.name}"
                if field.related_model is AdminUnit:
                    return path
                following.append((f"{path}__", field.related_model))
        level = following
    return None


def _models():
    return [m for m in apps.get_models() if m._meta.label_lower not in NOT_WRITES]


def _snapshot_sql(querysets):
    """One SQL statement giving the row count and highest id of each queryset (a delete-and-rebuild changes the id)."""
    parts, params = [], []
    for label, queryset in querysets.items():
        sql, args = queryset.order_by().values(x=F("pk")).query.sql_with_params()
        # A number, or a text key (API tokens); PostgreSQL has no MAX of a uuid (task results): compare its text.
        top = (
            "MAX(s.x)"
            if queryset.model._meta.pk.get_internal_type() != "UUIDField"
            else "MAX(CAST(s.x AS TEXT))"
        )
        parts.append(f"SELECT %s, COUNT(*), CAST({top} AS TEXT) FROM ({sql}) s")
        params += [label, *args]
    return " UNION ALL ".join(parts), params


def _snapshot(statement):
    with connection.cursor() as cursor:
        cursor.execute(*statement)
        return {label: (count, top) for label, count, top in cursor.fetchall()}


def _all_tables():
    """Every table (history tables included): a POST that adds, removes or (through history) changes a row shows here."""
    return {m._meta.label: m._base_manager.all() for m in _models()}


def _district_tables(unit_ids):
    """The rows (and history rows) that belong to a district, by table."""
    return {
        m._meta.label: m._base_manager.filter(**{f"{path}__in": unit_ids})
        for m, path in ((m, _path_to_unit(m)) for m in _models() if m is not AdminUnit)
        if path
    }


def _updates(queries):
    """Tables an UPDATE or DELETE statement touched (tables without history change no count)."""
    skip = {m._meta.db_table for m in apps.get_models() if m._meta.label_lower in NOT_WRITES}
    touched = set()
    for query in queries:
        match = re.match(r'\s*(?:UPDATE|DELETE FROM)\s+"?(\w+)"?', query["sql"], re.IGNORECASE)
        if match and match.group(1) not in skip:
            touched.add(match.group(1))
    return sorted(touched)


def _changed(before, after):
    return sorted(k for k in before if before[k] != after.get(k))


def test_matrix_size(world, capsys):
    """The size the lead quotes: routes × roles × methods."""
    size = len(CASES)
    with capsys.disabled():
        print(
            f"\nsecurity matrix: {len({r.pattern for r in ROUTES})} URL patterns ({len(ROUTES)} with parameter values) "
            f"× {len(ROLES)} roles = {size} requests (GET, POST, htmx GET, PATCH)"
        )
    assert size >= len(ROUTES) * len(ROLES) * 2


@pytest.mark.parametrize(
    "route,role,method", CASES, ids=[f"{r.id}-{role}-{m}" for r, role, m in CASES]
)
def test_door(world, db, route, role, method):
    if route.missing:
        pytest.fail(
            f"{route.pattern} ({route.name}): parameter(s) {', '.join(route.missing)} cannot be filled; give the URL name an "
            f"object kind in OBJECT_PARAMS (and an object in tests/security/world.py) or values in VALUE_PARAMS "
            f"(tests/security/routes.py)."
        )
    client = world.client
    client.cookies = copy.deepcopy(
        world.cookies[role]
    )  # a logout or login by an earlier door does not carry over
    url = route.path(world)
    writes = method not in ("GET", "HX")
    read_only = role in READ_ONLY and not (role == "leader" and route.name in APPROVALS)
    if writes and (read_only or role == "mytu"):
        before_all, before_ks = _snapshot(world.all_rows), _snapshot(world.ke_sach_rows)
    with CaptureQueriesContext(connection) as queries:
        response = _send(client, route, method, url, world)
    query = response.request.get("QUERY_STRING", "")
    door = f"{method} {response.request['PATH_INFO']}{'?' + query if query else ''} as {role}"
    assert response.status_code < 500, f"{door}: server error {response.status_code}"
    owned = route.kind in OWNED
    if role in ("mytu", "anonymous"):
        body = _body(response)
        assert world_module.KE_SACH_MARK.lower() not in body.lower(), (
            f"{door}: the answer shows a Kế Sách person ({response.status_code})"
        )
    if role == "mytu" and owned:
        refused = {403, 404} | ({405} if writes or route.post_only else set())
        assert response.status_code in refused, (
            f"{door}: Mỹ Tú's officer reached a Kế Sách {route.kind} ({response.status_code})"
        )
    # A POST-only door (approvals, cancellations) has role rules beyond the district line: there the administrator opens it.
    openers = {"admin"} if route.post_only else OPENERS_OF.get(route.kind, OPENERS)
    if role in openers and owned and method == ("POST" if route.post_only else "GET"):
        assert response.status_code < 400 and not is_login_redirect(response), (
            f"{door}: the door does not open for {role} ({response.status_code}); the matrix's URL is wrong"
        )
    if writes and role == "mytu":
        changed = _changed(before_ks, _snapshot(world.ke_sach_rows))
        assert not changed, f"{door}: Mỹ Tú's officer changed Kế Sách rows in {changed}"
    if writes and read_only:
        changed = (
            _changed(before_all, _snapshot(world.all_rows))
            or _changed(before_ks, _snapshot(world.ke_sach_rows))
            or _updates(queries.captured_queries)
        )
        assert not changed, f"{door}: a read-only role wrote to {changed} ({response.status_code})"
