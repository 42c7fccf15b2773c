"""incidentdb.web."""
