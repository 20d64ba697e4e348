import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_pages_send_a_strict_content_security_policy(client):
    response = client.get(reverse("login"))
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in directives["script-src"] and "unsafe-eval" not in policy
    assert directives["frame-ancestors"] == "'none'"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_hsts_over_https_with_production_values(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get(reverse("login"), secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_no_template_contains_an_inline_script():
    import re
    from pathlib import Path

    # The project's templates and every app's own.
    package = Path(__file__).resolve().parents[2]
    pages = [*package.glob("templates/**/*.html"), *package.glob("*/templates/**/*.html")]
    assert len(pages) > 100, "the templates were not found"
    offenders = [
        str(path.relative_to(package))
        for path in pages
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", path.read_text())
        or re.search(r"\son[a-z]+=", path.read_text())
    ]
    assert offenders == []
