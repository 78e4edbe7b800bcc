"""A browser without a browser, for the production-shape tests and the benchmark: cookies (the
secure ones too, as behind the TLS proxy), CSRF tokens and the proxy's X-Forwarded-Proto
header, and the login with both factors."""

from __future__ import annotations

import http.client
import re
import time
import urllib.parse

from django_otp.oath import totp


class Visitor:
    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, data: dict | None = None, request_id: str = ""):
        headers = {
            "Host": f"127.0.0.1:{self.port}",
            "X-Forwarded-Proto": "https",
            "Referer": f"https://127.0.0.1:{self.port}{path}",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        if request_id:
            headers["X-Request-ID"] = request_id
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        connection.request(method, path, body, headers)
        response = connection.getresponse()
        content = response.read()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, rest = value.split("=", 1)
                self.cookies[key] = rest.split(";", 1)[0]
        connection.close()
        self.last_headers = response.msg  # case-insensitive
        return response.status, response.getheader("Location", ""), content

    def timed_get(self, path: str, request_id: str = "") -> tuple[int, float]:
        """The status and the seconds from sending the request to the last byte."""
        started = time.perf_counter()
        status, _location, _content = self.request("GET", path, request_id=request_id)
        return status, time.perf_counter() - started

    def form(self, path: str, data: dict):
        """Open the page, then post its form with the page's CSRF token."""
        status, _location, page = self.request("GET", path)
        assert status == 200, (path, status)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        return self.request("POST", path, {"csrfmiddlewaretoken": token.decode(), **data})

    def log_in(self, username: str, password: str, totp_key: str) -> None:
        """The login page, then the code the user's authenticator app shows."""
        status, location, _page = self.form(
            "/inloggen/", {"username": username, "password": password, "next": "/"}
        )
        if status != 302 or not location.startswith("/inloggen/code/"):
            raise RuntimeError(f"login of {username}: {status} {location}")
        code = f"{totp(bytes.fromhex(totp_key)):06d}"
        status, location, _page = self.form(location, {"token": code, "next": "/"})
        if (status, location) != (302, "/"):
            raise RuntimeError(f"second factor of {username}: {status} {location}")
