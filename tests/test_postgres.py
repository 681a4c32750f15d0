"""The aggregation's PostgreSQL SQL on a real PostgreSQL server, compared row by row with DuckDB.

A throwaway server is made for the module (``initdb`` into a temporary folder, a Unix
socket there, no TCP), the sample files are loaded into typed tables as GDELT's and
ACLED's columns are typed elsewhere, and ``events_sql(..., "postgres")`` must give
DuckDB's table. Debian's ``postgresql`` package brings the server (``.ci/run``
installs it); without it these tests skip with the reason, except in CI.
"""

from __future__ import annotations

import csv
import datetime as dt
import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import stakeholders
from stakeholders.events.feeds import ACLED_COLUMNS, GDELT_COLUMNS

from .engines import FILTERS, acled_sample, gdelt_sample, same_table

_TYPES = {"int64": "BIGINT", "float64": "DOUBLE PRECISION", "string": "TEXT", "date": "DATE"}
_CASTS = {"int64": int, "float64": float}


def _as_postgres(*command: str) -> list[str]:
    # The server refuses to run as root: as root, run it as the postgres user.
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else list(command)


@pytest.fixture(scope="module")
def postgres() -> Iterator[Any]:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    reason = None if found else "PostgreSQL's server is not installed (apt-get install postgresql; .ci/run does it)"
    try:
        import psycopg
    except ImportError:
        reason = reason or "the PostgreSQL tests need psycopg (pip install '.[test]')"
    if reason is not None:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the PostgreSQL tests: {reason}")
        pytest.skip(reason)
    bin_folder = Path(found[-1]).parent
    # Not under pytest's temporary folders: those are the test user's alone, and the server runs as postgres.
    folder = Path(tempfile.mkdtemp(prefix="stakeholders-postgres-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    data, port = folder / "data", "54329"
    subprocess.run(_as_postgres(str(bin_folder / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"), check=True, capture_output=True)
    options = f"-k {folder} -p {port} -c listen_addresses=''"
    subprocess.run(_as_postgres(str(bin_folder / "pg_ctl"), "-D", str(data), "-o", options, "-w", "-l", str(folder / "log"), "start"), check=True, capture_output=True)
    try:
        with psycopg.connect(host=str(folder), port=port, user="postgres", dbname="postgres", autocommit=True) as connection:
            yield connection
    finally:
        subprocess.run(_as_postgres(str(bin_folder / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"), capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


def _typed(value: str, kind: str) -> Any:
    """A cell as the typed table holds it: a number that is not one is none, as every reader of ours reads it."""
    text = value.strip()
    if not text:
        return None
    if kind == "date":
        for pattern in ("%Y-%m-%d", "%d %B %Y"):
            try:
                return dt.datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        return None
    try:
        return _CASTS[kind](text) if kind in _CASTS else value
    except ValueError:
        return None


def _load(connection: Any, name: str, columns: tuple[tuple[str, str], ...], rows: list[list[str]]) -> None:
    connection.execute(f"DROP TABLE IF EXISTS {name}")
    typed = ", ".join(f'"{column}" {_TYPES[kind]}' for column, kind in columns)  # quoted: the SQL keeps their case
    connection.execute(f"CREATE TABLE {name} ({typed})")
    with connection.cursor().copy(f"COPY {name} FROM STDIN") as copy:
        for row in rows:
            copy.write_row([_typed(value, kind) for value, (_, kind) in zip(row, columns, strict=True)])


@pytest.fixture(scope="module")
def files(postgres: Any, tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Path], Path]:
    gdelt = gdelt_sample(tmp_path_factory.mktemp("gdelt"))
    lines = [line.rstrip("\n").split("\t") for path in gdelt for line in path.read_text(encoding="utf-8").splitlines()]
    _load(postgres, "gdelt", GDELT_COLUMNS, lines)
    acled = acled_sample(tmp_path_factory.mktemp("acled"))
    with acled.open(encoding="utf-8", newline="") as opened:
        records = [[row[name] for name, _ in ACLED_COLUMNS] for row in csv.DictReader(opened)]
    _load(postgres, "acled", ACLED_COLUMNS, records)
    return gdelt, acled


def _run(connection: Any, sql: str) -> list[dict[str, Any]]:
    cursor = connection.execute(sql)
    names = [column.name for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


@pytest.mark.parametrize("options", FILTERS, ids=lambda o: ",".join(o))
def test_postgres_runs_the_gdelt_sql_and_gives_duckdbs_table(postgres, files, options):
    found = _run(postgres, stakeholders.events_sql("gdelt", "postgres", table="gdelt", **options))
    same_table(stakeholders.aggregate_events("gdelt", files[0], **options).rows, found, "gdelt")
    if "since" not in options:
        left = {r["left_out"]: r["records"] for r in found if r["left_out"]}
        assert left["no-date"] == 4 and left["unknown-code"] == 3


@pytest.mark.parametrize("options", FILTERS[:3] + [{"countries": ["SYR"]}], ids=lambda o: ",".join(o))
def test_postgres_runs_the_acled_sql_and_gives_duckdbs_table(postgres, files, options):
    found = _run(postgres, stakeholders.events_sql("acled", "postgres", table="acled", **options))
    same_table(stakeholders.aggregate_events("acled", [files[1]], **options).rows, found, "acled")
