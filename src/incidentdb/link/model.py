"""The probabilistic linkage model (Fellegi-Sunter, run by splink) and its two backends.

The model compares two mentions on six features. Each comparison has levels from most to least alike, each
with an m probability (how often true matches fall in that level) and a u probability (how often
non-matching pairs *that passed blocking* fall in it). A level adds log2(m/u) to the pair's match weight; the
prior weight is log2(lambda / (1 - lambda)) where lambda is the share of blocked pairs expected to match.
The values are fixed priors written from how news reports of one incident differ (docs/linking.md explains
each) and checked against the gold in corpus/links; nothing is trained at run time, so linking is
deterministic and works on a handful of reports as well as on a million.

The same settings run on DuckDB (default) and on Spark (``engine="spark"``); pyspark is imported lazily.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from incidentdb.link.blocking import blocking_rules
from incidentdb.log import get_logger

log = get_logger(__name__)

Embedder = Callable[[Sequence[str]], Sequence[Sequence[float]]]

_DIST = (
    "sqrt(power((l.lat - r.lat) * 110.57, 2)"
    " + power((l.lon - r.lon) * 111.32 * cos(radians((l.lat + r.lat) / 2)), 2))"
)


@dataclass(frozen=True)
class LinkSettings:
    """Knobs of the linker; defaults documented in docs/linking.md."""

    max_days: int = 3  # mentions further apart in time are never compared
    threshold: float = 0.5  # match probability above which two mentions are linked
    guard: float = 0.5  # share of cross pairs that must be linked for two clusters to merge
    prior: float = 0.05  # lambda: share of blocked pairs expected to be true matches
    max_cluster: int = 60  # a cluster never grows beyond this many mentions
    # optional sentence embedder (texts -> unit vectors); when given, text similarity is the cosine of the
    # mentions' embeddings instead of shared words (see link/embeddings.py)
    embedder: Embedder | None = field(default=None, compare=False, repr=False)


def _suffixed(sql: str) -> str:
    """Comparison SQL names columns ``x_l``/``x_r``; written here as ``l.x``/``r.x`` like blocking rules."""
    return re.sub(r"\b([lr])\.(\w+)", r"\2_\1", sql)


def _level(sql: str, label: str, m: float, u: float) -> dict[str, Any]:
    return {
        "sql_condition": _suffixed(sql),
        "label_for_charts": label,
        "m_probability": m,
        "u_probability": u,
    }


def _null(sql: str) -> dict[str, Any]:
    return {"sql_condition": _suffixed(sql), "label_for_charts": "null", "is_null_level": True}


def _else(m: float, u: float) -> dict[str, Any]:
    return _level("ELSE", "else", m, u)


def comparisons(semantic: bool = False) -> list[Any]:
    """The six comparisons with their levels and fixed m/u probabilities (``semantic``: text similarity by
    embedding cosine instead of shared words)."""
    import splink.comparison_level_library as cll
    from splink.comparison_library import CustomComparison

    place = CustomComparison(
        output_column_name="place",
        comparison_levels=[
            _null(
                "l.lat IS NULL AND r.lat IS NULL AND l.name_key IS NULL AND r.name_key IS NULL"
                " AND (l.where_tokens IS NULL OR r.where_tokens IS NULL)"
            ),
            _level(
                f"l.name_key = r.name_key OR l.name_skel = r.name_skel OR {_DIST} <= 2",
                "same place",
                0.64,
                0.02,
            ),
            _level(
                "l.place_id = r.parent_id OR r.place_id = l.parent_id",
                "a neighbourhood and the town that contains it (gazetteer)",
                0.05,
                0.005,
            ),
            _level(
                f"(l.geo_imprecise = 1 OR r.geo_imprecise = 1) AND (l.admin1 = r.admin1 OR {_DIST} <= 30)",
                "one place is vague (region or province) and contains the other",
                0.16,
                0.08,
            ),
            _level(f"{_DIST} <= 4", "within 4 km", 0.04, 0.05),
            cll.ArrayIntersectLevel("where_tokens", min_intersection=1).configure(
                m_probability=0.06,
                u_probability=0.005,
                label_for_charts="one mention has no place, but its text names the other's place",
            ),
            _level(
                "(l.lat IS NULL AND l.name_key IS NULL AND l.where_tokens IS NOT NULL)"
                " OR (r.lat IS NULL AND r.name_key IS NULL AND r.where_tokens IS NOT NULL)",
                "one mention has no place and its text names others",
                0.02,
                0.13,
            ),
            _level(
                "(l.lat IS NULL AND l.name_key IS NULL) OR (r.lat IS NULL AND r.name_key IS NULL)",
                "one mention has no place",
                0.02,
                0.10,
            ),
            _else(0.01, 0.61),
        ],
    )
    date = CustomComparison(
        output_column_name="date",
        comparison_levels=[
            _null("l.day_start IS NULL OR r.day_start IS NULL"),
            _level(
                "l.date_precise = 1 AND r.date_precise = 1 AND l.day_start = r.day_start",
                "same day",
                0.59,
                0.15,
            ),
            _level("l.day_start <= r.day_end AND r.day_start <= l.day_end", "intervals overlap", 0.22, 0.15),
            _level(
                "l.day_start <= r.day_end + 1 AND r.day_start <= l.day_end + 1", "one day apart", 0.15, 0.21
            ),
            _else(0.04, 0.49),
        ],
    )
    event = CustomComparison(
        output_column_name="event_type",
        comparison_levels=[
            _null("l.event_type IS NULL OR r.event_type IS NULL"),
            _level("l.sub_event_type = r.sub_event_type", "same sub-event type", 0.50, 0.25),
            _level("l.event_type = r.event_type", "same event type", 0.22, 0.20),
            _else(0.28, 0.55),
        ],
    )
    actors = CustomComparison(
        output_column_name="actors",
        comparison_levels=[
            cll.NullLevel("actors"),
            cll.ArrayIntersectLevel("actors", min_intersection=1).configure(
                m_probability=0.55, u_probability=0.45, label_for_charts="an actor in common"
            ),
            cll.ElseLevel().configure(m_probability=0.45, u_probability=0.55),
        ],
    )
    killed = CustomComparison(
        output_column_name="killed",
        comparison_levels=[
            _null("l.killed_low IS NULL OR r.killed_low IS NULL"),
            _level("l.killed_low = r.killed_low AND l.killed_low >= 5", "same toll (5 or more)", 0.35, 0.01),
            _level("l.killed_low = r.killed_low", "same small toll", 0.12, 0.08),
            _level(
                "l.killed_low <= r.killed_high * 2 + 2 AND r.killed_low <= l.killed_high * 2 + 2",
                "compatible tolls (within a factor of two: early and final tolls)",
                0.40,
                0.21,
            ),
            _else(0.13, 0.70),
        ],
    )
    text = CustomComparison(
        output_column_name="text",
        comparison_levels=[
            cll.NullLevel("tokens"),
            cll.ArrayIntersectLevel("tokens", min_intersection=4).configure(
                m_probability=0.30, u_probability=0.03, label_for_charts="4+ words in common"
            ),
            cll.ArrayIntersectLevel("tokens", min_intersection=2).configure(
                m_probability=0.30, u_probability=0.17, label_for_charts="2-3 words in common"
            ),
            cll.ElseLevel().configure(m_probability=0.40, u_probability=0.80),
        ],
    )
    if semantic:
        text = CustomComparison(
            output_column_name="text",
            comparison_levels=[
                cll.NullLevel("embedding"),
                cll.CosineSimilarityLevel("embedding", 0.75).configure(
                    m_probability=0.40, u_probability=0.04, label_for_charts="embeddings: cosine >= 0.75"
                ),
                cll.CosineSimilarityLevel("embedding", 0.5).configure(
                    m_probability=0.35, u_probability=0.26, label_for_charts="embeddings: cosine >= 0.5"
                ),
                cll.ElseLevel().configure(m_probability=0.25, u_probability=0.70),
            ],
        )
    return [place, date, event, actors, killed, text]


def splink_settings(settings: LinkSettings) -> Any:
    from splink import SettingsCreator

    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        probability_two_random_records_match=settings.prior,
        blocking_rules_to_generate_predictions=[
            {"blocking_rule": rule, "arrays_to_explode": explode} if explode else {"blocking_rule": rule}
            for rule, explode in blocking_rules(settings.max_days)
        ],
        comparisons=comparisons(semantic=settings.embedder is not None),
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,
        additional_columns_to_retain=[],
    )


Edge = tuple[str, str, float]


def _predict(db_api: Any, table: Any, settings: LinkSettings, floor: float) -> list[Edge]:
    from splink import Linker

    linker = Linker(table, splink_settings(settings), log_level=logging.WARNING)
    predictions = linker.inference.predict(threshold_match_probability=floor, warning_mode="never")
    frame = predictions.as_pandas_dataframe()
    return [
        (str(a), str(b), float(p))
        for a, b, p in zip(
            frame["unique_id_l"], frame["unique_id_r"], frame["match_probability"], strict=True
        )
    ]


def score_duckdb(rows: Sequence[dict[str, Any]], settings: LinkSettings, floor: float) -> list[Edge]:
    """Scored pairs above ``floor`` using splink on an in-memory DuckDB."""
    import duckdb
    import pandas as pd
    from splink import DuckDBAPI

    con = duckdb.connect(":memory:")
    db_api = DuckDBAPI(connection=con)
    frame = pd.DataFrame(list(rows))
    con.register("mentions_input", frame)
    # Typed table: an all-null column would otherwise come through as INTEGER and break the SQL.
    con.execute(f"CREATE TABLE mentions AS SELECT {_duckdb_casts(column_types(rows))} FROM mentions_input")
    table = db_api.register("mentions")
    try:
        return _predict(db_api, table, settings, floor)
    finally:
        con.close()


_COLUMN_TYPES: dict[str, str] = {
    "unique_id": "VARCHAR",
    "doc": "VARCHAR",
    "outlet": "VARCHAR",
    "kind": "VARCHAR",
    "day_start": "BIGINT",
    "day_end": "BIGINT",
    "date_precise": "INTEGER",
    "bucket_a": "BIGINT",
    "bucket_b": "BIGINT",
    "area": "VARCHAR",
    "admin1": "VARCHAR",
    "name_key": "VARCHAR",
    "name_skel": "VARCHAR",
    "lat": "DOUBLE",
    "lon": "DOUBLE",
    "geo_imprecise": "INTEGER",
    "event_type": "VARCHAR",
    "sub_event_type": "VARCHAR",
    "actors": "VARCHAR[]",
    "killed_low": "BIGINT",
    "killed_high": "BIGINT",
    "injured_low": "BIGINT",
    "injured_high": "BIGINT",
    "tokens": "VARCHAR[]",
    "where_tokens": "VARCHAR[]",
    "type_a": "VARCHAR",
    "type_b": "VARCHAR",
    "noplace_a": "VARCHAR",
    "noplace_b": "VARCHAR",
    "place_id": "VARCHAR",
    "parent_id": "VARCHAR",
    "where_a": "VARCHAR[]",
    "where_b": "VARCHAR[]",
    "grid_aa": "VARCHAR",
    "grid_ab": "VARCHAR",
    "grid_ba": "VARCHAR",
    "grid_bb": "VARCHAR",
}


def column_types(rows: Sequence[dict[str, Any]]) -> dict[str, str]:
    """The feature table's columns and SQL types (plus a fixed-size embedding column when rows carry one)."""
    types = dict(_COLUMN_TYPES)
    dims = {len(row["embedding"]) for row in rows if row.get("embedding") is not None}
    if dims:
        if len(dims) > 1:
            raise ValueError(f"embeddings of different sizes: {sorted(dims)}")
        types["embedding"] = f"FLOAT[{dims.pop()}]"
    return types


def _duckdb_casts(types: dict[str, str]) -> str:
    return ", ".join(f"CAST({name} AS {kind}) AS {name}" for name, kind in types.items())


def _spark_schema(types: dict[str, str]) -> Any:
    from pyspark.sql import types as t

    mapping = {
        "VARCHAR": t.StringType(),
        "BIGINT": t.LongType(),
        "INTEGER": t.IntegerType(),
        "DOUBLE": t.DoubleType(),
        "VARCHAR[]": t.ArrayType(t.StringType()),
    }
    return t.StructType(
        [
            t.StructField(name, mapping.get(kind, t.ArrayType(t.DoubleType())), True)
            for name, kind in types.items()
        ]
    )


def spark_session(master: str = "local[2]") -> Any:
    """A local Spark session (or the active one when running inside a cluster job)."""
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    return (
        SparkSession.builder.master(master)
        .appName("incidentdb-link")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .getOrCreate()
    )


def score_spark(
    rows: Sequence[dict[str, Any]], settings: LinkSettings, floor: float, spark: Any = None
) -> list[Edge]:
    """Scored pairs above ``floor`` using the same splink model on Spark."""
    from splink import SparkAPI

    session = spark or spark_session()
    types = column_types(rows)
    frame = session.createDataFrame(
        [tuple(row.get(name) for name in types) for row in rows], schema=_spark_schema(types)
    )
    # persist instead of checkpoint: no checkpoint directory to configure; the model uses no UDF from
    # splink's jar (place names are compared through precomputed keys), so none is registered
    db_api = SparkAPI(
        spark_session=session, break_lineage_method="persist", register_udfs_automatically=False
    )
    table = db_api.register(frame)
    return _predict(db_api, table, settings, floor)


def score(
    rows: Sequence[dict[str, Any]], settings: LinkSettings, engine: str = "duckdb", spark: Any = None
) -> list[Edge]:
    """All compared pairs whose match probability reaches ``settings.threshold * settings.guard``."""
    if len(rows) < 2:
        return []
    floor = max(0.01, settings.threshold * settings.guard)
    if engine == "duckdb":
        edges = score_duckdb(rows, settings, floor)
    elif engine == "spark":
        edges = score_spark(rows, settings, floor, spark)
    else:
        raise ValueError(f"unknown linkage engine {engine!r}; expected duckdb or spark")
    log.info("link.scored", engine=engine, mentions=len(rows), pairs=len(edges))
    return edges
