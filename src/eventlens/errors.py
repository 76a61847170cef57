"""One exception hierarchy. Messages say what was wrong and what to do."""

from __future__ import annotations


class EventlensError(Exception):
    """Base of every error eventlens raises on purpose."""

    stage: str = "eventlens"


class InputError(EventlensError):
    """An input (file, line, URL, feed item) cannot be read or is not usable text."""

    stage = "ingest"

    def __init__(self, source: str | None, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}" if source else reason)


class ResourceError(EventlensError):
    """A model, dictionary, codebook or gazetteer is missing or broken."""

    stage = "resources"


class ConfigError(EventlensError):
    """A setting has an invalid value."""

    stage = "config"


class StoreError(EventlensError):
    """The database cannot be opened, migrated or written."""

    stage = "store"
