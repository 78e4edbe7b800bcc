"""The benchmark's URLs: the app's, plus the baseline admin site (never in production)."""

from django.urls import path

from bench.baseline_admin import site
from inburgering.urls import handler500
from inburgering.urls import urlpatterns as app_urlpatterns

urlpatterns = [*app_urlpatterns, path("bench-beheer/", site.urls)]

__all__ = ["handler500", "urlpatterns"]
