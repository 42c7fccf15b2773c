"""incidentdb."""
