"""Back office: the timeline (Zeitplan) of a plan — its milestones with due and done dates, the
overdue ones flagged, and the council papers that fulfil them. All views require a login; each
docstring says who may use it."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from teilhabe.core.access import rule
from teilhabe.core.forms import KernFormMixin
from teilhabe.core.saving import render_form_page, save_form

from .. import rules, services
from ..forms import MilestoneForm
from ..milestones import shift_suggestion, timeline_entries
from ..services import milestones as milestone_services


@rule("plans.view_drafts", load=rules.plan)
def milestone_list(request, plan):
    """Members of the plan's organisation: the plan's timeline with overdue milestones flagged
    and the papers (also non-public ones) that fulfil them; admins and coordinators also get
    the links to add, change and delete milestones. Others get 404. The timeline itself comes
    from the council's template tags, which know the papers."""
    return render(
        request,
        "plans/backoffice/milestone_list.html",
        {
            "plan": plan,
            "today": timezone.localdate(),
            "can_manage": request.user.has_perm("plans.manage", plan),
        },
    )


@rule("plans.manage", load=rules.plan)
def milestone_create(request, plan):
    """Admins and coordinators of the plan's organisation (other members: 403, others: 404)."""
    form = MilestoneForm(request.POST or None)

    def create(version, kind, title, **data):
        return services.milestone_create(plan=plan, kind=kind, title=title, by=request.user, **data)

    milestone = save_form(request, form, create)
    if milestone:
        messages.success(request, f"Der Meilenstein „{milestone.title}“ wurde angelegt.")
        return redirect("plans:milestone_list", slug=plan.slug)
    return render_form_page(
        request,
        form,
        heading=f"Neuer Meilenstein in {plan.title}",
        cancel_url=reverse("plans:milestone_list", args=[plan.slug]),
        submit="Meilenstein anlegen",
    )


@rule("plans.manage", load=rules.milestone)
def milestone_edit(request, milestone):
    """Admins and coordinators of the plan's organisation (other members: 403, others: 404).
    A concurrent change by somebody else is shown, and nothing typed is lost."""
    form = MilestoneForm(request.POST or None, instance=milestone)
    saved = save_form(
        request,
        form,
        lambda **data: milestone_services.milestone_update(
            milestone=milestone, by=request.user, **data
        ),
    )
    if saved:
        messages.success(request, f"Der Meilenstein „{saved.title}“ wurde gespeichert.")
        return redirect("plans:milestone_list", slug=milestone.plan.slug)
    return render_form_page(
        request,
        form,
        heading=f"Meilenstein „{milestone.title}“ bearbeiten",
        cancel_url=reverse("plans:milestone_list", args=[milestone.plan.slug]),
        preline=milestone.plan.title,
    )


@rule("plans.manage", load=rules.milestone)
def milestone_delete(request, milestone):
    """Admins and coordinators of the plan's organisation (other members: 403, others: 404):
    asks first (GET), deletes on POST."""
    plan = milestone.plan
    if request.method == "POST":
        title = milestone.title
        milestone_services.milestone_delete(milestone=milestone, by=request.user)
        messages.success(request, f"Der Meilenstein „{title}“ wurde gelöscht.")
        return redirect("plans:milestone_list", slug=plan.slug)
    return render(
        request,
        "plans/backoffice/milestone_delete.html",
        {"plan": plan, "milestone": milestone},
    )


class ShiftForm(KernFormMixin, forms.Form):
    months = forms.IntegerField(
        label="Um wie viele Monate verschieben?",
        min_value=1,
        max_value=milestone_services.MAX_SHIFT_MONTHS,
        help_text="Alle Meilensteine, die noch nicht erledigt sind, rücken um so viele Monate "
        "nach hinten; Reihenfolge und Abstände bleiben. Erledigte bleiben, wie sie sind.",
    )


@rule("plans.manage", load=rules.plan)
def milestones_shift(request, plan):
    """Admins and coordinators: re-plan a timeline that slipped, in one step."""
    today = timezone.localdate()
    entries = timeline_entries(plan, today)
    open_count = sum(1 for e in entries if not e.done and e.milestone.due_on)
    form = ShiftForm(request.POST or None, initial={"months": shift_suggestion(entries) or 6})
    if request.method == "POST" and form.is_valid():
        months = form.cleaned_data["months"]
        moved = milestone_services.milestones_shift(plan=plan, months=months, by=request.user)
        messages.success(
            request,
            f"{moved} Meilenstein{'e' if moved != 1 else ''} um {months} Monat"
            f"{'e' if months != 1 else ''} verschoben.",
        )
        return redirect("plans:milestone_list", slug=plan.slug)
    return render_form_page(
        request,
        form,
        heading="Zeitplan neu planen",
        preline=plan.title,
        intro=(
            f"{open_count} offene Meilenstein{'e' if open_count != 1 else ''} mit geplantem Tag. "
            "Der Vorschlag bringt den am längsten überfälligen in den nächsten Monat."
        ),
        submit="Verschieben",
        cancel_url=reverse("plans:milestone_list", args=[plan.slug]),
        plan=plan,
    )
