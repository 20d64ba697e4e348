import datetime as dt

from teilhabe.testing.state import shared_fixture

DRAFT_MARKERS = (
    "GEHEIMER-ENTWURFSPLAN",
    "GEHEIME-ENTWURFSBILANZ",
    "GEHEIMER-ENTWURFSTEXT",
    "GEHEIME-UNGEPRUEFTE-IDEE",
    "GEHEIME-PERSON",
    "GEHEIME-DRUCKSACHE",
)
PERSONAL_EMAIL = "geheime-person@example.org"


def build_public_setup(get):
    """Drafts everywhere next to published content.

    - an adopted plan whose Bilanz 2017 is published, and a draft Bilanz 2018 whose title and
      entries carry markers and whose statuses all changed to "done";
    - a draft plan of another organisation with a milestone, a report and markers in every text.
    """
    from teilhabe.organizations.models import Role
    from teilhabe.plans import services
    from teilhabe.plans.services.publication import bilanz_publish
    from teilhabe.testing import make_organization, make_plan, make_user

    plan, report, _units = make_plan()
    organization = plan.organization
    coordinator = make_user(organization, Role.COORDINATOR)
    bilanz_publish(report=report, by=coordinator)
    services.milestone_create(
        plan=plan,
        kind="interim_report",
        title="Zwischenbericht an den Kreistag",
        due_on=dt.date.today() + dt.timedelta(days=30),
        by=coordinator,
    )
    draft_report = services.report_create(
        plan=plan,
        as_of=dt.date(2018, 3, 1),
        title=f"{DRAFT_MARKERS[1]} Bilanz 2018",
        introduction=DRAFT_MARKERS[1],
        outlook=DRAFT_MARKERS[1],
        by=coordinator,
    )
    for entry in draft_report.entries.all():
        services.measure_update_progress(
            entry=entry,
            version=entry.version,
            status="done",
            percent=None,
            description=f"{DRAFT_MARKERS[2]} {entry.pk}",
            original_wording=DRAFT_MARKERS[2],
            by=coordinator,
        )

    other = make_organization("Stadt Entwurfshausen", kind="city")
    draft_plan, draft_plan_report, _ = make_plan(other, status="draft")
    draft_plan.title = f"{DRAFT_MARKERS[0]} Integrationsplan"
    draft_plan.save()
    services.milestone_create(plan=draft_plan, kind="decision", title=DRAFT_MARKERS[0], by=None)
    draft_plan.fields.update(title=DRAFT_MARKERS[0], title_de=DRAFT_MARKERS[0])
    return {
        "plan": plan,
        "report": report,
        "draft_report": draft_report,
        "organization": organization,
        "coordinator": coordinator,
        "draft_plan": draft_plan,
        "draft_plan_report": draft_plan_report,
        "other": other,
    }


def build_participation_setup(get):
    """Participation and council next to public_setup's drafts: what must never be public.

    A public process with a published idea (whose author chose not to show a name) next to a
    pending and a rejected idea, a pending comment, a registration and a group member (all
    personal data carries GEHEIME-PERSON); a non-public process and a process of the draft
    plan; a public paper next to a non-public one.
    """
    import datetime as dt

    from django.utils import timezone

    from teilhabe.council.models import Committee, Consultation, Paper
    from teilhabe.participation.models import (
        GroupMember,
        Idea,
        IdeaComment,
        ParticipationFormat,
        ParticipationProcess,
        Prioritization,
        PrioritizationOption,
        Recommendation,
        Registration,
        Vote,
    )

    public_setup = get(build_public_setup)
    secret_idea, person = DRAFT_MARKERS[3], DRAFT_MARKERS[4]
    plan, draft_plan = public_setup["plan"], public_setup["draft_plan"]
    process = ParticipationProcess.objects.create(
        plan=plan, title="Gemeinsam für Integration", slug="beteiligung-2014", public=True
    )
    hidden = ParticipationProcess.objects.create(
        plan=plan, title=f"{secret_idea} Prozess", slug="intern", public=False
    )
    draft_process = ParticipationProcess.objects.create(
        plan=draft_plan, title=f"{DRAFT_MARKERS[0]} Prozess", slug="entwurf", public=True
    )
    now = timezone.now()
    fachtag = ParticipationFormat.objects.create(
        process=process,
        kind="conference",
        title="Fachtag",
        starts_at=now + dt.timedelta(days=10),
        capacity=1,
        registration_open=True,
    )
    group = ParticipationFormat.objects.create(
        process=process, kind="project_group", title="Projektgruppe"
    )
    phase = ParticipationFormat.objects.create(
        process=process,
        kind="online_phase",
        title="Online-Phase",
        starts_at=now - dt.timedelta(days=1),
        ends_at=now + dt.timedelta(days=10),
    )
    Registration.objects.create(
        event=fachtag, name=person, email=PERSONAL_EMAIL, accessibility_needs=person
    )
    member = GroupMember.objects.create(group=group, name=person, email=PERSONAL_EMAIL)
    published = Idea.objects.create(
        process=process,
        phase=phase,
        title="Mehr Sprachcafés",
        text="Sprachcafés in allen Gemeinden",
        status="published",
        author_name=person,
        author_email=PERSONAL_EMAIL,
        show_name=False,
    )
    pending = Idea.objects.create(
        process=process,
        phase=phase,
        title=secret_idea,
        text=secret_idea,
        author_email=PERSONAL_EMAIL,
    )
    rejected = Idea.objects.create(
        process=process, title=secret_idea, text=secret_idea, status="rejected"
    )
    hidden_idea = Idea.objects.create(
        process=hidden, title=secret_idea, text=secret_idea, status="published"
    )
    draft_idea = Idea.objects.create(
        process=draft_process, title=DRAFT_MARKERS[0], text=DRAFT_MARKERS[0], status="published"
    )
    IdeaComment.objects.create(idea=published, text=secret_idea, author_name=person)
    recommendation = Recommendation.objects.create(
        process=process, number=1, text="Dolmetscher-Pool"
    )
    recommendation.ideas.add(published, pending, rejected)
    # The public measure page then shows the trail, with pending and rejected ideas behind it.
    recommendation.measures.add(plan.fields.first().measures.first())
    hidden_recommendation = Recommendation.objects.create(
        process=hidden, number=1, text=secret_idea
    )
    prioritizations = []
    for status in ("open", "closed"):
        prioritization = Prioritization.objects.create(
            group=group, title=f"Prioritätenliste ({status})", method="dots", status=status
        )
        option = PrioritizationOption.objects.create(
            prioritization=prioritization, recommendation=recommendation
        )
        Vote.objects.create(option=option, member=member, points=3)
        prioritizations.append(prioritization)
    organization = plan.organization
    kreistag = Committee.objects.create(organization=organization, name="Kreistag", kind="council")
    paper = Paper.objects.create(
        organization=organization, reference="234/2014", title="Integrationsplan"
    )
    paper.plans.add(plan)
    Consultation.objects.create(
        paper=paper, committee=kreistag, role="decision", public=False, result=DRAFT_MARKERS[5]
    )
    secret_paper = Paper.objects.create(
        organization=organization, reference="999/2014", title=DRAFT_MARKERS[5], public=False
    )
    secret_paper.plans.add(plan)
    draft_paper = Paper.objects.create(
        organization=public_setup["other"], reference="1/2020", title="Entwurfsplan beschließen"
    )
    draft_paper.plans.add(draft_plan)
    offers = _offers_next_to_drafts(organization, plan)
    funding = _funding_next_to_drafts(organization, plan)
    return {
        **public_setup,
        **offers,
        **funding,
        "processes": [process, hidden, draft_process],
        "ideas": [published, pending, rejected, hidden_idea, draft_idea],
        "formats": [fachtag, group, phase],
        "recommendations": [recommendation, hidden_recommendation],
        "papers": [paper, secret_paper, draft_paper],
        "committees": [kreistag],
        "prioritizations": prioritizations,
    }


def _offers_next_to_drafts(organization, plan) -> dict:
    """The inventory: a published offer and network next to a draft offer and network; the
    provider's contact person and a person in the network are personal data."""
    from teilhabe.offers import services as offers

    provider = offers.provider_create(
        organization=organization,
        name="Träger",
        contact_name=DRAFT_MARKERS[4],
        contact_email=PERSONAL_EMAIL,
        by=None,
    )
    measure = plan.fields.first().measures.first()
    public_offer = offers.offer_create(
        organization=organization,
        provider=provider,
        title="Sprachcafé",
        state="published",
        measures=[measure],
        by=None,
    )
    draft_offer = offers.offer_create(
        organization=organization,
        provider=provider,
        title=DRAFT_MARKERS[2],
        measures=[measure],
        by=None,
    )
    network = offers.network_create(
        organization=organization, name="Runder Tisch", state="published", by=None
    )
    offers.member_add(network=network, name=DRAFT_MARKERS[4], by=None)
    draft_network = offers.network_create(
        organization=organization, name=DRAFT_MARKERS[2], measures=[measure], by=None
    )
    return {
        "offers": [public_offer, draft_offer],
        "networks": [network, draft_network],
    }


def _funding_next_to_drafts(organization, plan) -> dict:
    """The fund and good practice: a funded project next to a submitted application whose title,
    contact and description are secret; a published practice with a contact that may not be
    published next to a draft practice."""
    import datetime as dt
    from decimal import Decimal

    from teilhabe.funding.services import applications, decisions, reviews, setup
    from teilhabe.practices import services as practices

    today = dt.date.today()
    fund = setup.fund_create(
        organization=organization,
        name="Fonds",
        slug="fonds",
        purpose="Zweck",
        established_year=2019,
        annual_budget=Decimal("20000"),
        by=None,
    )
    call = setup.call_create(
        fund=fund,
        year=today.year,
        by=None,
        opens_on=today - dt.timedelta(days=5),
        deadline=today + dt.timedelta(days=5),
        max_amount=Decimal("5000"),
        published=True,
    )
    found = []
    for title, contact in (
        ("Gefördertes Projekt", "Frau Öffentlich"),
        (DRAFT_MARKERS[2], DRAFT_MARKERS[4]),
    ):
        application, _token = applications.application_start(
            call=call,
            applicant_name="Verein",
            applicant_kind="association",
            contact_name=contact,
            contact_email=PERSONAL_EMAIL,
            title=title,
            today=today,
        )
        application = applications.application_update(
            application=application,
            version=application.version,
            cost_rows=[("expense", DRAFT_MARKERS[2], "1000")],
            summary="Kurz.",
            description=DRAFT_MARKERS[2],
            area="society",
            municipality="Ort",
            starts_on=today,
            ends_on=today + dt.timedelta(days=90),
            requested_amount=Decimal("1000"),
        )
        found.append(applications.application_submit(application=application, today=today))
    funded = reviews.eligibility_check(application=found[0], eligible=True, note="", by=None)
    decisions.decide(application=funded, outcome="approve", by=None)
    texts = {"approach": "A", "cooperation": "B", "added_value": "C", "success_factors": "D"}
    public_practice = practices.practice_create(
        organization=organization,
        by=None,
        title="Gutes Beispiel",
        area="society",
        contact_name=DRAFT_MARKERS[4],
        contact_email=PERSONAL_EMAIL,
        contact_public=False,
        **texts,
    )
    practices.practice_publish(practice=public_practice, publish=True, by=None)
    draft_practice = practices.practice_create(
        organization=organization, by=None, title=DRAFT_MARKERS[2], area="society", **texts
    )
    return {
        "funds": [fund],
        "applications": found,
        "practices": [public_practice, draft_practice],
    }


# Built once for consecutive tests that ask for them (teilhabe.testing.state.shared_fixture).
public_setup = shared_fixture(build_public_setup, name="public_setup")
participation_setup = shared_fixture(build_participation_setup, name="participation_setup")
