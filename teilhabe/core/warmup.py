"""What every web worker would load for itself on its first requests, loaded once in the gunicorn
master before it forks the workers (config/gunicorn.py): the views behind the URLconf, the URL
patterns of every language, the translation catalogues and the compiled templates.

Loaded in the master, these pages are shared by all workers instead of copied into each (a
worker after the bench's load: private memory ~100 MB before), and no reader waits for a
worker's first compile. Nothing here touches the database or the cache: no connection may
cross the fork.
"""

from pathlib import Path

from django.conf import settings
from django.template import TemplateSyntaxError, engines
from django.template.utils import get_app_template_dirs
from django.urls import get_resolver
from django.utils import translation

TEMPLATE_SUFFIXES = {".html", ".txt", ".xml"}


def warm() -> dict[str, int]:
    """Load it all; returns what was loaded, for the log."""
    resolver = get_resolver()
    patterns = len(resolver.url_patterns)  # imports every view module
    for code, _name in settings.LANGUAGES:
        with translation.override(code):  # loads the language's catalogues
            resolver.reverse_dict  # noqa: B018  (built per language on first use)
    return {"url_patterns": patterns, "templates": _compile_templates()}


def _compile_templates() -> int:
    engine = engines["django"]
    folders = [Path(d) for d in engine.dirs]
    folders += [Path(d) for d in get_app_template_dirs("templates")]
    compiled = 0
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.suffix not in TEMPLATE_SUFFIXES:
                continue
            try:
                engine.get_template(str(path.relative_to(folder)))
            except TemplateSyntaxError:
                # A template that only compiles inside its includer is compiled there, on
                # first use, as without the warm-up.
                continue
            compiled += 1
    return compiled
