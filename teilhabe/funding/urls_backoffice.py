"""Back-office pages of funding; config/urls.py mounts them under /verwaltung/foerderung/."""

app_name = "funding"

urlpatterns: list = []
