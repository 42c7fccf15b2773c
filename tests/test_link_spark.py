"""The same linkage model on Spark (local[2]) gives the same incidents as on DuckDB."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from incidentdb.link import link_mentions
from test_link import market_reports

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
    reports = market_reports()
    on_duckdb = link_mentions(reports, engine="duckdb")
    on_spark = link_mentions(reports, engine="spark", spark=spark)
    assert sorted(i.id for i in on_spark) == sorted(i.id for i in on_duckdb)
    assert [i.grade for i in sorted(on_spark, key=lambda i: i.id)] == [
        i.grade for i in sorted(on_duckdb, key=lambda i: i.id)
    ]
    assert len(on_spark) == 3
