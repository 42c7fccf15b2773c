"""incidentdb.cli."""
