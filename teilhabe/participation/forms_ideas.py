"""Forms of the ideas part: the public submission and comment forms (translatable, protected by
forms_protection.ProtectedForm) and the back office's card entry and edit forms
(German only)."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from teilhabe.core.forms import KernFormMixin
from teilhabe.plans.models import FieldOfAction

from .forms_protection import TOO_LONG, ProtectedForm
from .models import TEXT_MAX, TITLE_MAX, Idea, IdeaComment
from .services.ideas import idea_formats

COMMENT_MAX = IdeaComment._meta.get_field("text").max_length
NAME_MAX = Idea._meta.get_field("author_name").max_length


def _field_choice_label(field: FieldOfAction) -> str:
    return f"{field.number}. {field.title}"


class IdeaSubmitForm(ProtectedForm):
    title = forms.CharField(
        label=_("Titel Ihrer Idee"),
        max_length=TITLE_MAX,
        error_messages={
            "max_length": TOO_LONG,
            "required": _("Bitte geben Sie Ihrer Idee einen Titel."),
        },
    )
    text = forms.CharField(
        label=_("Ihre Idee"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=format_lazy(
            _("Was schlagen Sie vor? Wem hilft es? Höchstens {max} Zeichen."), max=TEXT_MAX
        ),
        error_messages={"max_length": TOO_LONG, "required": _("Bitte beschreiben Sie Ihre Idee.")},
    )
    field = forms.ModelChoiceField(
        label=_("Handlungsfeld"),
        queryset=FieldOfAction.objects.none(),
        required=False,
        empty_label=_("– weiß ich nicht –"),
        error_messages={"invalid_choice": _("Bitte wählen Sie ein Handlungsfeld aus der Liste.")},
    )
    author_name = forms.CharField(
        label=_("Ihr Name"),
        max_length=NAME_MAX,
        required=False,
        error_messages={"max_length": TOO_LONG},
    )
    show_name = forms.BooleanField(label=_("Meinen Namen bei der Idee zeigen"), required=False)
    author_email = forms.EmailField(
        label=_("Ihre E-Mail-Adresse"),
        required=False,
        help_text=_("Nur für die Koordination sichtbar; nie veröffentlicht."),
        error_messages={
            "invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@example.org.")
        },
    )
    notify = forms.BooleanField(
        label=_("Mir per E-Mail mitteilen, was aus meiner Idee wird"), required=False
    )

    text_fields = ("title", "text", "author_name")

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = FieldOfAction.objects.for_plan(plan)
        self.fields["field"].label_from_instance = _field_choice_label
        self.fields["author_email"].widget.attrs["autocomplete"] = "email"
        self.fields["author_name"].widget.attrs["autocomplete"] = "name"
        self.order_fields(
            ["title", "text", "field", "author_name", "show_name", "author_email", "notify"]
        )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("notify")
            and not cleaned.get("author_email")
            and "author_email" not in self.errors
        ):
            self.add_error(
                "author_email",
                _("Damit wir Ihnen schreiben können, brauchen wir Ihre E-Mail-Adresse."),
            )
        if (
            cleaned.get("show_name")
            and not cleaned.get("author_name")
            and "author_name" not in self.errors
        ):
            self.add_error(
                "author_name", _("Damit wir Ihren Namen zeigen können, tragen Sie ihn bitte ein.")
            )
        return cleaned


class CommentForm(ProtectedForm):
    text = forms.CharField(
        label=_("Ihr Kommentar"),
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": TOO_LONG,
            "required": _("Bitte schreiben Sie einen Kommentar."),
        },
    )
    author_name = forms.CharField(
        label=_("Ihr Name"),
        max_length=NAME_MAX,
        required=False,
        help_text=_("Wird nur gezeigt, wenn Sie es unten ankreuzen."),
        error_messages={"max_length": TOO_LONG},
    )
    show_name = forms.BooleanField(label=_("Meinen Namen beim Kommentar zeigen"), required=False)

    text_fields = ("text", "author_name")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["text", "author_name", "show_name"])


# Back office (German only) ---------------------------------------------------------------------


class _ProcessChoicesMixin:
    def _limit_choices(self, process):
        self.fields["phase"].queryset = idea_formats(process)
        self.fields["phase"].empty_label = "– ohne –"
        self.fields["field"].queryset = FieldOfAction.objects.for_plan(process.plan)
        self.fields["field"].empty_label = "– ohne –"
        self.fields["field"].label_from_instance = _field_choice_label


class IdeaCardForm(_ProcessChoicesMixin, KernFormMixin, forms.ModelForm):
    """One workshop card; the form stays open with the same group and field for the next one."""

    publish = forms.BooleanField(
        label="gleich veröffentlichen",
        required=False,
        initial=True,
        help_text="Karten tragen keine personenbezogenen Daten; ohne Haken wartet die Idee auf die Prüfung.",
    )

    class Meta:
        model = Idea
        fields = ["phase", "field", "title", "text"]
        labels = {
            "phase": "Arbeitsgruppe oder Format",
            "title": "Titel (Überschrift der Karte)",
            "text": "Text der Karte",
        }
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        self._limit_choices(process)
        self.fields["title"].widget.attrs["autofocus"] = True


class IdeaEditForm(_ProcessChoicesMixin, KernFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Idea
        fields = ["title", "text", "field", "phase", "summary_de"]
        labels = {
            "phase": "Arbeitsgruppe oder Format",
            "text": "Text der Idee",
            "summary_de": "Zusammenfassung auf Deutsch",
        }
        help_texts = {
            "summary_de": "Für eine Idee in einer anderen Sprache: was sie sagt, auf Deutsch. "
            "Steht neben dem Original, hier und im Portal; das Original bleibt, wie es ist."
        }
        widgets = {
            "text": forms.Textarea(attrs={"rows": 8}),
            "summary_de": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._limit_choices(self.instance.process)
        if not self.is_bound:
            self.initial["version"] = self.instance.version
