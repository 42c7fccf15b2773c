"""One settings registry for the whole product.

Every value has a documented default and can be set through an environment variable ``INCIDENTDB_<NAME>``
(for example ``INCIDENTDB_DATABASE_URL``) or passed explicitly by the CLI and web layers.
"""

from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="INCIDENTDB_", extra="ignore")

    database_url: str = Field(
        "sqlite:///incidentdb.sqlite",
        description="SQLAlchemy URL of the store. SQLite by default; postgresql+psycopg://... for teams.",
    )
    pack: str = Field("syria", description="Region pack (a folder under incidentdb/packs or a path).")
    max_file_bytes: int = Field(20 * 1024 * 1024, description="Inputs larger than this are refused.")
    link_engine: str = Field("duckdb", description="Linkage backend: duckdb (default) or spark.")
    link_max_days: int = Field(3, description="Mentions further apart in time than this are never linked.")
    link_max_km: float = Field(25.0, description="Mentions further apart than this are never linked.")
    link_threshold: float = Field(0.5, description="Match probability above which two mentions are linked.")
    extractor: str = Field("rules", description="Extraction backend: rules (default) or llm (optional).")
    llm_base_url: str | None = Field(
        None, description="OpenAI-compatible endpoint for the optional LLM backend."
    )
    llm_model: str = Field("gpt-4o-mini", description="Model name sent to the LLM endpoint.")
    llm_api_key: str | None = Field(
        default=None,
        description="Bearer token for the LLM endpoint, if it needs one (local servers usually do not).",
    )
    llm_timeout_seconds: float = Field(
        default=120.0,
        description="How long one LLM request may take before it is retried (local models can be slow).",
    )
    public_read_only: bool = Field(False, description="Web: serve read-only pages without login.")
    secret_key: str = Field("change-me-in-production", description="Web: key that signs session cookies.")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment."""
    return Settings()  # type: ignore[call-arg]  # mypy sees Field(default, ...) as required; pydantic does not
