"""incidentdb.extract."""
