"""Logs in JSON with the request id and the user id, never the person's or the user's name."""

import io
import json
import logging
import logging.config

import pytest
from django.conf import settings
from django.urls import reverse


@pytest.fixture
def json_log():
    """The production formatter and filter on the request logger, writing to a buffer."""
    buffer = io.StringIO()
    config = settings.LOGGING
    handler = logging.StreamHandler(buffer)
    formatter_config = dict(config["formatters"]["json"])
    factory = formatter_config.pop("()")
    module, name = factory.rsplit(".", 1)
    formatter_class = getattr(__import__(module, fromlist=[name]), name)
    handler.setFormatter(formatter_class(**formatter_config))
    from inburgering.web.request_log import RequestContextFilter

    handler.addFilter(RequestContextFilter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    yield buffer
    logger.removeHandler(handler)


def test_a_log_line_names_the_request_and_the_user_by_id_only(client, regisseur, json_log):
    client.force_login(regisseur)
    response = client.get(reverse("dossier_detail", kwargs={"dossier_id": 999999}))
    assert response.status_code == 404
    line = json.loads(json_log.getvalue().strip().splitlines()[-1])
    assert line["request_id"] == response["X-Request-ID"]
    assert line["user_id"] == str(regisseur.pk)
    assert line["level"] == "WARNING" and line["logger"] == "django.request"
    assert regisseur.username not in json_log.getvalue()
    assert regisseur.last_name not in json_log.getvalue()


def test_a_sane_request_id_from_the_proxy_is_kept(client, db):
    response = client.get(reverse("login"), headers={"X-Request-ID": "proxy-abc-12345"})
    assert response["X-Request-ID"] == "proxy-abc-12345"
    odd = client.get(reverse("login"), headers={"X-Request-ID": "<script>"})
    assert odd["X-Request-ID"] != "<script>" and len(odd["X-Request-ID"]) == 32
