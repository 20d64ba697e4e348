"""The benchmark dataset: every Landkreis and Gemeinde of Baden-Württemberg with one adopted
plan, written with COPY in one transaction and reused between runs.

Names are invented; the AGS follow the real scheme (08 + Regierungsbezirk + Kreis + Gemeinde)
with the real keys of the 35 Landkreise. History rows are not written for the generated data,
and foreign-key triggers are off while loading (the generator makes consistent rows itself).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import time
from dataclasses import asdict, dataclass
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from teilhabe.organizations.models import Membership, Organization, Unit, User
from teilhabe.plans.models import (
    FieldOfAction,
    Goal,
    Measure,
    Plan,
    ProgressEntry,
    ProgressReport,
)

from .bulk import copy_rows, reset_sequences

# Bump when the generator changes what it writes: the stored dataset is then rebuilt.
GENERATOR_VERSION = 5
MARKER_TABLE = "bench_dataset"

# (key after "08", name) of the 35 Landkreise, by Regierungsbezirk.
# fmt: off
DISTRICTS = [
    ("115", "Landkreis Böblingen"), ("116", "Landkreis Esslingen"), ("117", "Landkreis Göppingen"),
    ("118", "Landkreis Ludwigsburg"), ("119", "Rems-Murr-Kreis"), ("125", "Landkreis Heilbronn"),
    ("126", "Hohenlohekreis"), ("127", "Landkreis Schwäbisch Hall"), ("128", "Main-Tauber-Kreis"),
    ("135", "Landkreis Heidenheim"), ("136", "Ostalbkreis"),
    ("215", "Landkreis Karlsruhe"), ("216", "Landkreis Rastatt"), ("225", "Neckar-Odenwald-Kreis"),
    ("226", "Rhein-Neckar-Kreis"), ("235", "Landkreis Calw"), ("236", "Enzkreis"),
    ("237", "Landkreis Freudenstadt"),
    ("315", "Landkreis Breisgau-Hochschwarzwald"), ("316", "Landkreis Emmendingen"),
    ("317", "Ortenaukreis"), ("325", "Landkreis Rottweil"), ("326", "Schwarzwald-Baar-Kreis"),
    ("327", "Landkreis Tuttlingen"), ("335", "Landkreis Konstanz"), ("336", "Landkreis Lörrach"),
    ("337", "Landkreis Waldshut"),
    ("415", "Landkreis Reutlingen"), ("416", "Landkreis Tübingen"), ("417", "Zollernalbkreis"),
    ("425", "Alb-Donau-Kreis"), ("426", "Landkreis Biberach"), ("435", "Bodenseekreis"),
    ("436", "Landkreis Ravensburg"), ("437", "Landkreis Sigmaringen"),
]
NAME_STARTS = [
    "Ober", "Unter", "Nieder", "Hoch", "Alt", "Neu", "Klein", "Groß", "Wald", "Berg", "Tal",
    "Stein", "Eich", "Buch", "Linden", "Rosen", "Mühl", "Kirch", "Sulz", "Hohen", "Bären",
    "Wein", "Schön", "Fisch", "Roth", "Weiß", "Espel", "Horn", "Murr", "Kocher",
]
NAME_ENDS = [
    "bach", "heim", "ingen", "hausen", "dorf", "stetten", "weiler", "hofen", "stadt", "feld",
    "berg", "au", "tal", "brunn", "weil", "hardt", "rode", "wangen", "furt", "burg",
]
UNITS = [
    "Integrationsbeauftragte",
    "Amt für Soziales und Teilhabe",
    "Jugendamt",
    "Amt für Bildung und Schulen",
    "Ordnungs- und Ausländeramt",
    "Amt für Wohnen und Liegenschaften",
    "Kulturamt",
    "Personalamt",
]
FIELDS = [
    ("Sprache und Bildung", "Sprache öffnet Türen"),
    ("Ausbildung und Arbeit", "Arbeit ist der Schlüssel zur Teilhabe"),
    ("Wohnen und Zusammenleben im Quartier", "Gute Nachbarschaft"),
    ("Gesundheit und Pflege", "Gesund ankommen"),
    ("Kinder, Jugend und Familie", "Von Anfang an dabei"),
    ("Bürgerschaftliches Engagement", "Miteinander engagiert"),
    ("Interkulturelle Öffnung der Verwaltung", "Verwaltung für alle"),
    ("Sport, Kultur und Freizeit", "Gemeinsam aktiv"),
    ("Politische Teilhabe", "Mitreden und mitentscheiden"),
    ("Beratung und Begleitung", "Wege weisen"),
]
MEASURE_VERBS = [
    "Ausbau", "Einrichtung", "Fortführung", "Weiterentwicklung", "Verstetigung", "Erprobung",
    "Bekanntmachung", "Vernetzung", "Qualifizierung", "Förderung",
]
MEASURE_OBJECTS = [
    "der Sprachkurse für Eltern", "eines Dolmetscher- und Sprachmittlerpools",
    "der Integrationskurse mit Kinderbetreuung", "der Ausbildungspatenschaften",
    "der Willkommensmappe in leichter Sprache", "der interkulturellen Elternarbeit",
    "der Beratung zur Anerkennung ausländischer Berufsabschlüsse", "des Runden Tisches Integration",
    "der Wohnraumvermittlung für Geflüchtete", "der Gesundheitslotsen",
    "der Fortbildungen zur interkulturellen Kompetenz", "der Sportangebote für Mädchen",
    "der Migrantenorganisationen im Integrationsbeirat", "der Hausaufgabenhilfe",
    "des Integrationsfonds", "der Ehrenamtskoordination", "der Sprachcafés",
    "der Berufsorientierung an Schulen", "der mehrsprachigen Informationen im Internet",
    "der Quartiersarbeit",
]
# fmt: on
DESCRIPTIONS = [
    "Das Angebot wurde mit den Trägern abgestimmt und in allen Stadtteilen bekannt gemacht.",
    "Die Arbeitsgruppe hat sich viermal getroffen; ein Konzept liegt dem Ausschuss vor.",
    "Wegen fehlender Fördermittel konnte nur ein Teil der geplanten Kurse stattfinden.",
    "Gemeinsam mit dem Jobcenter und der Agentur für Arbeit wurden 24 Plätze geschaffen.",
    "Die Stelle ist seit dem Frühjahr besetzt; die Nachfrage übersteigt das Angebot.",
    "Flyer in sechs Sprachen liegen in allen Rathäusern und Beratungsstellen aus.",
    "Die Fortbildung wird jährlich angeboten und ist für neue Mitarbeitende verpflichtend.",
    "Ein Kooperationsvertrag mit den Vereinen ist unterzeichnet.",
]
STATUS_WORDING = {
    "done": "100% umgesetzt",
    "not_started": "nicht umgesetzt",
    "in_coordination": "im Abstimmungsprozess",
    "not_possible": "Umsetzung nicht möglich",
}


@dataclass(frozen=True)
class Scale:
    districts: int = 35
    municipalities: int = 1101
    fields: int = 8
    measures_per_field: int = 25
    goals_per_field: int = 3
    units: int = 6
    reports: int = 8  # the last one is a draft, the others are published
    first_year: int = 2018
    # Extra plans: a small one to compare query counts with, a big one for the spreadsheet.
    small_fields: int = 2
    small_measures_per_field: int = 2
    big_measures: int = 10_000

    @property
    def organizations(self) -> int:
        return self.districts + self.municipalities

    @property
    def measures(self) -> int:
        return (
            self.organizations * self.fields * self.measures_per_field
            + self.small_fields * self.small_measures_per_field
            + self.big_measures
        )

    @property
    def entries(self) -> int:
        main = self.organizations * self.fields * self.measures_per_field * self.reports
        return main + 3 * self.small_fields * self.small_measures_per_field + 2 * self.big_measures

    def spec(self) -> str:
        return json.dumps({"generator": GENERATOR_VERSION, **asdict(self)}, sort_keys=True)


FULL = Scale()
QUICK = Scale(districts=4, municipalities=36, big_measures=2_000)

SMALL_PLAN_SLUG = "bench-kleinplan"
BIG_PLAN_SLUG = "bench-10000-massnahmen"
MAIN_PLAN_PREFIX = "ip-"


# The marker ---------------------------------------------------------------------------------------


def stored_dataset(scale: Scale) -> dict | None:
    """What the marker says about the stored dataset, if it is complete and of this scale."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", [MARKER_TABLE])
        if cursor.fetchone()[0] is None:
            return None
        cursor.execute(f"SELECT spec, generated_at, seconds FROM {MARKER_TABLE}")
        row = cursor.fetchone()
    if row is None or row[0] != scale.spec():
        return None
    # The marker alone could outlive the data (a flush, a test run on the wrong database).
    if Measure.objects.count() < scale.measures or ProgressEntry.objects.count() < scale.entries:
        return None
    return {"generated_at": row[1].isoformat(), "seconds": row[2]}


def _write_marker(scale: Scale, seconds: float) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {MARKER_TABLE} "
            "(spec text NOT NULL, generated_at timestamptz NOT NULL, seconds double precision)"
        )
        cursor.execute(f"DELETE FROM {MARKER_TABLE}")
        cursor.execute(
            f"INSERT INTO {MARKER_TABLE} VALUES (%s, now(), %s)", [scale.spec(), seconds]
        )


# Generation ---------------------------------------------------------------------------------------


class _Ids:
    """Explicit primary keys, so that rows can refer to each other before they are written."""

    def __init__(self):
        self.counters: dict[str, int] = {}

    def next(self, name: str) -> int:
        self.counters[name] = self.counters.get(name, 0) + 1
        return self.counters[name]


def _organizations(scale: Scale):
    per_district, extra = divmod(scale.municipalities, scale.districts)
    org_id = 0
    for index, (key, district_name) in enumerate(DISTRICTS[: scale.districts]):
        org_id += 1
        district_id = org_id
        ags = f"08{key}000"
        yield (district_id, district_name, f"lk-{ags}", "district", ags, None)
        count = per_district + (1 if index < extra else 0)
        for number in range(1, count + 1):
            org_id += 1
            seed = org_id * 7919
            name = NAME_STARTS[seed % len(NAME_STARTS)] + NAME_ENDS[(seed // 31) % len(NAME_ENDS)]
            kind = "city" if number <= 3 else "municipality"
            prefix = "Stadt" if kind == "city" else "Gemeinde"
            ags = f"08{key}{number:03d}"
            yield (org_id, f"{prefix} {name}", f"gem-{ags}", kind, ags, district_id)


def _entry_states(rng: random.Random, reports: int) -> list[tuple[str, int | None, str]]:
    """A measure's (status, percent, wording) in each report, moving towards "umgesetzt"."""
    kind = rng.random()
    start = rng.randrange(0, reports)
    speed = rng.choice((10, 20, 25, 30, 50))
    states = []
    progress = 0
    for k in range(reports):
        if kind < 0.04 and k >= start:
            states.append(("not_possible", None, STATUS_WORDING["not_possible"]))
            continue
        if kind < 0.08 and rng.random() < 0.3:
            states.append(("unknown", None, ""))
            continue
        if k >= start:
            progress = min(100, progress + rng.choice((0, speed, speed, speed // 2)))
        if progress >= 100:
            states.append(("done", 100, STATUS_WORDING["done"]))
        elif progress == 0:
            if k >= start and rng.random() < 0.5:
                states.append(("in_coordination", None, STATUS_WORDING["in_coordination"]))
            else:
                states.append(("not_started", 0, STATUS_WORDING["not_started"]))
        else:
            states.append(("in_progress", progress, f"Umsetzung {progress}%"))
    return states


def _plan_rows(scale, ids, rng, *, plan_id, org_id, unit_ids, n_fields, per_field, reports, now):
    """Rows for one plan: fields, goals, measures, reports, entries (as lists of tuples)."""
    fields, goals, measures, report_rows, entries = [], [], [], [], []
    report_ids = []
    for k in range(reports):
        report_id = ids.next("report")
        report_ids.append(report_id)
        year = scale.first_year + k + (8 - reports if reports < 8 else 0)
        as_of = dt.date(year, 12, 31)
        draft = k == reports - 1
        published_at = None if draft else dt.datetime(year + 1, 3, 1, 10, 0, tzinfo=dt.UTC)
        report_rows.append(
            (
                report_id,
                plan_id,
                f"Bilanz {year}",
                as_of,
                "Diese Bilanz gibt den Stand aller Maßnahmen des Integrationsplans wieder.",
                "Im kommenden Jahr sollen die Angebote verstetigt werden.",
                "draft" if draft else "published",
                published_at,
                None,
                1,
            )
        )
    for f in range(1, n_fields + 1):
        field_id = ids.next("field")
        title, motto = FIELDS[(f - 1) % len(FIELDS)]
        fields.append(
            (
                field_id,
                plan_id,
                f,
                title,
                motto,
                (
                    f"Im Handlungsfeld „{title}“ bündelt der Plan die Maßnahmen, die der "
                    "Arbeitskreis erarbeitet und der Gemeinderat beschlossen hat."
                ),
                f"{10 + 3 * f}-{12 + 3 * f}",
                per_field,
                1,
            )
        )
        goal_ids = []
        for g in range(1, scale.goals_per_field + 1):
            goal_id = ids.next("goal")
            goal_ids.append(goal_id)
            goals.append(
                (goal_id, field_id, f"Ziel {f}.{g}: Teilhabe im Handlungsfeld stärken", "", g, 1)
            )
        for m in range(1, per_field + 1):
            measure_id = ids.next("measure")
            title = (
                f"{MEASURE_VERBS[rng.randrange(len(MEASURE_VERBS))]} "
                f"{MEASURE_OBJECTS[rng.randrange(len(MEASURE_OBJECTS))]}"
            )
            lead = unit_ids[rng.randrange(len(unit_ids))] if rng.random() < 0.95 else None
            measures.append(
                (
                    measure_id,
                    field_id,
                    goal_ids[m % len(goal_ids)],
                    f"{f}.{m}",
                    title,
                    DESCRIPTIONS[rng.randrange(len(DESCRIPTIONS))],
                    lead,
                    "Volkshochschule, Caritas, Diakonie" if m % 3 == 0 else "",
                    "own" if m % 5 else "third_party",
                    "focus" if m % 11 == 0 else "quick_win" if m % 13 == 0 else "normal",
                    dt.date(scale.first_year, 1 + m % 12, 1),
                    None,
                    m % 4 == 0,
                    Decimal(5000 * (1 + m % 7)) if m % 2 else None,
                    Decimal(2) if m % 17 == 0 else Decimal(1),
                    m,
                    1,
                )
            )
            for report_id, (status, percent, wording) in zip(
                report_ids, _entry_states(rng, reports), strict=True
            ):
                entries.append(
                    (
                        ids.next("entry"),
                        report_id,
                        measure_id,
                        status,
                        percent,
                        DESCRIPTIONS[rng.randrange(len(DESCRIPTIONS))]
                        if status != "unknown"
                        else "",
                        wording if rng.random() < 0.3 else "",
                        now,
                        None,
                        1,
                    )
                )
    return fields, goals, measures, report_rows, entries


PLAN_COLUMNS = (
    "id",
    "organization_id",
    "title",
    "slug",
    "status",
    "introduction",
    "adopted_on",
    "council_reference",
    "period_start",
    "period_end",
    "predecessor_id",
    "version",
    "revision",
)
FIELD_COLUMNS = (
    "id",
    "plan_id",
    "number",
    "title",
    "motto",
    "introduction",
    "page_range",
    "recommendation_count",
    "version",
)
GOAL_COLUMNS = ("id", "field_id", "title", "description", "position", "version")
MEASURE_COLUMNS = (
    "id",
    "field_id",
    "goal_id",
    "number",
    "title",
    "description",
    "lead_unit_id",
    "partners",
    "responsibility",
    "priority",
    "starts_on",
    "ends_on",
    "ongoing",
    "planned_cost",
    "weight",
    "position",
    "version",
)
REPORT_COLUMNS = (
    "id",
    "plan_id",
    "title",
    "as_of",
    "introduction",
    "outlook",
    "status",
    "published_at",
    "published_by_id",
    "version",
)
ENTRY_COLUMNS = (
    "id",
    "report_id",
    "measure_id",
    "status",
    "percent",
    "description",
    "original_wording",
    "updated_at",
    "updated_by_id",
    "version",
)


def _truncate_all() -> None:
    """Empty every table of the project (as `flush` does), keeping migrations and content types."""
    keep = {"django_migrations", "django_content_type", "auth_permission"}
    tables = [
        t for t in connection.introspection.django_table_names(only_existing=True) if t not in keep
    ]
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {MARKER_TABLE}")
        cursor.execute(f"DROP TABLE IF EXISTS {SEARCH_MARKER_TABLE}")
        if tables:
            names = ", ".join(connection.ops.quote_name(t) for t in tables)
            cursor.execute(f"TRUNCATE {names} RESTART IDENTITY CASCADE")


def generate(scale: Scale, log=print) -> dict:
    """Write the whole dataset; returns counts and timings."""
    started = time.perf_counter()
    now = timezone.now()
    rng = random.Random(20260101)
    ids = _Ids()
    counts: dict[str, int] = {}
    steps: dict[str, float] = {}

    def step(name, model, columns, rows):
        t = time.perf_counter()
        counts[name] = counts.get(name, 0) + copy_rows(model, columns, rows)
        steps[name] = steps.get(name, 0.0) + time.perf_counter() - t

    with transaction.atomic():
        _truncate_all()
        with connection.cursor() as cursor:
            # The generator writes consistent rows; skipping the per-row FK triggers halves the
            # load time. Needs a superuser, which the benchmark database has.
            cursor.execute("SET LOCAL session_replication_role = replica")

        orgs = list(_organizations(scale))
        step(
            "organizations",
            Organization,
            ("id", "name", "slug", "kind", "ags", "parent_id"),
            orgs,
        )
        units, users, memberships, plans = [], [], [], []
        units_of: dict[int, list[int]] = {}
        for org_id, name, _slug, _kind, ags, _parent in orgs:
            unit_ids = []
            for u in range(scale.units):
                unit_id = ids.next("unit")
                unit_ids.append(unit_id)
                units.append((unit_id, org_id, UNITS[u % len(UNITS)], ""))
            units_of[org_id] = unit_ids
            user_id = ids.next("user")
            users.append(
                (
                    user_id,
                    "!bench",
                    f"koordination-{ags}@bench.invalid",
                    "Koordination",
                    name,
                    False,
                    False,
                    True,
                    now,
                )
            )
            memberships.append((ids.next("membership"), user_id, org_id, "coordinator", None))
            plans.append(
                (
                    ids.next("plan"),
                    org_id,
                    f"Integrationsplan {name}",
                    f"{MAIN_PLAN_PREFIX}{ags}",
                    "adopted",
                    "Der Integrationsplan beschreibt, wie Zugewanderte teilhaben.",
                    dt.date(scale.first_year - 1, 7, 18),
                    f"{100 + org_id % 300}/{scale.first_year - 1}",
                    dt.date(scale.first_year, 1, 1),
                    dt.date(scale.first_year + 9, 12, 31),
                    None,
                    1,
                    0,
                )
            )
        first_org, second_org = orgs[0][0], orgs[1][0]
        small_plan_id, big_plan_id = ids.next("plan"), ids.next("plan")
        plans.append(
            (
                small_plan_id,
                first_org,
                "Kleiner Vergleichsplan",
                SMALL_PLAN_SLUG,
                "adopted",
                "",
                dt.date(2020, 1, 1),
                "",
                None,
                None,
                None,
                1,
                0,
            )
        )
        plans.append(
            (
                big_plan_id,
                second_org,
                f"Plan mit {scale.big_measures} Maßnahmen",
                BIG_PLAN_SLUG,
                "adopted",
                "",
                dt.date(2020, 1, 1),
                "",
                None,
                None,
                None,
                1,
                0,
            )
        )
        step("units", Unit, ("id", "organization_id", "name", "email"), units)
        step(
            "users",
            User,
            (
                "id",
                "password",
                "email",
                "first_name",
                "last_name",
                "is_superuser",
                "is_staff",
                "is_active",
                "date_joined",
            ),
            users,
        )
        step(
            "memberships",
            Membership,
            ("id", "user_id", "organization_id", "role", "unit_id"),
            memberships,
        )
        step("plans", Plan, PLAN_COLUMNS, plans)

        # Plans are written in batches so that memory stays flat (1.8 million entries).
        batch: list[list] = [[], [], [], [], []]

        def flush():
            for name, model, columns, rows in zip(
                ("fields", "goals", "measures", "reports", "entries"),
                (FieldOfAction, Goal, Measure, ProgressReport, ProgressEntry),
                (FIELD_COLUMNS, GOAL_COLUMNS, MEASURE_COLUMNS, REPORT_COLUMNS, ENTRY_COLUMNS),
                batch,
                strict=True,
            ):
                if rows:
                    step(name, model, columns, rows)
                rows.clear()

        def add(rows_tuple):
            for target, rows in zip(batch, rows_tuple, strict=True):
                target.extend(rows)

        for n, plan in enumerate(plans[: len(orgs)], start=1):
            plan_id, org_id = plan[0], plan[1]
            add(
                _plan_rows(
                    scale,
                    ids,
                    rng,
                    plan_id=plan_id,
                    org_id=org_id,
                    unit_ids=units_of[org_id],
                    n_fields=scale.fields,
                    per_field=scale.measures_per_field,
                    reports=scale.reports,
                    now=now,
                )
            )
            if n % 100 == 0:
                flush()
                log(f"   … {n} of {len(orgs)} plans written")
        add(
            _plan_rows(
                scale,
                ids,
                rng,
                plan_id=small_plan_id,
                org_id=first_org,
                unit_ids=units_of[first_org],
                n_fields=scale.small_fields,
                per_field=scale.small_measures_per_field,
                # Two published reports and a draft: the latest published one has a
                # predecessor, as in the 200-measure plans it is compared with.
                reports=3,
                now=now,
            )
        )
        add(
            _plan_rows(
                scale,
                ids,
                rng,
                plan_id=big_plan_id,
                org_id=second_org,
                unit_ids=units_of[second_org],
                n_fields=scale.fields,
                per_field=scale.big_measures // scale.fields,
                reports=2,
                now=now,
            )
        )
        flush()
        reset_sequences(
            [
                Organization,
                Unit,
                User,
                Membership,
                Plan,
                FieldOfAction,
                Goal,
                Measure,
                ProgressReport,
                ProgressEntry,
            ]
        )
        load_seconds = time.perf_counter() - started

    t = time.perf_counter()
    # VACUUM (not possible in a transaction) sets the visibility map for index-only scans,
    # ANALYZE gives the planner the statistics a production database would have.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    analyze_seconds = time.perf_counter() - t
    seconds = time.perf_counter() - started
    _write_marker(scale, seconds)
    return {
        "seconds": round(seconds, 1),
        "load_seconds": round(load_seconds, 1),
        "vacuum_analyze_seconds": round(analyze_seconds, 1),
        "counts": counts,
        "step_seconds": {k: round(v, 2) for k, v in steps.items()},
    }


def dataset_counts() -> dict[str, int]:
    from django.db.models import Count

    kinds = dict(Organization.objects.values_list("kind").annotate(n=Count("pk")).order_by())
    return {
        "organizations": Organization.objects.count(),
        "districts": kinds.get("district", 0),
        "cities_municipalities": kinds.get("city", 0) + kinds.get("municipality", 0),
        "units": Unit.objects.count(),
        "plans": Plan.objects.count(),
        "fields": FieldOfAction.objects.count(),
        "measures": Measure.objects.count(),
        "reports": ProgressReport.objects.count(),
        "entries": ProgressEntry.objects.count(),
        "entry_history_rows": ProgressEntry.history.count(),
    }


# The search index -------------------------------------------------------------------------------

SEARCH_MARKER_TABLE = "bench_search_index"


def search_index(log=print) -> dict:
    """Bring the search index up to date with the dataset (as `teilhabe search-index` does),
    timed; a complete index is reused, with the time its build took."""
    from teilhabe.search.models import Entry
    from teilhabe.search.services import search_refresh

    def progress(done, total):
        if done % 200 == 0 or done == total:
            log(f"   … {done} of {total} plans indexed")

    started = time.perf_counter()
    result = search_refresh(log=progress)
    seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {SEARCH_MARKER_TABLE} "
            "(plans integer NOT NULL, seconds double precision, built_at timestamptz NOT NULL)"
        )
        if result.indexed:
            cursor.execute("ANALYZE search_entry")
            cursor.execute(f"DELETE FROM {SEARCH_MARKER_TABLE}")
            cursor.execute(
                f"INSERT INTO {SEARCH_MARKER_TABLE} VALUES (%s, %s, now())",
                [result.indexed, seconds],
            )
            built = {"plans": result.indexed, "seconds": round(seconds, 1), "reused": False}
        else:
            cursor.execute(f"SELECT plans, seconds, built_at FROM {SEARCH_MARKER_TABLE}")
            row = cursor.fetchone()
            built = {
                "plans": row[0] if row else None,
                "seconds": round(row[1], 1) if row else None,
                "built_at": row[2].isoformat() if row else None,
                "reused": True,
                "check_seconds": round(seconds, 3),
            }
    built["entries"] = Entry.objects.count()
    return built
