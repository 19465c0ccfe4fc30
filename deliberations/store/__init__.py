"""Store stage: validated extraction records into SQLite."""

from deliberations.store.database import open_database, store_document, store_error

__all__ = ["open_database", "store_document", "store_error"]
