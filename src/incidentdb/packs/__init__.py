"""incidentdb.packs."""
