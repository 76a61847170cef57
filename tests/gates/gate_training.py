"""Helpers shared by the accuracy gates."""

from __future__ import annotations

import logging
import runpy
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
log = logging.getLogger(__name__)


def run_training_script(script: str, data: Path) -> None:
    """Run ``scripts/<script> --data DATA`` in this process (a locally trained model is missing)."""
    log.warning("%s: model not built, training it now (once)", script)
    argv = sys.argv
    sys.argv = [script, "--data", str(data)]
    try:
        with pytest.raises(SystemExit) as done:
            runpy.run_path(str(REPO / "scripts" / script), run_name="__main__")
        assert done.value.code == 0, f"{script} failed"
    finally:
        sys.argv = argv
