"""The interface's catalogs: every text of the code and templates is translated into Russian
and Kazakh, placeholders intact, and the domain's phrases are said in each language."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from app.i18n import CATALOGS, LANGUAGES
from app.procedure.calendar import Skipped, Term, Unit
from app.procedure.phrase import Day, Days, Label, Moment, Phrase

ROOT = Path(__file__).resolve().parents[2]
TRANSLATED = sorted(set(LANGUAGES) - {"en"})


@pytest.fixture(scope="module")
def extracted() -> set[tuple[str | None, str | tuple[str, ...]]]:
    """(context, message id) of each text `make messages` extracts today, so that a new text
    without a translation fails."""
    with (ROOT / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    keywords = {**DEFAULT_KEYWORDS, "_l": None, "Phrase": None, "plural_message": (1, 2)}
    found = extract_from_dir(ROOT, method_map, options_map, keywords)
    return {(context, message) for _, _, message, _, context in found}


def catalog(language: str):
    with (CATALOGS / language / "LC_MESSAGES" / "messages.po").open("rb") as source:
        return read_po(source, locale=language)


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_text_is_translated(extracted, language):
    translations = {(message.context, message.id): message for message in catalog(language) if message.id}
    missing = [m for m in extracted if m not in translations]
    assert not missing, f"{len(missing)} texts not in the {language} catalog (run `make messages`): {missing[:10]}"
    used = [translations[key] for key in extracted]
    empty = [m.id for m in used if (not all(m.string) if isinstance(m.string, tuple) else not m.string)]
    assert not empty, f"{len(empty)} texts without a {language} translation: {empty[:10]}"
    fuzzy = [m.id for m in used if m.fuzzy]
    assert not fuzzy, f"fuzzy {language} translations to review: {fuzzy[:10]}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_placeholders_are_kept(language):
    problems = [(message.id, [str(e) for e in errors]) for message, errors in catalog(language).check()]
    assert not problems, problems[:10]


@pytest.fixture
def russian(app):
    from flask_babel import force_locale

    with app.test_request_context("/"), force_locale("ru"):
        yield


def test_a_deadline_step_is_said_in_russian(russian):
    from app.wording import WORDING

    weekend = (Skipped(date(2024, 6, 22), "Saturday"), Skipped(date(2024, 6, 23), "Sunday"))
    step = Phrase("%(days)s are not working days → due %(due)s", days=Days(weekend),
                  due=Moment(datetime(2024, 6, 24, 23, 59)))
    assert str(step) == ("Sat 22 Jun (Saturday) and Sun 23 Jun (Sunday) are not working days → "
                         "due Mon 24 Jun 2024, 24:00")
    said = step.say(WORDING)
    assert "суббота" in said and "воскресенье" in said and "24 июн. 2024" in said and "24:00" in said
    assert "Saturday" not in said and "due" not in said


@pytest.mark.parametrize(("amount", "words"), [(1, "1 день"), (3, "3 дня"), (5, "5 дней"), (11, "11 дней"),
                                               (21, "21 день"), (24, "24 дня")])
def test_terms_take_the_russian_plural(russian, amount, words):
    from app.wording import WORDING

    assert Phrase("%(term)s", term=Term(amount, Unit.DAYS)).say(WORDING) == words


def test_holidays_and_stored_phrases_are_said_in_russian(russian):
    from app.wording import said

    victory = Phrase("%(days)s is not a working day → due %(due)s",
                     days=Days((Skipped(date(2024, 5, 9), "Victory Day"),)), due=Moment(datetime(2024, 5, 10, 23, 59)))
    text = said(victory.to_json())
    assert "День Победы" in text and "Victory" not in text
    assert said(Phrase("%(event)s %(when)s", event=Label("Decision served"), when=Day(date(2024, 6, 7)))) \
        .endswith("7 июн. 2024")
    assert said("plain text stored before phrases") == "plain text stored before phrases"
