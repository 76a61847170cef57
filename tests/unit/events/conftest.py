"""Event unit tests run on the rules alone: the learned role model in the user cache (if any,
``make role-model``) is not used unless a test passes one explicitly. Module-scoped, so that
module-scoped fixtures extracting events run on the rules too."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True, scope="module")
def _rules_only():
    from eventlens.events import learned_roles

    mp = pytest.MonkeyPatch()
    mp.setattr(learned_roles, "load_model", lambda: None)
    yield
    mp.undo()
