"""article_from_text: title convention, metadata, ids, language and empty-text errors."""

from __future__ import annotations

import pytest

from eventlens.errors import InputError
from eventlens.ingest import article_from_text, normalize_date
from eventlens.types import stable_id

BODY = "Government forces said on Sunday they had pushed the rebels out of the town."

TITLE_CASES = [
    ("first-line-then-blank", f"Rebels pushed out of town\n\n{BODY}", None, "Rebels pushed out of town"),
    ("leading-blank-lines", f"\n\n  Rebels pushed out of town  \n\n{BODY}", None, "Rebels pushed out of town"),
    ("no-blank-after-first-line", f"Rebels pushed out of town\n{BODY}", None, None),
    ("single-paragraph", BODY, None, None),
    ("given-title-wins", f"Rebels pushed out of town\n\n{BODY}", "Army retakes town", "Army retakes town"),
    ("boilerplate-before-title", f"Skip to content\n\nRebels pushed out of town\n\n{BODY}", None, "Rebels pushed out of town"),
    ("title-with-empty-parens", f"Rebels pushed out of () town\n\n{BODY}", None, "Rebels pushed out of town"),
    ("crlf", f"Rebels pushed out of town\r\n\r\n{BODY}", None, "Rebels pushed out of town"),
]


@pytest.mark.parametrize("raw, given, title", [c[1:] for c in TITLE_CASES], ids=[c[0] for c in TITLE_CASES])
def test_title_convention(raw: str, given: str | None, title: str | None) -> None:
    art = article_from_text(raw, title=given)
    assert art.title == title
    if title:
        assert art.text.startswith(title + "\n\n")
        assert art.text.endswith(BODY)
    assert BODY in art.text


def test_text_is_title_blank_line_body() -> None:
    art = article_from_text(BODY, title="Army retakes town")
    assert art.text == f"Army retakes town\n\n{BODY}"


def test_body_repeating_given_title_is_dropped() -> None:
    art = article_from_text(f"Army retakes town\n\n{BODY}", title="Army retakes town")
    assert art.text == f"Army retakes town\n\n{BODY}"
    assert [r.reason for r in art.removed] == ["duplicate-title"]


def test_metadata_and_id() -> None:
    art = article_from_text(BODY, title="Army retakes town", published="Tue, 02 Jun 2020 08:00:00 GMT",
                            outlet="  Desert  Wire ", url="https://desert-wire.example/x", source="x.txt")
    assert art.id == stable_id("art", art.text)
    assert art.published == "2020-06-02"
    assert art.outlet == "Desert Wire"
    assert art.url == "https://desert-wire.example/x"
    assert art.source == "x.txt"
    assert art.language == "en"


def test_id_is_stable_and_depends_on_text() -> None:
    a = article_from_text(BODY, title="Army retakes town", source="a")
    b = article_from_text(BODY, title="Army retakes town", source="b")
    c = article_from_text(BODY, title="Army loses town")
    assert a.id == b.id != c.id


REJECTS = [
    ("empty", "", "empty text"),
    ("blank", "  \n\t\n ", "empty text"),
    ("nul", "The army\x00 said", "binary"),
    ("controls", "\x01\x02\x03\x04 the army said " * 3, "binary"),
    ("boilerplate-only", "Contact Us\n\nRead more\n\nAll rights reserved", "no text left"),
    ("french", "Les forces du gouvernement ont repris la ville après deux jours de combats avec les milices, selon un communiqué.", "French"),
    ("spanish", "El ejército dijo que las fuerzas del gobierno habían recuperado la ciudad después de dos días de combates.", "Spanish"),
    ("german", "Die Armee teilte mit, dass die Regierungstruppen die Stadt nach zwei Tagen der Kämpfe mit den Milizen zurückerobert hätten.", "German"),
    ("russian", "Армия заявила, что правительственные силы вернули контроль над городом после двух дней боев.", "Cyrillic"),
    ("no-words", "12345 67890 !!! ???", "no letters"),
    ("word-salad", "qwrt zxcv plmk bnhj tyui ghjk vbnm asdf lkjh poiu mnbv", "does not look like English"),
]


@pytest.mark.parametrize("raw, reason", [c[1:] for c in REJECTS], ids=[c[0] for c in REJECTS])
def test_unusable_text_raises_input_error(raw: str, reason: str) -> None:
    with pytest.raises(InputError) as err:
        article_from_text(raw, source="in.txt")
    assert reason in err.value.reason
    assert err.value.source == "in.txt"


def test_short_english_headline_style_text_is_accepted() -> None:
    art = article_from_text("Haftar forces advance on Tripoli suburbs")
    assert art.text == "Haftar forces advance on Tripoli suburbs"


DATES = [
    ("iso", "2020-06-02", "2020-06-02"),
    ("iso-datetime", "2020-06-02T08:15:00+02:00", "2020-06-02"),
    ("rfc822", "Tue, 02 Jun 2020 08:00:00 GMT", "2020-06-02"),
    ("written-us", "June 2, 2020", "2020-06-02"),
    ("written-abbrev", "Jun. 2, 2020", "2020-06-02"),
    ("written-uk", "2 June 2020", "2020-06-02"),
    ("ordinal", "June 2nd, 2020", "2020-06-02"),
    ("slashes-ymd", "2020/06/02", "2020-06-02"),
    ("ambiguous", "02/06/2020", None),
    ("garbage", "sometime last week", None),
    ("impossible", "2020-02-31", None),
    ("none", None, None),
]


@pytest.mark.parametrize("value, expected", [c[1:] for c in DATES], ids=[c[0] for c in DATES])
def test_normalize_date(value: str | None, expected: str | None) -> None:
    assert normalize_date(value) == expected
