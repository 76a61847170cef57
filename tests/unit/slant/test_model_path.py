"""Which span-model file the label stage reads: the default build, or a file named by the env."""

from __future__ import annotations

import pytest

import eventlens.slant as slant
from eventlens.config import Config


@pytest.mark.parametrize(
    ("use_embeddings", "files", "env", "expected"),
    [
        (False, ["label_spans.npz", "label_spans_minilm.npz"], None, "label_spans.npz"),
        (True, ["label_spans.npz", "label_spans_minilm.npz"], None, "label_spans.npz"),
        (True, ["label_spans.npz"], None, "label_spans.npz"),
        (False, [], None, None),
        (True, ["label_spans.npz", "label_spans_minilm.npz"], "none", None),
        (False, ["label_spans.npz", "label_spans_minilm.npz"], "label_spans_minilm.npz", "label_spans_minilm.npz"),
    ],
    ids=["default", "embeddings-flag-keeps-default", "only-default-built", "nothing-built", "env-off", "env-file"],
)
def test_model_path(tmp_path, monkeypatch, use_embeddings, files, env, expected):
    (tmp_path / "slant").mkdir()
    for name in files:
        (tmp_path / "slant" / name).write_bytes(b"x")
    monkeypatch.setattr(slant, "cache_dir", lambda: tmp_path)
    if env is None:
        monkeypatch.delenv("EVENTLENS_LABEL_MODEL", raising=False)
    else:
        monkeypatch.setenv("EVENTLENS_LABEL_MODEL", env if env == "none" else str(tmp_path / "slant" / env))
    got = slant.model_path(Config(use_embeddings=use_embeddings))
    assert (got.name if got else None) == expected
