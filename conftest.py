"""Project-wide pytest configuration."""

import os
import shutil
import tempfile

import pytest


def pytest_configure(config):
    from django.conf import settings

    # Hashing every test user's password with PBKDF2 would dominate the suite's run time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Figures and badges kept in the cache would let one request's numbers leak into the next assertion; the tests of
    # that caching turn it on themselves.
    settings.MARKET_STATS_CACHE_SECONDS = 0
    settings.WORKSPACE_BADGE_SECONDS = 0
    settings.MATCH_CACHE_SECONDS = 0
    # An on-disk search index (the tantivy backend) gets a directory of its own in every test process (each xdist
    # worker is one), in memory (/dev/shm) where there is one: every commit fsyncs, which tmpfs makes cheap.
    path = tempfile.mkdtemp(prefix="kjdsc-search-", dir="/dev/shm" if os.access("/dev/shm", os.W_OK) else None)
    settings.SEARCH_BACKENDS["default"]["PATH"] = path
    config.add_cleanup(lambda: shutil.rmtree(path, ignore_errors=True))
    # Uploads and stored documents written by tests go to a temporary folder, never the project's media/.
    media = tempfile.mkdtemp(prefix="kjdsc-media-")
    settings.MEDIA_ROOT = media
    config.add_cleanup(lambda: shutil.rmtree(media, ignore_errors=True))


@pytest.fixture(autouse=True)
def _search_index_isolation():
    """The database rolls back after each test; an index kept outside it is emptied instead (free when empty)."""
    yield
    from search.backends import get_backend

    backend = get_backend()
    if getattr(backend, "index_outside_database", False):
        backend.clear()


def pytest_collection_modifyitems(config, items):
    """Tests marked ``postgres`` need PostgreSQL features; on SQLite they are skipped (CI runs them in its second,
    PostgreSQL pass)."""
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL=postgres://…)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _default_language():
    """A request with ``Accept-Language: en`` activates English in the test's thread, and Django leaves it active
    after the response; later tests must not inherit it."""
    yield
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
