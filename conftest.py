import pytest

pytest_plugins = ["ansinh.core.tests.fixtures", "ansinh.core.tests.web"]


@pytest.fixture(autouse=True)
def _test_settings(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tests (and the live server) serve static files through the finders, by unhashed names.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the reference data (units, organisation, calendar) once for the whole session."""
    from ansinh.core import demo, loaders

    with django_db_blocker.unblock():
        demo.load_org_units(demo.load_units())
        loaders.load_calendar_overrides()


@pytest.fixture(autouse=True)
def _inline_jobs(settings):
    """Tasks run inside enqueue() (a test that needs the queue sets the database backend)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
