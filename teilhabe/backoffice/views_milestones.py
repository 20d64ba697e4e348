"""Back office: the timeline (Zeitplan) of a plan — its milestones with due and done dates, the
overdue ones flagged, and the council papers that fulfil them. All views require a login; each
docstring says who may use it."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from teilhabe.core.forms import KernFormMixin
from teilhabe.core.saving import render_form_page, save_form
from teilhabe.plans import milestones as timeline_service
from teilhabe.plans import services
from teilhabe.plans.models import Milestone

from .access import _check, plan_for
from .forms import DATE_WIDGET


class MilestoneForm(KernFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Milestone
        fields = ["kind", "title", "description", "due_on", "done_on"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "due_on": DATE_WIDGET,
            "done_on": DATE_WIDGET,
        }
        help_texts = {
            "due_on": "Bis wann der Meilenstein erreicht sein soll. Ist der Tag vorbei und "
            "kein Erledigt-Datum eingetragen, gilt er als überfällig.",
            "done_on": "Leer lassen, solange der Meilenstein nicht erreicht ist.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def clean_done_on(self):
        done_on = self.cleaned_data.get("done_on")
        if done_on and done_on > timezone.localdate():
            raise forms.ValidationError(
                "Das Erledigt-Datum liegt in der Zukunft. Tragen Sie es ein, wenn der "
                "Meilenstein erreicht ist, und bis dahin nur „geplant bis“."
            )
        return done_on


def _milestone_for(user, pk: int, perm: str) -> Milestone:
    milestone = get_object_or_404(Milestone.objects.select_related("plan__organization"), pk=pk)
    return _check(user, milestone, perm)


@login_required
def milestone_list(request, slug):
    """Members of the plan's organisation: the plan's timeline with overdue milestones flagged
    and the papers (also non-public ones) that fulfil them; admins and coordinators also get
    the links to add, change and delete milestones. Others get 404."""
    plan = plan_for(request.user, slug)
    entries = timeline_service.timeline(plan)
    return render(
        request,
        "backoffice/milestone_list.html",
        {
            "plan": plan,
            "entries": entries,
            "overdue_count": timeline_service.overdue_count(entries),
            "today": timezone.localdate(),
            "can_manage": request.user.has_perm("plans.manage", plan),
        },
    )


@login_required
def milestone_create(request, slug):
    """Admins and coordinators of the plan's organisation (other members: 403, others: 404)."""
    plan = plan_for(request.user, slug, "plans.manage")
    form = MilestoneForm(request.POST or None)

    def create(version, kind, title, **data):
        return services.milestone_create(plan=plan, kind=kind, title=title, by=request.user, **data)

    milestone = save_form(request, form, create)
    if milestone:
        messages.success(request, f"Der Meilenstein „{milestone.title}“ wurde angelegt.")
        return redirect("milestones:milestone_list", slug=plan.slug)
    return render_form_page(
        request,
        form,
        heading=f"Neuer Meilenstein in {plan.title}",
        cancel_url=reverse("milestones:milestone_list", args=[plan.slug]),
        submit="Meilenstein anlegen",
    )


@login_required
def milestone_edit(request, pk):
    """Admins and coordinators of the plan's organisation (other members: 403, others: 404).
    A concurrent change by somebody else is shown, and nothing typed is lost."""
    milestone = _milestone_for(request.user, pk, "plans.manage")
    form = MilestoneForm(request.POST or None, instance=milestone)
    saved = save_form(
        request,
        form,
        lambda **data: timeline_service.milestone_update(
            milestone=milestone, by=request.user, **data
        ),
    )
    if saved:
        messages.success(request, f"Der Meilenstein „{saved.title}“ wurde gespeichert.")
        return redirect("milestones:milestone_list", slug=milestone.plan.slug)
    return render_form_page(
        request,
        form,
        heading=f"Meilenstein „{milestone.title}“ bearbeiten",
        cancel_url=reverse("milestones:milestone_list", args=[milestone.plan.slug]),
        preline=milestone.plan.title,
    )


@login_required
def milestone_delete(request, pk):
    """Admins and coordinators of the plan's organisation (other members: 403, others: 404):
    asks first (GET), deletes on POST."""
    milestone = _milestone_for(request.user, pk, "plans.manage")
    plan = milestone.plan
    if request.method == "POST":
        title = milestone.title
        timeline_service.milestone_delete(milestone=milestone, by=request.user)
        messages.success(request, f"Der Meilenstein „{title}“ wurde gelöscht.")
        return redirect("milestones:milestone_list", slug=plan.slug)
    return render(
        request,
        "backoffice/milestone_delete.html",
        {"plan": plan, "milestone": milestone, "paper_count": milestone.papers.count()},
    )
