"""incidentdb.evaluate."""
