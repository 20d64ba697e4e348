"""Writes of indicators: definitions (own or adopted from the catalogue), their values (typed
in or imported, all or nothing) and the targets plans set for them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from teilhabe.core import generations
from teilhabe.core.errors import ServiceError
from teilhabe.core.versioning import save_versioned
from teilhabe.documents.observations import ObservationRow
from teilhabe.organizations.models import Organization, User
from teilhabe.plans import services as plan_services
from teilhabe.plans.models import FieldOfAction, Goal, Measure, Plan
from teilhabe.plans.services import touch_plan

from .catalogue import CATALOGUE
from .models import Alignment, AlignmentKind, Direction, Flag, Indicator, Observation, Target

DEFINITION_FIELDS = (
    "code",
    "title",
    "description",
    "unit",
    "numerator",
    "denominator",
    "reference_date",
    "source",
    "licence",
    "frequency",
    "next_release",
    "direction",
    "comparison_group",
    "public",
)


def _definition(changes: Mapping[str, object]) -> dict:
    unknown = set(changes) - set(DEFINITION_FIELDS)
    if unknown:
        raise ServiceError(f"Unbekannte Angaben: {', '.join(sorted(unknown))}.")
    if "title" in changes and not str(changes["title"]).strip():
        raise ServiceError("Ein Indikator braucht einen Titel.")
    return dict(changes)


@transaction.atomic
def indicator_create(*, organization: Organization, by: User | None, **fields: object) -> Indicator:
    indicator = Indicator(organization=organization, **_definition(fields))
    try:
        with transaction.atomic():
            indicator.save()
    except IntegrityError as error:
        raise ServiceError(f"Die Kennung „{indicator.code}“ ist schon vergeben.") from error
    return indicator


@transaction.atomic
def indicator_update(
    *, indicator: Indicator, version: int, by: User | None, **changes: object
) -> Indicator:
    updated = save_versioned(
        indicator, indicator.pk, expected_version=version, changes=_definition(changes), by=by
    )
    _touch_plans_of(updated)
    return updated


@transaction.atomic
def indicator_adopt(*, entry: Indicator, organization: Organization, by: User | None) -> Indicator:
    """The organisation's own copy of a catalogue definition (values and targets are its own)."""
    if entry.organization_id is not None:
        raise ServiceError("Übernehmen lassen sich nur Einträge des Katalogs.")
    existing = Indicator.objects.filter(organization=organization, adopted_from=entry).first()
    if existing is not None:
        return existing
    fields = {name: getattr(entry, name) for name in DEFINITION_FIELDS if name != "public"}
    indicator = indicator_create(organization=organization, by=by, **fields)
    indicator.adopted_from = entry
    indicator.save(update_fields=["adopted_from"])
    return indicator


@transaction.atomic
def catalogue_ensure() -> int:
    """Put back catalogue definitions that are missing (a database emptied after migrating);
    returns how many were added. Existing entries are left as they are."""
    present = set(Indicator.objects.catalogue().values_list("code", flat=True))
    missing = [Indicator(organization=None, **e) for e in CATALOGUE if e["code"] not in present]
    Indicator.objects.bulk_create(missing)
    return len(missing)


def known_keys(organizations: Iterable[Organization]) -> set[str]:
    """The AGS an import may name: the municipalities in Teilhabe, their Kreise and their Land
    (a Kreis's key ends in 000, the Land's in 000000), which every comparison needs."""
    keys: set[str] = set()
    for organization in organizations:
        if organization.ags:
            keys |= {
                organization.ags,
                organization.ags[:5] + "000",
                organization.ags[:2] + "000000",
            }
    return keys


@transaction.atomic
def observations_import(
    *, indicator: Indicator, rows: list[ObservationRow], known: set[str], by: User | None
) -> dict[str, int]:
    """Write the rows, replacing values with the same key; all or nothing. A row naming an AGS
    that is not known is refused with its row, so a typo never creates a municipality."""
    for row in rows:
        if row.ags not in known:
            raise ServiceError(
                f"Zeile {row.line}: den Gemeindeschlüssel {row.ags} kennt Teilhabe nicht "
                "(keine Gemeinde, kein Kreis und kein Land der eingetragenen Organisationen)."
            )
    existing = {
        (o.ags, o.year, o.dimension, o.group): o
        for o in Observation.objects.select_for_update(of=("self",)).filter(
            indicator=indicator, ags__in={row.ags for row in rows}
        )
    }
    created, changed = [], []
    for row in rows:
        observation = existing.get((row.ags, row.year, row.dimension, row.group))
        values = {"value": row.value, "flag": row.flag}
        if observation is None:
            created.append(
                Observation(
                    indicator=indicator,
                    ags=row.ags,
                    year=row.year,
                    dimension=row.dimension,
                    group=row.group,
                    **values,
                )
            )
        elif (observation.value, observation.flag) != (row.value, row.flag):
            observation.value, observation.flag = row.value, row.flag
            changed.append(observation)
    Observation.objects.bulk_create(created)
    Observation.objects.bulk_update(changed, ["value", "flag"])
    _touch_plans_of(indicator)
    return {
        "created": len(created),
        "changed": len(changed),
        "unchanged": len(rows) - len(created) - len(changed),
    }


@transaction.atomic
def observation_set(
    *,
    indicator: Indicator,
    ags: str,
    year: int,
    value: Decimal | None,
    flag: str = "",
    by: User | None,
) -> Observation:
    if flag == Flag.SUPPRESSED:
        value = None
    elif value is None:
        raise ServiceError(
            "Bitte einen Wert angeben oder den Wert als geheim gehalten kennzeichnen."
        )
    if year > timezone.localdate().year:
        raise ServiceError(f"Das Jahr {year} liegt in der Zukunft.")
    observation, _created = Observation.objects.update_or_create(
        indicator=indicator,
        ags=ags,
        year=year,
        dimension="",
        group="",
        defaults={"value": value, "flag": flag},
    )
    _touch_plans_of(indicator)
    return observation


@transaction.atomic
def target_set(
    *,
    indicator: Indicator,
    plan: Plan,
    baseline_year: int,
    baseline_value: Decimal,
    target_year: int | None = None,
    target_value: Decimal | None = None,
    field: FieldOfAction | None = None,
    goal: Goal | None = None,
    by: User | None,
) -> Target:
    if indicator.organization_id != plan.organization_id:
        raise ServiceError("Indikator und Plan gehören verschiedenen Organisationen.")
    if indicator.direction == Direction.NONE:
        raise ServiceError(
            "Diese Kennzahl beschreibt die Lage und hat keine gewünschte Richtung; für einen "
            "Zielwert legen Sie zuerst fest, ob höher oder niedriger besser ist."
        )
    if field is not None and field.plan_id != plan.pk:
        raise ServiceError("Das Handlungsfeld gehört nicht zu diesem Plan.")
    if goal is not None:
        field = goal.field
        if field.plan_id != plan.pk:
            raise ServiceError("Das Ziel gehört nicht zu diesem Plan.")
    if (target_year is None) != (target_value is None):
        raise ServiceError("Zielwert und Zieljahr stehen nur zusammen.")
    if target_year is not None and target_year <= baseline_year:
        raise ServiceError("Das Zieljahr muss nach dem Basisjahr liegen.")
    target, _created = Target.objects.update_or_create(
        indicator=indicator,
        plan=plan,
        defaults={
            "field": field,
            "goal": goal,
            "baseline_year": baseline_year,
            "baseline_value": baseline_value,
            "target_year": target_year,
            "target_value": target_value,
        },
    )
    touch_plan(plan.pk)
    return target


def _touch_plans_of(indicator: Indicator) -> None:
    """The organisation's cached public pages (its indicator pages, and the plan pages that show
    the indicator's targets) learn that it changed."""
    for plan_id in Target.objects.filter(indicator=indicator).values_list("plan_id", flat=True):
        touch_plan(plan_id)
    if indicator.organization_id is None:
        return  # a catalogue entry is on no organisation's pages
    for org_slug in Organization.objects.filter(pk=indicator.organization_id).values_list(
        "slug", flat=True
    ):
        _bump_on_commit(generations.organization_scope(org_slug))


def _bump_on_commit(scope: str) -> None:
    transaction.on_commit(lambda: generations.bump(scope))


# Plans across levels ----------------------------------------------------------------------------


def _plan_of_item(item: Goal | Measure) -> Plan:
    field = item.field
    return field.plan


@transaction.atomic
def alignment_create(
    *, source: Goal | Measure, target: Goal | Measure, kind: str, note: str = "", by: User | None
) -> Alignment:
    """Point a town's goal or measure at a goal or measure of its Kreis's plan."""
    if not kind:
        raise ServiceError("Bitte die Art wählen: übernimmt, trägt bei oder weicht ab.")
    if kind not in AlignmentKind.values:
        raise ServiceError(f"Unbekannte Art der Abstimmung „{kind}“.")
    own, kreis = _plan_of_item(source).organization, _plan_of_item(target).organization
    if own.parent_id != kreis.pk:
        raise ServiceError(
            f"„{kreis.name}“ ist nicht der Kreis von „{own.name}“: abgestimmt wird mit dem "
            "Plan des eigenen Kreises."
        )
    if kind == AlignmentKind.DEVIATES and not note.strip():
        raise ServiceError("Wer abweicht, sagt in der Anmerkung, warum.")
    alignment = Alignment(
        goal=source if isinstance(source, Goal) else None,
        measure=source if isinstance(source, Measure) else None,
        target_goal=target if isinstance(target, Goal) else None,
        target_measure=target if isinstance(target, Measure) else None,
        kind=kind,
        note=note.strip(),
    )
    alignment.save()
    touch_plan(_plan_of_item(source).pk, public=False)
    return alignment


@transaction.atomic
def alignment_seen(*, alignment: Alignment, by: User | None) -> Alignment:
    """The town has read what changed in the Kreis's item: the notice goes away."""
    alignment.seen_at = timezone.now()
    alignment.save(update_fields=["seen_at"])
    return alignment


@transaction.atomic
def alignment_delete(*, alignment: Alignment, by: User | None) -> None:
    """The town's item no longer points at the Kreis's (a link made by mistake, or the town's
    plan went another way): the roll-up stops counting it."""
    source = alignment.goal or alignment.measure
    assert source is not None  # the table's constraint: a goal or a measure points
    alignment.delete()
    touch_plan(_plan_of_item(source).pk, public=False)


@transaction.atomic
def plan_start_from_kreis(*, plan: Plan, kreis_plan: Plan, by: User | None) -> int:
    """A town starts its plan from its Kreis's structure: the fields and goals are copied, each
    goal adopting the Kreis's one (the link kept). Only into a plan without fields."""
    if plan.organization.parent_id != kreis_plan.organization_id:
        raise ServiceError("Übernommen wird nur die Gliederung des eigenen Kreises.")
    if FieldOfAction.objects.filter(plan=plan).exists():
        raise ServiceError(
            "Der Plan hat schon Handlungsfelder; übernommen wird nur in einen leeren Plan."
        )
    copied = 0
    for kreis_field in FieldOfAction.objects.for_plan(kreis_plan).prefetch_related("goals"):
        own_field = plan_services.field_create(
            plan=plan,
            number=kreis_field.number,
            title=kreis_field.title,
            motto=kreis_field.motto,
            by=by,
        )
        for kreis_goal in kreis_field.goals.all():
            goal = plan_services.goal_create(field=own_field, title=kreis_goal.title, by=by)
            alignment_create(source=goal, target=kreis_goal, kind=AlignmentKind.ADOPTS, by=by)
            copied += 1
    return copied
