"""Search (see teilhabe/search)."""

urlpatterns: list = []
