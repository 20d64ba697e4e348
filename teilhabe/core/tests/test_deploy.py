import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

TEILHABE = Path(sys.executable).with_name("teilhabe")


def production_env(**overrides: str) -> dict[str, str]:
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x" * 30 + "production-check-key-with-enough-entropy-1234567890",
        "ALLOWED_HOSTS": "teilhabe.example.org",
        "SITE_URL": "https://teilhabe.example.org",
    }
    env.update(overrides)
    return {k: v for k, v in env.items() if v is not None}


def run_check(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(TEILHABE), "check", *args], capture_output=True, text=True, env=env, check=False
    )


@pytest.fixture
def collected_static(tmp_path):
    """What collectstatic leaves behind as far as the check looks: the manifest."""
    (tmp_path / "staticfiles.json").write_text(json.dumps({"paths": {}, "version": "1.1"}))
    return tmp_path


def test_check_deploy_with_production_settings_is_clean(collected_static):
    done = run_check(
        production_env(STATIC_ROOT=str(collected_static)), "--deploy", "--fail-level", "WARNING"
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_check_deploy_names_missing_collectstatic(tmp_path):
    done = run_check(production_env(STATIC_ROOT=str(tmp_path / "leer")), "--deploy")
    assert done.returncode != 0
    assert "teilhabe.E001" in done.stderr
    assert "collectstatic" in done.stderr


def test_production_settings_refuse_to_start_without_secret_key():
    env = production_env()
    del env["SECRET_KEY"]
    done = run_check(env)
    assert done.returncode != 0
    assert "SECRET_KEY muss" in done.stderr


def test_production_settings_refuse_to_start_without_site_url():
    # Without it every open-data link and email would point at http://127.0.0.1:8000.
    env = production_env()
    del env["SITE_URL"]
    done = run_check(env)
    assert done.returncode != 0
    assert "SITE_URL muss" in done.stderr


def test_loading_the_application_opens_no_connection(collected_static):
    """gunicorn imports the application once and forks the workers from it (preload_app): a
    database connection or pool opened while importing would be shared by every worker."""
    code = (
        "import config.wsgi\n"
        "from django.db import connections\n"
        "from django.core.cache import caches\n"
        "assert connections['default'].connection is None, 'database connection at import'\n"
        "assert not hasattr(caches._connections, 'default'), 'cache client at import'\n"
        "print('clean')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=production_env(STATIC_ROOT=str(collected_static)),
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == "clean"
