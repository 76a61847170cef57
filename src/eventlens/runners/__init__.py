"""Runners: map the per-article function over a corpus (local now; Dask later)."""

from eventlens.runners.local import IngestReport, ingest

__all__ = ["ingest", "IngestReport"]
