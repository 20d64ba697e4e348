"""Public pages of a plan, mounted by portal/urls.py at /<organisation>/plan/<plan>/ (namespace
portal) in every language."""

from django.urls import path

from . import views_portal as views

urlpatterns = [
    path("", views.plan_start, name="plan"),
    path("handlungsfeld/<int:number>/", views.field_detail, name="field"),
    path("massnahme/<int:pk>/", views.measure_detail, name="measure"),
    path("bilanz/<int:report_id>/", views.report_detail, name="report"),
    path("bilanz/<int:report_id>/bilanz.<str:fmt>", views.report_download, name="report_download"),
    path("zeitplan/", views.milestones, name="milestones"),
]
