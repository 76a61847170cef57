"""clean_text: each kind of boilerplate and caption, empty brackets, whitespace."""

from __future__ import annotations

import pytest

from eventlens.ingest import clean_text

BODY = "Rebel fighters shelled the town on Monday, the army said."
BODY2 = "The ministry did not say how many people were killed in the attack."

# (id, raw text, line/piece that must be removed, expected reason)
REMOVED = [
    ("contact-us", f"{BODY}\n\nContact Us", "Contact Us", "boilerplate"),
    ("contact-lower", f"{BODY}\n\ncontact us.", "contact us.", "boilerplate"),
    ("privacy", f"{BODY}\n\nPrivacy Policy", "Privacy Policy", "boilerplate"),
    ("share-bare", f"{BODY}\n\nShare this article\n\n{BODY2}", "Share this article", "boilerplate"),
    ("share-on", f"{BODY}\n\nShare on Facebook | Share on Twitter", "Share on Facebook | Share on Twitter", "boilerplate"),
    ("share-list", f"{BODY}\n\nEmail | Print | WhatsApp", "Email | Print | WhatsApp", "boilerplate"),
    ("subscribe", f"{BODY}\n\nSubscribe to our newsletter for daily updates", "Subscribe to our newsletter for daily updates", "boilerplate"),
    ("sign-up", f"{BODY}\n\nSign up for our Middle East briefing, free to your inbox.", "Sign up for our Middle East briefing, free to your inbox.", "boilerplate"),
    ("follow", f"{BODY}\n\nFollow us on Telegram", "Follow us on Telegram", "boilerplate"),
    ("read-more", f"{BODY}\n\nRead more: Army retakes key bridge\n\n{BODY2}", "Read more: Army retakes key bridge", "boilerplate"),
    ("read-more-bare", f"{BODY}\n\nRead more", "Read more", "boilerplate"),
    ("related", f"{BODY}\n\nRelated: Talks stall in Geneva\n\n{BODY2}", "Related: Talks stall in Geneva", "boilerplate"),
    ("cookies", f"We use cookies to give you the best experience on our site.\n\n{BODY}", "We use cookies to give you the best experience on our site.", "boilerplate"),
    ("cookie-accept", f"{BODY}\n\nAccept all cookies", "Accept all cookies", "boilerplate"),
    ("rights", f"{BODY}\n\n© 2021 Desert Wire. All rights reserved.", "© 2021 Desert Wire. All rights reserved.", "boilerplate"),
    ("advert", f"{BODY}\n\nADVERTISEMENT\n\n{BODY2}", "ADVERTISEMENT", "boilerplate"),
    ("skip", f"Skip to main content\n\n{BODY}", "Skip to main content", "boilerplate"),
    ("wire-signoff", f"{BODY}\n\n(Reporting by Ali Hassan; Editing by Jane Roe)", "(Reporting by Ali Hassan; Editing by Jane Roe)", "boilerplate"),
    ("byline", f"By Samira Haddad\n\n{BODY}", "By Samira Haddad", "byline"),
    ("caption-reuters-file", f"Militiamen ride a pickup truck near Sirte. (Reuters File Photo)\n\n{BODY}", "Militiamen ride a pickup truck near Sirte. (Reuters File Photo)", "caption"),
    ("caption-afp", f"{BODY}\n\nSmoke rises over Khartoum (AFP Photo)", "Smoke rises over Khartoum (AFP Photo)", "caption"),
    ("caption-ap-name", f"{BODY}\n\nA soldier walks in Bakhmut. (AP Photo/John Doe)", "A soldier walks in Bakhmut. (AP Photo/John Doe)", "caption"),
    ("caption-photo-prefix", f"Photo: Displaced families queue for water in Rafah\n\n{BODY}", "Photo: Displaced families queue for water in Rafah", "caption"),
    ("caption-image-credit", f"{BODY}\n\nImage credit: Ministry of Defence", "Image credit: Ministry of Defence", "caption"),
    ("caption-file-photo", f"{BODY}\n\nFile photo", "File photo", "caption"),
    ("caption-file-prefix", f"FILE PHOTO: Houthi supporters rally in Sanaa\n\n{BODY}", "FILE PHOTO: Houthi supporters rally in Sanaa", "caption"),
    ("caption-date-line", f"Protesters gather outside parliament in Tbilisi. May 12, 2024.\n\n{BODY}", "Protesters gather outside parliament in Tbilisi. May 12, 2024.", "caption"),
    ("caption-wire-slash", f"{BODY}\n\nA boy looks at a destroyed building in Aleppo. REUTERS/Omar Sanadiki", "A boy looks at a destroyed building in Aleppo. REUTERS/Omar Sanadiki", "caption"),
    ("caption-photo-colon-paren", f"{BODY}\n\nVolunteers carry a wounded man (Photo: Emergency Rooms)", "Volunteers carry a wounded man (Photo: Emergency Rooms)", "caption"),
    ("caption-file-paren", f"Haftar addresses supporters in Benghazi (File)\n\n{BODY}", "Haftar addresses supporters in Benghazi (File)", "caption"),
    ("follow-handle", f"{BODY}\n\nFollow us on X @DesertWire", "Follow us on X @DesertWire", "boilerplate"),
    ("caption-inline", f"Troops gather in Misrata. (AFP Photo) {BODY}", "Troops gather in Misrata. (AFP Photo)", "caption"),
    ("credit-mid-sentence", "Smoke rose over the port (AFP Photo) after the strike, witnesses said.", "(AFP Photo)", "caption"),
    ("empty-parens", "The mission in () said early Tuesday that talks would resume.", "()", "empty-brackets"),
    ("empty-square", "The group said in a statement [] that it had withdrawn.", "[]", "empty-brackets"),
    ("empty-spaced", "Officials ( ) declined to comment on the report.", "( )", "empty-brackets"),
]


@pytest.mark.parametrize("raw, piece, reason", [c[1:] for c in REMOVED], ids=[c[0] for c in REMOVED])
def test_piece_is_removed_and_recorded(raw: str, piece: str, reason: str) -> None:
    cleaned, removed = clean_text(raw)
    assert piece not in cleaned
    assert any(r.text == piece and r.reason == reason for r in removed), removed
    assert cleaned.strip(), "the news text itself must survive"


KEPT = [
    ("news-about-cookies", "Bakers in Gaza said they had no flour left to make bread or cookies for the holiday."),
    ("news-about-contact", "Contact between the two delegations resumed on Monday after a week of silence."),
    ("news-share", "Share prices in Tripoli fell after the central bank governor fled the country."),
    ("news-follow", "Follow-up talks are expected in Cairo next week, the ministry said."),
    ("news-by-monday", "By Monday, the rebels had withdrawn from three villages near the border."),
    ("news-photo-word", "The photo, published by the army on Telegram, showed a destroyed tank."),
    ("news-date-sentence", "The agreement was signed in Skhirat on December 17, 2015."),
    ("news-related", "Related charges were filed against two commanders of the militia."),
    ("news-brackets", "The Joint Military Commission (5+5) met in Geneva [in person] on Tuesday."),
    ("news-in-a-video", "The commander appeared (in a video posted online) to admit the losses."),
    ("news-copyright", "Copyright disputes between the two broadcasters were settled in court."),
    ("news-join-us", "Join us at the square on Friday, the opposition leader told supporters."),
    ("news-read", "Read the statement, the spokesman told reporters, and you will see our position."),
]


@pytest.mark.parametrize("raw", [c[1] for c in KEPT], ids=[c[0] for c in KEPT])
def test_news_text_is_kept(raw: str) -> None:
    cleaned, removed = clean_text(raw)
    assert cleaned == raw
    assert removed == ()


def test_keep_captions_keeps_captions_but_removes_boilerplate() -> None:
    raw = f"Militiamen ride near Sirte. (Reuters File Photo)\n\n{BODY}\n\nContact Us"
    cleaned, removed = clean_text(raw, keep_captions=True)
    assert "(Reuters File Photo)" in cleaned
    assert "Contact Us" not in cleaned
    assert [r.reason for r in removed] == ["boilerplate"]


WHITESPACE = [
    ("crlf", "First paragraph here.\r\n\r\nSecond paragraph here.", "First paragraph here.\n\nSecond paragraph here."),
    ("many-blank-lines", "First paragraph here.\n\n\n\n\nSecond paragraph here.", "First paragraph here.\n\nSecond paragraph here."),
    ("double-spaces", "The  army   said it had\tretaken the town.", "The army said it had retaken the town."),
    ("nbsp", "The army\u00a0said it had retaken the town.", "The army said it had retaken the town."),
    ("zero-width", "The ar\u200bmy said it had retaken the town.", "The army said it had retaken the town."),
    ("trailing", "  The army said it had retaken the town.   \n", "The army said it had retaken the town."),
    ("hard-wrap-lower", "The army said on Monday that it had\nretaken the town after heavy fighting.", "The army said on Monday that it had retaken the town after heavy fighting."),
    ("hard-wrap-hyphen", "The talks on a lasting cease-\nfire were suspended on Monday.", "The talks on a lasting cease-fire were suspended on Monday."),
    ("lines-as-paragraphs", "The army said it retook the town.\nThe rebels denied it.", "The army said it retook the town.\n\nThe rebels denied it."),
    ("brackets-before-period", "The statement was published in ().", "The statement was published in."),
    ("nested-empty-brackets", "The envoy (()) left Tripoli on Sunday.", "The envoy left Tripoli on Sunday."),
]


@pytest.mark.parametrize("raw, expected", [c[1:] for c in WHITESPACE], ids=[c[0] for c in WHITESPACE])
def test_whitespace_and_paragraphs(raw: str, expected: str) -> None:
    cleaned, _ = clean_text(raw)
    assert cleaned == expected


def test_whitespace_fixes_recorded_once_with_a_count() -> None:
    _, removed = clean_text("The  army   said it had\u00a0retaken the town.")
    ws = [r for r in removed if r.reason == "whitespace"]
    assert len(ws) == 1
    assert ws[0].text == "3 whitespace fixes"


def test_in_empty_parens_leaves_in() -> None:
    cleaned, _ = clean_text("the United Nations Support Mission in () said early Tuesday.")
    assert cleaned == "the United Nations Support Mission in said early Tuesday."


@pytest.mark.parametrize("raw", [c[1] for c in REMOVED] + [c[1] for c in WHITESPACE],
                         ids=[c[0] for c in REMOVED] + [c[0] for c in WHITESPACE])
def test_idempotent(raw: str) -> None:
    once, _ = clean_text(raw)
    twice, removed = clean_text(once)
    assert twice == once
    assert removed == ()
