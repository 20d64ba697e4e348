"""`make bench` (`python -m bench`): generate or reuse the dataset, then measure and print.

python -m bench                 full scale (Baden-Württemberg), dataset reused between runs
python -m bench --quick         40 organisations in a separate database, for a sanity check
python -m bench --rebuild       generate the dataset again
python -m bench --only pages,pdf
python -m bench --only portal,api   public portal and search (anonymous readers), REST API lists
python -m bench --only server       gunicorn side by side with the minimal view (wrk)
python -m bench --only offers      the inventory: 20,000 offers, directory and gap view
python -m bench --only funding     the fund: 2,000 applications in 10 rounds, ranking and ledger
python -m bench --only practices   the good-practice brochure with 33 practices
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from urllib.parse import urlsplit, urlunsplit

SECTIONS = (
    "pages",
    "queries",
    "portal",
    "api",
    "server",
    "pdf",
    "import",
    "xlsx",
    "participation",
    "oparl",
    "interpreters",
    "offers",
    "funding",
    "practices",
    "indicators",
)


def _arguments(argv):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="40 organisations, own database")
    parser.add_argument("--rebuild", action="store_true", help="regenerate the dataset")
    parser.add_argument(
        "--requests", type=int, default=None, help="timed requests per page (default 200, quick 60)"
    )
    parser.add_argument(
        "--only",
        default="",
        help=f"comma-separated sections out of {', '.join(SECTIONS)} ('dataset': none)",
    )
    parser.add_argument(
        "--profile", action="store_true", help="print cProfile and EXPLAIN ANALYZE for the pages"
    )
    args = parser.parse_args(argv)
    args.sections = [s.strip() for s in args.only.split(",") if s.strip()] or list(SECTIONS)
    unknown = set(args.sections) - set(SECTIONS) - {"dataset"}
    if unknown:
        parser.error(f"unknown sections: {', '.join(sorted(unknown))}")
    if args.requests is None:
        args.requests = 60 if args.quick else 200
    return args


def _quick_database_url(url: str) -> str:
    """The quick run keeps its own database so that it never throws away the full dataset."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=parts.path.rstrip("/") + "_quick"))


def _create_database_if_missing() -> None:
    import psycopg
    from django.conf import settings

    db = settings.DATABASES["default"]
    params = {
        "dbname": "postgres",
        "host": db.get("HOST") or None,
        "port": db.get("PORT") or None,
        "user": db.get("USER") or None,
        "password": db.get("PASSWORD") or None,
    }
    with psycopg.connect(**{k: v for k, v in params.items() if v}, autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]]
        ).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{db["NAME"]}"')
            print(f"   created database {db['NAME']}")


def _run_sections(results, scale, args) -> None:
    """Each section measures and prints its own figures."""
    import importlib

    modules = {"queries": "pages", "import": "importing", "xlsx": "spreadsheet"}
    done = set()
    for name in SECTIONS:
        module = modules.get(name, name)
        if name in args.sections and module not in done:
            done.add(module)
            importlib.import_module(f"bench.{module}").run(
                results, *_ARGUMENTS[module](scale, args)
            )


# What each section's run() takes after `results`.
_ARGUMENTS = {
    "pages": lambda scale, args: (scale, args),
    "portal": lambda scale, args: (scale, args),
    "api": lambda scale, args: (scale, args),
    "server": lambda scale, args: (scale, args),
    "pdf": lambda scale, args: (args,),
    "importing": lambda scale, args: (args,),
    "spreadsheet": lambda scale, args: (scale, args),
    "participation": lambda scale, args: (scale, args),
    "oparl": lambda scale, args: (args,),
    "interpreters": lambda scale, args: (args,),
    "offers": lambda scale, args: (scale, args),
    "funding": lambda scale, args: (scale, args),
    "practices": lambda scale, args: (scale, args),
    "indicators": lambda scale, args: (scale, args),
}


def main(argv=None) -> int:
    args = _arguments(sys.argv[1:] if argv is None else argv)
    url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/teilhabe_bench")
    if args.quick:
        url = _quick_database_url(url)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")

    import django

    django.setup()

    from django.conf import settings
    from django.core.management import call_command
    from django.urls import get_resolver

    from .http import handler

    # As the production server does before it forks its workers (config/gunicorn.py, pre_fork):
    # what loading the application made is frozen out of the garbage collector's way.
    handler()
    get_resolver().url_patterns  # noqa: B018  (imports every view module)
    gc.freeze()

    from . import dataset
    from .results import Results

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        print("The benchmark needs PostgreSQL (DATABASE_URL=postgres://…).", file=sys.stderr)
        return 2
    scale = dataset.QUICK if args.quick else dataset.FULL
    results = Results(scale_name="quick" if args.quick else "full")
    total_started = time.perf_counter()

    results.heading(
        f"Dataset ({'quick: ' if args.quick else ''}{scale.organizations} organisations) "
        f"in {settings.DATABASES['default']['NAME']}"
    )
    results.load("start")
    results.line(f"   code: {results.commit_at_start or 'unknown commit'}")
    _create_database_if_missing()
    call_command("migrate", interactive=False, verbosity=0)
    stored = None if args.rebuild else dataset.stored_dataset(scale)
    if stored:
        results.line(
            f"   reusing the dataset generated {stored['generated_at']} "
            f"(generation took {stored['seconds']:.0f} s; --rebuild to regenerate)"
        )
        generation = {"reused": True, **stored}
        results.figure("dataset generation (earlier run)", stored["seconds"], "s")
    else:
        results.line("   generating with COPY in one transaction …")
        generation = dataset.generate(scale, log=results.line)
        generation["reused"] = False
        results.figure(
            "dataset generation",
            generation["seconds"],
            "s",
            detail=f"load {generation['load_seconds']} s + VACUUM ANALYZE "
            f"{generation['vacuum_analyze_seconds']} s",
        )
    results.note(
        "no history rows are written for the generated data (django-simple-history is "
        "bypassed by COPY); FK triggers are off while loading"
    )
    counts = dataset.dataset_counts()
    results.line(
        "   " + ", ".join(f"{key.replace('_', ' ')} {value:,}" for key, value in counts.items())
    )
    results.line(
        f"   (plus in the plan counts: one small plan '{dataset.SMALL_PLAN_SLUG}' and one plan "
        f"'{dataset.BIG_PLAN_SLUG}' with {scale.big_measures:,} measures)"
    )
    results.section("dataset", {"scale": scale.spec(), "generation": generation, "counts": counts})

    _run_sections(results, scale, args)

    results.summary()
    results.load("end")
    path = results.write()
    results.line(f"\n   total {time.perf_counter() - total_started:.0f} s; results in {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
