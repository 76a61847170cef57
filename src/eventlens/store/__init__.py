"""Store stage: the DuckDB database, queries and exports."""

from eventlens.store.db import TABLES, Store
from eventlens.store.queries import EXPORT_FORMATS, Filters, export

__all__ = ["Store", "TABLES", "Filters", "export", "EXPORT_FORMATS"]
