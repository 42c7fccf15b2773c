"""incidentdb.link."""
