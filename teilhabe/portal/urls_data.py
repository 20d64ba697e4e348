"""Open data downloads, feeds and the progress badge."""

urlpatterns: list = []
