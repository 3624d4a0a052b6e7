"""Deployment: HTTPS behind a proxy, `check --deploy`, the CSP without inline script, no-store on
personal data, the schema behind login (issue 10, finding 5)."""

import os
import re
import runpy
import secrets
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from .fixtures import PASSWORD
from .web import login

ROOT = Path(__file__).resolve().parents[3]
DEPLOY_DOC = ROOT / "docs" / "deploy.md"
HOST = "ansinh.soldtbxh.soctrang.gov.vn"


def documented_environment():
    """The production environment file of docs/deploy.md (its KEY=value lines)."""
    lines = re.findall(r"^((?:ANSINH_[A-Z_]+|DATABASE_URL)=\S*)$", DEPLOY_DOC.read_text(), re.M)
    assert lines, "docs/deploy.md lists no production environment"
    return dict(line.split("=", 1) for line in lines)


def production_settings(monkeypatch, tmp_path):
    """The settings module as it reads the documented production environment."""
    environment = documented_environment() | {
        "ANSINH_DATA_DIR": str(tmp_path),
        "ANSINH_SECRET_KEY": secrets.token_urlsafe(50),
    }
    for key, value in environment.items():
        monkeypatch.setenv(key, value)
    return runpy.run_path(str(ROOT / "ansinh" / "settings.py"))


PROXY_KEYS = [
    "SECURE_PROXY_SSL_HEADER",
    "CSRF_TRUSTED_ORIGINS",
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "TRUSTED_PROXIES",
]


@pytest.fixture
def behind_https_proxy(settings, monkeypatch, tmp_path):
    production = production_settings(monkeypatch, tmp_path)
    for key in PROXY_KEYS:
        assert key in production, f"{key} is not set from the environment"
        setattr(settings, key, production[key])
    settings.ALLOWED_HOSTS = [*production["ALLOWED_HOSTS"], "127.0.0.1"]
    return production


def test_the_default_install_stays_plain_http(monkeypatch, tmp_path):
    for key in [
        "ANSINH_HTTPS",
        "ANSINH_BEHIND_PROXY",
        "ANSINH_CSRF_TRUSTED_ORIGINS",
        "ANSINH_TRUSTED_PROXIES",
        "ANSINH_HSTS_SECONDS",
    ]:
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("ANSINH_DATA_DIR", str(tmp_path))
    default = runpy.run_path(str(ROOT / "ansinh" / "settings.py"))
    assert (
        not default["SECURE_SSL_REDIRECT"]
        and not default["SESSION_COOKIE_SECURE"]
        and default["SECURE_HSTS_SECONDS"] == 0
    )
    assert "SECURE_PROXY_SSL_HEADER" not in default and default["CSRF_TRUSTED_ORIGINS"] == []


@pytest.mark.parametrize(
    "host", [HOST, "127.0.0.1:8000"]
)  # proxy passing the Host header on, or not
def test_forms_work_behind_the_https_proxy(behind_https_proxy, users, host):
    client = Client(enforce_csrf_checks=True)
    https = {"HTTP_X_FORWARDED_PROTO": "https", "HTTP_HOST": host}
    client.get("/dang-nhap/", **https)
    token = client.cookies["csrftoken"].value
    response = client.post(
        "/dang-nhap/",
        {"username": "mytu", "password": PASSWORD, "csrfmiddlewaretoken": token},
        HTTP_ORIGIN=f"https://{HOST}",
        **https,
    )
    assert response.status_code == 302 and response["Location"] == "/"
    page = client.get("/doi-tuong/", **https)
    assert page.status_code == 200
    assert client.cookies["sessionid"]["secure"] and client.cookies["csrftoken"]["secure"]
    assert page["Strict-Transport-Security"].startswith("max-age=31536000")
    logout = client.post(
        "/dang-xuat/",
        {"csrfmiddlewaretoken": client.cookies["csrftoken"].value},
        HTTP_ORIGIN=f"https://{HOST}",
        **https,
    )
    assert logout.status_code == 302


def test_plain_http_is_redirected_to_https(behind_https_proxy, db):
    response = Client().get("/dang-nhap/", HTTP_X_FORWARDED_PROTO="http", HTTP_HOST=HOST)
    assert response.status_code == 301 and response["Location"] == f"https://{HOST}/dang-nhap/"


def test_check_deploy_is_clean_with_the_documented_environment(tmp_path):
    # Only the documented environment: nothing the test run sets (e.g. the e2e conftest's
    # DJANGO_ALLOW_ASYNC_UNSAFE) may leak into the production check.
    base = {
        key: os.environ[key] for key in ("PATH", "HOME", "LANG", "SYSTEMROOT") if key in os.environ
    }
    environment = (
        base
        | documented_environment()
        | {"ANSINH_DATA_DIR": str(tmp_path), "ANSINH_SECRET_KEY": secrets.token_urlsafe(50)}
    )
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from ansinh.cli import main; main()",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
        ],
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)" in result.stdout, (
        result.stdout + result.stderr
    )


# --- Content-Security-Policy: no inline script or style ----------------------------------------


class InlineFinder(HTMLParser):
    """Inline script, event handler attributes, javascript: links, style attributes and elements."""

    def __init__(self):
        super().__init__()
        self.found, self._script = [], False

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        self._script = (
            tag == "script"
            and "src" not in names
            and names.get("type") not in ("application/json",)
        )
        if tag == "style":
            self.found.append("<style>")
        for name, value in attrs:
            if (
                name.startswith("on")
                or name == "style"
                or (value or "").strip().lower().startswith("javascript:")
            ):
                self.found.append(f"<{tag} {name}=…>")
            if name.startswith("hx-on") or (
                name in ("hx-vals", "hx-vars") and "js:" in (value or "")
            ):
                self.found.append(f"<{tag} {name}=…>")

    def handle_data(self, data):
        if self._script and data.strip():
            self.found.append(f"<script>{data.strip()[:40]}")

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = False


def inline_code(html):
    finder = InlineFinder()
    finder.feed(html)
    return finder.found


def test_csp_is_strict():
    policy = dict(
        part.strip().split(" ", 1) for part in django_settings.CONTENT_SECURITY_POLICY.split(";")
    )
    assert (
        policy["default-src"] == "'self'"
        and policy["script-src"] == "'self'"
        and policy["style-src"] == "'self'"
    )
    assert policy["object-src"] == "'none'" and policy["base-uri"] == "'self'"
    assert policy["frame-ancestors"] == "'none'" and policy["form-action"] == "'self'"
    assert "unsafe" not in django_settings.CONTENT_SECURITY_POLICY


TEMPLATE_DIRS = [ROOT / "ansinh" / "templates", *sorted((ROOT / "ansinh").glob("*/templates"))]


@pytest.mark.parametrize(
    "template",
    sorted(p for d in TEMPLATE_DIRS for p in d.rglob("*.html")),
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_no_template_has_inline_script_or_style(template):
    assert inline_code(template.read_text()) == []


def simple_get_urls():
    """Every page URL pattern that takes no argument (the API and the admin aside)."""

    def walk(patterns, prefix=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            elif (
                isinstance(pattern, URLPattern)
                and "<" not in route
                and "(?P" not in route
                and "^" not in route
            ):
                yield "/" + route

    return sorted(
        {
            url
            for url in walk(get_resolver().url_patterns)
            if not url.startswith(("/api/", "/quan-tri/"))
        }
    )


def test_every_page_has_the_csp_and_no_inline_script(users):
    client = Client(
        raise_request_exception=False
    )  # a page failing on empty data is another lane's finding
    login(client, users["leader"])
    pages = 0
    for url in simple_get_urls():
        response = client.get(url)
        assert response["Content-Security-Policy"] == django_settings.CONTENT_SECURITY_POLICY, url
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            assert inline_code(response.content.decode()) == [], url
            pages += 1
    assert pages >= 20
    public = Client().get("/tra-cuu-ho-so/")
    assert public["Content-Security-Policy"] and inline_code(public.content.decode()) == []
    assert "Content-Security-Policy" in Client().get("/quan-tri/login/")


def test_pages_load_htmx_config_and_the_page_script(client, users):
    login(client, users["leader"])
    page = client.get("/").content.decode()
    assert (
        '<meta name="htmx-config"' in page
        and '"allowEval": false' in page
        and '"includeIndicatorStyles": false' in page
    )
    assert re.search(r'<script src="/static/ansinh\.js', page)
    assert (ROOT / "ansinh" / "static" / "ansinh.js").exists()


# --- Cache-Control: no-store --------------------------------------------------------------------


def test_personal_data_is_never_cached(client, users):
    login(client, users["leader"])
    for response in [
        client.get("/doi-tuong/"),
        client.get("/doi-tuong/xuat-excel/"),
        client.get("/api/people/"),
    ]:
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]


def test_api_token_answers_are_never_cached(users):
    from rest_framework.test import APIClient

    token = (
        APIClient().post("/api/token/", {"username": "mytu", "password": PASSWORD}).json()["token"]
    )
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    response = api.get("/api/people/")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]


def test_static_files_keep_their_cache(client, users):
    login(client, users["leader"])
    response = client.get("/static/ansinh.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


# --- the API schema -----------------------------------------------------------------------------


def test_the_api_schema_needs_a_login(client, users):
    assert Client().get("/api/schema/").status_code in (401, 403)
    login(client, users["viewer"])
    response = client.get("/api/schema/")
    assert response.status_code == 200 and b"/api/people/" in response.content
