"""Alembic migrations of the store (run by incidentdb.store.open_store)."""
