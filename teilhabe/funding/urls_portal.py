"""Public pages of funding; teilhabe/portal/urls.py includes them at /<organisation>/foerderung/ in the
namespace portal."""

urlpatterns: list = []
