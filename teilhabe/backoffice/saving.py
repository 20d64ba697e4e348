"""Running a service from a form view: service errors become form errors; a conflict keeps
what the person typed and shows what is saved now."""

from teilhabe.core.errors import ConflictError, ServiceError


def save_or_conflict(request, form, save):
    """Call `save()`; on a conflict or service error add it to the form and return None."""
    try:
        return save()
    except ConflictError as conflict:
        form.conflict = conflict.current
        form.add_error(None, conflict.message)
        if "version" in form.fields:
            # The next submit is a deliberate overwrite of what the person has now seen.
            data = form.data.copy()
            data["version"] = conflict.current.version
            form.data = data
    except ServiceError as error:
        form.add_error(None, error.message)
    return None
