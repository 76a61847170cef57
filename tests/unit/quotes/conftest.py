"""Quote unit tests run on the rules alone: the learned cue model and source chooser in the
user cache (if any) are not used unless a test passes one explicitly."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _rules_only(monkeypatch):
    import eventlens.quotes as quotes

    monkeypatch.setattr(quotes, "load_model", lambda: None)
    monkeypatch.setattr(quotes, "load_source_model", lambda: None)
