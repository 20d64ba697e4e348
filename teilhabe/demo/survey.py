"""Demo of the voluntary survey of staff language skills (seed 001: "eine kreisweite Erhebung der
Sprachkompetenzen bei den Mitarbeiterinnen und Mitarbeitern (auf freiwilliger Basis) in den
Verwaltungen"; seed 002: the Gesundheitsamt's concept for using staff language skills).

Landkreis Böblingen runs it across the Landratsamt and three of its towns. The people and their
languages are invented sample data; the towns and their AGS are real."""

from django.db import transaction

from teilhabe.interpreters.services import survey as survey_services
from teilhabe.organizations import services as org_services
from teilhabe.organizations.models import Organization, Role, Unit

DEMO_PASSWORD = "teilhabe-demo"

# Große Kreisstädte of Landkreis Böblingen with their Amtliche Gemeindeschlüssel.
TOWNS = [
    ("Stadt Böblingen", "stadt-boeblingen", "08115003", ["Bürgeramt", "Amt für Soziales"]),
    ("Stadt Herrenberg", "stadt-herrenberg", "08115021", ["Bürgeramt", "Amt für Familie"]),
    ("Stadt Sindelfingen", "stadt-sindelfingen", "08115045", ["Bürgeramt", "Amt für Soziales"]),
]

# The demo's staff (sample data): e-mail, name, organisation slug, office, visibility, willing,
# languages as (code, dialect, understanding, speaking, reading, writing).
# The Landratsamt's sample staff sit in offices that lead no measure of the plan (besides the
# Gesundheitsamt's demo editor), so they do not change whom the Bilanz's update requests reach.
STAFF = [
    (
        "gesundheitsamt@lrabb.example",
        None,
        "landkreis-boeblingen",
        "Gesundheitsamt",
        "unit",
        True,
        [("tr", "", "native", "native", "c1", "b2"), ("en", "", "b2", "b2", "b2", "b1")],
    ),
    (
        "s.haddad@lrabb.example",
        ("Samira", "Haddad"),
        "landkreis-boeblingen",
        "Gesundheitsamt",
        "district",
        True,
        [("ar", "syrisch", "native", "native", "native", "c1"), ("fr", "", "b1", "a2", "b1", "a2")],
    ),
    (
        "o.kovalenko@lrabb.example",
        ("Olena", "Kovalenko"),
        "landkreis-boeblingen",
        "Ausländerbehörde",
        "district",
        True,
        [("uk", "", "native", "native", "native", "native"), ("ru", "", "c2", "c1", "c1", "b2")],
    ),
    (
        "m.rahimi@lrabb.example",
        ("Mohammad", "Rahimi"),
        "landkreis-boeblingen",
        "Ausländerbehörde",
        "organization",
        True,
        [("prs", "", "native", "native", "c1", "b2"), ("fa", "", "c2", "c1", "c1", "b2")],
    ),
    (
        "e.yilmaz@lrabb.example",
        ("Elif", "Yılmaz"),
        "landkreis-boeblingen",
        "Schulpsychologische Beratungsstelle",
        "organization",
        False,
        [("tr", "", "native", "native", "c1", "c1")],
    ),
    (
        "a.popescu@lrabb.example",
        ("Andrei", "Popescu"),
        "landkreis-boeblingen",
        "Kreissozialamt",
        "district",
        True,
        [("ro", "", "native", "native", "native", "c2"), ("it", "", "b1", "a2", "b1", "a1")],
    ),
    (
        "l.ahmed@boeblingen.example",
        ("Layla", "Ahmed"),
        "stadt-boeblingen",
        "Bürgeramt",
        "district",
        True,
        [("ar", "irakisch", "native", "native", "c2", "c1"), ("kmr", "", "c1", "b2", "", "")],
    ),
    (
        "d.nowak@boeblingen.example",
        ("Dorota", "Nowak"),
        "stadt-boeblingen",
        "Amt für Soziales",
        "organization",
        True,
        [("pl", "", "native", "native", "native", "native")],
    ),
    (
        "t.tesfay@herrenberg.example",
        ("Tesfay", "Gebremedhin"),
        "stadt-herrenberg",
        "Amt für Familie",
        "district",
        True,
        [("ti", "", "native", "native", "c1", "b2"), ("am", "", "c1", "b2", "b1", "a2")],
    ),
    (
        "k.demir@herrenberg.example",
        ("Kemal", "Demir"),
        "stadt-herrenberg",
        "Bürgeramt",
        "organization",
        True,
        [("tr", "", "native", "native", "c1", "b2"), ("ckb", "", "b2", "b1", "", "")],
    ),
    (
        "i.petrovic@sindelfingen.example",
        ("Ivana", "Petrović"),
        "stadt-sindelfingen",
        "Bürgeramt",
        "district",
        True,
        [("hr", "", "native", "native", "native", "c2"), ("sr", "", "c2", "c1", "c1", "b2")],
    ),
    (
        "g.papadopoulos@sindelfingen.example",
        ("Georgios", "Papadopoulos"),
        "stadt-sindelfingen",
        "Amt für Soziales",
        "district",
        True,
        [("el", "", "native", "native", "native", "c2"), ("en", "", "c1", "c1", "c1", "b2")],
    ),
    (
        "n.sultani@sindelfingen.example",
        ("Nazanin", "Sultani"),
        "stadt-sindelfingen",
        "Amt für Soziales",
        "district",
        True,
        [("fa", "", "native", "native", "c2", "c1"), ("ar", "", "b1", "a2", "b1", "a1")],
    ),
]

# A colleague of the Gesundheitsamt who has entered nothing yet: the browser journey signs in as
# her, enters her skills and finds the entries that reach her in the directory.
NEWCOMER = ("sprachen@lrabb.example", ("Nora", "Neumann"), "landkreis-boeblingen", "Gesundheitsamt")


def _town(kreis, name, slug, ags):
    existing = Organization.objects.filter(ags=ags).first()
    if existing is not None:
        return existing
    return org_services.organization_create(
        name=name, slug=slug, kind="city", ags=ags, parent=kreis
    )


def _unit(organization, name):
    existing = Unit.objects.filter(organization=organization, name=name).first()
    return existing or org_services.unit_create(organization=organization, name=name)


def _person(email, name, organization, unit):
    from teilhabe.organizations.models import User

    user = User.objects.filter(email=email).first()
    if user is None:
        first, last = name
        user = org_services.user_create(
            email=email, password=DEMO_PASSWORD, first_name=first, last_name=last
        )
    if not user.memberships.filter(organization=organization).exists():
        # An office is recorded only with the role Fachamt (organizations.services), and "only my
        # office" needs it; the towns have no plan, so the role edits nothing there.
        org_services.membership_set(
            user=user, organization=organization, role=Role.EDITOR, unit=unit
        )
    return user


@transaction.atomic
def load_survey_demo() -> None:
    kreis = Organization.objects.get(slug="landkreis-boeblingen")
    organizations = {"landkreis-boeblingen": kreis}
    for name, slug, ags, unit_names in TOWNS:
        town = _town(kreis, name, slug, ags)
        organizations[slug] = town
        for unit_name in unit_names:
            _unit(town, unit_name)
    coordinator = kreis.memberships.filter(role=Role.COORDINATOR).first()
    survey = survey_services.survey_create(
        organization=kreis,
        title="Erhebung der Sprachkompetenzen 2026",
        description=(
            "Der Kreistag hat sich für eine kreisweite Erhebung der Sprachkompetenzen bei den "
            "Mitarbeiterinnen und Mitarbeitern (auf freiwilliger Basis) in den Verwaltungen "
            "ausgesprochen. Wer Sprachkenntnisse angibt und angefragt werden möchte, hilft "
            "Kolleginnen und Kollegen in Gesprächen ohne rechtliche Folgen – nach dem Vorbild "
            "des Konzepts im Gesundheitsamt. (Die Einträge der Demo sind Beispieldaten.)"
        ),
        participants=list(organizations.values()),
        by=coordinator.user if coordinator else None,
    )
    for email, name, org_slug, unit_name, visibility, willing, languages in STAFF:
        organization = organizations[org_slug]
        unit = _unit(organization, unit_name)
        user = _person(email, name, organization, unit)
        survey_services.skill_entry_save(
            survey=survey,
            user=user,
            organization=organization,
            unit=unit,
            visibility=visibility,
            willing_to_help=willing,
            languages=[
                dict(zip(("language", "dialect", *survey_services.SKILLS), row, strict=True))
                for row in languages
            ],
            consent=True,
            by=user,
        )
    email, name, org_slug, unit_name = NEWCOMER
    _person(email, name, organizations[org_slug], _unit(organizations[org_slug], unit_name))
