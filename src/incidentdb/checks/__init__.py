"""incidentdb.checks."""
