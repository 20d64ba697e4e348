"""Back-office pages of offers; config/urls.py mounts them under /verwaltung/angebote/."""

app_name = "offers"

urlpatterns: list = []
