"""Running a service from a form view: service errors become form errors; a conflict keeps
what the person typed and shows what is saved now."""

from django.contrib import messages
from django.shortcuts import redirect, render

from teilhabe.core.errors import ConflictError, ServiceError


def form_changes(form) -> dict:
    """The form's cleaned data without the version the person started from."""
    return {name: value for name, value in form.cleaned_data.items() if name != "version"}


def save_or_conflict(request, form, save):
    """Call `save()`; on a conflict or service error add it to the form and return None."""
    try:
        return save()
    except ConflictError as conflict:
        # Shown once, with the saved state, by backoffice/partials/conflict.html.
        form.conflict = conflict.current
        form.conflict_message = conflict.message
        if "version" in form.fields:
            # The next submit is a deliberate overwrite of what the person has now seen.
            data = form.data.copy()
            data["version"] = conflict.current.version
            form.data = data
    except ServiceError as error:
        form.add_error(None, error.message)
    return None


def save_form(request, form, save):
    """For a POST with a valid form, `save(version=…, **changes)`; None if nothing was saved."""
    if request.method != "POST" or not form.is_valid():
        return None
    version = form.cleaned_data.get("version")
    return save_or_conflict(request, form, lambda: save(version=version, **form_changes(form)))


def render_form_page(
    request,
    form,
    *,
    heading: str,
    cancel_url: str,
    intro: str = "",
    submit: str = "Speichern",
    **context,
):
    """The one page layout for creating and editing records in the back office."""
    return render(
        request,
        "backoffice/form_page.html",
        {
            "form": form,
            "heading": heading,
            "cancel_url": cancel_url,
            "intro": intro,
            "submit": submit,
            **context,
        },
    )


def run_and_return(request, action, success: str, back: str):
    """For a button that runs one service and returns to the page it came from: the service's
    German error, or `success`, as a message on that page."""
    try:
        action()
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect(back)
