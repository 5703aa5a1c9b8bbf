"""Every answer carries the security headers; pages with case data are never cached."""

import re

import pytest

from app.security import HEADERS


@pytest.mark.parametrize("url", ["/login", "/", "/cases/KZ-2021-0001", "/dashboard", "/nonexistent"])
def test_security_headers_on_every_answer(logged_in, case, url):
    response = logged_in.get(url)
    for name, value in HEADERS.items():
        assert response.headers[name] == value
    assert response.headers["Cache-Control"] == "no-store"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


def test_no_inline_script_or_style_in_any_page(logged_in, case):
    """The CSP forbids inline script and style: the templates must not rely on them."""
    for url in ("/", f"/cases/{case.reference}", f"/cases/{case.reference}/events/new?type=incident",
                "/dashboard", "/rules", "/calendar/", "/people/"):
        page = logged_in.get(url).get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=)", page), url
        assert " style=" not in page and "<style" not in page, url
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", page), url  # no inline event handlers


def test_session_cookie_is_http_only_and_same_site(client, lawyer):
    from tests.integration.conftest import PASSWORD

    response = client.post("/login", data={"email": lawyer.email, "password": PASSWORD})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_production_cookies_are_secure_and_hsts_is_sent(monkeypatch, tmp_path):
    from app import create_app

    monkeypatch.setenv("SECRET_KEY", "x" * 64)
    from app.services.files import new_key

    app = create_app("production", SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'p.sqlite3'}", SECRET_KEY="x" * 64,
                     FILE_KEY=new_key())
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["REMEMBER_COOKIE_SECURE"]
    response = app.test_client().get("/login")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_production_refuses_to_start_without_a_file_key(monkeypatch):
    from app import create_app

    with pytest.raises(RuntimeError, match="QORGAU_FILE_KEY must be set"):
        create_app("production", SECRET_KEY="x" * 64, FILE_KEY=None)


def test_production_refuses_to_start_without_a_secret_key(monkeypatch):
    from app import create_app

    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY must be set"):
        create_app("production", SECRET_KEY=None)
