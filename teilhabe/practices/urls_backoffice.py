"""Back-office pages of practices; config/urls.py mounts them under /verwaltung/good-practice/."""

app_name = "practices"

urlpatterns: list = []
