"""Public pages of interpreters; teilhabe/portal/urls.py includes them at /<organisation>/sprachmittlung/ in the
namespace portal."""

urlpatterns: list = []
