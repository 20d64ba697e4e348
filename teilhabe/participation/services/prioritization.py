"""Prioritisation: a project or steering group ranks recommendations or measures, and the votes
become the Prioritätenliste.

Two methods:
- Punktevergabe (dots): each member distributes up to (or exactly) `points_per_member` points,
  at most `max_points_per_option` on one entry — the dot stickers on a flip chart.
- Rangfolge (ranking): each member orders all entries, or only their top `ranks_per_member`.
  The list is ordered by Borda count: with n entries, rank 1 earns n points, rank 2 n − 1 and
  so on; entries a member did not rank earn nothing from that member.

Entries with the same total share a rank (1, 2, 2, 4). A member's ballot is replaced as a whole,
so a list never mixes an old and a new ballot; nothing is written while a ballot breaks a rule.
Messages of ballots are translatable: members vote on the portal in their language.
"""

from __future__ import annotations

import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import cast

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from teilhabe.core.errors import ServiceError
from teilhabe.core.versioning import record_as, save_versioned
from teilhabe.documents.cells import write_csv, xlsx_value
from teilhabe.organizations.models import User
from teilhabe.plans.models import Measure
from teilhabe.plans.services import touch_plan

from ..models import (
    GROUP_KINDS,
    GroupMember,
    ParticipationFormat,
    ParticipationProcess,
    Prioritization,
    PrioritizationMethod,
    PrioritizationOption,
    PrioritizationStatus,
    Recommendation,
    Vote,
)

MIN_OPTIONS = 2
MAX_OPTIONS = 200

# Fields a coordinator sets on a prioritisation (besides its options).
SETTINGS_FIELDS = {
    "title",
    "method",
    "points_per_member",
    "max_points_per_option",
    "all_points_required",
    "ranks_per_member",
}


class BallotError(ServiceError):
    """A ballot that breaks the rules: `errors` maps an option id (or None for the ballot as a
    whole) to the messages about it."""

    def __init__(self, errors: dict[int | None, list[str]]):
        self.errors = errors
        messages = [
            m for key in sorted(errors, key=lambda k: (k is not None, k or 0)) for m in errors[key]
        ]
        super().__init__(" ".join(messages))


class BallotGridError(ServiceError):
    """Paper ballots typed in for several members: what is wrong, per member id."""

    def __init__(self, errors: dict[int, str]):
        self.errors = errors
        super().__init__(
            "Nichts wurde gespeichert: "
            + ngettext(
                "Ein Stimmzettel ist fehlerhaft.",
                "%(count)d Stimmzettel sind fehlerhaft.",
                len(errors),
            )
            % {"count": len(errors)}
        )


# Reads ----------------------------------------------------------------------------------------


def public_prioritizations() -> QuerySet[Prioritization]:
    """Closed prioritisations of public processes of published plans: the public Prioritätenlisten."""
    return Prioritization.objects.filter(
        status=PrioritizationStatus.CLOSED,
        group__process__in=ParticipationProcess.objects.public(),
    )


def option_label(option: PrioritizationOption) -> str:
    """How an entry is named on ballots, lists and exports (in the active language)."""
    recommendation = option.recommendation
    if recommendation is not None:
        return _("Empfehlung %(number)s: %(text)s") % {
            "number": recommendation.number,
            "text": recommendation.text,
        }
    measure = option.measure
    assert measure is not None  # an option is a recommendation or a measure
    return _("Maßnahme %(number)s: %(title)s") % {
        "number": measure.number,
        "title": measure.title,
    }


def options_of(prioritization: Prioritization) -> list[PrioritizationOption]:
    return list(
        prioritization.options.select_related("recommendation", "measure").order_by(
            "position", "id"
        )
    )


def rank_limit(prioritization: Prioritization, option_count: int) -> int:
    """How many ranks each member gives: all entries, or the top k."""
    if prioritization.ranks_per_member:
        return min(prioritization.ranks_per_member, option_count)
    return option_count


def member_ballot(prioritization: Prioritization, member: GroupMember) -> dict[int, int]:
    """The member's current ballot: option id → points or rank."""
    votes = Vote.objects.filter(option__prioritization=prioritization, member=member)
    return {vote.option_id: _value(prioritization, vote) for vote in votes}


def _value(prioritization: Prioritization, vote: Vote) -> int:
    return _points_or_rank(
        prioritization.method == PrioritizationMethod.DOTS, vote.points, vote.rank
    )


def _points_or_rank(is_dots: bool, points: int | None, rank: int | None) -> int:
    value = points if is_dots else rank
    assert value is not None  # a vote stores the value of its prioritisation's method
    return value


@dataclass
class OptionResult:
    option: PrioritizationOption
    label: str
    rank: int
    score: int  # total points (dots) or Borda points (ranking)
    voters: int  # members who gave the entry points or a rank
    mean_rank: float | None  # ranking only: over the members who ranked it
    distribution: list[tuple[int, int]]  # (points or rank, number of members), ascending
    tied: bool = False
    distribution_text: str = ""


@dataclass
class BallotRow:
    label: str  # the member's name for coordinators, "Stimmzettel 3" otherwise
    member: GroupMember | None
    values: list[int | None]  # aligned with Result.options (the ranked order)


@dataclass
class MemberStatus:
    member: GroupMember
    voted: bool


@dataclass
class Result:
    prioritization: Prioritization
    options: list[OptionResult]
    ballots: list[BallotRow]
    members: list[MemberStatus] = field(default_factory=list)
    eligible: int = 0
    voted: int = 0
    option_count: int = 0
    ranks: int = 0

    @property
    def is_dots(self) -> bool:
        return self.prioritization.method == PrioritizationMethod.DOTS

    @property
    def rate(self) -> float | None:
        """Share of voting members who voted, in percent."""
        return round(100 * self.voted / self.eligible, 1) if self.eligible else None

    @property
    def rule(self) -> str:
        """The counting rule in words, as the list page and the exports state it."""
        if self.is_dots:
            return _(
                "Die Liste ordnet die Einträge nach der Summe der vergebenen Punkte. "
                "Einträge mit gleich vielen Punkten teilen sich einen Rang."
            )
        return _(
            "Die Liste ordnet die Einträge nach der Borda-Zählung: Bei %(n)s Einträgen erhält "
            "ein Eintrag für Rang 1 %(n)s Punkte, für Rang 2 einen Punkt weniger und so weiter; "
            "nicht geordnete Einträge erhalten von diesem Mitglied keine Punkte. "
            "Einträge mit gleich vielen Punkten teilen sich einen Rang. Der mittlere Rang "
            "zählt nur die Mitglieder, die den Eintrag geordnet haben."
        ) % {"n": self.option_count}


def competition_ranks(scores: list[int]) -> list[int]:
    """Rank of each score, highest first; equal scores share a rank (1, 2, 2, 4)."""
    return [1 + sum(1 for other in scores if other > score) for score in scores]


def borda_points(rank: int, option_count: int) -> int:
    return max(option_count - rank + 1, 0)


def prioritization_result(prioritization: Prioritization, *, with_names: bool = False) -> Result:
    """The Prioritätenliste and the votes behind it, in four queries however many votes.

    Without names the ballots are sorted by their content, so their order says nothing about
    who cast them."""
    options = options_of(prioritization)
    members = list(prioritization.group.members.order_by("name", "id"))
    votes = list(
        Vote.objects.filter(option__prioritization=prioritization).values_list(
            "option_id", "member_id", "points", "rank"
        )
    )
    is_dots = prioritization.method == PrioritizationMethod.DOTS
    count = len(options)
    by_member: dict[int, dict[int, int]] = defaultdict(dict)
    for option_id, member_id, points, rank in votes:
        by_member[member_id][option_id] = _points_or_rank(is_dots, points, rank)

    scores: Counter[int] = Counter()
    voters: Counter[int] = Counter()
    rank_sums: Counter[int] = Counter()
    distributions: defaultdict[int, Counter[int]] = defaultdict(Counter)
    for ballot in by_member.values():
        for option_id, value in ballot.items():
            scores[option_id] += value if is_dots else borda_points(value, count)
            voters[option_id] += 1
            rank_sums[option_id] += value
            distributions[option_id][value] += 1

    option_scores = [scores[o.pk] for o in options]
    ranks = competition_ranks(option_scores)
    rank_counts = Counter(ranks)
    results = [
        OptionResult(
            option=option,
            label=option_label(option),
            rank=rank,
            score=scores[option.pk],
            voters=voters[option.pk],
            mean_rank=(
                round(rank_sums[option.pk] / voters[option.pk], 2)
                if not is_dots and voters[option.pk]
                else None
            ),
            distribution=sorted(distributions[option.pk].items()),
            tied=rank_counts[rank] > 1,
        )
        for option, rank in zip(options, ranks, strict=True)
    ]
    # sorted() is stable: entries sharing a rank keep the order the coordinator gave them.
    results.sort(key=lambda r: r.rank)
    for option_result in results:
        option_result.distribution_text = _distribution_text(is_dots, option_result)

    members_by_id = {m.pk: m for m in members}
    rows = [
        BallotRow(
            label="",
            member=members_by_id.get(member_id),
            values=[ballot.get(r.option.pk) for r in results],
        )
        for member_id, ballot in by_member.items()
    ]
    if with_names:
        rows.sort(key=lambda row: (_voter(row).name.casefold(), _voter(row).pk))
        for row in rows:
            row.label = _voter(row).name
    else:
        rows.sort(key=lambda row: [(-1 if v is None else v) for v in row.values], reverse=is_dots)
        for number, row in enumerate(rows, start=1):
            row.member = None
            row.label = _("Stimmzettel %(number)s") % {"number": number}

    eligible = [m for m in members if m.may_vote or m.pk in by_member]
    return Result(
        prioritization=prioritization,
        options=results,
        ballots=rows,
        members=(
            [MemberStatus(member=m, voted=m.pk in by_member) for m in eligible]
            if with_names
            else []
        ),
        eligible=len(eligible),
        voted=len(by_member),
        option_count=count,
        ranks=rank_limit(prioritization, count) if not is_dots else 0,
    )


def _voter(row: BallotRow) -> GroupMember:
    """The member behind a ballot row before it is made anonymous: every vote is a member's."""
    assert row.member is not None
    return row.member


# Ballot rules ---------------------------------------------------------------------------------


def _normalized(prioritization: Prioritization, values: dict[int, int | None]) -> dict[int, int]:
    """A ballot without its empty entries (no points, no rank)."""
    is_dots = prioritization.method == PrioritizationMethod.DOTS
    return {
        option_id: value
        for option_id, value in values.items()
        if value is not None and not (is_dots and value == 0)
    }


def ballot_check(
    prioritization: Prioritization, option_ids: list[int], values: dict[int, int | None]
) -> dict[int, int]:
    """The ballot without empty entries if it keeps the rules; BallotError otherwise."""
    unknown = set(values) - set(option_ids)
    if unknown:
        raise ServiceError(_("Der Stimmzettel enthält Einträge, die nicht zur Abstimmung gehören."))
    errors: dict[int | None, list[str]] = defaultdict(list)
    for option_id, value in values.items():
        if value is not None and value < 0:
            errors[option_id].append(_("Bitte keine negativen Zahlen."))
    if errors:
        raise BallotError(dict(errors))
    ballot = _normalized(prioritization, values)
    if prioritization.method == PrioritizationMethod.DOTS:
        _check_dots(prioritization, ballot, errors)
    else:
        _check_ranking(prioritization, len(option_ids), ballot, errors)
    if errors:
        raise BallotError(dict(errors))
    return ballot


def _check_dots(
    prioritization: Prioritization, ballot: dict[int, int], errors: dict[int | None, list[str]]
) -> None:
    budget = prioritization.points_per_member
    most = prioritization.max_points_per_option
    if most:
        for option_id, points in ballot.items():
            if points > most:
                errors[option_id].append(
                    ngettext(
                        "Höchstens %(most)d Punkt je Eintrag.",
                        "Höchstens %(most)d Punkte je Eintrag.",
                        most,
                    )
                    % {"most": most}
                )
    total = sum(ballot.values())
    if total > budget:
        errors[None].append(
            ngettext(
                "Sie haben %(total)d Punkte vergeben, es steht Ihnen aber nur %(budget)d Punkt zu.",
                "Sie haben %(total)d Punkte vergeben, es stehen Ihnen aber nur %(budget)d Punkte zu.",
                budget,
            )
            % {"total": total, "budget": budget}
        )
    elif total == 0:
        errors[None].append(_("Bitte vergeben Sie mindestens einen Punkt."))
    elif prioritization.all_points_required and total < budget:
        errors[None].append(
            _("Bitte vergeben Sie alle %(budget)d Punkte; bisher sind es %(total)d.")
            % {"total": total, "budget": budget}
        )


def _check_ranking(
    prioritization: Prioritization,
    option_count: int,
    ballot: dict[int, int],
    errors: dict[int | None, list[str]],
) -> None:
    limit = rank_limit(prioritization, option_count)
    by_rank: dict[int, list[int]] = defaultdict(list)
    for option_id, rank in ballot.items():
        if not 1 <= rank <= limit:
            errors[option_id].append(
                _("Bitte nur Ränge von 1 bis %(limit)d vergeben.") % {"limit": limit}
            )
        else:
            by_rank[rank].append(option_id)
    for rank, option_ids in by_rank.items():
        if len(option_ids) > 1:
            for option_id in option_ids:
                errors[option_id].append(
                    _("Rang %(rank)d ist mehrfach vergeben; jeder Rang nur einmal.")
                    % {"rank": rank}
                )
    missing = [rank for rank in range(1, limit + 1) if rank not in by_rank]
    if missing and not errors:
        ranks = ", ".join(str(rank) for rank in missing)
        if limit == option_count:
            errors[None].append(
                _("Bitte ordnen Sie alle %(count)d Einträge; es fehlt: Rang %(ranks)s.")
                % {"count": option_count, "ranks": ranks}
            )
        else:
            errors[None].append(
                _("Bitte vergeben Sie die Ränge 1 bis %(limit)d; es fehlt: Rang %(ranks)s.")
                % {"limit": limit, "ranks": ranks}
            )


# Writes ---------------------------------------------------------------------------------------


def _lock_open(prioritization: Prioritization) -> Prioritization:
    """The prioritisation, locked against closing while a ballot is written."""
    current = Prioritization.objects.select_for_update().get(pk=prioritization.pk)
    if current.status != PrioritizationStatus.OPEN:
        raise ServiceError(
            _("Die Abstimmung ist abgeschlossen; Stimmen können nicht mehr geändert werden.")
        )
    return current


def _replace_votes(
    prioritization: Prioritization, member: GroupMember, ballot: dict[int, int]
) -> None:
    Vote.objects.filter(option__prioritization=prioritization, member=member).delete()
    field_name = "points" if prioritization.method == PrioritizationMethod.DOTS else "rank"
    Vote.objects.bulk_create(
        [
            Vote(option_id=option_id, member=member, **{field_name: value})
            for option_id, value in ballot.items()
        ]
    )


@transaction.atomic
def ballot_submit(
    *,
    prioritization: Prioritization,
    member: GroupMember,
    values: dict[int, int | None],
    by: User | None = None,
) -> dict[int, int]:
    """A member's ballot (by personal link, signed in, or typed in from paper by a coordinator):
    replaces their earlier one as a whole. `values` maps option ids to points or ranks."""
    current = _lock_open(prioritization)
    if member.group_id != current.group_id or not member.may_vote:
        raise ServiceError(_("Diese Person ist in dieser Abstimmung nicht stimmberechtigt."))
    option_ids = list(current.options.values_list("pk", flat=True))
    ballot = ballot_check(current, option_ids, values)
    _replace_votes(current, member, ballot)
    return ballot


@transaction.atomic
def ballots_record(
    *,
    prioritization: Prioritization,
    ballots: dict[int, dict[int, int | None]],
    shown: dict[int, dict[int, int]],
    by: User | None,
) -> int:
    """Paper ballots typed in by a coordinator, a row per member (member id → ballot).

    A row left as it was shown (`shown`) is not touched, so a member who voted online
    meanwhile keeps their vote; a changed row whose member voted meanwhile is refused. An
    emptied row removes the member's ballot. All rows or none are saved. Returns the number of
    ballots written or removed."""
    current = _lock_open(prioritization)
    option_ids = list(current.options.values_list("pk", flat=True))
    members = {
        m.pk: m for m in GroupMember.objects.filter(group_id=current.group_id, pk__in=list(ballots))
    }
    existing: dict[int, dict[int, int]] = defaultdict(dict)
    for vote in Vote.objects.filter(option__prioritization=current, member_id__in=list(members)):
        existing[vote.member_id][vote.option_id] = _value(current, vote)
    errors: dict[int, str] = {}
    changes: dict[int, dict[int, int]] = {}
    for member_id, values in ballots.items():
        member = members.get(member_id)
        if member is None:
            raise ServiceError("Diese Person gehört nicht zur Gruppe.")
        ballot = _normalized(current, values)
        before = shown.get(member_id, {})
        if ballot == before:
            continue
        if existing.get(member_id, {}) != before:
            errors[member_id] = (
                f"{member.name} hat inzwischen abgestimmt (oder jemand hat die Zeile geändert). "
                "Bitte prüfen Sie den jetzt gespeicherten Stimmzettel."
            )
            continue
        if not member.may_vote:
            errors[member_id] = f"{member.name} ist nicht stimmberechtigt."
            continue
        if not ballot:
            changes[member_id] = {}
            continue
        try:
            changes[member_id] = ballot_check(current, option_ids, values)
        except BallotError as error:
            errors[member_id] = error.message
    if errors:
        raise BallotGridError(errors)
    for member_id, ballot in changes.items():
        _replace_votes(current, members[member_id], ballot)
    return len(changes)


def _check_group(group: ParticipationFormat) -> None:
    if group.kind not in GROUP_KINDS:
        raise ServiceError("Abstimmen können nur Projekt- und Steuerungsgruppen.")


def _check_settings(method: str, changes: dict[str, object]) -> None:
    if method not in PrioritizationMethod.values:
        raise ServiceError("Bitte wählen Sie ein Verfahren.")
    points = cast("int | None", changes.get("points_per_member"))
    most = cast("int | None", changes.get("max_points_per_option"))

    if method == PrioritizationMethod.DOTS and points and most and most > points:
        raise ServiceError(
            f"Höchstens so viele Punkte je Eintrag, wie jedes Mitglied insgesamt hat ({points})."
        )


def _set_options(prioritization: Prioritization, entries: list) -> None:
    """Replace the options by `entries` (recommendations and measures, in this order)."""
    if len(entries) < MIN_OPTIONS:
        raise ServiceError(f"Bitte wählen Sie mindestens {MIN_OPTIONS} Einträge zur Abstimmung.")
    if len(entries) > MAX_OPTIONS:
        raise ServiceError(f"Höchstens {MAX_OPTIONS} Einträge in einer Abstimmung.")
    process = prioritization.group.process
    options = []
    for position, entry in enumerate(entries):
        if isinstance(entry, Recommendation):
            if entry.process_id != process.pk:
                raise ServiceError("Nur Empfehlungen dieses Beteiligungsprozesses.")
            options.append(PrioritizationOption(recommendation=entry, position=position))
        elif isinstance(entry, Measure):
            if entry.field.plan_id != process.plan_id:
                raise ServiceError("Nur Maßnahmen des Plans dieses Beteiligungsprozesses.")
            options.append(PrioritizationOption(measure=entry, position=position))
        else:
            raise TypeError(f"cannot vote on {type(entry).__name__}")
    keys = [(o.recommendation_id, o.measure_id) for o in options]
    if len(set(keys)) != len(keys):
        raise ServiceError("Jeder Eintrag darf nur einmal zur Abstimmung stehen.")
    for option in options:
        option.prioritization = prioritization
    prioritization.options.all().delete()
    PrioritizationOption.objects.bulk_create(options)


@transaction.atomic
def prioritization_create(
    *,
    group: ParticipationFormat,
    title: str,
    method: str,
    options: list,
    by: User | None,
    **settings_: object,
) -> Prioritization:
    """A new, open prioritisation of a project or steering group on `options`."""
    _check_group(group)
    unknown = set(settings_) - SETTINGS_FIELDS
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")
    _check_settings(method, settings_)
    prioritization = Prioritization(group=group, title=title, method=method, **settings_)
    prioritization.full_clean(exclude=["group"], validate_unique=False, validate_constraints=False)
    record_as(prioritization, by)
    prioritization.save()
    _set_options(prioritization, options)
    touch_plan(group.process.plan_id, public=False)
    return prioritization


@transaction.atomic
def prioritization_update(
    *,
    prioritization: Prioritization,
    version: int | None,
    by: User | None,
    options: list | None = None,
    **changes: object,
) -> Prioritization:
    """Change title, method, points or the entries — the rules only before the first vote, so
    no ballot is counted under rules its member did not see."""
    unknown = set(changes) - SETTINGS_FIELDS
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")
    current = Prioritization.objects.select_for_update().get(pk=prioritization.pk)
    rules_changed = options is not None or any(
        getattr(current, name) != value for name, value in changes.items() if name != "title"
    )
    if rules_changed:
        if current.status != PrioritizationStatus.OPEN:
            raise ServiceError(
                "Die Abstimmung ist abgeschlossen; ihre Regeln bleiben, wie sie waren."
            )
        if Vote.objects.filter(option__prioritization=current).exists():
            raise ServiceError(
                "Es wurden schon Stimmen abgegeben: Verfahren, Punkte und Einträge lassen sich "
                "nicht mehr ändern. Legen Sie bei Bedarf eine neue Abstimmung an."
            )
    method = cast(str, changes.get("method", current.method))
    _check_settings(method, {**_settings_of(current), **changes})
    updated = save_versioned(current, current.pk, expected_version=version, changes=changes, by=by)
    if options is not None:
        _set_options(updated, options)
    touch_plan(updated.group.process.plan_id, public=updated.status == PrioritizationStatus.CLOSED)
    return updated


def _settings_of(prioritization: Prioritization) -> dict[str, object]:
    return {name: getattr(prioritization, name) for name in SETTINGS_FIELDS}


@transaction.atomic
def prioritization_close(*, prioritization: Prioritization, by: User | None) -> Prioritization:
    """End the vote: the ballots are final and the Prioritätenliste becomes public (with the
    process)."""
    current = Prioritization.objects.select_for_update().get(pk=prioritization.pk)
    if current.status == PrioritizationStatus.CLOSED:
        return current
    updated = save_versioned(
        current,
        current.pk,
        expected_version=None,
        changes={"status": PrioritizationStatus.CLOSED, "closed_at": timezone.now()},
        by=by,
        reason="Abstimmung abgeschlossen",
    )
    touch_plan(updated.group.process.plan_id)
    return updated


@transaction.atomic
def prioritization_reopen(*, prioritization: Prioritization, by: User | None) -> Prioritization:
    """Open the vote again (e.g. to type in late paper ballots); the list leaves the portal."""
    current = Prioritization.objects.select_for_update().get(pk=prioritization.pk)
    if current.status == PrioritizationStatus.OPEN:
        return current
    updated = save_versioned(
        current,
        current.pk,
        expected_version=None,
        changes={"status": PrioritizationStatus.OPEN, "closed_at": None},
        by=by,
        reason="Abstimmung wieder geöffnet",
    )
    touch_plan(updated.group.process.plan_id)
    return updated


@dataclass
class InvitationResult:
    sent: list[GroupMember]
    without_email: list[GroupMember]


def ballot_url(prioritization: Prioritization, member: GroupMember) -> str:
    """The member's personal ballot link (German pages; the member can switch language there)."""
    process = prioritization.group.process
    with translation.override("de"):
        path = reverse(
            "portal:ballot",
            kwargs={
                "org_slug": process.plan.organization.slug,
                "plan_slug": process.plan.slug,
                "process_slug": process.slug,
                "prioritization_id": prioritization.pk,
                "token": member.token,
            },
        )
    return settings.SITE_URL + path


@transaction.atomic
def ballot_links_send(
    *, prioritization: Prioritization, by: User | None, member_ids: list[int] | None = None
) -> InvitationResult:
    """Mail each voting member (or the ones named) their personal ballot link."""
    current = _lock_open(prioritization)
    group = current.group
    process = group.process
    members = group.members.filter(may_vote=True).order_by("name", "id")
    if member_ids is not None:
        members = members.filter(pk__in=member_ids)
    result = InvitationResult(sent=[], without_email=[])
    messages = []
    with translation.override("de"):
        for member in members:
            if not member.email:
                result.without_email.append(member)
                continue
            context = {
                "member": member,
                "prioritization": current,
                "group": group,
                "process": process,
                "plan": process.plan,
                "url": ballot_url(current, member),
            }
            subject = render_to_string("participation/email/ballot_subject.txt", context).strip()
            body = render_to_string("participation/email/ballot_email.txt", context)
            messages.append((subject, body, settings.DEFAULT_FROM_EMAIL, [member.email]))
            result.sent.append(member)
    transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=False))
    return result


@transaction.atomic
def prioritization_option_move(
    *, option: PrioritizationOption, direction: int, by: User | None
) -> None:
    """Move an entry one place up (-1) or down (+1) on the ballot; ties on the list keep this
    order too."""
    _lock_open(option.prioritization)
    options = list(option.prioritization.options.order_by("position", "id"))
    index = next(i for i, o in enumerate(options) if o.pk == option.pk)
    target = index + (1 if direction > 0 else -1)
    if not 0 <= target < len(options):
        return
    options[index], options[target] = options[target], options[index]
    for position, entry in enumerate(options):
        entry.position = position
    PrioritizationOption.objects.bulk_update(options, ["position"])


# Exports --------------------------------------------------------------------------------------


def _distribution_text(is_dots: bool, option: OptionResult) -> str:
    """ "2× 3 Punkte, 1× 1 Punkt" or "2× Rang 1, 1× Rang 3": how the members voted on it."""
    if is_dots:
        parts = [
            ngettext("%(members)d× %(value)d Punkt", "%(members)d× %(value)d Punkte", value)
            % {"members": members, "value": value}
            for value, members in reversed(option.distribution)
        ]
    else:
        parts = [
            _("%(members)d× Rang %(value)d") % {"members": members, "value": value}
            for value, members in option.distribution
        ]
    return ", ".join(parts)


def export_table(result: Result) -> tuple[list[str], list[list]]:
    """The Prioritätenliste with the votes behind it: a row per entry in list order, a column
    per ballot (named for coordinators, numbered otherwise)."""
    score = _("Punkte") if result.is_dots else _("Borda-Punkte")
    header = [_("Rang"), _("Eintrag"), score, _("Stimmen von Mitgliedern")]
    if not result.is_dots:
        header.append(_("mittlerer Rang"))
    header.append(_("Verteilung"))
    header += [ballot.label for ballot in result.ballots]
    rows = []
    for index, option in enumerate(result.options):
        row = [option.rank, option.label, option.score, option.voters]
        if not result.is_dots:
            row.append(option.mean_rank)
        row.append(option.distribution_text)
        row += [ballot.values[index] for ballot in result.ballots]
        rows.append(row)
    return header, rows


def export_csv(result: Result) -> bytes:
    """Semicolon-separated with a byte order mark, as German Excel opens it by double-click."""
    header, rows = export_table(result)
    # Decimal commas as German Excel reads them; text through the one formula escape.
    return write_csv(
        header,
        ([str(v).replace(".", ",") if isinstance(v, float) else v for v in row] for row in rows),
    )


def export_xlsx(result: Result) -> bytes:
    """Two sheets: the list with the ballots, and how it was counted."""
    # Imported when a workbook is written, not with the views: a web worker that serves
    # pages does without openpyxl (and lxml), ~12 MB.
    from openpyxl import Workbook

    header, rows = export_table(result)
    prioritization = result.prioritization
    workbook = Workbook(write_only=True)
    workbook.properties.title = prioritization.title[:200]
    workbook.properties.creator = "Teilhabe"
    sheet = workbook.create_sheet(_("Prioritätenliste")[:31])

    sheet.append([xlsx_value(sheet, h) for h in header])
    for row in rows:
        sheet.append([xlsx_value(sheet, v) for v in row])
    about = workbook.create_sheet(_("Verfahren")[:31])
    method = _("Punktevergabe") if result.is_dots else _("Rangfolge")
    lines = [
        (_("Abstimmung"), prioritization.title),
        (_("Verfahren"), method),
        (_("Zählregel"), result.rule),
        (_("Stimmberechtigte Mitglieder"), result.eligible),
        (_("Abgegebene Stimmzettel"), result.voted),
    ]
    if result.is_dots:
        lines.append((_("Punkte je Mitglied"), prioritization.points_per_member))
        if prioritization.max_points_per_option:
            lines.append((_("Höchstens Punkte je Eintrag"), prioritization.max_points_per_option))
    if prioritization.closed_at:
        lines.append((_("abgeschlossen am"), timezone.localtime(prioritization.closed_at).date()))
    for label, value in lines:
        about.append([label, xlsx_value(about, value)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


EXPORTS = {
    "csv": (export_csv, "text/csv; charset=utf-8"),
    "xlsx": (
        export_xlsx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
}
