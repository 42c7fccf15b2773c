"""incidentdb.export."""
