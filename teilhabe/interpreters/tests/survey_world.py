"""A Landkreis survey across the Kreis and one of its Gemeinden, with one person per role of the
survey's role table:

    staff           office editor in the Kreis, office "Ausländerbehörde"; has an entry
    same_unit       colleague in the same office
    other_unit      colleague in another office of the Kreis ("Jobcenter")
    other_admin     staff of the Gemeinde (another participating administration)
    reader          internal reader of the Kreis, assigned to no office
    coordinator     coordinator of the Kreis (runs the survey)
    stranger        coordinator of another Landkreis that does not take part
    superuser       platform operator, member of nothing
"""

from teilhabe.interpreters.services import survey as services
from teilhabe.organizations.models import Role
from teilhabe.organizations.services import unit_create
from teilhabe.testing import make_organization, make_user


def build_survey_world(get=None):
    kreis = make_organization("Landkreis Sprachtest")
    gemeinde = make_organization("Gemeinde Sprachtest", kind="municipality", parent=kreis)
    outside = make_organization("Gemeinde außerhalb", kind="municipality")
    units = {
        "abh": unit_create(organization=kreis, name="Ausländerbehörde"),
        "jobcenter": unit_create(organization=kreis, name="Jobcenter"),
        "buergeramt": unit_create(organization=gemeinde, name="Bürgeramt"),
    }
    people = {
        "staff": make_user(kreis, Role.EDITOR, unit=units["abh"]),
        "same_unit": make_user(kreis, Role.EDITOR, unit=units["abh"]),
        "other_unit": make_user(kreis, Role.EDITOR, unit=units["jobcenter"]),
        "other_admin": make_user(gemeinde, Role.EDITOR, unit=units["buergeramt"]),
        "reader": make_user(kreis, Role.READER),
        "coordinator": make_user(kreis, Role.COORDINATOR),
        "stranger": make_user(make_organization(), Role.COORDINATOR),
    }
    superuser = make_user()
    superuser.is_superuser = True
    superuser.save(update_fields=["is_superuser"])
    people["superuser"] = superuser
    survey = services.survey_create(
        organization=kreis,
        title="Sprachkompetenzen 2026",
        participants=[kreis, gemeinde],
        by=people["coordinator"],
    )
    entry = services.skill_entry_save(
        survey=survey,
        user=people["staff"],
        organization=kreis,
        unit=units["abh"],
        visibility="district",
        languages=[
            {
                "language": "ar",
                "dialect": "syrisch",
                "speaking": "native",
                "understanding": "native",
            },
            {"language": "tr", "speaking": "b1"},
        ],
        consent=True,
        by=people["staff"],
    )
    return {
        "kreis": kreis,
        "gemeinde": gemeinde,
        "outside": outside,
        "units": units,
        "people": people,
        "survey": survey,
        "entry": entry,
    }
