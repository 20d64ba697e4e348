"""Back-office pages of indicators; config/urls.py mounts them under /verwaltung/kennzahlen/."""

app_name = "indicators"

urlpatterns: list = []
