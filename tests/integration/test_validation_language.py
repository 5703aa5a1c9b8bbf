"""The domain's validation messages reach the forms in the reader's language: a Russian-speaking
lawyer whose event is refused reads why in Russian, not in the domain's English."""

from __future__ import annotations

import pytest
from babel.support import Translations

from app.i18n import CATALOGS, compile_catalogs
from tests.integration.conftest import PASSWORD, row_counts

FUTURE = "2099-05-01"


@pytest.fixture
def russian():
    """The Russian catalog the interface uses (the test speaks of its texts, not of a wording)."""
    compile_catalogs()
    return Translations.load(str(CATALOGS), ["ru"])


def test_a_refused_event_says_why_in_russian(client, session, lawyer, case, russian):
    lawyer.language = "ru"
    session.commit()
    client.post("/login", data={"email": lawyer.email, "password": PASSWORD})
    before = row_counts(session)
    # A complaint with no body it was filed with (required) and a date still to come.
    response = client.post(f"/cases/{case.reference}/events/new?type=complaint_filed",
                           data={"at": FUTURE, "source": "Жалоба, с. 1"})
    assert response.status_code == 422
    assert row_counts(session) == before  # nothing written
    page = response.get_data(as_text=True)
    required = russian.gettext("is required")
    future = russian.gettext("%(when)s is in the future") % {"when": FUTURE}
    assert required != "is required", "the Russian catalog does not have 'is required'"
    assert required in page and "is required" not in page
    assert future in page and "is in the future" not in page
    assert russian.gettext("Nothing was saved: please correct the fields marked below.") in page
