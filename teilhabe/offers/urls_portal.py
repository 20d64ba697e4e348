"""Public pages of offers; teilhabe/portal/urls.py includes them at /<organisation>/angebote/ in the
namespace portal."""

urlpatterns: list = []
