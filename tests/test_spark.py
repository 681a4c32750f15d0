"""The aggregation's SQL on a real Spark (pyspark in local mode), compared row by row with DuckDB.

``stakeholders events ... --sql spark`` exists for users who outgrow one machine: the
SQL it prints is run here on Spark over the same sample files (registered as a
table, typed as GDELT's and ACLED's tables are elsewhere), for every period and the
filters, and must give DuckDB's table. ``--backend pyspark://`` runs the aggregation
through Ibis' own PySpark backend, end to end. Spark needs Java: without it (or
without pyspark) these tests skip with the reason, except in CI, where they fail.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

import stakeholders
from stakeholders.events.feeds import ACLED_COLUMNS, GDELT_COLUMNS

from .engines import FILTERS, acled_sample, gdelt_sample, same_table


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
    return gdelt_sample(tmp_path_factory.mktemp("gdelt"))


@pytest.fixture(scope="module")
def acled_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return acled_sample(tmp_path_factory.mktemp("acled"))


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


@pytest.mark.parametrize("options", FILTERS, ids=lambda o: ",".join(o))
def test_spark_runs_the_gdelt_sql_and_gives_duckdbs_table(spark, tables, gdelt_files, options):
    sql = stakeholders.events_sql("gdelt", "spark", table="gdelt", **options)
    found = [row.asDict() for row in spark.sql(sql).collect()]
    here = stakeholders.aggregate_events("gdelt", gdelt_files, **options)
    same_table(here.rows, found, "gdelt")
    left = {r["left_out"]: r["records"] for r in found if r["left_out"]}
    if "since" not in options:
        assert left["no-date"] == 4 and left["unknown-code"] == 3  # 20250231, 20251301, 00000000, 2025011; 999, ABC, 46


@pytest.mark.parametrize("options", FILTERS[:3] + [{"since": "2024-02", "until": "2024-02"}, {"countries": ["SYR"]}], ids=lambda o: ",".join(o))
def test_spark_runs_the_acled_sql_and_gives_duckdbs_table(spark, tables, acled_file, options):
    sql = stakeholders.events_sql("acled", "spark", table="acled", **options)
    found = [row.asDict() for row in spark.sql(sql).collect()]
    here = stakeholders.aggregate_events("acled", [acled_file], **options)
    same_table(here.rows, found, "acled")


def test_the_ibis_pyspark_backend_runs_the_aggregation_end_to_end(spark, tables, gdelt_files, tmp_path):
    through = stakeholders.aggregate_events("gdelt", backend="pyspark://", table="gdelt")
    here = stakeholders.aggregate_events("gdelt", gdelt_files)
    same_table(here.rows, [dict(r) for r in through.rows], "gdelt")
    made = stakeholders.events_map(through)
    assert made.relations == stakeholders.events_map(here).relations > 50


def test_spark_runs_the_gdelt_1_0_sql_over_a_table_in_1_0s_layout(spark, tmp_path):
    from pyspark.sql.types import DoubleType, LongType, StringType, StructField, StructType

    from stakeholders.events.feeds import GDELT1_COLUMNS

    from .test_gdelt1 import LINES, as_layout

    path = tmp_path / "20250101.export.CSV"
    path.write_text("".join(as_layout(line, GDELT1_COLUMNS) for line in LINES), encoding="utf-8")
    types = {"int64": LongType(), "float64": DoubleType(), "string": StringType()}
    schema = StructType([StructField(name, types[kind], True) for name, kind in GDELT1_COLUMNS])
    spark.read.csv(str(path), sep="\t", schema=schema, header=False, quote="").createOrReplaceTempView("gdelt1")
    found = [row.asDict() for row in spark.sql(stakeholders.events_sql("gdelt", "spark", table="gdelt1", gdelt_version=1)).collect()]
    same_table(stakeholders.aggregate_events("gdelt", [path]).rows, found, "gdelt")
    assert len(found) > 50
