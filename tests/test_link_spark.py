"""The same linkage model on Spark (local[2]) gives the same incidents as on DuckDB."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest

from incidentdb.link import LinkSettings, link_mentions
from link_helpers import hashing_embedder, mention
from test_link import DAY, market_reports

pytestmark = pytest.mark.spark


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        if os.environ.get("CI") == "true":
            pytest.fail("pyspark must be installed under CI=true (dev extra)")
        pytest.skip("pyspark is not installed")
    from incidentdb.link.model import spark_session

    session = spark_session("local[2]")
    yield session
    session.stop()


def test_spark_engine_matches_duckdb(spark: Any) -> None:
    unplaced = mention(
        "https://h.example/1", DAY, "Maarat al-Numan", 39, "raids on the market in Maarat al-Numan"
    )
    unplaced = replace(unplaced, mention=replace(unplaced.mention, location=None))
    reports = [*market_reports(), unplaced]
    on_duckdb = link_mentions(reports, engine="duckdb")
    on_spark = link_mentions(reports, engine="spark", spark=spark)
    assert sorted(i.id for i in on_spark) == sorted(i.id for i in on_duckdb)
    assert [i.grade for i in sorted(on_spark, key=lambda i: i.id)] == [
        i.grade for i in sorted(on_duckdb, key=lambda i: i.id)
    ]
    assert len(on_spark) == 3
    market = next(i for i in on_spark if len(i.members) > 1)
    assert "https://h.example/1#0" in market.member_keys  # placed by the name its text gives


def test_spark_engine_with_embeddings(spark: Any) -> None:
    settings = LinkSettings(embedder=hashing_embedder)
    on_duckdb = link_mentions(market_reports(), settings=settings)
    on_spark = link_mentions(market_reports(), engine="spark", settings=settings, spark=spark)
    assert sorted(i.id for i in on_spark) == sorted(i.id for i in on_duckdb)
