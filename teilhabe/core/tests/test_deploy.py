import os
import subprocess
import sys
from pathlib import Path


def test_check_deploy_with_production_settings_is_clean():
    teilhabe = Path(sys.executable).with_name("teilhabe")
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x" * 30 + "production-check-key-with-enough-entropy-1234567890",
        "ALLOWED_HOSTS": "teilhabe.example.org",
    }
    done = subprocess.run(
        [str(teilhabe), "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_production_settings_refuse_to_start_without_secret_key():
    teilhabe = Path(sys.executable).with_name("teilhabe")
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    done = subprocess.run(
        [str(teilhabe), "check"], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode != 0
    assert "SECRET_KEY muss" in done.stderr
