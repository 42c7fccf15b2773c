"""incidentdb.store."""
