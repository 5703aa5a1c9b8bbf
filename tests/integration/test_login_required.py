"""Every page except the login page and static files requires a logged-in user."""

import re

import pytest

# The calendar feed answers to its own secret token (tested in test_dashboard.py); the language
# switch works before login and writes only the session (tested in test_languages.py).
PUBLIC = {"auth.login", "static", "calendar.feed_ics", "language.switch"}


def _example_url(rule) -> str:
    values = {arg: ("1" if arg.endswith("_id") else "KZ-2021-0001") for arg in rule.arguments}
    return re.sub(r"<(?:[^:>]+:)?([^>]+)>", lambda m: values[m.group(1)], rule.rule)


def test_every_rule_redirects_to_login_when_logged_out(app, client):
    rules = [r for r in app.url_map.iter_rules() if r.endpoint not in PUBLIC]
    assert len(rules) >= 12, "the app's pages are all expected here"
    for rule in rules:
        url = _example_url(rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(url, method=method)
            assert response.status_code == 302, f"{method} {url} answered {response.status_code}"
            assert response.headers["Location"].startswith("/login"), f"{method} {url}"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"])
def test_login_never_redirects_off_site(client, lawyer, target):
    from tests.integration.conftest import PASSWORD

    response = client.post(f"/login?next={target}", data={"email": lawyer.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_login_follows_a_local_next(client, lawyer):
    from tests.integration.conftest import PASSWORD

    response = client.post("/login?next=/people/", data={"email": lawyer.email, "password": PASSWORD})
    assert response.headers["Location"] == "/people/"


def test_wrong_password_is_refused_with_a_message(client, lawyer):
    response = client.post("/login", data={"email": lawyer.email, "password": "wrong password 123"})
    assert response.status_code == 422
    assert b"E-mail or password is wrong" in response.data
    assert client.get("/").status_code == 302


def test_disabled_user_cannot_log_in(client, session, lawyer):
    from tests.integration.conftest import PASSWORD

    lawyer.active = False
    session.flush()
    response = client.post("/login", data={"email": lawyer.email, "password": PASSWORD})
    assert b"E-mail or password is wrong" in response.data


def test_logout_ends_the_session(logged_in):
    assert logged_in.get("/").status_code == 200
    assert logged_in.post("/logout").status_code == 302
    assert logged_in.get("/").status_code == 302


def test_only_admins_manage_users(logged_in, client, make_user):
    assert logged_in.get("/admin/users").status_code == 403
    from tests.integration.conftest import PASSWORD

    admin = make_user("admin")
    client.post("/logout")
    client.post("/login", data={"email": admin.email, "password": PASSWORD})
    assert client.get("/admin/users").status_code == 200
