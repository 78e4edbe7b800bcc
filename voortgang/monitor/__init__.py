"""The monitor: how the municipality is doing, per gemeente and cohort (issue 20). Every
indicator is defined once, in ``indicators`` and in docs/monitor.md; the page, its charts and
its exports all show the same ``tables``."""
