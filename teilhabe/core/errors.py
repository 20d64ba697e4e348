"""Errors raised by service functions; their message is German and shown to the user as is."""


class ServiceError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ConflictError(ServiceError):
    """Somebody else saved the record since this person loaded it."""

    def __init__(self, current=None, message: str | None = None):
        super().__init__(
            message
            or "Dieser Eintrag wurde inzwischen von einer anderen Person geändert. "
            "Ihre Eingaben sind unten noch erhalten; bitte prüfen Sie den aktuellen Stand "
            "und speichern Sie erneut."
        )
        self.current = current


class PublishedReportError(ServiceError):
    def __init__(self, report=None):
        super().__init__(
            "Diese Bilanz ist veröffentlicht und kann nicht mehr geändert werden. "
            "Legen Sie für Änderungen eine neue Bilanz an."
        )
        self.report = report
