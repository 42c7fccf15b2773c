"""Alembic revisions: one linear history."""
