"""Quote extraction and speaker resolution on hand-written news sentences (loads spaCy)."""

from __future__ import annotations

import pytest

from eventlens.context import DocContext, SpanIndex
from eventlens.quotes import extract_quotes
from eventlens.types import Actor, ActorKind, Article, Mention, Quote

pytestmark = pytest.mark.slow

# name, kind, surface forms found in the text
ACTORS = [
    ("Maria Lopez", ActorKind.PERSON, ["Maria Lopez", "Lopez"]),
    ("Red Cross", ActorKind.ORGANIZATION, ["Red Cross"]),
    ("Pacific Command", ActorKind.ORGANIZATION, ["Pacific Command", "Pacom"]),
    ("Harbour Authority", ActorKind.ORGANIZATION, ["Harbour Authority", "HA"]),
    ("Jane Smith", ActorKind.PERSON, ["Jane Smith"]),
    ("three senior officers", ActorKind.ANONYMOUS, ["three senior officers"]),
    ("Northland", ActorKind.COUNTRY, ["Northland"]),
    ("Twitter", ActorKind.ORGANIZATION, ["Twitter"]),
    ("John Brown", ActorKind.PERSON, ["John Brown", "Brown"]),
]


def _find_all(text: str, needle: str) -> list[int]:
    out, i = [], text.find(needle)
    while i >= 0:
        before = text[i - 1] if i else " "
        after = text[i + len(needle)] if i + len(needle) < len(text) else " "
        if not before.isalnum() and not after.isalnum():
            out.append(i)
        i = text.find(needle, i + 1)
    return out


def make_ctx(nlp, text: str) -> DocContext:
    actors, spans = [], []
    taken: set[int] = set()
    for name, kind, forms in ACTORS:
        aid = "act_" + name.lower().replace(" ", "_")
        mentions = []
        for form in sorted(forms, key=len, reverse=True):
            for s in _find_all(text, form):
                if s in taken:
                    continue
                taken.update(range(s, s + len(form)))
                mentions.append(Mention(start=s, end=s + len(form), text=form))
                spans.append((s, s + len(form), aid))
        if mentions:
            actors.append(Actor(id=aid, name=name, kind=kind, mentions=tuple(mentions)))
    article = Article(id="art_test", text=text)
    return DocContext(article=article, doc=nlp(text), actors=tuple(actors), actor_index=SpanIndex(spans))


def quotes(nlp, text: str) -> tuple[Quote, ...]:
    qs = extract_quotes(make_ctx(nlp, text))
    for q in qs:
        assert text[q.start : q.end] == q.text
        if q.cue is not None:
            assert text[q.cue.start : q.cue.end] == q.cue.text
    return qs


def find(qs: tuple[Quote, ...], fragment: str) -> Quote:
    hits = [q for q in qs if q.text.strip("“”\",. ") == fragment.strip("“”\",. ")]
    hits += [q for q in qs if fragment in q.text]
    assert hits, f"no quote containing {fragment!r} in {[q.text for q in qs]}"
    return hits[0]


# id, text, fragment of the content, direct, cue text, speaker id
CASES = [
    (
        "direct-cue-after",
        "“The bridge will reopen next week,” Maria Lopez said on Monday.",
        "The bridge will reopen next week,",
        True, "said", "act_maria_lopez",
    ),
    (
        "direct-cue-before",
        "Maria Lopez told reporters: “We have enough water for ten days.”",
        "We have enough water for ten days.",
        True, "told", "act_maria_lopez",
    ),
    (
        "direct-straight-platform",
        '"The Harbour Authority welcomes the decision to reopen the port," HA said on Twitter.',
        "welcomes the decision",
        True, "said", "act_harbour_authority",
    ),
    (
        "reported-that",
        "Jane Smith said that the convoy had reached the border town.",
        "that the convoy had reached the border town",
        False, "said", "act_jane_smith",
    ),
    (
        "reported-cue-after",
        "The floods destroyed two villages, the Red Cross said early Tuesday.",
        "The floods destroyed two villages",
        False, "said", "act_red_cross",
    ),
    (
        "according-to",
        "Rebels shelled the airport overnight, according to Maria Lopez, a spokeswoman for the Red Cross.",
        "Rebels shelled the airport overnight",
        False, "according to", "act_maria_lopez",
    ),
    (
        "saying-only-that",
        "A communique did not confirm the loss, with spokeswoman Jane Smith saying only that talks were continuing.",
        "that talks were continuing",
        False, "saying", "act_jane_smith",
    ),
    (
        "anonymous",
        "But three senior officers, speaking on condition of anonymity, conceded they had lost the port.",
        "they had lost the port",
        False, "conceded", "act_three_senior_officers",
    ),
    (
        "request",
        "Northland asked the council to send a new envoy as soon as possible.",
        "the council to send a new envoy as soon as possible",
        False, "asked", "act_northland",
    ),
    (
        "mixed-direct-part",
        "The tanks moved north where they “were hidden from satellites” before the raid, said the Pacific Command.",
        "were hidden from satellites",
        True, "said", "act_pacific_command",
    ),
]


@pytest.mark.parametrize(
    ("text", "fragment", "direct", "cue", "speaker"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_quote(nlp, text: str, fragment: str, direct: bool, cue: str, speaker: str) -> None:
    q = find(quotes(nlp, text), fragment)
    assert q.direct is direct
    assert q.cue is not None and q.cue.text == cue
    assert q.speaker == speaker


CHAINS = [
    (
        "he-added",
        "The strikes hit the depot, Maria Lopez said. John Brown arrived later. "
        "The fuel is gone, she added.",
        "The fuel is gone",
        "act_maria_lopez",
    ),
    (
        "he-added-person",
        "Jane Smith said the town was quiet. The roads were closed, she added.",
        "The roads were closed",
        "act_jane_smith",
    ),
    (
        "the-statement",
        "“The port is open to aid ships,” the Harbour Authority said in a statement.\n\n"
        "“We expect the first ship tomorrow,” the statement added.",
        "We expect the first ship tomorrow",
        "act_harbour_authority",
    ),
    (
        "the-command",
        "The raid was planned for weeks, said the Pacific Command. "
        "More troops will follow, the command stated.",
        "More troops will follow",
        "act_pacific_command",
    ),
    (
        "split-sentence",
        "“The talks have failed,” John Brown said. “We are going home now and will not return.”",
        "We are going home now",
        "act_john_brown",
    ),
]


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"), [c[1:] for c in CHAINS], ids=[c[0] for c in CHAINS]
)
def test_speaker_chain(nlp, text: str, fragment: str, speaker: str) -> None:
    assert find(quotes(nlp, text), fragment).speaker == speaker


@pytest.mark.parametrize(
    "text",
    [
        "The minister did not say when the talks would resume.",
        "The so-called “peace plan” was never published in full.",
        "Rain fell on the capital for a third day.",
    ],
    ids=["negated", "scare-quote", "no-speech"],
)
def test_no_quote(nlp, text: str) -> None:
    assert quotes(nlp, text) == ()


def test_mixed_quote_keeps_reported_content(nlp) -> None:
    text = "The tanks moved north where they “were hidden from satellites” before the raid, said the Pacific Command."
    q = find(quotes(nlp, text), "The tanks moved north")
    assert not q.direct and "“were hidden from satellites”" in q.text


def test_platform_is_never_speaker(nlp) -> None:
    qs = quotes(nlp, "“Aid is on its way,” Twitter said.")
    assert all(q.speaker != "act_twitter" for q in qs)


def test_anonymous_without_actor_is_none(nlp) -> None:
    text = "Two diplomats, speaking on condition of anonymity, said the envoy would resign."
    q = find(quotes(nlp, text), "the envoy would resign")
    assert q.speaker is None


def test_ids_stable(nlp) -> None:
    text = "Jane Smith said that the convoy had reached the border town."
    a, b = quotes(nlp, text), quotes(nlp, text)
    assert [q.id for q in a] == [q.id for q in b] and a[0].id.startswith("quo_")


BAD = [
    ("unbalanced", "He said “the truce is over. " * 30),
    ("huge-quote", "Intro.\n\nShe said: “" + "The war goes on and on. " * 600 + "”"),
    ("nested", "He said “they told me ‘we said “no” twice’ and left” at noon."),
    ("one-long-quote", "“" + "We will fight on and we will win, the commander told the troops. " * 40 + "”"),
    ("marks-only", "“ ” \" \" ‘ ’ « »"),
    ("no-verbs", "Tripoli. Benghazi. Misrata. “Sirte.”"),
    ("all-caps", "“WE WILL NEVER SURRENDER,” THE GENERAL SAID."),
]


@pytest.mark.parametrize("text", [b[1] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_input(nlp, text: str) -> None:
    qs = quotes(nlp, text)
    for q in qs:
        assert q.end - q.start < 0.8 * len(text) or len(text) < 400
        assert q.end - q.start <= 3000


MORE = [
    (
        "transcript-label",
        "John Brown arrived late for the talks.\n\nBROWN: We will not sign this agreement today.",
        "We will not sign this agreement today",
        False, ":", "act_john_brown",
    ),
    (
        "belief-verb",
        "Jane Smith believes that the ceasefire will hold until spring.",
        "that the ceasefire will hold until spring",
        False, "believes", "act_jane_smith",
    ),
    (
        "object-frame",
        "The Harbour Authority announced the closure of the northern terminal.",
        "the closure of the northern terminal",
        False, "announced", "act_harbour_authority",
    ),
    (
        "intent-animate",
        "John Brown vowed to rebuild every school in the district.",
        "to rebuild every school in the district",
        False, "vowed", "act_john_brown",
    ),
    (
        "dateline-source",
        "HARBOURTOWN (Wire) — Maria Lopez said the storm had passed.",
        "the storm had passed",
        False, "said", "act_maria_lopez",
    ),
    (
        "document-from",
        "A statement from the Red Cross said that two trucks had been looted.",
        "that two trucks had been looted",
        False, "said", "act_red_cross",
    ),
    (
        "possessive-statement",
        "The Red Cross's statement added that aid would resume on Friday.",
        "that aid would resume on Friday",
        False, "added", "act_red_cross",
    ),
    (
        "quoted-transcript-label",
        "John Brown arrived late for the talks.\n\n\"BROWN: We will not sign this agreement today.",
        "We will not sign this agreement today",
        True, ":", "act_john_brown",
    ),
    (
        "indented-transcript-label",
        "John Brown arrived late for the talks.\n\n  BROWN: We will not sign this agreement today.",
        "We will not sign this agreement today",
        False, ":", "act_john_brown",
    ),
    (
        "dash-signed-quote",
        "Readers wrote in.\n\n“The market has been empty since the floods came.” ― Maria Lopez\n",
        "The market has been empty since the floods came.",
        True, "―", "act_maria_lopez",
    ),
    (
        "dash-signed-quote-with-description",
        "“Nobody came to help us.” — Jane Smith, a teacher in the valley.",
        "Nobody came to help us.",
        True, "—", "act_jane_smith",
    ),
]


@pytest.mark.parametrize(
    ("text", "fragment", "direct", "cue", "speaker"),
    [c[1:] for c in MORE],
    ids=[c[0] for c in MORE],
)
def test_more_quotes(nlp, text: str, fragment: str, direct: bool, cue: str, speaker: str) -> None:
    q = find(quotes(nlp, text), fragment)
    assert q.direct is direct
    assert q.cue is not None and q.cue.text == cue
    assert q.speaker == speaker


def test_inanimate_threat_is_not_a_quote(nlp) -> None:
    text = "The drought has threatened to ruin the harvest across the valley."
    assert quotes(nlp, text) == ()


def test_mixed_content_keeps_closing_mark(nlp) -> None:
    text = "Jane Smith said that the offer was “an insult to the families.”"
    q = find(quotes(nlp, text), "that the offer was")
    assert q.text.endswith("families.”")
    inner = find(quotes(nlp, text), "an insult to the families.")
    assert inner.direct and inner.speaker == "act_jane_smith"


def _random_text(seed: int) -> str:
    import random

    rng = random.Random(seed)
    vocab = ["said", "he", "the", "army", "“", "”", '"', "‘", "’", "'", "«", "»", ",", ".",
             "\n\n", "according", "to", "Jane Smith", "told", "that", "not", ":", "BROWN:", "rebels"]
    return " ".join(rng.choice(vocab) for _ in range(rng.randint(0, 120)))


@pytest.mark.parametrize("seed", range(12), ids=[f"seed{i}" for i in range(12)])
def test_random_text_invariants(nlp, seed: int) -> None:
    text = _random_text(seed)
    for q in quotes(nlp, text):  # offsets and cue spans are checked inside quotes()
        assert 0 <= q.start < q.end <= len(text)


def test_unparsed_doc_never_crashes() -> None:
    import spacy

    text = '“We are ready,” Jane Smith said, according to Maria Lopez.\n\nBROWN: We will not sign it.'
    ctx = DocContext(article=Article(id="art_blank", text=text), doc=spacy.blank("en")(text))
    for q in extract_quotes(ctx):
        assert text[q.start : q.end] == q.text


def test_parenthetical_cue_splits_content(nlp) -> None:
    text = "Fuel prices, Maria Lopez said, will rise again next month."
    qs = quotes(nlp, text)
    assert [q.text for q in qs] == ["Fuel prices", "will rise again next month"]
    assert {q.speaker for q in qs} == {"act_maria_lopez"} and {q.cue.text for q in qs} == {"said"}
