"""The gunicorn master's warm-up (teilhabe.core.warmup) and what a web worker does not load."""

import os
import subprocess
import sys

from teilhabe.core.warmup import warm


def test_warm_up_loads_views_languages_and_templates_without_the_database():
    # No django_db mark: any query would fail the test (nothing may connect before the fork).
    loaded = warm()
    assert loaded["url_patterns"] > 5
    assert loaded["templates"] > 300  # every page, include and mail template of the apps


def test_serving_pages_does_not_load_the_document_libraries():
    """The PDF reader, the Typst compiler, the spreadsheet and Word libraries (openpyxl,
    python-docx with lxml) and the iCalendar writer are loaded when a document is read, written
    or rendered, not with the views: a worker that serves pages stays without their ~50 MB."""
    libraries = ("typst", "pdfplumber", "pdfminer", "openpyxl", "docx", "lxml", "icalendar")
    script = (
        "import django, sys; django.setup();"
        "from teilhabe.core.warmup import warm; warm();"
        f"print(sorted(m for m in {libraries} if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
