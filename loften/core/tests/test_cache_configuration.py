"""Production keeps its cache where every process sees it: Redis when REDIS_URL
is set, otherwise the database; and never a per-process memory cache."""

import pytest
from django.core.cache.backends.db import DatabaseCache
from django.db import connection

from .test_configuration import GOOD_SECRET, assert_one_clear_sentence, run_loften

PRINT_CACHE = (
    "from django.conf import settings; c = settings.CACHES['default']; "
    "print(c['BACKEND'], c['LOCATION'])"
)


def _production(tmp_path, **env):
    return {
        "LOFTEN_ENV": "production",
        "SECRET_KEY": GOOD_SECRET,
        "ALLOWED_HOSTS": "loften.example.se",
        "LOFTEN_VAR_DIR": str(tmp_path),
        "REDIS_URL": "",
        "DATABASE_CACHE": "",
        **env,
    }


@pytest.mark.processes  # runs the `loften` command
def test_production_without_redis_uses_the_database_cache(tmp_path):
    result = run_loften("shell", "-v", "0", "-c", PRINT_CACHE, **_production(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.core.cache.backends.db.DatabaseCache",
        "loften_cache",
    ]


@pytest.mark.processes  # runs the `loften` command
def test_production_with_redis_uses_redis(tmp_path):
    result = run_loften(
        "shell",
        "-v",
        "0",
        "-c",
        PRINT_CACHE,
        **_production(tmp_path, REDIS_URL="redis://cache.internal:6379/1"),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.core.cache.backends.redis.RedisCache",
        "redis://cache.internal:6379/1",
    ]


@pytest.mark.processes  # runs the `loften` command
def test_production_refuses_a_cache_of_its_own_per_process(tmp_path):
    result = run_loften("check", **_production(tmp_path, DATABASE_CACHE="false"))
    assert_one_clear_sentence(result, "needs a cache that every process shares")


@pytest.mark.processes  # runs the `loften` command
def test_a_redis_url_of_another_kind_is_refused(tmp_path):
    result = run_loften("check", **_production(tmp_path, REDIS_URL="localhost:6379"))
    assert_one_clear_sentence(result, "REDIS_URL must start with redis://")


@pytest.mark.django_db
def test_the_migrations_make_the_cache_table_and_it_works():
    assert "loften_cache" in connection.introspection.table_names()
    shared = DatabaseCache("loften_cache", {"KEY_PREFIX": "test"})
    shared.set("greeting", "hej", 60)
    shared.add("count", 0, 60)
    assert shared.incr("count") == 1
    assert shared.get("greeting") == "hej"
