"""Back-office pages of interpreters; config/urls.py mounts them under /verwaltung/sprachmittlung/."""

app_name = "interpreters"

urlpatterns: list = []
