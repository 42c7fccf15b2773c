"""JSON Schemas of the public contract."""
