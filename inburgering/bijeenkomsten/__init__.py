"""Appointments with the person (``Bijeenkomst``): planned, moved, cancelled, attended."""
