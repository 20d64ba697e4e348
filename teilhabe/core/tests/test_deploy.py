import os
import subprocess
import sys
from pathlib import Path

import pytest

from teilhabe.core.demo import demo_logins, load_demo
from teilhabe.plans.models import Plan, ProgressReport


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


@pytest.mark.django_db
def test_demo_builds_both_plans_through_the_importer():
    load_demo()
    boeblingen = Plan.objects.get(slug="landkreis-boeblingen")
    assert boeblingen.fields.count() == 8
    assert [f.motto for f in boeblingen.fields.order_by("number")][:2] == [
        "Hier bin ich",
        "Wohnen und Wohlfühlen",
    ]
    published = ProgressReport.objects.get(plan=boeblingen, status="published")
    assert published.as_of.isoformat() == "2017-02-20"
    assert published.examples.count() == 12
    assert ProgressReport.objects.filter(plan=boeblingen, status="draft").count() == 1
    le = Plan.objects.get(slug="leinfelden-echterdingen")
    assert le.status == "draft"
    assert le.milestones.count() == 5
    assert le.milestones.get(kind="decision").done_on.isoformat() == "2020-03-10"
    roles = " ".join(role for _, role in demo_logins())
    for label in ("Administration", "Koordination", "Fachamt", "Lesezugriff"):
        assert label in roles
