"""``manage.py check --deploy`` is clean with a production-like environment, and refuses an unsafe one."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "x7Kq2-production-like-secret-key-for-check-deploy-0123456789abcdefghij",
    "ALLOWED_HOSTS": "kjdsc.yuyao.gov.cn",
    "CSRF_TRUSTED_ORIGINS": "https://kjdsc.yuyao.gov.cn",
    "SEARCH_BACKEND": "database",
}


def _manage(*args, env):
    # The browser tests' conftest lifts Django's async-safety guard for their process; a deployment never has it.
    dropped = {"SILENCED_SYSTEM_CHECKS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV and k not in dropped}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_the_development_secret_key():
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_unknown_task_backend_is_refused():
    result = _manage("check", env={"TASK_BACKEND": "carrier-pigeon"})
    assert result.returncode != 0
    assert "TASK_BACKEND" in result.stderr
