"""The aggregation's SQL on a real Spark (pyspark in local mode), compared row by row with DuckDB.

``stakeholders events ... --sql spark`` exists for users who outgrow one machine: the
SQL it prints is run here on Spark over the same sample files (registered as a
table, typed as GDELT's and ACLED's tables are elsewhere), for every period and the
filters, and must give DuckDB's table. ``--backend pyspark://`` runs the aggregation
through Ibis' own PySpark backend, end to end. Spark needs Java: without it (or
without pyspark) these tests skip with the reason, except in CI, where they fail.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

import stakeholders
from stakeholders.events.feeds import ACLED_COLUMNS, GDELT_COLUMNS

from .test_events import ACLED_NEW, SPECIAL, acled_rows, filler, gdelt_line, write_acled, write_gdelt

# Rows whose date or code is impossible: every engine leaves the same ones out.
AWKWARD = [
    gdelt_line(901, "20250231", "SYRGOV", "SYRREB", "190"),
    gdelt_line(902, "20251301", "SYRGOV", "SYRREB", "190"),
    gdelt_line(903, "00000000", "SYRGOV", "SYRREB", "190"),
    gdelt_line(904, "2025011", "SYRGOV", "SYRREB", "190"),
    gdelt_line(905, "20240229", "SYRGOV", "SYRREB", "190"),
    gdelt_line(906, "20250110", "SYRGOV", "SYRREB", "999"),
    gdelt_line(907, "20250110", "SYRGOV", "SYRREB", "ABC"),
    gdelt_line(908, "20250110", "SYRGOV", "SYRREB", "46"),
    gdelt_line(909, "20250110", "SYRGOV", "SYRREB", "010"),
]


@pytest.fixture(scope="module")
def spark() -> Any:
    reason = None
    if shutil.which("java") is None:
        reason = "Spark needs Java (apt-get install openjdk-17-jre-headless; .ci/run does it)"
    else:
        try:
            from pyspark.sql import SparkSession
        except ImportError:
            reason = "Spark needs pyspark (pip install '.[test]')"
    if reason is not None:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the Spark tests: {reason}")
        pytest.skip(reason)
    session = (
        SparkSession.builder.master("local[1]")
        .appName("stakeholders-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def gdelt_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_gdelt(tmp_path_factory.mktemp("gdelt"), SPECIAL + AWKWARD + filler(600), zipped=False)


@pytest.fixture(scope="module")
def acled_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rows = acled_rows()
    rows.append({**rows[0], "event_id_cnty": "SYR900", "fatalities": "not reported"})
    rows.append(dict(rows[1]))  # the same event again, as in two overlapping downloads
    return write_acled(tmp_path_factory.mktemp("acled") / "acled.csv", rows, ACLED_NEW)


@pytest.fixture(scope="module")
def tables(spark: Any, gdelt_files: list[Path], acled_file: Path) -> None:
    """The files as Spark tables typed as GDELT's BigQuery table and as ACLED's columns are read."""
    from pyspark.sql.types import DoubleType, LongType, StringType, StructField, StructType

    types = {"int64": LongType(), "float64": DoubleType(), "string": StringType()}
    schema = StructType([StructField(name, types[kind], True) for name, kind in GDELT_COLUMNS])
    spark.read.csv([str(p) for p in gdelt_files], sep="\t", schema=schema, header=False, quote="").createOrReplaceTempView("gdelt")
    raw = spark.read.csv(str(acled_file), header=True, multiLine=True, escape='"')
    raw.createOrReplaceTempView("acled_raw")
    casts = {
        "event_date": "coalesce(try_to_date(event_date, 'yyyy-MM-dd'), try_to_date(event_date, 'd MMMM yyyy')) AS event_date",
        "iso": "try_cast(trim(iso) AS BIGINT) AS iso",
        "fatalities": "try_cast(trim(fatalities) AS BIGINT) AS fatalities",
    }
    columns = ", ".join(casts.get(name, name) for name, _ in ACLED_COLUMNS)
    spark.sql(f"CREATE OR REPLACE TEMP VIEW acled AS SELECT {columns} FROM acled_raw")


def _normal(row: dict[str, Any], feed: str) -> tuple:
    """A row as both engines agree to write it: dates as dates, GDELT's ids as a set, an empty text as none."""
    values = []
    for name, value in row.items():
        if isinstance(value, dt.datetime):
            value = value.date()
        if value == "":
            value = None
        if name == "goldstein" and value is not None:
            value = round(value, 6)
        if name == "event_ids" and value is not None and feed == "gdelt":
            value = tuple(sorted(value.split()))
        values.append((name, value))
    return tuple(values)


def _same(duckdb_rows: Any, spark_rows: list[dict[str, Any]], feed: str) -> None:
    here = sorted((_normal(dict(r), feed) for r in duckdb_rows), key=repr)
    there = sorted((_normal(r, feed) for r in spark_rows), key=repr)
    assert len(here) == len(there)
    for a, b in zip(here, there, strict=True):
        assert a == b


FILTERS = [
    {"period": "month"},
    {"period": "week"},
    {"period": "day"},
    {"since": "2025-01-05", "until": "2025-02"},
    {"countries": ["SYR"], "kinds": ["airstrike", "armed-clash"]},
]


@pytest.mark.parametrize("options", FILTERS, ids=lambda o: ",".join(o))
def test_spark_runs_the_gdelt_sql_and_gives_duckdbs_table(spark, tables, gdelt_files, options):
    sql = stakeholders.events_sql("gdelt", "spark", table="gdelt", **options)
    found = [row.asDict() for row in spark.sql(sql).collect()]
    here = stakeholders.aggregate_events("gdelt", gdelt_files, **options)
    _same(here.rows, found, "gdelt")
    left = {r["left_out"]: r["records"] for r in found if r["left_out"]}
    if "since" not in options:
        assert left["no-date"] == 4 and left["unknown-code"] == 3  # 20250231, 20251301, 00000000, 2025011; 999, ABC, 46


@pytest.mark.parametrize("options", FILTERS[:3] + [{"since": "2024-02", "until": "2024-02"}, {"countries": ["SYR"]}], ids=lambda o: ",".join(o))
def test_spark_runs_the_acled_sql_and_gives_duckdbs_table(spark, tables, acled_file, options):
    sql = stakeholders.events_sql("acled", "spark", table="acled", **options)
    found = [row.asDict() for row in spark.sql(sql).collect()]
    here = stakeholders.aggregate_events("acled", [acled_file], **options)
    _same(here.rows, found, "acled")


def test_the_ibis_pyspark_backend_runs_the_aggregation_end_to_end(spark, tables, gdelt_files, tmp_path):
    through = stakeholders.aggregate_events("gdelt", backend="pyspark://", table="gdelt")
    here = stakeholders.aggregate_events("gdelt", gdelt_files)
    _same(here.rows, [dict(r) for r in through.rows], "gdelt")
    made = stakeholders.events_map(through)
    assert made.relations == stakeholders.events_map(here).relations > 50
