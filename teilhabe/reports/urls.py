from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("<int:report_id>/bilanz.<str:fmt>", views.bilanz_download, name="bilanz"),
]
