"""The OpenAPI document and Swagger UI, always in German unless `?lang=` asks otherwise."""

from django.conf import settings
from django.utils import translation
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


class GermanByDefault:
    def dispatch(self, request, *args, **kwargs):
        lang = request.GET.get("lang")
        with translation.override(lang if lang in LANGUAGE_CODES else settings.LANGUAGE_CODE):
            response = super().dispatch(request, *args, **kwargs)
            # Rendered here: lazy texts (field help) must not follow the browser's language.
            if hasattr(response, "render"):
                response.render()
        return response


class SchemaView(GermanByDefault, SpectacularAPIView):
    """Anyone: the OpenAPI 3 document of the API."""


class DocsView(GermanByDefault, SpectacularSwaggerSplitView):
    """Anyone: Swagger UI for the OpenAPI document, from our own static files."""
