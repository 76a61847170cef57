"""A generic intent, demand, rejection or threat takes the CAMEO code of the act it governs
(the codebook's content_cameo table, after the CAMEO codebook): "agreed to hold talks" is 036,
"urged X to send aid" 103, "refused to meet" 125, "threatened to attack" 138. Own sentences."""

from __future__ import annotations

import pytest
from eventkit import C, run

from eventlens.config import Config
from eventlens.errors import ResourceError
from eventlens.events import load_codebook
from eventlens.events.codebook import _parse_content_cameo

ACTORS = {
    "avaria": ("Avaria", C, None, ("Avaria",)),
    "belmont": ("Belmont", C, None, ("Belmont",)),
    "corvia": ("Corvia", C, None, ("Corvia",)),
}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "type_", "cameo"),
    [
        ("Avaria agreed to hold talks with Belmont next week.", "AGREE", "036"),
        ("Avaria urged Belmont to send food aid to Corvia.", "REQUEST", "103"),
        ("Avaria refused to meet Belmont in the capital.", "REJECT", "125"),
        ("Avaria threatened to bomb Belmont.", "THREATEN", "138"),
        ("Avaria agreed with Belmont on Monday.", "AGREE", "030"),
    ],
    ids=["agree-to-talks", "urge-to-aid", "refuse-to-meet", "threaten-to-bomb", "no-content"],
)
def test_content_code(text, type_, cameo):
    got = {e.cameo for e in run(text, ACTORS) if e.type == type_}
    assert got == {cameo}


@pytest.mark.parametrize(
    ("code", "governed", "want"),
    [("030", "CONSULT", "036"), ("020", "AID", "023"), ("100", "CONSULT", "106"),
     ("036", "CONSULT", None), ("120", "SUPPORT", None), (None, "AID", None)],
    ids=["intent-meet", "appeal-aid", "demand-meet", "specific-code-kept", "no-row", "no-code"],
)
def test_content_code_table(code, governed, want):
    assert load_codebook(Config()).content_code(code, governed) == want


def test_content_table_checks_types():
    cb = load_codebook(Config())
    with pytest.raises(ResourceError):
        _parse_content_cameo(cb, {"03": {"CONSULT": "106"}})  # a REQUEST code under AGREE
