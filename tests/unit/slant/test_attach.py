"""Labels attached to actors: premodifiers, appositions, predicates, possessors, coreference."""

from __future__ import annotations

import pytest

from eventlens.slant import LabelResources, extract_labels
from eventlens.slant.lexicon import default_lexicon
from eventlens.types import ActorKind, LabelKind, stable_id

P, G, C, O = ActorKind.PERSON, ActorKind.GROUP, ActorKind.COUNTRY, ActorKind.ORGANIZATION
LEX = LabelResources(lexicon=default_lexicon())

CASES = [
    # (id, text, actors, [(label text, actor name or None, neutral)])
    ("title", "Warlord Rashid Omari rejected the truce on Friday.",
     {"Rashid Omari": (P, ["Rashid Omari"])}, [("Warlord", "Rashid Omari", "commander")]),
    ("multiword-title", "The putschist general Rashid Omari visited the port.",
     {"Rashid Omari": (P, ["Rashid Omari"])}, [("putschist general", "Rashid Omari", "commander")]),
    ("apposition", "Rashid Omari, a warlord from the south, denied the report.",
     {"Rashid Omari": (P, ["Rashid Omari"])}, [("warlord", "Rashid Omari", "commander")]),
    ("predicate", "Rashid Omari is a warlord, the minister said.",
     {"Rashid Omari": (P, ["Rashid Omari"])}, [("warlord", "Rashid Omari", "commander")]),
    ("possessor", "Omari's militias shelled the airport overnight.",
     {"Rashid Omari": (P, ["Omari"])}, [("militias", "Rashid Omari", "forces")]),
    ("group-mention", "Omari's militias shelled the airport overnight.",
     {"Rashid Omari": (P, ["Omari"]), "Southern Army": (G, ["Omari's militias"])},
     [("militias", "Southern Army", "forces")]),
    ("title-inside-group", "Warlord Omari's militias shelled the airport overnight.",
     {"Rashid Omari": (P, ["Omari"]), "Southern Army": (G, ["Warlord Omari's militias"])},
     [("Warlord", "Rashid Omari", "commander"), ("militias", "Southern Army", "forces")]),
    ("name-modifier", "The Karvan regime closed the border.",
     {"Karvania": (C, ["Karvan"])}, [("regime", "Karvania", "government")]),
    ("coreference", "Rashid Omari met envoys on Monday. Later the warlord's forces withdrew.",
     {"Rashid Omari": (P, ["Rashid Omari"])}, [("warlord", "Rashid Omari", "commander")]),
    ("coreference-memory",
     "Warlord Omari spoke to Lena Berg in Rome. Berg said the warlord would sign.",
     {"Rashid Omari": (P, ["Omari"]), "Lena Berg": (P, ["Lena Berg", "Berg"])},
     [("Warlord", "Rashid Omari", "commander"), ("warlord", "Rashid Omari", "commander")]),
    ("no-actor", "Militias roamed the streets after dark.", {}, [("Militias", None, "forces")]),
    ("adjective", "Officials condemned the genocidal regime in Karvan.",
     {"Karvania": (C, ["Karvan"])}, [("genocidal", None, None), ("regime", None, "government")]),
    ("neutral-text", "Rebels captured the town, and insurgents fled west.",
     {"Rebels": (G, ["Rebels"])}, []),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "actors", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_attachment(ctx_of, text, actors, expected):
    ctx = ctx_of(text, actors)
    labels = extract_labels(ctx, LEX)
    got = [(lb.text, lb.actor, lb.neutral) for lb in labels]
    want = [(t, stable_id("act", a) if a else None, n) for t, a, n in expected]
    assert got == want


@pytest.mark.slow
def test_label_records_are_well_formed(ctx_of):
    text = "The junta arrested freedom fighters and neutralized two thugs."
    ctx = ctx_of(text)
    labels = extract_labels(ctx, LEX)
    assert [lb.kind for lb in labels] == [
        LabelKind.LOADED, LabelKind.HONORIFIC, LabelKind.EUPHEMISM, LabelKind.NAME_CALLING,
    ]
    for lb in labels:
        assert text[lb.start : lb.end] == lb.text
        assert lb.id.startswith("lbl_")
    assert len({lb.id for lb in labels}) == len(labels)
    assert extract_labels(ctx, LEX) == labels  # deterministic
