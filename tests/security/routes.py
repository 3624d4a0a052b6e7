"""Every URL pattern of `ansinh.urls`, read from the resolver (the admin site apart), and how to fill
its parameters from the matrix's world.

A route added tomorrow is enumerated here without anyone listing it; if one of its parameters is
not in OBJECT_PARAMS or VALUE_PARAMS the matrix fails for it and says which parameter needs a
factory.
"""

import inspect
from dataclasses import dataclass, field
from functools import cached_property

from django.urls import URLPattern, URLResolver, get_resolver

ADMIN_PREFIX = (
    "quan-tri/"  # Django's admin site: its own permission system, tested apart (staff only).
)

# URL name -> the kind of world object its <pk> (or DRF lookup) names. "owned" kinds belong to a district:
# another district's officer must be refused them; the others are province-wide or reference data.
OBJECT_PARAMS = {
    **{f"submission_{step}": "submission" for step in ("approve", "lock", "reopen", "lock_period")},
    "report_detail": "report",
    "report_download": "report",
    "cancel_activity": "activity",
    "case_detail": "case",
    **{
        f"case_{step}": "case"
        for step in ("appraise", "decide", "adjust", "suspend", "resume", "move", "end")
    },
    "payroll_detail": "cycle",
    "payroll_action": "cycle",
    "payroll_export": "cycle",
    "desk_dossier": "dossier",
    **{
        f"desk_dossier_{step}": "dossier"
        for step in ("route", "deficient", "supplement", "apology", "decide", "return")
    },
    "desk_print": "dossier",
    "desk_document": "dossier",
    "desk_petition": "petition",
    "merit_record": "record",
    **{
        f"merit_record_{action}": "record"
        for action in (
            "assessment",
            "draft",
            "transfer_out",
            "move",
            "correction",
            "relation",
            "evidence",
            "recalc",
        )
    },
    "merit_evidence_file": "evidence",
    "merit_decision": "decision",
    "merit_decision_approve": "decision",
    "merit_decision_cancel": "decision",
    "merit_decision_file": "decision",
    "merit_batch": "batch",
    "merit_batch_approve": "batch",
    "merit_batch_make_files": "batch",
    "merit_batch_recompute": "batch",
    "merit_batch_file": "batch",
    "merit_recovery": "recovery",
    "merit_campaign_export": "campaign",
    "person_detail": "person",
    "person_edit": "person",
    "person_close": "person",
    "unit_detail": "district",
    "calendar_override_disable": "day",
    "adminunit-detail": "district",
    "orgunit-detail": "office",
    "person-detail": "person",
    "welfare-case-detail": "case",
    "welfare-payroll-detail": "cycle",
    "welfare-support-detail": "support",
    "welfare-caregiver-detail": "caregiver",
    "welfare-resident-detail": "resident",
    "desk-dossier-detail": "dossier",
    "desk-petition-detail": "petition",
    "merit-record-detail": "record",
    "merit-decision-detail": "decision",
    "import_job": "import_job",
    "api_import_job": "import_job",
    "transfer_accept": "transfer",
    "transfer_refuse": "transfer",
}
OWNED = {
    "import_job",
    "transfer",
    "submission",
    "report",
    "activity",
    "case",
    "cycle",
    "dossier",
    "petition",
    "record",
    "evidence",
    "decision",
    "recovery",
    "person",
    "support",
    "caregiver",
    "resident",
}


def _import_kinds():
    from ansinh.core.imports import REGISTRY

    return sorted(REGISTRY)


# (URL name or "*", parameter) -> the values to fill it with; each value is its own route in the matrix.
VALUE_PARAMS = {
    ("*", "format"): ["json"],
    ("figure_trace", "code"): ["VL_GQVL", "NCC_MAITANG"],
    ("indicator-detail", "code"): ["VL_GQVL"],
    ("report_download", "kind"): ["docx", "xlsx"],
    ("export_register", "register"): ["ho-tro", "cham-soc", "tre-em", "trung-tam"],
    ("payroll_export", "kind"): ["chuyen-khoan", "theo-xa", "ky-nhan-docx"],
    ("desk_document", "kind"): ["giay-hen", "kiem-soat"],
    ("merit_decision_file", "kind"): ["docx"],
    ("merit_batch_file", "name"): ["tong-hop.xlsx"],
    ("area", "code"): ["welfare", "merit"],
    ("work_calendar_year", "year"): ["2024"],
    ("api_period", "value"): ["2024Q1"],
    ("import_upload", "kind"): _import_kinds,
    ("import_template", "kind"): _import_kinds,
    ("import_commit", "kind"): _import_kinds,
    ("api_import", "kind"): _import_kinds,
}
QUERY = {  # a query string some pages need to show the world's objects
    "export_register/ho-tro": "?period=2024Q1",
    "supports": "?period=2024Q1",
    "desk_receptions": "?period=2024Q1",
    "desk_petitions": "?period=2024Q1",
    "worklog": "?period=2024Q1",
}


@dataclass
class Route:
    pattern: str
    name: str
    callback: object
    params: list
    values: dict = field(default_factory=dict)  # parameter -> literal value
    kind: str | None = None  # world object named by pk/code, if any
    missing: list = field(default_factory=list)  # parameters the suite cannot fill

    @property
    def id(self):
        extra = "/".join(v for k, v in self.values.items() if k != "format")
        return (
            self.name
            + (f".{self.values['format']}" if "format" in self.values else "")
            + (f"/{extra}" if extra else "")
        )

    @property
    def is_api(self):
        return self.pattern.startswith("api/")

    @cached_property
    def source(self):
        try:
            return inspect.getsource(getattr(self.callback, "cls", self.callback))
        except (OSError, TypeError):
            return ""

    @property
    def post_only(self):
        return "@require_POST" in self.source

    @property
    def methods(self):
        """GET and POST for every route; a GET with htmx's header where the view answers it apart;
        PATCH where a DRF viewset updates."""
        methods = ["GET", "POST"]
        if "HX-Request" in self.source:
            methods.append("HX")
        if "patch" in (getattr(self.callback, "actions", None) or {}):
            methods.append("PATCH")
        return methods

    def path(self, world):
        """The URL with every parameter filled from `world` (Kế Sách's object where one is named)."""
        from django.urls import reverse

        kwargs = {}
        for param in self.params:
            if param in self.values:
                kwargs[param] = self.values[param]
            else:
                kwargs[param] = _object_key(world.obj(self.kind), param)
        return reverse(self.name, kwargs=kwargs) + QUERY.get(self.id, QUERY.get(self.name, ""))


def _object_key(obj, param):
    return getattr(obj, param) if param != "pk" else obj.pk


def _walk(patterns, prefix="", params=()):
    for p in patterns:
        names = params + tuple(p.pattern.regex.groupindex)
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, prefix + str(p.pattern), names)
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p, list(dict.fromkeys(names))


def all_routes():
    """Every URL pattern (the admin site apart) with its parameters filled, one Route per set of values."""
    routes = []
    for text, pattern, params in _walk(get_resolver().url_patterns):
        if not text.startswith(ADMIN_PREFIX):
            routes.extend(_expand(text, pattern, params))
    return routes


def _expand(text, pattern, params):
    kind, missing, choices = OBJECT_PARAMS.get(pattern.name), [], [{}]
    for param in params:
        values = VALUE_PARAMS.get((pattern.name, param)) or VALUE_PARAMS.get(("*", param))
        if values is None:
            if kind is None:
                missing.append(param)
            continue
        values = values() if callable(values) else values
        choices = [c | {param: v} for c in choices for v in values]
    return [
        Route(text, pattern.name, pattern.callback, params, values=c, kind=kind, missing=missing)
        for c in choices
    ]
