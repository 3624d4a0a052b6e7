"""The import direction of docs/architecture.md, checked on the code.

Every module under ansinh/ (tests and migrations aside) is read with `ast`; each import of an
`ansinh.*` module is checked against ALLOWED below, by app. Model relations (foreign keys,
one-to-one, many-to-many) are checked against the same table, since a relation to another
app's model ties the two apps as an import does (and their migrations with them)."""

import ast
from pathlib import Path

from django.apps import apps

PACKAGE = Path(__file__).resolve().parent.parent / "ansinh"

REGISTRIES = [
    "welfare",
    "merit",
    "desk",
    "labour",
    "vocational",
    "rehab",
    "households",
    "campaigns",
]

# App → the apps it may import. "project" is the top level of the package (settings, urls,
# cli, wsgi, demo): it assembles the apps and may import any of them.
ALLOWED = {
    "core": set(),
    "formats": set(),
    "payroll": {"core"},
    "indicators": {"core"},
    "worklog": {"core"},
    "reports": {"core", "indicators", "worklog"},
    **{registry: {"core", "indicators", "payroll"} for registry in REGISTRIES},
    "project": {"*"},
}

# Project modules that import no app and that an app may import: the WSGI application, which
# `ansinh serve` (core) hands to waitress.
ENTRY_POINTS = {"ansinh.wsgi"}

# Violations that exist today and that issue 11 removes (welfare and merit stop importing each
# other, number formatting moves from reports to core, the demo command moves to the project
# level). Each entry is (importing module, imported module); the lead empties the list once
# the lanes of issue 11 are merged. Never add to it: fix the import instead.
ALLOWED_TODAY = {
    # issue 11 item 6: core's `demo` command loads every app's demo data through ansinh.demo.
    ("ansinh.core.management.commands.demo", "ansinh.demo"),
}

# Model relations that exist today: (model, related model). A payroll line still points to its
# scheme's record through one foreign key per scheme (a CheckConstraint keeps exactly one set);
# one generic link per line is the rest of issue 11 item 1.
RELATIONS_ALLOWED_TODAY = {
    ("payroll.PayrollLine", "merit.MeritRecord"),
    ("payroll.PayrollLine", "welfare.Caregiver"),
    ("payroll.PayrollLine", "welfare.Case"),
}


def app_of(module):
    """'ansinh.merit.views' → 'merit'; a top-level module ('ansinh.urls') → 'project'."""
    parts = module.split(".")
    if parts[0] != "ansinh":
        return None
    if len(parts) == 2 and not (PACKAGE / parts[1]).is_dir():
        return "project"
    return parts[1] if len(parts) > 1 else "project"


def module_name(path):
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path):
    """Every absolute module name `path` imports (relative imports resolved)."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            if base in ("ansinh", *(f"ansinh.{app}" for app in ALLOWED)):
                # `from ansinh import demo`, `from . import services`: the names may be modules.
                yield from (f"{base}.{alias.name}" for alias in node.names)
            else:
                yield base


def source_files():
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).parts
        if "tests" not in parts and "migrations" not in parts:
            yield path


def import_violations():
    found = set()
    for path in source_files():
        importer = module_name(path)
        importer_app = app_of(importer)
        for imported in imported_modules(path):
            target_app = app_of(imported)
            if target_app is None or target_app == importer_app:
                continue
            if imported in ENTRY_POINTS or "*" in ALLOWED.get(importer_app, set()):
                continue
            if target_app not in ALLOWED.get(importer_app, set()):
                found.add((importer, imported))
    return found


def relation_violations():
    found = set()
    for model in apps.get_models():
        app = app_of(model.__module__)
        if app is None:
            continue
        for field in model._meta.get_fields():
            if not (field.is_relation and field.concrete) or field.related_model is None:
                continue
            target = app_of(field.related_model.__module__)
            if target is not None and target != app and target not in ALLOWED.get(app, set()):
                found.add((model._meta.label, field.related_model._meta.label))
    return found


def test_every_app_is_in_the_table():
    """A new app gets its line in ALLOWED and in docs/architecture.md."""
    on_disk = {path.parent.name for path in PACKAGE.glob("*/__init__.py")}
    assert on_disk - set(ALLOWED) == set()


def test_imports_follow_the_direction_of_docs_architecture():
    new = import_violations() - ALLOWED_TODAY
    assert not new, "imports against docs/architecture.md:\n" + "\n".join(
        f"  {importer} imports {imported}" for importer, imported in sorted(new)
    )


def test_allowed_today_lists_only_violations_that_still_exist():
    """Once a lane removes a violation, its entry goes from ALLOWED_TODAY too."""
    assert ALLOWED_TODAY - import_violations() == set()


def test_model_relations_follow_the_same_direction():
    new = relation_violations() - RELATIONS_ALLOWED_TODAY
    assert not new, "relations against docs/architecture.md:\n" + "\n".join(
        f"  {model} → {related}" for model, related in sorted(new)
    )
    assert RELATIONS_ALLOWED_TODAY - relation_violations() == set()


def test_the_checker_sees_a_forbidden_import(tmp_path, monkeypatch):
    """The walk itself: a registry importing another registry, relatively and absolutely."""
    package = tmp_path / "ansinh"
    for app in ("welfare", "merit"):
        (package / app).mkdir(parents=True)
        (package / app / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "merit" / "views.py").write_text(
        "from ..welfare import payroll\nimport ansinh.welfare.models\nfrom ansinh.core import x\n"
    )
    monkeypatch.setitem(globals(), "PACKAGE", package)
    assert import_violations() == {
        ("ansinh.merit.views", "ansinh.welfare.payroll"),
        ("ansinh.merit.views", "ansinh.welfare.models"),
    }
