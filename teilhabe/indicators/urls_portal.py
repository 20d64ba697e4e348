"""Public pages of indicators; teilhabe/portal/urls.py includes them at /<organisation>/kennzahlen/ in the
namespace portal."""

urlpatterns: list = []
