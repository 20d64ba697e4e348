"""Public pages of practices; teilhabe/portal/urls.py includes them at /<organisation>/good-practice/ in the
namespace portal."""

urlpatterns: list = []
