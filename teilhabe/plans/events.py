"""Events of plans that apps above plans react to.

Plans sit below participation and council and must not import them; when publishing a Bilanz
should also tell the people whose ideas became measures, participation registers a handler here
in its AppConfig.ready(). The event is sent explicitly by the service that causes it, inside its
transaction (never from save() or a model signal), so a rolled-back publication tells nobody.
"""

from django.dispatch import Signal

# Sent by plans.services.report_publish with `report` (the published ProgressReport).
report_published = Signal()
