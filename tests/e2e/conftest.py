import os
import shutil

import pytest

os.environ.setdefault(
    "DJANGO_ALLOW_ASYNC_UNSAFE", "true"
)  # Playwright's sync API runs an event loop

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if os.environ.get("ANSINH_SKIP_E2E") == "1":
        pytest.skip("ANSINH_SKIP_E2E=1: end-to-end tests skipped on request")
    if not shutil.which(CHROMIUM):
        pytest.fail(
            "Debian's chromium is not installed (apt-get install chromium), or set ANSINH_SKIP_E2E=1"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A page that fails the test if the Content-Security-Policy blocks anything on it, or a
    script throws: the pages must work without inline script or style."""
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(15000)
    problems = []
    page.on(
        "console",
        lambda message: (
            problems.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    yield page
    context.close()
    assert problems == [], problems


def log_in(page, live_server, username, password):
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")
