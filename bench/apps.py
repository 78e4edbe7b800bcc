from django.apps import AppConfig


class BenchConfig(AppConfig):
    """Dev-only: installed by the dev, test and bench settings, never by production."""

    name = "bench"
    verbose_name = "Benchmark"
