"""incidentdb.ingest."""
