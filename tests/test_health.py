"""The health endpoint: up/down for the database and the broker, nothing more, no login."""

import pytest
from django.db import connection
from django.urls import reverse

from inburgering.celery import app


def test_everything_up(client, db):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"database": "up", "broker": "up"}
    assert "no-cache" in response["Cache-Control"]


def test_an_unreachable_broker_is_down_with_503(client, db, monkeypatch):
    monkeypatch.setattr(app.conf, "broker_url", "redis://127.0.0.1:1/0")
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json() == {"database": "up", "broker": "down"}


@pytest.mark.django_db(transaction=True)
def test_an_unreachable_database_is_down_with_503(client, monkeypatch):
    monkeypatch.setitem(connection.settings_dict, "PORT", "1")
    connection.close()
    try:
        response = client.get(reverse("health"))
    finally:
        monkeypatch.undo()
        connection.close()
    assert response.status_code == 503
    assert response.json() == {"database": "down", "broker": "up"}


@pytest.mark.django_db(transaction=True)
def test_pages_answer_503_with_a_friendly_page_while_the_database_is_down(client, monkeypatch):
    client.raise_request_exception = False
    monkeypatch.setitem(connection.settings_dict, "PORT", "1")
    connection.close()
    try:
        response = client.get(reverse("caseload"), headers={"Cookie": f"sessionid={'a' * 32}"})
    finally:
        monkeypatch.undo()
        connection.close()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Even niet beschikbaar" in response.content.decode()
