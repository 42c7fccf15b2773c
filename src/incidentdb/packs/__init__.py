"""Region packs: gazetteer, actor alias knowledge base and other region data, loaded from data files."""

from incidentdb.packs.loader import ActorEntry, Pack, PackError, PlaceEntry, load_pack

__all__ = ["ActorEntry", "Pack", "PackError", "PlaceEntry", "load_pack"]
