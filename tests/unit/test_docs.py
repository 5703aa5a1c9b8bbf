from pathlib import Path

from app.interchange.vocabulary_doc import render

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_vocabulary_doc_is_generated_from_the_code():
    assert (DOCS / "vocabulary.md").read_text(encoding="utf-8") == render(), (
        "run: python -m app.interchange.vocabulary_doc > docs/vocabulary.md")


def test_every_event_type_of_the_domain_is_documented():
    text = (DOCS / "vocabulary.md").read_text(encoding="utf-8")
    domain = (Path(__file__).resolve().parents[3] / "shared" / "DOMAIN.md").read_text(encoding="utf-8")
    section = domain.split("## 3. Event vocabulary", 1)[1].split("## 4.", 1)[0]
    import re

    names = set(re.findall(r"`([a-z_]+)`", section)) - {"type", "at", "body", "document", "source", "notes"}
    missing = {name for name in names if f"`{name}`" not in text}
    assert not missing, f"event types or fields of DOMAIN.md §3 missing from the vocabulary: {missing}"
